import { KubernetesRelease } from '../kubernetes-version';
import { apiStatus, deprecatedKey, RemovedApi, resolve } from '../removed-apis';
import { Ctx, list, map } from './context';
import { RuleArea, SRC } from './rule';

export const API_AREA = new RuleArea('API versions and deprecations', 'src/validation/rules/apis.ts');
export const API_VERSION_REMOVED = API_AREA.error('api-version-removed', 'A group/version/kind the target Kubernetes release no longer serves (57 of them: `extensions/v1beta1` DaemonSets and Deployments, RBAC `v1beta1`, `policy/v1beta1` PodSecurityPolicy, `apiextensions.k8s.io/v1beta1` CRDs…): kubectl answers `no matches for kind`. The message names the release that removed it and the successor; PodSecurityPolicy has none.', 'Move to the successor the message names (`cdk8s-daemonsets migrate` rewrites the mechanical ones); for PodSecurityPolicy, label the namespace for Pod Security admission.', SRC.DEPRECATIONS, { linterIds: ['kube-linter:no-extensions-v1beta', 'kube-score:stable-version'] });
export const API_VERSION_DEPRECATED = API_AREA.warning('api-version-deprecated', 'A group/version/kind the target release has deprecated but not yet removed: kube-apiserver answers with the warning kubectl prints (`… is deprecated in v1.26+, unavailable in v1.29+; use …`); for a beta added after 1.24 (ValidatingAdmissionPolicy, SelfSubjectReview, IPAddress, ServiceCIDR, VolumeAttributesClass v1beta1) the message adds that it is off by default.', 'Move to the successor the message names before upgrading to the release that removes it.', SRC.DEPRECATIONS);
export const DEPRECATED_ANNOTATION = API_AREA.warning('deprecated-annotation', 'A pod template annotation kube-apiserver warns about: `scheduler.alpha.kubernetes.io/critical-pod` and the sysctl annotations (non-functional), the seccomp annotations (non-functional from 1.27) and the AppArmor annotations (deprecated from 1.30), the latter two only without their field. The message is kubectl\'s warning.', 'Use the field the message names (`priorityClassName`, `securityContext.sysctls`, `seccompProfile`, `appArmorProfile`) and drop the annotation.', SRC.WARNINGS);
export const DEPRECATED_NODE_LABEL = API_AREA.warning('deprecated-node-label', 'A deprecated node label in `nodeSelector`, node affinity or a topology spread constraint (`beta.kubernetes.io/os`, `beta.kubernetes.io/arch`, `failure-domain.beta.kubernetes.io/zone`…): kube-apiserver warns, and the label may go from nodes.', 'Use the label the message names (`cdk8s-daemonsets migrate` renames the keys).', SRC.WARNINGS);

/** `apps/v1beta2 Deployment` at the target release: `removed` (an error), `deprecated` (a warning) or neither. */
export function checkApiVersion(ctx: Ctx, manifest: any): 'removed' | 'deprecated' | 'unlisted' {
  const { status, api } = apiStatus(String(manifest.apiVersion), String(manifest.kind), ctx.release.version);
  if (status === 'removed') {
    ctx.invalid(API_VERSION_REMOVED, 'apiVersion', manifest.apiVersion, removedMessage(api!, ctx.release));
  } else if (status === 'deprecated') {
    ctx.report(API_VERSION_DEPRECATED, 'apiVersion', deprecatedMessage(api!));
  }
  return status;
}

/** kube-apiserver's deprecation warning (`k8s.io/apiserver` `deprecation.WarningMessage`). */
function deprecatedMessage(api: RemovedApi): string {
  const gv = api.group ? `${api.group}/${api.version}` : api.version;
  const text = `${gv} ${api.kind} is deprecated in v${api.deprecatedIn}+, unavailable in v${api.removedIn}+${api.successor ? `; use ${api.successor} ${api.kind}` : ''}`;
  return api.servedByDefault ? text : `${text} (and off by default: kube-apiserver serves this beta only when --runtime-config enables it)`;
}

function removedMessage(api: RemovedApi, release: KubernetesRelease): string {
  const resolution = resolve(api, release.version);
  const head = `no matches for kind "${api.kind}" in version "${api.group ? `${api.group}/${api.version}` : api.version}": removed in Kubernetes ${api.removedIn}`;
  if (resolution.apiVersion === undefined) {
    return `${head}, with no successor API: ${resolution.notes[resolution.notes.length - 1] ?? 'drop the object'}`;
  }
  const use = `${head}; use ${resolution.apiVersion}`;
  if (resolution.migration === 'apiVersion' || api.kind === 'DaemonSet') return `${use} (\`cdk8s-daemonsets migrate\` converts it)`;
  return `${use}, which also changes: ${resolution.changes.join('; ')}`;
}

/** The deprecated pod template annotations and node labels of a workload, with kube-apiserver's warnings (`pkg/api/pod/warnings.go`). */
export function checkDeprecatedKeys(ctx: Ctx, template: any, path: string): void {
  const given = map(template.metadata).annotations;
  const annotations = map(given);
  const pod = map(template.spec);
  const annotation = (key: string, message: string) => ctx.report(DEPRECATED_ANNOTATION, `${path}.metadata.annotations[${key}]`, message);
  for (const key of Object.keys(annotations)) {
    const d = deprecatedKey(key, 'pod-annotation');
    // The per-container annotations are read per container below; the pod seccomp annotation only without the field.
    if (d === undefined || d.prefix || (d.when === 'field-unset' && map(pod.securityContext).seccompProfile !== undefined)) continue;
    annotation(key, d.message);
  }
  const podAppArmor = map(pod.securityContext).appArmorProfile;
  // A template without annotations (most of them) has none for its containers: no key to make and look up per container.
  const containers = annotations === given ? [...list(pod.initContainers), ...list(pod.containers)] : [];
  for (const c of containers.map(map)) {
    const sc = map(c.securityContext);
    const seccomp = `${SECCOMP_PREFIX}${c.name}`;
    if (seccomp in annotations && sc.seccompProfile === undefined) annotation(seccomp, deprecatedKey(seccomp, 'pod-annotation')!.message);
    // Before 1.30 the annotation is the only way to set a profile: no warning there.
    const appArmor = `${APPARMOR_PREFIX}${c.name}`;
    if (ctx.release.minor >= 30 && appArmor in annotations && sc.appArmorProfile === undefined && !sameProfile(podAppArmor, annotations[appArmor])) {
      annotation(appArmor, deprecatedKey(appArmor, 'pod-annotation')!.message);
    }
  }
  const P = `${path}.spec`;
  for (const key of Object.keys(map(pod.nodeSelector))) {
    const d = deprecatedKey(key, 'node-label');
    if (d) ctx.report(DEPRECATED_NODE_LABEL, `${P}.nodeSelector[${key}]`, d.message);
  }
  const nodeAffinity = map(map(pod.affinity).nodeAffinity);
  const terms = [
    ...list(map(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms)
      .map((t, i) => [t, `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`]),
    ...list(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution)
      .map((t, i) => [map(t).preference, `${P}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}].preference`]),
  ] as Array<[any, string]>;
  for (const [term, at] of terms) {
    list(map(term).matchExpressions).forEach((e, j) => nodeLabel(ctx, map(e).key, `${at}.matchExpressions[${j}].key`));
  }
  list(pod.topologySpreadConstraints).forEach((c, i) => nodeLabel(ctx, map(c).topologyKey, `${P}.topologySpreadConstraints[${i}].topologyKey`));
}

function nodeLabel(ctx: Ctx, key: unknown, path: string): void {
  const d = typeof key === 'string' ? deprecatedKey(key, 'node-label') : undefined;
  if (d) ctx.report(DEPRECATED_NODE_LABEL, path, `${key} is ${d.message}`);
}

const SECCOMP_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Whether the pod's `appArmorProfile` field is what the annotation value says (kube-apiserver is then silent). */
function sameProfile(field: any, annotation: unknown): boolean {
  if (field === undefined || field === null || typeof annotation !== 'string') return false;
  const f = map(field);
  if (annotation === 'runtime/default') return f.type === 'RuntimeDefault' && f.localhostProfile === undefined;
  if (annotation === 'unconfined') return f.type === 'Unconfined' && f.localhostProfile === undefined;
  return annotation.startsWith('localhost/') && f.type === 'Localhost' && f.localhostProfile === annotation.slice('localhost/'.length);
}
