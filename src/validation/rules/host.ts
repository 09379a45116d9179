import { error, RuleDef, SRC, warning } from './catalogue';
import { Ctx, map } from './context';

const A = 'os and host namespaces';
export const HOST_RULES: RuleDef[] = [
  error(A, 'os-name', '`os` without a name, or a name other than linux/windows (reported at `os`).', 'Use `os.name: linux`.', SRC.CORE),
  error(A, 'host-namespaces-user-namespaces', 'hostNetwork, hostPID or hostIPC together with `hostUsers: false` (paths `hostNetwork`, `HostPID`, `HostIPC`, as the server spells them).', 'Drop the host namespace or the user namespace.', SRC.CORE),
  error(A, 'windows-host-namespaces', 'hostPID or hostIPC on a pod with `os.name: windows`, or Linux-only security settings on a Windows pod.', 'Remove them for Windows pods.', SRC.CORE),
  warning(A, 'host-network', '`hostNetwork: true`: the pod shares the node\'s network stack (Pod Security baseline forbids it).', 'Opt in with the `hostNetwork` prop only for daemons that need the node\'s interfaces.', SRC.PSS, { linterIds: ['kube-linter:host-network', 'polaris:hostNetworkSet'], hostAccess: true }),
  warning(A, 'host-pid', '`hostPID: true`: the pod sees every process of the node.', 'Opt in with the `hostPID` prop only when the daemon inspects host processes.', SRC.PSS, { linterIds: ['kube-linter:host-pid', 'polaris:hostPIDSet'], hostAccess: true }),
  warning(A, 'host-ipc', '`hostIPC: true`: the pod shares the node\'s IPC namespace; no node daemon preset needs it.', 'Remove hostIPC.', SRC.PSS, { linterIds: ['kube-linter:host-ipc', 'polaris:hostIPCSet'], hostAccess: true }),
];

export function checkHost(ctx: Ctx, pod: any, P: string): void {
  const hostUsers = pod.hostUsers ?? map(pod.securityContext).hostUsers;
  if (hostUsers === false) {
    if (pod.hostNetwork === true) ctx.forbidden('host-namespaces-user-namespaces', `${P}.hostNetwork`, 'when `hostUsers` is false');
    if (pod.hostPID === true) ctx.forbidden('host-namespaces-user-namespaces', `${P}.HostPID`, 'when `hostUsers` is false');
    if (pod.hostIPC === true) ctx.forbidden('host-namespaces-user-namespaces', `${P}.HostIPC`, 'when `hostUsers` is false');
  }
  if (pod.os !== undefined) {
    const name = map(pod.os).name;
    if (!name) ctx.required('os-name', `${P}.os.name`);
    else if (!['linux', 'windows'].includes(name)) ctx.notSupported('os-name', `${P}.os`, name, ['linux', 'windows']);
    if (name === 'windows') {
      for (const f of ['hostPID', 'hostIPC']) if (pod[f] === true) ctx.forbidden('windows-host-namespaces', `${P}.${f}`, 'cannot be set for a windows pod');
      const sc = map(pod.securityContext);
      for (const f of ['seLinuxOptions', 'seccompProfile', 'runAsUser', 'runAsGroup', 'fsGroup', 'sysctls']) {
        if (sc[f] !== undefined) ctx.forbidden('windows-host-namespaces', `${P}.securityContext.${f}`, 'cannot be set for a windows pod');
      }
    }
    if (name === 'linux' && map(pod.securityContext).windowsOptions !== undefined) {
      ctx.forbidden('windows-host-namespaces', `${P}.securityContext.windowsOptions`, 'windows options cannot be set for a linux pod');
    }
  }
  if (pod.hostNetwork === true) ctx.report('host-network', `${P}.hostNetwork`, 'shares the node network namespace');
  if (pod.hostPID === true) ctx.report('host-pid', `${P}.hostPID`, 'shares the node PID namespace');
  if (pod.hostIPC === true) ctx.report('host-ipc', `${P}.hostIPC`, 'shares the node IPC namespace');
}
