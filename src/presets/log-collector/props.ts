import { Duration } from 'cdk8s';
import { BufferStorageType, ContainerRuntime, LogCollectorEngine } from './engine';
import { JournaldOptions, KubernetesMetadataOptions, LogParser } from './inputs';
import { LogOutput } from './output';
import { NodeDaemonSetOptions } from '../../node-daemon-set';

/**
 * Props of `LogCollectorDaemonSet`. Every shared `NodeDaemonSetOptions` prop overrides the
 * preset's default for it.
 */
export interface LogCollectorDaemonSetProps extends NodeDaemonSetOptions {
  /**
   * Where the logs go: at least one output (none with Fluent Bit's `existingConfigMap`).
   *
   * @throws if missing or empty, or an element is not a `LogOutput`
   */
  readonly outputs: LogOutput[];
  /**
   * The collector daemon, with its own settings (`LogCollectorEngine.fluentBit({...})`,
   * `LogCollectorEngine.fluentd({...})`).
   *
   * @default LogCollectorEngine.FLUENT_BIT
   */
  readonly engine?: LogCollectorEngine;
  /**
   * The collector image, pinned. Fluentd images bundle the output plugins, so a Fluentd
   * collector whose outputs need different `fluentd-kubernetes-daemonset` variants (or Loki)
   * needs an image with every plugin.
   *
   * @default - 'cr.fluentbit.io/fluent/fluent-bit:5.1.1'; for Fluentd, 'fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-<variant>-1.1' with the variant the outputs need
   * @throws for Fluentd, when no single variant carries every output's plugin and no image is given
   */
  readonly image?: string;
  /**
   * The node's container runtime: chooses the parser (CRI or docker JSON) and, for docker, the
   * read-only mount of `<dockerDataRoot>/containers`.
   *
   * @default ContainerRuntime.AUTO
   */
  readonly containerRuntime?: ContainerRuntime;
  /**
   * Docker's data root on the node (`data-root` in daemon.json). DOCKER runtime only.
   *
   * @default '/var/lib/docker'
   */
  readonly dockerDataRoot?: string;
  /**
   * The tag prefix of container-log records (`Tag <tag>.*`): the tail input expands `*` to
   * the file path, so records are tagged `<tag>.var.log.containers.<file>`.
   *
   * @default 'kube' for Fluent Bit, 'kubernetes' for Fluentd
   */
  readonly tag?: string;
  /**
   * Namespaces whose container logs are not collected (`Exclude_Path
   * /var/log/containers/*_<namespace>_*.log`).
   *
   * @default - none
   */
  readonly excludeNamespaces?: string[];
  /**
   * More globs of `/var/log/containers` files not to collect (`Exclude_Path`). The
   * collector's own logs are always excluded, so it never ships its own errors in a loop.
   *
   * @default - none
   */
  readonly excludePaths?: string[];
  /**
   * Read files the state has no offset for from their start (`Read_from_Head`,
   * `read_from_head`). Keeps the lines of pods that started while the collector was down; only
   * a first install reads old files in full.
   *
   * @default true
   */
  readonly readFromHead?: boolean;
  /**
   * Kubernetes metadata enrichment.
   *
   * @default - enabled, see `KubernetesMetadataOptions`
   */
  readonly kubernetesMetadata?: KubernetesMetadataOptions;
  /**
   * Also collect the systemd journal (kubelet and runtime units).
   *
   * @default - no journal input
   */
  readonly journald?: JournaldOptions;
  /**
   * Custom parsers.
   *
   * @default - none
   */
  readonly parsers?: LogParser[];
  /**
   * The node directory for offsets (tail `DB`, `pos_file`), the journal cursor and filesystem
   * buffers, mounted read-write at the same path (hostPath `DirectoryOrCreate`). It outlives
   * the pod, so a restarted collector resumes where it stopped.
   *
   * @default '/var/lib/fluent-bit' or '/var/lib/fluentd'
   * @throws if it is not an absolute path of letters, digits and `/ . _ - + @ : ~`, is a system or shared directory (`/`, `/etc`, `/proc`, `/sys`, `/dev`, `/usr`, `/var`, `/var/lib`, `/var/log`, `/run`, `/var/lib/kubelet`, ... and their system subtrees), or resolves to a read-only mount
   */
  readonly stateDirectory?: string;
  /**
   * Where records wait for the outputs.
   *
   * @default BufferStorageType.FILESYSTEM
   */
  readonly storageType?: BufferStorageType;
  /**
   * How often buffered records are flushed to the outputs (Fluent Bit `Flush`, Fluentd `flush_interval`).
   *
   * @default Duration.seconds(1) for Fluent Bit, Duration.seconds(5) for Fluentd
   */
  readonly flushInterval?: Duration;
  /**
   * The daemon's log level: `error`, `warn`, `info`, `debug` or `trace`.
   *
   * @default 'info'
   */
  readonly logLevel?: string;
  /**
   * The port of the metrics and health endpoint (Fluent Bit `HTTP_Port`, Fluentd `prometheus` input).
   *
   * @default 2020 for Fluent Bit, 24231 for Fluentd
   */
  readonly metricsPort?: number;
  /**
   * A headless Service on the metrics port, for a `serviceMonitor` or Prometheus' endpoints
   * discovery. It carries no scrape annotations: those are on the pods (docs/monitoring.md).
   *
   * @default true
   */
  readonly metricsService?: boolean;
}
