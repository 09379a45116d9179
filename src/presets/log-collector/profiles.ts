import { Duration, Size } from 'cdk8s';
import { BufferStorageType, LogCollectorEngine } from './engine';
import { FLUENT_BIT_CONFIG_DIR, FLUENT_BIT_MAIN_FILE, fluentBitWritablePaths, renderFluentBitConfig } from './fluent-bit-config';
import { FLUENTD_CONFIG_DIR, FLUENTD_MAIN_FILE, fluentdWritablePaths, renderFluentdConfig } from './fluentd-config';
import { CHUNK_BYTES, CollectorPlan, EngineDefaults } from './plan';
import { ScratchDirectory } from '../../container';
import { propError, Where } from '../../internal/errors';
import { imageTag } from '../../internal/image';
import { kplus } from '../../internal/kplus-adapter';

/** The pinned Fluent Bit release (fluent/helm-charts fluent-bit chart 0.58.1, appVersion 5.1.1). */
export const FLUENT_BIT_IMAGE = 'cr.fluentbit.io/fluent/fluent-bit:5.1.1';
/** The pinned fluentd-kubernetes-daemonset release; `<variant>` names the output plugin family. */
const FLUENTD_IMAGE = (variant: string) => `fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-${variant}-1.1`;
/** What differs between engines, below the config syntax. @internal */
export interface EngineProfile {
  readonly defaults: EngineDefaults;
  /** The container name and `app.kubernetes.io/name`. */
  readonly appName: string;
  readonly configDir: string;
  readonly mainFile: string;
  /** The name of the metrics and health port, in the container, the Service and the monitors. */
  readonly metricsPortName: string;
  readonly resources: kplus.ContainerResources;
  readonly scratchDirectories: ScratchDirectory[];
  /** Memory the daemon needs besides its buffers, in bytes. */
  readonly baselineMemory: number;
  defaultImage(at: Where, plan: CollectorPlan): string;
  render(at: Where, plan: CollectorPlan): { [file: string]: string };
  writablePaths(plan: CollectorPlan): Array<[string, string]>;
  command(): string[] | undefined;
  args(): string[] | undefined;
  env(): { [name: string]: kplus.EnvValue };
  /** Liveness and readiness, on the metrics port, matching the image's version. */
  probes(plan: CollectorPlan, image: string): { liveness: kplus.Probe; readiness: kplus.Probe; metricsPath: string };
  /** Memory the buffers may take, in bytes. */
  bufferMemory(plan: CollectorPlan): number;
}

const MiB = 1024 * 1024;

const FLUENT_BIT: EngineProfile = {
  defaults: { tag: 'kube', stateDirectory: '/var/lib/fluent-bit', flushSeconds: 1, metricsPort: 2020 },
  appName: 'fluent-bit',
  configDir: FLUENT_BIT_CONFIG_DIR,
  mainFile: FLUENT_BIT_MAIN_FILE,
  // The fluent-bit chart's name for it.
  metricsPortName: 'http',
  defaultImage: () => FLUENT_BIT_IMAGE,
  render: renderFluentBitConfig,
  writablePaths: fluentBitWritablePaths,
  command: () => ['/fluent-bit/bin/fluent-bit'],
  args: () => [`--config=${FLUENT_BIT_CONFIG_DIR}/${FLUENT_BIT_MAIN_FILE}`],
  env: () => ({}),
  probes: (plan, image) => {
    const major = majorVersion(image);
    // Fluent Bit 5 moved health to /api/v2/health (fluent/helm-charts fluent-bit chart 0.57); metrics v2 exist since 2.0.
    const health = major === undefined || major >= 5 ? '/api/v2/health' : '/api/v1/health';
    const metricsPath = major === undefined || major >= 2 ? '/api/v2/metrics/prometheus' : '/api/v1/metrics/prometheus';
    return {
      liveness: kplus.Probe.fromHttpGet('/', { port: plan.metricsPort }),
      readiness: kplus.Probe.fromHttpGet(health, { port: plan.metricsPort }),
      metricsPath,
    };
  },
  resources: {
    cpu: { request: kplus.Cpu.millis(100) },
    memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
  },
  scratchDirectories: [],
  baselineMemory: 50 * MiB,
  bufferMemory: plan => {
    if (plan.storageType === BufferStorageType.FILESYSTEM) return plan.storageMaxChunksUp * CHUNK_BYTES + plan.storageBacklogMemLimitBytes;
    // Each input buffers up to memBufLimit: the tail, the journal, the extra inputs and a multiline filter's emitter.
    const fb = plan.fluentBit!;
    return plan.memBufLimitBytes * (1 + (plan.journald ? 1 : 0) + fb.inputs.length + (fb.multiline ? 1 : 0));
  },
};

const FLUENTD: EngineProfile = {
  defaults: { tag: 'kubernetes', stateDirectory: '/var/lib/fluentd', flushSeconds: 5, metricsPort: 24231 },
  appName: 'fluentd',
  configDir: FLUENTD_CONFIG_DIR,
  mainFile: FLUENTD_MAIN_FILE,
  metricsPortName: 'metrics',
  defaultImage: (at, plan) => {
    const needed = new Set<string>();
    plan.outputs.forEach((o, i) => {
      const variant = o.plugin.fluentdVariant;
      if (variant === null) {
        throw propError(at, 'image', null, `outputs[${i}] (${o.plugin.kind}) needs a Fluentd image with its plugin (fluent-plugin-grafana-loki): no fluentd-kubernetes-daemonset variant has it`);
      }
      if (variant) needed.add(variant);
    });
    if (needed.size > 1) {
      throw propError(at, 'image', null, `the outputs need plugins from several fluentd-kubernetes-daemonset variants (${[...needed].sort().join(', ')}): give an image that has them all`);
    }
    return FLUENTD_IMAGE([...needed][0] ?? 'forward');
  },
  render: renderFluentdConfig,
  writablePaths: fluentdWritablePaths,
  // The image's entrypoint (tini, plugin path, gemfile) stays; FLUENTD_CONF points it at the generated file.
  command: () => undefined,
  args: () => undefined,
  env: () => ({
    FLUENTD_CONF: kplus.EnvValue.fromValue(`conf/${FLUENTD_MAIN_FILE}`),
    // kubernetes_metadata watches only this node's pods when it knows the node.
    K8S_NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
  }),
  probes: plan => ({
    // More lenient than readiness: a Fluentd busy flushing a backlog is slow, not dead.
    liveness: kplus.Probe.fromHttpGet('/metrics', { port: plan.metricsPort, periodSeconds: Duration.seconds(30), failureThreshold: 5 }),
    readiness: kplus.Probe.fromHttpGet('/metrics', { port: plan.metricsPort }),
    metricsPath: '/metrics',
  }),
  resources: {
    cpu: { request: kplus.Cpu.millis(100) },
    memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
  },
  // Fluentd's supervisor takes a lock directory under /tmp, and the root filesystem is read-only.
  scratchDirectories: [{ name: 'tmp', mountPath: '/tmp', sizeLimit: Size.mebibytes(64) }],
  baselineMemory: 150 * MiB,
  bufferMemory: plan => plan.storageType === BufferStorageType.MEMORY
    ? plan.outputs.reduce((sum, o) => sum + o.totalLimitBytes, 0) : 0,
};

/** The profile of `engine`. @internal */
export function engineProfile(engine: LogCollectorEngine): EngineProfile {
  return engine._fluentd ? FLUENTD : FLUENT_BIT;
}

function majorVersion(image: string): number | undefined {
  const m = /^v?(\d+)\./.exec(imageTag(image) ?? '');
  return m ? Number(m[1]) : undefined;
}
