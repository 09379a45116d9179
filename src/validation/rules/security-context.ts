import type { PodFacts } from './containers';
import { Ctx, isInt, list, map } from './context';
import { Rule, RuleArea, SRC } from './rule';
import { checkDns1123Subdomain } from '../names';

export const SECURITY_AREA = new RuleArea('securityContext', 'src/validation/rules/security-context.ts');
export const PRIVILEGE_ESCALATION_CONFLICT = SECURITY_AREA.error('privilege-escalation-conflict', '`allowPrivilegeEscalation: false` with `privileged: true` or with CAP_SYS_ADMIN added.', 'Drop one of the two settings.', SRC.CORE);
export const SECURITY_CONTEXT_IDS = SECURITY_AREA.error('security-context-ids', 'runAsUser, runAsGroup, fsGroup or a supplementalGroup outside 0–2147483647.', 'Use a UID/GID in range.', SRC.CORE);
export const PROC_MOUNT = SECURITY_AREA.error('proc-mount', '`procMount` other than Default/Unmasked, or Unmasked without `hostUsers: false`.', 'Leave procMount unset.', SRC.CORE);
export const SECCOMP_PROFILE = SECURITY_AREA.error('seccomp-profile', 'A seccomp or AppArmor profile type outside RuntimeDefault/Unconfined/Localhost, or Localhost without a localhostProfile (seccomp: a relative path without `..`; AppArmor: a name not padded with whitespace, at most 4095 bytes), or another type with one.', 'Use RuntimeDefault, or Localhost with a relative profile path.', SRC.CORE);
export const SHARE_PROCESS_NAMESPACE = SECURITY_AREA.error('share-process-namespace', '`shareProcessNamespace` together with `hostPID`.', 'Use one or the other.', SRC.CORE);
export const SYSCTL_NAME = SECURITY_AREA.error('sysctl-name', 'A sysctl with an empty, malformed or repeated name, or a net.* sysctl under hostNetwork / an IPC sysctl under hostIPC.', 'Fix the name; do not set namespaced sysctls in the host namespace.', SRC.CORE);
export const FS_GROUP_CHANGE_POLICY = SECURITY_AREA.error('fs-group-change-policy', '`fsGroupChangePolicy` other than OnRootMismatch or Always.', 'Use OnRootMismatch or Always.', SRC.CORE);
export const SECURITY_CONTEXT_POLICIES = SECURITY_AREA.error('security-context-policies', '`supplementalGroupsPolicy` other than Merge or Strict, or `seLinuxChangePolicy` other than MountOption or Recursive.', 'Use a listed value (case-sensitive).', SRC.CORE);
export const WINDOWS_OPTIONS = SECURITY_AREA.error('windows-options', 'A `windowsOptions.gmsaCredentialSpecName` that is not a DNS subdomain, an empty or over-64-KiB `gmsaCredentialSpec`, or a `runAsUserName` that is not `[DOMAIN\\]USER` (user at most 104 characters, none of `"/\\:;|=,+*?<>@[]`).', 'Use a valid Windows account name, e.g. `NT AUTHORITY\\SYSTEM`.', SRC.CORE);
export const PRIVILEGED_CONTAINER = SECURITY_AREA.warning('privileged-container', '`privileged: true`: the container is root on the node.', 'Grant the capabilities it needs instead, or opt in with the `privileged` prop.', SRC.PSS, { linterIds: ['kube-linter:privileged-container', 'kube-linter:privilege-escalation-container', 'kube-score:container-security-context-privileged', 'polaris:runAsPrivileged'], hostAccess: true });
export const ADDED_CAPABILITIES = SECURITY_AREA.warning('added-capabilities', 'Capabilities added beyond the baseline set (SYS_ADMIN, NET_ADMIN, ALL, …).', 'Add only what the daemon needs, through the `capabilities` prop.', SRC.PSS, { linterIds: ['kube-linter:privilege-escalation-container', 'polaris:dangerousCapabilities'], hostAccess: true });
export const CAPABILITIES_NOT_DROPPED = SECURITY_AREA.warning('capabilities-not-dropped', 'The container does not drop ALL capabilities.', 'Set `capabilities.drop: [ALL]`.', SRC.PSS, { linterIds: ['kube-linter:drop-net-raw-capability', 'polaris:insecureCapabilities', 'polaris:linuxHardening'] });
export const PRIVILEGE_ESCALATION_ALLOWED = SECURITY_AREA.warning('privilege-escalation-allowed', '`allowPrivilegeEscalation` is not explicitly false (and the container is not privileged).', 'Set `allowPrivilegeEscalation: false`.', SRC.PSS, { linterIds: ['kube-linter:privilege-escalation-container', 'polaris:privilegeEscalationAllowed'] });
export const RUN_AS_ROOT = SECURITY_AREA.warning('run-as-root', 'The container may run as root: runAsNonRoot not true, or runAsUser 0.', 'Set `runAsUser` to the image\'s non-root UID (the `runAsUser` prop).', SRC.PSS, { linterIds: ['kube-linter:run-as-non-root', 'kube-score:container-security-context-user-group-id', 'polaris:runAsRootAllowed'], hostAccess: true });
export const SECCOMP_UNCONFINED = SECURITY_AREA.warning('seccomp-unconfined', 'No seccomp profile at pod or container level, or Unconfined.', 'Use `seccompProfile.type: RuntimeDefault`.', SRC.PSS, { linterIds: ['kube-score:container-seccomp-profile', 'polaris:linuxHardening'] });
export const APPARMOR_UNCONFINED = SECURITY_AREA.warning('apparmor-unconfined', 'An AppArmor profile of Unconfined.', 'Use RuntimeDefault or a Localhost profile.', SRC.PSS, { linterIds: ['polaris:linuxHardening'] });
export const SELINUX_CUSTOM = SECURITY_AREA.warning('selinux-custom', 'Custom SELinux user, role or type (e.g. spc_t).', 'Leave seLinuxOptions unset unless the host policy requires it.', SRC.PSS, { linterIds: ['polaris:linuxHardening'], hostAccess: true });
export const PROC_MOUNT_UNMASKED = SECURITY_AREA.warning('proc-mount-unmasked', '`procMount: Unmasked` exposes the host\'s /proc.', 'Leave procMount unset.', SRC.PSS, { linterIds: ['kube-linter:unsafe-proc-mount', 'polaris:procMount'] });
export const UNSAFE_SYSCTLS = SECURITY_AREA.warning('unsafe-sysctls', 'A sysctl outside the Pod Security safe set.', 'Tune the node instead, or run a privileged init DaemonSet.', SRC.PSS, { linterIds: ['kube-linter:unsafe-sysctls'] });

const MAX_ID = 2147483647;
const SECCOMP_TYPES = ['RuntimeDefault', 'Unconfined', 'Localhost'];
const BASELINE_CAPS = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const SAFE_SYSCTL_PREFIX = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const SYSCTL = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const IPC_SYSCTL = /^(kernel\.(shm|msg|sem)|fs\.mqueue\.)/;

/** Why `v` is no user or group id (0–2147483647), or undefined: the check of runAsUser, runAsGroup and fsGroup, fields and props alike. */
export function idProblem(v: unknown): string | undefined {
  return isInt(v) && v >= 0 && v <= MAX_ID ? undefined : `must be between 0 and ${MAX_ID}, inclusive`;
}

function checkId(ctx: Ctx, path: string, v: unknown): void {
  if (v !== undefined) ctx.check(SECURITY_CONTEXT_IDS, path, v, idProblem(v));
}

function checkProfile(ctx: Ctx, profile: unknown, path: string, unconfinedRule: Rule): void {
  if (profile === undefined || profile === null) return;
  const pr = map(profile);
  const apparmor = unconfinedRule === APPARMOR_UNCONFINED;
  if (!pr.type) return ctx.required(SECCOMP_PROFILE, `${path}.type`, `type is required when ${apparmor ? 'appArmorProfile' : 'seccompProfile'} is set`);
  if (!SECCOMP_TYPES.includes(pr.type)) return ctx.notSupported(SECCOMP_PROFILE, `${path}.type`, pr.type, ['Localhost', 'RuntimeDefault', 'Unconfined']);
  const lp = pr.localhostProfile;
  const kind = apparmor ? 'AppArmor' : 'seccomp';
  if (pr.type === 'Localhost') {
    if (lp === undefined || lp === null) ctx.required(SECCOMP_PROFILE, `${path}.localhostProfile`, `must be set when ${kind} type is Localhost`);
    else if (apparmor) checkAppArmorLocalhost(ctx, String(lp), `${path}.localhostProfile`);
    else if (String(lp).startsWith('/')) ctx.invalid(SECCOMP_PROFILE, `${path}.localhostProfile`, lp, 'must be a relative path');
    else if (String(lp).split('/').includes('..')) ctx.invalid(SECCOMP_PROFILE, `${path}.localhostProfile`, lp, "must not contain '..'");
  } else if (lp !== undefined && lp !== null) {
    ctx.invalid(SECCOMP_PROFILE, `${path}.localhostProfile`, apparmor ? lp : pr, `can only be set when ${kind} type is Localhost`);
  }
  if (pr.type === 'Unconfined') ctx.report(unconfinedRule, `${path}.type`, 'Unconfined disables the kernel sandbox');
}

/** An AppArmor localhost profile is a profile name, not a path: not padded with whitespace, not empty, at most PATH_MAX - 1. */
function checkAppArmorLocalhost(ctx: Ctx, lp: string, path: string): void {
  if (lp.trim() !== lp) ctx.invalid(SECCOMP_PROFILE, path, lp, 'must not be padded with whitespace');
  else if (lp === '') ctx.required(SECCOMP_PROFILE, path, 'must be set when AppArmor type is Localhost');
  if (lp.length > 4095) ctx.report(SECCOMP_PROFILE, path, 'Too long: may not be more than 4095 bytes');
}

const NETBIOS_DOMAIN = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_DOMAIN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** Why a Windows `runAsUserName` (`[DOMAIN\\]USER`) is refused, or undefined. */
function runAsUserNameProblem(name: string): string | undefined {
  if (name === '') return 'runAsUserName cannot be an empty string';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(name)) return 'runAsUserName cannot contain control characters';
  const parts = name.split('\\');
  if (parts.length > 2) return 'runAsUserName cannot contain more than one backslash';
  const [domain, user] = parts.length === 1 ? ['', parts[0]] : parts;
  if (domain.length >= 256) return 'runAsUserName\'s Domain length must be under 256 characters';
  if (parts.length === 2 && !NETBIOS_DOMAIN.test(domain) && !DNS_DOMAIN.test(domain)) return 'runAsUserName\'s Domain doesn\'t match the NetBios nor the DNS format';
  if (user.length === 0) return 'runAsUserName\'s User cannot be empty';
  if (user.length > 104) return 'runAsUserName\'s User length must not be longer than 104 characters';
  if (/^[. ]+$/.test(user)) return 'runAsUserName\'s User cannot contain only periods or spaces';
  if (/["/\\:;|=,+*?<>@[\]]/.test(user)) return 'runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]';
  return undefined;
}

/** `windowsOptions` of a pod or container: a GMSA spec name that is a DNS subdomain, a spec of 1 byte to 64 KiB, a valid runAsUserName. */
function checkWindowsOptions(ctx: Ctx, options: unknown, path: string): void {
  if (options === undefined || options === null) return;
  const o = map(options);
  const R = WINDOWS_OPTIONS;
  if (typeof o.gmsaCredentialSpecName === 'string') ctx.check(R, `${path}.gmsaCredentialSpecName`, o.gmsaCredentialSpecName, checkDns1123Subdomain(o.gmsaCredentialSpecName));
  if (typeof o.gmsaCredentialSpec === 'string') {
    if (o.gmsaCredentialSpec === '') ctx.invalid(R, `${path}.gmsaCredentialSpec`, '', 'gmsaCredentialSpec cannot be an empty string');
    else if (Buffer.byteLength(o.gmsaCredentialSpec) > 64 * 1024) ctx.invalid(R, `${path}.gmsaCredentialSpec`, '…', 'gmsaCredentialSpec size must be under 64 KiB');
  }
  if (typeof o.runAsUserName === 'string') ctx.check(R, `${path}.runAsUserName`, o.runAsUserName, runAsUserNameProblem(o.runAsUserName));
}

function checkSeLinux(ctx: Ctx, opts: unknown, path: string): void {
  const o = map(opts);
  if (o.user || o.role || (o.type && !['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'].includes(o.type))) {
    ctx.report(SELINUX_CUSTOM, path, 'custom SELinux options');
  }
}

export function checkContainerSecurity(ctx: Ctx, c: any, path: string, facts: PodFacts): void {
  const sc = map(c.securityContext);
  const podSc = map(facts.pod.securityContext);
  const p = `${path}.securityContext`;
  const added = list(map(sc.capabilities).add);
  const privileged = sc.privileged === true;
  const sysAdmin = added.includes('CAP_SYS_ADMIN');
  if (sc.allowPrivilegeEscalation === false && (privileged || sysAdmin)) {
    ctx.invalid(PRIVILEGE_ESCALATION_CONFLICT, p, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true');
  }
  checkId(ctx, `${p}.runAsUser`, sc.runAsUser);
  checkId(ctx, `${p}.runAsGroup`, sc.runAsGroup);
  if (sc.procMount !== undefined) {
    if (!['Default', 'Unmasked'].includes(sc.procMount)) {ctx.notSupported(PROC_MOUNT, `${p}.procMount`, sc.procMount, ['Default', 'Unmasked']);} else if (sc.procMount === 'Unmasked') {
      if (podSc.hostUsers !== false && facts.pod.hostUsers !== false) ctx.forbidden(PROC_MOUNT, `${p}.procMount`, '`hostUsers` must be false to use `Unmasked`');
      ctx.report(PROC_MOUNT_UNMASKED, `${p}.procMount`, 'Unmasked exposes the host /proc');
    }
  }
  checkProfile(ctx, sc.seccompProfile, `${p}.seccompProfile`, SECCOMP_UNCONFINED);
  checkProfile(ctx, sc.appArmorProfile, `${p}.appArmorProfile`, APPARMOR_UNCONFINED);
  checkWindowsOptions(ctx, sc.windowsOptions, `${p}.windowsOptions`);
  if (sc.seccompProfile === undefined && podSc.seccompProfile === undefined) ctx.report(SECCOMP_UNCONFINED, `${p}.seccompProfile`, 'no seccomp profile at pod or container level');
  checkSeLinux(ctx, sc.seLinuxOptions, `${p}.seLinuxOptions`);
  if (privileged) ctx.report(PRIVILEGED_CONTAINER, `${p}.privileged`, 'privileged container');
  added.forEach((cap, i) => {
    if (!BASELINE_CAPS.has(String(cap).replace(/^CAP_/, ''))) ctx.report(ADDED_CAPABILITIES, `${p}.capabilities.add[${i}]`, `adds ${cap}`);
  });
  if (!list(map(sc.capabilities).drop).includes('ALL')) ctx.report(CAPABILITIES_NOT_DROPPED, `${p}.capabilities.drop`, 'does not drop ALL');
  if (sc.allowPrivilegeEscalation !== false && !privileged && !sysAdmin && !added.includes('SYS_ADMIN')) {
    ctx.report(PRIVILEGE_ESCALATION_ALLOWED, `${p}.allowPrivilegeEscalation`, 'not explicitly false');
  }
  const user = sc.runAsUser ?? podSc.runAsUser;
  if (user === 0 || (sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true && !(isInt(user) && user > 0)) {
    ctx.report(RUN_AS_ROOT, `${p}.runAsNonRoot`, user === 0 ? 'runs as UID 0' : 'may run as root: set runAsNonRoot or a non-zero runAsUser');
  }
}

export function checkPodSecurity(ctx: Ctx, pod: any, P: string): void {
  const sc = map(pod.securityContext);
  const p = `${P}.securityContext`;
  for (const f of ['runAsUser', 'runAsGroup', 'fsGroup']) checkId(ctx, `${p}.${f}`, sc[f]);
  list(sc.supplementalGroups).forEach((g, k) => checkId(ctx, `${p}.supplementalGroups[${k}]`, g));
  if (sc.fsGroupChangePolicy !== undefined && !['OnRootMismatch', 'Always'].includes(sc.fsGroupChangePolicy)) {
    ctx.notSupported(FS_GROUP_CHANGE_POLICY, `${p}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, ['OnRootMismatch', 'Always']);
  }
  if (pod.shareProcessNamespace === true && pod.hostPID === true) {
    ctx.invalid(SHARE_PROCESS_NAMESPACE, `${P}.shareProcessNamespace`, true, 'ShareProcessNamespace and HostPID cannot both be enabled');
  }
  checkProfile(ctx, sc.seccompProfile, `${p}.seccompProfile`, SECCOMP_UNCONFINED);
  checkProfile(ctx, sc.appArmorProfile, `${p}.appArmorProfile`, APPARMOR_UNCONFINED);
  checkWindowsOptions(ctx, sc.windowsOptions, `${p}.windowsOptions`);
  if (sc.supplementalGroupsPolicy !== undefined && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    ctx.notSupported(SECURITY_CONTEXT_POLICIES, `${p}.supplementalGroupsPolicy`, sc.supplementalGroupsPolicy, ['Merge', 'Strict']);
  }
  // MountOption is accepted since SELinuxMount went GA (1.37); Recursive always.
  if (sc.seLinuxChangePolicy !== undefined && !['MountOption', 'Recursive'].includes(sc.seLinuxChangePolicy)) {
    ctx.notSupported(SECURITY_CONTEXT_POLICIES, `${p}.seLinuxChangePolicy`, sc.seLinuxChangePolicy, ['MountOption', 'Recursive']);
  }
  checkSeLinux(ctx, sc.seLinuxOptions, `${p}.seLinuxOptions`);
  const names = new Set<string>();
  list(sc.sysctls).forEach((s, k) => {
    const name = map(s).name;
    const sp = `${p}.sysctls[${k}].name`;
    if (!name) return ctx.required(SYSCTL_NAME, sp);
    if (String(name).length > 253 || !SYSCTL.test(String(name))) return ctx.invalid(SYSCTL_NAME, sp, name, 'must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$');
    if (names.has(name)) ctx.duplicate(SYSCTL_NAME, sp, name);
    names.add(name);
    if (pod.hostNetwork === true && String(name).startsWith('net.')) ctx.invalid(SYSCTL_NAME, sp, name, "may not be specified when 'hostNetwork' is true");
    if (pod.hostIPC === true && IPC_SYSCTL.test(String(name))) ctx.invalid(SYSCTL_NAME, sp, name, "may not be specified when 'hostIPC' is true");
    if (!SAFE_SYSCTL_PREFIX.includes(String(name).replace(/\//g, '.'))) ctx.report(UNSAFE_SYSCTLS, sp, `${name} is not a safe sysctl`);
  });
}
