/**
 * The baselines the constructs are measured against: the same objects written by hand, as a
 * `kplus.DaemonSet` plus the escape hatches needed for byte-identical YAML ("plain"), or as raw
 * `ApiObject`s ("raw"). Both are built from a template (the synthesized JSON of one construct) that
 * is converted ahead of the timed region, as a user's literals would be.
 */
import { ApiObject, App, Chart, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

const k8s = kplus.k8s;

/** One object ready to build: its JSON, and for a DaemonSet the kplus props and L1 patches. */
export interface PreparedObject {
  readonly json: any;
  readonly daemonSet?: PreparedDaemonSet;
}

/** A DaemonSet as kplus props, its selector, the L1 patches for the rest, and its container names. */
export interface PreparedDaemonSet {
  readonly props: kplus.DaemonSetProps;
  readonly selector: { [k: string]: string };
  readonly patches: JsonPatch[];
  readonly containers: string[];
}

/** JSON field names whose L1 (TypeScript) names differ: escape-hatch patches need the L1 names. */
const L1_NAMES: { [json: string]: string } = { hostIP: 'hostIp', hostPID: 'hostPid', hostIPC: 'hostIpc', clusterIP: 'clusterIp', podIP: 'podIp' };
/** Fields that hold an int-or-string, under these parents. */
const INT_OR_STRING: { [field: string]: string[] } = { port: ['httpGet', 'tcpSocket'], maxSurge: ['rollingUpdate'], maxUnavailable: ['rollingUpdate'] };
/** Maps whose values are quantities, and quantity fields. */
const QUANTITY_MAPS = new Set(['limits', 'requests', 'hard']);
const QUANTITY_FIELDS = new Set(['sizeLimit', 'divisor']);

/** The L1 value of a JSON value: renamed fields, quantities and int-or-strings as the L1 classes. */
export function toL1(value: any, parent = ''): any {
  if (Array.isArray(value)) return value.map(v => toL1(v, parent));
  if (value === null || typeof value !== 'object') return value;
  const out: any = {};
  for (const [key, v] of Object.entries(value)) {
    const name = L1_NAMES[key] ?? key;
    if (QUANTITY_FIELDS.has(key) || QUANTITY_MAPS.has(parent)) out[name] = k8s.Quantity.fromString(String(v));
    else if (INT_OR_STRING[key]?.includes(parent)) out[name] = typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(String(v));
    else out[name] = toL1(v, key);
  }
  return out;
}

const POD = '/spec/template/spec';

/**
 * A DaemonSet manifest as `kplus.DaemonSet` props and the patches for what cdk8s-plus-27 does not
 * render: what a user without this library writes for the same YAML.
 */
export function prepareDaemonSet(json: any): PreparedDaemonSet {
  const spec = json.spec;
  const pod = spec.template.spec;
  const props: kplus.DaemonSetProps = {
    metadata: { name: json.metadata.name, namespace: json.metadata.namespace, labels: json.metadata.labels, annotations: json.metadata.annotations },
    podMetadata: { labels: spec.template.metadata.labels, annotations: spec.template.metadata.annotations },
    select: false,
    minReadySeconds: spec.minReadySeconds,
    hostNetwork: pod.hostNetwork,
    dns: { policy: pod.dnsPolicy as kplus.DnsPolicy },
    terminationGracePeriod: Duration.seconds(pod.terminationGracePeriodSeconds),
    automountServiceAccountToken: pod.automountServiceAccountToken,
  };
  const patches = [
    JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
    JsonPatch.add(`${POD}/serviceAccountName`, pod.serviceAccountName),
    JsonPatch.add(`${POD}/containers`, toL1(pod.containers)),
    ...['hostPID', 'hostIPC', 'hostUsers', 'nodeSelector', 'affinity', 'tolerations', 'securityContext', 'priorityClassName', 'volumes', 'initContainers',
      'imagePullSecrets', 'dnsConfig']
      .filter(f => pod[f] !== undefined).map(f => JsonPatch.add(`${POD}/${L1_NAMES[f] ?? f}`, toL1(pod[f], f))),
    ...['updateStrategy', 'revisionHistoryLimit'].filter(f => spec[f] !== undefined).map(f => JsonPatch.add(`/spec/${f}`, toL1(spec[f], f))),
  ];
  return { props, selector: spec.selector.matchLabels, patches, containers: pod.containers.map((c: any) => c.name) };
}

/** Prepares one construct's objects for the plain baseline (the DaemonSet as kplus, the rest raw). */
export function preparePlain(objects: any[]): PreparedObject[] {
  return objects.map(json => json.kind === 'DaemonSet' ? { json, daemonSet: prepareDaemonSet(json) } : { json });
}

/** Builds the plain baseline of one construct under `scope`. */
export function buildPlain(scope: Construct, id: string, objects: readonly PreparedObject[]): void {
  objects.forEach((o, i) => {
    if (!o.daemonSet) {
      new ApiObject(scope, `${id}-${i}`, o.json);
      return;
    }
    const { props, selector, patches, containers } = o.daemonSet;
    const ds = new kplus.DaemonSet(scope, `${id}-${i}`, props);
    ds.select(kplus.LabelSelector.of({ labels: selector }));
    // Every container is replaced by the patch; kplus needs one to render the pod.
    for (const name of containers) ds.addContainer({ name, image: 'placeholder', resources: {} });
    ApiObject.of(ds).addJsonPatch(...patches);
  });
}

/** Builds the raw baseline: every object as an `ApiObject` of its JSON. */
export function buildRaw(scope: Construct, id: string, objects: readonly any[]): void {
  objects.forEach((json, i) => new ApiObject(scope, `${id}-${i}`, json));
}

/** The agent's container, in the props `kplus.ContainerProps` and `NodeDaemonSetProps` share. */
export function agentContainer() {
  return {
    image: 'registry.example.com/node-agent:v2.3.1',
    ports: [{ number: 9100, name: 'metrics' }],
    envVariables: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
    resources: {
      cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
      memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
    },
    readiness: kplus.Probe.fromHttpGet('/ready', { port: 9100 }),
    liveness: kplus.Probe.fromHttpGet('/healthz', { port: 9100, periodSeconds: Duration.seconds(30), failureThreshold: 5 }),
  };
}

/**
 * NODE_DAEMON_SET's objects as a cdk8s-plus-27 user writes them: the kplus API for everything it
 * has, JSON patches (typed with the L1 structs) for what it lacks or renders differently.
 */
export function plainAgent(scope: Construct, i: number): void {
  const name = `agent-${i}`;
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  const labels = { ...selector, 'app.kubernetes.io/version': '2.3.1', 'app.kubernetes.io/managed-by': 'cdk8s' };
  const metadata = { name, namespace: 'agents', labels };
  const serviceAccount = new kplus.ServiceAccount(scope, `${name}-sa`, { metadata, automountToken: false });
  const ds = new kplus.DaemonSet(scope, name, {
    metadata,
    podMetadata: { labels },
    select: false,
    serviceAccount,
    automountServiceAccountToken: false,
  });
  ds.select(kplus.LabelSelector.of({ labels: selector }));
  const container = ds.addContainer({ name, imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT, ...agentContainer() });
  container.mount('/host/proc', kplus.Volume.fromHostPath(scope, `${name}-proc`, 'proc', { path: '/proc' }), { readOnly: true });
  container.mount('/tmp', kplus.Volume.fromEmptyDir(scope, `${name}-scratch`, 'scratch'), { readOnly: false });
  const seccomp: kplus.k8s.SeccompProfile = { type: 'RuntimeDefault' };
  const containerSecurity: kplus.k8s.SecurityContext = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 65534,
    seccompProfile: seccomp,
  };
  const podSecurity: kplus.k8s.PodSecurityContext = { runAsNonRoot: true, seccompProfile: seccomp };
  // Node daemons stay off virtual-kubelet and EKS Fargate nodes, which cannot run them.
  const notVirtual: kplus.k8s.NodeSelectorTerm = {
    matchExpressions: [
      { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
      { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
    ],
  };
  const affinity: kplus.k8s.Affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [notVirtual] } } };
  const strategy: kplus.k8s.DaemonSetUpdateStrategy = {
    type: 'RollingUpdate', rollingUpdate: { maxSurge: kplus.k8s.IntOrString.fromNumber(0), maxUnavailable: kplus.k8s.IntOrString.fromNumber(1) },
  };
  ApiObject.of(ds).addJsonPatch(
    JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
    JsonPatch.add('/spec/template/spec/hostPid', false),
    JsonPatch.add('/spec/template/spec/hostIpc', false),
    JsonPatch.add('/spec/template/spec/nodeSelector', { 'kubernetes.io/os': 'linux' }),
    JsonPatch.add('/spec/template/spec/affinity', affinity),
    JsonPatch.add('/spec/template/spec/tolerations', [{ operator: 'Exists' }]),
    JsonPatch.add('/spec/template/spec/securityContext', podSecurity),
    JsonPatch.add('/spec/template/spec/priorityClassName', 'system-node-critical'),
    JsonPatch.add('/spec/template/spec/containers/0/securityContext', containerSecurity),
    JsonPatch.add('/spec/updateStrategy', strategy),
  );
}

/** An App of N `plainAgent`s, as `buildApp(NODE_DAEMON_SET, 'plain', n)` builds it. */
export function plainApp(n: number): App {
  const app = new App();
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < n; i++) plainAgent(chart, i);
  return app;
}
