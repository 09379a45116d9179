import { checkDns1123Label, checkDns1123Subdomain } from '../names';
import type { PodFacts } from './containers';
import { Ctx, isInt, list, map } from './context';
import { parseQuantity } from './quantity';
import { RuleArea, SRC } from './rule';

export const VOLUME_AREA = new RuleArea('volumes and mounts', 'src/validation/rules/volumes.ts');
export const VOLUME_NAME = VOLUME_AREA.error('volume-name', 'A volume name that is empty or not a DNS-1123 label.', 'Use at most 63 lowercase letters, digits and `-`.', SRC.CORE);
export const VOLUME_NAME_DUPLICATE = VOLUME_AREA.error('volume-name-duplicate', 'Two volumes with the same name.', 'Name each volume once.', SRC.CORE);
export const VOLUME_SOURCE_COUNT = VOLUME_AREA.error('volume-source-count', 'A volume with more than one source (e.g. hostPath and emptyDir).', 'Keep one source per volume.', SRC.CORE);
export const HOST_PATH = VOLUME_AREA.error('host-path', 'A hostPath with an empty path, a `..` element, or a type outside "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.', 'Give a clean absolute path and a listed type (case-sensitive).', SRC.CORE);
export const VOLUME_REFERENCE = VOLUME_AREA.error('volume-reference', 'A secret/configMap/pvc/csi/nfs volume without its required name, claim, driver, server or path.', 'Fill in the required field.', SRC.CORE);
export const VOLUME_MODE = VOLUME_AREA.error('volume-mode', '`defaultMode` or `items[].mode` outside 0–0777 (JSON takes decimal: 0644 is 420).', 'Use decimal 420 for 0644, 292 for 0444.', SRC.CORE);
export const VOLUME_ITEMS = VOLUME_AREA.error('volume-items', 'A secret/configMap/downwardAPI item without key or path, or with an absolute path or `..`.', 'Use relative item paths without `..`.', SRC.CORE);
export const EMPTY_DIR_SIZE = VOLUME_AREA.error('empty-dir-size', 'An emptyDir `sizeLimit` that does not parse or is negative.', 'Use a quantity like `64Mi`.', SRC.CORE);
export const PROJECTED_VOLUME = VOLUME_AREA.error('projected-volume', 'A projected source with more than one type, or a serviceAccountToken expiring in under 10 minutes or over 2^32 s.', 'One type per source; expirationSeconds ≥ 600.', SRC.CORE);
export const VOLUME_MOUNT_NAME = VOLUME_AREA.error('volume-mount-name', 'A volumeMount with no name, or naming no volume of the pod.', 'Name a volume from `spec.template.spec.volumes`.', SRC.CORE);
export const VOLUME_MOUNT_PATH = VOLUME_AREA.error('volume-mount-path', 'A volumeMount with an empty mountPath, or two mounts at one path in a container.', 'Give every mount its own path.', SRC.CORE);
export const VOLUME_MOUNT_SUB_PATH = VOLUME_AREA.error('volume-mount-sub-path', '`subPath`/`subPathExpr` absolute or with `..` (reported at `volumeMounts.subPath`, without index), or both set.', 'Use a relative subPath without `..`.', SRC.CORE);
export const MOUNT_PROPAGATION = VOLUME_AREA.error('mount-propagation', '`mountPropagation` outside None/HostToContainer/Bidirectional, or Bidirectional on an unprivileged container (reported at `volumeMounts.mountPropagation`, without index).', 'Use HostToContainer, or make the container privileged (the `privileged` prop).', SRC.CORE);
export const RECURSIVE_READ_ONLY = VOLUME_AREA.error('recursive-read-only', '`recursiveReadOnly` Enabled/IfPossible without `readOnly: true` or with propagation other than None.', 'Set `readOnly: true` and no propagation, or drop recursiveReadOnly.', SRC.CORE, { kubernetes: '1.31+' });
export const HOST_PATH_VOLUME = VOLUME_AREA.warning('host-path-volume', 'A hostPath volume: the pod reads or writes the node\'s filesystem (Pod Security baseline forbids it). A `host-access` detail, once per volume, at `volumes[i].hostPath`.', 'Opt in per path with the `hostPathMounts` prop.', SRC.PSS, { linterIds: ['polaris:hostPathSet'], hostAccess: true });
export const SENSITIVE_HOST_PATH = VOLUME_AREA.warning('sensitive-host-path', 'A hostPath of `/`, /boot, /dev, /etc, /lib, /proc, /sys or /usr. A `host-access` detail, once per volume.', 'Mount the narrowest path, read-only.', SRC.PSS, { linterIds: ['kube-linter:sensitive-host-mounts'], hostAccess: true });
export const CONTAINER_RUNTIME_SOCKET = VOLUME_AREA.warning('container-runtime-socket', 'A hostPath to the container runtime socket (docker.sock, containerd.sock, crio.sock, cri-dockerd.sock), or to a directory that holds it (`/run`, `/var/run`, their `containerd`, `crio` and `docker` directories): root on the node, even read-only. Once per volume.', 'Use the kubelet or CRI APIs through a narrower path, if at all.', SRC.PSS, { linterIds: ['kube-linter:docker-sock'], limits: 'Linux paths only: a Windows named pipe (`\\\\.\\pipe\\containerd-containerd`) and a runtime with a custom state directory are not recognised.' });
export const WRITABLE_HOST_PATH = VOLUME_AREA.warning('writable-host-path', 'A hostPath volume some container mounts without `readOnly: true`. A `host-access` detail, once per volume, at the first such mount.', 'Set `readOnly: true` unless the daemon must write there (the `hostPathMounts[].readOnly` prop).', SRC.PSS, { linterIds: ['kube-linter:writable-host-mount'], hostAccess: true, limits: 'Only the first writable mount of each volume is a detail.' });
export const RELATIVE_MOUNT_PATH = VOLUME_AREA.warning('relative-mount-path', 'A mountPath that is not absolute: the container runtime refuses it when the pod starts. On a Windows pod (`os.name: windows`, or a `kubernetes.io/os: windows` node selector or required affinity) `C:\\…`, `C:/…` and `\\\\.\\pipe\\…` are absolute.', 'Use an absolute mountPath.', SRC.CORE, { limits: 'Windows pods are recognised by `os.name: windows`, a `kubernetes.io/os` (or `beta.kubernetes.io/os`) nodeSelector of windows, or required node affinity admitting only windows; a pod kept on Windows nodes by taints alone gets Linux advice.' });

const SOURCE_ORDER = ['emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'projected', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image'];
/** Each volume source's place in the API server's order (the second one set is the one reported). */
const SOURCE_RANK = new Map(SOURCE_ORDER.map((source, i) => [source, i]));
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const PROPAGATION = ['None', 'HostToContainer', 'Bidirectional'];
const SENSITIVE = ['/', '/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'];
const RUNTIME_SOCKET = /(docker|containerd|crio|cri-dockerd)\.sock$/;
/** Directories that hold the runtime socket: mounting one reaches the socket as surely as mounting the socket file. */
const RUNTIME_SOCKET_DIR = /^(\/var)?\/run(\/(containerd|crio|docker))?$/;

/** `/…`; on Windows also a drive letter path (`C:\\…`, `C:/…`) or a device path (`\\\\.\\pipe\\…`, `\\\\?\\…`). */
function isAbsoluteMountPath(path: string, windows: boolean): boolean {
  return path.startsWith('/') || (windows && (/^[A-Za-z]:[\\/]/.test(path) || /^\\\\[.?]\\/.test(path)));
}

function hasDotDot(path: string): boolean {
  return path.split('/').includes('..');
}

/** Pod volumes; returns them by name for the mount checks. */
export function checkVolumes(ctx: Ctx, pod: any, P: string): Map<string, any> {
  const byName = new Map<string, any>();
  list(pod.volumes).forEach((raw, i) => {
    const v = map(raw);
    const p = `${P}.volumes[${i}]`;
    if (!v.name) {ctx.required(VOLUME_NAME, `${p}.name`);} else {
      ctx.check(VOLUME_NAME, `${p}.name`, v.name, checkDns1123Label(String(v.name)));
      if (byName.has(v.name)) ctx.duplicate(VOLUME_NAME_DUPLICATE, `${p}.name`, v.name);
    }
    byName.set(v.name, v);
    if (v.hostPath && typeof map(v.hostPath).path === 'string') checkHostPathAccess(ctx, v.name, map(v.hostPath).path, p);
    // The volume's own keys, not every source name: fields of an object from `toJson()` are slow to probe one by one.
    const sources = Object.keys(v).filter(k => SOURCE_RANK.has(k) && v[k] !== null).sort((x, y) => SOURCE_RANK.get(x)! - SOURCE_RANK.get(y)!);
    if (sources.length > 1) ctx.forbidden(VOLUME_SOURCE_COUNT, `${p}.${sources[1]}`, 'may not specify more than 1 volume type');
    checkSource(ctx, v, p);
  });
  return byName;
}

function checkSource(ctx: Ctx, v: any, p: string): void {
  if (v.hostPath) checkHostPath(ctx, map(v.hostPath), `${p}.hostPath`);
  if (v.secret) {
    const s = map(v.secret);
    if (!s.secretName) ctx.required(VOLUME_REFERENCE, `${p}.secret.secretName`);
    else ctx.check(VOLUME_REFERENCE, `${p}.secret.secretName`, s.secretName, checkDns1123Subdomain(String(s.secretName)));
    checkModeAndItems(ctx, s, `${p}.secret`);
  }
  if (v.configMap) {
    const c = map(v.configMap);
    if (!c.name) ctx.required(VOLUME_REFERENCE, `${p}.configMap.name`);
    else ctx.check(VOLUME_REFERENCE, `${p}.configMap.name`, c.name, checkDns1123Subdomain(String(c.name)));
    checkModeAndItems(ctx, c, `${p}.configMap`);
  }
  if (v.downwardAPI) checkModeAndItems(ctx, map(v.downwardAPI), `${p}.downwardAPI`);
  if (v.emptyDir && map(v.emptyDir).sizeLimit !== undefined) {
    const q = parseQuantity(map(v.emptyDir).sizeLimit);
    if (typeof q === 'string') ctx.invalid(EMPTY_DIR_SIZE, `${p}.emptyDir.sizeLimit`, map(v.emptyDir).sizeLimit, q);
    else if (q.nano < BigInt(0)) ctx.forbidden(EMPTY_DIR_SIZE, `${p}.emptyDir.sizeLimit`, 'SizeLimit field must be a valid resource quantity');
  }
  if (v.persistentVolumeClaim && !map(v.persistentVolumeClaim).claimName) ctx.required(VOLUME_REFERENCE, `${p}.persistentVolumeClaim.claimName`);
  if (v.csi) {
    const d = map(v.csi).driver;
    if (!d) ctx.required(VOLUME_REFERENCE, `${p}.csi.driver`);
    else ctx.check(VOLUME_REFERENCE, `${p}.csi.driver`, d, String(d).length > 63 ? 'must be no more than 63 characters' : checkDns1123Subdomain(String(d).toLowerCase()));
  }
  if (v.nfs) {
    const n = map(v.nfs);
    if (!n.server) ctx.required(VOLUME_REFERENCE, `${p}.nfs.server`);
    if (!n.path) ctx.required(VOLUME_REFERENCE, `${p}.nfs.path`);
    else if (!String(n.path).startsWith('/')) ctx.invalid(VOLUME_REFERENCE, `${p}.nfs.path`, n.path, 'must be an absolute path');
  }
  if (v.projected) checkProjected(ctx, map(v.projected), `${p}.projected`);
}

function checkHostPath(ctx: Ctx, h: any, p: string): void {
  if (!h.path) ctx.required(HOST_PATH, `${p}.path`);
  else if (hasDotDot(String(h.path))) ctx.invalid(HOST_PATH, `${p}.path`, h.path, "must not contain '..'");
  if (h.type !== undefined && !HOST_PATH_TYPES.includes(h.type)) ctx.notSupported(HOST_PATH, `${p}.type`, h.type, HOST_PATH_TYPES);
}

function checkMode(ctx: Ctx, path: string, mode: unknown): void {
  if (mode === undefined) return;
  if (!isInt(mode) || mode < 0 || mode > 0o777) ctx.invalid(VOLUME_MODE, path, mode, 'must be a number between 0 and 0777 (octal), both inclusive');
}

function checkModeAndItems(ctx: Ctx, src: any, p: string): void {
  checkMode(ctx, `${p}.defaultMode`, src.defaultMode);
  list(src.items).forEach((raw, k) => {
    const item = map(raw);
    const ip = `${p}.items[${k}]`;
    if (!p.endsWith('downwardAPI') && !item.key) ctx.required(VOLUME_ITEMS, `${ip}.key`);
    if (!item.path) ctx.required(VOLUME_ITEMS, `${ip}.path`);
    else if (String(item.path).startsWith('/')) ctx.invalid(VOLUME_ITEMS, `${ip}.path`, item.path, 'must be a relative path');
    else if (hasDotDot(String(item.path)) || String(item.path).startsWith('..')) ctx.invalid(VOLUME_ITEMS, `${ip}.path`, item.path, "must not contain '..'");
    checkMode(ctx, `${ip}.mode`, item.mode);
  });
}

function checkProjected(ctx: Ctx, proj: any, p: string): void {
  checkMode(ctx, `${p}.defaultMode`, proj.defaultMode);
  list(proj.sources).forEach((raw, k) => {
    const s = map(raw);
    const sp = `${p}.sources[${k}]`;
    const types = ['secret', 'downwardAPI', 'configMap', 'serviceAccountToken', 'clusterTrustBundle'].filter(t => s[t] !== undefined);
    if (types.length > 1) ctx.forbidden(PROJECTED_VOLUME, `${sp}.${types[1]}`, 'may not specify more than 1 volume type per source');
    const exp = map(s.serviceAccountToken).expirationSeconds;
    if (exp !== undefined && isInt(exp) && exp < 600) ctx.invalid(PROJECTED_VOLUME, `${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes');
    if (exp !== undefined && isInt(exp) && exp > 2 ** 32) ctx.invalid(PROJECTED_VOLUME, `${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds');
  });
}

const RRO = ['Disabled', 'Enabled', 'IfPossible'];

export function checkVolumeMounts(ctx: Ctx, c: any, path: string, facts: PodFacts): void {
  const paths = new Set<string>();
  const privileged = map(c.securityContext).privileged === true;
  list(c.volumeMounts).forEach((raw, j) => {
    const m = map(raw);
    const mp = `${path}.volumeMounts[${j}]`;
    if (!m.name) ctx.required(VOLUME_MOUNT_NAME, `${mp}.name`);
    else if (!facts.volumes.has(m.name)) ctx.notFound(VOLUME_MOUNT_NAME, `${mp}.name`, m.name);
    if (!m.mountPath) {ctx.required(VOLUME_MOUNT_PATH, `${mp}.mountPath`);} else {
      if (paths.has(m.mountPath)) ctx.invalid(VOLUME_MOUNT_PATH, `${mp}.mountPath`, m.mountPath, 'must be unique');
      paths.add(m.mountPath);
      if (!isAbsoluteMountPath(String(m.mountPath), facts.windows)) ctx.report(RELATIVE_MOUNT_PATH, `${mp}.mountPath`, `${JSON.stringify(m.mountPath)} is not absolute; the container runtime refuses it`);
    }
    for (const f of ['subPath', 'subPathExpr']) {
      const sub = m[f];
      if (typeof sub === 'string' && sub !== '' && (sub.startsWith('/') || hasDotDot(sub))) {
        ctx.invalid(VOLUME_MOUNT_SUB_PATH, `${path}.volumeMounts.${f}`, sub, sub.startsWith('/') ? 'must be a relative path' : "must not contain '..'");
      }
    }
    if (m.subPath && m.subPathExpr) ctx.invalid(VOLUME_MOUNT_SUB_PATH, `${mp}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive');
    if (m.mountPropagation !== undefined) {
      if (!PROPAGATION.includes(m.mountPropagation)) ctx.notSupported(MOUNT_PROPAGATION, `${path}.volumeMounts.mountPropagation`, m.mountPropagation, PROPAGATION);
      else if (m.mountPropagation === 'Bidirectional' && !privileged) ctx.forbidden(MOUNT_PROPAGATION, `${path}.volumeMounts.mountPropagation`, 'Bidirectional mount propagation is available only to privileged containers');
    }
    if (m.recursiveReadOnly !== undefined) {
      if (!RRO.includes(m.recursiveReadOnly)) {ctx.notSupported(RECURSIVE_READ_ONLY, `${path}.volumeMounts.recursiveReadOnly`, m.recursiveReadOnly, RRO);} else if (m.recursiveReadOnly !== 'Disabled' && (m.readOnly !== true || (m.mountPropagation ?? 'None') !== 'None')) {
        ctx.forbidden(RECURSIVE_READ_ONLY, `${path}.volumeMounts.recursiveReadOnly`, 'may only be specified when readOnly is true and mountPropagation is None');
      }
    }
    checkHostMount(ctx, m, mp, facts);
  });
}

/** A hostPath volume, once: a `host-access` detail (sensitive too for the paths Pod Security names), and the runtime socket warning. */
function checkHostPathAccess(ctx: Ctx, name: unknown, hostPath: string, p: string): void {
  ctx.hostDetail(HOST_PATH_VOLUME, `${p}.hostPath`, `${name} (${hostPath})`);
  const normal = hostPath.replace(/\/+$/, '') || '/';
  if (SENSITIVE.includes(normal)) ctx.hostDetail(SENSITIVE_HOST_PATH, `${p}.hostPath.path`, `${name} (${hostPath})`);
  if (RUNTIME_SOCKET.test(normal) || RUNTIME_SOCKET_DIR.test(normal)) {
    ctx.report(CONTAINER_RUNTIME_SOCKET, `${p}.hostPath.path`, `${hostPath} ${RUNTIME_SOCKET.test(normal) ? 'is' : 'holds'} the container runtime socket: whoever reaches it is root on the node`);
  }
}

/** A writable mount of a hostPath volume: a `host-access` detail, once per volume. */
function checkHostMount(ctx: Ctx, m: any, mp: string, facts: PodFacts): void {
  const volume = facts.volumes.get(m.name);
  const hostPath = map(map(volume).hostPath).path;
  if (typeof hostPath !== 'string' || m.readOnly === true || facts.writableHostPaths.has(m.name)) return;
  facts.writableHostPaths.add(m.name);
  ctx.hostDetail(WRITABLE_HOST_PATH, `${mp}.readOnly`, `${m.name} (${hostPath})`);
}

