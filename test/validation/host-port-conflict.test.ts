import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { DaemonSetValidator, NodeExporterDaemonSet, ValidationSeverity } from '../../src';
import { daemonSet } from '../helpers/coverage';

const exporter = (name: string, pod: any = {}, port: any = { containerPort: 9100 }) =>
  daemonSet(name, { hostNetwork: true, containers: [{ name, image: 'x:1', ports: [port] }], ...pod }, 'monitoring');

function conflicts(...manifests: any[]): string[] {
  return DaemonSetValidator.validateAll(manifests).filter(f => f.rule === 'host-port-conflict').map(f => `${f.resource}: ${f.path}: ${f.message}`);
}

describe('host-port-conflict', () => {
  test('two host-network exporters on 9100: an error on each, at its own port, naming the other', () => {
    const found = conflicts(exporter('node-exporter'), daemonSet('legacy', { containers: [{ name: 'c', image: 'x:1', ports: [{ containerPort: 9100, hostPort: 9100 }] }] }, 'monitoring'));
    expect(found).toEqual([
      'DaemonSet monitoring/node-exporter: spec.template.spec.containers[0].ports[0].containerPort: host port TCP/9100 is also bound by DaemonSet monitoring/legacy, '
      + 'and their node selection lets both run on one node, where the pod created second stays Pending ("didn\'t have free ports"): move one of them to another port (the presets\' `port` prop)',
      'DaemonSet monitoring/legacy: spec.template.spec.containers[0].ports[0].hostPort: host port TCP/9100 is also bound by DaemonSet monitoring/node-exporter, '
      + 'and their node selection lets both run on one node, where the pod created second stays Pending ("didn\'t have free ports"): move one of them to another port (the presets\' `port` prop)',
    ]);
    expect(DaemonSetValidator.rules().find(r => r.id === 'host-port-conflict')!.severity).toBe(ValidationSeverity.ERROR);
  });

  test('no conflict: another port, protocol or host address, or node selections that never meet', () => {
    expect(conflicts(exporter('a'), exporter('b', {}, { containerPort: 9101 }))).toEqual([]);
    expect(conflicts(exporter('a'), exporter('b', {}, { containerPort: 9100, protocol: 'UDP' }))).toEqual([]);
    const onIp = (name: string, ip: string) => exporter(name, { hostNetwork: false }, { containerPort: 9100, hostPort: 9100, hostIP: ip });
    expect(conflicts(onIp('a', '10.0.0.1'), onIp('b', '10.0.0.2'))).toEqual([]);
    expect(conflicts(onIp('a', '10.0.0.1'), exporter('b'))).toHaveLength(2);
    expect(conflicts(exporter('linux', { nodeSelector: { 'kubernetes.io/os': 'linux' } }), exporter('windows', { nodeSelector: { 'kubernetes.io/os': 'windows' } }))).toEqual([]);
    const pool = (name: string, op: string) => exporter(name, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: op, values: ['gpu'] }] }] } } } });
    expect(conflicts(pool('gpu', 'In'), pool('rest', 'NotIn'))).toEqual([]);
    // Tolerations never separate two daemons: an untainted node admits both.
    expect(conflicts(exporter('a', { tolerations: [{ key: 'gpu', operator: 'Exists' }] }), exporter('b'))).toHaveLength(2);
    // A single DaemonSet is host-port-duplicate's business, not this rule's.
    expect(conflicts(exporter('a'))).toEqual([]);
  });

  test('many on one port, each on its own node pool: no conflict; one without a pool conflicts with every pool', () => {
    const pools = ['a', 'b', 'c', 'd', 'e', 'f'].map(p => exporter(`pool-${p}`, { nodeSelector: { 'kubernetes.io/os': 'linux', 'pool': p } }));
    expect(conflicts(...pools)).toEqual([]);
    const everywhere = exporter('everywhere', { nodeSelector: { 'kubernetes.io/os': 'linux' } });
    const found = conflicts(...pools, everywhere);
    expect(found).toHaveLength(7);
    expect(found[6]).toContain('is also bound by DaemonSet monitoring/pool-a, DaemonSet monitoring/pool-b, DaemonSet monitoring/pool-c and 3 more,');
    expect(found[0]).toContain('is also bound by DaemonSet monitoring/everywhere,');
  });

  test('many alike: the first three are named, the rest counted', () => {
    const found = conflicts(...['a', 'b', 'c', 'd', 'e'].map(n => exporter(n)));
    expect(found).toHaveLength(5);
    expect(found[0]).toContain('is also bound by DaemonSet monitoring/b, DaemonSet monitoring/c, DaemonSet monitoring/d and 1 more,');
  });

  test('synth: two node exporters on the default port fail the App, each naming the other and the port prop', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'monitoring', { namespace: 'monitoring' });
    new NodeExporterDaemonSet(chart, 'node-exporter');
    const other = new Chart(app, 'team', { namespace: 'team' });
    new NodeExporterDaemonSet(other, 'team-exporter');
    expect(() => app.synth()).toThrow(/host port TCP\/9100 is also bound by DaemonSet team\/team-team-exporter-c[0-9a-f]+, and their node selection lets both run on one node.*prop: port, metricsPort or ports\[\]\.number; or nodeSelector \/ nodeAffinity.*fix: Give one of them another port: the presets' `port` prop/s);
  });

  test('synth: any DaemonSet of the App takes part, a plain ApiObject too; the chart reports its own', () => {
    const chart = Testing.chart();
    new NodeExporterDaemonSet(chart, 'node-exporter', { metadata: { namespace: 'monitoring' } });
    new ApiObject(chart, 'legacy', exporter('legacy'));
    expect(() => Testing.synth(chart)).toThrow(/\] DaemonSet monitoring\/test-node-exporter-c[0-9a-f]+: spec.template.spec.containers\[0\].ports\[0\].hostPort: host port TCP\/9100 is also bound by DaemonSet monitoring\/legacy,/);
    expect(() => Testing.synth(chart)).toThrow(/\] DaemonSet monitoring\/legacy: spec.template.spec.containers\[0\].ports\[0\].containerPort: host port TCP\/9100 is also bound by DaemonSet monitoring\/test-node-exporter/);
  });

  test('synth: the port prop is the way out', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'monitoring', { namespace: 'monitoring' });
    new NodeExporterDaemonSet(chart, 'node-exporter');
    new NodeExporterDaemonSet(chart, 'second', { port: 9101 });
    expect(() => app.synth()).not.toThrow();
  });
});
