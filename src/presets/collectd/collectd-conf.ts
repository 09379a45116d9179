/**
 * The typed collectd plugin options and their rendering into `collectd.conf`. Rendering is
 * deterministic (fixed plugin order, fixed option order) so the config checksum, and with it
 * the pods, change only when an option does.
 */
import { Where, propError } from '../../internal/errors';

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
   * Disks to report (`Disk`): names such as `sda`, or regular expressions between slashes such
   * as `/^nvme[0-9]+n[0-9]+$/`.
   *
   * @default - every disk except loop and ram devices
   */
  readonly disks?: string[];
  /**
   * Report every disk except `disks` (`IgnoreSelected true`).
   *
   * @default false
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
   * Interfaces to report (`Interface`): names such as `eth0`, or regular expressions between
   * slashes such as `/^veth/`.
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
   * Create a headless Service selecting every collectd pod, for Prometheus' `endpoints` discovery.
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
  /** The server's host name or IP address. */
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

const HOST = /^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:]+:[0-9a-fA-F:.]*|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/;

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
    if (!HOST.test(c.network.server)) throw propError(at, 'network.server', c.network.server, 'must be a host name or an IP address');
    blocks.push(['network', [`Server ${str(c.network.server)} ${str(String(c.network.port ?? 25826))}`]]);
  }
  if (c.writePrometheus) blocks.push(['write_prometheus', [`Port ${str(String(c.writePrometheus.port ?? 9103))}`]]);

  lines.push(...blocks.map(([name]) => `LoadPlugin ${name}`), '');
  for (const [name, options] of blocks) {
    lines.push(`<Plugin ${name}>`, ...options.map(o => `  ${o}`), '</Plugin>', '');
  }
  return lines.join('\n');
}

function checkSelector(at: Where, prop: string, value: string): string {
  if (value === '' || /[\r\n]/.test(value)) throw propError(at, prop, value, 'must be a non-empty name or /regex/ on one line');
  if (value.length > 1 && value.startsWith('/') && value.endsWith('/')) {
    try {
      new RegExp(value.slice(1, -1));
    } catch (e) {
      throw propError(at, prop, value, `is not a valid regular expression: ${(e as Error).message}`);
    }
  }
  return value;
}

/** The node's mount points as the container sees them under `root`. @internal */
export function dfMountPoints(at: Where, mountPoints: string[], root: string): string[] {
  if (mountPoints.length === 0) throw propError(at, 'df.mountPoints', mountPoints, 'needs at least one mount point (or set df.enabled to false)');
  return mountPoints.map((m, i) => {
    if (!m.startsWith('/') || m.split('/').includes('..') || /[\r\n"]/.test(m)) {
      throw propError(at, `df.mountPoints[${i}]`, m, 'must be an absolute path on the node');
    }
    return m === '/' ? root : `${root}${m.replace(/\/+$/, '')}`;
  });
}
