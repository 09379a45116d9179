import { FieldSchema as Schema, loadSchema, RELEASES } from '../field-schemas';
import { KubernetesRelease } from '../kubernetes-version';
import { Ctx, list, map } from './context';
import { RuleArea, SRC } from './rule';

export const FIELD_AREA = new RuleArea('strict fields', 'src/validation/rules/fields.ts');
export const UNKNOWN_FIELD = FIELD_AREA.error('unknown-field', 'A field the kind does not have at the target Kubernetes release (`imagePullPolicyy`, `metadata.Labels`, a field added in a later release): kubectl\'s default strict field validation (`fieldValidation=Strict`) refuses the object, naming every such field (`unknown field "spec.template.spec.containers[0].imagePullPolicyy"`). Checked for DaemonSets and the kinds shipped beside them, from the Kubernetes OpenAPI v3 spec of the release; field names are case-sensitive; a `null` value counts too.', 'Fix the spelling or drop the field; for a field of a later release, raise `kubernetesVersion` only if every cluster runs that release.', SRC.FIELD_VALIDATION);
export const FIELD_NEEDS_RELEASE = FIELD_AREA.error('field-needs-release', 'A field the target release knows but drops because its feature gate is off by default there (sidecar `restartPolicy` on an init container before 1.29, `lifecycle.*.sleep` before 1.30, `recursiveReadOnly` before 1.31): the API server accepts the object without the field, so the pod does not do what the manifest says (an init container meant as a sidecar blocks the pod\'s start forever).', 'Raise `kubernetesVersion` to the release the message names if every cluster runs it (or has the gate on), or drop the field.', SRC.FEATURE_GATES);

const schemas = new Map<number, Schema>();

/** The schema of a release, loaded on first use (one data module per distinct schema). */
function schemaOf(release: KubernetesRelease): Schema {
  let schema = schemas.get(release.minor);
  if (schema === undefined) {
    schema = loadSchema(RELEASES.find(r => r.minor === release.minor)!.file);
    schemas.set(release.minor, schema);
  }
  return schema;
}

/**
 * Reports every field strict decoding does not know, at its path, as kube-apiserver does
 * (`unknown field "<path>"`); objects of kinds without a schema here are not checked. A value of
 * the wrong type is `field-type`'s: its inside is not walked.
 */
export function checkUnknownFields(ctx: Ctx, manifest: any): void {
  const schema = schemaOf(ctx.release);
  const root = schema.kinds[`${manifest.apiVersion} ${manifest.kind}`];
  if (root !== undefined) walk(ctx, schema, root, manifest, '');
}

function walk(ctx: Ctx, schema: Schema, type: string, value: any, path: string): void {
  const fields = schema.types[type];
  for (const field of Object.keys(value)) {
    const at = path === '' ? field : `${path}.${field}`;
    const inner = fields[field];
    if (inner === undefined) {
      ctx.report(UNKNOWN_FIELD, at, `unknown field ${JSON.stringify(at)}`);
    } else if (inner !== '') {
      walkValue(ctx, schema, inner, value[field], at);
    }
  }
}

function walkValue(ctx: Ctx, schema: Schema, type: string, value: unknown, path: string): void {
  if (type.startsWith('[')) {
    list(value).forEach((item, i) => walkValue(ctx, schema, type.slice(1), item, `${path}[${i}]`));
  } else if (type.startsWith('{')) {
    for (const [key, item] of Object.entries(map(value))) walkValue(ctx, schema, type.slice(1), item, `${path}[${key}]`);
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    walk(ctx, schema, type, value, path);
  }
}

/** A field a release knows but its default feature gates drop: from `minor` on, the gate is on by default. */
interface GatedField {
  /** Where the field is, relative to a container. */
  readonly find: (container: any) => Array<{ readonly path: string; readonly field: string }>;
  readonly minor: number;
  /** The release whose API first has the field (with its gate off). */
  readonly since: number;
  readonly gate: string;
  /** Whether the schema field (`type.field`) is known: before that the field is `unknown-field`'s. */
  readonly type: string;
  readonly field: string;
  readonly initOnly?: boolean;
}

const HOOKS = ['postStart', 'preStop'];

const GATED: readonly GatedField[] = [
  {
    find: c => c.restartPolicy !== undefined ? [{ path: 'restartPolicy', field: 'restartPolicy' }] : [],
    minor: 29,
    since: 28,
    gate: 'SidecarContainers',
    type: 'core.v1.Container',
    field: 'restartPolicy',
    initOnly: true,
  },
  {
    find: c => HOOKS.filter(h => map(map(c.lifecycle)[h]).sleep !== undefined).map(h => ({ path: `lifecycle.${h}.sleep`, field: 'sleep' })),
    minor: 30,
    since: 29,
    gate: 'PodLifecycleSleepAction',
    type: 'core.v1.LifecycleHandler',
    field: 'sleep',
  },
  {
    find: c => list(c.volumeMounts).flatMap((m, i) => map(m).recursiveReadOnly !== undefined ? [{ path: `volumeMounts[${i}].recursiveReadOnly`, field: 'recursiveReadOnly' }] : []),
    minor: 31,
    since: 30,
    gate: 'RecursiveReadOnlyMounts',
    type: 'core.v1.VolumeMount',
    field: 'recursiveReadOnly',
  },
];

/**
 * Reports the fields of `pod`'s containers that the target release knows but drops (feature
 * gate off by default), rule `field-needs-release`. Fields the release does not know at all are
 * `unknown-field`'s and not reported again.
 */
export function checkGatedFields(ctx: Ctx, pod: any, path: string): void {
  const release = ctx.release;
  const schema = schemaOf(release);
  for (const gated of GATED) {
    if (release.minor >= gated.minor || schema.types[gated.type]?.[gated.field] === undefined) continue;
    for (const group of gated.initOnly ? ['initContainers'] : ['initContainers', 'containers']) {
      list(pod[group]).forEach((c, i) => {
        for (const hit of gated.find(map(c))) {
          const at = `${path}.${group}[${i}].${hit.path}`;
          // 1.27 and 1.28 are checked with the 1.29 schema (the Go module proxy serves no older spec): a field their API lacks is unknown there.
          if (release.minor < gated.since) {
            ctx.report(UNKNOWN_FIELD, at, `unknown field ${JSON.stringify(at)}`);
            continue;
          }
          ctx.forbidden(FIELD_NEEDS_RELEASE, at,
            `needs Kubernetes 1.${gated.minor} (feature gate ${gated.gate}, on by default from 1.${gated.minor}); the API server of ${release.version} drops the field`);
        }
      });
    }
  }
}
