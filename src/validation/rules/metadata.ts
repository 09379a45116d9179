import { checkDns1123Label, checkDns1123Subdomain, checkLabelValue, checkQualifiedName } from '../names';
import { Ctx, list, map } from './context';
import { RuleArea, SRC } from './rule';
import { lookupTable } from '../../internal/lookup';

export const METADATA_AREA = new RuleArea('metadata', 'src/validation/rules/metadata.ts');
export const API_VERSION_KIND = METADATA_AREA.error('api-version-kind', 'A known kind under an apiVersion that does not serve it (`apiVersion: v1` with `kind: DaemonSet`, RBAC outside rbac.authorization.k8s.io/v1…): kubectl answers "no matches for kind".', 'Use the apiVersion the message names (apps/v1 for a DaemonSet).', SRC.API_GROUPS);
export const METADATA_NAME = METADATA_AREA.error('metadata-name', '`metadata.name` missing (and no `generateName`), or not a valid name for its kind: a DNS-1123 label for a Namespace, a DNS-1035 label for a Service, a path segment (no `/`, `%`, not `.` or `..`) for RBAC roles and bindings, a DNS-1123 subdomain for the rest.', 'Namespace: at most 63 lowercase letters, digits and `-`, alphanumeric at both ends; Service: the same, starting with a letter; others: at most 253 lowercase letters, digits, `-` and `.`, alphanumeric at both ends.', SRC.META);
export const METADATA_NAMESPACE = METADATA_AREA.error('metadata-namespace', '`metadata.namespace` is not a DNS-1123 label.', 'Use at most 63 lowercase letters, digits and `-`.', SRC.META);
export const METADATA_LABELS = METADATA_AREA.error('metadata-labels', 'A label key that is not a qualified name or a value that is not a label value (reported at `metadata.labels`, or `spec.template.labels` for the template).', 'Keys: optional DNS prefix and `/`, then at most 63 `[A-Za-z0-9-_.]`; values: at most 63 of the same, alphanumeric at both ends.', SRC.NAMES, { linterIds: ['kube-score:label-values'] });
export const METADATA_ANNOTATIONS = METADATA_AREA.error('metadata-annotations', 'An annotation key that is not a qualified name, or keys and values over 256 KiB in total.', 'Fix the key; move large data to a ConfigMap.', SRC.META);
export const METADATA_FINALIZERS = METADATA_AREA.error('metadata-finalizers', 'A finalizer that is neither fully qualified nor one of `kubernetes`, `orphan`, `foregroundDeletion`, or `orphan` together with `foregroundDeletion`.', 'Use a `domain/name` finalizer.', SRC.META);
export const METADATA_OWNER_REFERENCES = METADATA_AREA.error('metadata-owner-references', 'An ownerReference without apiVersion, kind, name or uid, with an apiVersion that is not <group>/<version> or <version>, naming a v1 Event, or more than one controller reference.', 'Let the controller set ownerReferences; do not write them by hand.', SRC.META);
export const DEFAULT_NAMESPACE = METADATA_AREA.warning('default-namespace', 'The DaemonSet has no namespace or the `default` namespace; Pod Security labels are per namespace, so node daemons belong in their own.', 'Set `metadata.namespace` (the construct\'s `metadata.namespace` prop or the Chart namespace).', SRC.PSS, { linterIds: ['kube-linter:use-namespace'] });

const RBAC = 'rbac.authorization.k8s.io/v1';
/** The one served apiVersion of the kinds a node daemon ships with; other kinds are not checked. */
const SERVED_VERSION: { [kind: string]: string } = lookupTable({
  DaemonSet: 'apps/v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  Namespace: 'v1',
  ServiceAccount: 'v1',
  ConfigMap: 'v1',
  Secret: 'v1',
  Service: 'v1',
  Pod: 'v1',
  ResourceQuota: 'v1',
  LimitRange: 'v1',
  Role: RBAC,
  ClusterRole: RBAC,
  RoleBinding: RBAC,
  ClusterRoleBinding: RBAC,
  PriorityClass: 'scheduling.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
});

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1035 label (Service names): at most 63 characters, `[a-z0-9-]`, starting with a letter. */
function checkDns1035Label(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1035_LABEL.test(value)) {
    return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
  }
  return undefined;
}

/** A path segment (RBAC names, `path.IsValidPathSegmentName`): not `.` or `..`, no `/` or `%`. */
function checkPathSegmentName(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be '${value}'`;
  for (const c of ['/', '%']) if (value.includes(c)) return `may not contain '${c}'`;
  return undefined;
}

/** The name rule of each kind's `Validate<Kind>Name`; DNS-1123 subdomain for every other kind. */
const NAME_CHECKS: { [kind: string]: (name: string) => string | undefined } = lookupTable({
  Namespace: checkDns1123Label,
  Service: checkDns1035Label,
  Role: checkPathSegmentName,
  ClusterRole: checkPathSegmentName,
  RoleBinding: checkPathSegmentName,
  ClusterRoleBinding: checkPathSegmentName,
});

function nameCheckOf(kind: unknown): (name: string) => string | undefined {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(NAME_CHECKS, kind) ? NAME_CHECKS[kind] : checkDns1123Subdomain;
}

/**
 * ObjectMeta rules (`ValidateObjectMeta`), for any kind, and the kind's served apiVersion when
 * `apiVersion` is neither removed nor deprecated (`checkApiVersion`, which reports those).
 */
export function checkMetadata(ctx: Ctx, manifest: any, apiVersion: 'removed' | 'deprecated' | 'unlisted'): void {
  if (apiVersion === 'unlisted' && Object.prototype.hasOwnProperty.call(SERVED_VERSION, manifest.kind) && manifest.apiVersion !== SERVED_VERSION[manifest.kind]) {
    ctx.invalid(API_VERSION_KIND, 'apiVersion', manifest.apiVersion, `no matches for kind "${manifest.kind}" in version "${manifest.apiVersion}"; use ${SERVED_VERSION[manifest.kind]}`);
  }
  const md = map(manifest.metadata);
  const name = md.name;
  const checkName = nameCheckOf(manifest.kind);
  if (name === undefined || name === '') {
    if (!md.generateName) ctx.required(METADATA_NAME, 'metadata.name', 'name or generateName is required');
    else ctx.check(METADATA_NAME, 'metadata.generateName', md.generateName, checkName(String(md.generateName).replace(/-$/, 'a')));
  } else {
    ctx.check(METADATA_NAME, 'metadata.name', name, typeof name === 'string' ? checkName(name) : 'must be a string');
  }
  if (md.namespace !== undefined) {
    ctx.check(METADATA_NAMESPACE, 'metadata.namespace', md.namespace, typeof md.namespace === 'string' ? checkDns1123Label(md.namespace) : 'must be a string');
  }
  if (manifest.kind === 'DaemonSet' && (md.namespace === undefined || md.namespace === 'default')) {
    ctx.report(DEFAULT_NAMESPACE, 'metadata.namespace', `${manifest.kind} runs in the default namespace; give node daemons a namespace of their own`);
  }
  checkLabels(ctx, 'metadata.labels', md.labels);
  checkAnnotations(ctx, 'metadata.annotations', md.annotations);
  checkFinalizers(ctx, md.finalizers);
  checkOwnerReferences(ctx, md.ownerReferences);
}

/** Label keys and values; the API server names only the map, never the key. */
export function checkLabels(ctx: Ctx, path: string, labels: unknown): void {
  for (const [key, value] of Object.entries(map(labels))) {
    ctx.check(METADATA_LABELS, path, key, checkQualifiedName(key));
    ctx.check(METADATA_LABELS, path, value, typeof value === 'string' ? checkLabelValue(value) : 'must be a string');
  }
}

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

export function checkAnnotations(ctx: Ctx, path: string, annotations: unknown): void {
  let size = 0;
  for (const [key, value] of Object.entries(map(annotations))) {
    ctx.check(METADATA_ANNOTATIONS, path, key, checkQualifiedName(key.toLowerCase()));
    if (typeof value !== 'string') ctx.invalid(METADATA_ANNOTATIONS, `${path}[${key}]`, value, 'must be a string');
    size += key.length + String(value).length;
  }
  if (size > TOTAL_ANNOTATION_SIZE) {
    ctx.report(METADATA_ANNOTATIONS, path, `Too long: may not be more than ${TOTAL_ANNOTATION_SIZE} bytes`);
  }
}

const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

function checkFinalizers(ctx: Ctx, finalizers: unknown): void {
  const all = list(finalizers);
  all.forEach((f, i) => {
    ctx.check(METADATA_FINALIZERS, 'metadata.finalizers', f, typeof f === 'string' ? checkQualifiedName(f) : 'must be a string');
    if (typeof f === 'string' && !f.includes('/') && !STANDARD_FINALIZERS.includes(f)) {
      ctx.invalid(METADATA_FINALIZERS, `metadata.finalizers[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified');
    }
  });
  if (all.includes('orphan') && all.includes('foregroundDeletion')) {
    ctx.invalid(METADATA_FINALIZERS, 'metadata.finalizers', all, 'finalizer orphan and foregroundDeletion cannot be both set');
  }
}

function checkOwnerReferences(ctx: Ctx, refs: unknown): void {
  let controllers = 0;
  list(refs).forEach((raw, i) => {
    const r = map(raw);
    const p = `metadata.ownerReferences[${i}]`;
    for (const f of ['apiVersion', 'kind', 'name', 'uid']) {
      if (!r[f]) ctx.required(METADATA_OWNER_REFERENCES, `${p}.${f}`, 'must not be empty');
    }
    // <group>/<version> or <version>: one slash at most, and a version after it.
    const apiVersion = String(r.apiVersion ?? '');
    const slashes = apiVersion.split('/').length - 1;
    if (apiVersion !== '' && (slashes > 1 || apiVersion === '/' || apiVersion.endsWith('/'))) {
      ctx.invalid(METADATA_OWNER_REFERENCES, `${p}.apiVersion`, apiVersion, 'must be <group>/<version> or <version>');
    }
    if (apiVersion === 'v1' && r.kind === 'Event') ctx.invalid(METADATA_OWNER_REFERENCES, p, r, '/v1, Kind=Event is disallowed from being an owner');
    if (r.controller === true) controllers++;
  });
  if (controllers > 1) ctx.invalid(METADATA_OWNER_REFERENCES, 'metadata.ownerReferences', refs, 'Only one reference can have Controller set to true');
}
