import { FluentBitOptions } from './fluent-bit/options';

/**
 * Settings only Fluentd has.
 */
export interface FluentdOptions {
  /**
   * Threads that flush each output's buffer in parallel (`flush_thread_count`): more keeps up
   * with a slow backend, at the cost of reordering between chunks.
   *
   * @default 1
   * @throws if not a whole number from 1 to 64
   */
  readonly flushThreadCount?: number;
}

/**
 * The log collector daemon a `LogCollectorDaemonSet` runs, with the settings only it has: a
 * Fluentd collector is never offered a Fluent Bit setting, nor the other way round.
 */
export class LogCollectorEngine {
  /**
   * Fluent Bit with its defaults: a small C daemon, configured with classic `.conf` sections.
   *
   * @see https://docs.fluentbit.io/manual/installation/kubernetes
   */
  public static readonly FLUENT_BIT = LogCollectorEngine.fluentBit();

  /**
   * Fluentd with its defaults, from the `fluent/fluentd-kubernetes-daemonset` images (one image
   * variant per output plugin family).
   *
   * @see https://github.com/fluent/fluentd-kubernetes-daemonset
   */
  public static readonly FLUENTD = LogCollectorEngine.fluentd();

  /** Fluent Bit, with settings only Fluent Bit has (buffers, filters, inputs, config handling). */
  public static fluentBit(options: FluentBitOptions = {}): LogCollectorEngine {
    return new LogCollectorEngine('fluent-bit', options, undefined);
  }

  /** Fluentd, with settings only Fluentd has. */
  public static fluentd(options: FluentdOptions = {}): LogCollectorEngine {
    return new LogCollectorEngine('fluentd', undefined, options);
  }

  /** The daemon's name: `fluent-bit` or `fluentd`. */
  public readonly name: string;

  private constructor(name: string, private readonly fluentBitOptions?: FluentBitOptions, private readonly fluentdOptions?: FluentdOptions) {
    this.name = name;
  }

  /** The Fluent Bit settings, when the engine is Fluent Bit. @internal */
  public get _fluentBit(): FluentBitOptions | undefined {
    return this.fluentBitOptions;
  }

  /** The Fluentd settings, when the engine is Fluentd. @internal */
  public get _fluentd(): FluentdOptions | undefined {
    return this.fluentdOptions;
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
