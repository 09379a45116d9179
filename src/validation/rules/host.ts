import { ValidationFindingDetail } from '../finding';
import { Ctx, list, map } from './context';
import { RuleArea, SRC } from './rule';

export const HOST_AREA = new RuleArea('os and host namespaces', 'src/validation/rules/host.ts');
export const OS_NAME = HOST_AREA.error('os-name', '`os` without a name, or a name other than linux/windows (reported at `os`).', 'Use `os.name: linux`.', SRC.CORE);
export const HOST_NAMESPACES_USER_NAMESPACES = HOST_AREA.error('host-namespaces-user-namespaces', 'hostNetwork, hostPID or hostIPC together with `hostUsers: false` (paths `hostNetwork`, `HostPID`, `HostIPC`, as the server spells them).', 'Drop the host namespace or the user namespace.', SRC.CORE);
export const WINDOWS_HOST_NAMESPACES = HOST_AREA.error('windows-host-namespaces', 'On a pod with `os.name: windows`: hostUsers, hostPID, hostIPC, shareProcessNamespace or a Linux-only securityContext field (seccomp, AppArmor, SELinux, run-as IDs, fsGroup, sysctls, supplemental groups; capabilities, privileged, readOnlyRootFilesystem, allowPrivilegeEscalation, procMount on a container), even when false; `windowsOptions` on a pod with `os.name: linux`.', 'Remove them for Windows pods (and windowsOptions for Linux pods).', SRC.CORE);
export const WINDOWS_HOST_PROCESS = HOST_AREA.error('windows-host-process', 'HostProcess containers mixed with ordinary ones, a HostProcess pod without hostNetwork, or a container `hostProcess` that contradicts the pod\'s.', 'Make every container a HostProcess container and set `hostNetwork: true`, or none.', SRC.CORE);
export const HOST_ACCESS = HOST_AREA.warning('host-access', 'What of the node the DaemonSet uses, in one finding at `spec.template.spec`: host namespaces, hostPath volumes (once each, marked writable when a container mounts one without `readOnly`, and sensitive for `/`, /boot, /dev, /etc, /lib, /proc, /sys, /usr), privileged containers, added capabilities, custom SELinux types, the root containers among those, host ports. Pod Security baseline refuses each of them. `details` (and `check --format json`) give each field under the rule id below that names it; suppressing that id drops the field.', 'Check that the daemon needs each item listed; drop the rest (a narrower path, `readOnly: true`, a capability instead of `privileged`). The library\'s constructs take host access only through explicit props, and then do not warn; for YAML meant to have it, `check --host-access-opted-in` or the plugin\'s `hostAccessOptedIn`.', SRC.PSS, {
  linterIds: [
    'kube-linter:host-network', 'kube-linter:host-pid', 'kube-linter:host-ipc', 'kube-linter:sensitive-host-mounts', 'kube-linter:writable-host-mount',
    'kube-linter:privileged-container', 'kube-linter:privilege-escalation-container', 'kube-linter:run-as-non-root',
    'kube-score:container-security-context-privileged', 'kube-score:container-security-context-user-group-id',
    'polaris:hostNetworkSet', 'polaris:hostPIDSet', 'polaris:hostIPCSet', 'polaris:hostPortSet', 'polaris:hostPathSet',
    'polaris:runAsPrivileged', 'polaris:dangerousCapabilities', 'polaris:runAsRootAllowed', 'polaris:linuxHardening',
  ],
  hostAccess: true,
  limits: 'Lists what the pod asks for, not what the daemon needs: the reviewer still judges each item. A hostPath volume no container mounts is listed too (Pod Security refuses it all the same).',
});
export const HOST_NETWORK = HOST_AREA.warning('host-network', '`hostNetwork: true`: the pod shares the node\'s network stack (Pod Security baseline forbids it). A `host-access` detail.', 'Opt in with the `hostNetwork` prop only for daemons that need the node\'s interfaces.', SRC.PSS, { linterIds: ['kube-linter:host-network', 'polaris:hostNetworkSet'], hostAccess: true });
export const HOST_PID = HOST_AREA.warning('host-pid', '`hostPID: true`: the pod sees every process of the node. A `host-access` detail.', 'Opt in with the `hostPID` prop only when the daemon inspects host processes.', SRC.PSS, { linterIds: ['kube-linter:host-pid', 'polaris:hostPIDSet'], hostAccess: true });
export const HOST_IPC = HOST_AREA.warning('host-ipc', '`hostIPC: true`: the pod shares the node\'s IPC namespace; no node daemon preset needs it. A `host-access` detail.', 'Remove hostIPC.', SRC.PSS, { linterIds: ['kube-linter:host-ipc', 'polaris:hostIPCSet'], hostAccess: true });

export function checkHost(ctx: Ctx, pod: any, P: string): void {
  const hostUsers = pod.hostUsers ?? map(pod.securityContext).hostUsers;
  if (hostUsers === false) {
    if (pod.hostNetwork === true) ctx.forbidden(HOST_NAMESPACES_USER_NAMESPACES, `${P}.hostNetwork`, 'when `hostUsers` is false');
    if (pod.hostPID === true) ctx.forbidden(HOST_NAMESPACES_USER_NAMESPACES, `${P}.HostPID`, 'when `hostUsers` is false');
    if (pod.hostIPC === true) ctx.forbidden(HOST_NAMESPACES_USER_NAMESPACES, `${P}.HostIPC`, 'when `hostUsers` is false');
  }
  checkOs(ctx, pod, P);
  checkHostProcess(ctx, pod, P);
  if (pod.hostNetwork === true) ctx.hostDetail(HOST_NETWORK, `${P}.hostNetwork`, 'hostNetwork');
  if (pod.hostPID === true) ctx.hostDetail(HOST_PID, `${P}.hostPID`, 'hostPID');
  if (pod.hostIPC === true) ctx.hostDetail(HOST_IPC, `${P}.hostIPC`, 'hostIPC');
}

/** The one `host-access` finding of a DaemonSet, from the details its checks recorded. */
export function reportHostAccess(ctx: Ctx, P: string): void {
  if (ctx.hostAccess.length > 0) ctx.report(HOST_ACCESS, P, hostAccessMessage(ctx.hostAccess), [...ctx.hostAccess]);
}

/** How each detail rule is listed in the message, in message order; writable and sensitive volumes by name only. */
const GROUPS: ReadonlyArray<[label: string, rules: readonly string[], nameOnly?: boolean]> = [
  ['host namespaces', ['host-network', 'host-pid', 'host-ipc']],
  ['hostPath volumes', ['host-path-volume']],
  ['writable', ['writable-host-path'], true],
  ['sensitive', ['sensitive-host-path'], true],
  ['privileged containers', ['privileged-container']],
  ['added capabilities', ['added-capabilities']],
  ['custom SELinux', ['selinux-custom']],
  ['root containers', ['run-as-root']],
  ['host ports', ['host-port']],
];

/** `uses the node: host namespaces hostNetwork; hostPath volumes varlog (/var/log); writable varlog; ...` */
export function hostAccessMessage(details: readonly ValidationFindingDetail[]): string {
  const parts = GROUPS.flatMap(([label, rules, nameOnly]) => {
    const items = [...new Set(details.filter(d => rules.includes(d.rule)).map(d => nameOnly ? d.message.replace(/ \(.*\)$/, '') : d.message))];
    return items.length > 0 ? [`${label} ${items.join(', ')}`] : [];
  });
  return `uses the node: ${parts.join('; ')}`;
}

/**
 * Whether the pod runs on Windows nodes only: `os.name: windows`, a nodeSelector
 * `kubernetes.io/os` (or `beta.kubernetes.io/os`) of `windows`, or required node affinity whose
 * every term admits only `windows`. Linux-only fields are refused (`validateWindows`) or ignored there.
 */
export function isWindowsPod(pod: any): boolean {
  if (map(pod.os).name === 'windows') return true;
  const selector = map(pod.nodeSelector);
  if (selector['kubernetes.io/os'] === 'windows' || selector['beta.kubernetes.io/os'] === 'windows') return true;
  const terms = list(map(map(map(pod.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
  return terms.length > 0 && terms.every(t => list(map(t).matchExpressions).some(r => OS_LABELS.includes(map(r).key)
    && map(r).operator === 'In' && list(map(r).values).length > 0 && list(map(r).values).every(v => v === 'windows')));
}

const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];

/** Pod securityContext fields a Windows pod may not set (the server checks presence, not value). */
const LINUX_POD_FIELDS = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls', 'runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'];
const LINUX_CONTAINER_FIELDS = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];

function set(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** Every container of the pod with its path (init containers first, as the server visits them). */
function containers(pod: any, P: string): Array<{ c: any; path: string }> {
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap(field => list(pod[field]).map((c, i) => ({ c: map(c), path: `${P}.${field}[${i}]` })));
}

/**
 * `os.name`: linux or windows. A Windows pod may not set the Linux-only pod and container fields
 * (nor hostUsers, hostPID, hostIPC, shareProcessNamespace); a Linux pod may not set windowsOptions.
 */
function checkOs(ctx: Ctx, pod: any, P: string): void {
  if (pod.os === undefined || pod.os === null) return;
  const name = map(pod.os).name;
  if (!name) return ctx.required(OS_NAME, `${P}.os.name`);
  if (!['linux', 'windows'].includes(name)) return ctx.notSupported(OS_NAME, `${P}.os`, name, ['linux', 'windows']);
  const R = WINDOWS_HOST_NAMESPACES;
  const sc = map(pod.securityContext);
  if (name === 'linux') {
    if (set(sc.windowsOptions)) ctx.forbidden(R, `${P}.securityContext.windowsOptions`, 'windows options cannot be set for a linux pod');
    for (const { c, path } of containers(pod, P)) {
      if (set(map(c.securityContext).windowsOptions)) ctx.forbidden(R, `${path}.securityContext.windowsOptions`, 'windows options cannot be set for a linux pod');
    }
    return;
  }
  const forbid = (path: string): void => ctx.forbidden(R, path, 'cannot be set for a windows pod');
  LINUX_POD_FIELDS.filter(f => set(sc[f]) && !(f === 'sysctls' && list(sc[f]).length === 0)).forEach(f => forbid(`${P}.securityContext.${f}`));
  if (set(pod.hostUsers)) forbid(`${P}.hostUsers`);
  if (pod.hostPID === true) forbid(`${P}.hostPID`);
  if (pod.hostIPC === true) forbid(`${P}.hostIPC`);
  if (set(pod.shareProcessNamespace)) forbid(`${P}.shareProcessNamespace`);
  for (const { c, path } of containers(pod, P)) {
    const csc = map(c.securityContext);
    LINUX_CONTAINER_FIELDS.filter(f => set(csc[f])).forEach(f => forbid(`${path}.securityContext.${f}`));
  }
}

/**
 * Windows HostProcess containers: the pod's and a container's `hostProcess` must agree when both
 * are set; if any container is a HostProcess container, all must be, and the pod needs hostNetwork.
 */
function checkHostProcess(ctx: Ctx, pod: any, P: string): void {
  const podValue = map(map(pod.securityContext).windowsOptions).hostProcess;
  const all = containers(pod, P);
  let hostProcess = 0;
  for (const { c, path } of all) {
    const value = map(map(c.securityContext).windowsOptions).hostProcess;
    if (typeof podValue === 'boolean' && typeof value === 'boolean' && podValue !== value) {
      ctx.invalid(WINDOWS_HOST_PROCESS, `${path}.securityContext.windowsOptions.hostProcess`, value, `pod hostProcess value must be identical if both are specified, was ${podValue}`);
    }
    if ((value ?? podValue) === true) hostProcess++;
  }
  if (hostProcess === 0) return;
  if (hostProcess !== all.length) ctx.invalid(WINDOWS_HOST_PROCESS, P, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers');
  if (pod.hostNetwork !== true) ctx.invalid(WINDOWS_HOST_PROCESS, `${P}.hostNetwork`, pod.hostNetwork ?? false, 'hostNetwork must be true if pod contains any hostProcess containers');
}
