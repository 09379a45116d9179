import { Size } from 'cdk8s';
import { Construct } from 'constructs';
import { addBidirectionalCheck, bidirectionalMount, PRIVILEGED_ROOT, storageDaemonDefaults } from './storage-daemon';
import { assertValid, childPath, propError } from '../../internal/errors';
import { checkImageReference } from '../../internal/image';
import { kplus } from '../../internal/kplus-adapter';
import { plainProps } from '../../internal/shape';
import { NodeDaemonSet, NodeDaemonSetOptions, NodeDaemonSetProps } from '../../node-daemon-set';
import { checkDns1123Subdomain, READINESS_PROBE_MISSING } from '../../validation';
import { RBAC_SECRETS } from '../../validation/engine';
import { checkSafePath, normalizePath, parseHostPort } from '../config-values';
import { presetProps, withPresetDefaults } from '../preset-defaults';

/** The ceph-csi release ceph-csi-operator pins by default, with the registrar it pins beside it. */
const DEFAULT_IMAGE = 'quay.io/cephcsi/cephcsi:v3.16.0';
const DEFAULT_REGISTRAR_IMAGE = 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.15.0';
const CONFIG_DIR = '/etc/ceph-csi-config';
const SOCKET_DIR = '/csi';
/** `sun_path` is 108 bytes with its terminating NUL: a longer socket path cannot be bound or dialled. */
const MAX_SOCKET_PATH = 107;

/**
 * The ceph-csi driver a node plugin serves.
 *
 * @see https://github.com/ceph/ceph-csi#overview
 */
export class CephCsiDriver {
  /** RBD block images (`rbd.csi.ceph.com`): `rbd map` / rbd-nbd on the node. */
  public static readonly RBD = new CephCsiDriver('rbd');
  /** CephFS file systems (`cephfs.csi.ceph.com`): kernel or FUSE mounts on the node. */
  public static readonly CEPHFS = new CephCsiDriver('cephfs');

  /** The ceph-csi `--type`: `rbd` or `cephfs`. */
  public readonly type: string;

  private constructor(type: string) {
    this.type = type;
  }

  /** The CSI driver name ceph-csi registers by default, e.g. `rbd.csi.ceph.com`. */
  public get defaultDriverName(): string {
    return `${this.type}.csi.ceph.com`;
  }

  /** The upstream DaemonSet and container name, e.g. `csi-rbdplugin`. */
  public get pluginName(): string {
    return `csi-${this.type}plugin`;
  }
}

/**
 * Where the kubelet keeps its state (`--root-dir`) on common distributions. Every CSI mount
 * derives from it; a wrong value makes volume mounts fail or vanish.
 */
export class KubeletDirectory {
  /** Upstream kubelet, kubeadm, k3s (since v0.10), RKE2, EKS, GKE, AKS: `/var/lib/kubelet`. */
  public static readonly DEFAULT = '/var/lib/kubelet';
  /** MicroK8s (a snap): `/var/snap/microk8s/common/var/lib/kubelet`. */
  public static readonly MICROK8S = '/var/snap/microk8s/common/var/lib/kubelet';
  /** k0s: `/var/lib/k0s/kubelet`. */
  public static readonly K0S = '/var/lib/k0s/kubelet';
  /**
   * k3s before v0.10.0 only: `/var/lib/rancher/k3s/agent/kubelet`. Current k3s uses the
   * default directory (k3s-io/k3s#901), whatever `--data-dir` says.
   */
  public static readonly K3S_BEFORE_0_10 = '/var/lib/rancher/k3s/agent/kubelet';

  private constructor() {}
}

/**
 * One Ceph cluster in ceph-csi's `config.json`: the node plugin finds the monitors of a
 * volume's cluster here.
 *
 * @see https://github.com/ceph/ceph-csi/blob/devel/deploy/csi-config-map-sample.yaml
 */
export interface CephCsiClusterConfig {
  /** The cluster ID StorageClasses refer to (`clusterID`), usually the Ceph fsid. */
  readonly clusterId: string;
  /** Monitor addresses, `host`, `host:port` or `[ipv6]:port` (v1 port 6789, msgr2 port 3300), the port from 1 to 65535. */
  readonly monitors: string[];
  /**
   * The CephFS subvolume group volumes live in: 1 to 128 letters, digits, `.`, `_` or `-`.
   *
   * @default - ceph-csi's default, `csi`
   */
  readonly cephFsSubvolumeGroup?: string;
  /**
   * The RADOS namespace RBD images live in: 1 to 128 letters, digits, `.`, `_` or `-`.
   *
   * @default - the pool's default namespace
   */
  readonly rbdRadosNamespace?: string;
}

/**
 * Props of `CephCsiNodeDaemonSet`. Every shared `NodeDaemonSetOptions` prop overrides the
 * preset's default for it.
 */
export interface CephCsiNodeDaemonSetProps extends NodeDaemonSetOptions {
  /** Which driver this node plugin serves. */
  readonly driver: CephCsiDriver;
  /** The Ceph clusters volumes may come from; rendered into ceph-csi's `config.json`. */
  readonly clusters: CephCsiClusterConfig[];
  /**
   * The cephcsi image.
   *
   * @default 'quay.io/cephcsi/cephcsi:v3.16.0'
   */
  readonly image?: string;
  /**
   * The csi-node-driver-registrar image, which registers the driver's socket with the kubelet.
   *
   * @default 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.15.0'
   */
  readonly registrarImage?: string;
  /**
   * The CSI driver name (`--drivername`); StorageClasses name it as `provisioner`. Rook uses
   * `<operator namespace>.rbd.csi.ceph.com`.
   *
   * @default - driver.defaultDriverName, e.g. 'rbd.csi.ceph.com'
   * @throws if not a DNS subdomain of at most 63 characters, or the node's socket paths under `kubeletDir` would exceed 107 bytes
   */
  readonly driverName?: string;
  /**
   * The kubelet's root directory on the nodes. The socket, registration, `plugins` and `pods`
   * mounts and the registrar's `--kubelet-registration-path` all derive from it. See
   * `KubeletDirectory` for MicroK8s (`/var/snap/microk8s/common/var/lib/kubelet`) and k0s
   * (`/var/lib/k0s/kubelet`); k3s since v0.10 uses the default.
   *
   * @default KubeletDirectory.DEFAULT ('/var/lib/kubelet')
   */
  readonly kubeletDir?: string;
  /**
   * Mount the host's `/etc/selinux` read-only, for nodes with SELinux enforcing.
   *
   * @default false
   */
  readonly seLinuxHostMount?: boolean;
  /**
   * Log verbosity of the plugin (`--v`), 0 (quiet) to 5 (debug).
   *
   * @default 0
   */
  readonly logLevel?: number;
}

/**
 * The ceph-csi node plugin for RBD or CephFS on every Linux node, as ceph-csi and Rook deploy
 * it: the plugin (privileged, `SYS_ADMIN`, host network and PID namespace) with
 * `Bidirectional` propagation on the kubelet's `pods` and `plugins` directories, so the
 * volumes it mounts reach the kubelet and the application pods; the node-driver-registrar
 * sidecar; `config.json` from the typed `clusters`; the RBAC ceph-csi's node plugin needs.
 *
 * It does not deploy the provisioner (a Deployment), the CSIDriver object or StorageClasses.
 *
 * Its pods need a namespace whose Pod Security level is `privileged` (`podSecurityLevel`). The
 * nodes need the `rbd` (RBD) or `ceph` (CephFS) kernel module, and a reachable Ceph cluster.
 * Synthesis fails if an escape-hatch edit leaves the kubelet directories without `Bidirectional`.
 *
 * @see https://github.com/ceph/ceph-csi/tree/devel/deploy
 */
export class CephCsiNodeDaemonSet extends NodeDaemonSet {
  /** The CSI driver name the plugin registers. */
  public readonly driverName: string;
  /** The kubelet directory every kubelet mount derives from. */
  public readonly kubeletDir: string;

  constructor(scope: Construct, id: string, props: CephCsiNodeDaemonSetProps) {
    const at = childPath(scope, id);
    props = plainProps(at, props);
    if (!(props.driver instanceof CephCsiDriver)) {
      throw propError(at, 'driver', props.driver ?? null, 'is required: CephCsiDriver.RBD or CephCsiDriver.CEPHFS');
    }
    // The registrar is a sidecar: check its image here, so an error names the prop the user wrote.
    if (props.registrarImage !== undefined) assertValid(at, 'registrarImage', props.registrarImage, checkImageReference(props.registrarImage));
    const kubeletDir = normalizeDir(at, props.kubeletDir ?? KubeletDirectory.DEFAULT);
    const driverName = checkDriverName(at, props.driverName ?? props.driver.defaultDriverName, kubeletDir, props.kubeletDir !== undefined);
    super(scope, id, cephCsiProps(at, props, kubeletDir, driverName));
    this.driverName = driverName;
    this.kubeletDir = kubeletDir;
    addBidirectionalCheck(this, [`${kubeletDir}/pods`, `${kubeletDir}/plugins`],
      'the volumes the plugin mounts there must propagate to the host, or application pods see empty directories (ceph/ceph-csi#58)');
  }
}

function normalizeDir(at: string, dir: string): string {
  assertValid(at, 'kubeletDir', dir, checkSafePath(dir));
  const normalized = normalizePath(dir);
  if (normalized === '/') throw propError(at, 'kubeletDir', dir, 'must not be the root directory');
  return normalized;
}

/**
 * A CSIDriver name (a DNS subdomain of at most 63 characters) whose Unix sockets on the node,
 * the driver's `<kubeletDir>/plugins/<name>/csi.sock` and the registrar's
 * `<kubeletDir>/plugins_registry/<name>-reg.sock`, fit in `sun_path`.
 */
function checkDriverName(at: string, name: string, kubeletDir: string, kubeletDirGiven: boolean): string {
  if (typeof name !== 'string') throw propError(at, 'driverName', name, 'must be a string');
  assertValid(at, 'driverName', name, checkDns1123Subdomain(name));
  if (name.length > 63) throw propError(at, 'driverName', name, 'a CSIDriver name must be no more than 63 characters');
  const sockets = [`${kubeletDir}/plugins/${name}/csi.sock`, `${kubeletDir}/plugins_registry/${name}-reg.sock`];
  const tooLong = sockets.sort((a, b) => Buffer.byteLength(b) - Buffer.byteLength(a)).find(p => Buffer.byteLength(p) > MAX_SOCKET_PATH);
  if (tooLong) {
    throw propError(at, kubeletDirGiven ? 'kubeletDir' : 'driverName', kubeletDirGiven ? kubeletDir : name,
      `the socket path ${tooLong} is ${Buffer.byteLength(tooLong)} bytes; a Unix socket path must be at most ${MAX_SOCKET_PATH}: shorten the driverName or the kubeletDir`);
  }
  return name;
}

function cephCsiProps(at: string, props: CephCsiNodeDaemonSetProps, kubeletDir: string, driverName: string): NodeDaemonSetProps {
  const driver = props.driver;
  const logLevel = props.logLevel ?? 0;
  if (!Number.isInteger(logLevel) || logLevel < 0 || logLevel > 5) {
    throw propError(at, 'logLevel', logLevel, 'must be a whole number from 0 to 5');
  }
  const plugins = `${kubeletDir}/plugins`;
  const socketDir = `${plugins}/${driverName}`;
  const socket = { name: 'socket-dir', hostPath: socketDir, mountPath: SOCKET_DIR, readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE };
  const rbd = driver === CephCsiDriver.RBD;
  const fieldRef = (path: kplus.EnvFieldPaths) => kplus.EnvValue.fromFieldRef(path);

  const merged = withPresetDefaults(at, storageDaemonDefaults({
    hostPID: true,
    capabilities: ['SYS_ADMIN'],
    // The plugin serves no health endpoint (upstream runs none either); a pod must stay up 10 s
    // before the rollout moves on, so a crashing image stops at the first node.
    minReadySeconds: 10,
    // By design: the node plugin reads the Ceph credentials Secrets named by the StorageClasses.
    acknowledgedWarnings: [READINESS_PROBE_MISSING.id, RBAC_SECRETS.id],
    // Rook's defaults: image mapping and FUSE mounts grow with the volumes on the node.
    resources: { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) } },
    podMetadata: { labels: { app: driver.pluginName } },
    // Keys fetched from Secrets live in memory only.
    scratchDirectories: [{ name: 'keys-tmp-dir', mountPath: '/tmp/csi/keys', memory: true }],
    hostPathMounts: [
      socket,
      bidirectionalMount('plugin-dir', plugins),
      bidirectionalMount('mountpoint-dir', `${kubeletDir}/pods`),
      { name: 'host-dev', hostPath: '/dev', mountPath: '/dev', readOnly: false },
      { name: 'host-sys', hostPath: '/sys', mountPath: '/sys', readOnly: false },
      { name: 'host-mount', hostPath: '/run/mount', mountPath: '/run/mount', readOnly: false },
      ...rbd
        ? [{ name: 'ceph-logdir', hostPath: '/var/log/ceph', mountPath: '/var/log/ceph', readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE }]
        : [{ name: 'ceph-csi-mountinfo', hostPath: `${socketDir}/mountinfo`, mountPath: `${SOCKET_DIR}/mountinfo`, readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE }],
      ...props.seLinuxHostMount ? [{ name: 'etc-selinux', hostPath: '/etc/selinux', mountPath: '/etc/selinux', readOnly: true }] : [],
    ],
    envVariables: {
      NODE_ID: fieldRef(kplus.EnvFieldPaths.NODE_NAME),
      POD_IP: fieldRef(kplus.EnvFieldPaths.POD_IP),
      POD_NAMESPACE: fieldRef(kplus.EnvFieldPaths.POD_NAMESPACE),
      CSI_ENDPOINT: kplus.EnvValue.fromValue(`unix://${SOCKET_DIR}/csi.sock`),
    },
  }), props);

  return presetProps(merged, {
    image: props.image ?? DEFAULT_IMAGE,
    name: driver.pluginName,
    component: 'csi-node-plugin',
    args: [
      '--nodeid=$(NODE_ID)',
      `--type=${driver.type}`,
      '--nodeserver=true',
      '--endpoint=$(CSI_ENDPOINT)',
      `--v=${logLevel}`,
      `--drivername=${driverName}`,
      ...rbd ? [`--pluginpath=${plugins}`, `--stagingpath=${plugins}/kubernetes.io/csi/`] : [],
    ],
    configDirectory: { mountPath: CONFIG_DIR, files: { 'config.json': clusterConfig(at, props.clusters) } },
    clusterRoleRules: [
      { apiGroups: [''], resources: ['nodes', 'secrets', 'configmaps', 'serviceaccounts', 'persistentvolumes'], verbs: ['get'] },
      { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
      { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments'], verbs: ['get', 'list'] },
    ],
  }, {
    // After the merge: the registrar follows the pull policy the user chose for the plugin.
    sidecars: [{
      name: 'driver-registrar',
      image: props.registrarImage ?? DEFAULT_REGISTRAR_IMAGE,
      imagePullPolicy: merged.imagePullPolicy,
      args: ['--v=1', `--csi-address=${SOCKET_DIR}/csi.sock`, `--kubelet-registration-path=${socketDir}/csi.sock`],
      envVariables: { KUBE_NODE_NAME: fieldRef(kplus.EnvFieldPaths.NODE_NAME) },
      resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) } },
      // Privileged only so that, under SELinux, it may reach the privileged driver's socket.
      ...PRIVILEGED_ROOT,
      hostPathMounts: [
        socket,
        { name: 'registration-dir', hostPath: `${kubeletDir}/plugins_registry`, mountPath: '/registration', readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY },
      ],
    }],
  });
}

/** A CephFS subvolume group or RADOS namespace name: no `/` (the path separator), no control characters. */
const CEPH_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** ceph-csi's config.json, keys in a fixed order so the checksum only changes with the content. */
function clusterConfig(at: string, clusters: CephCsiClusterConfig[]): string {
  if (!Array.isArray(clusters) || clusters.length === 0) {
    throw propError(at, 'clusters', clusters ?? null, 'needs at least one Ceph cluster: the node plugin finds monitors by clusterID here');
  }
  const ids = new Set<string>();
  const entries = clusters.map((c, i) => {
    if (typeof c !== 'object' || c === null) throw propError(at, `clusters[${i}]`, c ?? null, 'must be a CephCsiClusterConfig object');
    if (typeof c.clusterId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(c.clusterId) || c.clusterId === '.' || c.clusterId === '..') {
      throw propError(at, `clusters[${i}].clusterId`, c.clusterId ?? null, 'must be 1-64 letters, digits, ".", "_" or "-"');
    }
    if (ids.has(c.clusterId)) throw propError(at, `clusters[${i}].clusterId`, c.clusterId, 'each clusterId may appear once');
    ids.add(c.clusterId);
    if (!Array.isArray(c.monitors) || c.monitors.length === 0) {
      throw propError(at, `clusters[${i}].monitors`, c.monitors ?? null, 'needs at least one monitor address');
    }
    c.monitors.forEach((m, j) => {
      const parsed = parseHostPort(m, false);
      if (typeof parsed === 'string') throw propError(at, `clusters[${i}].monitors[${j}]`, m, `must be host, host:port or [ipv6]:port: ${parsed}`);
    });
    for (const [prop, value] of [['cephFsSubvolumeGroup', c.cephFsSubvolumeGroup], ['rbdRadosNamespace', c.rbdRadosNamespace]] as Array<[string, unknown]>) {
      if (value !== undefined && (typeof value !== 'string' || !CEPH_NAME.test(value))) {
        throw propError(at, `clusters[${i}].${prop}`, value, 'must be 1 to 128 letters, digits, ".", "_" or "-", starting with a letter or digit (leave it out for the default)');
      }
    }
    return {
      clusterID: c.clusterId,
      monitors: c.monitors,
      ...c.cephFsSubvolumeGroup !== undefined ? { cephFS: { subvolumeGroup: c.cephFsSubvolumeGroup } } : {},
      ...c.rbdRadosNamespace !== undefined ? { rbd: { radosNamespace: c.rbdRadosNamespace } } : {},
    };
  });
  return JSON.stringify(entries, null, 2) + '\n';
}
