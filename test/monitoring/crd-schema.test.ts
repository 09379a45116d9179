import { crdOf, crdSchemaErrors } from './crd-schema';

const monitor = (spec: object) => ({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' }, spec });

describe('the CRD schema check can fail', () => {
  test('the committed CRDs are the pinned operator release\'s', () => {
    for (const kind of ['ServiceMonitor', 'PodMonitor', 'PrometheusRule']) {
      const crd = crdOf(kind);
      expect(crd.metadata.annotations['operator.prometheus.io/version']).toBe('0.95.2');
      expect(crd.spec.names.kind).toBe(kind);
      expect(crd.spec.versions.map((v: any) => v.name)).toContain('v1');
    }
  });

  test.each<[string, object, RegExp]>([
    ['a valid monitor', { selector: {}, endpoints: [{ port: 'metrics', interval: '30s' }] }, /^$/],
    ['a missing selector', { endpoints: [] }, /must have required property 'selector'/],
    ['an unknown field (kubectl apply refuses it)', { selector: {}, endpoints: [{ port: 'metrics', intervall: '30s' }] }, /must NOT have additional properties.*intervall/],
    ['a duration Prometheus does not write', { selector: {}, endpoints: [{ interval: '30 s' }] }, /interval must match pattern/],
    ['a scheme out of the enum', { selector: {}, endpoints: [{ scheme: 'ftp' }] }, /scheme must be equal to one of the allowed values/],
  ])('%s', (_what, spec, expected) => {
    expect(crdSchemaErrors(monitor(spec)).join('\n')).toMatch(expected);
  });

  test('patterns are Go regular expressions: (?i) works as on the API server', () => {
    const rule = (strategy: string) => ({
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'r' },
      spec: { groups: [{ name: 'g', partial_response_strategy: strategy, rules: [] }] },
    });
    expect(crdSchemaErrors(rule('WARN'))).toEqual([]);
    expect(crdSchemaErrors(rule('maybe')).join('\n')).toMatch(/partial_response_strategy must match pattern/);
  });

  test('a list-type map with a repeated key', () => {
    const rule = {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'r' },
      spec: { groups: [{ name: 'g', rules: [] }, { name: 'g', rules: [] }] },
    };
    expect(crdSchemaErrors(rule).join('\n')).toMatch(/x-kubernetes-list-type/);
  });
});
