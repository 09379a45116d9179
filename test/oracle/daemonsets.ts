/**
 * fast-check arbitraries for the differential test: valid apps/v1 DaemonSets that vary across
 * every pod-spec area, and mutations that break exactly one field of one area. Whether a
 * generated DaemonSet is valid, and which fields are wrong, is the oracle's answer, not ours:
 * the test checks that every base is accepted by the oracle (a base it refuses is a bug here).
 */
import * as fc from 'fast-check';

/** The areas of the list; every mutation belongs to one, and the known gaps are grouped by them. */
export const AREAS = [
  'metadata', 'selector', 'containers', 'ports', 'env', 'volumes', 'resources', 'probes', 'lifecycle',
  'security-context', 'scheduling', 'dns', 'host-namespaces', 'update-strategy', 'strict-fields', 'decoding',
] as const;
export type Area = typeof AREAS[number];

/** One way to break a valid DaemonSet: one field, in one area, each value its own case. */
export interface Mutation {
  readonly id: string;
  readonly area: Area;
  readonly values: readonly unknown[];
  apply(ds: any, value: any): void;
}

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const labelValue = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9_.-]{0,14}[A-Za-z0-9])?$/);
const image = fc.constantFrom('quay.io/prometheus/node-exporter:v1.8.2', 'fluent/fluent-bit:3.1.9',
  'registry.k8s.io/csi-node-driver-registrar:v2.11.1', 'docker.io/library/busybox@sha256:' + 'a'.repeat(64));
const cpu = fc.constantFrom('10m', '50m', '100m', '0.5', '1', '2');
const memory = fc.constantFrom('16Mi', '64Mi', '128Mi', '1Gi', '100M', '1e6');
const port = fc.integer({ min: 1, max: 65535 });

/** The pieces of one container the base picks; names and ports made unique afterwards. */
const containerArb = fc.record({
  image,
  imagePullPolicy: fc.constantFrom(undefined, 'IfNotPresent', 'Always', 'Never'),
  ports: fc.array(fc.record({ containerPort: port, protocol: fc.constantFrom(undefined, 'TCP', 'UDP', 'SCTP'), named: fc.boolean() }), { maxLength: 2 }),
  env: fc.array(fc.oneof(
    fc.record({ value: fc.string({ maxLength: 8 }) }),
    fc.constant({ valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }),
    fc.constant({ valueFrom: { fieldRef: { fieldPath: "metadata.labels['app.kubernetes.io/name']" } } }),
    fc.constant({ valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } }),
    fc.constant({ valueFrom: { configMapKeyRef: { name: 'agent-config', key: 'level', optional: true } } }),
    fc.constant({ valueFrom: { secretKeyRef: { name: 'agent-token', key: 'token' } } }),
  ), { maxLength: 3 }),
  envFrom: fc.constantFrom(undefined, [{ configMapRef: { name: 'agent-env' } }], [{ prefix: 'AGENT_', secretRef: { name: 'agent-secrets', optional: true } }]),
  resources: fc.option(fc.record({ cpu, memory, limit: fc.boolean() }), { nil: undefined }),
  probe: fc.constantFrom(undefined, 'httpGet', 'tcpSocket', 'exec', 'grpc'),
  preStop: fc.constantFrom(undefined, 'sleep', 'exec', 'httpGet'),
  securityContext: fc.constantFrom(undefined, 'restricted', 'privileged', 'capabilities'),
});

const baseArb = fc.record({
  name: dnsLabel,
  namespace: fc.constantFrom(undefined, 'kube-system', 'monitoring'),
  extraLabel: fc.option(labelValue, { nil: undefined }),
  containers: fc.array(containerArb, { minLength: 1, maxLength: 2 }),
  sidecar: fc.boolean(),
  volumes: fc.subarray(['emptyDir', 'hostPath', 'configMap', 'secret', 'projected', 'downwardAPI'] as const),
  hostNetwork: fc.boolean(),
  hostPID: fc.boolean(),
  dnsPolicy: fc.constantFrom(undefined, 'ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'),
  nodeSelector: fc.boolean(),
  affinity: fc.constantFrom(undefined, 'node', 'podAntiAffinity'),
  tolerations: fc.constantFrom(undefined, 'all', 'control-plane'),
  topologySpread: fc.boolean(),
  priorityClassName: fc.constantFrom(undefined, 'system-node-critical', 'system-cluster-critical'),
  podSecurityContext: fc.constantFrom(undefined, 'nonRoot', 'fsGroup'),
  updateStrategy: fc.constantFrom(undefined, 'OnDelete', 'maxUnavailable', 'maxSurge', 'percent'),
  minReadySeconds: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  revisionHistoryLimit: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  terminationGracePeriodSeconds: fc.option(fc.integer({ min: 10, max: 120 }), { nil: undefined }),
});

type BaseChoice = typeof baseArb extends fc.Arbitrary<infer T> ? T : never;

/** Valid DaemonSets, as JSON objects: every one is accepted by kube-apiserver (the test asserts it). */
export const validDaemonSet: fc.Arbitrary<any> = baseArb.map(build);

function build(b: BaseChoice): any {
  const labels: Record<string, string> = { 'app.kubernetes.io/name': b.name };
  const templateLabels = { ...labels, ...(b.extraLabel ? { 'app.kubernetes.io/version': b.extraLabel } : {}) };
  const volumes = b.volumes.map(kind => volume(kind));
  let nextPort = 0;
  const usedPorts = new Set<string>();
  const containers = b.containers.map((c, i) => {
    const ports = c.ports.flatMap(p => {
      const protocol = p.protocol ?? 'TCP';
      // Host networking publishes every container port on the node: one port and protocol once per pod.
      if (usedPorts.has(`${p.containerPort}/${protocol}`)) return [];
      usedPorts.add(`${p.containerPort}/${protocol}`);
      return [{ containerPort: p.containerPort, ...(p.protocol ? { protocol: p.protocol } : {}), ...(p.named ? { name: `p${nextPort++}` } : {}) }];
    });
    return container(`c${i}`, c, ports, volumes);
  });
  const spec: any = { containers };
  if (b.sidecar) {
    spec.initContainers = [{ name: 'proxy', image: 'registry.k8s.io/pause:3.10', restartPolicy: 'Always' }];
  }
  if (volumes.length > 0) spec.volumes = volumes;
  if (b.hostNetwork) spec.hostNetwork = true;
  if (b.hostPID) spec.hostPID = true;
  if (b.dnsPolicy === 'None') {
    spec.dnsPolicy = 'None';
    spec.dnsConfig = { nameservers: ['10.96.0.10'], searches: ['svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] };
  } else if (b.dnsPolicy) {
    spec.dnsPolicy = b.dnsPolicy;
  }
  if (b.nodeSelector) spec.nodeSelector = { 'kubernetes.io/os': 'linux' };
  if (b.affinity === 'node') {
    spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }] }] } } };
  } else if (b.affinity === 'podAntiAffinity') {
    spec.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } } }] } };
  }
  if (b.tolerations === 'all') spec.tolerations = [{ operator: 'Exists' }];
  if (b.tolerations === 'control-plane') spec.tolerations = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }];
  if (b.topologySpread) {
    spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } }];
  }
  if (b.priorityClassName) spec.priorityClassName = b.priorityClassName;
  if (b.podSecurityContext === 'nonRoot') spec.securityContext = { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } };
  if (b.podSecurityContext === 'fsGroup') spec.securityContext = { fsGroup: 2000, fsGroupChangePolicy: 'OnRootMismatch' };
  if (b.terminationGracePeriodSeconds !== undefined) spec.terminationGracePeriodSeconds = b.terminationGracePeriodSeconds;

  const dsSpec: any = { selector: { matchLabels: labels }, template: { metadata: { labels: templateLabels }, spec } };
  if (b.updateStrategy === 'OnDelete') dsSpec.updateStrategy = { type: 'OnDelete' };
  if (b.updateStrategy === 'maxUnavailable') dsSpec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } };
  if (b.updateStrategy === 'maxSurge') dsSpec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } };
  if (b.updateStrategy === 'percent') dsSpec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } };
  if (b.minReadySeconds !== undefined) dsSpec.minReadySeconds = b.minReadySeconds;
  if (b.revisionHistoryLimit !== undefined) dsSpec.revisionHistoryLimit = b.revisionHistoryLimit;
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}), labels: { ...labels } },
    spec: dsSpec,
  };
}

function volume(kind: BaseChoice['volumes'][number]): any {
  switch (kind) {
    case 'emptyDir': return { name: 'scratch', emptyDir: { sizeLimit: '1Gi' } };
    case 'hostPath': return { name: 'host-logs', hostPath: { path: '/var/log', type: 'Directory' } };
    case 'configMap': return { name: 'config', configMap: { name: 'agent-config', items: [{ key: 'agent.conf', path: 'agent.conf' }], defaultMode: 0o644 } };
    case 'secret': return { name: 'tls', secret: { secretName: 'agent-tls', optional: true } };
    case 'projected': return { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3600, audience: 'agent' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }] } };
    case 'downwardAPI': return { name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } };
  }
}

const MOUNT_PATHS: Record<string, string> = { 'scratch': '/tmp', 'host-logs': '/var/log', 'config': '/etc/agent', 'tls': '/etc/tls', 'token': '/var/run/secrets/agent', 'podinfo': '/etc/podinfo' };

function container(name: string, c: any, ports: any[], volumes: any[]): any {
  const out: any = { name, image: c.image };
  if (c.imagePullPolicy) out.imagePullPolicy = c.imagePullPolicy;
  if (ports.length > 0) out.ports = ports;
  if (c.env.length > 0) out.env = c.env.map((e: any, i: number) => ({ name: `VAR_${i}`, ...e }));
  if (c.envFrom) out.envFrom = c.envFrom;
  if (c.resources) {
    out.resources = { requests: { cpu: c.resources.cpu, memory: c.resources.memory } };
    if (c.resources.limit) out.resources.limits = { cpu: c.resources.cpu, memory: c.resources.memory };
  }
  if (c.probe === 'httpGet') out.readinessProbe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 };
  if (c.probe === 'tcpSocket') out.livenessProbe = { tcpSocket: { port: 8080 }, initialDelaySeconds: 5 };
  if (c.probe === 'exec') out.livenessProbe = { exec: { command: ['/bin/check'] }, failureThreshold: 3 };
  if (c.probe === 'grpc') out.startupProbe = { grpc: { port: 9090 }, failureThreshold: 30 };
  if (c.preStop === 'sleep') out.lifecycle = { preStop: { sleep: { seconds: 5 } } };
  if (c.preStop === 'exec') out.lifecycle = { preStop: { exec: { command: ['/bin/drain'] } } };
  if (c.preStop === 'httpGet') out.lifecycle = { preStop: { httpGet: { path: '/drain', port: 8080 } } };
  if (c.securityContext === 'restricted') out.securityContext = { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } };
  if (c.securityContext === 'privileged') out.securityContext = { privileged: true };
  if (c.securityContext === 'capabilities') out.securityContext = { capabilities: { add: ['NET_ADMIN', 'SYS_TIME'], drop: ['ALL'] } };
  if (volumes.length > 0) {
    out.volumeMounts = volumes.map(v => ({ name: v.name, mountPath: MOUNT_PATHS[v.name], ...(v.hostPath ? { readOnly: true } : {}) }));
  }
  return out;
}

// Accessors the mutations share: the pod spec, the first container, and a list field made present.
const pod = (ds: any): any => ds.spec.template.spec;
const c0 = (ds: any): any => pod(ds).containers[0];
const push = (obj: any, key: string, item: unknown): void => {
  obj[key] = [...(Array.isArray(obj[key]) ? obj[key] : []), item];
};
const setSc = (obj: any, patch: object): void => {
  obj.securityContext = { ...(obj.securityContext ?? {}), ...patch };
};
const addVolume = (ds: any, v: object, mount?: object): void => {
  push(pod(ds), 'volumes', v);
  if (mount) push(c0(ds), 'volumeMounts', mount);
};
const requiredNodeTerm = (ds: any, term: object): void => {
  pod(ds).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } };
};
const probe = (ds: any, p: object): void => {
  c0(ds).livenessProbe = p;
};

function m(area: Area, id: string, values: readonly unknown[], apply: (ds: any, v: any) => void): Mutation {
  return { id: `${area}/${id}`, area, values, apply };
}
/** A mutation with one value: the value is the change itself. */
function m1(area: Area, id: string, apply: (ds: any) => void): Mutation {
  return m(area, id, [null], ds => apply(ds));
}

/** Every mutation: each breaks one field, at any base. */
export const MUTATIONS: readonly Mutation[] = [
  // metadata
  m('metadata', 'name-invalid', ['Agent', 'agent_1', '-agent', 'a'.repeat(254)], (ds, v) => { ds.metadata.name = v; }),
  m1('metadata', 'name-missing', ds => { delete ds.metadata.name; }),
  m('metadata', 'namespace-invalid', ['Monitoring', 'kube_system'], (ds, v) => { ds.metadata.namespace = v; }),
  m('metadata', 'label-key-invalid', ['-bad', 'example.com/', 'a/b/c', 'Example_.com/x'], (ds, v) => { ds.metadata.labels[v] = 'x'; }),
  m('metadata', 'label-value-invalid', ['a'.repeat(64), '-x', 'a b'], (ds, v) => { ds.metadata.labels.team = v; }),
  m('metadata', 'annotation-key-invalid', ['bad key', '/x', 'a'.repeat(64)], (ds, v) => { ds.metadata.annotations = { [v]: 'x' }; }),
  m1('metadata', 'annotations-too-large', ds => { ds.metadata.annotations = { big: 'x'.repeat(256 * 1024) }; }),
  m('metadata', 'finalizer-invalid', ['bad finalizer', 'example.com/a/b'], (ds, v) => { ds.metadata.finalizers = [v]; }),
  m('metadata', 'template-generation-annotation', ['abc', '1.5', ''], (ds, v) => { ds.metadata.annotations = { 'deprecated.daemonset.template.generation': v }; }),
  m('metadata', 'pod-deletion-cost', ['x', '1.5', '99999999999'], (ds, v) => { ds.spec.template.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': v }; }),
  m1('metadata', 'mirror-pod-annotation', ds => { ds.spec.template.metadata.annotations = { 'kubernetes.io/config.mirror': 'x' }; }),
  m('metadata', 'seccomp-annotation', ['bad', 'localhost/', 'localhost/../x'], (ds, v) => { ds.spec.template.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': v }; }),
  m('metadata', 'apparmor-annotation', ['bad', 'localhost/'], (ds, v) => { ds.spec.template.metadata.annotations = { [`container.apparmor.security.beta.kubernetes.io/${c0(ds).name}`]: v }; }),
  m('metadata', 'template-label-key-invalid', ['-bad', 'a/b/c'], (ds, v) => { ds.spec.template.metadata.labels[v] = 'x'; }),
  // selector and template labels
  m1('selector', 'template-mismatch', ds => { ds.spec.template.metadata.labels['app.kubernetes.io/name'] = 'other'; }),
  m1('selector', 'empty', ds => { ds.spec.selector = {}; }),
  m1('selector', 'missing', ds => { delete ds.spec.selector; }),
  m('selector', 'expression-operator', ['Equals', 'in', 'Gt'], (ds, v) => { ds.spec.selector.matchExpressions = [{ key: 'tier', operator: v, values: ['node'] }]; }),
  m1('selector', 'expression-in-without-values', ds => { ds.spec.selector.matchExpressions = [{ key: 'tier', operator: 'In', values: [] }]; }),
  m1('selector', 'expression-exists-with-values', ds => { ds.spec.selector.matchExpressions = [{ key: 'tier', operator: 'Exists', values: ['x'] }]; }),
  m('selector', 'label-value-invalid', ['-x', 'a'.repeat(64)], (ds, v) => { ds.spec.selector.matchLabels.tier = v; ds.spec.template.metadata.labels.tier = v; }),
  m1('selector', 'template-labels-missing', ds => { delete ds.spec.template.metadata.labels; }),
  // containers
  m1('containers', 'none', ds => { pod(ds).containers = []; }),
  m('containers', 'name-invalid', ['Agent', 'agent_1', 'a'.repeat(64)], (ds, v) => { c0(ds).name = v; }),
  m1('containers', 'name-duplicate', ds => { push(pod(ds), 'containers', { name: c0(ds).name, image: 'busybox:1.36' }); }),
  m1('containers', 'name-duplicate-init', ds => { push(pod(ds), 'initContainers', { name: c0(ds).name, image: 'busybox:1.36' }); }),
  m1('containers', 'image-missing', ds => { delete c0(ds).image; }),
  m('containers', 'image-whitespace', [' busybox:1.36', 'busybox:1.36 '], (ds, v) => { c0(ds).image = v; }),
  m('containers', 'image-pull-policy', ['Sometimes', 'always'], (ds, v) => { c0(ds).imagePullPolicy = v; }),
  m('containers', 'termination-message-policy', ['Bad'], (ds, v) => { c0(ds).terminationMessagePolicy = v; }),
  m('containers', 'restart-policy-regular', ['Always', 'OnFailure'], (ds, v) => { c0(ds).restartPolicy = v; }),
  m('containers', 'restart-policy-init', ['OnFailure', 'Never'], (ds, v) => { push(pod(ds), 'initContainers', { name: 'init-x', image: 'busybox:1.36', restartPolicy: v }); }),
  m('containers', 'pod-restart-policy', ['OnFailure', 'Never'], (ds, v) => { pod(ds).restartPolicy = v; }),
  m1('containers', 'init-lifecycle-without-sidecar', ds => { push(pod(ds), 'initContainers', { name: 'init-x', image: 'busybox:1.36', readinessProbe: { exec: { command: ['true'] } } }); }),
  // ports
  m('ports', 'container-port-range', [0, -1, 65536], (ds, v) => { push(c0(ds), 'ports', { containerPort: v, protocol: 'SCTP', name: 'zz' }); }),
  m1('ports', 'container-port-missing', ds => { push(c0(ds), 'ports', { name: 'zz', protocol: 'SCTP' }); }),
  m('ports', 'host-port-range', [65536, -1], (ds, v) => { push(c0(ds), 'ports', { containerPort: 5999, hostPort: v, protocol: 'SCTP' }); }),
  m('ports', 'protocol', ['ICMP', 'tcp'], (ds, v) => { push(c0(ds), 'ports', { containerPort: 5999, protocol: v }); }),
  m('ports', 'name-invalid', ['Metrics', 'metrics-port-too-long', '1234', 'a--b', '-a'], (ds, v) => { push(c0(ds), 'ports', { containerPort: 5999, protocol: 'SCTP', name: v }); }),
  m1('ports', 'name-duplicate', ds => { push(c0(ds), 'ports', { containerPort: 5998, protocol: 'SCTP', name: 'zz' }); push(c0(ds), 'ports', { containerPort: 5999, protocol: 'SCTP', name: 'zz' }); }),
  m1('ports', 'host-network-host-port-mismatch', ds => { pod(ds).hostNetwork = true; push(c0(ds), 'ports', { containerPort: 5999, hostPort: 6000, protocol: 'SCTP' }); }),
  m1('ports', 'host-port-duplicate', ds => { push(c0(ds), 'ports', { containerPort: 5998, hostPort: 5999, protocol: 'SCTP' }); push(c0(ds), 'ports', { containerPort: 5997, hostPort: 5999, protocol: 'SCTP' }); }),
  m('ports', 'host-ip-invalid', ['not-an-ip', '1.2.3'], (ds, v) => { push(c0(ds), 'ports', { containerPort: 5999, hostPort: 5999, hostIP: v, protocol: 'SCTP' }); }),
  // env and envFrom
  m('env', 'name-invalid', ['', 'A=B'], (ds, v) => { push(c0(ds), 'env', { name: v, value: 'x' }); }),
  m1('env', 'value-and-value-from', ds => { push(c0(ds), 'env', { name: 'ZZ', value: 'x', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }); }),
  m1('env', 'value-from-two-sources', ds => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' }, secretKeyRef: { name: 's', key: 'k' } } }); }),
  m1('env', 'value-from-empty', ds => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: {} }); }),
  m('env', 'field-ref-path', ['spec.foo', 'metadata.labels', 'status.phase', ''], (ds, v) => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: { fieldRef: { fieldPath: v } } }); }),
  m('env', 'field-ref-api-version', ['v2', 'apps/v1'], (ds, v) => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: { fieldRef: { apiVersion: v, fieldPath: 'spec.nodeName' } } }); }),
  m('env', 'field-ref-subscript-key', ["metadata.annotations['bad key']", "metadata.labels['-x']", "metadata.labels['a/b/c']"], (ds, v) => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: { fieldRef: { fieldPath: v } } }); }),
  m('env', 'resource-field-ref', ['limits.gpu', 'requests.storage', ''], (ds, v) => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: { resourceFieldRef: { resource: v } } }); }),
  m('env', 'resource-field-ref-divisor', ['3m', '2Mi'], (ds, v) => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: v } } }); }),
  m('env', 'config-map-key', ['bad/key', '', '..'], (ds, v) => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: { configMapKeyRef: { name: 'cm', key: v } } }); }),
  m('env', 'config-map-name', ['', 'Bad_Name'], (ds, v) => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: { configMapKeyRef: { name: v, key: 'k' } } }); }),
  m('env', 'secret-name', ['', 'Bad_Name'], (ds, v) => { push(c0(ds), 'env', { name: 'ZZ', valueFrom: { secretKeyRef: { name: v, key: 'k' } } }); }),
  m('env', 'env-from-prefix', ['A=', '1=2'], (ds, v) => { push(c0(ds), 'envFrom', { prefix: v, configMapRef: { name: 'cm' } }); }),
  m1('env', 'env-from-two-sources', ds => { push(c0(ds), 'envFrom', { configMapRef: { name: 'cm' }, secretRef: { name: 's' } }); }),
  m1('env', 'env-from-empty', ds => { push(c0(ds), 'envFrom', {}); }),
  m('env', 'env-from-name', ['', 'Bad_Name'], (ds, v) => { push(c0(ds), 'envFrom', { secretRef: { name: v } }); }),
  // volumes and mounts
  m('volumes', 'name-invalid', ['Data', 'data_1', ''], (ds, v) => { addVolume(ds, { name: v, emptyDir: {} }); }),
  m1('volumes', 'name-duplicate', ds => { addVolume(ds, { name: 'zz', emptyDir: {} }); addVolume(ds, { name: 'zz', emptyDir: {} }); }),
  m1('volumes', 'no-source', ds => { addVolume(ds, { name: 'zz' }); }),
  m1('volumes', 'two-sources', ds => { addVolume(ds, { name: 'zz', emptyDir: {}, hostPath: { path: '/tmp' } }); }),
  m1('volumes', 'mount-unknown-volume', ds => { push(c0(ds), 'volumeMounts', { name: 'missing', mountPath: '/missing' }); }),
  m1('volumes', 'mount-path-empty', ds => { addVolume(ds, { name: 'zz', emptyDir: {} }, { name: 'zz', mountPath: '' }); }),
  m1('volumes', 'mount-path-duplicate', ds => { addVolume(ds, { name: 'zz', emptyDir: {} }, { name: 'zz', mountPath: '/zz' }); push(c0(ds), 'volumeMounts', { name: 'zz', mountPath: '/zz' }); }),
  m('volumes', 'mount-propagation', ['Weird', 'shared'], (ds, v) => { addVolume(ds, { name: 'zz', hostPath: { path: '/zz' } }, { name: 'zz', mountPath: '/zz', mountPropagation: v }); }),
  m1('volumes', 'mount-propagation-bidirectional-unprivileged', ds => { setSc(c0(ds), { privileged: false }); addVolume(ds, { name: 'zz', hostPath: { path: '/zz' } }, { name: 'zz', mountPath: '/zz', mountPropagation: 'Bidirectional' }); }),
  m('volumes', 'sub-path', ['/abs', '../up', 'a/../../b'], (ds, v) => { addVolume(ds, { name: 'zz', emptyDir: {} }, { name: 'zz', mountPath: '/zz', subPath: v }); }),
  m1('volumes', 'sub-path-and-expr', ds => { addVolume(ds, { name: 'zz', emptyDir: {} }, { name: 'zz', mountPath: '/zz', subPath: 'a', subPathExpr: '$(POD_NAME)' }); }),
  m('volumes', 'recursive-read-only', [['Enabled', false], ['IfPossible', false], ['Sometimes', true]], (ds, [rro, ro]) => { addVolume(ds, { name: 'zz', hostPath: { path: '/zz' } }, { name: 'zz', mountPath: '/zz', readOnly: ro, recursiveReadOnly: rro }); }),
  m('volumes', 'host-path', [{ path: '' }, { path: '/x', type: 'Weird' }, { path: '/x/../y' }], (ds, v) => { addVolume(ds, { name: 'zz', hostPath: v }); }),
  m('volumes', 'config-map-items', ['../x', '/abs', '', 'a/..'], (ds, v) => { addVolume(ds, { name: 'zz', configMap: { name: 'cm', items: [{ key: 'k', path: v }] } }); }),
  m('volumes', 'config-map-item-key', ['bad/key', ''], (ds, v) => { addVolume(ds, { name: 'zz', configMap: { name: 'cm', items: [{ key: v, path: 'p' }] } }); }),
  m('volumes', 'default-mode', [0o1000, -1, 4096], (ds, v) => { addVolume(ds, { name: 'zz', secret: { secretName: 's', defaultMode: v } }); }),
  m('volumes', 'secret-name', ['Bad_Name', ''], (ds, v) => { addVolume(ds, { name: 'zz', secret: { secretName: v } }); }),
  m('volumes', 'empty-dir-size', ['-1Gi'], (ds, v) => { addVolume(ds, { name: 'zz', emptyDir: { sizeLimit: v } }); }),
  m('volumes', 'empty-dir-medium', ['Disk', 'HugePages-3Mi'], (ds, v) => { addVolume(ds, { name: 'zz', emptyDir: { medium: v } }); }),
  m1('volumes', 'projected-no-sources', ds => { addVolume(ds, { name: 'zz', projected: { sources: [{}] } }); }),
  m1('volumes', 'projected-two-kinds-in-source', ds => { addVolume(ds, { name: 'zz', projected: { sources: [{ configMap: { name: 'a' }, secret: { name: 'b' } }] } }); }),
  m('volumes', 'projected-token-expiration', [60, 2 ** 32 + 1], (ds, v) => { addVolume(ds, { name: 'zz', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: v } }] } }); }),
  m('volumes', 'projected-token-path', ['', '../token', '/abs'], (ds, v) => { addVolume(ds, { name: 'zz', projected: { sources: [{ serviceAccountToken: { path: v } }] } }); }),
  m1('volumes', 'projected-path-conflict', ds => { addVolume(ds, { name: 'zz', projected: { sources: [{ configMap: { name: 'a', items: [{ key: 'k', path: 'x' }] } }, { secret: { name: 'b', items: [{ key: 'k', path: 'x' }] } }] } }); }),
  m('volumes', 'downward-api-path', ['../x', '/abs', ''], (ds, v) => { addVolume(ds, { name: 'zz', downwardAPI: { items: [{ path: v, fieldRef: { fieldPath: 'metadata.name' } }] } }); }),
  m('volumes', 'downward-api-field', ['spec.nodeName', 'status.podIP', 'metadata.foo'], (ds, v) => { addVolume(ds, { name: 'zz', downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: v } }] } }); }),
  m1('volumes', 'downward-api-resource-no-container', ds => { addVolume(ds, { name: 'zz', downwardAPI: { items: [{ path: 'x', resourceFieldRef: { resource: 'limits.cpu' } }] } }); }),
  m('volumes', 'in-tree', [
    { nfs: { server: '', path: '/x' } }, { nfs: { server: 'nfs', path: 'rel' } }, { iscsi: { targetPortal: '10.0.0.1', iqn: 'bad', lun: 0 } },
    { iscsi: { targetPortal: '', iqn: 'iqn.2001-04.com.example:storage', lun: 300 } }, { rbd: { monitors: [], image: 'img' } }, { cephfs: { monitors: [] } },
    { glusterfs: { endpoints: '', path: 'vol' } }, { fc: { targetWWNs: ['500a0982991b8dc5'] } }, { gitRepo: { repository: '' } },
    { gitRepo: { repository: 'https://example.com/r.git', directory: '../x' } }, { awsElasticBlockStore: { volumeID: '' } }, { gcePersistentDisk: { pdName: '' } },
    { azureDisk: { diskName: 'd', diskURI: '' } }, { flexVolume: { driver: '' } }, { csi: { driver: '' } }, { csi: { driver: 'Bad_Driver' } },
    { persistentVolumeClaim: { claimName: '' } }, { ephemeral: {} },
  ], (ds, v) => { addVolume(ds, { name: 'zz', ...v }); }),
  // resources
  m('resources', 'quantity-invalid', ['abc', '1.5.5', '10 Mi'], (ds, v) => { c0(ds).resources = { requests: { memory: v } }; }),
  m('resources', 'quantity-negative', [['cpu', '-1'], ['memory', '-1Mi'], ['ephemeral-storage', '-1Gi']], (ds, [k, v]) => { c0(ds).resources = { limits: { [k]: v } }; }),
  m1('resources', 'request-above-limit', ds => { c0(ds).resources = { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } }; }),
  m('resources', 'name-invalid', ['gpu', 'example.com/', 'requests.cpu'], (ds, v) => { c0(ds).resources = { limits: { [v]: '1' } }; }),
  m1('resources', 'extended-request-not-limit', ds => { c0(ds).resources = { requests: { 'example.com/dongle': '1' }, limits: { 'example.com/dongle': '2' } }; }),
  m1('resources', 'extended-fractional', ds => { c0(ds).resources = { requests: { 'example.com/dongle': '1.5' }, limits: { 'example.com/dongle': '1.5' } }; }),
  m1('resources', 'hugepages-without-cpu-memory', ds => { c0(ds).resources = { requests: { 'hugepages-2Mi': '128Mi' }, limits: { 'hugepages-2Mi': '128Mi' } }; }),
  m1('resources', 'hugepages-request-not-limit', ds => { c0(ds).resources = { requests: { 'hugepages-2Mi': '128Mi', 'memory': '1Gi' }, limits: { 'hugepages-2Mi': '256Mi', 'memory': '1Gi' } }; }),
  m1('resources', 'hugepages-not-multiple', ds => { c0(ds).resources = { requests: { 'hugepages-2Mi': '3Mi', 'memory': '1Gi' }, limits: { 'hugepages-2Mi': '3Mi', 'memory': '1Gi' } }; }),
  m('resources', 'resize-policy', [{ resourceName: 'gpu', restartPolicy: 'NotRequired' }, { resourceName: 'cpu', restartPolicy: 'Sometimes' }], (ds, v) => { c0(ds).resizePolicy = [v]; }),
  m1('resources', 'pod-level-below-containers', ds => { c0(ds).resources = { requests: { memory: '1Gi' } }; pod(ds).resources = { limits: { memory: '10Mi' } }; }),
  // probes
  m1('probes', 'no-handler', ds => { probe(ds, { periodSeconds: 10 }); }),
  m1('probes', 'two-handlers', ds => { probe(ds, { exec: { command: ['true'] }, tcpSocket: { port: 80 } }); }),
  m('probes', 'negative-timing', ['periodSeconds', 'timeoutSeconds', 'initialDelaySeconds', 'failureThreshold', 'successThreshold'], (ds, k) => { probe(ds, { exec: { command: ['true'] }, [k]: -1 }); }),
  m('probes', 'liveness-success-threshold', [2, 3], (ds, v) => { probe(ds, { exec: { command: ['true'] }, successThreshold: v }); }),
  m1('probes', 'startup-success-threshold', ds => { c0(ds).startupProbe = { exec: { command: ['true'] }, successThreshold: 2 }; }),
  m('probes', 'http-port', [0, 65536, 'Metrics', 'too-long-port-name'], (ds, v) => { probe(ds, { httpGet: { port: v } }); }),
  m('probes', 'http-scheme', ['FTP', 'https'], (ds, v) => { probe(ds, { httpGet: { port: 80, scheme: v } }); }),
  m('probes', 'http-header-name', ['bad header', ''], (ds, v) => { probe(ds, { httpGet: { port: 80, httpHeaders: [{ name: v, value: 'x' }] } }); }),
  m('probes', 'tcp-port', [0, 70000], (ds, v) => { probe(ds, { tcpSocket: { port: v } }); }),
  m('probes', 'grpc-port', [0, 70000], (ds, v) => { probe(ds, { grpc: { port: v } }); }),
  m('probes', 'termination-grace', [0, -1], (ds, v) => { probe(ds, { exec: { command: ['true'] }, terminationGracePeriodSeconds: v }); }),
  m1('probes', 'readiness-termination-grace', ds => { c0(ds).readinessProbe = { exec: { command: ['true'] }, terminationGracePeriodSeconds: 10 }; }),
  // lifecycle
  m('lifecycle', 'pre-stop-sleep', [-1, 0], (ds, v) => { c0(ds).lifecycle = { preStop: { sleep: { seconds: v } } }; }),
  m1('lifecycle', 'pre-stop-no-handler', ds => { c0(ds).lifecycle = { preStop: {} }; }),
  m1('lifecycle', 'post-start-two-handlers', ds => { c0(ds).lifecycle = { postStart: { exec: { command: ['true'] }, sleep: { seconds: 1 } } }; }),
  m('lifecycle', 'pre-stop-http-port', [0, 'Bad_Port'], (ds, v) => { c0(ds).lifecycle = { preStop: { httpGet: { port: v } } }; }),
  m('lifecycle', 'stop-signal', ['SIGKILL', 'NOTASIGNAL'], (ds, v) => { c0(ds).lifecycle = { stopSignal: v }; }),
  m('lifecycle', 'termination-grace-period', [-2], (ds, v) => { pod(ds).terminationGracePeriodSeconds = v; }),
  // security contexts
  m('security-context', 'run-as-user', [-1, 2 ** 31], (ds, v) => { setSc(c0(ds), { runAsUser: v }); }),
  m('security-context', 'pod-ids', [['runAsGroup', -1], ['fsGroup', -1], ['runAsUser', -1], ['supplementalGroups', [-1]]], (ds, [k, v]) => { setSc(pod(ds), { [k]: v }); }),
  m1('security-context', 'privileged-no-escalation', ds => { setSc(c0(ds), { privileged: true, allowPrivilegeEscalation: false }); }),
  m1('security-context', 'sys-admin-no-escalation', ds => { setSc(c0(ds), { capabilities: { add: ['SYS_ADMIN'] }, allowPrivilegeEscalation: false }); }),
  m('security-context', 'seccomp', [{ type: 'Bad' }, { type: 'Localhost' }, { type: 'RuntimeDefault', localhostProfile: 'x.json' }, { type: 'Localhost', localhostProfile: '../x' }], (ds, v) => { setSc(pod(ds), { seccompProfile: v }); }),
  m('security-context', 'apparmor', [{ type: 'Bad' }, { type: 'Localhost' }, { type: 'Unconfined', localhostProfile: 'x' }], (ds, v) => { setSc(c0(ds), { appArmorProfile: v }); }),
  m1('security-context', 'seccomp-annotation-field-mismatch', ds => { ds.spec.template.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }; setSc(pod(ds), { seccompProfile: { type: 'RuntimeDefault' } }); }),
  m1('security-context', 'apparmor-annotation-field-mismatch', ds => { ds.spec.template.metadata.annotations = { [`container.apparmor.security.beta.kubernetes.io/${c0(ds).name}`]: 'unconfined' }; setSc(c0(ds), { appArmorProfile: { type: 'RuntimeDefault' } }); }),
  m('security-context', 'proc-mount', ['Unmasked', 'Weird'], (ds, v) => { setSc(c0(ds), { procMount: v }); }),
  m('security-context', 'os-name', ['mac', 'Linux'], (ds, v) => { pod(ds).os = { name: v }; }),
  m1('security-context', 'windows-options-on-linux', ds => { pod(ds).os = { name: 'linux' }; setSc(c0(ds), { windowsOptions: { runAsUserName: 'ContainerUser' } }); }),
  m('security-context', 'linux-fields-on-windows', [['runAsUser', 1000], ['seLinuxOptions', { level: 's0' }], ['seccompProfile', { type: 'RuntimeDefault' }], ['readOnlyRootFilesystem', true], ['privileged', true], ['capabilities', { drop: ['ALL'] }]], (ds, [k, v]) => { pod(ds).os = { name: 'windows' }; setSc(c0(ds), { [k]: v }); }),
  m('security-context', 'pod-linux-fields-on-windows', [['fsGroup', 1000], ['sysctls', [{ name: 'kernel.shm_rmid_forced', value: '1' }]], ['runAsGroup', 10]], (ds, [k, v]) => { pod(ds).os = { name: 'windows' }; setSc(pod(ds), { [k]: v }); }),
  m('security-context', 'host-process', [false, true], (ds, v) => { setSc(c0(ds), { windowsOptions: { hostProcess: v } }); pod(ds).os = { name: 'windows' }; }),
  m('security-context', 'sysctl', [{ name: 'bad name', value: '1' }, { name: 'net.ipv4.ip_forward', value: '1', hostNetwork: true }], (ds, v) => { const { hostNetwork, ...sysctl } = v; if (hostNetwork) pod(ds).hostNetwork = true; setSc(pod(ds), { sysctls: [sysctl] }); }),
  m1('security-context', 'sysctl-duplicate', ds => { setSc(pod(ds), { sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.shm_rmid_forced', value: '0' }] }); }),
  m('security-context', 'policy-enums', [['supplementalGroupsPolicy', 'Bad'], ['fsGroupChangePolicy', 'Sometimes'], ['seLinuxChangePolicy', 'Bad']], (ds, [k, v]) => { setSc(pod(ds), { [k]: v }); }),
  m('security-context', 'host-users-false', ['hostNetwork', 'hostPID', 'hostIPC'], (ds, k) => { pod(ds).hostUsers = false; pod(ds)[k] = true; }),
  // scheduling
  m('scheduling', 'node-selector-key', ['-bad', 'a/b/c'], (ds, v) => { pod(ds).nodeSelector = { [v]: 'x' }; }),
  m('scheduling', 'node-selector-value', ['-x', 'a'.repeat(64)], (ds, v) => { pod(ds).nodeSelector = { zone: v }; }),
  m1('scheduling', 'node-affinity-no-terms', ds => { pod(ds).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }; }),
  m('scheduling', 'node-selector-requirement', [
    { key: 'k', operator: 'Bad', values: ['a'] }, { key: 'k', operator: 'In', values: [] }, { key: 'k', operator: 'Exists', values: ['a'] },
    { key: 'k', operator: 'Gt', values: ['1', '2'] }, { key: 'k', operator: 'Gt', values: ['x'] }, { key: '-k', operator: 'Exists' },
  ], (ds, v) => { requiredNodeTerm(ds, { matchExpressions: [v] }); }),
  m('scheduling', 'node-field-selector', [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }, { key: 'spec.nodeName', operator: 'In', values: ['a'] }],
    (ds, v) => { requiredNodeTerm(ds, { matchFields: [v] }); }),
  m('scheduling', 'preferred-weight', [0, 101], (ds, v) => { pod(ds).affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: v, preference: { matchExpressions: [{ key: 'k', operator: 'Exists' }] } }] } }; }),
  m('scheduling', 'pod-affinity-term', [
    { topologyKey: '' }, { topologyKey: '-bad' }, { topologyKey: 'zone', labelSelector: { matchExpressions: [{ key: 'a', operator: 'Bad' }] } },
    { topologyKey: 'zone', namespaceSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] } },
    { topologyKey: 'zone', namespaces: ['Bad_NS'] },
    { topologyKey: 'zone', labelSelector: { matchLabels: { app: 'x' } }, matchLabelKeys: ['app'] },
    { topologyKey: 'zone', labelSelector: { matchLabels: { app: 'x' } }, matchLabelKeys: ['tier'], mismatchLabelKeys: ['tier'] },
    { topologyKey: 'zone', matchLabelKeys: ['tier'] },
  ], (ds, v) => { pod(ds).affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [v] } }; }),
  m('scheduling', 'toleration', [
    { operator: 'Exists', value: 'x' }, { key: '', operator: 'Equal', value: 'x' }, { key: 'k', effect: 'Bad' }, { key: 'k', operator: 'Bad' },
    { key: 'k', effect: 'NoSchedule', tolerationSeconds: 30 }, { key: '-bad', operator: 'Exists' }, { key: 'k', value: '-x' },
  ], (ds, v) => { push(pod(ds), 'tolerations', v); }),
  m('scheduling', 'topology-spread', [
    { maxSkew: 0 }, { topologyKey: '' }, { whenUnsatisfiable: 'Bad' }, { minDomains: 0, whenUnsatisfiable: 'DoNotSchedule' }, { minDomains: 2 },
    { nodeAffinityPolicy: 'Bad' }, { nodeTaintsPolicy: 'Bad' }, { matchLabelKeys: ['app.kubernetes.io/name'] }, { matchLabelKeys: ['-bad'] },
    { labelSelector: { matchExpressions: [{ key: 'a', operator: 'Bad' }] } }, { topologyKey: '-bad' },
  ], (ds, v) => { push(pod(ds), 'topologySpreadConstraints', { maxSkew: 1, topologyKey: 'topology.kubernetes.io/region', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': ds.metadata.name } }, ...v }); }),
  m1('scheduling', 'topology-spread-duplicate', ds => { for (let i = 0; i < 2; i++) push(pod(ds), 'topologySpreadConstraints', { maxSkew: 1, topologyKey: 'x.example.com/rack', whenUnsatisfiable: 'DoNotSchedule' }); }),
  m('scheduling', 'priority-class-name', ['Bad_Name', 'a'.repeat(254)], (ds, v) => { pod(ds).priorityClassName = v; }),
  m('scheduling', 'scheduling-gates', [[{ name: 'Bad Gate' }], [{ name: 'example.com/gate' }, { name: 'example.com/gate' }], [{ name: '' }]], (ds, v) => { pod(ds).schedulingGates = v; }),
  m('scheduling', 'runtime-class-name', ['Bad_Name'], (ds, v) => { pod(ds).runtimeClassName = v; }),
  m('scheduling', 'scheduler-name', ['Bad Name'], (ds, v) => { pod(ds).schedulerName = v; }),
  m('scheduling', 'active-deadline', [0, 30], (ds, v) => { pod(ds).activeDeadlineSeconds = v; }),
  m('scheduling', 'node-name', ['Bad_Node'], (ds, v) => { pod(ds).nodeName = v; }),
  m('scheduling', 'overhead', [{ cpu: '-1' }], (ds, v) => { pod(ds).overhead = v; }),
  m('scheduling', 'readiness-gates', [[{ conditionType: 'bad type' }]], (ds, v) => { pod(ds).readinessGates = v; }),
  // dns
  m('dns', 'policy', ['Bad', 'clusterfirst'], (ds, v) => { pod(ds).dnsPolicy = v; }),
  m1('dns', 'none-without-config', ds => { pod(ds).dnsPolicy = 'None'; delete pod(ds).dnsConfig; }),
  m('dns', 'config', [
    { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] }, { nameservers: ['not-an-ip'] }, { searches: ['Bad_Domain'] },
    { searches: Array.from({ length: 33 }, (_, i) => `s${i}.example.com`) }, { options: [{ name: '' }] }, { options: [{ value: '2' }] },
    { searches: ['a'.repeat(2049)] },
  ], (ds, v) => { pod(ds).dnsConfig = v; }),
  m('dns', 'hostname', ['Bad_Host', '-x'], (ds, v) => { pod(ds).hostname = v; }),
  m('dns', 'subdomain', ['Bad_Sub'], (ds, v) => { pod(ds).subdomain = v; }),
  m('dns', 'host-aliases', [{ ip: 'not-an-ip', hostnames: ['a'] }, { ip: '10.0.0.1', hostnames: ['Bad_Host'] }, { hostnames: ['a'] }], (ds, v) => { pod(ds).hostAliases = [v]; }),
  m1('dns', 'fqdn-without-hostname', ds => { pod(ds).setHostnameAsFQDN = true; pod(ds).hostname = 'a'.repeat(64); }),
  // host namespaces
  m1('host-namespaces', 'share-process-with-host-pid', ds => { pod(ds).hostPID = true; pod(ds).shareProcessNamespace = true; }),
  m('host-namespaces', 'host-network-port-mismatch', [6000], (ds, v) => { pod(ds).hostNetwork = true; push(c0(ds), 'ports', { containerPort: v, hostPort: v + 1, protocol: 'SCTP' }); }),
  m1('host-namespaces', 'ephemeral-containers', ds => { pod(ds).ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]; }),
  // update strategy
  m('update-strategy', 'type', ['Bad', 'rollingUpdate', 'Recreate'], (ds, v) => { ds.spec.updateStrategy = { type: v }; }),
  m1('update-strategy', 'both-zero', ds => { ds.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }; }),
  m('update-strategy', 'max-unavailable', ['150%', -1, 'abc', '0%', '%'], (ds, v) => { ds.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: v } }; }),
  m('update-strategy', 'max-surge', ['200%', -1, 'x%'], (ds, v) => { ds.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: v } }; }),
  m1('update-strategy', 'on-delete-with-rolling-update', ds => { ds.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { maxUnavailable: 1 } }; }),
  m('update-strategy', 'negative', [['minReadySeconds', -1], ['revisionHistoryLimit', -1], ['templateGeneration', 1]], (ds, [k, v]) => { ds.spec[k] = v; }),
  // fields kube-apiserver refuses with fieldValidation=Strict
  m('strict-fields', 'unknown', [
    ['container', 'imagePullPolicyy'], ['spec', 'replicas'], ['pod', 'hostNetWork'], ['metadata', 'label'], ['template', 'labels'],
    ['port', 'port'], ['root', 'status2'],
  ], (ds, [where, key]) => {
    const target = { container: () => c0(ds), spec: () => ds.spec, pod: () => pod(ds), metadata: () => ds.metadata, template: () => ds.spec.template, root: () => ds, port: () => { push(c0(ds), 'ports', { containerPort: 5999, protocol: 'SCTP' }); return c0(ds).ports[c0(ds).ports.length - 1]; } }[where as string]!();
    target[key] = where === 'spec' ? 1 : 'x';
  }),
  // values of the wrong JSON type, which the server refuses before validation
  m('decoding', 'wrong-type', [['containerPort', '80'], ['hostNetwork', 'true'], ['labels', ['a']], ['args', 'a b'], ['env-value', 1]], (ds, [what, v]) => {
    if (what === 'containerPort') push(c0(ds), 'ports', { containerPort: v, protocol: 'SCTP' });
    if (what === 'hostNetwork') pod(ds).hostNetwork = v;
    if (what === 'labels') ds.metadata.labels = v;
    if (what === 'args') c0(ds).args = v;
    if (what === 'env-value') push(c0(ds), 'env', { name: 'ZZ', value: v });
  }),
];

/** A valid base with a mutation applied: the JSON manifest and the mutation's key. */
export interface GeneratedCase {
  readonly id: string;
  /** `valid` or the mutation id. */
  readonly key: string;
  readonly area: Area | 'valid';
  readonly manifest: any;
  /** The mutation's value, when there is one. */
  readonly change?: unknown;
}

/** The smallest valid DaemonSet the generator makes: one container with one named port. */
export function minimalDaemonSet(): any {
  return build({
    name: 'agent',
    namespace: undefined,
    extraLabel: undefined,
    sidecar: false,
    volumes: [],
    hostNetwork: false,
    hostPID: false,
    containers: [{
      image: 'quay.io/prometheus/node-exporter:v1.8.2',
      imagePullPolicy: undefined,
      ports: [{ containerPort: 9100, protocol: undefined, named: true }],
      env: [],
      envFrom: undefined,
      resources: undefined,
      probe: undefined,
      preStop: undefined,
      securityContext: undefined,
    }],
    dnsPolicy: undefined,
    nodeSelector: false,
    affinity: undefined,
    tolerations: undefined,
    topologySpread: false,
    priorityClassName: undefined,
    podSecurityContext: undefined,
    updateStrategy: undefined,
    minReadySeconds: undefined,
    revisionHistoryLimit: undefined,
    terminationGracePeriodSeconds: undefined,
  });
}

/** Every value of every mutation applied to the minimal DaemonSet: the same cases whatever the seed. */
export function minimalCases(): GeneratedCase[] {
  return MUTATIONS.flatMap(mutation => mutation.values.map((value, vi) => {
    const manifest = minimalDaemonSet();
    mutation.apply(manifest, value);
    return { id: `${mutation.id}#${vi}`, key: mutation.id, area: mutation.area, manifest, ...(value !== null ? { change: value } : {}) };
  }));
}

/**
 * The cases of one run: `perMutation` bases for every value of every mutation, and as many
 * unmutated bases; all drawn from fast-check with `seed`, so a seed gives the same cases.
 */
export function generateCases(seed: number, perMutation: number): GeneratedCase[] {
  const cases: GeneratedCase[] = [];
  fc.sample(validDaemonSet, { seed, numRuns: perMutation * 4 }).forEach((ds, i) => {
    cases.push({ id: `valid#${i}`, key: 'valid', area: 'valid', manifest: ds });
  });
  MUTATIONS.forEach((mutation, mi) => {
    const bases = fc.sample(validDaemonSet, { seed: seed + 1 + mi, numRuns: perMutation * mutation.values.length });
    bases.forEach((ds, i) => {
      const vi = i % mutation.values.length;
      mutation.apply(ds, mutation.values[vi]);
      cases.push({ id: `${mutation.id}#${vi}.${Math.floor(i / mutation.values.length)}`, key: mutation.id, area: mutation.area, manifest: ds, ...(mutation.values[vi] !== null ? { change: mutation.values[vi] } : {}) });
    });
  });
  return cases;
}
