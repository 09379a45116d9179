import { ValidationSeverity } from '../finding';
import { checkDns1123Label, checkDns1123Subdomain } from '../names';
import type { PodFacts } from './containers';
import { Ctx, isInt, list, map, show } from './context';
import { checkFieldRef, checkResourceFieldRef, VOLUME_FIELD_PATHS } from './env';
import { parseQuantity } from './quantity';
import { Rule, RuleArea, SRC } from './rule';
import { checkLabelSelector } from './selector';
import { checkInTreeSource, checkIscsiInitiatorLength } from './volume-sources';
import { lookupTable } from '../../internal/lookup';

export const VOLUME_AREA = new RuleArea('volumes and mounts', 'src/validation/rules/volumes.ts');
export const VOLUME_NAME = VOLUME_AREA.error('volume-name', 'A volume name that is empty or not a DNS-1123 label.', 'Use at most 63 lowercase letters, digits and `-`.', SRC.CORE);
export const VOLUME_NAME_DUPLICATE = VOLUME_AREA.error('volume-name-duplicate', 'Two volumes with the same name.', 'Name each volume once.', SRC.CORE);
export const VOLUME_SOURCE_COUNT = VOLUME_AREA.error('volume-source-count', 'A volume with more than one source (e.g. hostPath and emptyDir).', 'Keep one source per volume.', SRC.CORE);
export const HOST_PATH = VOLUME_AREA.error('host-path', 'A hostPath with an empty path, a `..` element, or a type outside "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.', 'Give a clean absolute path and a listed type (case-sensitive).', SRC.CORE);
export const VOLUME_REFERENCE = VOLUME_AREA.error('volume-reference', 'A secret/configMap/pvc/csi/nfs volume without its required name, claim, driver, server or path.', 'Fill in the required field.', SRC.CORE);
export const VOLUME_MODE = VOLUME_AREA.error('volume-mode', '`defaultMode` or `items[].mode` outside 0–0777 (JSON takes decimal: 0644 is 420).', 'Use decimal 420 for 0644, 292 for 0444.', SRC.CORE);
export const VOLUME_ITEMS = VOLUME_AREA.error('volume-items', 'A secret/configMap item without key or path, or with an absolute path or `..`.', 'Use relative item paths without `..`.', SRC.CORE);
export const DOWNWARD_API_VOLUME = VOLUME_AREA.error('downward-api-volume', 'A downwardAPI volume file without a relative path, without exactly one of fieldRef/resourceFieldRef, or naming a field or resource the volume cannot expose (reported at the source, without the item index).', 'Use metadata.name/namespace/uid/labels/annotations, or a container\'s resource with `containerName`.', SRC.CORE);
export const EMPTY_DIR_SIZE = VOLUME_AREA.error('empty-dir-size', 'An emptyDir `sizeLimit` that does not parse or is negative.', 'Use a quantity like `64Mi`.', SRC.CORE);
export const PROJECTED_VOLUME = VOLUME_AREA.error('projected-volume', 'A projected source with more than one type, two files at one path, a secret/configMap without name, a serviceAccountToken without a relative path (reported at the volume\'s `path`) or expiring in under 10 minutes or over 2^32 s, a clusterTrustBundle without exactly one of name/signerName or without path.', 'One type per source, one path per file; expirationSeconds ≥ 600.', SRC.CORE);
export const VOLUME_MOUNT_NAME = VOLUME_AREA.error('volume-mount-name', 'A volumeMount with no name, or naming no volume of the pod.', 'Name a volume from `spec.template.spec.volumes`.', SRC.CORE);
export const VOLUME_MOUNT_PATH = VOLUME_AREA.error('volume-mount-path', 'A volumeMount with an empty mountPath, or two mounts at one path in a container.', 'Give every mount its own path.', SRC.CORE);
export const VOLUME_MOUNT_SUB_PATH = VOLUME_AREA.error('volume-mount-sub-path', '`subPath`/`subPathExpr` absolute or with `..` (reported at `volumeMounts.subPath`, without index), or both set.', 'Use a relative subPath without `..`.', SRC.CORE);
export const MOUNT_PROPAGATION = VOLUME_AREA.error('mount-propagation', '`mountPropagation` outside None/HostToContainer/Bidirectional, or Bidirectional on an unprivileged container (reported at `volumeMounts.mountPropagation`, without index).', 'Use HostToContainer, or make the container privileged (the `privileged` prop).', SRC.CORE);
export const RECURSIVE_READ_ONLY = VOLUME_AREA.error('recursive-read-only', '`recursiveReadOnly` Enabled/IfPossible without `readOnly: true` or with propagation other than None.', 'Set `readOnly: true` and no propagation, or drop recursiveReadOnly.', SRC.CORE, { kubernetes: '1.31+' });
export const VOLUME_REFERENCE_NAME = VOLUME_AREA.warning('volume-reference-name', 'A secret/configMap volume naming an object no object can be (not a DNS-1123 subdomain): the server accepts it, the kubelet never finds the object and the pod never starts.', 'Use the name of the Secret or ConfigMap.', SRC.CORE);
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

/** Where the server reports a second source set on one volume, when not at its JSON name (its own spellings). */
const SECOND_SOURCE_PATH: { [source: string]: string } = lookupTable({ cephfs: 'cephFS', downwardAPI: 'downwarAPI' });

/**
 * Pod volumes; returns the valid ones by name for the mount checks (as the server does: a mount of
 * a volume with an error is "Not found" too, and a name is a duplicate only of a valid volume).
 */
export function checkVolumes(ctx: Ctx, pod: any, P: string): Map<string, any> {
  const byName = new Map<string, any>();
  list(pod.volumes).forEach((raw, i) => {
    const v = map(raw);
    const p = `${P}.volumes[${i}]`;
    const errorsBefore = errorCount(ctx);
    // The volume's own keys, not every source name: fields of an object from `toJson()` are slow to probe one by one.
    const sources = Object.keys(v).filter(k => SOURCE_RANK.has(k) && v[k] !== undefined && v[k] !== null)
      .sort((x, y) => SOURCE_RANK.get(x)! - SOURCE_RANK.get(y)!);
    sources.slice(1).forEach(s => ctx.forbidden(VOLUME_SOURCE_COUNT, `${p}.${SECOND_SOURCE_PATH[s] ?? s}`, 'may not specify more than 1 volume type'));
    // The server checks the first source set and only reports the others (a volume without one defaults to emptyDir).
    if (sources.length > 0) checkSource(ctx, sources[0], v, p);
    checkIscsiInitiatorLength(ctx, v, p);
    if (!v.name) {ctx.required(VOLUME_NAME, `${p}.name`);} else {
      ctx.check(VOLUME_NAME, `${p}.name`, v.name, checkDns1123Label(String(v.name)));
      if (byName.has(v.name)) ctx.duplicate(VOLUME_NAME_DUPLICATE, `${p}.name`, v.name);
    }
    if (errorCount(ctx) === errorsBefore) byName.set(v.name, v);
    if (v.hostPath && typeof map(v.hostPath).path === 'string') checkHostPathAccess(ctx, v.name, map(v.hostPath).path, p);
  });
  return byName;
}

function errorCount(ctx: Ctx): number {
  return ctx.findings.filter(f => f.severity === ValidationSeverity.ERROR).length;
}

function checkSource(ctx: Ctx, source: string, v: any, p: string): void {
  const s = map(v[source]);
  const sp = `${p}.${source}`;
  switch (source) {
    case 'hostPath': return checkHostPath(ctx, s, sp);
    case 'secret': return checkObjectSource(ctx, s, sp, 'secretName');
    case 'configMap': return checkObjectSource(ctx, s, sp, 'name');
    case 'downwardAPI':
      checkMode(ctx, `${sp}.defaultMode`, s.defaultMode);
      return list(s.items).forEach(f => checkDownwardApiFile(ctx, map(f), sp));
    case 'emptyDir': return checkEmptyDir(ctx, s, sp);
    case 'persistentVolumeClaim': if (!s.claimName) ctx.required(VOLUME_REFERENCE, `${sp}.claimName`); return;
    case 'csi': return checkCsi(ctx, s, sp);
    case 'nfs':
      if (!s.server) ctx.required(VOLUME_REFERENCE, `${sp}.server`);
      if (!s.path) ctx.required(VOLUME_REFERENCE, `${sp}.path`);
      if (!String(s.path ?? '').startsWith('/')) ctx.invalid(VOLUME_REFERENCE, `${sp}.path`, s.path ?? '', 'must be an absolute path');
      return;
    case 'projected': return checkProjected(ctx, s, sp);
    default: checkInTreeSource(ctx, source, v, p);
  }
}

function checkHostPath(ctx: Ctx, h: any, p: string): void {
  if (!h.path) return ctx.required(HOST_PATH, `${p}.path`);
  if (hasDotDot(String(h.path))) ctx.invalid(HOST_PATH, `${p}.path`, h.path, "must not contain '..'");
  if (h.type !== undefined && h.type !== null && !HOST_PATH_TYPES.includes(h.type)) ctx.notSupported(HOST_PATH, `${p}.type`, h.type, HOST_PATH_TYPES);
}

function checkEmptyDir(ctx: Ctx, e: any, p: string): void {
  if (e.sizeLimit === undefined) return;
  const q = parseQuantity(e.sizeLimit);
  if (typeof q === 'string') ctx.invalid(EMPTY_DIR_SIZE, `${p}.sizeLimit`, e.sizeLimit, q);
  else if (q.nano < BigInt(0)) ctx.forbidden(EMPTY_DIR_SIZE, `${p}.sizeLimit`, 'SizeLimit field must be a valid resource quantity');
}

function checkCsi(ctx: Ctx, c: any, p: string): void {
  const d = c.driver;
  if (!d) ctx.required(VOLUME_REFERENCE, `${p}.driver`);
  else ctx.check(VOLUME_REFERENCE, `${p}.driver`, d, String(d).length > 63 ? 'must be no more than 63 characters' : checkDns1123Subdomain(String(d).toLowerCase()));
  const ref = c.nodePublishSecretRef;
  if (ref !== undefined && ref !== null) {
    if (!map(ref).name) ctx.required(VOLUME_REFERENCE, `${p}.nodePublishSecretRef.name`);
    // The server reports a bad secret name at `csi.name`.
    else ctx.check(VOLUME_REFERENCE, `${p}.name`, map(ref).name, checkDns1123Subdomain(map(ref).name));
  }
}

/**
 * A secret or configMap volume: the object's name is required, but its syntax is not checked by
 * the server: a name no object can have is a warning (the kubelet never finds it, the pod waits).
 */
function checkObjectSource(ctx: Ctx, src: any, p: string, nameField: string): void {
  const name = src[nameField];
  if (!name) ctx.required(VOLUME_REFERENCE, `${p}.${nameField}`);
  else if (checkDns1123Subdomain(name) !== undefined) ctx.report(VOLUME_REFERENCE_NAME, `${p}.${nameField}`, `${show(name, `${p}.${nameField}`)} ${checkDns1123Subdomain(name)}: no object can have this name, so the pod never starts`);
  checkMode(ctx, `${p}.defaultMode`, src.defaultMode);
  list(src.items).forEach((raw, k) => checkKeyToPath(ctx, map(raw), `${p}.items[${k}]`));
}

function checkMode(ctx: Ctx, path: string, mode: unknown): void {
  if (mode === undefined) return;
  if (!isInt(mode) || mode < 0 || mode > 0o777) ctx.invalid(VOLUME_MODE, path, mode, 'must be a number between 0 and 0777 (octal), both inclusive');
}

/** A path inside the volume (`ValidateLocalNonReservedPath`): relative, no `..` element, not starting with `..`. */
function checkLocalPath(ctx: Ctx, rule: Rule, p: string, value: unknown): void {
  const v = String(value ?? '');
  if (v.startsWith('/')) ctx.invalid(rule, p, v, 'must be a relative path');
  if (hasDotDot(v)) ctx.invalid(rule, p, v, "must not contain '..'");
  if (v.startsWith('..') && !v.startsWith('../')) ctx.invalid(rule, p, v, "must not start with '..'");
}

function checkKeyToPath(ctx: Ctx, item: any, ip: string): void {
  if (!item.key) ctx.required(VOLUME_ITEMS, `${ip}.key`);
  if (!item.path) ctx.required(VOLUME_ITEMS, `${ip}.path`);
  checkLocalPath(ctx, VOLUME_ITEMS, `${ip}.path`, item.path);
  checkMode(ctx, `${ip}.mode`, item.mode);
}

/**
 * A downward API volume file. The server reports its errors at the volume source's path (or the
 * projected source's), without the item's index.
 */
function checkDownwardApiFile(ctx: Ctx, f: any, p: string): void {
  const rule = DOWNWARD_API_VOLUME;
  if (!f.path) ctx.required(rule, `${p}.path`);
  checkLocalPath(ctx, rule, `${p}.path`, f.path);
  const fieldRef = f.fieldRef !== undefined && f.fieldRef !== null;
  const resourceRef = f.resourceFieldRef !== undefined && f.resourceFieldRef !== null;
  if (fieldRef) {
    checkFieldRef(ctx, rule, map(f.fieldRef), VOLUME_FIELD_PATHS, `${p}.fieldRef`);
    if (resourceRef) ctx.invalid(rule, p, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously');
  } else if (resourceRef) {
    checkResourceFieldRef(ctx, rule, map(f.resourceFieldRef), `${p}.resourceFieldRef`, true);
  } else {
    ctx.required(rule, p, 'one of fieldRef and resourceFieldRef is required');
  }
  checkMode(ctx, `${p}.mode`, f.mode);
}

const PROJECTED_TYPES = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'];
const KEY_TYPES = ['RSA3072', 'RSA4096', 'ECDSAP256', 'ECDSAP384', 'ECDSAP521', 'ED25519'];

function checkProjected(ctx: Ctx, proj: any, p: string): void {
  checkMode(ctx, `${p}.defaultMode`, proj.defaultMode);
  // Every file path of the volume, across sources: a repeat is reported at the projected volume.
  const paths = new Set<string>();
  const claim = (path: unknown, value: unknown): void => {
    if (typeof path !== 'string' || path === '') return;
    if (paths.has(path)) ctx.invalid(PROJECTED_VOLUME, p, value, 'conflicting duplicate paths');
    paths.add(path);
  };
  list(proj.sources).forEach((raw, k) => {
    const s = map(raw);
    const sp = `${p}.sources[${k}]`;
    const types = PROJECTED_TYPES.filter(t => s[t] !== undefined && s[t] !== null);
    for (const t of ['secret', 'configMap']) {
      if (!types.includes(t)) continue;
      const o = map(s[t]);
      if (!o.name) ctx.required(PROJECTED_VOLUME, `${sp}.${t}.name`);
      list(o.items).forEach((item, j) => { checkKeyToPath(ctx, map(item), `${sp}.${t}.items[${j}]`); claim(map(item).path, o.name ?? ''); });
    }
    if (types.includes('downwardAPI')) list(map(s.downwardAPI).items).forEach(f => { checkDownwardApiFile(ctx, map(f), `${sp}.downwardAPI`); claim(map(f).path, map(f).path); });
    if (types.includes('serviceAccountToken')) checkToken(ctx, map(s.serviceAccountToken), sp, p);
    if (types.includes('clusterTrustBundle')) {
      const b = map(s.clusterTrustBundle);
      checkTrustBundle(ctx, b, `${sp}.clusterTrustBundle`);
      claim(b.path ?? '', b.path ?? '');
    }
    if (types.includes('podCertificate')) {
      const c = map(s.podCertificate);
      checkPodCertificate(ctx, c, `${sp}.podCertificate`);
      for (const f of ['credentialBundlePath', 'keyPath', 'certificateChainPath']) claim(c[f], c[f]);
    }
    if (types.length > 1) ctx.forbidden(PROJECTED_VOLUME, sp, 'may not specify more than 1 volume type per source');
  });
}

function checkToken(ctx: Ctx, t: any, sp: string, p: string): void {
  // expirationSeconds defaults to 3600.
  const exp = t.expirationSeconds;
  if (isInt(exp) && exp < 600) ctx.invalid(PROJECTED_VOLUME, `${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes');
  if (isInt(exp) && exp > 2 ** 32) ctx.invalid(PROJECTED_VOLUME, `${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds');
  // The token's path is reported at the projected volume's `path`.
  if (!t.path) ctx.required(PROJECTED_VOLUME, `${p}.path`);
  else checkLocalPath(ctx, PROJECTED_VOLUME, `${p}.path`, t.path);
}

function checkTrustBundle(ctx: Ctx, b: any, bp: string): void {
  const byName = b.name !== undefined && b.name !== null;
  const bySigner = b.signerName !== undefined && b.signerName !== null;
  if (byName && bySigner) {
    ctx.invalid(PROJECTED_VOLUME, bp, b, 'only one of name and signerName may be used');
  } else if (byName) {
    if (b.name === '') ctx.required(PROJECTED_VOLUME, `${bp}.name`, 'must be a valid object name');
    if (b.labelSelector !== undefined && b.labelSelector !== null) ctx.invalid(PROJECTED_VOLUME, `${bp}.labelSelector`, b.labelSelector, 'labelSelector must be unset if name is specified');
  } else if (bySigner) {
    if (b.signerName === '') ctx.required(PROJECTED_VOLUME, `${bp}.signerName`, 'must be a valid signer name');
    if (b.labelSelector !== undefined && b.labelSelector !== null) checkLabelSelector(ctx, PROJECTED_VOLUME, `${bp}.labelSelector`, map(b.labelSelector));
  } else {
    ctx.required(PROJECTED_VOLUME, bp, 'either name or signerName must be specified');
  }
  if (!b.path) ctx.required(PROJECTED_VOLUME, `${bp}.path`);
  checkLocalPath(ctx, PROJECTED_VOLUME, `${bp}.path`, b.path);
}

function checkPodCertificate(ctx: Ctx, c: any, cp: string): void {
  if (!KEY_TYPES.includes(c.keyType)) ctx.notSupported(PROJECTED_VOLUME, `${cp}.keyType`, c.keyType ?? '', KEY_TYPES);
  if (isInt(c.maxExpirationSeconds) && c.maxExpirationSeconds < 3600) ctx.invalid(PROJECTED_VOLUME, `${cp}.maxExpirationSeconds`, c.maxExpirationSeconds, 'if provided, maxExpirationSeconds must be >= 3600');
  const files = ['credentialBundlePath', 'keyPath', 'certificateChainPath'].filter(f => c[f]);
  files.forEach(f => checkLocalPath(ctx, PROJECTED_VOLUME, `${cp}.${f}`, c[f]));
  if (files.length === 0) ctx.required(PROJECTED_VOLUME, cp, 'specify at least one of credentialBundlePath, keyPath, and certificateChainPath');
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

