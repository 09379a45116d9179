import type { CheckedObject } from './pod-security';
import { RuleArea } from './rule';

const CSI = 'https://kubernetes-csi.github.io/docs/deploying.html#driver-volume-mounts';
const STABLE = 'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#required-fields';
const FLUENT_BIT_K8S = 'https://docs.fluentbit.io/manual/pipeline/filters/kubernetes';
const PSA = 'https://kubernetes.io/docs/concepts/security/pod-security-admission/';

/**
 * Checks the library's constructs run on their own synthesized objects, after any escape-hatch
 * edit: what their daemon needs beyond what the API server checks. Each construct adds the check
 * with its parameters (`addSynthCheck(daemon, stableSelectorCheck(labels))`).
 */
export const CONSTRUCT_AREA = new RuleArea('constructs', 'src/validation/rules/constructs.ts');
export const SELECTOR_STABLE = CONSTRUCT_AREA.error('selector-stable', 'A preset\'s DaemonSet selector is no longer exactly `app.kubernetes.io/name` and `app.kubernetes.io/instance` (checked by every construct of the library): a selector is immutable, so a label that changes between versions blocks every later apply.', 'Do not edit the selector through the `daemonSet` escape hatch; add labels with `podMetadata`.', STABLE);
export const CSI_KUBELET_DIR_BIDIRECTIONAL = CONSTRUCT_AREA.error('csi-kubelet-dir-bidirectional', 'The CSI node plugin no longer mounts the kubelet `pods` and `plugins` directories from the host with `Bidirectional` propagation (CephCsiNodeDaemonSet): volumes it mounts would be invisible to the kubelet.', 'Set `kubeletDir` to the distribution\'s kubelet directory instead of editing the mounts.', CSI);
export const LOG_COLLECTOR_METADATA_RBAC = CONSTRUCT_AREA.error('log-collector-metadata-rbac', 'A log collector with Kubernetes metadata enrichment lacks the ClusterRole rules (get/list/watch on pods and namespaces) or the ServiceAccount token it needs (LogCollectorDaemonSet): records would ship without metadata.', 'Keep the generated ClusterRole and `automountServiceAccountToken`, or turn metadata enrichment off.', FLUENT_BIT_K8S);
export const DAEMON_NAMESPACE_MISMATCH = CONSTRUCT_AREA.error('daemon-namespace-mismatch', 'A daemon added to a `DaemonNamespace` whose DaemonSet lands in another namespace: the Namespace would be labelled for pods it never holds.', 'Set the daemon\'s `metadata.namespace` (or its Chart\'s namespace) to the DaemonNamespace\'s name, or add it to the DaemonNamespace of its own namespace.', PSA);

/** The objects' checker for one kind: the first object of `kind`, if any. */
function first(objects: readonly CheckedObject[], kind: string): CheckedObject | undefined {
  return objects.find(o => o.manifest.kind === kind);
}

/**
 * The selector must stay exactly the stable labels after any escape-hatch edit: it is immutable,
 * so a label that changes between library or image versions blocks every later apply.
 */
export function stableSelectorCheck(stable: { [key: string]: string }): (objects: readonly CheckedObject[]) => void {
  return objects => {
    const ds = first(objects, 'DaemonSet');
    if (!ds) return;
    const selector = ds.manifest.spec?.selector ?? {};
    const actual: { [key: string]: string } = selector.matchLabels ?? {};
    const same = Object.keys(actual).length === Object.keys(stable).length
      && Object.entries(stable).every(([k, v]) => actual[k] === v)
      && (selector.matchExpressions ?? []).length === 0;
    if (!same) {
      ds.ctx.invalid(SELECTOR_STABLE, 'spec.selector', selector, `differs from the stable selector ${JSON.stringify({ matchLabels: stable })}: `
        + 'a DaemonSet selector is immutable, so a label that changes between versions (a version, a chart, a construct path) blocks every later apply');
    }
  };
}

/** Each of `paths` must stay mounted from the same host path with `Bidirectional` propagation in the daemon container; `reason` says why. */
export function bidirectionalMountsCheck(paths: string[], reason: string): (objects: readonly CheckedObject[]) => void {
  return objects => {
    const ds = first(objects, 'DaemonSet');
    if (!ds) return;
    const pod = ds.manifest.spec?.template?.spec ?? {};
    const mounts: any[] = (pod.containers ?? [])[0]?.volumeMounts ?? [];
    const volumes: any[] = pod.volumes ?? [];
    for (const path of paths) {
      const i = mounts.findIndex(m => m.mountPath === path);
      const mount = mounts[i];
      if (!mount || volumes.find(v => v.name === mount.name)?.hostPath?.path !== path) {
        ds.ctx.report(CSI_KUBELET_DIR_BIDIRECTIONAL, 'spec.template.spec.containers[0].volumeMounts',
          `Required value: ${path} must be mounted from the host path ${path} with mountPropagation Bidirectional: ${reason}`);
      } else if (mount.mountPropagation !== 'Bidirectional') {
        ds.ctx.invalid(CSI_KUBELET_DIR_BIDIRECTIONAL, `spec.template.spec.containers[0].volumeMounts[${i}].mountPropagation`, mount.mountPropagation ?? 'None',
          `must be Bidirectional for ${path}: ${reason}`);
      }
    }
  };
}

/** An RBAC rule, as the log collector needs it. */
interface Grant {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
}

/** The (possibly patched) ClusterRole must still grant what the metadata filter reads, and the token must be mounted. */
export function metadataGrantsCheck(needed: Grant[]): (objects: readonly CheckedObject[]) => void {
  return objects => {
    const role = first(objects, 'ClusterRole');
    const ds = first(objects, 'DaemonSet');
    if (!ds) return;
    const granted = (group: string, resource: string, verb: string) => (role?.manifest.rules ?? []).some((r: any) =>
      (r.apiGroups ?? []).some((g: string) => g === group || g === '*')
      && (r.resources ?? []).some((x: string) => x === resource || x === '*')
      && (r.verbs ?? []).some((v: string) => v === verb || v === '*'));
    for (const rule of needed) {
      for (const resource of rule.resources) {
        const missing = rule.verbs.filter(v => !granted(rule.apiGroups[0], resource, v));
        if (missing.length === 0) continue;
        const where = role ?? ds;
        where.ctx.report(LOG_COLLECTOR_METADATA_RBAC, role ? 'rules' : 'spec.template.spec.serviceAccountName',
          `Required value: Kubernetes metadata enrichment needs ${missing.join(', ')} on ${resource}, which the ClusterRole ${role?.manifest.metadata?.name ?? '(none)'} does not grant: records would ship without metadata`);
      }
    }
    if (ds.manifest.spec?.template?.spec?.automountServiceAccountToken !== true) {
      ds.ctx.invalid(LOG_COLLECTOR_METADATA_RBAC, 'spec.template.spec.automountServiceAccountToken', ds.manifest.spec?.template?.spec?.automountServiceAccountToken ?? null,
        'Kubernetes metadata enrichment needs the ServiceAccount token, but automountServiceAccountToken is not true');
    }
  };
}

/** Each daemon of a `DaemonNamespace` must run in its namespace; `daemons` gives each one's construct path and the namespace its DaemonSet lands in. */
export function daemonNamespaceCheck(
  name: string, daemons: () => Array<{ path: string; namespace?: string }>,
): (objects: readonly CheckedObject[]) => void {
  return objects => {
    const ns = first(objects, 'Namespace');
    if (!ns) return;
    for (const d of daemons()) {
      if (d.namespace === name) continue;
      ns.ctx.invalid(DAEMON_NAMESPACE_MISMATCH, 'metadata.name', name, `daemon ${d.path} runs in namespace ${JSON.stringify(d.namespace ?? null)}, not in ${name}`);
    }
  };
}
