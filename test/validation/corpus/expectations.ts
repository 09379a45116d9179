/**
 * The review of every warning the validator gives on the precision corpus (issue 10 item 5):
 * for each fixture, each warning it reports today with a verdict a senior reviewer would give,
 * and the warnings it should report once PLAN.md is applied.
 *
 * - `right`: advice worth acting on for that daemon. It must stay.
 * - `noise`: true, but a duplicate or a per-field repetition of another finding. It goes.
 * - `wrong`: false, or advice that would break the daemon if followed. It goes.
 *
 * `test/validation/corpus.test.ts` asserts that the validator reports exactly the reviewed
 * warnings (so a new warning on the corpus needs a review here), and, as `test.failing` until
 * PLAN.md's item lands, that each noise or wrong warning is gone and each wanted one is there.
 * When an item lands, its failing tests start to fail: move its entries here (drop the noise
 * and wrong ones, turn the wanted ones into reviewed `right` ones) and they pass again.
 *
 * Paths are the findings' paths with `spec.template.spec.` left out.
 */

/** A PLAN.md item: the change that removes a noise or wrong warning, or adds a wanted one. */
export type PlanItem =
  | 'tolerations-by-effect'
  | 'windows-paths'
  | 'windows-linux-advice'
  | 'services-any-workload'
  | 'rbac-api-groups'
  | 'env-secret-paths'
  | 'probe-host-loopback'
  | 'os-selector-beta'
  | 'automount-bound'
  | 'host-access-aggregate'
  | 'privileged-no-seccomp-caps'
  | 'dns-bootstrap'
  | 'dns-needs-cluster-names'
  | 'one-readiness-finding'
  | 'seccomp-once-per-pod'
  | 'probe-port-once'
  | 'shell-powershell'
  | 'branch-tags'
  | 'run-socket-dir'
  | 'deprecations';

export type Verdict = 'right' | 'noise' | 'wrong';

/** Warnings of one rule, one verdict and one reason, at the paths listed. */
export interface Reviewed {
  readonly rule: string;
  /** The object's kind when the warning is not on the DaemonSet (a Service, a Role). */
  readonly kind?: string;
  readonly verdict: Verdict;
  /** The PLAN.md item that removes it; set on every noise and wrong entry. */
  readonly plan?: PlanItem;
  /** Why, in one line. */
  readonly reason: string;
  /** The finding paths, one warning each. */
  readonly at: readonly string[];
}

/** Warnings the validator does not give today but should once a PLAN.md item lands. */
export interface Wanted {
  readonly rule: string;
  readonly count: number;
  readonly plan: PlanItem;
  readonly reason: string;
}

export interface FixtureReview {
  /** The file under test/validation/corpus/. */
  readonly file: string;
  /** What real daemon it is shaped like. */
  readonly shape: string;
  readonly reviewed: readonly Reviewed[];
  readonly wanted: readonly Wanted[];
}

/**
 * Median warnings per fixture (the DaemonSet and its companions) today: PLAN.md's 15.5, plus the
 * `deprecations` item's warnings (deprecated annotations and node labels), which are right.
 */
export const TODAY_MEDIAN = 16;

/** The issue's target for the median, by default options. */
export const TARGET_MEDIAN = 8;

/** Reasons shared by several fixtures. */
const R = {
  deprecatedAnnotation: 'kube-apiserver v1.37.2 sends this warning (oracle), and kubectl prints it: the annotation does nothing, the field does',
  deprecatedNodeLabel: 'kube-apiserver v1.37.2 sends this warning (oracle): use kubernetes.io/os and kubernetes.io/arch, which the kubelet sets too (`migrate` renames them)',
  perMountHostPath: 'per-mount repetition: the node paths the daemon needs belong in one host-access finding per DaemonSet (detail kept in JSON)',
  perMountWritable: 'per-mount repetition: which host paths are writable belongs in the host-access list',
  noMemoryRequest: 'no memory request: the daemon\'s cost on every node is unaccounted',
  noMemoryLimit: 'no memory limit on a daemon that runs on every node',
  seccompUnprivileged: 'unprivileged Linux container and no pod-level profile: RuntimeDefault costs nothing',
  perCapability: 'one per capability: the host-access finding lists the added capabilities per container',
  dropAll: 'unprivileged container keeps the default capability set: drop ALL, add back what it needs',
  noEscalation: 'nothing here needs setuid: allowPrivilegeEscalation: false',
  rootForHostAccess: 'root is what reads the node files and devices this container mounts: listed with its host access',
  readOnlyRoot: 'writes only to its volumes: a read-only root filesystem is free hardening',
  privilegedSeccomp: 'privileged container: the runtime applies no seccomp filter to it, the advice changes nothing',
  perPrivilegedContainer: 'per-container: the host-access finding lists the privileged containers',
  privilegedDrop: 'privileged container: it holds every capability whatever drop says',
  privilegedReadOnlyRoot: 'privileged container: it can remount / read-write, readOnlyRootFilesystem protects nothing',
  redundantToleration: 'identical (key, operator, effect) to a toleration the DaemonSet controller adds: redundant',
  bootstrapDns: 'network bootstrap daemon (mounts /etc/cni/net.d, /opt/cni/bin or /run/xtables.lock): ClusterFirstWithHostNet makes it depend on cluster DNS, which needs it running first',
  perHostNamespace: 'per-field: the host-access finding lists the host namespaces',
  rolloutGate: 'no readiness probe and minReadySeconds 0: a crash-looping image is briefly Ready and rolls across every node',
  perMountSensitive: 'repeats host-path-volume for the same mount: the host-access list marks sensitive paths',
  duplicateGate: 'duplicates readiness-gate-missing: one rollout-gate finding per DaemonSet',
  noOsPin: 'no kubernetes.io/os pin: a Windows node would get this Linux image',
  noPriority: 'a node daemon without a priority class is the first to be preempted or evicted',
  readsSecrets: 'reads Secrets cluster-wide: needed here, and exactly what a reviewer must see',
  noCpuRequest: 'no cpu request: the daemon\'s cost on every node is unaccounted',
  privilegedCapAdd: 'privileged container: it holds every capability already, the add list is inert',
  groupWildcard: 'resources [\'*\'] covers every present and future resource of the group: list them',
  seccompOncePerPod: 'same fix as the first container\'s finding: one pod-level seccompProfile covers every container',
  rootNotNeeded: 'this container mounts no node path and is not privileged: it needs no root',
  windowsAbsolutePath: 'an absolute Windows path (drive letter or \\\\.\\pipe\\ named pipe); the Windows runtime accepts it',
  unboundToken: 'nothing in the input binds this ServiceAccount and the daemon does not call the API: do not mount the token',
  windowsSeccomp: 'Windows pod: no seccomp on Windows; the Windows runtime ignores it (and refuses it once os.name: windows is set)',
  windowsCapabilities: 'Windows pod: Linux capabilities; the Windows runtime ignores it (and refuses it once os.name: windows is set)',
  windowsEscalation: 'Windows pod: allowPrivilegeEscalation is Linux-only; the Windows runtime ignores it (and refuses it once os.name: windows is set)',
  windowsRunAsUser: 'Windows pod: UID advice is Linux-only (Windows uses windowsOptions.runAsUserName); the Windows runtime ignores it (and refuses it once os.name: windows is set)',
  windowsReadOnlyRoot: 'Windows pod: readOnlyRootFilesystem is Linux-only; the Windows runtime ignores it (and refuses it once os.name: windows is set)',
  samePortTwice: 'same container and port as the finding on its other probe',
  sidecarReadiness: 'the pod\'s readiness is gated by another container\'s probe; a sidecar needs none of its own',
  betaOsLabel: 'beta.kubernetes.io/os: linux already pins Linux nodes; the right finding is the deprecated-label warning',
  noClusterNames: 'names no cluster Service (no *.svc in its env, args or config): resolving like Default changes nothing for it',
  identicalProbes: 'liveness equals readiness: a slow daemon is restarted instead of being marked unready',
} as const;

export const CORPUS: readonly FixtureReview[] = [
  {
    file: 'aws-vpc-cni.yaml',
    shape: 'CNI: AWS VPC CNI-style ENI agent, explicit toleration list with not-ready:NoSchedule',
    reviewed: [
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name', 'containers[0].volumeMounts[4].name', 'initContainers[0].volumeMounts[0].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[0].volumeMounts[1].readOnly', 'containers[0].volumeMounts[2].readOnly', 'containers[0].volumeMounts[3].readOnly', 'containers[0].volumeMounts[4].readOnly', 'initContainers[0].volumeMounts[0].readOnly'] },
      { rule: 'resources-missing', verdict: 'right', reason: R.noMemoryRequest, at: ['containers[0].resources.requests'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'added-capabilities', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perCapability, at: ['containers[0].securityContext.capabilities.add[0]', 'containers[0].securityContext.capabilities.add[1]'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot', 'initContainers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['initContainers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['initContainers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['initContainers[0].securityContext.capabilities.drop'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['initContainers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'controller-managed-toleration', verdict: 'wrong', plan: 'tolerations-by-effect', reason: 'the controller adds not-ready:NoExecute, not NoSchedule: this toleration is kept, and the CNI needs it to land on a NotReady node', at: ['tolerations[0].key'] },
      { rule: 'controller-managed-toleration', verdict: 'right', reason: R.redundantToleration, at: ['tolerations[1].key'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding aws-node binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-network-dns-policy', verdict: 'wrong', plan: 'dns-bootstrap', reason: R.bootstrapDns, at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 5 hostPath volumes; privileged aws-vpc-cni-init' },
    ],
  },
  {
    file: 'cadvisor.yaml',
    shape: 'metrics: standalone cAdvisor, privileged, node / and /var/run read-only',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name', 'containers[0].volumeMounts[4].name'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[2].name'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 5 hostPath volumes; privileged cadvisor' },
      { rule: 'container-runtime-socket', count: 1, plan: 'run-socket-dir', reason: 'hostPath /var/run holds containerd.sock (or docker.sock): the runtime socket is reachable through it' },
    ],
  },
  {
    file: 'calico-node.yaml',
    shape: 'CNI: Calico-style node agent with install-cni init container',
    reviewed: [
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name', 'containers[0].volumeMounts[4].name', 'containers[0].volumeMounts[5].name', 'containers[0].volumeMounts[6].name', 'containers[0].volumeMounts[7].name', 'initContainers[0].volumeMounts[0].name', 'initContainers[0].volumeMounts[1].name', 'initContainers[1].volumeMounts[0].name', 'initContainers[1].volumeMounts[1].name', 'initContainers[1].volumeMounts[2].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[0].volumeMounts[2].readOnly', 'containers[0].volumeMounts[3].readOnly', 'containers[0].volumeMounts[4].readOnly', 'containers[0].volumeMounts[5].readOnly', 'containers[0].volumeMounts[6].readOnly', 'initContainers[0].volumeMounts[0].readOnly', 'initContainers[0].volumeMounts[1].readOnly', 'initContainers[1].volumeMounts[0].readOnly', 'initContainers[1].volumeMounts[1].readOnly'] },
      { rule: 'resources-missing', verdict: 'right', reason: R.noMemoryRequest, at: ['containers[0].resources.requests'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile', 'initContainers[0].securityContext.seccompProfile', 'initContainers[1].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged', 'initContainers[0].securityContext.privileged', 'initContainers[1].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop', 'initContainers[0].securityContext.capabilities.drop', 'initContainers[1].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot', 'initContainers[0].securityContext.runAsNonRoot', 'initContainers[1].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem', 'initContainers[0].securityContext.readOnlyRootFilesystem', 'initContainers[1].securityContext.readOnlyRootFilesystem'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['initContainers[1].volumeMounts[2].name'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding calico-node binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-network-dns-policy', verdict: 'wrong', plan: 'dns-bootstrap', reason: R.bootstrapDns, at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 11 hostPath volumes; privileged calico-node, install-cni, mount-bpffs' },
    ],
  },
  {
    file: 'ceph-csi-rbd-node.yaml',
    shape: 'CSI: Ceph RBD node plugin with registrar and liveness sidecar, plus its provisioner Deployment and Services',
    reviewed: [
      { rule: 'rbac-secrets', kind: 'ClusterRole', verdict: 'right', reason: R.readsSecrets, at: ['rules[1]'] },
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name', 'containers[0].volumeMounts[4].name', 'containers[0].volumeMounts[5].name', 'containers[0].volumeMounts[8].name', 'containers[0].volumeMounts[9].name', 'containers[0].volumeMounts[11].name', 'containers[1].volumeMounts[0].name', 'containers[1].volumeMounts[1].name', 'containers[2].volumeMounts[0].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[0].volumeMounts[1].readOnly', 'containers[0].volumeMounts[2].readOnly', 'containers[0].volumeMounts[3].readOnly', 'containers[0].volumeMounts[8].readOnly', 'containers[0].volumeMounts[9].readOnly', 'containers[0].volumeMounts[11].readOnly', 'containers[1].volumeMounts[0].readOnly', 'containers[1].volumeMounts[1].readOnly', 'containers[2].volumeMounts[0].readOnly'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name'] },
      { rule: 'resources-missing', verdict: 'right', reason: R.noCpuRequest, at: ['containers[0].resources.requests', 'containers[1].resources.requests', 'containers[2].resources.requests'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits', 'containers[1].resources.limits', 'containers[2].resources.limits'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe', 'containers[1].readinessProbe', 'containers[2].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile', 'containers[1].securityContext.seccompProfile', 'containers[2].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged', 'containers[1].securityContext.privileged', 'containers[2].securityContext.privileged'] },
      { rule: 'added-capabilities', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedCapAdd, at: ['containers[0].securityContext.capabilities.add[0]'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop', 'containers[1].securityContext.capabilities.drop', 'containers[2].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot', 'containers[1].securityContext.runAsNonRoot', 'containers[2].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem', 'containers[1].securityContext.readOnlyRootFilesystem', 'containers[2].securityContext.readOnlyRootFilesystem'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding rbd-csi-nodeplugin binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
      { rule: 'host-pid', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostPID'] },
      { rule: 'service-selects-nothing', kind: 'Service', verdict: 'wrong', plan: 'services-any-workload', reason: 'selects the pods of Deployment csi-rbdplugin-provisioner in the same input', at: ['spec.selector'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; hostPID; 10 hostPath volumes; privileged csi-rbdplugin, driver-registrar, liveness-prometheus' },
    ],
  },
  {
    file: 'cilium-agent.yaml',
    shape: 'CNI: Cilium-style eBPF agent, capability lists, spc_t, AppArmor annotations, localhost health probes',
    reviewed: [
      { rule: 'rbac-wildcard', kind: 'ClusterRole', verdict: 'right', reason: R.groupWildcard, at: ['rules[4]'] },
      { rule: 'rbac-secrets', kind: 'ClusterRole', verdict: 'wrong', plan: 'rbac-api-groups', reason: 'resources [\'*\'] in cilium.io reaches no core-group Secrets', at: ['rules[4]'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name', 'containers[0].volumeMounts[4].name', 'containers[0].volumeMounts[5].name', 'containers[0].volumeMounts[7].name', 'containers[0].volumeMounts[8].name', 'initContainers[1].volumeMounts[0].name', 'initContainers[1].volumeMounts[1].name', 'initContainers[2].volumeMounts[0].name', 'initContainers[2].volumeMounts[1].name', 'initContainers[2].volumeMounts[2].name', 'initContainers[3].volumeMounts[0].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[0].volumeMounts[1].readOnly', 'containers[0].volumeMounts[2].readOnly', 'containers[0].volumeMounts[3].readOnly', 'containers[0].volumeMounts[4].readOnly', 'containers[0].volumeMounts[5].readOnly', 'containers[0].volumeMounts[8].readOnly', 'initContainers[1].volumeMounts[0].readOnly', 'initContainers[1].volumeMounts[1].readOnly', 'initContainers[2].volumeMounts[0].readOnly', 'initContainers[2].volumeMounts[1].readOnly', 'initContainers[2].volumeMounts[2].readOnly', 'initContainers[3].volumeMounts[0].readOnly'] },
      { rule: 'probe-host', verdict: 'wrong', plan: 'probe-host-loopback', reason: 'host 127.0.0.1 is where this hostNetwork daemon listens on its own node; dropping host would probe the node IP, where nothing listens', at: ['containers[0].livenessProbe.httpGet.host', 'containers[0].readinessProbe.httpGet.host', 'containers[0].startupProbe.httpGet.host'] },
      { rule: 'probe-port-not-declared', verdict: 'noise', plan: 'probe-port-once', reason: 'the probe targets 127.0.0.1, not the pod IP: declaring the port would not describe it', at: ['containers[0].livenessProbe.httpGet.port', 'containers[0].readinessProbe.httpGet.port', 'containers[0].startupProbe.httpGet.port'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'selinux-custom', verdict: 'noise', plan: 'host-access-aggregate', reason: 'per-container spc_t: the host-access finding lists custom SELinux types', at: ['containers[0].securityContext.seLinuxOptions', 'initContainers[1].securityContext.seLinuxOptions', 'initContainers[2].securityContext.seLinuxOptions', 'initContainers[3].securityContext.seLinuxOptions'] },
      { rule: 'added-capabilities', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perCapability, at: ['containers[0].securityContext.capabilities.add[2]', 'containers[0].securityContext.capabilities.add[3]', 'containers[0].securityContext.capabilities.add[4]', 'containers[0].securityContext.capabilities.add[5]', 'containers[0].securityContext.capabilities.add[6]', 'containers[0].securityContext.capabilities.add[7]', 'initContainers[1].securityContext.capabilities.add[0]', 'initContainers[1].securityContext.capabilities.add[2]', 'initContainers[2].securityContext.capabilities.add[0]', 'initContainers[2].securityContext.capabilities.add[1]', 'initContainers[2].securityContext.capabilities.add[2]', 'initContainers[2].securityContext.capabilities.add[3]'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot', 'initContainers[1].securityContext.runAsNonRoot', 'initContainers[2].securityContext.runAsNonRoot', 'initContainers[3].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem', 'initContainers[0].securityContext.readOnlyRootFilesystem', 'initContainers[1].securityContext.readOnlyRootFilesystem', 'initContainers[2].securityContext.readOnlyRootFilesystem', 'initContainers[3].securityContext.readOnlyRootFilesystem'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'seccomp-once-per-pod', reason: R.seccompOncePerPod, at: ['initContainers[0].securityContext.seccompProfile', 'initContainers[1].securityContext.seccompProfile', 'initContainers[2].securityContext.seccompProfile', 'initContainers[3].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['initContainers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['initContainers[0].securityContext.allowPrivilegeEscalation', 'initContainers[3].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'right', reason: R.rootNotNeeded, at: ['initContainers[0].securityContext.runAsNonRoot'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['initContainers[1].volumeMounts[0].name'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding cilium binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-network-dns-policy', verdict: 'wrong', plan: 'dns-bootstrap', reason: R.bootstrapDns, at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 11 hostPath volumes' },
      { rule: 'deprecated-annotation', count: 3, plan: 'deprecations', reason: 'from kubernetesVersion 1.30, kube-apiserver warns about each AppArmor annotation without its field; the corpus runs at the default 1.27, where the annotation is the only way to set a profile and nothing warns' },
    ],
  },
  {
    file: 'csi-disk-node-windows.yaml',
    shape: 'CSI (Windows): disk node plugin with os.name windows, csi-proxy pipes',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'relative-mount-path', verdict: 'wrong', plan: 'windows-paths', reason: R.windowsAbsolutePath, at: ['containers[0].volumeMounts[0].mountPath', 'containers[1].volumeMounts[0].mountPath', 'containers[1].volumeMounts[1].mountPath', 'containers[1].volumeMounts[2].mountPath', 'containers[2].volumeMounts[0].mountPath', 'containers[2].volumeMounts[1].mountPath', 'containers[2].volumeMounts[2].mountPath', 'containers[2].volumeMounts[3].mountPath', 'containers[2].volumeMounts[4].mountPath'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[1].volumeMounts[0].name', 'containers[1].volumeMounts[1].name', 'containers[1].volumeMounts[2].name', 'containers[2].volumeMounts[0].name', 'containers[2].volumeMounts[1].name', 'containers[2].volumeMounts[2].name', 'containers[2].volumeMounts[3].name', 'containers[2].volumeMounts[4].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[1].volumeMounts[0].readOnly', 'containers[1].volumeMounts[1].readOnly', 'containers[1].volumeMounts[2].readOnly', 'containers[2].volumeMounts[0].readOnly', 'containers[2].volumeMounts[1].readOnly', 'containers[2].volumeMounts[2].readOnly', 'containers[2].volumeMounts[3].readOnly', 'containers[2].volumeMounts[4].readOnly'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe', 'containers[1].readinessProbe', 'containers[2].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'wrong', plan: 'windows-linux-advice', reason: 'Windows pod: no seccomp on Windows; the API server refuses the field on a pod with os.name: windows', at: ['containers[0].securityContext.seccompProfile', 'containers[1].securityContext.seccompProfile', 'containers[2].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'wrong', plan: 'windows-linux-advice', reason: 'Windows pod: Linux capabilities; the API server refuses the field on a pod with os.name: windows', at: ['containers[0].securityContext.capabilities.drop', 'containers[1].securityContext.capabilities.drop', 'containers[2].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'wrong', plan: 'windows-linux-advice', reason: 'Windows pod: allowPrivilegeEscalation is Linux-only; the API server refuses the field on a pod with os.name: windows', at: ['containers[0].securityContext.allowPrivilegeEscalation', 'containers[1].securityContext.allowPrivilegeEscalation', 'containers[2].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'wrong', plan: 'windows-linux-advice', reason: 'Windows pod: UID advice is Linux-only (Windows uses windowsOptions.runAsUserName); the API server refuses the field on a pod with os.name: windows', at: ['containers[0].securityContext.runAsNonRoot', 'containers[1].securityContext.runAsNonRoot', 'containers[2].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'wrong', plan: 'windows-linux-advice', reason: 'Windows pod: readOnlyRootFilesystem is Linux-only; the API server refuses the field on a pod with os.name: windows', at: ['containers[0].securityContext.readOnlyRootFilesystem', 'containers[1].securityContext.readOnlyRootFilesystem', 'containers[2].securityContext.readOnlyRootFilesystem'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding disk-csi-node-binding binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 6 hostPath volumes' },
    ],
  },
  {
    file: 'csi-nfs-node.yaml',
    shape: 'CSI: NFS node plugin, registrar and livenessprobe sidecars, localhost health probe',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[1].volumeMounts[0].name', 'containers[1].volumeMounts[1].name', 'containers[2].volumeMounts[0].name', 'containers[2].volumeMounts[1].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[1].volumeMounts[0].readOnly', 'containers[1].volumeMounts[1].readOnly', 'containers[2].volumeMounts[0].readOnly', 'containers[2].volumeMounts[1].readOnly'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe', 'containers[1].readinessProbe', 'containers[2].readinessProbe'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation', 'containers[1].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot', 'containers[1].securityContext.runAsNonRoot', 'containers[2].securityContext.runAsNonRoot'] },
      { rule: 'probe-host', verdict: 'wrong', plan: 'probe-host-loopback', reason: 'host localhost is where this hostNetwork daemon listens on its own node; dropping host would probe the node IP, where nothing listens', at: ['containers[2].livenessProbe.httpGet.host'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[2].securityContext.privileged'] },
      { rule: 'added-capabilities', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedCapAdd, at: ['containers[2].securityContext.capabilities.add[0]'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[2].securityContext.capabilities.drop'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[2].securityContext.readOnlyRootFilesystem'] },
      { rule: 'service-account-token-automount', verdict: 'right', reason: R.unboundToken, at: ['automountServiceAccountToken'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 3 hostPath volumes; privileged nfs' },
    ],
  },
  {
    file: 'csi-smb-node-windows.yaml',
    shape: 'CSI (Windows): SMB node plugin pinned by nodeSelector, csi-proxy pipes, C:\\ paths',
    reviewed: [
      { rule: 'rbac-secrets', kind: 'ClusterRole', verdict: 'right', reason: R.readsSecrets, at: ['rules[0]'] },
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'relative-mount-path', verdict: 'wrong', plan: 'windows-paths', reason: R.windowsAbsolutePath, at: ['containers[0].volumeMounts[0].mountPath', 'containers[1].volumeMounts[0].mountPath', 'containers[1].volumeMounts[1].mountPath', 'containers[1].volumeMounts[2].mountPath', 'containers[2].volumeMounts[0].mountPath', 'containers[2].volumeMounts[1].mountPath', 'containers[2].volumeMounts[2].mountPath', 'containers[2].volumeMounts[3].mountPath'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[1].volumeMounts[0].name', 'containers[1].volumeMounts[1].name', 'containers[1].volumeMounts[2].name', 'containers[2].volumeMounts[0].name', 'containers[2].volumeMounts[1].name', 'containers[2].volumeMounts[2].name', 'containers[2].volumeMounts[3].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[1].volumeMounts[0].readOnly', 'containers[1].volumeMounts[1].readOnly', 'containers[1].volumeMounts[2].readOnly', 'containers[2].volumeMounts[0].readOnly', 'containers[2].volumeMounts[1].readOnly', 'containers[2].volumeMounts[2].readOnly', 'containers[2].volumeMounts[3].readOnly'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe', 'containers[1].readinessProbe', 'containers[2].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsSeccomp, at: ['containers[0].securityContext.seccompProfile', 'containers[1].securityContext.seccompProfile', 'containers[2].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsCapabilities, at: ['containers[0].securityContext.capabilities.drop', 'containers[1].securityContext.capabilities.drop', 'containers[2].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation', 'containers[1].securityContext.allowPrivilegeEscalation', 'containers[2].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsRunAsUser, at: ['containers[0].securityContext.runAsNonRoot', 'containers[1].securityContext.runAsNonRoot', 'containers[2].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem', 'containers[1].securityContext.readOnlyRootFilesystem', 'containers[2].securityContext.readOnlyRootFilesystem'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding csi-smb-node-secret-binding binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 5 hostPath volumes' },
    ],
  },
  {
    file: 'datadog-agent.yaml',
    shape: 'metrics: Datadog-style agent with trace agent, /var/run for the runtime socket, cluster-agent Deployment and Service',
    reviewed: [
      { rule: 'env-literal-secret', verdict: 'wrong', plan: 'env-secret-paths', reason: '/etc/datadog-agent/auth/token is a file path, not a secret', at: ['containers[0].env[1].value', 'containers[1].env[1].value'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[4].name', 'containers[0].volumeMounts[5].name', 'containers[0].volumeMounts[6].name', 'containers[0].volumeMounts[7].name', 'containers[1].volumeMounts[2].name', 'containers[1].volumeMounts[3].name', 'containers[1].volumeMounts[4].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[5].readOnly', 'containers[1].volumeMounts[4].readOnly'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[6].name', 'containers[1].volumeMounts[2].name'] },
      { rule: 'resources-missing', verdict: 'right', reason: R.noCpuRequest, at: ['containers[0].resources.requests', 'containers[1].resources.requests'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits', 'containers[1].resources.limits'] },
      { rule: 'probe-port-not-declared', verdict: 'right', reason: 'probe port 5555 is served on the pod IP but missing from ports', at: ['containers[0].livenessProbe.httpGet.port'] },
      { rule: 'probe-port-not-declared', verdict: 'noise', plan: 'probe-port-once', reason: R.samePortTwice, at: ['containers[0].readinessProbe.httpGet.port'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop', 'containers[1].securityContext.capabilities.drop', 'initContainers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation', 'containers[1].securityContext.allowPrivilegeEscalation', 'initContainers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot', 'containers[1].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem', 'containers[1].securityContext.readOnlyRootFilesystem', 'initContainers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.sidecarReadiness, at: ['containers[1].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'seccomp-once-per-pod', reason: R.seccompOncePerPod, at: ['containers[1].securityContext.seccompProfile', 'initContainers[0].securityContext.seccompProfile'] },
      { rule: 'run-as-root', verdict: 'right', reason: R.rootNotNeeded, at: ['initContainers[0].securityContext.runAsNonRoot'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding datadog binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-pid', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostPID'] },
      { rule: 'service-selects-nothing', kind: 'Service', verdict: 'wrong', plan: 'services-any-workload', reason: 'selects the pods of Deployment datadog-cluster-agent in the same input', at: ['spec.selector'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostPID; 4 hostPath volumes' },
      { rule: 'container-runtime-socket', count: 1, plan: 'run-socket-dir', reason: 'hostPath /var/run holds containerd.sock (or docker.sock): the runtime socket is reachable through it' },
    ],
  },
  {
    file: 'dcgm-exporter.yaml',
    shape: 'metrics: NVIDIA DCGM-style GPU exporter on GPU nodes',
    reviewed: [
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'added-capabilities', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perCapability, at: ['containers[0].securityContext.capabilities.add[0]'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'service-account-token-automount', verdict: 'right', reason: R.unboundToken, at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 1 hostPath volume' },
    ],
  },
  {
    file: 'ebs-csi-node.yaml',
    shape: 'CSI: EBS-style block node plugin with registrar and livenessprobe sidecars',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[1].volumeMounts[0].name', 'containers[1].volumeMounts[1].name', 'containers[2].volumeMounts[0].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[0].volumeMounts[1].readOnly', 'containers[0].volumeMounts[2].readOnly', 'containers[1].volumeMounts[0].readOnly', 'containers[1].volumeMounts[1].readOnly', 'containers[2].volumeMounts[0].readOnly'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[2].name'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe', 'containers[1].readinessProbe', 'containers[2].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot', 'containers[1].securityContext.runAsNonRoot', 'containers[2].securityContext.runAsNonRoot'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[1].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[1].securityContext.capabilities.drop', 'containers[2].securityContext.capabilities.drop'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'seccomp-once-per-pod', reason: R.seccompOncePerPod, at: ['containers[2].securityContext.seccompProfile'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding ebs-csi-node-getter-binding binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 4 hostPath volumes; privileged ebs-plugin' },
    ],
  },
  {
    file: 'falco.yaml',
    shape: 'security: Falco-style runtime agent with containerd and CRI-O sockets',
    reviewed: [
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[3].name', 'containers[0].volumeMounts[4].name', 'containers[0].volumeMounts[5].name', 'containers[0].volumeMounts[6].name', 'containers[0].volumeMounts[7].name', 'containers[0].volumeMounts[8].name', 'containers[0].volumeMounts[9].name'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[3].name', 'containers[0].volumeMounts[4].name', 'containers[0].volumeMounts[5].name', 'containers[0].volumeMounts[6].name', 'containers[0].volumeMounts[7].name'] },
      { rule: 'container-runtime-socket', verdict: 'right', reason: '/run/containerd/containerd.sock is the container runtime socket: root on the node, even read-only', at: ['containers[0].volumeMounts[8].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[8].readOnly', 'containers[0].volumeMounts[9].readOnly'] },
      { rule: 'container-runtime-socket', verdict: 'right', reason: '/run/crio/crio.sock is the container runtime socket: root on the node, even read-only', at: ['containers[0].volumeMounts[9].name'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'resources-missing', verdict: 'right', reason: R.noCpuRequest, at: ['containers[1].resources.requests'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[1].resources.limits'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.sidecarReadiness, at: ['containers[1].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[1].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[1].securityContext.capabilities.drop', 'initContainers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[1].securityContext.allowPrivilegeEscalation', 'initContainers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'right', reason: R.rootNotNeeded, at: ['containers[1].securityContext.runAsNonRoot', 'initContainers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[1].securityContext.readOnlyRootFilesystem', 'initContainers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'seccomp-once-per-pod', reason: R.seccompOncePerPod, at: ['initContainers[0].securityContext.seccompProfile'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding falco binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 7 hostPath volumes; privileged falco' },
    ],
  },
  {
    file: 'filebeat.yaml',
    shape: 'logs: Filebeat on the host network with ClusterFirstWithHostNet',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[1].readOnly'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding filebeat binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
      { rule: 'env-reference-missing', verdict: 'right', reason: 'the Secret is made by the Elasticsearch operator outside this input: acknowledge the warning', at: ['containers[0].env[3].valueFrom.secretKeyRef.name'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 3 hostPath volumes' },
    ],
  },
  {
    file: 'flannel.yaml',
    shape: 'CNI: flannel-style VXLAN agent with NET_ADMIN/NET_RAW',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[2].name', 'initContainers[0].volumeMounts[0].name', 'initContainers[1].volumeMounts[0].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[0].volumeMounts[2].readOnly', 'initContainers[0].volumeMounts[0].readOnly', 'initContainers[1].volumeMounts[0].readOnly'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'added-capabilities', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perCapability, at: ['containers[0].securityContext.capabilities.add[0]', 'containers[0].securityContext.capabilities.add[1]'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop', 'initContainers[0].securityContext.capabilities.drop', 'initContainers[1].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation', 'initContainers[0].securityContext.allowPrivilegeEscalation', 'initContainers[1].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot', 'initContainers[0].securityContext.runAsNonRoot', 'initContainers[1].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem', 'initContainers[0].securityContext.readOnlyRootFilesystem', 'initContainers[1].securityContext.readOnlyRootFilesystem'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'seccomp-once-per-pod', reason: R.seccompOncePerPod, at: ['initContainers[0].securityContext.seccompProfile', 'initContainers[1].securityContext.seccompProfile'] },
      { rule: 'controller-managed-toleration', verdict: 'right', reason: R.redundantToleration, at: ['tolerations[1].key'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding flannel binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-network-dns-policy', verdict: 'wrong', plan: 'dns-bootstrap', reason: R.bootstrapDns, at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 4 hostPath volumes' },
    ],
  },
  {
    file: 'fluent-bit.yaml',
    shape: 'logs: Fluent Bit on the host network, output to a cluster Service by name',
    reviewed: [
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[2].readOnly'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding fluent-bit binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-network-dns-policy', verdict: 'right', reason: 'hostNetwork with ClusterFirst while its output names a cluster Service (*.svc.cluster.local): that name will not resolve', at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 2 hostPath volumes' },
    ],
  },
  {
    file: 'fluentd-elasticsearch.yaml',
    shape: 'logs: old-style fluentd addon with critical-pod and seccomp annotations, literal password',
    reviewed: [
      { rule: 'selector-version-label', verdict: 'right', reason: 'version: v1 in an immutable selector blocks the next release', at: ['spec.selector'] },
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'env-literal-secret', verdict: 'right', reason: 'a literal password in the manifest: use a secretKeyRef', at: ['containers[0].env[7].value'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding fluentd binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'deprecated-annotation', verdict: 'right', reason: R.deprecatedAnnotation, at: ['spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]', 'spec.template.metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 2 hostPath volumes' },
    ],
  },
  {
    file: 'generic-device-plugin.yaml',
    shape: 'device plugin: generic host-device plugin on a main-branch image',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[0].volumeMounts[1].readOnly'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[1].name'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'default-service-account', verdict: 'right', reason: 'runs as its namespace\'s default ServiceAccount', at: ['serviceAccountName'] },
      { rule: 'service-account-token-automount', verdict: 'right', reason: R.unboundToken, at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 2 hostPath volumes; privileged generic-device-plugin' },
      { rule: 'mutable-image-tag', count: 1, plan: 'branch-tags', reason: 'main is a branch build: every pull may bring other code' },
    ],
  },
  {
    file: 'grafana-alloy.yaml',
    shape: 'logs/metrics: Grafana Alloy-style collector with config-reloader sidecar',
    reviewed: [
      { rule: 'rbac-secrets', kind: 'ClusterRole', verdict: 'right', reason: R.readsSecrets, at: ['rules[4]'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[1].name'] },
      { rule: 'added-capabilities', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perCapability, at: ['containers[0].securityContext.capabilities.add[9]'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.sidecarReadiness, at: ['containers[1].readinessProbe'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding alloy binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 1 hostPath volume' },
    ],
  },
  {
    file: 'kube-proxy.yaml',
    shape: 'network: kubeadm-style kube-proxy',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[1].readOnly'] },
      { rule: 'resources-missing', verdict: 'right', reason: R.noCpuRequest, at: ['containers[0].resources.requests'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding kubeadm:node-proxier binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-network-dns-policy', verdict: 'wrong', plan: 'dns-bootstrap', reason: R.bootstrapDns, at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 2 hostPath volumes; privileged kube-proxy' },
    ],
  },
  {
    file: 'kured.yaml',
    shape: 'maintenance: kured-style reboot daemon pinned with beta.kubernetes.io/os',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'resources-missing', verdict: 'right', reason: R.noCpuRequest, at: ['containers[0].resources.requests'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'node-selector-os-missing', verdict: 'wrong', plan: 'os-selector-beta', reason: R.betaOsLabel, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding kured binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-pid', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostPID'] },
      { rule: 'deprecated-node-label', verdict: 'right', reason: R.deprecatedNodeLabel, at: ['nodeSelector[beta.kubernetes.io/os]'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostPID; privileged kured' },
    ],
  },
  {
    file: 'local-volume-provisioner.yaml',
    shape: 'storage: local static provisioner creating cleanup Jobs',
    reviewed: [
      { rule: 'rbac-create-pods', kind: 'Role', verdict: 'right', reason: 'creates Jobs (cleanup Jobs may run any image): worth a reviewer\'s look', at: ['rules[0]'] },
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[1].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[1].readOnly', 'containers[0].volumeMounts[2].readOnly'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding local-static-provisioner-node-binding binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 2 hostPath volumes; privileged provisioner' },
    ],
  },
  {
    file: 'nfd-worker.yaml',
    shape: 'node labelling: node-feature-discovery worker with a CRD-group wildcard Role',
    reviewed: [
      { rule: 'rbac-wildcard', kind: 'Role', verdict: 'right', reason: R.groupWildcard, at: ['rules[0]'] },
      { rule: 'rbac-secrets', kind: 'Role', verdict: 'wrong', plan: 'rbac-api-groups', reason: 'resources [\'*\'] in nfd.k8s-sigs.io reaches no core-group Secrets', at: ['rules[0]'] },
      { rule: 'rbac-create-pods', kind: 'Role', verdict: 'wrong', plan: 'rbac-api-groups', reason: 'resources [\'*\'] in nfd.k8s-sigs.io reaches no core-group pods', at: ['rules[0]'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name', 'containers[0].volumeMounts[4].name'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[4].name'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'RoleBinding nfd-worker binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 5 hostPath volumes' },
    ],
  },
  {
    file: 'node-exporter-rbac-proxy.yaml',
    shape: 'metrics: kube-prometheus-style node-exporter behind kube-rbac-proxy, master-branch image',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe', 'containers[1].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'added-capabilities', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perCapability, at: ['containers[0].securityContext.capabilities.add[0]'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding node-exporter binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'host-network-dns-policy', verdict: 'noise', plan: 'dns-needs-cluster-names', reason: R.noClusterNames, at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
      { rule: 'host-pid', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostPID'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; hostPID; 2 hostPath volumes' },
      { rule: 'mutable-image-tag', count: 1, plan: 'branch-tags', reason: 'master is a branch build: every pull may bring other code' },
    ],
  },
  {
    file: 'node-exporter.yaml',
    shape: 'metrics: prometheus-node-exporter chart style',
    reviewed: [
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name'] },
      { rule: 'resources-missing', verdict: 'right', reason: R.noCpuRequest, at: ['containers[0].resources.requests'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits'] },
      { rule: 'probes-identical', verdict: 'right', reason: R.identicalProbes, at: ['containers[0].livenessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'host-network-dns-policy', verdict: 'noise', plan: 'dns-needs-cluster-names', reason: R.noClusterNames, at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
      { rule: 'host-pid', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostPID'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; hostPID; 3 hostPath volumes' },
    ],
  },
  {
    file: 'node-local-dns.yaml',
    shape: 'DNS: NodeLocal DNSCache-style cache probing its link-local address',
    reviewed: [
      { rule: 'service-selects-nothing', kind: 'Service', verdict: 'wrong', plan: 'services-any-workload', reason: 'selects CoreDNS\'s pods (k8s-app=kube-dns), a workload deployed outside this input', at: ['spec.selector'] },
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits'] },
      { rule: 'probe-host', verdict: 'wrong', plan: 'probe-host-loopback', reason: 'host 169.254.20.10 is where this hostNetwork daemon listens on its own node; dropping host would probe the node IP, where nothing listens', at: ['containers[0].livenessProbe.httpGet.host'] },
      { rule: 'probe-port-not-declared', verdict: 'noise', plan: 'probe-port-once', reason: 'the probe targets 169.254.20.10, not the pod IP: declaring the port would not describe it', at: ['containers[0].livenessProbe.httpGet.port'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'added-capabilities', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perCapability, at: ['containers[0].securityContext.capabilities.add[0]'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'service-account-token-automount', verdict: 'right', reason: R.unboundToken, at: ['automountServiceAccountToken'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 1 hostPath volume' },
    ],
  },
  {
    file: 'node-problem-detector.yaml',
    shape: 'node health: node-problem-detector',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name'] },
      { rule: 'probe-port-not-declared', verdict: 'right', reason: 'probe port 20256 is served on the pod IP but missing from ports', at: ['containers[0].livenessProbe.httpGet.port'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding node-problem-detector binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 3 hostPath volumes; privileged node-problem-detector' },
    ],
  },
  {
    file: 'nvidia-device-plugin.yaml',
    shape: 'device plugin: NVIDIA-style GPU plugin',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[0].volumeMounts[1].readOnly', 'containers[0].volumeMounts[2].readOnly', 'containers[0].volumeMounts[3].readOnly'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 4 hostPath volumes' },
    ],
  },
  {
    file: 'otel-collector-agent.yaml',
    shape: 'metrics/traces: OpenTelemetry Collector agent with OTLP host ports',
    reviewed: [
      { rule: 'host-port', verdict: 'noise', plan: 'host-access-aggregate', reason: 'one per port: the host-access finding lists the host ports', at: ['containers[0].ports[0].hostPort', 'containers[0].ports[1].hostPort'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[1].name'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[1].name'] },
      { rule: 'probe-port-not-declared', verdict: 'right', reason: 'probe port 13133 is served on the pod IP but missing from ports', at: ['containers[0].livenessProbe.httpGet.port'] },
      { rule: 'probe-port-not-declared', verdict: 'noise', plan: 'probe-port-once', reason: R.samePortTwice, at: ['containers[0].readinessProbe.httpGet.port'] },
      { rule: 'probes-identical', verdict: 'right', reason: R.identicalProbes, at: ['containers[0].livenessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding otel-agent binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostPorts 4317, 4318; 1 hostPath volume' },
    ],
  },
  {
    file: 'promtail.yaml',
    shape: 'logs: Promtail-style shipper, hardened but root',
    reviewed: [
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[1].readOnly'] },
      { rule: 'resources-missing', verdict: 'right', reason: R.noCpuRequest, at: ['containers[0].resources.requests'] },
      { rule: 'memory-limit-missing', verdict: 'right', reason: R.noMemoryLimit, at: ['containers[0].resources.limits'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'node-selector-os-missing', verdict: 'right', reason: R.noOsPin, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding promtail binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 3 hostPath volumes' },
    ],
  },
  {
    file: 'sriov-device-plugin.yaml',
    shape: 'device plugin: SR-IOV network plugin pinned with beta.kubernetes.io/os and arch',
    reviewed: [
      { rule: 'readiness-gate-missing', verdict: 'right', reason: R.rolloutGate, at: ['spec.minReadySeconds'] },
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[1].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[4].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly', 'containers[0].volumeMounts[1].readOnly', 'containers[0].volumeMounts[2].readOnly', 'containers[0].volumeMounts[4].readOnly'] },
      { rule: 'readiness-probe-missing', verdict: 'noise', plan: 'one-readiness-finding', reason: R.duplicateGate, at: ['containers[0].readinessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedSeccomp, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'privileged-container', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perPrivilegedContainer, at: ['containers[0].securityContext.privileged'] },
      { rule: 'capabilities-not-dropped', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedDrop, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'noise', plan: 'privileged-no-seccomp-caps', reason: R.privilegedReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'node-selector-os-missing', verdict: 'wrong', plan: 'os-selector-beta', reason: R.betaOsLabel, at: ['nodeSelector'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'right', reason: R.unboundToken, at: ['automountServiceAccountToken'] },
      { rule: 'host-network-dns-policy', verdict: 'noise', plan: 'dns-needs-cluster-names', reason: R.noClusterNames, at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
      { rule: 'deprecated-node-label', verdict: 'right', reason: R.deprecatedNodeLabel, at: ['nodeSelector[beta.kubernetes.io/arch]', 'nodeSelector[beta.kubernetes.io/os]'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; 4 hostPath volumes; privileged kube-sriovdp' },
    ],
  },
  {
    file: 'vector-agent.yaml',
    shape: 'logs: Vector agent on a nightly image, aggregator StatefulSet behind a headless Service',
    reviewed: [
      { rule: 'host-path-volume', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountHostPath, at: ['containers[0].volumeMounts[0].name', 'containers[0].volumeMounts[2].name', 'containers[0].volumeMounts[3].name', 'containers[0].volumeMounts[4].name', 'containers[0].volumeMounts[5].name'] },
      { rule: 'writable-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountWritable, at: ['containers[0].volumeMounts[0].readOnly'] },
      { rule: 'sensitive-host-path', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perMountSensitive, at: ['containers[0].volumeMounts[4].name', 'containers[0].volumeMounts[5].name'] },
      { rule: 'seccomp-unconfined', verdict: 'right', reason: R.seccompUnprivileged, at: ['containers[0].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'right', reason: R.dropAll, at: ['containers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'right', reason: R.noEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'noise', plan: 'host-access-aggregate', reason: R.rootForHostAccess, at: ['containers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'right', reason: R.readOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'service-account-token-automount', verdict: 'noise', plan: 'automount-bound', reason: 'ClusterRoleBinding vector-agent binds the ServiceAccount: the daemon calls the API', at: ['automountServiceAccountToken'] },
      { rule: 'service-selects-nothing', kind: 'Service', verdict: 'wrong', plan: 'services-any-workload', reason: 'selects the pods of StatefulSet vector-aggregator in the same input', at: ['spec.selector'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing 5 hostPath volumes' },
      { rule: 'mutable-image-tag', count: 1, plan: 'branch-tags', reason: 'nightly-distroless-libc is a branch build: every pull may bring other code' },
    ],
  },
  {
    file: 'windows-exporter.yaml',
    shape: 'metrics (Windows): windows-exporter as HostProcess containers',
    reviewed: [
      { rule: 'probes-identical', verdict: 'right', reason: R.identicalProbes, at: ['containers[0].livenessProbe'] },
      { rule: 'seccomp-unconfined', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsSeccomp, at: ['containers[0].securityContext.seccompProfile', 'initContainers[0].securityContext.seccompProfile'] },
      { rule: 'capabilities-not-dropped', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsCapabilities, at: ['containers[0].securityContext.capabilities.drop', 'initContainers[0].securityContext.capabilities.drop'] },
      { rule: 'privilege-escalation-allowed', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsEscalation, at: ['containers[0].securityContext.allowPrivilegeEscalation', 'initContainers[0].securityContext.allowPrivilegeEscalation'] },
      { rule: 'run-as-root', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsRunAsUser, at: ['containers[0].securityContext.runAsNonRoot', 'initContainers[0].securityContext.runAsNonRoot'] },
      { rule: 'writable-root-filesystem', verdict: 'wrong', plan: 'windows-linux-advice', reason: R.windowsReadOnlyRoot, at: ['containers[0].securityContext.readOnlyRootFilesystem', 'initContainers[0].securityContext.readOnlyRootFilesystem'] },
      { rule: 'arg-quoted-value', verdict: 'wrong', plan: 'shell-powershell', reason: 'powershell parses its arguments: the quotes are PowerShell quoting, stripped before the cmdlet sees the value', at: ['initContainers[0].args[2]'] },
      { rule: 'priority-class-missing', verdict: 'right', reason: R.noPriority, at: ['priorityClassName'] },
      { rule: 'host-network-dns-policy', verdict: 'noise', plan: 'dns-needs-cluster-names', reason: R.noClusterNames, at: ['dnsPolicy'] },
      { rule: 'host-network', verdict: 'noise', plan: 'host-access-aggregate', reason: R.perHostNamespace, at: ['hostNetwork'] },
    ],
    wanted: [
      { rule: 'host-access', count: 1, plan: 'host-access-aggregate', reason: 'one finding for the DaemonSet listing hostNetwork; HostProcess containers' },
    ],
  },
];
