import { checkDns1123Label } from '../names';
import { Ctx, isInt, list, map } from './context';
import { RuleArea, SRC } from './rule';
import { lookupTable } from '../../internal/lookup';

/**
 * The in-tree and less common volume sources (iSCSI, RBD, CephFS, FC, GlusterFS, gitRepo, the
 * cloud disks, flexVolume, ephemeral, image): the fields kube-apiserver requires of each. Most
 * are deprecated in favour of CSI drivers, but the server still validates them in a pod template.
 */
export const VOLUME_SOURCES_AREA = new RuleArea('volume sources', 'src/validation/rules/volume-sources.ts');
export const IN_TREE_VOLUME = VOLUME_SOURCES_AREA.error('in-tree-volume', 'An in-tree volume source (iscsi, rbd, cephfs, fc, glusterfs, gitRepo, awsElasticBlockStore, gcePersistentDisk, azureDisk, azureFile, cinder, flexVolume, …) without a field the server requires, or with a value it refuses (an iSCSI IQN, a LUN outside 0–255, a reserved flexVolume option).', 'Fill in the source\'s required fields, or move to the storage vendor\'s CSI driver.', SRC.CORE);
export const EPHEMERAL_VOLUME = VOLUME_SOURCES_AREA.error('ephemeral-volume', 'An `ephemeral` volume without `volumeClaimTemplate`.', 'Give the claim template (spec.accessModes and resources.requests.storage).', SRC.CORE);
export const IMAGE_VOLUME = VOLUME_SOURCES_AREA.error('image-volume', 'An `image` volume without `reference`, or a `pullPolicy` other than Always, IfNotPresent or Never.', 'Name the OCI image to mount.', SRC.CORE);

const R = IN_TREE_VOLUME;
const IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9-.]+)(:[^,;*&$|\s]+)$/;
const EUI = /^eui.[A-Za-z0-9]{16}$/;
const NAA = /^naa.[A-Za-z0-9]{32}$/;
const AZURE_CACHING = ['None', 'ReadOnly', 'ReadWrite'];
const AZURE_KINDS = ['Dedicated', 'Managed', 'Shared'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** Where the server reports a source's own errors when it does not use the JSON name. */
export const SOURCE_ERROR_PATH: { [source: string]: string } = lookupTable({ gcePersistentDisk: 'persistentDisk' });

function required(ctx: Ctx, src: any, p: string, fields: string[]): void {
  for (const f of fields) if (!src[f] || (Array.isArray(src[f]) && src[f].length === 0)) ctx.required(R, `${p}.${f}`);
}

function checkRange(ctx: Ctx, p: string, v: unknown, detail = 'must be between 0 and 255, inclusive'): void {
  if (isInt(v) && (v < 0 || v > 255)) ctx.invalid(R, p, v, detail);
}

function secretRefName(ctx: Ctx, src: any, p: string, field = 'secretRef'): void {
  if (src[field] !== undefined && src[field] !== null && !map(src[field]).name) ctx.required(R, `${p}.${field}.name`);
}

/** The iSCSI name forms the server accepts: iqn.YYYY-MM.domain:name, eui. with 16, naa. with 32 alphanumerics. */
function iscsiNameProblem(name: string): string | undefined {
  if (!/^(iqn|eui|naa)/.test(name)) return 'must be valid format starting with iqn, eui, or naa';
  const re = name.startsWith('iqn') ? IQN : name.startsWith('eui') ? EUI : NAA;
  return re.test(name) ? undefined : 'must be valid format';
}

function checkIscsi(ctx: Ctx, s: any, p: string): void {
  required(ctx, s, p, ['targetPortal']);
  if (!s.iqn) ctx.required(R, `${p}.iqn`);
  else ctx.check(R, `${p}.iqn`, s.iqn, iscsiNameProblem(String(s.iqn)));
  checkRange(ctx, `${p}.lun`, s.lun ?? 0);
  if ((s.chapAuthDiscovery === true || s.chapAuthSession === true) && (s.secretRef === undefined || s.secretRef === null)) ctx.required(R, `${p}.secretRef`);
  if (typeof s.initiatorName === 'string') ctx.check(R, `${p}.initiatorname`, s.initiatorName, iscsiNameProblem(s.initiatorName));
}

function checkFc(ctx: Ctx, s: any, p: string): void {
  const wwns = list(s.targetWWNs);
  const wwids = list(s.wwids);
  if (wwns.length === 0 && wwids.length === 0) ctx.required(R, `${p}.targetWWNs`, 'must specify either targetWWNs or wwids, but not both');
  if (wwns.length > 0 && wwids.length > 0) ctx.invalid(R, `${p}.targetWWNs`, wwns, 'targetWWNs and wwids can not be specified simultaneously');
  if (wwns.length > 0) {
    if (s.lun === undefined || s.lun === null) ctx.required(R, `${p}.lun`, 'lun is required if targetWWNs is specified');
    else checkRange(ctx, `${p}.lun`, s.lun);
  }
}

function checkAzureDisk(ctx: Ctx, s: any, p: string): void {
  required(ctx, s, p, ['diskName', 'diskURI']);
  if (s.cachingMode !== undefined && s.cachingMode !== null && !AZURE_CACHING.includes(s.cachingMode)) ctx.notSupported(R, `${p}.cachingMode`, s.cachingMode, AZURE_CACHING);
  // kind defaults to Shared; the URI form depends on it.
  const kind = s.kind ?? 'Shared';
  if (!AZURE_KINDS.includes(kind)) ctx.notSupported(R, `${p}.kind`, kind, AZURE_KINDS);
  const uri = String(s.diskURI ?? '');
  if (kind === 'Managed' && !uri.startsWith('/subscriptions/')) ctx.notSupported(R, `${p}.diskURI`, uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']);
  if (kind !== 'Managed' && !uri.startsWith('https://')) ctx.notSupported(R, `${p}.diskURI`, uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']);
}

function checkFlex(ctx: Ctx, s: any, p: string): void {
  required(ctx, s, p, ['driver']);
  for (const k of Object.keys(map(s.options))) {
    const namespace = k.includes('/') ? k.slice(0, k.indexOf('/')) : k;
    const normalized = '.' + namespace.toLowerCase();
    if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io')) ctx.invalid(R, `${p}.options[${k}]`, k, 'kubernetes.io and k8s.io namespaces are reserved');
  }
}

function checkGitRepo(ctx: Ctx, s: any, p: string): void {
  required(ctx, s, p, ['repository']);
  const dir = String(s.directory ?? '');
  if (dir.startsWith('/')) ctx.invalid(R, `${p}.directory`, dir, 'must be a relative path');
  if (dir.split('/').includes('..')) ctx.invalid(R, `${p}.directory`, dir, "must not contain '..'");
}

function checkStorageOs(ctx: Ctx, s: any, p: string): void {
  if (!s.volumeName) ctx.required(R, `${p}.volumeName`);
  else ctx.check(R, `${p}.volumeName`, s.volumeName, checkDns1123Label(s.volumeName));
  if (s.volumeNamespace) ctx.check(R, `${p}.volumeNamespace`, s.volumeNamespace, checkDns1123Label(s.volumeNamespace));
  secretRefName(ctx, s, p);
}

function checkQuobyte(ctx: Ctx, s: any, p: string): void {
  if (!s.registry) ctx.required(R, `${p}.registry`, 'must be a host:port pair or multiple pairs separated by commas');
  else if (String(s.tenant ?? '').length >= 65) ctx.required(R, `${p}.tenant`, 'must be a UUID and may not exceed a length of 64 characters');
  else if (String(s.registry).split(',').some(pair => !/^(\[[^\]]*\]|[^:[\]]*):[^:[\]]*$/.test(pair))) ctx.invalid(R, `${p}.registry`, s.registry, 'must be a host:port pair or multiple pairs separated by commas');
  required(ctx, s, p, ['volume']);
}

function checkFlocker(ctx: Ctx, s: any, p: string): void {
  if (!s.datasetName && !s.datasetUUID) ctx.required(R, p, 'one of datasetName and datasetUUID is required');
  if (s.datasetName && s.datasetUUID) ctx.invalid(R, p, 'resource', 'datasetName and datasetUUID can not be specified simultaneously');
  if (String(s.datasetName ?? '').includes('/')) ctx.invalid(R, `${p}.datasetName`, s.datasetName, "must not contain '/'");
}

/** The checks of each in-tree source, by its JSON name; `p` is where the server reports its fields. */
const CHECKS: { [source: string]: (ctx: Ctx, s: any, p: string) => void } = lookupTable({
  gitRepo: checkGitRepo,
  gcePersistentDisk: (ctx, s, p) => { required(ctx, s, p, ['pdName']); checkRange(ctx, `${p}.partition`, s.partition, 'must be between 1 and 255, inclusive'); },
  awsElasticBlockStore: (ctx, s, p) => { required(ctx, s, p, ['volumeID']); checkRange(ctx, `${p}.partition`, s.partition, 'must be between 1 and 255, inclusive'); },
  iscsi: checkIscsi,
  glusterfs: (ctx, s, p) => required(ctx, s, p, ['endpoints', 'path']),
  flocker: checkFlocker,
  rbd: (ctx, s, p) => required(ctx, s, p, ['monitors', 'image']),
  cinder: (ctx, s, p) => { required(ctx, s, p, ['volumeID']); secretRefName(ctx, s, p); },
  cephfs: (ctx, s, p) => required(ctx, s, p, ['monitors']),
  quobyte: checkQuobyte,
  fc: checkFc,
  flexVolume: checkFlex,
  azureFile: (ctx, s, p) => required(ctx, s, p, ['secretName', 'shareName']),
  vsphereVolume: (ctx, s, p) => required(ctx, s, p, ['volumePath']),
  azureDisk: checkAzureDisk,
  photonPersistentDisk: (ctx, s, p) => required(ctx, s, p, ['pdID']),
  portworxVolume: (ctx, s, p) => required(ctx, s, p, ['volumeID']),
  scaleIO: (ctx, s, p) => required(ctx, s, p, ['gateway', 'system', 'volumeName']),
  storageos: checkStorageOs,
  ephemeral: (ctx, s, p) => { if (s.volumeClaimTemplate === undefined || s.volumeClaimTemplate === null) ctx.required(EPHEMERAL_VOLUME, `${p}.volumeClaimTemplate`); },
  image: (ctx, s, p) => {
    if (!s.reference) ctx.required(IMAGE_VOLUME, `${p}.reference`);
    if (s.pullPolicy !== undefined && !PULL_POLICIES.includes(s.pullPolicy)) ctx.notSupported(IMAGE_VOLUME, `${p}.pullPolicy`, s.pullPolicy, PULL_POLICIES);
  },
});

/**
 * Checks a volume's source when it is one of the in-tree ones (the only source the server checks
 * is the first one set). `p` is the volume's path; returns whether the source was one of these.
 */
export function checkInTreeSource(ctx: Ctx, source: string, v: any, p: string): boolean {
  const check = CHECKS[source];
  if (check === undefined) return false;
  check(ctx, map(v[source]), `${p}.${SOURCE_ERROR_PATH[source] ?? source}`);
  return true;
}

/** iSCSI with an initiator name: the server limits `<volume name>:<targetPortal>` to 64 characters, whichever source it checked. */
export function checkIscsiInitiatorLength(ctx: Ctx, v: any, p: string): void {
  const s = map(v.iscsi);
  if (v.iscsi !== undefined && v.iscsi !== null && typeof s.initiatorName === 'string' && `${v.name ?? ''}:${s.targetPortal ?? ''}`.length > 64) {
    ctx.invalid(R, `${p}.name`, v.name, 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.');
  }
}
