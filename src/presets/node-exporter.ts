import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { checkAbsolutePath, checkPortNumber } from '../container';
import { withPresetDefaults } from './preset-defaults';
import { childPath, propError, Where } from '../internal/errors';
import { imageTag, parseVersion, versionAtLeast as atLeast } from '../internal/image';
import { kplus } from '../internal/kplus-adapter';
import { NodeDaemonSet, NodeDaemonSetOptions, NodeDaemonSetProps } from '../node-daemon-set';
import { NODE_EXPORTER_DEPRECATED_FLAG, RENAMED_FLAGS } from '../validation';

/** The node-exporter release this library pins by default. */
const DEFAULT_IMAGE = 'quay.io/prometheus/node-exporter:v1.12.1';
const DEFAULT_PORT = 9100;
/** The image's user, `nobody`: set explicitly so `runAsNonRoot` can be checked by the kubelet. */
const NOBODY = 65534;
/** kube-prometheus-stack's list: the binary's default misses kubelet and containerd mounts. */
const DEFAULT_MOUNT_POINTS_EXCLUDE = '^/(dev|proc|sys|run/containerd/.+|var/lib/docker/.+|var/lib/kubelet/.+)($|/)';
/**
 * node-exporter's Linux collectors (and the OS-independent ones), from its README's collector
 * tables: node-exporter exits on an unknown `--collector.<name>` flag, so every pod would
 * crash-loop on a typo. Collectors of a newer or custom build go in `extraArgs`.
 */
const KNOWN_COLLECTORS = new Set([
  'arp', 'bcache', 'bonding', 'btrfs', 'buddyinfo', 'cgroups', 'conntrack', 'cpu', 'cpu_vulnerabilities', 'cpufreq',
  'diskstats', 'dmi', 'drbd', 'drm', 'edac', 'entropy', 'ethtool', 'fibrechannel', 'filefd', 'filesystem', 'hwmon',
  'infiniband', 'interrupts', 'ipvs', 'ksmd', 'lnstat', 'loadavg', 'logind', 'mdadm', 'meminfo', 'meminfo_numa',
  'mountstats', 'netclass', 'netdev', 'netstat', 'network_route', 'nfs', 'nfsd', 'ntp', 'nvme', 'os', 'pcidevice',
  'perf', 'powersupplyclass', 'pressure', 'processes', 'qdisc', 'rapl', 'runit', 'schedstat', 'selinux', 'slabinfo',
  'sockstat', 'softirqs', 'softnet', 'stat', 'supervisord', 'swap', 'sysctl', 'systemd', 'tapestats', 'tcpstat',
  'textfile', 'thermal_zone', 'time', 'timex', 'udp_queues', 'uname', 'vmstat', 'watchdog', 'wifi', 'xfrm', 'xfs',
  'zfs', 'zoneinfo',
]);

/**
 * Props of `NodeExporterDaemonSet`. Every shared `NodeDaemonSetOptions` prop overrides the
 * preset's default for it.
 */
export interface NodeExporterDaemonSetProps extends NodeDaemonSetOptions {
  /**
   * The node-exporter image.
   *
   * @default 'quay.io/prometheus/node-exporter:v1.12.1'
   */
  readonly image?: string;
  /**
   * node-exporter's version, when the image tag does not say it (a digest or a custom tag).
   * Chooses flag spellings: `--collector.filesystem.mount-points-exclude` from 1.2.0 (before:
   * `ignored-mount-points`) and `--path.udev.data` from 1.4.0.
   *
   * @default - read from the image tag; the newest spellings when the tag is not a version
   */
  readonly version?: string;
  /**
   * The port node-exporter listens on, on the node's IP (host network): drives
   * `--web.listen-address`, the containerPort and hostPort, the probes, the Service and the
   * `prometheus.io/port` annotation.
   *
   * @default 9100
   */
  readonly port?: number;
  /**
   * Mount the node's root filesystem read-only at `/host/root` (with `--path.rootfs`), so the
   * filesystem collector reports the node's mounts. Turning it off also drops `--path.rootfs`
   * and `--path.udev.data`.
   *
   * @default true
   */
  readonly hostRootFsMount?: boolean;
  /**
   * Mount propagation of the root filesystem mount. `HOST_TO_CONTAINER` (`rslave`) makes
   * mounts the node adds after the pod started visible.
   *
   * @default MountPropagation.HOST_TO_CONTAINER
   */
  readonly hostRootFsMountPropagation?: kplus.MountPropagation;
  /**
   * Regular expression of mount points the filesystem collector ignores
   * (`--collector.filesystem.mount-points-exclude`).
   *
   * @default '^/(dev|proc|sys|run/containerd/.+|var/lib/docker/.+|var/lib/kubelet/.+)($|/)'
   */
  readonly mountPointsExclude?: string;
  /**
   * Regular expression of filesystem types the filesystem collector ignores
   * (`--collector.filesystem.fs-types-exclude`).
   *
   * @default - node-exporter's built-in list
   */
  readonly fsTypesExclude?: string;
  /**
   * Collectors to turn on (`--collector.<name>`), e.g. `systemd`, `processes`.
   *
   * @default - node-exporter's defaults
   * @throws if a name is not one of node-exporter's collectors (node-exporter exits on an unknown one); use `extraArgs` for a custom build's
   * @see https://github.com/prometheus/node_exporter#collectors
   */
  readonly enabledCollectors?: string[];
  /**
   * Collectors to turn off (`--no-collector.<name>`), e.g. `wifi`, `hwmon`.
   *
   * @default - node-exporter's defaults
   */
  readonly disabledCollectors?: string[];
  /**
   * A node directory of `*.prom` files for the textfile collector, mounted read-only at
   * `/host/textfile` (`--collector.textfile.directory`).
   *
   * @default - no textfile collector directory
   */
  readonly textfileDirectory?: string;
  /**
   * More arguments, each one `--flag=value` element.
   *
   * @default - none
   * @throws if an element is a flag whose value is the next element, or a flag this construct already sets
   */
  readonly extraArgs?: string[];
}

/**
 * Prometheus node-exporter on every Linux node, as the prometheus-node-exporter Helm chart and
 * kube-prometheus run it: host network and PID namespace, read-only `/proc`, `/sys` and `/`
 * mounts, user 65534 (never privileged), requests and limits with memory request = limit, a
 * headless Service for scraping and `prometheus.io/scrape` pod annotations.
 *
 * Its pods need a namespace whose Pod Security level is `privileged` (host namespaces, hostPath
 * volumes, host ports): see `podSecurityLevel`.
 *
 * @see https://github.com/prometheus/node_exporter
 */
export class NodeExporterDaemonSet extends NodeDaemonSet {
  /** The port node-exporter serves metrics on. */
  public readonly port: number;

  constructor(scope: Construct, id: string, props: NodeExporterDaemonSetProps = {}) {
    super(scope, id, withPresetDefaults(nodeExporterProps(scope, id, props), props));
    this.port = props.port ?? DEFAULT_PORT;
  }
}

function nodeExporterProps(scope: Construct, id: string, props: NodeExporterDaemonSetProps): NodeDaemonSetProps {
  // Props are checked before the construct exists, so errors name the path it will have.
  const at = childPath(scope, id);
  const port = props.port ?? DEFAULT_PORT;
  checkPortNumber(at, 'port', port);
  const image = props.image ?? DEFAULT_IMAGE;
  if (props.version !== undefined && !parseVersion(props.version)) {
    throw propError(at, 'version', props.version, 'must be a release version such as 1.12.1');
  }
  const version = parseVersion(props.version ?? imageTag(image));
  const rootFs = props.hostRootFsMount ?? true;
  if (!rootFs && props.hostRootFsMountPropagation !== undefined) {
    throw propError(at, 'hostRootFsMountPropagation', props.hostRootFsMountPropagation, 'has no effect with hostRootFsMount: false');
  }
  if (props.hostRootFsMountPropagation === kplus.MountPropagation.BIDIRECTIONAL) {
    throw propError(at, 'hostRootFsMountPropagation', 'Bidirectional', 'would need a privileged container; node-exporter only reads the node: use HOST_TO_CONTAINER');
  }
  checkRegexProp(at, 'mountPointsExclude', props.mountPointsExclude);
  checkRegexProp(at, 'fsTypesExclude', props.fsTypesExclude);
  if (props.textfileDirectory !== undefined) checkAbsolutePath(at, 'textfileDirectory', props.textfileDirectory);
  const flags = new Flags(at);

  flags.set('path.procfs', '/host/proc');
  flags.set('path.sysfs', '/host/sys');
  if (rootFs) {
    flags.set('path.rootfs', '/host/root');
    if (atLeast(version, [1, 4, 0])) flags.set('path.udev.data', '/host/root/run/udev/data');
  }
  // On the node's IP under host network (IPv6-safe brackets); in the pod's own namespace that IP does not exist.
  flags.set('web.listen-address', props.hostNetwork === false ? `:${port}` : `[$(HOST_IP)]:${port}`);
  const newNames = atLeast(version, [1, 2, 0]);
  flags.set(`collector.filesystem.${newNames ? 'mount-points-exclude' : 'ignored-mount-points'}`,
    props.mountPointsExclude ?? DEFAULT_MOUNT_POINTS_EXCLUDE);
  if (props.fsTypesExclude !== undefined) {
    flags.set(`collector.filesystem.${newNames ? 'fs-types-exclude' : 'ignored-fs-types'}`, props.fsTypesExclude);
  }
  const enabled = props.enabledCollectors ?? [];
  enabled.forEach((c, i) => flags.switch('enabledCollectors', i, c, `collector.${c}`));
  (props.disabledCollectors ?? []).forEach((c, i) => {
    if (enabled.includes(c)) throw propError(at, `disabledCollectors[${i}]`, c, 'a collector cannot be both enabled and disabled');
    flags.switch('disabledCollectors', i, c, `no-collector.${c}`);
  });
  if (props.textfileDirectory) flags.set('collector.textfile.directory', '/host/textfile');
  flags.addExtra(props.extraArgs ?? [], version);

  const hostPathMounts = [
    { name: 'proc', hostPath: '/proc', mountPath: '/host/proc' },
    { name: 'sys', hostPath: '/sys', mountPath: '/host/sys' },
    ...rootFs ? [{
      name: 'root',
      hostPath: '/',
      mountPath: '/host/root',
      propagation: props.hostRootFsMountPropagation ?? kplus.MountPropagation.HOST_TO_CONTAINER,
    }] : [],
    ...props.textfileDirectory !== undefined ? [{ name: 'textfile', hostPath: props.textfileDirectory, mountPath: '/host/textfile' }] : [],
  ];

  return {
    image,
    name: 'node-exporter',
    component: 'exporter',
    // The validator reads the version from the image tag only; `version` told us the old names are right.
    acknowledgedWarnings: newNames ? [] : [NODE_EXPORTER_DEPRECATED_FLAG.id],
    args: flags.args,
    envVariables: { HOST_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP) },
    ports: [{ name: 'metrics', number: port, protocol: kplus.Protocol.TCP }],
    readiness: kplus.Probe.fromHttpGet('/', { port }),
    // More lenient than readiness: a slow scrape takes the pod out of rotation before it is restarted.
    liveness: kplus.Probe.fromHttpGet('/', { port, periodSeconds: Duration.seconds(30), failureThreshold: 5 }),
    hostNetwork: true,
    hostPID: true,
    hostIPC: false,
    hostPathMounts,
    runAsUser: NOBODY,
    runAsGroup: NOBODY,
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(250) },
      // Equal request and limit: the exporter's memory is steady, and the pod is never OOM-picked first.
      memory: { request: Size.mebibytes(180), limit: Size.mebibytes(180) },
    },
    podMetadata: { annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port) } },
    service: { portNames: ['metrics'] },
  };
}

/** node-exporter's arguments, one `--flag=value` element each, every flag set once. */
class Flags {
  public readonly args: string[] = [];
  private readonly names = new Set<string>();
  private readonly extra = new Set<string>();

  constructor(private readonly scope: Where) {}

  public set(flag: string, value: string): void {
    this.names.add(flag);
    this.args.push(`--${flag}=${value}`);
  }

  public switch(prop: string, i: number, collector: string, flag: string): void {
    if (!KNOWN_COLLECTORS.has(collector)) {
      throw propError(this.scope, `${prop}[${i}]`, collector,
        'not a node-exporter collector (see https://github.com/prometheus/node_exporter#collectors); node-exporter exits on an unknown one. '
        + 'For a collector of a newer or custom build, use extraArgs');
    }
    if (this.names.has(`collector.${collector}`) || this.names.has(`no-collector.${collector}`)) {
      throw propError(this.scope, `${prop}[${i}]`, collector, 'each collector may be named once');
    }
    this.names.add(flag);
    this.args.push(`--${flag}`);
  }

  public addExtra(extra: string[], version: number[] | undefined): void {
    extra.forEach((arg, i) => {
      const prop = `extraArgs[${i}]`;
      const m = /^--(no-)?([a-z0-9_.-]+)(=.*)?$/.exec(arg);
      if (!m) throw propError(this.scope, prop, arg, 'each argument must be one --flag or --flag=value element');
      const next = extra[i + 1];
      if (m[3] === undefined && next !== undefined && !next.startsWith('-')) {
        throw propError(this.scope, prop, arg, `a flag and its value belong in one argument: "${arg}=${next}"`);
      }
      const flag = m[2];
      checkFlagForVersion(this.scope, prop, arg, `--${flag}`, version);
      // --collector.x and --no-collector.x are one switch: set twice, the last one silently wins.
      if (this.names.has(flag) || this.names.has(`no-${flag}`)) {
        throw propError(this.scope, prop, arg, this.extra.has(flag)
          ? 'this flag is already in extraArgs' : 'this flag is already set by a prop of NodeExporterDaemonSet');
      }
      this.names.add(flag);
      this.extra.add(flag);
      this.args.push(arg);
    });
  }
}

/**
 * node-exporter exits at startup on a flag its release does not know: a renamed flag's new name
 * on an older image, or (for the flags removed in 2.0 and netdev's since 1.0) the old name on a newer one.
 */
function checkFlagForVersion(where: Where, prop: string, arg: string, flag: string, version: number[] | undefined): void {
  const renamed = RENAMED_FLAGS[flag];
  if (renamed && atLeast(version, renamed.since)) {
    throw propError(where, prop, arg, `renamed to ${renamed.to} in node-exporter ${renamed.since.join('.')} (the image's release or later); `
      + 'for the filesystem flags use mountPointsExclude / fsTypesExclude, which are spelled for the image');
  }
  const newer = Object.values(RENAMED_FLAGS).find(r => r.to === flag);
  if (newer && version && !atLeast(version, newer.since)) {
    throw propError(where, prop, arg, `node-exporter ${version.join('.')} does not know this flag (added in ${newer.since.join('.')}) and would exit at startup`);
  }
}

/** A Go regular expression node-exporter compiles at startup: one line, and it must at least compile as a JavaScript one. */
function checkRegexProp(where: Where, prop: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || /[\u0000-\u001f\u007f]/.test(value)) throw propError(where, prop, value, 'must be a one-line regular expression');
  try {
    new RegExp(value);
  } catch (e) {
    throw propError(where, prop, value, `is not a valid regular expression: ${(e as Error).message}`);
  }
}
