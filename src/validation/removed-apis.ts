/**
 * Removed and deprecated Kubernetes APIs, as data: the group/version/kinds kube-apiserver no
 * longer serves (kubectl answers `no matches for kind "X" in version "Y"`), and the deprecated
 * annotations and node labels kube-apiserver warns about (kubectl prints `Warning: …`).
 *
 * Pure data and lookups, read by the `api-version-removed`, `api-version-deprecated`,
 * `deprecated-annotation` and `deprecated-node-label` rules (rules/apis.ts) and by `migrate`.
 *
 * Sources, checked entry by entry:
 * - the removals: the Deprecated API Migration Guide
 *   (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), and for the beta APIs
 *   removed after the guide's last section, `APILifecycleRemoved()` in k8s.io/api's
 *   `zz_generated.prerelease-lifecycle.go` (the release kube-apiserver stops serving a type);
 * - what changes in the successor: the defaulting code of the removed versions in
 *   k8s.io/kubernetes (`pkg/apis/{extensions,apps}/v1beta*` `SetDefaults_*`);
 * - the warnings: `pkg/api/pod/warnings.go` and `pkg/api/node/util.go` in k8s.io/kubernetes
 *   (v1.37.2), which hold the exact texts kubectl prints.
 */

/** How a manifest of a removed API version moves to its successor. */
export type Migration =
  /** Only `apiVersion` changes: the object is valid under the successor as it is. */
  | 'apiVersion'
  /** A tool can rewrite it without asking anything (the `changes` say what it rewrites). */
  | 'rewrite'
  /** The successor needs a decision a tool cannot make (a schema, a side-effect class). */
  | 'manual'
  /** There is no successor API. */
  | 'none';

/** One removed group/version/kind. */
export interface RemovedApi {
  /** The API group, `''` for the core group. */
  readonly group: string;
  /** The removed version, e.g. `v1beta1`. */
  readonly version: string;
  /** The kind, e.g. `DaemonSet`. */
  readonly kind: string;
  /** The release that deprecated it (`1.9`); kube-apiserver warns from then on. */
  readonly deprecatedIn: string;
  /** The first release that no longer serves it (`1.16`). */
  readonly removedIn: string;
  /** The `apiVersion` to use instead; absent when there is none. */
  readonly successor?: string;
  /** The first release that serves the successor. */
  readonly successorSince?: string;
  /** How a manifest moves to the successor. */
  readonly migration: Migration;
  /** What differs under the successor besides `apiVersion`; empty when nothing does. */
  readonly changes: readonly string[];
  /** What to do instead when there is no successor, or a caveat of the successor. */
  readonly note?: string;
  /**
   * False for the beta group versions kube-apiserver never served by default (added after 1.24,
   * KEP-3136: `betaAPIGroupVersionsDisabledByDefault` in pkg/controlplane/instance.go): only
   * `--runtime-config` turns them on.
   */
  readonly servedByDefault: boolean;
  /** Where the entry comes from. */
  readonly source: string;
}

const GUIDE = 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/';
const LIFECYCLE = 'https://github.com/kubernetes/api (zz_generated.prerelease-lifecycle.go, APILifecycleRemoved)';

/** Entries of one release of the guide that share a group/version, a successor and how to migrate. */
interface Batch {
  readonly removedIn: string;
  readonly deprecatedIn: string;
  readonly group: string;
  readonly version: string;
  readonly kinds: readonly string[];
  readonly successor?: string;
  readonly successorSince?: string;
  readonly migration: Migration;
  readonly changes?: readonly string[];
  readonly note?: string;
  readonly servedByDefault?: boolean;
  readonly source?: string;
}

const SELECTOR_FROM_LABELS = '`spec.selector` is required and immutable: copy the template labels into `spec.selector.matchLabels` (the removed version defaulted it from them)';

const INGRESS_CHANGES = [
  '`spec.backend` is renamed `spec.defaultBackend`',
  'backend `serviceName` becomes `service.name`',
  'numeric `servicePort` becomes `service.port.number`, named `servicePort` becomes `service.port.name`',
  '`pathType` is required on every path (ImplementationSpecific keeps the v1beta1 behaviour)',
];

const CONCURRENCY_SHARES_RENAME = 'PriorityLevelConfiguration `spec.limited.assuredConcurrencyShares` is renamed `spec.limited.nominalConcurrencyShares`';

const BATCHES: readonly Batch[] = [
  // v1.16 (guide: #v1-16)
  { removedIn: '1.16', deprecatedIn: '1.9', group: 'extensions', version: 'v1beta1', kinds: ['NetworkPolicy'], successor: 'networking.k8s.io/v1', successorSince: '1.8', migration: 'apiVersion' },
  // Its successor, policy/v1beta1, was removed in 1.25 too: `resolve()` follows the chain to "none".
  { removedIn: '1.16', deprecatedIn: '1.11', group: 'extensions', version: 'v1beta1', kinds: ['PodSecurityPolicy'], successor: 'policy/v1beta1', successorSince: '1.10', migration: 'apiVersion' },
  {
    removedIn: '1.16',
    deprecatedIn: '1.8',
    group: 'extensions',
    version: 'v1beta1',
    kinds: ['DaemonSet'],
    successor: 'apps/v1',
    successorSince: '1.9',
    migration: 'rewrite',
    changes: [SELECTOR_FROM_LABELS, '`spec.templateGeneration` is removed', '`spec.updateStrategy.type` defaults to RollingUpdate (extensions/v1beta1 defaulted to OnDelete): set OnDelete to keep the old behaviour'],
  },
  { removedIn: '1.16', deprecatedIn: '1.9', group: 'apps', version: 'v1beta2', kinds: ['DaemonSet', 'ReplicaSet'], successor: 'apps/v1', successorSince: '1.9', migration: 'apiVersion' },
  {
    removedIn: '1.16',
    deprecatedIn: '1.8',
    group: 'extensions',
    version: 'v1beta1',
    kinds: ['Deployment'],
    successor: 'apps/v1',
    successorSince: '1.9',
    migration: 'rewrite',
    changes: [SELECTOR_FROM_LABELS, '`spec.rollbackTo` is removed', '`spec.progressDeadlineSeconds` defaults to 600 (was no deadline)', '`spec.revisionHistoryLimit` defaults to 10 (was all)', '`maxSurge` and `maxUnavailable` default to 25% (were 1)'],
  },
  {
    removedIn: '1.16',
    deprecatedIn: '1.8',
    group: 'apps',
    version: 'v1beta1',
    kinds: ['Deployment'],
    successor: 'apps/v1',
    successorSince: '1.9',
    migration: 'rewrite',
    changes: [SELECTOR_FROM_LABELS, '`spec.rollbackTo` is removed', '`spec.revisionHistoryLimit` defaults to 10 (was 2)'],
  },
  { removedIn: '1.16', deprecatedIn: '1.9', group: 'apps', version: 'v1beta2', kinds: ['Deployment', 'StatefulSet'], successor: 'apps/v1', successorSince: '1.9', migration: 'apiVersion' },
  {
    removedIn: '1.16',
    deprecatedIn: '1.8',
    group: 'apps',
    version: 'v1beta1',
    kinds: ['StatefulSet'],
    successor: 'apps/v1',
    successorSince: '1.9',
    migration: 'rewrite',
    changes: [SELECTOR_FROM_LABELS, '`spec.updateStrategy.type` defaults to RollingUpdate (apps/v1beta1 defaulted to OnDelete): set OnDelete to keep the old behaviour'],
  },
  { removedIn: '1.16', deprecatedIn: '1.8', group: 'extensions', version: 'v1beta1', kinds: ['ReplicaSet'], successor: 'apps/v1', successorSince: '1.9', migration: 'rewrite', changes: [SELECTOR_FROM_LABELS] },
  { removedIn: '1.16', deprecatedIn: '1.8', group: 'apps', version: 'v1beta1', kinds: ['ControllerRevision'], successor: 'apps/v1', successorSince: '1.9', migration: 'apiVersion', source: LIFECYCLE },
  { removedIn: '1.16', deprecatedIn: '1.9', group: 'apps', version: 'v1beta2', kinds: ['ControllerRevision'], successor: 'apps/v1', successorSince: '1.9', migration: 'apiVersion', source: LIFECYCLE },
  // v1.22 (guide: #v1-22)
  {
    removedIn: '1.22',
    deprecatedIn: '1.16',
    group: 'admissionregistration.k8s.io',
    version: 'v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    successor: 'admissionregistration.k8s.io/v1',
    successorSince: '1.16',
    migration: 'manual',
    changes: ['`webhooks[*].sideEffects` is required and only None or NoneOnDryRun are allowed', '`webhooks[*].admissionReviewVersions` is required', '`failurePolicy` defaults to Fail (was Ignore)', '`matchPolicy` defaults to Equivalent (was Exact)', '`timeoutSeconds` defaults to 10s (was 30s)', '`webhooks[*].name` must be unique'],
  },
  {
    removedIn: '1.22',
    deprecatedIn: '1.16',
    group: 'apiextensions.k8s.io',
    version: 'v1beta1',
    kinds: ['CustomResourceDefinition'],
    successor: 'apiextensions.k8s.io/v1',
    successorSince: '1.16',
    migration: 'manual',
    changes: ['`spec.scope` is required', '`spec.version`, `spec.validation`, `spec.subresources` and `spec.additionalPrinterColumns` move into `spec.versions[*]`', '`spec.versions[*].schema.openAPIV3Schema` is required and must be structural', '`spec.preserveUnknownFields: true` is refused (use `x-kubernetes-preserve-unknown-fields`)', '`spec.conversion.webhookClientConfig` moves to `spec.conversion.webhook.clientConfig`', 'printer column `JSONPath` is renamed `jsonPath`'],
  },
  { removedIn: '1.22', deprecatedIn: '1.19', group: 'apiregistration.k8s.io', version: 'v1beta1', kinds: ['APIService'], successor: 'apiregistration.k8s.io/v1', successorSince: '1.10', migration: 'apiVersion' },
  { removedIn: '1.22', deprecatedIn: '1.19', group: 'authentication.k8s.io', version: 'v1beta1', kinds: ['TokenReview'], successor: 'authentication.k8s.io/v1', successorSince: '1.6', migration: 'apiVersion' },
  {
    removedIn: '1.22',
    deprecatedIn: '1.19',
    group: 'authorization.k8s.io',
    version: 'v1beta1',
    kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview'],
    successor: 'authorization.k8s.io/v1',
    successorSince: '1.6',
    migration: 'rewrite',
    changes: ['`spec.group` is renamed `spec.groups`'],
  },
  { removedIn: '1.22', deprecatedIn: '1.19', group: 'authorization.k8s.io', version: 'v1beta1', kinds: ['SelfSubjectRulesReview'], successor: 'authorization.k8s.io/v1', successorSince: '1.6', migration: 'apiVersion', source: LIFECYCLE },
  {
    removedIn: '1.22',
    deprecatedIn: '1.19',
    group: 'certificates.k8s.io',
    version: 'v1beta1',
    kinds: ['CertificateSigningRequest'],
    successor: 'certificates.k8s.io/v1',
    successorSince: '1.19',
    migration: 'manual',
    changes: ['`spec.signerName` is required (kubernetes.io/legacy-unknown is refused)', '`spec.usages` is required, without duplicates, known usages only'],
  },
  { removedIn: '1.22', deprecatedIn: '1.19', group: 'coordination.k8s.io', version: 'v1beta1', kinds: ['Lease'], successor: 'coordination.k8s.io/v1', successorSince: '1.14', migration: 'apiVersion' },
  {
    removedIn: '1.22',
    deprecatedIn: '1.14',
    group: 'extensions',
    version: 'v1beta1',
    kinds: ['Ingress'],
    successor: 'networking.k8s.io/v1',
    successorSince: '1.19',
    migration: 'rewrite',
    changes: INGRESS_CHANGES,
  },
  {
    removedIn: '1.22',
    deprecatedIn: '1.19',
    group: 'networking.k8s.io',
    version: 'v1beta1',
    kinds: ['Ingress'],
    successor: 'networking.k8s.io/v1',
    successorSince: '1.19',
    migration: 'rewrite',
    changes: INGRESS_CHANGES,
  },
  { removedIn: '1.22', deprecatedIn: '1.19', group: 'networking.k8s.io', version: 'v1beta1', kinds: ['IngressClass'], successor: 'networking.k8s.io/v1', successorSince: '1.19', migration: 'apiVersion' },
  { removedIn: '1.22', deprecatedIn: '1.17', group: 'rbac.authorization.k8s.io', version: 'v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], successor: 'rbac.authorization.k8s.io/v1', successorSince: '1.8', migration: 'apiVersion' },
  { removedIn: '1.22', deprecatedIn: '1.14', group: 'scheduling.k8s.io', version: 'v1beta1', kinds: ['PriorityClass'], successor: 'scheduling.k8s.io/v1', successorSince: '1.14', migration: 'apiVersion' },
  { removedIn: '1.22', deprecatedIn: '1.19', group: 'storage.k8s.io', version: 'v1beta1', kinds: ['CSIDriver'], successor: 'storage.k8s.io/v1', successorSince: '1.19', migration: 'apiVersion' },
  { removedIn: '1.22', deprecatedIn: '1.17', group: 'storage.k8s.io', version: 'v1beta1', kinds: ['CSINode'], successor: 'storage.k8s.io/v1', successorSince: '1.17', migration: 'apiVersion' },
  { removedIn: '1.22', deprecatedIn: '1.19', group: 'storage.k8s.io', version: 'v1beta1', kinds: ['StorageClass'], successor: 'storage.k8s.io/v1', successorSince: '1.6', migration: 'apiVersion' },
  { removedIn: '1.22', deprecatedIn: '1.19', group: 'storage.k8s.io', version: 'v1beta1', kinds: ['VolumeAttachment'], successor: 'storage.k8s.io/v1', successorSince: '1.13', migration: 'apiVersion' },
  // v1.25 (guide: #v1-25)
  { removedIn: '1.25', deprecatedIn: '1.21', group: 'batch', version: 'v1beta1', kinds: ['CronJob'], successor: 'batch/v1', successorSince: '1.21', migration: 'apiVersion' },
  {
    removedIn: '1.25',
    deprecatedIn: '1.21',
    group: 'discovery.k8s.io',
    version: 'v1beta1',
    kinds: ['EndpointSlice'],
    successor: 'discovery.k8s.io/v1',
    successorSince: '1.21',
    migration: 'rewrite',
    changes: ['`endpoints[*].topology["kubernetes.io/hostname"]` becomes `endpoints[*].nodeName`', '`endpoints[*].topology["topology.kubernetes.io/zone"]` becomes `endpoints[*].zone`', '`topology` becomes the read-only `deprecatedTopology`'],
  },
  {
    removedIn: '1.25',
    deprecatedIn: '1.22',
    group: 'events.k8s.io',
    version: 'v1beta1',
    kinds: ['Event'],
    successor: 'events.k8s.io/v1',
    successorSince: '1.19',
    migration: 'manual',
    changes: ['`type` is Normal or Warning only', '`involvedObject` is renamed `regarding`', '`action`, `reason`, `reportingController` and `reportingInstance` are required', 'the deprecated timestamps, count and source become `deprecated*` fields new v1 Events may not set'],
  },
  {
    removedIn: '1.25',
    deprecatedIn: '1.22',
    group: 'autoscaling',
    version: 'v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    successor: 'autoscaling/v2',
    successorSince: '1.23',
    migration: 'rewrite',
    changes: ['`targetAverageUtilization` becomes `target.averageUtilization` with `target.type: Utilization`', '`targetAverageValue` and `targetValue` become `target.averageValue` / `target.value` with the matching `target.type`', 'metric names and selectors move under `metric`'],
  },
  {
    removedIn: '1.25',
    deprecatedIn: '1.21',
    group: 'policy',
    version: 'v1beta1',
    kinds: ['PodDisruptionBudget'],
    successor: 'policy/v1',
    successorSince: '1.21',
    migration: 'apiVersion',
    note: 'An empty `spec.selector` ({}) selected no pod in policy/v1beta1 and selects every pod of the namespace in policy/v1: check such budgets by hand.',
  },
  {
    removedIn: '1.25',
    deprecatedIn: '1.21',
    group: 'policy',
    version: 'v1beta1',
    kinds: ['PodSecurityPolicy'],
    migration: 'none',
    note: 'There is no successor API: enforce the Pod Security Standards with Pod Security admission, by labelling each namespace `pod-security.kubernetes.io/enforce: privileged|baseline|restricted` (a node daemon\'s namespace usually needs privileged), or with a third-party admission webhook.',
  },
  { removedIn: '1.25', deprecatedIn: '1.22', group: 'node.k8s.io', version: 'v1beta1', kinds: ['RuntimeClass'], successor: 'node.k8s.io/v1', successorSince: '1.20', migration: 'apiVersion' },
  // v1.26 (guide: #v1-26)
  // The flowcontrol betas name v1beta3 (k8s.io/api's lifecycle); v1beta3 itself moves to v1 from 1.29 (`resolve()`).
  {
    removedIn: '1.26',
    deprecatedIn: '1.23',
    group: 'flowcontrol.apiserver.k8s.io',
    version: 'v1beta1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    successor: 'flowcontrol.apiserver.k8s.io/v1beta3',
    successorSince: '1.26',
    migration: 'rewrite',
    changes: [CONCURRENCY_SHARES_RENAME],
  },
  { removedIn: '1.26', deprecatedIn: '1.23', group: 'autoscaling', version: 'v2beta2', kinds: ['HorizontalPodAutoscaler'], successor: 'autoscaling/v2', successorSince: '1.23', migration: 'apiVersion' },
  // v1.27 (guide: #v1-27)
  { removedIn: '1.27', deprecatedIn: '1.24', group: 'storage.k8s.io', version: 'v1beta1', kinds: ['CSIStorageCapacity'], successor: 'storage.k8s.io/v1', successorSince: '1.24', migration: 'apiVersion' },
  // v1.29 (guide: #v1-29)
  {
    removedIn: '1.29',
    deprecatedIn: '1.26',
    group: 'flowcontrol.apiserver.k8s.io',
    version: 'v1beta2',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    successor: 'flowcontrol.apiserver.k8s.io/v1beta3',
    successorSince: '1.26',
    migration: 'rewrite',
    changes: [CONCURRENCY_SHARES_RENAME],
  },
  // v1.32 (guide: #v1-32)
  {
    removedIn: '1.32',
    deprecatedIn: '1.29',
    group: 'flowcontrol.apiserver.k8s.io',
    version: 'v1beta3',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    successor: 'flowcontrol.apiserver.k8s.io/v1',
    successorSince: '1.29',
    migration: 'apiVersion',
    note: '`spec.limited.nominalConcurrencyShares` defaults to 30 only when unset: an explicit 0 stays 0 in v1.',
  },
  // Beta APIs removed after the guide's last section, from k8s.io/api's prerelease lifecycle; all
  // four group versions are in v1.31's betaAPIGroupVersionsDisabledByDefault.
  { removedIn: '1.33', deprecatedIn: '1.30', group: 'authentication.k8s.io', version: 'v1beta1', kinds: ['SelfSubjectReview'], successor: 'authentication.k8s.io/v1', successorSince: '1.28', migration: 'apiVersion', servedByDefault: false, source: LIFECYCLE },
  { removedIn: '1.34', deprecatedIn: '1.31', group: 'admissionregistration.k8s.io', version: 'v1beta1', kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], successor: 'admissionregistration.k8s.io/v1', successorSince: '1.30', migration: 'apiVersion', servedByDefault: false, source: LIFECYCLE },
  { removedIn: '1.37', deprecatedIn: '1.34', group: 'networking.k8s.io', version: 'v1beta1', kinds: ['IPAddress', 'ServiceCIDR'], successor: 'networking.k8s.io/v1', successorSince: '1.33', migration: 'apiVersion', servedByDefault: false, source: LIFECYCLE },
  { removedIn: '1.37', deprecatedIn: '1.34', group: 'storage.k8s.io', version: 'v1beta1', kinds: ['VolumeAttributesClass'], successor: 'storage.k8s.io/v1', successorSince: '1.34', migration: 'apiVersion', servedByDefault: false, source: LIFECYCLE },
];

/** Every removed group/version/kind, in release order. */
export const REMOVED_APIS: readonly RemovedApi[] = BATCHES.flatMap(b => b.kinds.map(kind => ({
  group: b.group,
  version: b.version,
  kind,
  deprecatedIn: b.deprecatedIn,
  removedIn: b.removedIn,
  ...(b.successor !== undefined ? { successor: b.successor, successorSince: b.successorSince } : {}),
  migration: b.migration,
  changes: b.changes ?? [],
  ...(b.note !== undefined ? { note: b.note } : {}),
  servedByDefault: b.servedByDefault ?? true,
  source: b.source ?? `${GUIDE}#v${b.removedIn.replace('.', '-')}`,
})));

/** The removed APIs by kind, in release order: every manifest is looked up, and nearly every kind has none. */
const REMOVED_BY_KIND = REMOVED_APIS.reduce(
  (byKind, api) => byKind.set(api.kind, [...byKind.get(api.kind) ?? [], api]),
  new Map<string, RemovedApi[]>(),
);

/** The entry of a group, version and kind, if it was removed. */
function removedApi(group: string, version: string, kind: string): RemovedApi | undefined {
  return REMOVED_BY_KIND.get(kind)?.find(a => a.group === group && a.version === version);
}

/** What a manifest's apiVersion and kind mean at one Kubernetes release. */
export interface ApiStatus {
  /**
   * `removed`: that release does not serve it; `deprecated`: served, with a warning;
   * `unlisted`: neither list knows it (served, or unknown to this table).
   */
  readonly status: 'removed' | 'deprecated' | 'unlisted';
  /** The entry, when listed. */
  readonly api?: RemovedApi;
}

/** `1.16` → [1, 16]; anything else → undefined. */
function parseRelease(release: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(release);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Whether release `a` is `b` or later. */
function atLeast(a: [number, number], b: string): boolean {
  const r = parseRelease(b)!;
  return a[0] > r[0] || (a[0] === r[0] && a[1] >= r[1]);
}

/** `apps/v1beta2` → group `apps`, version `v1beta2`; `v1` → core group. */
function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/**
 * Whether kube-apiserver of `release` serves `kind` in `apiVersion`, as far as this table knows.
 *
 * @param apiVersion the manifest's `apiVersion`, e.g. `policy/v1beta1`
 * @param kind the manifest's `kind`, e.g. `PodSecurityPolicy`
 * @param release a Kubernetes release, `1.30` or `v1.30.2`
 * @returns `removed` at or after the removing release, `deprecated` between deprecation and
 * removal, else `unlisted`
 * @throws Error when `release` is not a `major.minor` release
 */
export function apiStatus(apiVersion: string, kind: string, release: string): ApiStatus {
  const at = parseRelease(release);
  if (!at) throw new Error(`not a Kubernetes release: ${JSON.stringify(release)} (expected e.g. "1.30")`);
  const { group, version } = splitApiVersion(apiVersion);
  const api = removedApi(group, version, kind);
  if (!api) return { status: 'unlisted' };
  if (atLeast(at, api.removedIn)) return { status: 'removed', api };
  if (atLeast(at, api.deprecatedIn)) return { status: 'deprecated', api };
  return { status: 'unlisted', api };
}

const SEVERITY: readonly Migration[] = ['apiVersion', 'rewrite', 'manual', 'none'];

/** Where a removed API leads at one release, after following successors that were removed too. */
export interface Resolution {
  /** The `apiVersion` to write for the same kind at that release; absent when nothing replaces it. */
  readonly apiVersion?: string;
  /** The hardest migration along the way (`none` when the chain ends without a served successor). */
  readonly migration: Migration;
  /** Every change along the way, in order. */
  readonly changes: readonly string[];
  /** Every note along the way (the last one says what to do when nothing replaces it). */
  readonly notes: readonly string[];
}

/**
 * The successor to use at `release`: follows `successor` while the next version of the same kind
 * is listed here and its own successor is served at `release` (flowcontrol v1beta1 → v1beta3 →
 * v1 from 1.29), and ends in `none` when the chain reaches a removed version without successor
 * (extensions/v1beta1 → policy/v1beta1 PodSecurityPolicy).
 *
 * @throws Error when `release` is not a `major.minor` release
 */
export function resolve(api: RemovedApi, release: string): Resolution {
  const at = parseRelease(release);
  if (!at) throw new Error(`not a Kubernetes release: ${JSON.stringify(release)} (expected e.g. "1.30")`);
  const changes: string[] = [];
  const notes: string[] = [];
  let migration: Migration = 'apiVersion';
  let current: RemovedApi | undefined = api;
  let apiVersion: string | undefined;
  while (current) {
    const hop: RemovedApi = current;
    changes.push(...hop.changes);
    if (hop.note !== undefined) notes.push(hop.note);
    if (SEVERITY.indexOf(hop.migration) > SEVERITY.indexOf(migration)) migration = hop.migration;
    apiVersion = hop.successor;
    if (apiVersion === undefined) return { migration: 'none', changes, notes };
    const { group, version } = splitApiVersion(apiVersion);
    const next = removedApi(group, version, hop.kind);
    const nextIsGone = next !== undefined && atLeast(at, next.removedIn);
    const newerServed = next?.successorSince !== undefined && atLeast(at, next.successorSince);
    current = next !== undefined && (nextIsGone || newerServed) ? next : undefined;
  }
  return { apiVersion, migration, changes, notes };
}

/**
 * The message kube-apiserver's deprecation warning and this table's removal error give, e.g.
 * `policy/v1beta1 PodSecurityPolicy is deprecated in v1.21+, unavailable in v1.25+; …`.
 */
export function removalMessage(api: RemovedApi): string {
  const gv = api.group ? `${api.group}/${api.version}` : api.version;
  const instead = api.successor ? `use ${api.successor} ${api.kind}` : api.note ?? 'there is no successor';
  return `${gv} ${api.kind} is deprecated in v${api.deprecatedIn}+, unavailable in v${api.removedIn}+; ${instead}`;
}

/** Where a deprecated key is read from in a pod template. */
export type DeprecatedKeyPlace =
  /** A key of `spec.template.metadata.annotations`. */
  | 'pod-annotation'
  /** A node label key in `nodeSelector`, node affinity `matchExpressions[*].key` (required and preferred) or `topologySpreadConstraints[*].topologyKey`. */
  | 'node-label';

/** A deprecated annotation or node label kube-apiserver warns about in a pod template. */
export interface DeprecatedKey {
  /** The key; with `prefix`, the part before the container name. */
  readonly key: string;
  /** Whether `key` is a prefix followed by a container name. */
  readonly prefix: boolean;
  readonly place: DeprecatedKeyPlace;
  /** The text after `<path>: ` in kube-apiserver's warning, as kubectl prints it. */
  readonly message: string;
  /** The release the message names (deprecated since, or non-functional from); absent when it names none. */
  readonly since?: string;
  /** The key or field to use instead; absent when nothing replaces it. */
  readonly replacement?: string;
  /**
   * When kube-apiserver warns: `always`, or only when the replacing field is not set
   * (the seccomp and AppArmor annotations are silent next to their field).
   */
  readonly when: 'always' | 'field-unset';
  /** Whether `migrate` can rewrite it without a decision (and what it writes). */
  readonly rewrite?: string;
  readonly source: string;
}

const WARNINGS = 'https://github.com/kubernetes/kubernetes/blob/v1.37.2/pkg/api/pod/warnings.go';
const NODE_LABELS = 'https://github.com/kubernetes/kubernetes/blob/v1.37.2/pkg/api/node/util.go';

/** Every deprecated pod-template annotation and node label kube-apiserver (v1.37.2) warns about. */
export const DEPRECATED_KEYS: readonly DeprecatedKey[] = [
  {
    key: 'scheduler.alpha.kubernetes.io/critical-pod',
    prefix: false,
    place: 'pod-annotation',
    when: 'always',
    since: '1.16',
    message: 'non-functional in v1.16+; use the "priorityClassName" field instead',
    replacement: 'spec.template.spec.priorityClassName',
    rewrite: 'drop the annotation and set `priorityClassName: system-node-critical` when none is set',
    source: WARNINGS,
  },
  {
    key: 'security.alpha.kubernetes.io/sysctls',
    prefix: false,
    place: 'pod-annotation',
    when: 'always',
    since: '1.11',
    message: 'non-functional in v1.11+; use the "sysctls" field instead',
    replacement: 'spec.template.spec.securityContext.sysctls',
    rewrite: 'each `name=value` of the comma-separated value becomes a `securityContext.sysctls` item',
    source: WARNINGS,
  },
  {
    key: 'security.alpha.kubernetes.io/unsafe-sysctls',
    prefix: false,
    place: 'pod-annotation',
    when: 'always',
    since: '1.11',
    message: 'non-functional in v1.11+; use the "sysctls" field instead',
    replacement: 'spec.template.spec.securityContext.sysctls',
    rewrite: 'each `name=value` of the comma-separated value becomes a `securityContext.sysctls` item',
    source: WARNINGS,
  },
  {
    key: 'seccomp.security.alpha.kubernetes.io/pod',
    prefix: false,
    place: 'pod-annotation',
    when: 'field-unset',
    since: '1.27',
    message: 'non-functional in v1.27+; use the "seccompProfile" field instead',
    replacement: 'spec.template.spec.securityContext.seccompProfile',
    rewrite: '`runtime/default` and `docker/default` → type RuntimeDefault, `unconfined` → Unconfined, `localhost/<path>` → Localhost with localhostProfile <path>',
    source: WARNINGS,
  },
  {
    key: 'container.seccomp.security.alpha.kubernetes.io/',
    prefix: true,
    place: 'pod-annotation',
    when: 'field-unset',
    since: '1.27',
    message: 'non-functional in v1.27+; use the "seccompProfile" field instead',
    replacement: 'containers[*].securityContext.seccompProfile',
    rewrite: 'as the pod annotation, on the named container',
    source: WARNINGS,
  },
  {
    key: 'container.apparmor.security.beta.kubernetes.io/',
    prefix: true,
    place: 'pod-annotation',
    when: 'field-unset',
    since: '1.30',
    message: 'deprecated since v1.30; use the "appArmorProfile" field instead',
    replacement: 'containers[*].securityContext.appArmorProfile',
    rewrite: '`runtime/default` → type RuntimeDefault, `unconfined` → Unconfined, `localhost/<profile>` → Localhost with localhostProfile <profile> (the field needs 1.30)',
    source: WARNINGS,
  },
  { key: 'beta.kubernetes.io/arch', prefix: false, place: 'node-label', when: 'always', since: '1.14', message: 'deprecated since v1.14; use "kubernetes.io/arch" instead', replacement: 'kubernetes.io/arch', rewrite: 'rename the key (the kubelet sets both labels)', source: NODE_LABELS },
  { key: 'beta.kubernetes.io/os', prefix: false, place: 'node-label', when: 'always', since: '1.14', message: 'deprecated since v1.14; use "kubernetes.io/os" instead', replacement: 'kubernetes.io/os', rewrite: 'rename the key (the kubelet sets both labels)', source: NODE_LABELS },
  { key: 'failure-domain.beta.kubernetes.io/region', prefix: false, place: 'node-label', when: 'always', since: '1.17', message: 'deprecated since v1.17; use "topology.kubernetes.io/region" instead', replacement: 'topology.kubernetes.io/region', rewrite: 'rename the key', source: NODE_LABELS },
  { key: 'failure-domain.beta.kubernetes.io/zone', prefix: false, place: 'node-label', when: 'always', since: '1.17', message: 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead', replacement: 'topology.kubernetes.io/zone', rewrite: 'rename the key', source: NODE_LABELS },
  { key: 'beta.kubernetes.io/instance-type', prefix: false, place: 'node-label', when: 'always', since: '1.17', message: 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead', replacement: 'node.kubernetes.io/instance-type', rewrite: 'rename the key', source: NODE_LABELS },
  { key: 'app.kubernetes.io/created-by', prefix: false, place: 'node-label', when: 'always', since: '1.9', message: 'deprecated since v1.9', source: NODE_LABELS },
  { key: 'scheduler.alpha.kubernetes.io/preferAvoidPods', prefix: false, place: 'node-label', when: 'always', since: '1.22', message: 'deprecated since v1.22; use Taints and Tolerations instead', source: NODE_LABELS },
  {
    key: 'node-role.kubernetes.io/master',
    prefix: false,
    place: 'node-label',
    when: 'always',
    message: 'use "node-role.kubernetes.io/control-plane" instead',
    replacement: 'node-role.kubernetes.io/control-plane',
    source: NODE_LABELS,
  },
];

/**
 * The deprecated annotation or node label `key` is, if any.
 *
 * @param key an annotation key of the pod template, or a node label key
 * @param place where the key was read
 * @returns the entry, or undefined when kube-apiserver does not warn about it
 */
export function deprecatedKey(key: string, place: DeprecatedKeyPlace): DeprecatedKey | undefined {
  return DEPRECATED_KEYS.find(d => d.place === place && (d.prefix ? key.startsWith(d.key) && key.length > d.key.length : key === d.key));
}
