/**
 * The log collector daemon a `LogCollectorDaemonSet` runs.
 */
export class LogCollectorEngine {
  /**
   * Fluent Bit: a small C daemon, configured with classic `.conf` sections.
   *
   * @see https://docs.fluentbit.io/manual/installation/kubernetes
   */
  public static readonly FLUENT_BIT = new LogCollectorEngine('fluent-bit');

  /**
   * Fluentd, from the `fluent/fluentd-kubernetes-daemonset` images (one image variant per
   * output plugin family).
   *
   * @see https://github.com/fluent/fluentd-kubernetes-daemonset
   */
  public static readonly FLUENTD = new LogCollectorEngine('fluentd');

  /** The daemon's name: `fluent-bit` or `fluentd`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}

/**
 * The node's container runtime, which decides the log format of `/var/log/containers/*.log`:
 * docker writes JSON lines, containerd and CRI-O write the CRI format
 * (`<time> <stream> <F|P> <log>`).
 *
 * @see https://docs.fluentbit.io/manual/pipeline/inputs/tail#multiline-and-containers-v1.8
 */
export class ContainerRuntime {
  /** Mixed or unknown runtimes: try the docker JSON format, then CRI. */
  public static readonly AUTO = new ContainerRuntime('auto');
  /** containerd: CRI log format. */
  public static readonly CONTAINERD = new ContainerRuntime('containerd');
  /** CRI-O: CRI log format. */
  public static readonly CRI_O = new ContainerRuntime('cri-o');
  /**
   * Docker (dockershim or cri-dockerd): JSON log lines, whose files live under
   * `<dockerDataRoot>/containers` (the `/var/log/containers` symlinks point there).
   */
  public static readonly DOCKER = new ContainerRuntime('docker');

  /** `auto`, `containerd`, `cri-o` or `docker`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}

/**
 * Where records wait between input and output.
 *
 * @see https://docs.fluentbit.io/manual/administration/buffering-and-storage
 * @see https://docs.fluentd.org/buffer
 */
export enum BufferStorageType {
  /**
   * On the node's disk, under the state directory: survives a restart of the collector, and
   * memory stays bounded by `storageMaxChunksUp` (Fluent Bit) or a chunk per output (Fluentd).
   */
  FILESYSTEM = 'filesystem',
  /** In memory only: lost on restart, and bounded by `memBufLimit` / `totalLimitSize`. */
  MEMORY = 'memory',
}

/**
 * The format of a custom parser.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/parsers/configuring-parser
 */
export enum LogParserFormat {
  /** A JSON object per line. */
  JSON = 'json',
  /** A Ruby/Onigmo regular expression with named captures (`regex`, required). */
  REGEX = 'regex',
  /** `key=value` pairs (Fluent Bit only: Fluentd has no built-in logfmt parser). */
  LOGFMT = 'logfmt',
  /** Labeled tab-separated values. */
  LTSV = 'ltsv',
}
