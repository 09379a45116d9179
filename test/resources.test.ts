import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonResources, NodeDaemonSet, NodeExporterDaemonSet } from '../src';
import { podSpec, synth } from './helpers/synth';

function resourcesOf(resources: kplus.ContainerResources) {
  const chart = Testing.chart();
  new NodeDaemonSet(chart, 'agent', { image: 'example.com/agent:v1.2.3', resources });
  return podSpec(synth(chart)).containers[0].resources;
}

describe('DaemonResources.of', () => {
  test('renders exactly what the same kplus.ContainerResources renders', () => {
    const plain = DaemonResources.of({
      cpuRequestMillicores: 100,
      cpuLimitMillicores: 1500,
      memoryRequest: Size.mebibytes(64),
      memoryLimit: Size.gibibytes(1),
      ephemeralStorageRequest: Size.mebibytes(100),
      ephemeralStorageLimit: Size.gibibytes(2),
    });
    const kplusMade: kplus.ContainerResources = {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(1500) },
      memory: { request: Size.mebibytes(64), limit: Size.gibibytes(1) },
      ephemeralStorage: { request: Size.mebibytes(100), limit: Size.gibibytes(2) },
    };
    expect(resourcesOf(plain)).toEqual(resourcesOf(kplusMade));
    expect(resourcesOf(plain)).toEqual({
      requests: { 'cpu': '100m', 'memory': '64Mi', 'ephemeral-storage': '100Mi' },
      limits: { 'cpu': '1500m', 'memory': '1Gi', 'ephemeral-storage': '2Gi' },
    });
  });

  test('leaves out what is not given, so a preset keeps its default for that resource', () => {
    const chart = Testing.chart();
    new NodeExporterDaemonSet(chart, 'ne', { resources: DaemonResources.of({ cpuRequestMillicores: 50 }) });
    const r = podSpec(synth(chart)).containers[0].resources;
    expect(r.requests.cpu).toBe('50m');
    // node-exporter's own memory request and limit stay (a user's CPU replaces only CPU).
    expect(r.requests.memory).toBeDefined();
    expect(r.limits.memory).toBeDefined();
    expect(r.limits.cpu).toBeUndefined();
  });

  test('0 millicores is a value, not absence', () => {
    expect(resourcesOf(DaemonResources.of({ cpuRequestMillicores: 0 }))).toEqual({ requests: { cpu: '0m' } });
  });

  test.each<[string, object, RegExp]>([
    ['a fraction of a millicore', { cpuRequestMillicores: 1.5 }, /^\[DaemonResources\.of\] cpuRequestMillicores: Invalid value: 1\.5: must be a whole number of millicores >= 0 \(1000 is one core\) \(prop-value\)/],
    ['a negative limit', { cpuLimitMillicores: -1 }, /cpuLimitMillicores: Invalid value: -1: must be a whole number/],
    ['NaN', { cpuLimitMillicores: NaN }, /cpuLimitMillicores: Invalid value: NaN/],
    ['a string', { cpuRequestMillicores: '100m' }, /cpuRequestMillicores: Invalid value: "100m"/],
    ['a number for memory', { memoryLimit: 1024 }, /^\[DaemonResources\.of\] memoryLimit: Invalid value: 1024: must be made by Size\.mebibytes\(\)/],
  ])('refuses %s', (_, values, error) => {
    expect(() => DaemonResources.of(values as any)).toThrow(error);
  });
});
