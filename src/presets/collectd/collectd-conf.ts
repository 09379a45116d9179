/**
 * The typed collectd plugin options and their rendering into `collectd.conf`. Rendering is
 * deterministic (fixed plugin order, fixed option order) so the config checksum, and with it
 * the pods, change only when an option does.
 */
import { assertValid, Where, propError } from '../../internal/errors';
import { assertRenderable, checkConfigLine, checkHostOrIp, checkPosixEre, checkSafePath, normalizePath } from '../config-values';

/**
 * Options of the `cpu` plugin: CPU time per state (user, system, idle, ...).
 *
 * @see https://collectd.org/documentation/manpages/collectd.conf.html#plugin-cpu
 */
export interface CollectdCpuOptions {
  /**
   * Collect CPU statistics.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Report each CPU separately (`ReportByCpu`); false sums them.
   *
   * @default true
   */
  readonly reportByCpu?: boolean;
  /**
   * Report percentages instead of jiffies (`ValuesPercentage`).
   *
   * @default false
   */
  readonly valuesPercentage?: boolean;
}

/**
 * Options of the `memory` plugin: used, buffered, cached and free memory.
 *
 * @see https://collectd.org/documentation/manpages/collectd.conf.html#plugin-memory
 */
export interface CollectdMemoryOptions {
  /**
   * Collect memory statistics.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Also report percentages of total memory (`ValuesPercentage`).
   *
   * @default false
   */
  readonly valuesPercentage?: boolean;
}

/**
 * Options of the `load` plugin: the 1, 5 and 15 minute load averages.
 *
 * @see https://collectd.org/documentation/manpages/collectd.conf.html#plugin-load
 */
export interface CollectdLoadOptions {
  /**
   * Collect the load average.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Divide the load by the number of CPUs (`ReportRelative`).
   *
   * @default false
   */
  readonly reportRelative?: boolean;
}

/**
 * Options of the `disk` plugin: operations, bytes and time per block device, from the node's
 * `/proc/diskstats`.
 *
 * @see https://collectd.org/documentation/manpages/collectd.conf.html#plugin-disk
 */
export interface CollectdDiskOptions {
  /**
   * Collect disk statistics.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Disks to report (`Disk`): names such as `sda`, or POSIX extended regular expressions
   * between slashes such as `/^nvme[0-9]+n[0-9]+$/`.
   *
   * collectd compiles them with `regcomp`: write `[0-9]` and `[[:space:]]` rather than
   * backslash classes, and no `(?...)` groups or lazy quantifiers.
   *
   * @default - every disk except loop and ram devices
   * @throws if a regular expression uses syntax POSIX lacks or does not compile
   */
  readonly disks?: string[];
  /**
   * Report every disk except `disks` (`IgnoreSelected true`).
   *
   * @default false
   * @throws if given without `disks`
   */
  readonly ignoreSelected?: boolean;
}

/**
 * Options of the `df` plugin: used and free space of the node's file systems. The node's root
 * is mounted read-only at `/hostfs` for it, and mount points are reported as `hostfs`,
 * `hostfs-var`, ...
 *
 * @see https://collectd.org/documentation/manpages/collectd.conf.html#plugin-df
 */
export interface CollectdDfOptions {
  /**
   * Collect file system usage.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Mount points on the node to report, as the node sees them (`/`, `/var`).
   *
   * @default ['/']
   */
  readonly mountPoints?: string[];
  /**
   * Also report percentages (`ValuesPercentage`).
   *
   * @default false
   */
  readonly valuesPercentage?: boolean;
}

/**
 * Options of the `interface` plugin: traffic, packets and errors per network interface. collectd
 * reads `/proc/net/dev`, which shows only the interfaces of its own network namespace, so
 * enabling it puts the pod on the host network.
 *
 * @see https://collectd.org/documentation/manpages/collectd.conf.html#plugin-interface
 */
export interface CollectdInterfaceOptions {
  /**
   * Collect network interface statistics (and use the host network).
   *
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Interfaces to report (`Interface`): names such as `eth0`, or POSIX extended regular
   * expressions between slashes such as `/^veth/`.
   *
   * @default - every interface except `lo`
   */
  readonly interfaces?: string[];
  /**
   * Report every interface except `interfaces` (`IgnoreSelected true`).
   *
   * @default - false when `interfaces` is given, else true (ignore `lo`)
   */
  readonly ignoreSelected?: boolean;
}

/**
 * The `write_prometheus` plugin: an HTTP endpoint Prometheus scrapes, with a headless Service
 * and `prometheus.io/scrape` annotations.
 *
 * @see https://collectd.org/documentation/manpages/collectd.conf.html#plugin-write_prometheus
 */
export interface CollectdWritePrometheusOptions {
  /**
   * The port the endpoint listens on.
   *
   * @default 9103
   */
  readonly port?: number;
  /**
   * Create a headless Service selecting every collectd pod, for a `serviceMonitor` or Prometheus'
   * `endpoints` discovery. It carries no scrape annotations: those are on the pods (docs/monitoring.md).
   *
   * @default true
   */
  readonly service?: boolean;
}

/**
 * The `network` plugin in client mode: pushes every value to a collectd server (or anything
 * speaking the collectd binary protocol: InfluxDB, Logstash, Riemann).
 *
 * @see https://collectd.org/documentation/manpages/collectd.conf.html#plugin-network
 */
export interface CollectdNetworkOptions {
  /** The server's host name, IPv4 or IPv6 address (without brackets). */
  readonly server: string;
  /**
   * The server's UDP port.
   *
   * @default 25826
   */
  readonly port?: number;
}

/** The resolved plugin set, for the construct. @internal */
export interface CollectdConfig {
  readonly intervalSeconds: number;
  readonly hostnameInclude: string;
  readonly baseDir: string;
  readonly cpu: CollectdCpuOptions;
  readonly memory: CollectdMemoryOptions;
  readonly load: CollectdLoadOptions;
  readonly disk: CollectdDiskOptions;
  readonly df: CollectdDfOptions;
  readonly dfRoot: string;
  readonly networkInterfaces: CollectdInterfaceOptions;
  readonly writePrometheus?: CollectdWritePrometheusOptions;
  readonly network?: CollectdNetworkOptions;
}

/** A collectd string: quoted, with backslashes and quotes escaped. */
function str(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Renders `collectd.conf`; throws `propError` at `at` for a value collectd would refuse. @internal */
export function renderCollectdConf(at: Where, c: CollectdConfig): string {
  const lines: string[] = [
    '# Generated by cdk8s-daemonsets: change the CollectdDaemonSet props instead.',
    // Written at start-up with the node's name: collectd cannot read the environment itself.
    `Include ${str(c.hostnameInclude)}`,
    'FQDNLookup false',
    `BaseDir ${str(c.baseDir)}`,
    `Interval ${c.intervalSeconds}`,
    'AutoLoadPlugin false',
    '',
  ];
  const blocks: Array<[string, string[]]> = [];
  const on = (o: { enabled?: boolean }, dflt: boolean) => o.enabled ?? dflt;
  const bool = (b: boolean) => (b ? 'true' : 'false');

  if (on(c.cpu, true)) {
    blocks.push(['cpu', [
      `ReportByCpu ${bool(c.cpu.reportByCpu ?? true)}`,
      'ReportByState true',
      `ValuesPercentage ${bool(c.cpu.valuesPercentage ?? false)}`,
    ]]);
  }
  if (on(c.memory, true)) {
    blocks.push(['memory', ['ValuesAbsolute true', `ValuesPercentage ${bool(c.memory.valuesPercentage ?? false)}`]]);
  }
  if (on(c.load, true)) blocks.push(['load', [`ReportRelative ${bool(c.load.reportRelative ?? false)}`]]);
  if (on(c.disk, true)) {
    const disks = c.disk.disks ?? [];
    if (c.disk.ignoreSelected !== undefined && disks.length === 0) {
      throw propError(at, 'disk.ignoreSelected', c.disk.ignoreSelected, 'applies to disks: give the disks it selects (without them, every disk but loop and ram devices is reported)');
    }
    blocks.push(['disk', disks.length > 0
      ? [...disks.map(d => `Disk ${str(checkSelector(at, 'disk.disks', d))}`), `IgnoreSelected ${bool(c.disk.ignoreSelected ?? false)}`]
      : ['Disk "/^(loop|ram)[0-9]+$/"', 'IgnoreSelected true']]);
  }
  if (on(c.df, true)) {
    blocks.push(['df', [
      ...dfMountPoints(at, c.df.mountPoints ?? ['/'], c.dfRoot).map(m => `MountPoint ${str(m)}`),
      'IgnoreSelected false',
      `ValuesPercentage ${bool(c.df.valuesPercentage ?? false)}`,
    ]]);
  }
  if (on(c.networkInterfaces, false)) {
    const names = c.networkInterfaces.interfaces ?? [];
    blocks.push(['interface', names.length > 0
      ? [...names.map(n => `Interface ${str(checkSelector(at, 'networkInterfaces.interfaces', n))}`), `IgnoreSelected ${bool(c.networkInterfaces.ignoreSelected ?? false)}`]
      : ['Interface "lo"', `IgnoreSelected ${bool(c.networkInterfaces.ignoreSelected ?? true)}`]]);
  }
  if (blocks.length === 0) throw propError(at, 'plugins', [], 'enable at least one plugin that reads values (cpu, memory, load, disk, df, networkInterfaces)');
  if (c.network) {
    if (typeof c.network !== 'object') throw propError(at, 'network', c.network, 'must be a CollectdNetworkOptions object with a server');
    if (c.network.server === undefined) throw propError(at, 'network.server', null, 'is required: the collectd server to push to');
    assertValid(at, 'network.server', c.network.server, checkHostOrIp(c.network.server));
    blocks.push(['network', [`Server ${str(c.network.server)} ${str(String(c.network.port ?? 25826))}`]]);
  }
  if (c.writePrometheus) blocks.push(['write_prometheus', [`Port ${str(String(c.writePrometheus.port ?? 9103))}`]]);

  lines.push(...blocks.map(([name]) => `LoadPlugin ${name}`), '');
  for (const [name, options] of blocks) {
    lines.push(`<Plugin ${name}>`, ...options.map(o => `  ${o}`), '</Plugin>', '');
  }
  // Defence in depth: every value was checked, so no line may carry a control character.
  for (const line of lines) assertRenderable('collectd.conf', line.split(' ')[0] || '#', line);
  return lines.join('\n');
}

/**
 * A disk or interface: a device name, or a POSIX extended regular expression between slashes,
 * as collectd compiles it (`regcomp` with `REG_EXTENDED`: no `\d`, `(?:`, lazy quantifiers).
 */
function checkSelector(at: Where, prop: string, value: string): string {
  assertValid(at, prop, value, checkConfigLine(value));
  if (value.length > 2 && value.startsWith('/') && value.endsWith('/')) {
    assertValid(at, prop, value, checkPosixEre(value.slice(1, -1)));
  } else if (!/^[A-Za-z0-9_.:!@+-]{1,255}$/.test(value)) {
    throw propError(at, prop, value, 'must be a device name (letters, digits and _ . : ! @ + -) or a /regex/');
  }
  return value;
}

/** The node's mount points as the container sees them under `root`. @internal */
export function dfMountPoints(at: Where, mountPoints: string[], root: string): string[] {
  if (mountPoints.length === 0) throw propError(at, 'df.mountPoints', mountPoints, 'needs at least one mount point (or set df.enabled to false)');
  return mountPoints.map((m, i) => {
    const reason = checkSafePath(m);
    if (reason) throw propError(at, `df.mountPoints[${i}]`, m, `must be an absolute path on the node: ${reason}`);
    // collectd compares MountPoint with /proc/mounts literally: `//var//lib/` must become `/var/lib`.
    const path = normalizePath(m);
    return path === '/' ? root : `${root}${path}`;
  });
}
