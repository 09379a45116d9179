import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { crdSchemaErrors } from './crd-schema';
import {
  CollectdDaemonSet, LogCollectorDaemonSet, LogCollectorEngine, LogOutput, NodeDaemonSet, NodeDaemonSetOptions, NodeExporterDaemonSet,
} from '../../src';
import { expectValidManifests } from '../helpers/schema';
import { synth } from '../helpers/synth';

/** A chart in namespace `monitoring`. */
export function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'monitoring' });
}

/** Each preset that serves metrics, and NodeDaemonSet with a named port, made with extra shared options. */
type Make = (scope: Construct, options: NodeDaemonSetOptions) => NodeDaemonSet;
export const DAEMONS: Array<[string, Make, { port: string; path: string; number: number }]> = [
  ['node-exporter', (s, o) => new NodeExporterDaemonSet(s, 'd', o), { port: 'metrics', path: '/metrics', number: 9100 }],
  ['fluent-bit', (s, o) => new LogCollectorDaemonSet(s, 'd', { outputs: [LogOutput.elasticsearch({ host: 'es' })], ...o }),
    { port: 'http', path: '/api/v2/metrics/prometheus', number: 2020 }],
  ['fluentd', (s, o) => new LogCollectorDaemonSet(s, 'd', { engine: LogCollectorEngine.FLUENTD, outputs: [LogOutput.elasticsearch({ host: 'es' })], ...o }),
    { port: 'metrics', path: '/metrics', number: 24231 }],
  ['collectd', (s, o) => new CollectdDaemonSet(s, 'd', o), { port: 'metrics', path: '/metrics', number: 9103 }],
];

/** Synthesizes `build` in a fresh chart: every manifest (validations run). */
export function render(build: (scope: Construct) => unknown): any[] {
  const c = chart();
  build(c);
  return synth(c);
}

/** The message `build` throws with. */
export function errorOf(build: (scope: Construct) => unknown): string {
  try {
    render(build);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the construct to reject its props');
}

/** Kubernetes objects valid by their schemas: built-in kinds by kubernetes-models, monitoring kinds by the pinned CRDs. */
export function expectSchemaValid(manifests: any[]): void {
  const monitoring = manifests.filter(m => String(m.apiVersion).startsWith('monitoring.coreos.com/'));
  for (const m of monitoring) expect({ kind: m.kind, errors: crdSchemaErrors(m) }).toEqual({ kind: m.kind, errors: [] });
  expectValidManifests(manifests.filter(m => !monitoring.includes(m)));
}
