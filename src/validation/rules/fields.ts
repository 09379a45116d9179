import { FieldSchema as Schema, loadSchema, RELEASES } from '../field-schemas';
import { KubernetesRelease, NEWEST_MINOR } from '../kubernetes-version';
import { Ctx, list, map, PathParts, pathOf } from './context';
import { RuleArea, SRC } from './rule';
import { meantName } from '../../internal/spelling';

export const FIELD_AREA = new RuleArea('strict fields', 'src/validation/rules/fields.ts');
export const UNKNOWN_FIELD = FIELD_AREA.error('unknown-field', 'A field the kind does not have at the target Kubernetes release (`imagePullPolicyy`, `metadata.Labels`, a field added in a later release): kubectl\'s default strict field validation (`fieldValidation=Strict`) refuses the object, naming every such field (`unknown field "spec.template.spec.containers[0].imagePullPolicyy"`; the message adds the known field a typo most likely means). Checked for DaemonSets and the kinds shipped beside them, from the Kubernetes OpenAPI v3 spec of the release; field names are case-sensitive; a `null` value counts too.', 'Fix the spelling or drop the field; for a field of a later release, raise `kubernetesVersion` only if every cluster runs that release.', SRC.FIELD_VALIDATION);
export const FIELD_NEEDS_RELEASE = FIELD_AREA.error('field-needs-release', 'A field the target release knows but drops because its feature gate is off by default there (sidecar `restartPolicy` on an init container before 1.29, `lifecycle.*.sleep` before 1.30, `recursiveReadOnly` before 1.31, pod `resourceClaims` before 1.34, pod-level `resources` before 1.34, image volumes before 1.35, `restartPolicyRules`, `fileKeyRef` env and `hostnameOverride` before 1.35, `podCertificate` projections before 1.37, and alpha fields such as `lifecycle.stopSignal` at every release): the API server accepts the object without the field, so the pod does not do what the manifest says (an init container meant as a sidecar blocks the pod\'s start forever; an image volume and its mounts vanish).', 'Raise `kubernetesVersion` to the release the message names if every cluster runs it (or has the gate on), or drop the field.', SRC.FEATURE_GATES);

/**
 * A release's schema, each of its types' fields as a Map (the walk looks up every field of every
 * object: a Map is quicker than the data's objects), and the gated fields the release drops.
 */
interface LoadedSchema {
  readonly schema: Schema;
  readonly fields: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly dropped: readonly GatedField[];
}

const schemas = new Map<number, LoadedSchema>();

/** The schema of a release, loaded on first use (one data module per distinct schema). */
function schemaOf(release: KubernetesRelease): LoadedSchema {
  let loaded = schemas.get(release.minor);
  if (loaded === undefined) {
    const schema = loadSchema(RELEASES.find(r => r.minor === release.minor)!.file);
    loaded = {
      schema,
      fields: new Map(Object.entries(schema.types).map(([type, fields]) => [type, new Map(Object.entries(fields))])),
      // Fields the schema lacks are unknown-field's.
      dropped: GATED.filter(g => release.minor < (g.minor ?? Infinity) && schema.types[g.type]?.[g.field] !== undefined),
    };
    schemas.set(release.minor, loaded);
  }
  return loaded;
}

/**
 * Reports every field strict decoding does not know, at its path, as kube-apiserver does
 * (`unknown field "<path>"`); objects of kinds without a schema here are not checked. A value of
 * the wrong type is `field-type`'s: its inside is not walked.
 */
export function checkUnknownFields(ctx: Ctx, manifest: any): void {
  const schema = schemaOf(ctx.release);
  const root = schema.schema.kinds[`${manifest.apiVersion} ${manifest.kind}`];
  if (root !== undefined) walk(ctx, schema, root, manifest, []);
}

/** Walks an object of schema type `type`; `at` is its path as parts, made into text only for a finding (nearly every field is known). */
function walk(ctx: Ctx, schema: LoadedSchema, type: string, value: any, at: PathParts): void {
  const fields = schema.fields.get(type)!;
  for (const field of Object.keys(value)) {
    // The schema's own fields only (a Map): a manifest's `toString` or `constructor` key is unknown, not Object.prototype's.
    const inner = fields.get(field);
    if (inner === '') continue;
    at.push(field);
    if (inner === undefined) {
      const path = pathOf(at);
      const meant = meantName(field, [...fields.keys()]);
      ctx.report(UNKNOWN_FIELD, path, `unknown field ${JSON.stringify(path)}${meant === undefined ? '' : `; did you mean ${JSON.stringify(meant)}?`}`);
    } else {
      walkValue(ctx, schema, inner, value[field], at);
    }
    at.pop();
  }
}

/** Walks a value of schema type `type` (`T` an object, `[T` a list of T, `{T` a map of T; see FieldSchema). */
function walkValue(ctx: Ctx, schema: LoadedSchema, type: string, value: unknown, at: PathParts): void {
  if (type.startsWith('[')) {
    if (!Array.isArray(value)) return;
    const item = type.slice(1);
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      walkValue(ctx, schema, item, value[i], at);
      at.pop();
    }
  } else if (type.startsWith('{')) {
    const item = type.slice(1);
    for (const [key, inner] of Object.entries(map(value))) {
      at.push({ key });
      walkValue(ctx, schema, item, inner, at);
      at.pop();
    }
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    walk(ctx, schema, type, value, at);
  }
}

/**
 * A field a release knows but its default feature gates drop: kube-apiserver's `PrepareForCreate`
 * of a DaemonSet calls `pod.DropDisabledTemplateFields` (pkg/api/pod/util.go, `dropDisabledFields`),
 * which clears the field when its gate is off, before validation, so the object is accepted
 * without it. The releases are the gate's defaults in pkg/features/kube_features.go.
 */
interface GatedField {
  /** Where the field is set in a pod spec, relative to it. */
  readonly find: (pod: any) => string[];
  /** From this minor on the gate is on by default; undefined: off by default through NEWEST_MINOR. */
  readonly minor?: number;
  /** The release whose API first has the field (with its gate off). */
  readonly since: number;
  readonly gate: string;
  /** Whether the schema field (`type.field`) is known: before that the field is `unknown-field`'s. */
  readonly type: string;
  readonly field: string;
}

const HOOKS = ['postStart', 'preStop'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const ALL_CONTAINERS = ['initContainers', 'containers'];

/** The paths `find` gives for each container of `groups`, prefixed with the container's path. */
function inContainers(groups: readonly string[], find: (c: any, group: string) => string[]): (pod: any) => string[] {
  return pod => groups.flatMap(group => list(pod[group]).flatMap((c, i) => find(map(c), group).map(p => `${group}[${i}].${p}`)));
}

/** `path` when `value` sets `field`. */
function ifSet(value: unknown, field: string, path: string = field): string[] {
  return map(value)[field] !== undefined ? [path] : [];
}

/** The paths of list items that set `field`: `<at>[i].<field>`. */
function eachSetting(items: unknown, at: string, field: string): string[] {
  return list(items).flatMap((item, i) => ifSet(item, field, `${at}[${i}].${field}`));
}

/** The paths where a volume source (`volumes[i].<kind>`) sets `field`. */
function inVolumes(kind: string, find: (source: any) => string[]): (pod: any) => string[] {
  return pod => list(pod.volumes).flatMap((v, i) => {
    const source = map(v)[kind];
    return source !== undefined ? find(map(source)).map(p => `volumes[${i}].${kind}.${p}`) : [];
  });
}

/** The HTTP actions of a container's probes and lifecycle hooks, by path. */
function httpActions(c: any): Array<[string, unknown]> {
  return [...PROBES.map(p => [p, map(c[p]).httpGet]), ...HOOKS.map(h => [`lifecycle.${h}`, map(map(c.lifecycle)[h]).httpGet])]
    .filter((a): a is [string, unknown] => a[1] !== undefined)
    .map(([at, action]) => [`${at}.httpGet`, action]);
}

/** The `user` fields of an atomic-writer volume's items and of each projected source (AtomicWriteVolumeUserFields). */
function atomicWriteUsers(source: any): string[] {
  return [
    ...ifSet(source, 'defaultUser'),
    ...eachSetting(source.items, 'items', 'user'),
    ...list(source.sources).flatMap((raw, j) => {
      const projection = map(raw);
      return [
        ...['secret', 'configMap', 'downwardAPI'].flatMap(k => eachSetting(map(projection[k]).items, `sources[${j}].${k}.items`, 'user')),
        ...['serviceAccountToken', 'clusterTrustBundle', 'podCertificate'].flatMap(k => ifSet(projection[k], 'user', `sources[${j}].${k}.user`)),
      ];
    }),
  ];
}

const sleepHooks = inContainers(ALL_CONTAINERS, c => HOOKS.flatMap(h => ifSet(map(c.lifecycle)[h], 'sleep', `lifecycle.${h}.sleep`)));
const fileKeyRefs = inContainers(ALL_CONTAINERS, c => list(c.env).flatMap((e, j) => ifSet(map(e).valueFrom, 'fileKeyRef', `env[${j}].valueFrom.fileKeyRef`)));
const httpProtocols = inContainers(ALL_CONTAINERS, c => httpActions(c).flatMap(([at, action]) => ifSet(action, 'protocol', `${at}.protocol`)));
const grpcModes = inContainers(ALL_CONTAINERS, c => PROBES.flatMap(p => ifSet(map(c[p]).grpc, 'mode', `${p}.grpc.mode`)));
const podCertificates = inVolumes('projected', v => list(v.sources).flatMap((s, j) => ifSet(s, 'podCertificate', `sources[${j}].podCertificate`)));
/**
 * ContainerRestartRules also governs a container's restartPolicy: any on a regular container, and
 * an init container's other than Always (dropContainerRestartRules).
 */
const restartRules = inContainers(ALL_CONTAINERS, (c, group) => [
  ...group === 'containers' || (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') ? ifSet(c, 'restartPolicy') : [],
  ...ifSet(c, 'restartPolicyRules'),
]);

/** Where a container's volume mounts set `field`. */
function inMounts(field: string): (pod: any) => string[] {
  return inContainers(ALL_CONTAINERS, c => eachSetting(c.volumeMounts, 'volumeMounts', field));
}

/** Where the pod's securityContext sets `field`. */
function inPodSecurityContext(field: string): (pod: any) => string[] {
  return pod => ifSet(pod.securityContext, field, `securityContext.${field}`);
}

/** A gated field: its gate, its schema field (`type.field`), the release that added it, the one that turns the gate on, where it is set. */
function gated(gate: string, schemaField: string, since: number, minor: number | undefined, find: (pod: any) => string[]): GatedField {
  const dot = schemaField.lastIndexOf('.');
  return { gate, type: schemaField.slice(0, dot), field: schemaField.slice(dot + 1), since, minor, find };
}

const GATED: readonly GatedField[] = [
  gated('SidecarContainers', 'core.v1.Container.restartPolicy', 28, 29, inContainers(['initContainers'], c => ifSet(c, 'restartPolicy'))),
  gated('PodLifecycleSleepAction', 'core.v1.LifecycleHandler.sleep', 29, 30, sleepHooks),
  gated('RecursiveReadOnlyMounts', 'core.v1.VolumeMount.recursiveReadOnly', 30, 31, inMounts('recursiveReadOnly')),
  // DynamicResourceAllocation: beta and off in 1.32 and 1.33, GA from 1.34.
  gated('DynamicResourceAllocation', 'core.v1.PodSpec.resourceClaims', 26, 34, pod => ifSet(pod, 'resourceClaims')),
  gated('DynamicResourceAllocation', 'core.v1.ResourceRequirements.claims', 26, 34, inContainers(ALL_CONTAINERS, c => ifSet(c.resources, 'claims', 'resources.claims'))),
  gated('SupplementalGroupsPolicy', 'core.v1.PodSecurityContext.supplementalGroupsPolicy', 31, 33, inPodSecurityContext('supplementalGroupsPolicy')),
  // ImageVolume: beta but off in 1.33 and 1.34; dropping the volume drops its mounts too.
  gated('ImageVolume', 'core.v1.Volume.image', 31, 35, pod => eachSetting(pod.volumes, 'volumes', 'image')),
  gated('PodLevelResources', 'core.v1.PodSpec.resources', 32, 34, pod => ifSet(pod, 'resources')),
  gated('SELinuxChangePolicy', 'core.v1.PodSecurityContext.seLinuxChangePolicy', 32, 33, inPodSecurityContext('seLinuxChangePolicy')),
  gated('ContainerStopSignals', 'core.v1.Lifecycle.stopSignal', 33, undefined, inContainers(ALL_CONTAINERS, c => ifSet(c.lifecycle, 'stopSignal', 'lifecycle.stopSignal'))),
  gated('EnvFiles', 'core.v1.EnvVarSource.fileKeyRef', 34, 35, fileKeyRefs),
  gated('ContainerRestartRules', 'core.v1.Container.restartPolicyRules', 34, 35, restartRules),
  gated('HostnameOverride', 'core.v1.PodSpec.hostnameOverride', 34, 35, pod => ifSet(pod, 'hostnameOverride')),
  // PodCertificateRequest: beta but off in 1.35 and 1.36, GA in 1.37.
  gated('PodCertificateRequest', 'core.v1.VolumeProjection.podCertificate', 34, 37, podCertificates),
  // GenericWorkload: alpha from 1.35, beta but off in 1.37; `workloadRef` is 1.35's name for it.
  gated('GenericWorkload', 'core.v1.PodSpec.workloadRef', 35, undefined, pod => ifSet(pod, 'workloadRef')),
  gated('GenericWorkload', 'core.v1.PodSpec.schedulingGroup', 36, undefined, pod => ifSet(pod, 'schedulingGroup')),
  gated('H2CContainerProbe', 'core.v1.HTTPGetAction.protocol', 37, undefined, httpProtocols),
  gated('GRPCContainerProbeTLS', 'core.v1.GRPCAction.mode', 37, undefined, grpcModes),
  gated('VolumeBindMountOptions', 'core.v1.VolumeMount.bindMountOptions', 37, undefined, inMounts('bindMountOptions')),
  gated('EvictionRequestAPI', 'core.v1.PodSpec.evictionResponders', 37, undefined, pod => ifSet(pod, 'evictionResponders')),
  gated('EmptyDirVolumeMode', 'core.v1.EmptyDirVolumeSource.mode', 37, undefined, inVolumes('emptyDir', v => ifSet(v, 'mode'))),
  ...['secret', 'configMap', 'downwardAPI', 'projected']
    .map(kind => gated('AtomicWriteVolumeUserFields', 'core.v1.KeyToPath.user', 37, undefined, inVolumes(kind, atomicWriteUsers))),
];

/**
 * Reports the fields of `pod` that the target release knows but drops (feature gate off by
 * default), rule `field-needs-release`. Fields the release does not know at all are
 * `unknown-field`'s and not reported again.
 */
export function checkGatedFields(ctx: Ctx, pod: any, path: string): void {
  const release = ctx.release;
  for (const g of schemaOf(release).dropped) {
    for (const field of g.find(pod)) {
      const at = `${path}.${field}`;
      // 1.27 and 1.28 are checked with the 1.29 schema (the Go module proxy serves no older spec): a field their API lacks is unknown there.
      if (release.minor < g.since) {
        ctx.report(UNKNOWN_FIELD, at, `unknown field ${JSON.stringify(at)}`);
        continue;
      }
      ctx.forbidden(FIELD_NEEDS_RELEASE, at, g.minor === undefined
        ? `needs feature gate ${g.gate}, off by default in every release up to 1.${NEWEST_MINOR}; the API server of ${release.version} drops the field unless the gate is on`
        : `needs Kubernetes 1.${g.minor} (feature gate ${g.gate}, on by default from 1.${g.minor}); the API server of ${release.version} drops the field`);
    }
  }
}
