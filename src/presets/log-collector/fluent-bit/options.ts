import { Size } from 'cdk8s';
import { FluentBitFilter } from './filter';
import { FluentBitInput } from './input';
import { kplus } from '../../../internal/kplus-adapter';

/**
 * The Fluent Bit `kubernetes` filter's settings that Fluentd's `kubernetes_metadata` filter lacks.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/kubernetes
 */
export interface FluentBitKubernetesFilterOptions {
  /**
   * Add the pod's annotations (`Annotations`).
   *
   * @default false
   */
  readonly annotations?: boolean;
  /**
   * Let a pod choose its parser with the `fluentbit.io/parser` annotation (`K8S-Logging.Parser`).
   *
   * @default true
   */
  readonly k8sLoggingParser?: boolean;
  /**
   * Let a pod opt out of collection with the `fluentbit.io/exclude: "true"` annotation (`K8S-Logging.Exclude`).
   *
   * @default true
   */
  readonly k8sLoggingExclude?: boolean;
  /**
   * Read pod metadata from the node's kubelet (`Use_Kubelet`, port 10250, host from the
   * downward-API `HOST_IP`) instead of the API server: less API-server load on big clusters.
   * Adds `nodes` and `nodes/proxy` get to the ClusterRole.
   *
   * @default false
   */
  readonly useKubelet?: boolean;
}

/**
 * A ConfigMap the user manages, holding Fluent Bit's whole configuration.
 */
export interface FluentBitExistingConfigMap {
  /**
   * The ConfigMap's name, in the collector's namespace. It must hold `fluent-bit.conf` (mounted
   * at `/fluent-bit/etc/conf`, where any other file it holds is too) which must serve HTTP on
   * `metricsPort` with `HTTP_Server On` and `Health_Check On` (the probes use them), and keep
   * offsets and buffers under `stateDirectory` (the only writable node directory).
   */
  readonly name: string;
  /**
   * The `checksum/config` annotation of the pod template: a value that changes whenever the
   * ConfigMap's content does (a hash of it, or its version), so that a change rolls the pods.
   * Kubernetes cannot see the content of a ConfigMap made elsewhere. Not used with hot reload,
   * which applies changes without rolling the pods.
   *
   * @default - required with FluentBitConfigReload.ROLLING_RESTART
   * @throws if missing with ROLLING_RESTART, given with hot reload, or not a label-like value of at most 63 characters
   */
  readonly checksum?: string;
}

/**
 * Options of Fluent Bit's hot reload.
 */
export interface FluentBitHotReloadOptions {
  /**
   * The sidecar that watches the mounted ConfigMap and asks Fluent Bit to reload
   * (`POST /api/v2/reload` on the HTTP port), as the fluent-bit Helm chart runs it.
   *
   * @default 'ghcr.io/jimmidyson/configmap-reload:v0.15.0'
   */
  readonly reloaderImage?: string;
  /**
   * The reloader's requests and limits.
   *
   * @default - cpu 10m request, memory 20Mi request and 40Mi limit
   */
  readonly reloaderResources?: kplus.ContainerResources;
  /**
   * Mount paths of the collector's `volumeMounts` the reloader watches too (the chart's
   * `extraWatchVolumes`), e.g. Lua scripts or certificates from another ConfigMap or Secret.
   * The config directory is always watched.
   *
   * @default - none
   * @throws if a path is not the mountPath of one of `volumeMounts`
   */
  readonly watchMountPaths?: string[];
}

/**
 * How a changed configuration reaches the running collectors.
 *
 * - `ROLLING_RESTART` (the default): a checksum of the ConfigMap on the pod template, so a
 *   change replaces the pods node by node under the update strategy. A configuration Fluent
 *   Bit refuses stops the rollout at the first node, in plain sight (the pod crash-loops). Each
 *   restart stops collection on that node for a few seconds; offsets and filesystem buffers
 *   survive it.
 * - `hotReload()`: `Hot_Reload On`, no checksum, and a sidecar that asks Fluent Bit to reload
 *   once the kubelet has refreshed the mounted ConfigMap (up to a minute or two later, on every
 *   node at once). No pod restarts. A configuration Fluent Bit refuses is not applied: it logs
 *   the error and keeps running the old one, so the pods stay Ready with a configuration other
 *   than the ConfigMap's. Changes outside the ConfigMap (image, environment, mounts) still roll
 *   the pods.
 *
 * @see https://docs.fluentbit.io/manual/administration/hot-reload
 */
export class FluentBitConfigReload {
  /** Roll the pods when the configuration changes (a checksum on the pod template). */
  public static readonly ROLLING_RESTART = new FluentBitConfigReload(false);

  /** Reload the configuration in place (`Hot_Reload`, triggered by a reloader sidecar). */
  public static hotReload(options: FluentBitHotReloadOptions = {}): FluentBitConfigReload {
    return new FluentBitConfigReload(true, options);
  }

  /** Whether the configuration is reloaded in place. */
  public readonly hot: boolean;

  private constructor(hot: boolean, private readonly options: FluentBitHotReloadOptions = {}) {
    this.hot = hot;
  }

  /** @internal */
  public get _options(): FluentBitHotReloadOptions {
    return this.options;
  }
}

/**
 * Settings only Fluent Bit has.
 */
export interface FluentBitOptions {
  /**
   * The kubernetes filter's `Kube_Tag_Prefix`. It must equal `<tag>.var.log.containers.`, or
   * the filter finds no pod name in the tag and enriches nothing.
   *
   * @default - `<tag>.var.log.containers.`
   * @throws if it is not `<tag>.var.log.containers.`
   */
  readonly kubeTagPrefix?: string;
  /**
   * Skip lines longer than the tail buffer instead of stopping the file (`Skip_Long_Lines`).
   *
   * @default true
   */
  readonly skipLongLines?: boolean;
  /**
   * Memory an input may buffer before it pauses (`Mem_Buf_Limit`). Applies to
   * `BufferStorageType.MEMORY` only; with filesystem buffering `storageMaxChunksUp` bounds memory.
   *
   * @default Size.mebibytes(5)
   */
  readonly memBufLimit?: Size;
  /**
   * With filesystem buffering, how many chunks (about 2 MB each) may be in memory (`storage.max_chunks_up`).
   *
   * @default 32
   */
  readonly storageMaxChunksUp?: number;
  /**
   * Memory for chunks loaded back from disk at start (`storage.backlog.mem_limit`).
   *
   * @default Size.mebibytes(5)
   */
  readonly storageBacklogMemLimit?: Size;
  /**
   * The kubernetes filter's Fluent Bit settings.
   *
   * @default - see `FluentBitKubernetesFilterOptions`
   * @throws if given with `kubernetesMetadata.enabled: false`
   */
  readonly kubernetesFilter?: FluentBitKubernetesFilterOptions;
  /**
   * Filters, in order, after the kubernetes metadata filter (so they can read `kubernetes.*`
   * fields). A multiline filter is the exception: it must be first in this list and runs before
   * the kubernetes filter, since it re-emits its records to the head of the pipeline, where
   * every filter before it would process them twice.
   *
   * @default - none
   * @throws if a multiline filter is not the first, or there are two; see each filter's options
   */
  readonly filters?: FluentBitFilter[];
  /**
   * More inputs (`forward`, `http`, `syslog`), each listening on a container port that the
   * Service exposes, next to the container logs.
   *
   * @default - none
   * @throws if two inputs, or an input and the metrics endpoint, share a port and protocol
   */
  readonly inputs?: FluentBitInput[];
  /**
   * How a configuration change reaches the running collectors.
   *
   * @default FluentBitConfigReload.ROLLING_RESTART
   */
  readonly configReload?: FluentBitConfigReload;
  /**
   * Classic-mode sections (`[INPUT]`, `[FILTER]`, `[OUTPUT]`, `[PARSER]`, `[MULTILINE_PARSER]`),
   * for what the typed props do not cover: appended to the generated `fluent-bit.conf`, except
   * the parsers, which go to the generated parsers file (Fluent Bit reads them only from there).
   * It is part of the ConfigMap, so a change rolls (or reloads) the pods like any other.
   *
   * @default - none
   * @throws if a line is neither a section header, a comment nor an indented `key value`, a section is `[SERVICE]` (the generated one owns it), or it uses `@INCLUDE` or `@SET` (files outside the ConfigMap)
   */
  readonly rawConfig?: string;
  /**
   * A ConfigMap you manage with the whole configuration, instead of a generated one. Then
   * `outputs` is empty, the props that only shape the generated configuration are refused, and
   * the pods roll when `checksum` changes.
   *
   * @default - the configuration is generated from the props
   */
  readonly existingConfigMap?: FluentBitExistingConfigMap;
}
