import { Ctx, list, map, show } from './context';
import { checkHostNetworkDns } from './dns';
import { checkMonitoring } from './monitoring';
import { checkHostPortConflicts } from './ports';
import { RuleArea, SRC } from './rule';
import { SERVICE_ACCOUNT_TOKEN_AUTOMOUNT } from './scheduling';
import { selectorMatches } from './selector';
import { PodSecurityLevel, podSecurityLevelAdmits, podSecurityLevelOf } from '../../security';

export const POD_SECURITY_AREA = new RuleArea('pod security and cross-object', 'src/validation/rules/pod-security.ts');
export const NAMESPACE_POD_SECURITY_LABEL = POD_SECURITY_AREA.error('namespace-pod-security-label', 'A Namespace `pod-security.kubernetes.io/{enforce,audit,warn}` label that is not privileged, baseline or restricted (lowercase, no spaces), or a `-version` label that is not `latest` or `v1.N`: Pod Security admission refuses the Namespace on create and update (an existing namespace with such a label enforces restricted).', 'Use one of the three levels, and `latest` or `v1.N` for the version.', SRC.PSA_LABELS);
export const NAMESPACE_POD_SECURITY = POD_SECURITY_AREA.warning('namespace-pod-security', 'The pod needs a higher Pod Security level than its Namespace\'s `pod-security.kubernetes.io/enforce` label: the DaemonSet is accepted, but every pod is refused (FailedCreate).', 'Label the namespace with the level the message names (`NodeDaemonSet.podSecurityLevel`), or drop the host access that needs it.', SRC.PSS, { rolloutFailure: true, limits: 'Reads a Namespace among the validated objects only; the labels of a namespace that exists in the cluster are not known.' });
export const SERVICE_ACCOUNT_MISSING = POD_SECURITY_AREA.warning('service-account-missing', 'The pod names a ServiceAccount that none of the validated objects defines.', 'Ship the ServiceAccount with the DaemonSet (the construct does by default).', SRC.RBAC, { linterIds: ['kube-linter:non-existent-service-account'], limits: 'Only the validated objects count: a ServiceAccount created outside them is reported.' });
export const ENV_REFERENCE_MISSING = POD_SECURITY_AREA.warning('env-reference-missing', 'env/envFrom/volume refers to a ConfigMap or Secret that none of the validated objects defines.', 'Ship the ConfigMap/Secret in the same App; for one created outside it (`kubectl create secret`), acknowledge the warning with the `acknowledgedWarnings` prop; or mark the reference `optional: true`.', SRC.CORE, { linterIds: ['kube-linter:env-value-from'], limits: 'Only the validated objects count: a ConfigMap or Secret created outside them (`kubectl create secret`) is reported.' });
export const DUPLICATE_OBJECT = POD_SECURITY_AREA.warning('duplicate-object', 'Two objects of the same kind, API group, namespace and name in one set (the same file named twice, two `DaemonNamespace`s of one name): `kubectl apply` applies the later one over the earlier, so only one of them takes effect.', 'Keep one of them; give the other its own name.', 'https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/');
export const SERVICE_SELECTS_NOTHING = POD_SECURITY_AREA.warning('service-selects-nothing', 'A Service whose selector matches the pod labels of no workload among the validated objects (DaemonSet, Deployment, StatefulSet, ReplicaSet, ReplicationController, Job, CronJob, Pod) although it belongs to a DaemonSet of them: same namespace, and the DaemonSet\'s name, or labels of its own that the DaemonSet carries too; or a Service that selects a DaemonSet\'s pods from another namespace. A Service for pods deployed outside the objects is not reported.', 'Use the DaemonSet\'s selector labels (`NodeDaemonSet.selectorLabels`).', SRC.LABELS, { linterIds: ['kube-linter:dangling-service', 'kube-score:service-targets-pod'], limits: 'A Service meant for a DaemonSet but neither named nor labelled like it is not reported; neither is a Service for pods created outside the objects, even a mistyped one.' });

const ENFORCE = 'pod-security.kubernetes.io/enforce';
const LEVELS = Object.values(PodSecurityLevel) as string[];
const MODES = ['enforce', 'audit', 'warn'];
const PSA_VERSION = /^(latest|v1\.(0|[1-9][0-9]*))$/;

/** The Pod Security admission labels of a Namespace, as admission parses them (`api.PolicyToEvaluate`). */
export function checkNamespaceLabels(ctx: Ctx, ns: any): void {
  const labels = map(ns.metadata?.labels);
  for (const mode of MODES) {
    const key = `pod-security.kubernetes.io/${mode}`;
    if (key in labels && !LEVELS.includes(labels[key])) {
      ctx.invalid(NAMESPACE_POD_SECURITY_LABEL, `metadata.labels[${key}]`, labels[key], `must be one of ${LEVELS.slice().reverse().join(', ')}`);
    }
    if (`${key}-version` in labels && !(typeof labels[`${key}-version`] === 'string' && PSA_VERSION.test(labels[`${key}-version`]))) {
      ctx.invalid(NAMESPACE_POD_SECURITY_LABEL, `metadata.labels[${key}-version]`, labels[`${key}-version`], 'must be "latest" or "v1.x"');
    }
  }
}

function keyOf(kind: string, namespace: unknown, name: unknown): string {
  return `${kind}/${namespace ?? 'default'}/${name}`;
}

/** Kinds without a namespace: their `metadata.namespace` is ignored, so it does not tell two of them apart. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass', 'StorageClass', 'CSIDriver',
  'RuntimeClass', 'IngressClass', 'CustomResourceDefinition', 'APIService', 'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
]);

/** What makes two manifests the same object for `kubectl apply`: API group (not version), kind, namespace, name. */
function identity(m: any): string | undefined {
  const name = m.metadata?.name;
  if (typeof name !== 'string' || name === '') return undefined;
  const apiVersion = String(m.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const namespace = CLUSTER_SCOPED.has(m.kind) ? '' : m.metadata?.namespace || 'default';
  return JSON.stringify([group, m.kind, namespace, name]);
}

/** An object being validated, and where its findings go. */
export interface CheckedObject {
  readonly manifest: any;
  readonly ctx: Ctx;
  /** Only referred to (an object of the App the library did not make): see `ValidationInput.contextOnly`. */
  readonly contextOnly?: boolean;
}

/** Checks that need the other objects of the same set (an App, or a multi-document YAML). */
export function checkCrossObject(objects: readonly CheckedObject[]): void {
  const defined = new Set<string>();
  const namespaces = new Map<string, any>();
  const seen = new Map<string, number>();
  objects.forEach(({ manifest: m, ctx, contextOnly }, i) => {
    defined.add(keyOf(m.kind, m.metadata?.namespace, m.metadata?.name));
    if (m.kind === 'Namespace') namespaces.set(m.metadata?.name, m);
    const id = identity(m);
    if (id === undefined) return;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, i);
    } else if (!contextOnly) {
      ctx.report(DUPLICATE_OBJECT, 'metadata.name', `the same object (API group, kind, namespace and name) as ${objects[first].ctx.resource}, earlier in the set: kubectl apply would apply this one over the earlier one`);
    }
  });
  const daemonSets = objects.filter(o => o.manifest.kind === 'DaemonSet');
  const workloads = daemonSets.map(o => o.manifest);
  checkHostPortConflicts(daemonSets);
  const serviceAccounts = new Map(objects.filter(o => o.manifest.kind === 'ServiceAccount').map(o => [keyOf('ServiceAccount', o.manifest.metadata?.namespace, o.manifest.metadata?.name), o.manifest]));
  const bound = boundServiceAccounts(objects.map(o => o.manifest));
  // ConfigMaps and Secrets by `ns/Kind/name`, read only for a hostNetwork daemon that asks (most never do).
  const configs = new Map(objects.filter(o => o.manifest.kind === 'ConfigMap' || o.manifest.kind === 'Secret')
    .map(({ manifest: m }) => [`${m.metadata?.namespace ?? 'default'}/${m.kind}/${m.metadata?.name}`, m]));
  for (const { manifest: ds, ctx } of daemonSets.filter(o => !o.contextOnly)) {
    const ns = ds.metadata?.namespace ?? 'default';
    const pod = map(ds.spec?.template?.spec);
    checkNamespaceLevel(ctx, namespaces.get(ns), pod);
    const sa = pod.serviceAccountName ?? pod.serviceAccount;
    if (sa && sa !== 'default' && !defined.has(keyOf('ServiceAccount', ns, sa))) {
      ctx.report(SERVICE_ACCOUNT_MISSING, 'spec.template.spec.serviceAccountName', `ServiceAccount ${ns}/${sa} is not among the objects`);
    }
    checkReferences(ctx, pod, ns, defined);
    checkTokenAutomount(ctx, pod, ns, serviceAccounts, bound);
    checkHostNetworkDns(ctx, pod, 'spec.template.spec', ref => {
      const config = configs.get(`${ns}/${ref}`);
      return config && configText(config);
    });
  }
  // Made for the first Service with a selector: most sets have none.
  let podLabels: Map<string, Array<{ [k: string]: any }>> | undefined;
  for (const { manifest: svc, ctx } of objects.filter(o => o.manifest.kind === 'Service' && !o.contextOnly)) {
    const selector = map(svc.spec?.selector);
    const first = Object.entries(selector)[0];
    if (!first) continue;
    const ns = svc.metadata?.namespace ?? 'default';
    podLabels ??= podLabelIndex(objects);
    const candidates = podLabels.get(JSON.stringify([ns, ...first])) ?? [];
    const hit = candidates.some(labels => selectorMatches({ matchLabels: selector }, labels));
    if (hit) continue;
    // A Service selects pods of its own namespace only: the daemon's pod labels in another one are a misplaced Service.
    const elsewhere = workloads.find(ds => (ds.metadata?.namespace ?? 'default') !== ns && selectorMatches({ matchLabels: selector }, map(ds.spec?.template?.metadata?.labels)));
    const daemon = workloads.find(ds => (ds.metadata?.namespace ?? 'default') === ns && servesDaemon(svc, ds));
    if (elsewhere) ctx.report(SERVICE_SELECTS_NOTHING, 'spec.selector', `selects the pods of DaemonSet ${elsewhere.metadata?.namespace ?? 'default'}/${elsewhere.metadata?.name}, but a Service selects pods of its own namespace (${ns}) only`);
    else if (daemon) ctx.report(SERVICE_SELECTS_NOTHING, 'spec.selector', `matches no pod among the objects, but belongs to DaemonSet ${daemon.metadata?.name}: use its pod labels`);
  }
  checkMonitoring(objects);
}

/**
 * Pod label sets by namespace and label: a Service looks only at the pods carrying one of its
 * selector's labels, so an App of N daemons, each with its Service, is not N × N comparisons.
 */
function podLabelIndex(objects: readonly CheckedObject[]): Map<string, Array<{ [k: string]: any }>> {
  const podLabels = new Map<string, Array<{ [k: string]: any }>>();
  for (const w of objects.map(o => o.manifest)) {
    const labels = podTemplateLabels(w);
    if (labels === undefined) continue;
    for (const [k, v] of Object.entries(labels)) {
      const key = JSON.stringify([w.metadata?.namespace ?? 'default', k, v]);
      const pods = podLabels.get(key);
      if (pods) pods.push(labels);
      else podLabels.set(key, [labels]);
    }
  }
  return podLabels;
}

/** The pod template labels of a workload (`undefined` for other kinds); a Pod's own labels. */
function podTemplateLabels(m: any): { [k: string]: any } | undefined {
  switch (m.kind) {
    case 'DaemonSet': case 'Deployment': case 'StatefulSet': case 'ReplicaSet': case 'ReplicationController': case 'Job':
      return map(m.spec?.template?.metadata?.labels);
    case 'CronJob': return map(m.spec?.jobTemplate?.spec?.template?.metadata?.labels);
    case 'Pod': return map(m.metadata?.labels);
    default: return undefined;
  }
}

/**
 * Whether a Service that selects no pod of the set was meant for this DaemonSet's pods: it has
 * the DaemonSet's name, or labels of its own that the DaemonSet carries too (a chart labels both
 * alike). A Service for pods deployed outside the set (a node-local DNS cache's
 * `kube-dns-upstream`, labelled for CoreDNS) is neither, even where its selector shares a key
 * with the daemon's pod labels.
 */
function servesDaemon(svc: any, ds: any): boolean {
  if (svc.metadata?.name === ds.metadata?.name) return true;
  const own = Object.entries(map(svc.metadata?.labels));
  const theirs = { ...map(ds.spec?.template?.metadata?.labels), ...map(ds.metadata?.labels) };
  return own.length > 0 && own.every(([k, v]) => theirs[k] === v);
}

/** The values of a ConfigMap or Secret, one per line (a Secret's `data` decoded from base64). */
function configText(m: any): string {
  const values = [...Object.values(map(m.data)), ...Object.values(map(m.stringData))].map(v => String(v));
  const decoded = m.kind === 'Secret' ? Object.values(map(m.data)).map(v => Buffer.from(String(v), 'base64').toString('utf8')) : [];
  return [...values, ...decoded].join('\n');
}

/**
 * The ServiceAccounts the RoleBindings and ClusterRoleBindings of the set grant something to, as
 * `ServiceAccount/ns/name` keys, and `ns` for a binding to a namespace's `system:serviceaccounts:ns` group
 * (`*` for `system:serviceaccounts`). A RoleBinding's subject without a namespace is in the binding's
 * (the authorizer's `appliesToUser`).
 */
function boundServiceAccounts(manifests: readonly any[]): Set<string> {
  const bound = new Set<string>();
  for (const m of manifests.filter(x => x.kind === 'RoleBinding' || x.kind === 'ClusterRoleBinding')) {
    for (const s of list(m.subjects).map(map)) {
      if (s.kind === 'ServiceAccount') bound.add(keyOf('ServiceAccount', s.namespace || (m.kind === 'RoleBinding' ? m.metadata?.namespace : undefined), s.name));
      else if (s.kind === 'Group' && s.name === 'system:serviceaccounts') bound.add('*');
      else if (s.kind === 'Group' && String(s.name).startsWith('system:serviceaccounts:')) bound.add(String(s.name).slice('system:serviceaccounts:'.length));
    }
  }
  return bound;
}

/**
 * The API token mounted into a pod that may not need it: not when the pod decides
 * (`automountServiceAccountToken` set), when its ServiceAccount turns automount off, or when a
 * binding of the set grants the ServiceAccount something, so the daemon calls the API.
 */
function checkTokenAutomount(ctx: Ctx, pod: any, ns: string, serviceAccounts: Map<string, any>, bound: Set<string>): void {
  if (pod.automountServiceAccountToken !== undefined && pod.automountServiceAccountToken !== null) return;
  const key = keyOf('ServiceAccount', ns, pod.serviceAccountName || pod.serviceAccount || 'default');
  if (serviceAccounts.get(key)?.automountServiceAccountToken === false) return;
  if (bound.has(key) || bound.has(ns) || bound.has('*')) return;
  ctx.report(SERVICE_ACCOUNT_TOKEN_AUTOMOUNT, 'spec.template.spec.automountServiceAccountToken', 'the API token is mounted, and no RoleBinding or ClusterRoleBinding among the objects grants its ServiceAccount anything');
}

function checkNamespaceLevel(ctx: Ctx, namespace: any, pod: any): void {
  const labels = map(namespace?.metadata?.labels);
  if (!namespace || !(ENFORCE in labels)) return;
  // Admission evaluates a label it cannot parse as restricted (`api.ParseLevel`).
  const valid = LEVELS.includes(labels[ENFORCE]);
  const enforce = valid ? labels[ENFORCE] as PodSecurityLevel : PodSecurityLevel.RESTRICTED;
  const required = podSecurityLevelOf(pod, policyMinor(labels, ctx.release.minor));
  if (!podSecurityLevelAdmits(enforce, required)) {
    const enforces = valid ? `enforces "${enforce}"` : `has the invalid label ${ENFORCE}=${show(labels[ENFORCE])}, so it enforces "restricted"`;
    ctx.report(NAMESPACE_POD_SECURITY, 'spec.template.spec', `the pods need Pod Security level "${required}" but namespace ${namespace.metadata.name} ${enforces}: label it ${ENFORCE}=${required}`);
  }
}

/** The minor of the namespace's `enforce-version` label, `latest` (or none) being the cluster's release. */
function policyMinor(labels: { [k: string]: any }, release: number): number {
  const m = /^v1\.(\d+)$/.exec(String(labels[`${ENFORCE}-version`]));
  return m ? Math.min(Number(m[1]), release) : release;
}

function checkReferences(ctx: Ctx, pod: any, ns: string, defined: Set<string>): void {
  const P = 'spec.template.spec';
  const missing = (kind: string, ref: any, path: string) => {
    const name = ref?.name ?? ref?.secretName;
    if (name && ref?.optional !== true && !defined.has(keyOf(kind, ns, name))) ctx.report(ENV_REFERENCE_MISSING, path, `${kind} ${ns}/${name} is not among the objects`);
  };
  for (const field of ['containers', 'initContainers']) {
    list(pod[field]).forEach((c, i) => {
      const cp = `${P}.${field}[${i}]`;
      list(c?.env).forEach((e, j) => {
        missing('ConfigMap', e?.valueFrom?.configMapKeyRef, `${cp}.env[${j}].valueFrom.configMapKeyRef.name`);
        missing('Secret', e?.valueFrom?.secretKeyRef, `${cp}.env[${j}].valueFrom.secretKeyRef.name`);
      });
      list(c?.envFrom).forEach((e, j) => {
        missing('ConfigMap', e?.configMapRef, `${cp}.envFrom[${j}].configMapRef.name`);
        missing('Secret', e?.secretRef, `${cp}.envFrom[${j}].secretRef.name`);
      });
    });
  }
  list(pod.volumes).forEach((v, i) => {
    missing('ConfigMap', v?.configMap, `${P}.volumes[${i}].configMap.name`);
    missing('Secret', v?.secret, `${P}.volumes[${i}].secret.secretName`);
  });
}
