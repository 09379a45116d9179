import { Chart, Testing } from 'cdk8s';
import { DaemonNamespace, NodeDaemonSet, NodeExporterDaemonSet, PodSecurityLevel } from '../src';
import { byKind, synth } from './helpers/synth';

describe('DaemonNamespace', () => {
  test('labels the namespace with the level its daemons need', () => {
    const chart = Testing.chart();
    const exporter = new NodeExporterDaemonSet(chart, 'ne', { metadata: { namespace: 'monitoring' } });
    const ns = new DaemonNamespace(chart, 'ns', { name: 'monitoring', daemons: [exporter] });
    const namespace = byKind(synth(chart), 'Namespace');
    expect(ns.podSecurityLevel).toBe(PodSecurityLevel.PRIVILEGED);
    expect(namespace.metadata).toEqual({
      name: 'monitoring',
      labels: {
        'app.kubernetes.io/managed-by': 'cdk8s',
        'pod-security.kubernetes.io/enforce': 'privileged',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
    });
  });

  test('takes the highest level of all its daemons, counting daemons added later', () => {
    const chart = Testing.chart();
    const ns = new DaemonNamespace(chart, 'ns', { name: 'agents' });
    expect(ns.podSecurityLevel).toBe(PodSecurityLevel.RESTRICTED);
    ns.addDaemon(new NodeDaemonSet(chart, 'a', { image: 'example.com/a:v1.0.0', metadata: { namespace: 'agents' } }));
    expect(ns.podSecurityLevel).toBe(PodSecurityLevel.RESTRICTED);
    ns.addDaemon(new NodeDaemonSet(chart, 'b', { image: 'example.com/b:v1.0.0', metadata: { namespace: 'agents' }, runAsUser: 0 }));
    expect(byKind(synth(chart), 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
  });

  test('a daemon above the namespace level fails synth, so a daemon left out of it is caught', () => {
    const chart = Testing.chart();
    new DaemonNamespace(chart, 'ns', { name: 'monitoring' });
    new NodeExporterDaemonSet(chart, 'ne', { metadata: { namespace: 'monitoring' } });
    expect(() => synth(chart)).toThrow(/namespace-pod-security/);
  });

  test('refuses at synth a daemon that runs in another namespace', () => {
    const chart = Testing.chart();
    const exporter = new NodeExporterDaemonSet(chart, 'ne', { metadata: { namespace: 'elsewhere' } });
    new DaemonNamespace(chart, 'ns', { name: 'monitoring', daemons: [exporter] });
    expect(() => synth(chart)).toThrow(/\[test\/ns\] Namespace monitoring: metadata\.name: Invalid value: "monitoring": daemon test\/ne runs in namespace "elsewhere", not in monitoring \(daemon-namespace-mismatch; prop: name\); fix: /);
  });

  test('comes first in the output, without a namespace of its own', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    const exporter = new NodeExporterDaemonSet(chart, 'ne');
    new DaemonNamespace(chart, 'ns', { name: 'monitoring', daemons: [exporter] });
    const manifests = chart.toJson();
    expect(manifests[0].kind).toBe('Namespace');
    expect(manifests[0].metadata.namespace).toBeUndefined();
  });

  test('its own Pod Security labels get the API server checks at synth', () => {
    const chart = Testing.chart();
    new DaemonNamespace(chart, 'ns', { name: 'monitoring', labels: { 'pod-security.kubernetes.io/warn': 'superuser' } });
    expect(() => synth(chart)).toThrow(/\[test\/ns\] Namespace monitoring: metadata\.labels\[pod-security\.kubernetes\.io\/warn\]/);
  });

  test.each([
    ['an invalid name', { name: 'Monitoring' }, /\[test\/ns\] name: Invalid value: "Monitoring"/],
    ['an invalid label', { name: 'm', labels: { 'bad key!': 'x' } }, /\[test\/ns\] labels: Invalid value: "bad key!"/],
    ['an enforce label of its own', { name: 'm', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } }, /labels\[pod-security\.kubernetes\.io\/enforce\]: Invalid value: "baseline": is computed from the daemons/],
    ['a daemon that is no NodeDaemonSet (JavaScript)', { name: 'm', daemons: [{ apiObjects: [] }] as any }, /daemons: Invalid value: \{"apiObjects":\[\]\}: must be made by a NodeDaemonSet/],
    ['daemons that are no list (JavaScript)', { name: 'm', daemons: 'x' as any }, /daemons: Invalid value: a string of 1 character: must be a list/],
  ])('rejects %s', (_what, props, expected) => {
    expect(() => new DaemonNamespace(Testing.chart(), 'ns', props)).toThrow(expected);
  });
});
