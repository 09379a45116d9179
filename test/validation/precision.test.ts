import { baseDaemonSet } from './base';
import { DaemonSetValidator, ValidationFinding, ValidationSeverity } from '../../src';

/**
 * Warnings that are right (issue 10 item 5): each fault kind the precision corpus found
 * (test/validation/corpus/), on a small manifest shaped like the daemon that trips it.
 */

const P = 'spec.template.spec';
const pod = (ds: any) => ds.spec.template.spec;
const c0 = (ds: any) => pod(ds).containers[0];

const warnings = (findings: ValidationFinding[]) => findings.filter(f => f.severity === ValidationSeverity.WARNING);
/** The warnings of one DaemonSet (with the companions given), as `rule@path` without the pod prefix. */
function warn(ds: any, ...companions: any[]): string[] {
  const findings = companions.length === 0 ? DaemonSetValidator.validate(ds) : DaemonSetValidator.validateAll([ds, ...companions]);
  return warnings(findings).filter(f => f.resource.startsWith('DaemonSet ')).map(f => `${f.rule}@${f.path.replace(`${P}.`, '')}`);
}
const rulesOf = (ds: any, ...companions: any[]) => warn(ds, ...companions).map(w => w.split('@')[0]);

function changed(change: (ds: any) => void): any {
  const ds = baseDaemonSet();
  change(ds);
  return ds;
}

const serviceAccount = (extra: any = {}) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: 'monitoring' }, ...extra });
const clusterRoleBinding = (subject: any) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'agent' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'agent' },
  subjects: [subject],
});

describe('controller-managed-toleration compares key, operator, value and effect (AddOrUpdateDaemonPodTolerations)', () => {
  const withToleration = (t: any, hostNetwork = false) => changed(ds => {
    pod(ds).tolerations = [t];
    if (hostNetwork) { pod(ds).hostNetwork = true; pod(ds).dnsPolicy = 'ClusterFirstWithHostNet'; }
  });
  test('a CNI\'s not-ready:NoSchedule is kept by the controller: no warning', () => {
    expect(rulesOf(withToleration({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }))).not.toContain('controller-managed-toleration');
  });
  test('not-ready:NoExecute Exists is the controller\'s own: redundant', () => {
    const ds = withToleration({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' });
    const f = DaemonSetValidator.validate(ds).find(x => x.rule === 'controller-managed-toleration');
    expect(f).toMatchObject({ path: `${P}.tolerations[0].key` });
    expect(f!.message).toMatch(/redundant/);
  });
  test('unreachable:NoExecute with tolerationSeconds is replaced: the seconds are lost', () => {
    const ds = withToleration({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    expect(DaemonSetValidator.validate(ds).find(x => x.rule === 'controller-managed-toleration')!.message).toMatch(/tolerationSeconds 300.*lost|replace/);
  });
  test('an empty effect, another operator or a value is kept: no warning', () => {
    for (const t of [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoExecute' },
    ]) expect(rulesOf(withToleration(t))).not.toContain('controller-managed-toleration');
  });
  test('network-unavailable:NoSchedule is the controller\'s only under hostNetwork', () => {
    const t = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };
    expect(rulesOf(withToleration(t))).not.toContain('controller-managed-toleration');
    expect(rulesOf(withToleration(t, true))).toContain('controller-managed-toleration');
  });
});

/**
 * The taint manager takes, per taint, the first toleration that tolerates it (GetMatchingTolerations,
 * pkg/apis/core/v1/helper/helpers.go, 1.37) and the DaemonSet controller appends its own not-ready and
 * unreachable NoExecute tolerations, without tolerationSeconds, after the user's
 * (AddOrUpdateTolerationInPodSpec): a blanket NoExecute toleration with tolerationSeconds comes first.
 */
describe('controller-toleration-shadowed: a NoExecute toleration with tolerationSeconds ahead of the controller\'s own', () => {
  const withTolerations = (...tolerations: any[]) => changed(ds => { pod(ds).tolerations = tolerations; });
  const shadowed = (ds: any) => DaemonSetValidator.validate(ds).filter(x => x.rule === 'controller-toleration-shadowed');
  test('a blanket {operator: Exists, effect: NoExecute, tolerationSeconds} evicts the daemon from NotReady and unreachable nodes', () => {
    const found = shadowed(withTolerations({ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }));
    expect(found.map(f => f.path)).toEqual([`${P}.tolerations[0].tolerationSeconds`]);
    expect(found[0].message).toMatch(/matches the NotReady and unreachable taint .*evicted 300s after its node turns NotReady or unreachable/);
    expect(found[0].severity).toBe(ValidationSeverity.WARNING);
  });
  test('the key with Equal and no value is not replaced by the controller, so it shadows too', () => {
    const found = shadowed(withTolerations({ key: 'node.kubernetes.io/unreachable', operator: 'Equal', effect: 'NoExecute', tolerationSeconds: 60 }));
    expect(found.map(f => f.message)).toEqual([expect.stringMatching(/matches the unreachable taint.*evicted 60s after its node turns unreachable$/)]);
  });
  test('an earlier toleration without tolerationSeconds is the one used: no warning', () => {
    expect(shadowed(withTolerations({ operator: 'Exists', effect: 'NoExecute' }, { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }))).toEqual([]);
  });
  test('the controller\'s own toleration (replaced in place), a keyed one for another taint, or no seconds: no warning', () => {
    for (const t of [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'example.com/maintenance', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { operator: 'Exists' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Equal', value: 'x', effect: 'NoExecute', tolerationSeconds: 300 },
    ]) expect(shadowed(withTolerations(t))).toEqual([]);
  });
});

describe('env-literal-secret: a name that ends in a credential, with a literal value', () => {
  const envWarnings = (env: Array<{ name: string; value: string }>) => rulesOf(changed(ds => { ds.spec.template.spec.containers[0].env = env; }))
    .filter(r => r === 'env-literal-secret');
  test('settings about a credential are not one: the NVIDIA device plugin\'s PASS_DEVICE_SPECS, a token lifetime, an auth mode', () => {
    expect(envWarnings([
      { name: 'PASS_DEVICE_SPECS', value: 'true' }, { name: 'TOKEN_TTL', value: '1h' }, { name: 'AUTH_MODE', value: 'kubernetes' },
      { name: 'COOKIE_DOMAIN', value: 'example.com' }, { name: 'DB_PASSWORD', value: 'false' }, { name: 'API_KEY', value: '%%env_DD_API_KEY%%' },
    ])).toEqual([]);
  });
  test('a credential written out still is one', () => {
    expect(envWarnings([{ name: 'DB_PASSWORD', value: 'Xq7-hunter2' }, { name: 'DD_API_KEY', value: 'abcdef0123456789' }])).toEqual(['env-literal-secret', 'env-literal-secret']);
  });
});

/** A Windows node daemon (CSI proxy-style): pinned by nodeSelector, or by `os.name`. */
function windowsDaemon(pin: 'nodeSelector' | 'beta' | 'os' | 'affinity'): any {
  return changed(ds => {
    const p = pod(ds);
    p.nodeSelector = pin === 'beta' ? { 'beta.kubernetes.io/os': 'windows' } : pin === 'nodeSelector' ? { 'kubernetes.io/os': 'windows' } : {};
    if (pin === 'affinity') {
      p.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] }] }] } } };
    }
    if (pin === 'os') p.os = { name: 'windows' };
    delete p.securityContext;
    c0(ds).image = 'registry.k8s.io/sig-storage/smbplugin:v1.16.0';
    c0(ds).securityContext = undefined;
    c0(ds).volumeMounts = [{ name: 'plugin-dir', mountPath: 'C:\\csi' }, { name: 'csi-proxy', mountPath: '\\\\.\\pipe\\csi-proxy-smb-v1' }];
    p.volumes = [
      { name: 'plugin-dir', hostPath: { path: 'C:\\var\\lib\\kubelet\\plugins\\smb.csi.k8s.io\\', type: 'DirectoryOrCreate' } },
      { name: 'csi-proxy', hostPath: { path: '\\\\.\\pipe\\csi-proxy-smb-v1', type: '' } },
    ];
  });
}

describe('Windows pods: absolute Windows paths, no Linux-only hardening advice', () => {
  const LINUX_ONLY = ['seccomp-unconfined', 'capabilities-not-dropped', 'privilege-escalation-allowed', 'writable-root-filesystem', 'run-as-root', 'relative-mount-path'];
  test.each(['nodeSelector', 'beta', 'os', 'affinity'] as const)('pinned by %s', pin => {
    const rules = rulesOf(windowsDaemon(pin));
    expect(rules.filter(r => LINUX_ONLY.includes(r))).toEqual([]);
  });
  test('the API server accepts none of the Linux-only fields on an os.name windows pod, so no advice may ask for them', () => {
    expect(DaemonSetValidator.validate(windowsDaemon('os')).filter(f => f.severity === ValidationSeverity.ERROR)).toEqual([]);
  });
  test('on a Linux pod a Windows path stays relative (a Linux runtime refuses it)', () => {
    const ds = changed(d => { c0(d).volumeMounts = [{ name: 'tmp', mountPath: 'C:\\tmp' }]; });
    expect(warn(ds)).toContain('relative-mount-path@containers[0].volumeMounts[0].mountPath');
  });
  test('a required affinity that admits Linux too does not make the pod a Windows pod', () => {
    const ds = changed(d => {
      c0(d).volumeMounts = [{ name: 'tmp', mountPath: 'C:\\tmp' }];
      pod(d).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux', 'windows'] }] }] } } };
    });
    expect(rulesOf(ds)).toContain('relative-mount-path');
  });
});

describe('node-selector-os-missing reads what pins the OS', () => {
  test('beta.kubernetes.io/os pins it (the kubelet still sets both labels)', () => {
    const ds = changed(d => { pod(d).nodeSelector = { 'beta.kubernetes.io/os': 'linux' }; });
    expect(rulesOf(ds)).not.toContain('node-selector-os-missing');
  });
  test('a required NotIn [windows] pins it', () => {
    const ds = changed(d => {
      pod(d).nodeSelector = {};
      pod(d).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] }] }] } } };
    });
    expect(rulesOf(ds)).not.toContain('node-selector-os-missing');
  });
  test('a preferred term pins nothing', () => {
    const ds = changed(d => {
      pod(d).nodeSelector = {};
      pod(d).affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] } }] } };
    });
    expect(rulesOf(ds)).toContain('node-selector-os-missing');
  });
});

describe('service-selects-nothing looks at every workload kind of the input', () => {
  const service = (selector: any, labels: any = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'monitoring', labels }, spec: { selector, ports: [{ port: 80 }] } });
  const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'provisioner', namespace: 'monitoring' }, spec: { selector: { matchLabels: { app: 'provisioner' } }, template: { metadata: { labels: { app: 'provisioner' } }, spec: { containers: [{ name: 'p', image: 'registry.k8s.io/p:v1.0.0' }] } } } };
  const serviceFindings = (...objects: any[]) => DaemonSetValidator.validateAll([baseDaemonSet(), ...objects]).filter(f => f.rule === 'service-selects-nothing');
  test('a Service of a Deployment in the same input selects its pods', () => {
    expect(serviceFindings(deployment, service({ app: 'provisioner' }))).toEqual([]);
  });
  test('a CronJob\'s pods count too', () => {
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'monitoring' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'cron' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'x:v1' }] } } } } } };
    expect(serviceFindings(cron, service({ app: 'cron' }))).toEqual([]);
  });
  test('a Service for pods deployed outside the input (kube-dns-upstream → CoreDNS) is not dangling', () => {
    expect(serviceFindings(service({ 'k8s-app': 'kube-dns' }))).toEqual([]);
  });
  test('a Service of the DaemonSet (its name, or its labels) whose selector misses its pods is dangling', () => {
    const typo = { ...service({ 'app.kubernetes.io/name': 'agnet' }), metadata: { name: 'agent', namespace: 'monitoring' } };
    expect(serviceFindings(typo)).toHaveLength(1);
    const byLabels = service({ app: 'other' }, { 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/instance': 'agent' });
    expect(serviceFindings(byLabels)).toHaveLength(1);
  });
  test('a Service labelled for other pods, whose selector shares a key with the daemon\'s labels, is not the daemon\'s', () => {
    expect(serviceFindings(service({ 'app.kubernetes.io/name': 'coredns' }, { 'app.kubernetes.io/name': 'coredns' }))).toEqual([]);
  });
});

describe('RBAC rules reach a resource only through its API group', () => {
  const role = (rules: any[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'agent' }, rules });
  const rbac = (rules: any[]) => warnings(DaemonSetValidator.validate(role(rules))).map(f => f.rule);
  test('resources * in a CRD group reaches neither Secrets nor pods', () => {
    expect(rbac([{ apiGroups: ['cilium.io'], resources: ['*'], verbs: ['*'] }])).toEqual(['rbac-wildcard']);
  });
  test('core Secrets, apps DaemonSets and batch Jobs are reached in their groups (or *)', () => {
    expect(rbac([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }])).toEqual(['rbac-secrets']);
    expect(rbac([{ apiGroups: ['*'], resources: ['secrets'], verbs: ['list'] }])).toEqual(['rbac-wildcard', 'rbac-secrets']);
    expect(rbac([{ apiGroups: ['apps'], resources: ['daemonsets'], verbs: ['create'] }])).toEqual(['rbac-create-pods']);
    expect(rbac([{ apiGroups: ['batch'], resources: ['jobs'], verbs: ['create'] }])).toEqual(['rbac-create-pods']);
    expect(rbac([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }])).toEqual(['rbac-exec']);
  });
  test('the same names in another group reach nothing', () => {
    expect(rbac([{ apiGroups: ['apps'], resources: ['secrets', 'pods', 'pods/exec'], verbs: ['get', 'create'] }])).toEqual([]);
    expect(rbac([{ apiGroups: ['example.com'], resources: ['jobs', 'deployments'], verbs: ['create'] }])).toEqual([]);
  });
});

describe('env-literal-secret: a value that says where a Secret is mounted is no secret', () => {
  const envRules = (env: any[]) => rulesOf(changed(ds => { c0(ds).env = env; }));
  test.each([
    ['DD_AUTH_TOKEN_FILE_PATH', '/etc/datadog-agent/auth/token'],
    ['API_KEY_FILE', '/var/run/secrets/api-key'],
    ['TOKEN_DIR', 'tokens'],
    ['CLIENT_SECRET', '/etc/secret/client'],
    ['PASSWORD', 'C:\\secrets\\password'],
    ['TOKEN_URL', 'file:///etc/token'],
    ['PASSWORD', '$(DB_PASSWORD)'],
    // An entrypoint script or the daemon's own config expands these; a Vault path says where the secret is.
    ['PASSWORD', '${DB_PASSWORD}'],
    ['VAULT_TOKEN', 'secret/data/agent'],
  ])('%s=%s', (name, value) => {
    expect(envRules([{ name, value }])).not.toContain('env-literal-secret');
  });
  test('a literal password stays a finding', () => {
    expect(envRules([{ name: 'FLUENT_ELASTICSEARCH_PASSWORD', value: 'changeme' }])).toContain('env-literal-secret');
  });
});

describe('probe-host', () => {
  const probed = (host: string, hostNetwork: boolean) => changed(ds => {
    c0(ds).readinessProbe = { httpGet: { path: '/healthz', port: 9879, host } };
    c0(ds).ports.push({ name: 'health', containerPort: 9879 });
    if (hostNetwork) { pod(ds).hostNetwork = true; pod(ds).dnsPolicy = 'ClusterFirstWithHostNet'; }
  });
  const probeHost = (ds: any) => DaemonSetValidator.validate(ds).filter(f => f.rule === 'probe-host');
  test.each(['127.0.0.1', 'localhost', '::1', '169.254.20.10', 'fe80::1'])('under hostNetwork, %s is the daemon\'s own node: no warning', host => {
    expect(probeHost(probed(host, true))).toEqual([]);
  });
  test('without hostNetwork, loopback probes the node, not the pod', () => {
    const [f] = probeHost(probed('127.0.0.1', false));
    expect(f.message).toMatch(/node/);
    expect(f.message).not.toMatch(/another machine/);
  });
  test('another host: the probe goes there, not to the pod; baseline refusal named for a pod that would pass baseline', () => {
    const [f] = probeHost(probed('10.0.0.1', false));
    expect(f.message).toMatch(/10\.0\.0\.1/);
    expect(f.message).toMatch(/baseline/);
    const [h] = probeHost(probed('10.0.0.1', true));
    expect(h.message).not.toMatch(/baseline/);
  });
});

describe('probe-port-not-declared: once per container and port, not for a probe with host', () => {
  test('three probes on one undeclared port: one finding', () => {
    const ds = changed(d => {
      const probe = { httpGet: { path: '/healthz', port: 8080 } };
      c0(d).readinessProbe = probe; c0(d).livenessProbe = { ...probe, periodSeconds: 30 }; c0(d).startupProbe = probe;
    });
    expect(warn(ds).filter(w => w.startsWith('probe-port-not-declared'))).toEqual(['probe-port-not-declared@containers[0].livenessProbe.httpGet.port']);
  });
  test('a probe with host set targets another address: no finding', () => {
    const ds = changed(d => { pod(d).hostNetwork = true; pod(d).dnsPolicy = 'ClusterFirstWithHostNet'; c0(d).readinessProbe = { httpGet: { path: '/', port: 9879, host: '127.0.0.1' } }; });
    expect(rulesOf(ds)).not.toContain('probe-port-not-declared');
  });
});

describe('service-account-token-automount', () => {
  const mounting = () => changed(ds => { delete pod(ds).automountServiceAccountToken; });
  test('the ServiceAccount bound by a ClusterRoleBinding of the input calls the API: no warning', () => {
    const ds = mounting();
    expect(rulesOf(ds, serviceAccount(), clusterRoleBinding({ kind: 'ServiceAccount', name: 'agent', namespace: 'monitoring' }))).not.toContain('service-account-token-automount');
    expect(rulesOf(ds, serviceAccount(), clusterRoleBinding({ kind: 'ServiceAccount', name: 'agent', namespace: 'other' }))).toContain('service-account-token-automount');
  });
  test('explicit automountServiceAccountToken: true is a decision: no warning', () => {
    const ds = changed(d => { pod(d).automountServiceAccountToken = true; });
    expect(rulesOf(ds, serviceAccount())).not.toContain('service-account-token-automount');
  });
  test('the ServiceAccount that turns automount off mounts nothing: no warning', () => {
    expect(rulesOf(mounting(), serviceAccount({ automountServiceAccountToken: false }))).not.toContain('service-account-token-automount');
  });
  test('an unbound ServiceAccount with the token mounted by default: warning', () => {
    expect(rulesOf(mounting(), serviceAccount())).toContain('service-account-token-automount');
  });
  test('it is no host access: it stays when host access was opted in', () => {
    const findings = DaemonSetValidator.validateAll([mounting(), serviceAccount()], { hostAccessOptedIn: true });
    expect(findings.map(f => f.rule)).toContain('service-account-token-automount');
  });
});

/** A Calico-style CNI agent: hostNetwork, privileged, hostPath volumes mounted by two containers. */
function cniAgent(): any {
  return changed(ds => {
    const p = pod(ds);
    p.hostNetwork = true;
    p.dnsPolicy = 'ClusterFirstWithHostNet';
    p.hostPID = true;
    delete p.securityContext.runAsNonRoot;
    delete p.securityContext.runAsUser;
    p.volumes = [
      { name: 'cni-net-dir', hostPath: { path: '/etc/cni/net.d' } },
      { name: 'proc', hostPath: { path: '/proc' } },
      { name: 'sys', hostPath: { path: '/sys/', type: 'Directory' } },
    ];
    c0(ds).securityContext = { privileged: true };
    c0(ds).volumeMounts = [
      { name: 'cni-net-dir', mountPath: '/host/etc/cni/net.d' },
      { name: 'proc', mountPath: '/host/proc', readOnly: true },
      { name: 'sys', mountPath: '/host/sys', readOnly: true },
    ];
    p.containers.push({
      name: 'sidecar',
      image: 'registry.example.com/sidecar:v1.0.0',
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      securityContext: { runAsUser: 1000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } },
      volumeMounts: [{ name: 'cni-net-dir', mountPath: '/etc/cni/net.d', readOnly: true }],
    });
  });
}

describe('host-access: one finding per DaemonSet, the per-field detail in `details`', () => {
  const FOLDED = ['host-network', 'host-pid', 'host-ipc', 'host-port', 'host-path-volume', 'writable-host-path', 'sensitive-host-path', 'privileged-container', 'added-capabilities', 'selinux-custom'];
  test('one finding at the pod spec, none of the folded rules on its own', () => {
    const findings = DaemonSetValidator.validate(cniAgent());
    expect(findings.filter(f => f.rule === 'host-access').map(f => f.path)).toEqual([P]);
    expect(findings.filter(f => FOLDED.includes(f.rule))).toEqual([]);
  });
  test('the message lists what it uses: namespaces, each hostPath volume once (writable, sensitive), privileged containers, capabilities, host ports', () => {
    const f = DaemonSetValidator.validate(cniAgent()).find(x => x.rule === 'host-access')!;
    for (const item of ['hostNetwork', 'hostPID', 'cni-net-dir (/etc/cni/net.d)', 'proc (/proc)', 'writable cni-net-dir', 'sensitive proc, sys', 'privileged containers agent', 'sidecar NET_ADMIN', 'root containers agent']) {
      expect(f.message).toContain(item);
    }
    expect(f.message.match(/cni-net-dir/g)!.length).toBeLessThanOrEqual(2);
  });
  test('details keep every field, under the old rule ids: one hostPath detail per volume, not per mount', () => {
    const f = DaemonSetValidator.validate(cniAgent()).find(x => x.rule === 'host-access')!;
    const details = f.details!.map(d => `${d.rule}@${d.path.replace(`${P}.`, '')}`);
    expect(details).toEqual(expect.arrayContaining([
      'host-network@hostNetwork',
      'host-pid@hostPID',
      'host-path-volume@volumes[0].hostPath',
      'host-path-volume@volumes[1].hostPath',
      'host-path-volume@volumes[2].hostPath',
      'writable-host-path@containers[0].volumeMounts[0].readOnly',
      'sensitive-host-path@volumes[1].hostPath.path',
      'sensitive-host-path@volumes[2].hostPath.path',
      'privileged-container@containers[0].securityContext.privileged',
      'added-capabilities@containers[1].securityContext.capabilities.add[0]',
      'run-as-root@containers[0].securityContext.runAsNonRoot',
    ]));
    expect(details.filter(d => d.startsWith('host-path-volume'))).toHaveLength(3);
    expect(details.filter(d => d.startsWith('writable-host-path'))).toHaveLength(1);
    for (const d of f.details!) expect(d.message.length).toBeGreaterThan(0);
  });
  test('a hostPort without hostNetwork is listed; under hostNetwork every port is the node\'s anyway', () => {
    const ds = changed(d => { c0(d).ports[0].hostPort = 9100; });
    const f = DaemonSetValidator.validate(ds).find(x => x.rule === 'host-access')!;
    expect(f.message).toBe('uses the node: host ports agent 9100/TCP');
    expect(f.details).toEqual([{ rule: 'host-port', path: `${P}.containers[0].ports[0].hostPort`, message: 'agent 9100/TCP' }]);
  });
  test('its linter ids are those of the rules it folds', () => {
    const ids = (id: string) => DaemonSetValidator.rules().find(r => r.id === id)!.linterIds;
    expect(ids('host-access')).toEqual(expect.arrayContaining([...FOLDED, 'run-as-root'].flatMap(ids)));
  });
  test('suppressing an old id drops its detail, and the finding once none is left', () => {
    const suppress = ['host-network', 'host-pid', 'host-path-volume', 'writable-host-path', 'sensitive-host-path', 'privileged-container', 'added-capabilities'];
    const some = DaemonSetValidator.validate(cniAgent(), { suppress: ['host-network'] }).find(x => x.rule === 'host-access')!;
    expect(some.details!.map(d => d.rule)).not.toContain('host-network');
    expect(some.message).not.toContain('hostNetwork');
    const rest = DaemonSetValidator.validate(cniAgent(), { suppress: [...suppress, 'run-as-root'] });
    expect(rest.filter(f => f.rule === 'host-access')).toEqual([]);
  });
  test('hostAccessOptedIn silences it', () => {
    expect(DaemonSetValidator.validate(cniAgent(), { hostAccessOptedIn: true }).filter(f => f.rule === 'host-access')).toEqual([]);
  });
  test('a root container without host access keeps its own run-as-root warning', () => {
    const ds = changed(d => { delete pod(d).securityContext.runAsNonRoot; delete pod(d).securityContext.runAsUser; });
    expect(warn(ds)).toContain('run-as-root@containers[0].securityContext.runAsNonRoot');
    expect(rulesOf(ds)).not.toContain('host-access');
  });
  test('a /var/run or /run hostPath exposes the runtime socket; other directories under /run do not', () => {
    const socketDir = (path: string) => changed(d => {
      pod(d).volumes.push({ name: 'run', hostPath: { path } });
      c0(d).volumeMounts.push({ name: 'run', mountPath: '/host/run', readOnly: true });
    });
    for (const path of ['/var/run', '/run/', '/run/containerd', '/var/run/crio', '/var/run/docker.sock']) {
      expect(warn(socketDir(path))).toContain('container-runtime-socket@volumes[1].hostPath.path');
    }
    for (const path of ['/run/promtail', '/var/run/datadog', '/var/run/calico']) expect(rulesOf(socketDir(path))).not.toContain('container-runtime-socket');
  });
});

describe('privileged containers get no seccomp, capability or read-only-root advice (the runtime ignores all three)', () => {
  test('privileged with capabilities added and nothing dropped', () => {
    const ds = changed(d => { c0(d).securityContext = { privileged: true, capabilities: { add: ['SYS_ADMIN'] } }; delete pod(d).securityContext.seccompProfile; });
    const rules = rulesOf(ds);
    for (const r of ['seccomp-unconfined', 'capabilities-not-dropped', 'added-capabilities', 'writable-root-filesystem']) expect(rules).not.toContain(r);
  });
});

describe('seccomp-unconfined: once per pod when nothing sets a profile', () => {
  test('two unprivileged containers without a profile: one finding at the pod seccompProfile naming both', () => {
    const ds = changed(d => {
      delete pod(d).securityContext.seccompProfile;
      pod(d).containers.push({ ...c0(d), name: 'sidecar', ports: [], readinessProbe: undefined, livenessProbe: undefined });
    });
    const found = DaemonSetValidator.validate(ds).filter(f => f.rule === 'seccomp-unconfined');
    expect(found.map(f => f.path)).toEqual([`${P}.securityContext.seccompProfile`]);
    expect(found[0].message).toMatch(/agent.*sidecar/);
  });
  test('Unconfined set on a container stays a finding at that container', () => {
    const ds = changed(d => { c0(d).securityContext.seccompProfile = { type: 'Unconfined' }; });
    expect(warn(ds)).toContain('seccomp-unconfined@containers[0].securityContext.seccompProfile.type');
  });
});

describe('host-network-dns-policy', () => {
  const hostNet = (change: (ds: any) => void = () => {}) => changed(ds => { pod(ds).hostNetwork = true; change(ds); });
  test('a network bootstrap daemon (mounts /etc/cni/net.d, /opt/cni/bin or /run/xtables.lock) must not depend on cluster DNS', () => {
    for (const path of ['/etc/cni/net.d', '/opt/cni/bin', '/run/xtables.lock']) {
      const ds = hostNet(d => {
        pod(d).volumes.push({ name: 'host', hostPath: { path } });
        c0(d).volumeMounts.push({ name: 'host', mountPath: '/host', readOnly: true });
        c0(d).env.push({ name: 'UPSTREAM', value: 'http://api.monitoring.svc.cluster.local' });
      });
      expect(rulesOf(ds)).not.toContain('host-network-dns-policy');
    }
  });
  test('a hostNetwork daemon that names no cluster Service loses nothing under Default', () => {
    expect(rulesOf(hostNet())).not.toContain('host-network-dns-policy');
  });
  test('naming a cluster Service in args, env or a mounted ConfigMap: warning naming it', () => {
    const inArgs = hostNet(d => { c0(d).args.push('--server=loki-gateway.logging.svc:3100'); });
    const [f] = DaemonSetValidator.validate(inArgs).filter(x => x.rule === 'host-network-dns-policy');
    expect(f.message).toContain('loki-gateway.logging.svc');
    const config = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agent-config', namespace: 'monitoring' }, data: { 'fluent-bit.conf': '[OUTPUT]\n    Host loki-gateway.logging.svc.cluster.local\n' } };
    const mounted = hostNet(d => {
      pod(d).volumes.push({ name: 'config', configMap: { name: 'agent-config' } });
      c0(d).volumeMounts.push({ name: 'config', mountPath: '/fluent-bit/etc', readOnly: true });
    });
    expect(rulesOf(mounted, config)).toContain('host-network-dns-policy');
  });
});

describe('one readiness finding per DaemonSet', () => {
  const unprobed = () => changed(ds => { delete c0(ds).readinessProbe; });
  test('no per-container readiness-probe-missing, one readiness-gate-missing', () => {
    expect(warn(unprobed()).filter(w => w.startsWith('readiness'))).toEqual(['readiness-gate-missing@spec.minReadySeconds']);
  });
  test('a sidecar without a probe next to a probed container: nothing', () => {
    const ds = changed(d => { pod(d).containers.push({ ...c0(d), name: 'sidecar', ports: [], readinessProbe: undefined, livenessProbe: undefined }); });
    expect(rulesOf(ds).filter(r => r.startsWith('readiness'))).toEqual([]);
  });
  test('readiness-probe-missing still suppresses it (the id presets acknowledge)', () => {
    expect(DaemonSetValidator.validate(unprobed(), { suppress: ['readiness-probe-missing'] }).filter(f => f.rule.startsWith('readiness'))).toEqual([]);
  });
});

describe('arg-quoted-value: PowerShell and cmd parse their arguments like a shell', () => {
  test.each(['powershell', 'powershell.exe', 'pwsh', 'cmd.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'])('%s', shell => {
    const ds = changed(d => { c0(d).command = [shell, '-Command']; c0(d).args = ['"New-NetFirewallRule -DisplayName \'exporter\'"']; });
    expect(rulesOf(ds)).not.toContain('arg-quoted-value');
  });
});

describe('mutable-image-tag: branch tags move', () => {
  test.each(['main', 'master', 'canary', 'devel', 'edge', 'nightly', 'NIGHTLY', 'nightly-distroless-libc', 'main-debug'])('%s', tag => {
    expect(rulesOf(changed(d => { c0(d).image = `registry.example.com/agent:${tag}`; }))).toContain('mutable-image-tag');
  });
  test.each(['v1.2.3', 'mainline-1.0', 'developer-1', 'main@sha256:' + 'a'.repeat(64)])('%s is pinned', tag => {
    expect(rulesOf(changed(d => { c0(d).image = `registry.example.com/agent:${tag}`; }))).not.toContain('mutable-image-tag');
  });
});
