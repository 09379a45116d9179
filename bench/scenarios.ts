/**
 * What the synth benchmarks build: N daemons of one kind in one App, with this library or with
 * the baselines of plain.ts. Each instance is named `agent-<i>` in namespace `agents`.
 */
import { createHash } from 'crypto';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { agentContainer, buildPlain, buildRaw, plainAgent, PreparedObject, preparePlain } from './plain';
import {
  CephCsiDriver, CephCsiNodeDaemonSet, CollectdDaemonSet, GlusterfsDaemonSet, LogCollectorDaemonSet, LogCollectorEngine, LogOutput,
  NodeDaemonSet, NodeExporterDaemonSet,
} from '../src';

const NAMESPACE = 'agents';
const CREDENTIALS = { name: 'elasticsearch-credentials', key: 'username' };

/** A kind of daemon: how this library builds instance `i`, and how plain cdk8s-plus does when written by hand. */
export interface Scenario {
  readonly name: string;
  readonly build: (scope: Construct, i: number) => void;
  /** The same objects with cdk8s-plus's own API and the escape hatches it needs; else the generic baseline of plain.ts. */
  readonly plain?: (scope: Construct, i: number) => void;
}

const metadata = (i: number) => ({ name: `agent-${i}`, namespace: NAMESPACE });

/** A typical node agent on `NodeDaemonSet`: ports, probes, resources, an env var, a host mount and a scratch directory. */
export const NODE_DAEMON_SET: Scenario = {
  name: 'NodeDaemonSet',
  build: (scope, i) => new NodeDaemonSet(scope, `agent-${i}`, {
    metadata: metadata(i),
    ...agentContainer(),
    hostPathMounts: [{ name: 'proc', hostPath: '/proc', mountPath: '/host/proc' }],
    scratchDirectories: [{ mountPath: '/tmp' }],
    runAsUser: 65534,
  }),
  plain: plainAgent,
};


/**
 * The node pool of instance `i`, for the presets that bind host ports: N daemons of one kind on
 * one host port of the same nodes fail synth (`host-port-conflict`), as their pods would stay
 * Pending in a cluster, so each instance selects its own nodes. (Named after the instance, so
 * `prepare` derives every instance's objects from instance 0's by renaming.)
 */
const pool = (i: number) => ({ 'pool.example.com/name': `agent-${i}` });

/** Each preset with the props of its example app. */
export const PRESETS: Scenario[] = [
  { name: 'NodeExporterDaemonSet', build: (scope, i) => new NodeExporterDaemonSet(scope, `agent-${i}`, { metadata: metadata(i), nodeSelector: pool(i) }) },
  {
    name: 'LogCollectorDaemonSet (Fluent Bit)',
    build: (scope, i) => new LogCollectorDaemonSet(scope, `agent-${i}`, {
      metadata: metadata(i),
      acknowledgedWarnings: ['env-reference-missing'],
      outputs: [LogOutput.elasticsearch({ host: 'elasticsearch-master', httpUser: CREDENTIALS, httpPasswd: { ...CREDENTIALS, key: 'password' } })],
    }),
  },
  {
    name: 'LogCollectorDaemonSet (Fluentd)',
    build: (scope, i) => new LogCollectorDaemonSet(scope, `agent-${i}`, {
      metadata: metadata(i),
      engine: LogCollectorEngine.FLUENTD,
      acknowledgedWarnings: ['env-reference-missing'],
      outputs: [LogOutput.elasticsearch({ host: 'elasticsearch-es-http', httpUser: CREDENTIALS, httpPasswd: { ...CREDENTIALS, key: 'password' }, tls: {} })],
    }),
  },
  {
    name: 'GlusterfsDaemonSet',
    build: (scope, i) => new GlusterfsDaemonSet(scope, `agent-${i}`, { metadata: metadata(i), storageNodeLabelValue: `agent-${i}` }),
  },
  {
    name: 'CephCsiNodeDaemonSet',
    build: (scope, i) => new CephCsiNodeDaemonSet(scope, `agent-${i}`, {
      metadata: metadata(i),
      driver: CephCsiDriver.RBD,
      clusters: [{ clusterId: 'b9127830-b0cc-4e34-aa47-9d1a2e9949a8', monitors: ['192.0.2.11:6789', '192.0.2.12:6789'] }],
    }),
  },
  { name: 'CollectdDaemonSet', build: (scope, i) => new CollectdDaemonSet(scope, `agent-${i}`, { metadata: metadata(i), writePrometheus: { port: 9103 }, nodeSelector: pool(i) }) },
];

/** How an App of N daemons is built. */
export type Variant = 'library' | 'plain' | 'raw';

/** The synthesized objects of instance `i` of `scenario`, alone in an App. */
export function objectsOf(scenario: Scenario, i: number): any[] {
  const chart = new Chart(new App(), 'bench');
  scenario.build(chart, i);
  return chart.toJson();
}

/** What the baselines of N instances need, computed ahead of the timed region. */
export interface Prepared {
  readonly plain: PreparedObject[][];
  readonly raw: any[][];
}

/**
 * The objects of every instance, from instance 0's by renaming, with the pod template's config
 * checksum recomputed where the config holds the name (asserted byte-identical by `assertSameYaml`).
 */
export function prepare(scenario: Scenario, n: number): Prepared {
  const template = JSON.stringify(objectsOf(scenario, 0));
  const raw = Array.from({ length: n }, (_, i) => {
    const objects = JSON.parse(template.replace(/\bagent-0\b/g, `agent-${i}`));
    const config = objects.find((o: any) => o.kind === 'ConfigMap');
    const annotations = objects.find((o: any) => o.kind === 'DaemonSet')?.spec.template.metadata.annotations;
    if (config && annotations?.['checksum/config']) annotations['checksum/config'] = createHash('sha256').update(JSON.stringify(config.data)).digest('hex');
    return objects;
  });
  return { raw, plain: raw.map(objects => preparePlain(objects)) };
}

/** Builds an App of N instances of `scenario` the `variant` way. */
export function buildApp(scenario: Scenario, variant: Variant, n: number, prepared?: Prepared): App {
  const app = new App();
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < n; i++) {
    if (variant === 'library') scenario.build(chart, i);
    else if (variant === 'plain' && scenario.plain) scenario.plain(chart, i);
    else if (variant === 'plain') buildPlain(chart, `agent-${i}`, prepared!.plain[i]);
    else buildRaw(chart, `agent-${i}`, prepared!.raw[i]);
  }
  return app;
}

/** Throws unless the three variants synthesize the same YAML, byte for byte. */
export function assertSameYaml(scenario: Scenario, n: number, prepared: Prepared): void {
  const library = buildApp(scenario, 'library', n).synthYaml();
  for (const variant of ['plain', 'raw'] as const) {
    const other = buildApp(scenario, variant, n, prepared).synthYaml();
    if (other !== library) {
      const line = library.split('\n').findIndex((l, k) => l !== other.split('\n')[k]);
      throw new Error(`${scenario.name}: the ${variant} baseline differs from the library's YAML at line ${line + 1}:\n`
        + `  library: ${library.split('\n')[line]}\n  ${variant}: ${other.split('\n')[line]}`);
    }
  }
}
