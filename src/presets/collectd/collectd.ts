import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CollectdCpuOptions, CollectdDfOptions, CollectdDiskOptions, CollectdInterfaceOptions, CollectdLoadOptions,
  CollectdMemoryOptions, CollectdNetworkOptions, CollectdWritePrometheusOptions, renderCollectdConf,
} from './collectd-conf';
import { checkPortNumber } from '../../container';
import { assertValid, childPath, propError } from '../../internal/errors';
import { kplus } from '../../internal/kplus-adapter';
import { plainProps } from '../../internal/shape';
import { NodeDaemonSet, NodeDaemonSetOptions, NodeDaemonSetProps } from '../../node-daemon-set';
import { READINESS_PROBE_MISSING } from '../../validation';
import { checkIntegerInRange } from '../config-values';
import { presetProps, withPresetDefaults } from '../preset-defaults';

/** Intel's collectd build (collectd 5.12 with write_prometheus), the one hardened public collectd DaemonSet runs. */
const DEFAULT_IMAGE = 'docker.io/intel/observability-collectd:1.0';
/** The image's user: it runs collectd as 10001, never root. */
const COLLECTD_USER = 10001;
const CONFIG_DIR = '/etc/collectd-cdk8s';
const RUN_DIR = '/run/collectd';
const BASE_DIR = '/var/lib/collectd';
const HOST_ROOT = '/hostfs';

/**
 * Props of `CollectdDaemonSet`. Every shared `NodeDaemonSetOptions` prop overrides the
 * preset's default for it.
 */
export interface CollectdDaemonSetProps extends NodeDaemonSetOptions {
  /**
   * The collectd image. Any image with collectd and `/bin/sh` works; set `collectdPath` to where
   * its binary is.
   *
   * @default 'docker.io/intel/observability-collectd:1.0'
   */
  readonly image?: string;
  /**
   * The collectd binary in the image.
   *
   * @default '/opt/collectd/sbin/collectd' (collectd's own install prefix)
   * @throws if not an absolute path of letters, digits and `. _ / -` (it runs in a shell command)
   */
  readonly collectdPath?: string;
  /**
   * Seconds between two reads of every plugin (`Interval`).
   *
   * @default 10
   * @throws if not a whole number from 1 to 86400
   */
  readonly intervalSeconds?: number;
  /**
   * The `cpu` plugin.
   *
   * @default - enabled, per CPU, in jiffies
   */
  readonly cpu?: CollectdCpuOptions;
  /**
   * The `memory` plugin.
   *
   * @default - enabled, absolute values
   */
  readonly memory?: CollectdMemoryOptions;
  /**
   * The `load` plugin.
   *
   * @default - enabled
   */
  readonly load?: CollectdLoadOptions;
  /**
   * The `disk` plugin.
   *
   * @default - enabled, every disk but loop and ram devices
   */
  readonly disk?: CollectdDiskOptions;
  /**
   * The `df` plugin. Mounts the node's `/` read-only at `/hostfs`.
   *
   * @default - enabled for the node's `/`
   */
  readonly df?: CollectdDfOptions;
  /**
   * The `interface` plugin. Enabling it puts the pod on the host network (collectd reads the
   * interfaces of its own network namespace).
   *
   * @default - disabled
   */
  readonly networkInterfaces?: CollectdInterfaceOptions;
  /**
   * Serve the values for Prometheus (`write_prometheus`).
   *
   * @default - on port 9103 with a headless Service, unless `network` is given
   */
  readonly writePrometheus?: CollectdWritePrometheusOptions;
  /**
   * Push the values to a collectd server (`network` plugin).
   *
   * @default - no push
   */
  readonly network?: CollectdNetworkOptions;
}

/**
 * collectd on every Linux node, with a `collectd.conf` generated from typed plugin props
 * (cpu, memory, load, disk, df, interface) and either a Prometheus endpoint
 * (`write_prometheus`, with a headless Service) or a push to a collectd server (`network`).
 * Prometheus finds the endpoint through `prometheus.io/*` pod annotations, or a ServiceMonitor or
 * PodMonitor instead (docs/monitoring.md). There is no `kubeRbacProxy` option: collectd's only
 * health signal is the metrics port itself, which the kubelet could no longer probe behind a
 * loopback-only listener; off the host network (the default), `networkPolicy` limits who scrapes.
 * The config lives in a ConfigMap whose checksum is on the pod template, so a change rolls the
 * pods; values are reported under the node's name.
 *
 * Hardened by default: user 10001, read-only root filesystem, every capability dropped. The
 * cpu, memory, load and disk plugins read node-wide `/proc` files that every container sees, so
 * they need no host mount; `df` mounts the node's `/` read-only at `/hostfs` (a hostPath
 * volume), and the `interface` plugin needs the host network. With either, the pods need a
 * namespace whose Pod Security level is `privileged` (`podSecurityLevel`); with neither,
 * `restricted` admits them.
 *
 * @see https://collectd.org/documentation/manpages/collectd.conf.html
 */
export class CollectdDaemonSet extends NodeDaemonSet {
  /** The generated `collectd.conf`. */
  public readonly collectdConf: string;
  /** The write_prometheus port, when collectd serves one. */
  public readonly metricsPort?: number;

  constructor(scope: Construct, id: string, props: CollectdDaemonSetProps = {}) {
    const resolved = collectdProps(childPath(scope, id), props);
    super(scope, id, resolved.props);
    this.collectdConf = resolved.conf;
    this.metricsPort = resolved.metricsPort;
  }
}

function collectdProps(at: string, props: CollectdDaemonSetProps): { props: NodeDaemonSetProps; conf: string; metricsPort?: number } {
  props = plainProps(at, props);
  const interval = props.intervalSeconds ?? 10;
  assertValid(at, 'intervalSeconds', interval, checkIntegerInRange(interval, 1, 86400));
  const collectdPath = props.collectdPath ?? '/opt/collectd/sbin/collectd';
  // It is part of the container's `sh -c` command line: only characters no shell reads specially.
  if (typeof collectdPath !== 'string' || !/^\/[A-Za-z0-9._/-]+$/.test(collectdPath) || collectdPath.split('/').includes('..')) {
    throw propError(at, 'collectdPath', collectdPath, 'must be an absolute path of letters, digits and . _ / - only, without ".." (it runs in a shell command)');
  }
  const writePrometheus = props.writePrometheus ?? (props.network ? undefined : {});
  if (!writePrometheus && !props.network) throw propError(at, 'writePrometheus', writePrometheus, 'collectd needs an output: writePrometheus or network');
  const port = writePrometheus ? writePrometheus.port ?? 9103 : undefined;
  if (port !== undefined) checkPortNumber(at, 'writePrometheus.port', port);
  if (props.network !== undefined && (typeof props.network !== 'object' || props.network === null)) {
    throw propError(at, 'network', props.network, 'must be a CollectdNetworkOptions object with a server');
  }
  if (props.network?.port !== undefined) checkPortNumber(at, 'network.port', props.network.port);

  const interfaces = props.networkInterfaces?.enabled ?? false;
  const df = props.df?.enabled ?? true;
  const metrics = port !== undefined;
  const merged = withPresetDefaults(at, {
    // Pushing collectd listens on no port to probe: a pod must stay up 10 s before the rollout
    // moves on instead, so a crashing image stops at the first node.
    minReadySeconds: metrics ? undefined : 10,
    acknowledgedWarnings: metrics ? [] : [READINESS_PROBE_MISSING.id],
    hostNetwork: interfaces,
    runAsUser: COLLECTD_USER,
    runAsGroup: COLLECTD_USER,
    scratchDirectories: [{ name: 'run', mountPath: RUN_DIR, memory: true, sizeLimit: Size.mebibytes(1) }, { name: 'base-dir', mountPath: BASE_DIR }],
    hostPathMounts: df ? [{
      name: 'hostfs',
      hostPath: '/',
      mountPath: HOST_ROOT,
      readOnly: true,
      // Mounts the node adds later (new volumes) show up without a restart.
      propagation: kplus.MountPropagation.HOST_TO_CONTAINER,
    }] : [],
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(150) },
      memory: { request: Size.mebibytes(50), limit: Size.mebibytes(100) },
    },
    envVariables: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
    readiness: metrics ? kplus.Probe.fromTcpSocket({ port }) : undefined,
    // More lenient than readiness, so a busy collectd leaves rotation before it is restarted.
    liveness: metrics ? kplus.Probe.fromTcpSocket({ port, periodSeconds: Duration.seconds(30), failureThreshold: 5 }) : undefined,
    service: metrics && (writePrometheus?.service ?? true) ? { portNames: ['metrics'] } : undefined,
  }, props);
  if (interfaces && !merged.hostNetwork) {
    throw propError(at, 'hostNetwork', false, 'the interface plugin reads /proc/net/dev of its own network namespace: it needs the host network to see the node\'s interfaces');
  }
  const conf = renderCollectdConf(at, {
    intervalSeconds: interval,
    hostnameInclude: `${RUN_DIR}/hostname.conf`,
    baseDir: BASE_DIR,
    cpu: props.cpu ?? {},
    memory: props.memory ?? {},
    load: props.load ?? {},
    disk: props.disk ?? {},
    df: props.df ?? {},
    dfRoot: HOST_ROOT,
    networkInterfaces: props.networkInterfaces ?? {},
    writePrometheus,
    network: props.network,
  });

  return {
    conf,
    metricsPort: port,
    props: presetProps(merged, {
      image: props.image ?? DEFAULT_IMAGE,
      name: 'collectd',
      component: 'monitoring-agent',
      command: ['/bin/sh', '-c',
        `printf 'Hostname "%s"\\n' "$NODE_NAME" > ${RUN_DIR}/hostname.conf && exec ${collectdPath} -f -C ${CONFIG_DIR}/collectd.conf`],
      configDirectory: { mountPath: CONFIG_DIR, files: { 'collectd.conf': conf } },
      ports: metrics ? [{ name: 'metrics', number: port, protocol: kplus.Protocol.TCP }] : [],
      _metrics: metrics ? { port: 'metrics', path: '/metrics', authenticated: false } : undefined,
    }),
  };
}
