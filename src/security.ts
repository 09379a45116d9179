/**
 * Pod Security Standards levels, lowest privilege first.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export enum PodSecurityLevel {
  /** Heavily restricted: current pod hardening best practices. */
  RESTRICTED = 'restricted',
  /** Minimally restrictive: prevents known privilege escalations (no host namespaces, hostPath, privileged, ...). */
  BASELINE = 'baseline',
  /** Unrestricted: what host-level node daemons usually need. */
  PRIVILEGED = 'privileged',
}

/** One Pod Security Standards control a pod breaks. */
export interface PodSecurityViolation {
  /** The lowest level that admits the pod despite this control: `baseline` or `privileged`. */
  readonly requires: PodSecurityLevel;
  /** The PSA check id, e.g. `hostNamespaces`. */
  readonly control: string;
  /** The field path relative to the pod spec, e.g. `hostNetwork` or `containers[0].securityContext.privileged`. */
  readonly path: string;
}

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
]);
const RESTRICTED_VOLUME_SOURCES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** The newest Pod Security policy version the checks know (k8s.io/pod-security-admission v0.37). */
const LATEST_POLICY_MINOR = 37;

/**
 * Every Pod Security Standards control a pod spec breaks, checked as Pod Security Admission
 * checks it (PSA check ids; containers and init containers alike).
 *
 * @param podSpec the pod spec in its JSON form (`spec.template.spec` of a DaemonSet)
 * @param policyMinor the policy version's minor (`latest` is the cluster's release): controls added later are not checked
 */
export function podSecurityViolations(podSpec: any, policyMinor = LATEST_POLICY_MINOR): PodSecurityViolation[] {
  const out: PodSecurityViolation[] = [];
  const B = PodSecurityLevel.PRIVILEGED; // breaking a baseline control requires privileged
  const R = PodSecurityLevel.BASELINE; // breaking a restricted-only control requires baseline
  const add = (requires: PodSecurityLevel, control: string, path: string) => out.push({ requires, control, path });
  const spec = podSpec ?? {};
  const podSc = spec.securityContext ?? {};

  for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[f] === true) add(B, 'hostNamespaces', f);
  if (podSc.windowsOptions?.hostProcess === true) add(B, 'windowsHostProcess', 'securityContext.windowsOptions.hostProcess');
  checkSeLinux(podSc.seLinuxOptions, 'securityContext.seLinuxOptions', add);
  if (podSc.seccompProfile?.type === 'Unconfined') add(B, 'seccompProfile_baseline', 'securityContext.seccompProfile.type');
  if (podSc.appArmorProfile?.type === 'Unconfined') add(B, 'appArmorProfile', 'securityContext.appArmorProfile.type');
  (podSc.sysctls ?? []).forEach((s: any, i: number) => {
    if (!SAFE_SYSCTLS.has(s?.name)) add(B, 'sysctls', `securityContext.sysctls[${i}].name`);
  });
  (spec.volumes ?? []).forEach((v: any, i: number) => {
    if (v?.hostPath) add(B, 'hostPathVolumes', `volumes[${i}].hostPath`);
    const source = Object.keys(v ?? {}).find(k => k !== 'name');
    if (source && !RESTRICTED_VOLUME_SOURCES.has(source)) add(R, 'restrictedVolumes', `volumes[${i}]`);
  });
  if (podSc.runAsUser === 0) add(R, 'runAsUser', 'securityContext.runAsUser');

  const containers = [
    ...(spec.initContainers ?? []).map((c: any, i: number) => [c, `initContainers[${i}]`]),
    ...(spec.containers ?? []).map((c: any, i: number) => [c, `containers[${i}]`]),
  ] as Array<[any, string]>;
  for (const [c, p] of containers) {
    const sc = c?.securityContext ?? {};
    const scp = `${p}.securityContext`;
    if (sc.privileged === true) add(B, 'privileged', `${scp}.privileged`);
    if (sc.windowsOptions?.hostProcess === true) add(B, 'windowsHostProcess', `${scp}.windowsOptions.hostProcess`);
    const added: string[] = sc.capabilities?.add ?? [];
    added.forEach((cap, i) => {
      if (!BASELINE_CAPABILITIES.has(cap)) add(B, 'capabilities_baseline', `${scp}.capabilities.add[${i}]`);
      else if (cap !== 'NET_BIND_SERVICE') add(R, 'capabilities_restricted', `${scp}.capabilities.add[${i}]`);
    });
    if (!(sc.capabilities?.drop ?? []).includes('ALL')) add(R, 'capabilities_restricted', `${scp}.capabilities.drop`);
    (c?.ports ?? []).forEach((port: any, i: number) => {
      if (port?.hostPort) add(B, 'hostPorts', `${p}.ports[${i}].hostPort`);
    });
    checkSeLinux(sc.seLinuxOptions, `${scp}.seLinuxOptions`, add);
    if (sc.procMount !== undefined && sc.procMount !== 'Default') add(B, 'procMount', `${scp}.procMount`);
    if (sc.appArmorProfile?.type === 'Unconfined') add(B, 'appArmorProfile', `${scp}.appArmorProfile.type`);
    const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
    if (sc.seccompProfile?.type === 'Unconfined') add(B, 'seccompProfile_baseline', `${scp}.seccompProfile.type`);
    else if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') add(R, 'seccompProfile_restricted', `${scp}.seccompProfile`);
    if (sc.allowPrivilegeEscalation !== false) add(R, 'allowPrivilegeEscalation', `${scp}.allowPrivilegeEscalation`);
    if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) add(R, 'runAsNonRoot', `${scp}.runAsNonRoot`);
    if (sc.runAsUser === 0) add(R, 'runAsUser', `${scp}.runAsUser`);
    // hostProbesAndHostLifecycle is a baseline control from policy version 1.34.
    if (policyMinor < 34) continue;
    const handlers: Array<[any, string]> = [
      ...['livenessProbe', 'readinessProbe', 'startupProbe'].map(k => [c?.[k], `${p}.${k}`] as [any, string]),
      ...['postStart', 'preStop'].map(k => [c?.lifecycle?.[k], `${p}.lifecycle.${k}`] as [any, string]),
    ];
    for (const [h, hp] of handlers) {
      for (const handler of ['httpGet', 'tcpSocket']) {
        if (h?.[handler]?.host) add(B, 'hostProbesAndHostLifecycle', `${hp}.${handler}.host`);
      }
    }
  }
  return out;
}

/** The lowest Pod Security Standards level that admits the pod spec. */
export function podSecurityLevelOf(podSpec: any, policyMinor = LATEST_POLICY_MINOR): PodSecurityLevel {
  const violations = podSecurityViolations(podSpec, policyMinor);
  if (violations.some(v => v.requires === PodSecurityLevel.PRIVILEGED)) return PodSecurityLevel.PRIVILEGED;
  if (violations.length > 0) return PodSecurityLevel.BASELINE;
  return PodSecurityLevel.RESTRICTED;
}

/** Orders levels: true when `level` admits everything `required` admits. */
export function podSecurityLevelAdmits(level: PodSecurityLevel, required: PodSecurityLevel): boolean {
  const rank = [PodSecurityLevel.RESTRICTED, PodSecurityLevel.BASELINE, PodSecurityLevel.PRIVILEGED];
  return rank.indexOf(level) >= rank.indexOf(required);
}

function checkSeLinux(opts: any, path: string, add: (r: PodSecurityLevel, c: string, p: string) => void) {
  if (!opts) return;
  if (opts.type !== undefined && !SELINUX_TYPES.has(opts.type)) add(PodSecurityLevel.PRIVILEGED, 'seLinuxOptions', `${path}.type`);
  if (opts.user) add(PodSecurityLevel.PRIVILEGED, 'seLinuxOptions', `${path}.user`);
  if (opts.role) add(PodSecurityLevel.PRIVILEGED, 'seLinuxOptions', `${path}.role`);
}
