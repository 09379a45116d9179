import { Ctx, map } from './context';
import { RuleArea, SRC } from './rule';

export const HOST_AREA = new RuleArea('os and host namespaces', 'src/validation/rules/host.ts');
export const OS_NAME = HOST_AREA.error('os-name', '`os` without a name, or a name other than linux/windows (reported at `os`).', 'Use `os.name: linux`.', SRC.CORE);
export const HOST_NAMESPACES_USER_NAMESPACES = HOST_AREA.error('host-namespaces-user-namespaces', 'hostNetwork, hostPID or hostIPC together with `hostUsers: false` (paths `hostNetwork`, `HostPID`, `HostIPC`, as the server spells them).', 'Drop the host namespace or the user namespace.', SRC.CORE);
export const WINDOWS_HOST_NAMESPACES = HOST_AREA.error('windows-host-namespaces', 'hostPID or hostIPC on a pod with `os.name: windows`, or Linux-only security settings on a Windows pod.', 'Remove them for Windows pods.', SRC.CORE);
export const HOST_NETWORK = HOST_AREA.warning('host-network', '`hostNetwork: true`: the pod shares the node\'s network stack (Pod Security baseline forbids it).', 'Opt in with the `hostNetwork` prop only for daemons that need the node\'s interfaces.', SRC.PSS, { linterIds: ['kube-linter:host-network', 'polaris:hostNetworkSet'], hostAccess: true });
export const HOST_PID = HOST_AREA.warning('host-pid', '`hostPID: true`: the pod sees every process of the node.', 'Opt in with the `hostPID` prop only when the daemon inspects host processes.', SRC.PSS, { linterIds: ['kube-linter:host-pid', 'polaris:hostPIDSet'], hostAccess: true });
export const HOST_IPC = HOST_AREA.warning('host-ipc', '`hostIPC: true`: the pod shares the node\'s IPC namespace; no node daemon preset needs it.', 'Remove hostIPC.', SRC.PSS, { linterIds: ['kube-linter:host-ipc', 'polaris:hostIPCSet'], hostAccess: true });

export function checkHost(ctx: Ctx, pod: any, P: string): void {
  const hostUsers = pod.hostUsers ?? map(pod.securityContext).hostUsers;
  if (hostUsers === false) {
    if (pod.hostNetwork === true) ctx.forbidden(HOST_NAMESPACES_USER_NAMESPACES, `${P}.hostNetwork`, 'when `hostUsers` is false');
    if (pod.hostPID === true) ctx.forbidden(HOST_NAMESPACES_USER_NAMESPACES, `${P}.HostPID`, 'when `hostUsers` is false');
    if (pod.hostIPC === true) ctx.forbidden(HOST_NAMESPACES_USER_NAMESPACES, `${P}.HostIPC`, 'when `hostUsers` is false');
  }
  if (pod.os !== undefined) {
    const name = map(pod.os).name;
    if (!name) ctx.required(OS_NAME, `${P}.os.name`);
    else if (!['linux', 'windows'].includes(name)) ctx.notSupported(OS_NAME, `${P}.os`, name, ['linux', 'windows']);
    if (name === 'windows') {
      for (const f of ['hostPID', 'hostIPC']) if (pod[f] === true) ctx.forbidden(WINDOWS_HOST_NAMESPACES, `${P}.${f}`, 'cannot be set for a windows pod');
      const sc = map(pod.securityContext);
      for (const f of ['seLinuxOptions', 'seccompProfile', 'runAsUser', 'runAsGroup', 'fsGroup', 'sysctls']) {
        if (sc[f] !== undefined) ctx.forbidden(WINDOWS_HOST_NAMESPACES, `${P}.securityContext.${f}`, 'cannot be set for a windows pod');
      }
    }
    if (name === 'linux' && map(pod.securityContext).windowsOptions !== undefined) {
      ctx.forbidden(WINDOWS_HOST_NAMESPACES, `${P}.securityContext.windowsOptions`, 'windows options cannot be set for a linux pod');
    }
  }
  if (pod.hostNetwork === true) ctx.report(HOST_NETWORK, `${P}.hostNetwork`, 'shares the node network namespace');
  if (pod.hostPID === true) ctx.report(HOST_PID, `${P}.hostPID`, 'shares the node PID namespace');
  if (pod.hostIPC === true) ctx.report(HOST_IPC, `${P}.hostIPC`, 'shares the node IPC namespace');
}
