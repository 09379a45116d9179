import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  CephCsiDriver, CephCsiNodeDaemonSet, CollectdDaemonSet, GlusterfsDaemonSet, LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet,
} from '../../src';

/** Each preset, made from props a JavaScript caller wrote (no compiler checks them). */
const PRESETS: Array<[string, (scope: Construct, props: any) => unknown]> = [
  ['NodeExporterDaemonSet', (s, p) => new NodeExporterDaemonSet(s, 'd', p)],
  ['CollectdDaemonSet', (s, p) => new CollectdDaemonSet(s, 'd', p)],
  ['LogCollectorDaemonSet', (s, p) => new LogCollectorDaemonSet(s, 'd', { outputs: [LogOutput.stdout()], ...p })],
  ['GlusterfsDaemonSet', (s, p) => new GlusterfsDaemonSet(s, 'd', p)],
  ['CephCsiNodeDaemonSet', (s, p) => new CephCsiNodeDaemonSet(s, 'd', { driver: CephCsiDriver.RBD, clusters: [{ clusterId: 'c1', monitors: ['192.0.2.11:6789'] }], ...p })],
];

const chart = () => new Chart(Testing.app(), 'test', { namespace: 'node-agents' });

describe.each(PRESETS)('%s', (_name, make) => {
  test.each<[string, unknown]>([
    ['args', ['--collector.disable-defaults']],
    ['command', ['/bin/sh', '-c', 'exec agent']],
    ['ports', [{ number: 9999 }]],
    ['configDirectory', { mountPath: '/etc/agent', files: { 'a.conf': 'a' } }],
    ['clusterRoleRules', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]],
  ])('refuses %s, a prop the preset sets itself, by name', (prop, value) => {
    // Before: accepted and silently dropped (the DaemonSet ran without the user's args or command).
    expect(() => make(chart(), { [prop]: value })).toThrow(new RegExp(`\\[test/d\\] ${prop}: Invalid value: .*: is not a prop of this preset: .*; for a daemon of your own use NodeDaemonSet`));
  });

  test('takes envVariables, after its own', () => {
    const c = chart();
    make(c, { envVariables: { EXTRA_SETTING: kplus.EnvValue.fromValue('1') } });
    const env = Testing.synth(c).find(o => o.kind === 'DaemonSet').spec.template.spec.containers[0].env;
    expect(env.map((e: any) => e.name)).toContain('EXTRA_SETTING');
  });
});
