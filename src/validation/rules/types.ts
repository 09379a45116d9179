import { ValidationFinding } from '../finding';
import { Ctx, isInt, pathOf } from './context';
import { RuleArea, SRC, Violation } from './rule';

export const TYPES_AREA = new RuleArea('documents and field types', 'src/validation/rules/types.ts');
export const MANIFEST_SHAPE = TYPES_AREA.error('manifest-shape', 'The manifest is not an object with string `apiVersion` and `kind`.', 'Pass one parsed Kubernetes object.', SRC.META);
export const YAML_PARSE = TYPES_AREA.error('yaml-parse', 'A file kubectl refuses to read: a syntax error, an alias bomb, bytes that are not UTF-8, a document that is no object (`check`, `validateYaml`; docs/cli.md lists them). The message gives the line and the reason.', 'Fix the file at the line named.', SRC.FIELD_VALIDATION);
export const FIELD_TYPE = TYPES_AREA.error('field-type', 'A field of the wrong JSON type: a string where a boolean goes (`hostNetwork: "true"`), a list where a map goes (`labels: [a]`), a scalar where an object goes (`securityContext: x`); the API server fails to decode it (HTTP 400, no path).', 'Use the type the field takes; quote nothing but strings.', SRC.FIELD_VALIDATION);
export const NON_NEGATIVE_FIELD = TYPES_AREA.error('non-negative-field', 'A count that must be ≥ 0 is negative (`minReadySeconds`, `revisionHistoryLimit`, probe thresholds, toleration seconds…).', 'Use 0 or a positive integer.', SRC.CORE);
export const INT32_FIELD = TYPES_AREA.error('int32-field', 'A field that must be an integer (32-bit, or 64-bit for grace periods and toleration seconds) holds something else; the API server fails to decode it (HTTP 400, no path).', 'Use a whole number.', SRC.CORE);

/**
 * JSON types the API server's decoder insists on. A value of the wrong type (a string where a
 * boolean goes, a list where a map goes) is refused with HTTP 400 before validation runs, and the
 * message names a Go struct field, not a path; `field-type` names the path. `null` is never
 * an error: the decoder leaves the field at its zero value. Integer fields are `int32-field`'s;
 * quantities and int-or-string fields take both types and are not listed.
 */
type Shape = 'string' | 'boolean' | 'map' | 'any-object' | 'any-list' | { readonly fields: Fields } | { readonly items: Shape };
interface Fields { readonly [field: string]: Shape }

const S: Shape = 'string';
const B: Shape = 'boolean';
/** A map whose values other rules check (labels, annotations, nodeSelector, resource lists). */
const MAP: Shape = 'map';
const OBJ: Shape = 'any-object';
const ARR: Shape = 'any-list';
const obj = (fields: Fields): Shape => ({ fields });
const arr = (items: Shape): Shape => ({ items });

// metadata.name/namespace and container name/image are typed by their own rules.
const OWNER_REFERENCE = obj({ apiVersion: S, kind: S, name: S, uid: S, controller: B, blockOwnerDeletion: B });
const META = obj({ generateName: S, labels: MAP, annotations: MAP, finalizers: arr(S), ownerReferences: arr(OWNER_REFERENCE) });
const SELECTOR = obj({ matchLabels: MAP, matchExpressions: arr(obj({ key: S, operator: S, values: arr(S) })) });
const REQUIREMENT = obj({ key: S, operator: S, values: arr(S) });
const TERM = obj({ matchExpressions: arr(REQUIREMENT), matchFields: arr(REQUIREMENT) });
const POD_TERM = obj({ labelSelector: SELECTOR, namespaceSelector: SELECTOR, namespaces: arr(S), topologyKey: S });
const POD_AFFINITY = obj({
  requiredDuringSchedulingIgnoredDuringExecution: arr(POD_TERM),
  preferredDuringSchedulingIgnoredDuringExecution: arr(obj({ podAffinityTerm: POD_TERM })),
});
const AFFINITY = obj({
  nodeAffinity: obj({
    requiredDuringSchedulingIgnoredDuringExecution: obj({ nodeSelectorTerms: arr(TERM) }),
    preferredDuringSchedulingIgnoredDuringExecution: arr(obj({ preference: TERM })),
  }),
  podAffinity: POD_AFFINITY,
  podAntiAffinity: POD_AFFINITY,
});
const PROFILE = obj({ type: S, localhostProfile: S });
const SE_LINUX = obj({ user: S, role: S, type: S, level: S });
const POD_SECURITY = obj({
  runAsNonRoot: B,
  seccompProfile: PROFILE,
  appArmorProfile: PROFILE,
  seLinuxOptions: SE_LINUX,
  fsGroupChangePolicy: S,
  supplementalGroups: ARR,
  sysctls: arr(obj({ name: S, value: S })),
  windowsOptions: OBJ,
});
const CONTAINER_SECURITY = obj({
  privileged: B,
  allowPrivilegeEscalation: B,
  readOnlyRootFilesystem: B,
  runAsNonRoot: B,
  procMount: S,
  capabilities: obj({ add: arr(S), drop: arr(S) }),
  seccompProfile: PROFILE,
  appArmorProfile: PROFILE,
  seLinuxOptions: SE_LINUX,
  windowsOptions: OBJ,
});
const HANDLER: Fields = {
  exec: obj({ command: arr(S) }),
  httpGet: obj({ path: S, host: S, scheme: S, httpHeaders: arr(obj({ name: S, value: S })) }),
  tcpSocket: obj({ host: S }),
  grpc: obj({ service: S }),
};
const PROBE = obj(HANDLER);
const HOOK = obj({ exec: HANDLER.exec, httpGet: HANDLER.httpGet, tcpSocket: HANDLER.tcpSocket, sleep: OBJ });
const KEY_REF = obj({ name: S, key: S, optional: B });
const NAME_REF = obj({ name: S, optional: B });
const VALUE_FROM = obj({
  fieldRef: obj({ fieldPath: S, apiVersion: S }),
  resourceFieldRef: obj({ resource: S, containerName: S }),
  configMapKeyRef: KEY_REF,
  secretKeyRef: KEY_REF,
});
const CONTAINER = obj({
  imagePullPolicy: S,
  command: arr(S),
  args: arr(S),
  workingDir: S,
  restartPolicy: S,
  terminationMessagePath: S,
  terminationMessagePolicy: S,
  stdin: B,
  stdinOnce: B,
  tty: B,
  ports: arr(obj({ name: S, protocol: S, hostIP: S })),
  env: arr(obj({ name: S, value: S, valueFrom: VALUE_FROM })),
  envFrom: arr(obj({ prefix: S, configMapRef: NAME_REF, secretRef: NAME_REF })),
  resources: obj({ limits: MAP, requests: MAP }),
  volumeMounts: arr(obj({ name: S, mountPath: S, subPath: S, subPathExpr: S, readOnly: B, mountPropagation: S, recursiveReadOnly: S })),
  livenessProbe: PROBE,
  readinessProbe: PROBE,
  startupProbe: PROBE,
  lifecycle: obj({ postStart: HOOK, preStop: HOOK }),
  securityContext: CONTAINER_SECURITY,
});
const ITEMS = arr(obj({ key: S, path: S }));
const VOLUME = obj({
  name: S,
  hostPath: obj({ path: S, type: S }),
  emptyDir: obj({ medium: S }),
  configMap: obj({ name: S, optional: B, items: ITEMS }),
  secret: obj({ secretName: S, optional: B, items: ITEMS }),
  persistentVolumeClaim: obj({ claimName: S, readOnly: B }),
  downwardAPI: obj({ items: ARR }),
  projected: obj({ sources: ARR }),
  csi: obj({ driver: S, readOnly: B, fsType: S, volumeAttributes: MAP }),
  nfs: obj({ server: S, path: S, readOnly: B }),
});
const POD_SPEC = obj({
  containers: arr(CONTAINER),
  initContainers: arr(CONTAINER),
  volumes: arr(VOLUME),
  hostNetwork: B,
  hostPID: B,
  hostIPC: B,
  hostUsers: B,
  shareProcessNamespace: B,
  automountServiceAccountToken: B,
  enableServiceLinks: B,
  setHostnameAsFQDN: B,
  serviceAccountName: S,
  serviceAccount: S,
  priorityClassName: S,
  nodeName: S,
  dnsPolicy: S,
  restartPolicy: S,
  schedulerName: S,
  runtimeClassName: S,
  preemptionPolicy: S,
  hostname: S,
  subdomain: S,
  nodeSelector: MAP,
  securityContext: POD_SECURITY,
  affinity: AFFINITY,
  tolerations: arr(obj({ key: S, operator: S, value: S, effect: S })),
  imagePullSecrets: arr(obj({ name: S })),
  dnsConfig: obj({ nameservers: arr(S), searches: arr(S), options: arr(obj({ name: S, value: S })) }),
  hostAliases: arr(obj({ ip: S, hostnames: arr(S) })),
  topologySpreadConstraints: ARR,
  readinessGates: ARR,
  os: obj({ name: S }),
});
const OBJECT = obj({ metadata: META });
const DAEMON_SET = obj({
  metadata: META,
  spec: obj({ selector: SELECTOR, template: obj({ metadata: META, spec: POD_SPEC }), updateStrategy: obj({ type: S, rollingUpdate: OBJ }) }),
});

/** Reports every value of the wrong JSON type, at its path (rule `field-type`). */
export function checkFieldTypes(ctx: Ctx, manifest: any): void {
  // Compiled on first use: loading the library must stay cheap.
  checks ??= { daemonSet: compile(DAEMON_SET), object: compile(OBJECT) };
  (manifest.kind === 'DaemonSet' ? checks.daemonSet : checks.object)(ctx, manifest, []);
}

let checks: { readonly daemonSet: Check; readonly object: Check } | undefined;

/**
 * A shape's check, compiled once. `at` is the path to the value, as field names and list indexes:
 * the path string is built only for a value of the wrong type, since nearly every value is fine.
 */
type Check = (ctx: Ctx, value: unknown, at: Array<string | number>) => void;

function compile(shape: Shape): Check {
  if (shape === 'string' || shape === 'boolean') {
    return (ctx, value, at) => { if (typeof value !== shape) wrongType(ctx, at, value, `a ${shape}`); };
  }
  if (shape === 'map' || shape === 'any-object') {
    return (ctx, value, at) => { if (typeof value !== 'object' || Array.isArray(value)) wrongType(ctx, at, value, 'an object'); };
  }
  if (shape === 'any-list') return (ctx, value, at) => { if (!Array.isArray(value)) wrongType(ctx, at, value, 'a list'); };
  if ('items' in shape) {
    const item = compile(shape.items);
    return (ctx, value, at) => {
      if (!Array.isArray(value)) return wrongType(ctx, at, value, 'a list');
      for (let i = 0; i < value.length; i++) {
        if (value[i] === undefined || value[i] === null) continue;
        at.push(i);
        item(ctx, value[i], at);
        at.pop();
      }
    };
  }
  const fields = new Map(Object.entries(shape.fields).map(([field, inner]) => [field, compile(inner)]));
  return (ctx, value, at) => {
    if (typeof value !== 'object' || Array.isArray(value)) return wrongType(ctx, at, value, 'an object');
    // The object's own fields, fewer than the shape's.
    for (const field in value) {
      const check = fields.get(field);
      const inner = (value as any)[field];
      if (check === undefined || inner === undefined || inner === null) continue;
      at.push(field);
      check(ctx, inner, at);
      at.pop();
    }
  };
}

function wrongType(ctx: Ctx, at: Array<string | number>, value: unknown, expected: string): void {
  ctx.invalid(FIELD_TYPE, pathOf(at), value, `must be ${expected} (the API server refuses to decode anything else)`);
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * The rule a value breaks when it is no 32-bit integer of at least `min` (`int32-field`; a
 * negative count is `non-negative-field`): the check of every int32 field, shared by the
 * construct props that set one (`minReadySeconds`, `revisionHistoryLimit`, `terminationGracePeriod`).
 */
export function int32Violation(value: unknown, min = INT32_MIN): Violation | undefined {
  if (!isInt(value) || value > INT32_MAX || value < INT32_MIN) {
    return { rule: INT32_FIELD, reason: 'must be a 32-bit integer (the API server refuses to decode anything else)' };
  }
  if (value < min) return { rule: min === 0 ? NON_NEGATIVE_FIELD : INT32_FIELD, reason: `must be greater than or equal to ${min}` };
  return undefined;
}

/** Reports a decode error (the server answers 400 with no path) at the path the library can name; returns whether the value is fine. */
export function checkInt32(ctx: Ctx, path: string, value: unknown, min = INT32_MIN): boolean {
  if (value === undefined || value === null) return false;
  const violation = int32Violation(value, min);
  ctx.violation(path, value, violation);
  return violation === undefined;
}

/** A List's own fields (its items are objects of their own). */
export function checkListShape(ctx: Ctx, list: any): void {
  // apimachinery needs a list's kind, not its apiVersion (items carry their own, or take the list's).
  if (typeof list.kind !== 'string' || list.kind === '') ctx.required(MANIFEST_SHAPE, 'kind');
  if (list.apiVersion !== undefined && list.apiVersion !== null && typeof list.apiVersion !== 'string') {
    ctx.invalid(MANIFEST_SHAPE, 'apiVersion', list.apiVersion, 'must be a string');
  }
  if (list.items !== undefined && list.items !== null && !Array.isArray(list.items)) {
    ctx.invalid(MANIFEST_SHAPE, 'items', list.items, 'must be a list of objects');
  }
}

/** What every object needs before any other rule can read it; returns whether it has it. */
export function checkManifestShape(ctx: Ctx, manifest: any): boolean {
  let ok = true;
  for (const f of ['apiVersion', 'kind']) {
    if (typeof manifest[f] !== 'string' || manifest[f] === '') {
      ctx.required(MANIFEST_SHAPE, f);
      ok = false;
    }
  }
  for (const f of ['metadata', 'spec']) {
    if (manifest[f] !== undefined && (manifest[f] === null || typeof manifest[f] !== 'object' || Array.isArray(manifest[f]))) {
      ctx.invalid(MANIFEST_SHAPE, f, manifest[f], 'must be an object');
      ok = false;
    }
  }
  return ok;
}

/** An input, or a List item, that is no object at all. */
export function reportNotAnObject(ctx: Ctx, value: unknown, path: string, detail: string): void {
  ctx.invalid(MANIFEST_SHAPE, path, value, detail);
}

/** The finding for a YAML document that does not parse (`error` says why, with line and column). */
export function yamlParseFinding(label: string, error: string): ValidationFinding {
  const ctx = new Ctx(label, {});
  ctx.report(YAML_PARSE, '', `the YAML does not parse: ${error}`);
  return ctx.findings[0];
}
