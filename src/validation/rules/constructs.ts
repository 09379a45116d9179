import { RuleArea } from './rule';

export const CONSTRUCT_AREA = new RuleArea('constructs', 'src/validation/rules/constructs.ts');
const CSI = 'https://kubernetes-csi.github.io/docs/deploying.html#driver-volume-mounts';
const STABLE = 'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#required-fields';
const FLUENT_BIT_K8S = 'https://docs.fluentbit.io/manual/pipeline/filters/kubernetes';

/**
 * Checks a preset runs on its own synthesized objects, after any escape-hatch edit: what its
 * daemon needs beyond what the API server checks. Listed here so docs/rules.md names every rule
 * id a synth error can carry.
 */
export const SELECTOR_STABLE = CONSTRUCT_AREA.error('selector-stable', 'A preset\'s DaemonSet selector is no longer exactly `app.kubernetes.io/name` and `app.kubernetes.io/instance` (checked by every construct of the library): a selector is immutable, so a label that changes between versions blocks every later apply.', 'Do not edit the selector through the `daemonSet` escape hatch; add labels with `podMetadata`.', STABLE);
export const CSI_KUBELET_DIR_BIDIRECTIONAL = CONSTRUCT_AREA.error('csi-kubelet-dir-bidirectional', 'The CSI node plugin no longer mounts the kubelet `pods` and `plugins` directories from the host with `Bidirectional` propagation (CephCsiNodeDaemonSet): volumes it mounts would be invisible to the kubelet.', 'Set `kubeletDir` to the distribution\'s kubelet directory instead of editing the mounts.', CSI);
export const LOG_COLLECTOR_METADATA_RBAC = CONSTRUCT_AREA.error('log-collector-metadata-rbac', 'A log collector with Kubernetes metadata enrichment lacks the ClusterRole rules (get/list/watch on pods and namespaces) or the ServiceAccount token it needs (LogCollectorDaemonSet): records would ship without metadata.', 'Keep the generated ClusterRole and `automountServiceAccountToken`, or turn metadata enrichment off.', FLUENT_BIT_K8S);
