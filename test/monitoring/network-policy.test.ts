import { DAEMONS, errorOf, expectSchemaValid, render } from './helpers';
import { CollectdDaemonSet, DaemonSetValidator, NodeDaemonSet, NodeExporterDaemonSet } from '../../src';
import { byKind } from '../helpers/synth';

describe.each(DAEMONS)('networkPolicy on %s', (_name, make, metrics) => {
  test('admits only Prometheus, only to the metrics port, and leaves egress alone', () => {
    const manifests = render(s => make(s, { networkPolicy: { namespaceSelector: { 'kubernetes.io/metadata.name': 'prometheus' } } }));
    const ds = byKind(manifests, 'DaemonSet');
    const policy = byKind(manifests, 'NetworkPolicy');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: ds.spec.selector.matchLabels },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prometheus' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
        ports: [{ port: metrics.number, protocol: 'TCP' }],
      }],
    });
    expectSchemaValid(manifests);
  });
});

describe('networkPolicy', () => {
  test('without namespaceSelector, Prometheus pods of the daemon\'s own namespace', () => {
    const policy = byKind(render(s => new CollectdDaemonSet(s, 'c', { networkPolicy: { podSelector: { app: 'prom' } } })), 'NetworkPolicy');
    expect(policy.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { app: 'prom' } } }]);
  });

  test('behind kube-rbac-proxy, the proxy\'s port', () => {
    const policy = byKind(render(s => new NodeExporterDaemonSet(s, 'ne', { kubeRbacProxy: {}, networkPolicy: {} })), 'NetworkPolicy');
    expect(policy.spec.ingress[0].ports).toEqual([{ port: 9100, protocol: 'TCP' }]);
  });

  test('on host-network pods it warns (network-policy-host-network); off the host network it does not', () => {
    const hostNetwork = render(s => new NodeExporterDaemonSet(s, 'ne', { networkPolicy: {} }));
    const findings = DaemonSetValidator.validateAll(hostNetwork, { hostAccessOptedIn: true });
    expect(findings.filter(f => f.rule === 'network-policy-host-network').map(f => f.resource)).toEqual([`NetworkPolicy ${byKind(hostNetwork, 'NetworkPolicy').metadata.namespace}/${byKind(hostNetwork, 'NetworkPolicy').metadata.name}`]);
    const podNetwork = render(s => new CollectdDaemonSet(s, 'c', { networkPolicy: {} }));
    expect(DaemonSetValidator.validateAll(podNetwork).filter(f => f.rule === 'network-policy-host-network')).toEqual([]);
  });

  test.each<[string, object, RegExp]>([
    ['no metrics port', { networkPolicy: {} }, /networkPolicy: Invalid value: \{\}: the daemon serves no metrics port/],
    ['a bad selector label', { ports: [{ name: 'metrics', number: 1 }], podMonitor: { port: 'metrics' }, networkPolicy: { podSelector: { 'a b': 'x' } } }, /networkPolicy\.podSelector key: Invalid value: "a b"/],
  ])('refuses %s', (_what, options, message) => {
    expect(errorOf(s => new NodeDaemonSet(s, 'agent', { image: 'example.com/a:v1', ...options }))).toMatch(message);
  });
});
