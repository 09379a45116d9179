/**
 * The rule `cdk8s-plus-implicit-resources`: a container that cdk8s-plus gave its implicit
 * 1000m/512Mi requests and 1500m/2048Mi limits, which the escape hatch `daemonSet.addContainer()`
 * does silently. Only that exact combination is reported.
 */
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSetValidator, NodeDaemonSet } from '../../src';
import { byKind } from '../helpers/synth';

const RULE = 'cdk8s-plus-implicit-resources';

function daemonSet(build: (d: NodeDaemonSet) => void): any {
  const chart = Testing.chart();
  const d = new NodeDaemonSet(chart, 'agent', { image: 'registry.example.com/agent:1.0.0', runAsUser: 10001 });
  build(d);
  return byKind(chart.toJson(), 'DaemonSet');
}

const findings = (ds: any) => DaemonSetValidator.validate(ds).filter(f => f.rule === RULE);

test('the escape hatch daemonSet.addContainer() is reported, with the container and the way out', () => {
  const ds = daemonSet(d => d.daemonSet.addContainer({ name: 'escape', image: 'registry.example.com/x:1.0.0' }));
  // What cdk8s-plus-27 renders for a container without resources.
  expect(ds.spec.template.spec.containers[1].resources).toEqual({ limits: { cpu: '1500m', memory: '2048Mi' }, requests: { cpu: '1000m', memory: '512Mi' } });
  expect(findings(ds)).toEqual([expect.objectContaining({
    severity: 'warning',
    path: 'spec.template.spec.containers[1].resources',
    message: expect.stringContaining('container "escape" has cdk8s-plus\'s implicit 1000m/512Mi requests and 1500m/2048Mi limits'),
    fix: expect.stringContaining('addSidecar()'),
  })]);
});

test('init containers added through the escape hatch too', () => {
  const ds = daemonSet(d => d.daemonSet.addInitContainer({ name: 'init', image: 'registry.example.com/x:1.0.0' }));
  expect(findings(ds).map(f => f.path)).toEqual(['spec.template.spec.initContainers[0].resources']);
});

test('addSidecar() is not reported: it applies no implicit resources', () => {
  expect(findings(daemonSet(d => d.addSidecar({ name: 'side', image: 'registry.example.com/x:1.0.0', runAsUser: 1 })))).toEqual([]);
});

test('the same amounts written otherwise are the same quantities', () => {
  const ds = daemonSet(() => undefined);
  ds.spec.template.spec.containers[0].resources = { requests: { cpu: '1', memory: '536870912' }, limits: { cpu: '1.5', memory: '2Gi' } };
  expect(findings(ds)).toHaveLength(1);
});

test.each([
  ['a different limit', { requests: { cpu: '1000m', memory: '512Mi' }, limits: { cpu: '2', memory: '2048Mi' } }],
  ['only the requests', { requests: { cpu: '1000m', memory: '512Mi' } }],
  ['an extra resource', { requests: { 'cpu': '1000m', 'memory': '512Mi', 'ephemeral-storage': '1Gi' }, limits: { cpu: '1500m', memory: '2048Mi' } }],
])('resources someone chose are never reported: %s', (_name, resources) => {
  const ds = daemonSet(d => d.addSidecar({ name: 'side', image: 'registry.example.com/x:1.0.0', runAsUser: 1, resources: { cpu: { request: kplus.Cpu.millis(1) } } }));
  ds.spec.template.spec.containers[1].resources = resources;
  expect(findings(ds)).toEqual([]);
});
