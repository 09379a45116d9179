import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { checkAbsolutePath, checkPortNumber, HostPathMount } from '../container';
import { checkGoRegexp } from './config-values';
import {
  ANGLE_NAMED_GROUPS_SINCE, COLLECTOR_SINCE, EXCLUSIVE_FLAGS, FLAG_SINCE, hasCollector, OLDEST_RELEASE, REGEX_FLAGS, Release, REMOVED_FLAGS,
} from './node-exporter-releases';
import { presetProps, withPresetDefaults } from './preset-defaults';
import { assertValid, childPath, propError, Where } from '../internal/errors';
import { imageTag, parseVersion, versionAtLeast as atLeast } from '../internal/image';
import { kplus } from '../internal/kplus-adapter';
import { plainProps } from '../internal/shape';
import { KubeRbacProxyOptions, kubeRbacProxy } from '../monitoring/kube-rbac-proxy';
import { NodeDaemonSet, NodeDaemonSetOptions, NodeDaemonSetProps } from '../node-daemon-set';
import { checkPortName, PORT_NAME, READINESS_PROBE_MISSING } from '../validation';
import { NODE_EXPORTER_DEPRECATED_FLAG, RENAMED_FLAGS } from '../validation/engine';

/** The node-exporter release this library pins by default. */
const DEFAULT_IMAGE = 'quay.io/prometheus/node-exporter:v1.12.1';
const DEFAULT_PORT = 9100;
/** The D-Bus system bus socket, on the node and where node-exporter's D-Bus client looks for it. */
const DBUS_SOCKET = '/var/run/dbus/system_bus_socket';
/** Collectors that read systemd or logind over D-Bus. */
const DBUS_COLLECTORS = ['systemd', 'logind'];
/** The image's user, `nobody`: set explicitly so `runAsNonRoot` can be checked by the kubelet. */
const NOBODY = 65534;
/** kube-prometheus-stack's list: the binary's default misses kubelet and containerd mounts. */
const DEFAULT_MOUNT_POINTS_EXCLUDE = '^/(dev|proc|sys|run/containerd/.+|var/lib/docker/.+|var/lib/kubelet/.+)($|/)';
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
   * `ignored-mount-points`) and `--path.udev.data` from 1.4.0; decides which collectors exist
   * and whether regular expressions may name groups `(?<name>...)` (1.8.0 and later, built with Go 1.22).
   *
   * @default - read from the image tag; the pinned release (1.12.1) when the tag is not a version
   * @throws if not a version, or older than 0.17.0 (the first release with `--path.rootfs`)
   */
  readonly version?: string;
  /**
   * The port metrics are served on, on the node's IP (host network): drives
   * `--web.listen-address`, the containerPort and hostPort, the probes, the Service, the
   * monitors, the NetworkPolicy and the `prometheus.io/port` annotation. With `kubeRbacProxy`,
   * the proxy serves it over TLS and node-exporter moves to `127.0.0.1:<upstreamPort>`.
   *
   * @default 9100
   */
  readonly port?: number;
  /**
   * The name of the metrics port, in the container that serves it (node-exporter, or the
   * kube-rbac-proxy sidecar with `kubeRbacProxy`), the Service and the monitors (the chart's
   * `service.portName`; kube-prometheus-stack names it `http-metrics`).
   *
   * @default - 'metrics'; 'https' with `kubeRbacProxy`, as kube-prometheus names it
   * @throws if not an IANA service name (1 to 15 lower-case letters, digits and -)
   */
  readonly portName?: string;
  /**
   * Listen on every interface of the node, IPv4 and IPv6 (`--web.listen-address=:<port>`),
   * instead of the node's primary IP (`status.hostIP`, one address family). On a dual-stack
   * node this serves both families; set `service.ipFamilyPolicy` to
   * `ServiceIpFamilyPolicy.PREFER_DUAL_STACK` so the headless Service has endpoints of both.
   * It also exposes the metrics on interfaces such as a VPN or a container bridge. With
   * `kubeRbacProxy`, the proxy listens so, and node-exporter stays on loopback.
   *
   * @default false
   */
  readonly listenOnAllInterfaces?: boolean;
  /**
   * Mount propagation of the `/proc` mount (the chart's `hostProcFsMount.mountPropagation`).
   *
   * @default - None
   * @throws if Bidirectional (it needs a privileged container)
   */
  readonly hostProcFsMountPropagation?: kplus.MountPropagation;
  /**
   * Mount propagation of the `/sys` mount (the chart's `hostSysFsMount.mountPropagation`).
   *
   * @default - None
   * @throws if Bidirectional (it needs a privileged container)
   */
  readonly hostSysFsMountPropagation?: kplus.MountPropagation;
  /**
   * Serve the metrics only through kube-rbac-proxy, as kube-prometheus does: node-exporter
   * listens on `127.0.0.1`, a kube-rbac-proxy sidecar serves `port` on the node's IP over TLS
   * to callers whose token the API server accepts and who may `get` `/metrics`, with the
   * ClusterRole (TokenReview, SubjectAccessReview) and binding it needs. The Service and monitors
   * use the proxy's `https` port; a ServiceMonitor sends Prometheus' ServiceAccount token and
   * skips verifying the self-signed certificate. node-exporter itself then has no probes (the
   * kubelet cannot reach loopback): the proxy's `/healthz` gates readiness.
   *
   * @default - no proxy: plain HTTP on the node's IP
   * @throws if the proxy's ports collide with `port` or each other
   */
  readonly kubeRbacProxy?: KubeRbacProxyOptions;
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
   * (`--collector.filesystem.mount-points-exclude`), in Go's RE2 syntax: no lookaround or
   * backreferences.
   *
   * @default '^/(dev|proc|sys|run/containerd/.+|var/lib/docker/.+|var/lib/kubelet/.+)($|/)'
   * @throws if Go's `regexp` refuses it (node-exporter panics at start on it)
   */
  readonly mountPointsExclude?: string;
  /**
   * Regular expression of filesystem types the filesystem collector ignores
   * (`--collector.filesystem.fs-types-exclude`), in Go's RE2 syntax.
   *
   * @default - node-exporter's built-in list
   * @throws if Go's `regexp` refuses it (node-exporter panics at start on it)
   */
  readonly fsTypesExclude?: string;
  /**
   * Collectors to turn on (`--collector.<name>`), e.g. `systemd`, `processes`. `systemd` and
   * `logind` ask over D-Bus, so they also mount the node's system bus socket
   * (`/var/run/dbus/system_bus_socket`, read-only, hostPath type `Socket`: a node without D-Bus
   * keeps the pod from starting).
   *
   * @default - node-exporter's defaults
   * @throws if a name is not a collector of the image's release (node-exporter exits on an unknown one); use `extraArgs` for a custom build's
   * @see https://github.com/prometheus/node_exporter#collectors
   */
  readonly enabledCollectors?: string[];
  /**
   * Collectors to turn off (`--no-collector.<name>`), e.g. `wifi`, `hwmon`.
   *
   * @default - node-exporter's defaults
   * @throws if a name is not a collector of the image's release, or is also in `enabledCollectors`
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
   * More arguments, each one `--flag=value` element. An old flag name the image's release still
   * accepts (`--collector.diskstats.ignored-devices`) passes, with the validator's
   * `node-exporter-deprecated-flag` warning.
   *
   * @default - none
   * @throws if an element is a flag whose value is the next element, a flag this construct already sets (or its other name, or the opposite include/exclude filter), a flag the image's release does not know among the renamed ones, or a filter flag whose value Go's `regexp` refuses
   */
  readonly extraArgs?: string[];
}

/**
 * Prometheus node-exporter on every Linux node, as the prometheus-node-exporter Helm chart and
 * kube-prometheus run it: host network and PID namespace, read-only `/proc`, `/sys` and `/`
 * mounts, user 65534 (never privileged), requests and limits with memory request = limit and a
 * headless Service. Prometheus finds it through `prometheus.io/*` pod annotations, or a
 * ServiceMonitor or PodMonitor instead (`serviceMonitor`, `podMonitor`; docs/monitoring.md);
 * `kubeRbacProxy` authenticates every scrape, and `prometheusRule` adds DaemonSet health alerts
 * and `NodeExporterDown`.
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
    const resolved = nodeExporterProps(scope, id, props);
    super(scope, id, resolved.props);
    this.port = resolved.port;
  }
}

function nodeExporterProps(scope: Construct, id: string, props: NodeExporterDaemonSetProps): { props: NodeDaemonSetProps; port: number } {
  // Props are checked before the construct exists, so errors name the path it will have.
  const at = childPath(scope, id);
  props = plainProps(at, props);
  const port = props.port ?? DEFAULT_PORT;
  checkPortNumber(at, 'port', port);
  const portName = props.portName ?? (props.kubeRbacProxy ? 'https' : 'metrics');
  assertValid(at, 'portName', portName, checkPortName(portName), PORT_NAME);
  const image = props.image ?? DEFAULT_IMAGE;
  if (props.version !== undefined && !parseVersion(props.version)) {
    throw propError(at, 'version', props.version, 'must be a release version such as 1.12.1');
  }
  const version = parseVersion(props.version ?? imageTag(image));
  if (version && !atLeast(version, OLDEST_RELEASE)) {
    throw propError(at, props.version !== undefined ? 'version' : 'image', props.version ?? image,
      `node-exporter ${version.join('.')} is older than ${OLDEST_RELEASE.join('.')}, the first release with --path.rootfs, which this preset sets: use a newer image (for example ${DEFAULT_IMAGE})`);
  }
  const rootFs = props.hostRootFsMount ?? true;
  if (!rootFs && props.hostRootFsMountPropagation !== undefined) {
    throw propError(at, 'hostRootFsMountPropagation', props.hostRootFsMountPropagation, 'has no effect with hostRootFsMount: false');
  }
  for (const prop of ['hostRootFsMountPropagation', 'hostProcFsMountPropagation', 'hostSysFsMountPropagation'] as const) {
    if (props[prop] === kplus.MountPropagation.BIDIRECTIONAL) {
      throw propError(at, prop, 'Bidirectional', 'would need a privileged container; node-exporter only reads the node: use HOST_TO_CONTAINER');
    }
  }
  checkRegexProp(at, 'mountPointsExclude', props.mountPointsExclude, version);
  checkRegexProp(at, 'fsTypesExclude', props.fsTypesExclude, version);
  if (props.textfileDirectory !== undefined) checkAbsolutePath(at, 'textfileDirectory', props.textfileDirectory);
  const enabled = props.enabledCollectors ?? [];
  const newNames = atLeast(version, FLAG_SINCE['collector.filesystem.mount-points-exclude']);

  const proxied = props.kubeRbacProxy !== undefined;
  const merged = withPresetDefaults(at, {
    // The validator reads the version from the image tag only; `version` told us the old names are right.
    // Behind the proxy, the kubelet cannot probe node-exporter on 127.0.0.1: the proxy's readiness gates the pod.
    acknowledgedWarnings: [...newNames ? [] : [NODE_EXPORTER_DEPRECATED_FLAG.id], ...proxied ? [READINESS_PROBE_MISSING.id] : []],
    hostNetwork: true,
    hostPID: true,
    hostIPC: false,
    hostPathMounts: hostMounts(props, rootFs, enabled),
    runAsUser: NOBODY,
    runAsGroup: NOBODY,
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(250) },
      // Equal request and limit: the exporter's memory is steady, and the pod is never OOM-picked first.
      memory: { request: Size.mebibytes(180), limit: Size.mebibytes(180) },
    },
    ...proxied ? {} : {
      envVariables: { HOST_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP) },
      readiness: kplus.Probe.fromHttpGet('/', { port }),
      // More lenient than readiness: a slow scrape takes the pod out of rotation before it is restarted.
      liveness: kplus.Probe.fromHttpGet('/', { port, periodSeconds: Duration.seconds(30), failureThreshold: 5 }),
    },
    service: { portNames: [portName] },
  }, props);
  // On the node's IP under host network (IPv6-safe brackets); in the pod's own namespace that IP
  // does not exist. An empty host is Go's dual-stack wildcard: every interface, IPv4 and IPv6.
  const onNodeIp = merged.hostNetwork === true && !props.listenOnAllInterfaces;
  const proxy = props.kubeRbacProxy ? kubeRbacProxy(scope, id, at, { port, name: portName, onNodeIp }, props.kubeRbacProxy) : undefined;

  const flags = new Flags(at, version);
  flags.set('path.procfs', '/host/proc');
  flags.set('path.sysfs', '/host/sys');
  if (rootFs) {
    flags.set('path.rootfs', '/host/root');
    flags.setIfKnown('path.udev.data', '/host/root/run/udev/data');
  }
  // Behind the proxy, loopback only: nothing but the proxy reaches it.
  flags.set('web.listen-address', proxy ? proxy.upstreamAddress : onNodeIp ? `[$(HOST_IP)]:${port}` : `:${port}`);
  flags.set(`collector.filesystem.${newNames ? 'mount-points-exclude' : 'ignored-mount-points'}`,
    props.mountPointsExclude ?? DEFAULT_MOUNT_POINTS_EXCLUDE);
  if (props.fsTypesExclude !== undefined) {
    flags.set(`collector.filesystem.${newNames ? 'fs-types-exclude' : 'ignored-fs-types'}`, props.fsTypesExclude);
  }
  enabled.forEach((c, i) => flags.switch('enabledCollectors', i, c, `collector.${c}`));
  (props.disabledCollectors ?? []).forEach((c, i) => {
    if (enabled.includes(c)) throw propError(at, `disabledCollectors[${i}]`, c, 'a collector cannot be both enabled and disabled');
    flags.switch('disabledCollectors', i, c, `no-collector.${c}`);
  });
  if (props.textfileDirectory) flags.set('collector.textfile.directory', '/host/textfile');
  flags.addExtra(props.extraArgs ?? []);

  return {
    port,
    props: presetProps(merged, {
      image,
      name: 'node-exporter',
      component: 'exporter',
      args: flags.args,
      ports: proxy ? undefined : [{ name: portName, number: port, protocol: kplus.Protocol.TCP }],
      clusterRoleRules: proxy?.rules,
      _metrics: { port: portName, path: '/metrics', authenticated: proxied, exporterDownAlert: 'NodeExporterDown' },
    }, {
    // The proxy follows the merged pull policy, like the exporter.
      sidecars: proxy ? [{ ...proxy.sidecar, imagePullPolicy: merged.imagePullPolicy }] : [],
    }),
  };
}

/** `/proc`, `/sys` and `/` read-only under `/host`, the textfile directory, and the D-Bus socket for the collectors that need it. */
function hostMounts(props: NodeExporterDaemonSetProps, rootFs: boolean, enabled: string[]): HostPathMount[] {
  return [
    { name: 'proc', hostPath: '/proc', mountPath: '/host/proc', propagation: props.hostProcFsMountPropagation },
    { name: 'sys', hostPath: '/sys', mountPath: '/host/sys', propagation: props.hostSysFsMountPropagation },
    ...rootFs ? [{
      name: 'root',
      hostPath: '/',
      mountPath: '/host/root',
      propagation: props.hostRootFsMountPropagation ?? kplus.MountPropagation.HOST_TO_CONTAINER,
    }] : [],
    ...props.textfileDirectory !== undefined ? [{ name: 'textfile', hostPath: props.textfileDirectory, mountPath: '/host/textfile' }] : [],
    // The systemd and logind collectors ask over the system bus, at the socket path the D-Bus
    // client library defaults to. Connecting works through a read-only mount. SOCKET: on a node
    // without D-Bus the pod waits with a clear event, and no runtime creates a directory in its place.
    ...enabled.some(c => DBUS_COLLECTORS.includes(c)) ? [{
      name: 'dbus', hostPath: DBUS_SOCKET, mountPath: DBUS_SOCKET, type: kplus.HostPathVolumeType.SOCKET,
    }] : [],
  ];
}

/** node-exporter's arguments, one `--flag=value` element each, every flag set once, each known to the image's release. */
class Flags {
  public readonly args: string[] = [];
  private readonly names = new Set<string>();
  private readonly extra = new Set<string>();

  constructor(private readonly scope: Where, private readonly version: Release | undefined) {}

  public set(flag: string, value: string): void {
    this.names.add(flag);
    this.args.push(`--${flag}=${value}`);
  }

  /** Sets a flag only when the image's release has it (unknown releases count as current). */
  public setIfKnown(flag: string, value: string): void {
    if (atLeast(this.version, FLAG_SINCE[flag])) this.set(flag, value);
  }

  public switch(prop: string, i: number, collector: string, flag: string): void {
    if (!hasCollector(this.version, collector)) {
      const first = COLLECTOR_SINCE.get(collector);
      throw propError(this.scope, `${prop}[${i}]`, collector, first
        ? `node-exporter ${this.version!.join('.')} has no ${collector} collector (added in ${first.join('.')}) and exits on --${flag}: update the image or drop it`
        : 'not a node-exporter collector (see https://github.com/prometheus/node_exporter#collectors); node-exporter exits on an unknown one. '
          + 'For a collector of a newer or custom build, use extraArgs');
    }
    if (this.names.has(`collector.${collector}`) || this.names.has(`no-collector.${collector}`)) {
      throw propError(this.scope, `${prop}[${i}]`, collector, 'each collector may be named once');
    }
    this.names.add(flag);
    this.args.push(`--${flag}`);
  }

  public addExtra(extra: string[]): void {
    extra.forEach((arg, i) => {
      const prop = `extraArgs[${i}]`;
      const m = /^--(no-)?([a-z0-9_.-]+)(=.*)?$/.exec(arg);
      if (!m) throw propError(this.scope, prop, arg, 'each argument must be one --flag or --flag=value element');
      const next = extra[i + 1];
      if (m[3] === undefined && next !== undefined && !next.startsWith('-')) {
        throw propError(this.scope, prop, arg, `a flag and its value belong in one argument: "${arg}=${next}"`);
      }
      const flag = m[2];
      this.checkForRelease(prop, arg, flag);
      // --collector.x and --no-collector.x are one switch: set twice, the last one silently wins.
      if (this.names.has(flag) || this.names.has(`no-${flag}`)) {
        throw propError(this.scope, prop, arg, this.extra.has(flag)
          ? 'this flag is already in extraArgs' : 'this flag is already set by a prop of NodeExporterDaemonSet');
      }
      const partner = this.exclusivePartner(flag);
      if (partner) {
        throw propError(this.scope, prop, arg, `node-exporter refuses it together with --${partner} ("mutually exclusive") and exits; `
          + `${this.extra.has(partner) ? 'drop one of them' : 'for the filesystem filters use mountPointsExclude / fsTypesExclude'}`);
      }
      if (REGEX_FLAGS.has(flag) && m[3] !== undefined) {
        // The systemd collector anchors its unit filters: `^(?:<value>)$`.
        const value = flag.startsWith('collector.systemd.unit-') ? `^(?:${m[3].slice(1)})$` : m[3].slice(1);
        assertValid(this.scope, prop, arg, checkGoRegexp(value, atLeast(this.version, ANGLE_NAMED_GROUPS_SINCE)));
      }
      this.names.add(flag);
      this.extra.add(flag);
      this.args.push(arg);
    });
  }

  /**
   * node-exporter exits at start on a flag its release does not know: a renamed flag's new name
   * on an older release, or an old name a newer release dropped. An old name the release still
   * accepts passes (the validator warns that it is deprecated).
   */
  private checkForRelease(prop: string, arg: string, flag: string): void {
    const removed = REMOVED_FLAGS[flag];
    if (removed && atLeast(this.version, removed.in)) {
      throw propError(this.scope, prop, arg, `node-exporter ${removed.in.join('.')} and later do not know this flag and exit at start: use ${removed.use}`);
    }
    const newer = Object.values(RENAMED_FLAGS).find(r => r.to === `--${flag}`);
    if (newer && !atLeast(this.version, newer.since)) {
      throw propError(this.scope, prop, arg, `node-exporter ${this.version!.join('.')} does not know this flag (added in ${newer.since.join('.')}) and would exit at startup`);
    }
  }

  /** The flag already set that node-exporter refuses beside `flag`: its other name, or the opposite filter. */
  private exclusivePartner(flag: string): string | undefined {
    const renamed = RENAMED_FLAGS[`--${flag}`]?.to.slice(2);
    const oldNames = Object.keys(RENAMED_FLAGS).filter(old => RENAMED_FLAGS[old].to === `--${flag}`).map(old => old.slice(2));
    const filter = EXCLUSIVE_FLAGS[flag] ?? Object.keys(EXCLUSIVE_FLAGS).find(f => EXCLUSIVE_FLAGS[f] === flag);
    return [renamed, ...oldNames, filter].find(f => f !== undefined && this.names.has(f));
  }
}

/** A Go regular expression node-exporter compiles at start (`regexp.MustCompile`: a bad one panics every pod). */
function checkRegexProp(where: Where, prop: string, value: unknown, version: Release | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || /[\u0000-\u001f\u007f]/.test(value)) throw propError(where, prop, value, 'must be a one-line regular expression');
  assertValid(where, prop, value, checkGoRegexp(value, atLeast(version, ANGLE_NAMED_GROUPS_SINCE)));
}
