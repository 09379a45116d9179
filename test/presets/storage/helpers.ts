import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSetUpdateStrategy, DaemonSetValidator, ValidationSeverity } from '../../../src';
import { expectValidManifests } from '../../helpers/schema';
import { synth } from '../../helpers/synth';

/** Synthesizes a fresh chart holding what `add` builds. */
export function renderChart(add: (chart: Chart) => void): any[] {
  const chart = Testing.chart();
  add(chart);
  return synth(chart);
}

/** The message `fn` throws; fails the test when it does not throw. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

/** The volume mounts of `container` joined with their volumes, by mount path. */
export function mountsByPath(pod: any, container: any): { [path: string]: { mount: any; volume: any } } {
  const out: { [path: string]: { mount: any; volume: any } } = {};
  for (const m of container.volumeMounts ?? []) {
    out[m.mountPath] = { mount: m, volume: (pod.volumes ?? []).find((v: any) => v.name === m.name) };
  }
  return out;
}

/** A surge rollout: refused for pods on the host network or with a hostPort. */
export const SURGE = DaemonSetUpdateStrategy.rollingUpdate({
  maxSurge: kplus.PercentOrAbsolute.absolute(1),
  maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
});

/** Every manifest conforms to its Kubernetes schema and DaemonSetValidator finds no error in it. */
export function expectValidExample(manifests: any[]): void {
  expectValidManifests(manifests);
  const errors = manifests.flatMap(m => DaemonSetValidator.validate(m)).filter(f => f.severity === ValidationSeverity.ERROR);
  expect(errors).toEqual([]);
}
