/**
 * What each node-exporter release accepts on its command line, for the flags `NodeExporterDaemonSet`
 * generates or checks. Read from the release tags' sources (the `registerCollector` and
 * `kingpin.Flag` calls of a linux/amd64 build, `.promu.yml` for the Go version) and checked
 * against `--help` of 1.5.0 (Debian's package) and 1.12.1 (built from the Go module proxy).
 * node-exporter exits at start on a flag its release does not know.
 * @internal
 */
import { versionAtLeast } from '../internal/image';
import { lookupTable } from '../internal/lookup';

/** A release version, `[major, minor, patch]`. */
export type Release = number[];

/** The oldest release the preset supports: it sets `--path.rootfs`, which 0.17.0 added. */
export const OLDEST_RELEASE: Release = [0, 17, 0];

/** Releases built with Go 1.22 or later (`.promu.yml`), whose `regexp` accepts `(?<name>...)` besides `(?P<name>...)`. */
export const ANGLE_NAMED_GROUPS_SINCE: Release = [1, 8, 0];

/** The first release of each flag the preset sets that is younger than `OLDEST_RELEASE`. */
export const FLAG_SINCE: { [flag: string]: Release } = lookupTable({
  'path.udev.data': [1, 4, 0],
  'collector.filesystem.mount-points-exclude': [1, 2, 0],
  'collector.filesystem.fs-types-exclude': [1, 2, 0],
});

const since = (release: Release, ...names: string[]) => names.map(n => [n, release] as [string, Release]);

/**
 * The Linux collectors (`--collector.<name>`, `--no-collector.<name>`) and the release that added
 * each; none was removed from 0.17.0 to 1.12.1.
 */
export const COLLECTOR_SINCE: ReadonlyMap<string, Release> = new Map([
  ...since([0, 17, 0], 'arp', 'bcache', 'bonding', 'buddyinfo', 'conntrack', 'cpu', 'diskstats', 'drbd', 'edac', 'entropy',
    'filefd', 'filesystem', 'hwmon', 'infiniband', 'interrupts', 'ipvs', 'ksmd', 'loadavg', 'logind', 'mdadm', 'meminfo',
    'meminfo_numa', 'mountstats', 'netclass', 'netdev', 'netstat', 'nfs', 'nfsd', 'ntp', 'processes', 'qdisc', 'runit',
    'sockstat', 'stat', 'supervisord', 'systemd', 'tcpstat', 'textfile', 'time', 'timex', 'uname', 'vmstat', 'wifi', 'xfs', 'zfs'),
  ...since([0, 18, 0], 'cpufreq', 'perf', 'pressure'),
  ...since([1, 0, 0], 'btrfs', 'powersupplyclass', 'rapl', 'schedstat', 'softnet', 'thermal_zone', 'udp_queues'),
  ...since([1, 1, 0], 'fibrechannel', 'network_route', 'zoneinfo'),
  ...since([1, 2, 0], 'ethtool', 'nvme', 'tapestats'),
  ...since([1, 3, 0], 'dmi', 'drm', 'lnstat', 'os'),
  ...since([1, 4, 0], 'cgroups', 'selinux', 'slabinfo', 'sysctl'),
  ...since([1, 6, 0], 'softirqs'),
  ...since([1, 7, 0], 'cpu_vulnerabilities'),
  ...since([1, 8, 0], 'watchdog', 'xfrm'),
  ...since([1, 10, 0], 'pcidevice', 'swap'),
  ...since([1, 11, 0], 'bcachefs', 'kernel_hung'),
  ...since([1, 12, 0], 'dmmultipath', 'nvmesubsystem'),
]);

/**
 * Flags whose value node-exporter compiles as a Go regular expression (`regexp.MustCompile`,
 * which panics on an error, or `regexp.Compile`), as of 1.12.1, with their deprecated names.
 */
export const REGEX_FLAGS: ReadonlySet<string> = new Set([
  'arp.device-exclude', 'arp.device-include', 'cpu.info.bugs-include', 'cpu.info.flags-include',
  'diskstats.device-exclude', 'diskstats.device-include', 'diskstats.ignored-devices',
  'ethtool.device-exclude', 'ethtool.device-include', 'ethtool.metrics-include',
  'filesystem.fs-types-exclude', 'filesystem.fs-types-include', 'filesystem.ignored-fs-types',
  'filesystem.ignored-mount-points', 'filesystem.mount-points-exclude', 'filesystem.mount-points-include',
  'hwmon.chip-exclude', 'hwmon.chip-include', 'hwmon.sensor-exclude', 'hwmon.sensor-include',
  'infiniband.device-exclude', 'infiniband.device-include', 'interrupts.name-exclude', 'interrupts.name-include',
  'netclass.ignored-devices', 'netdev.device-blacklist', 'netdev.device-exclude', 'netdev.device-include',
  'netdev.device-whitelist', 'netdev.ignored-devices', 'netstat.fields', 'powersupply.ignored-supplies',
  'qdisc.device-exclude', 'qdisc.device-include', 'qdisk.device-exclude', 'qdisk.device-include',
  'slabinfo.slabs-exclude', 'slabinfo.slabs-include', 'systemd.unit-blacklist', 'systemd.unit-exclude',
  'systemd.unit-include', 'systemd.unit-whitelist', 'tapestats.ignored-devices', 'vmstat.fields',
].map(f => `collector.${f}`));

/** Old flag names a release refuses ("unknown long flag"), from the release that dropped them. */
export const REMOVED_FLAGS: { [flag: string]: { readonly in: Release; readonly use: string } } = lookupTable({
  // 1.0.0 renamed it to device-blacklist, 1.1.0 to device-exclude.
  'collector.netdev.ignored-devices': { in: [1, 0, 0], use: '--collector.netdev.device-exclude' },
});

/**
 * Flags node-exporter refuses together ("mutually exclusive", and it exits): an include filter
 * and the exclude filter of the same collector.
 */
export const EXCLUSIVE_FLAGS: { [flag: string]: string } = lookupTable({
  'collector.filesystem.mount-points-include': 'collector.filesystem.mount-points-exclude',
  'collector.filesystem.fs-types-include': 'collector.filesystem.fs-types-exclude',
});

/** Whether `release` (undefined: unknown, counted as the pinned one) has the collector. */
export function hasCollector(release: Release | undefined, collector: string): boolean {
  const first = COLLECTOR_SINCE.get(collector);
  return first !== undefined && versionAtLeast(release, first);
}
