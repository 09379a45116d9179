/**
 * The only module that imports cdk8s-plus-27. It renders a fully resolved `DaemonSpec` into a
 * `kplus.DaemonSet` and holds every escape-hatch patch for what cdk8s-plus-27 lacks. Patch
 * values are typed with the L1 `k8s` structs: cdk8s silently drops values whose names or types
 * are wrong (`hostPid`, not `hostPID`; `IntOrString`, not a number), so the compiler must catch
 * them. Moving to a newer cdk8s-plus is a change to this file alone.
 */
import { ApiObject, ApiObjectMetadata, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { renderableMap } from './cdk8s-keys';
import { extend } from './objects';

export { kplus };
export import k8s = kplus.k8s;

/** The npm package behind `kplus` (`cdk8s-plus-27`), read from the jsii type information it ships. */
export const KPLUS_PACKAGE: string = (kplus.DaemonSet as unknown as { [k: symbol]: { fqn: string } })[Symbol.for('jsii.rtti')].fqn.split('.')[0];

/** A volume mount, resolved. */
export interface MountSpec {
  readonly volume: kplus.Volume;
  readonly mountPath: string;
  readonly readOnly: boolean;
  readonly propagation?: kplus.MountPropagation;
  readonly subPath?: string;
}

/** One container, every default applied. */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy: kplus.ImagePullPolicy;
  readonly command?: string[];
  readonly args?: string[];
  readonly env: { [name: string]: kplus.EnvValue };
  readonly envFrom: kplus.EnvFrom[];
  readonly ports: kplus.ContainerPort[];
  readonly resources: k8s.ResourceRequirements;
  readonly readiness?: kplus.Probe;
  readonly liveness?: kplus.Probe;
  readonly startup?: kplus.Probe;
  readonly mounts: MountSpec[];
  readonly securityContext: k8s.SecurityContext;
}

/** A DaemonSet and its pod, every default applied and every prop checked. */
export interface DaemonSpec {
  readonly metadata: ApiObjectMetadata;
  readonly podLabels: { [key: string]: string };
  readonly podAnnotations: { [key: string]: string };
  readonly selectorLabels: { [key: string]: string };
  readonly containers: ContainerSpec[];
  readonly initContainers: ContainerSpec[];
  readonly hostNetwork: boolean;
  readonly dnsPolicy: kplus.DnsPolicy;
  readonly dnsConfig?: k8s.PodDnsConfig;
  readonly hostUsers?: boolean;
  readonly imagePullSecrets: string[];
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  readonly nodeSelector: { [key: string]: string };
  readonly nodeAffinity?: k8s.NodeAffinity;
  readonly tolerations: k8s.Toleration[];
  readonly priorityClassName?: string;
  readonly updateStrategy: k8s.DaemonSetUpdateStrategy;
  readonly minReadySeconds: number;
  readonly revisionHistoryLimit?: number;
  readonly terminationGracePeriod?: Duration;
  readonly serviceAccountName?: string;
  readonly automountServiceAccountToken: boolean;
  readonly podSecurityContext: k8s.PodSecurityContext;
}

const POD = '/spec/template/spec';

/** Builds the kplus DaemonSet for `spec` under `scope` (id `Resource`, so names skip a path segment). */
export function renderDaemonSet(scope: Construct, spec: DaemonSpec): kplus.DaemonSet {
  const labels = renderableMap('/metadata/labels', spec.metadata.labels ?? {});
  const annotations = renderableMap('/metadata/annotations', spec.metadata.annotations ?? {});
  const podLabels = renderableMap('/spec/template/metadata/labels', spec.podLabels);
  const podAnnotations = renderableMap('/spec/template/metadata/annotations', spec.podAnnotations);
  const ds = new kplus.DaemonSet(scope, 'Resource', {
    metadata: extend(spec.metadata, { labels: labels.map, annotations: annotations.map }),
    podMetadata: { labels: podLabels.map, annotations: podAnnotations.map },
    // The path-derived selector label would change whenever the construct moves; selectors are immutable.
    select: false,
    minReadySeconds: spec.minReadySeconds,
    hostNetwork: spec.hostNetwork,
    // cdk8s-plus-27 refuses None unless its own dns props carry the nameservers: None is patched in below.
    dns: { policy: spec.dnsPolicy === kplus.DnsPolicy.NONE ? kplus.DnsPolicy.CLUSTER_FIRST : spec.dnsPolicy },
    terminationGracePeriod: spec.terminationGracePeriod,
    automountServiceAccountToken: spec.automountServiceAccountToken,
  });
  ds.select(kplus.LabelSelector.of({ labels: spec.selectorLabels }));

  const patches: JsonPatch[] = [
    ...labels.patches, ...annotations.patches, ...podLabels.patches, ...podAnnotations.patches,
    JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
    JsonPatch.add(`${POD}/hostPid`, spec.hostPID),
    JsonPatch.add(`${POD}/hostIpc`, spec.hostIPC),
    JsonPatch.add(`${POD}/nodeSelector`, spec.nodeSelector),
    JsonPatch.add(`${POD}/tolerations`, spec.tolerations),
    podSecurityContextPatch(spec.podSecurityContext),
    JsonPatch.add('/spec/updateStrategy', spec.updateStrategy),
  ];
  // By name, as kplus would render an imported ServiceAccount, without a construct per daemon to import it.
  if (spec.serviceAccountName) patches.push(JsonPatch.add(`${POD}/serviceAccountName`, spec.serviceAccountName));
  if (spec.nodeAffinity) patches.push(JsonPatch.add(`${POD}/affinity`, { nodeAffinity: spec.nodeAffinity } satisfies k8s.Affinity));
  // cdk8s-plus-27 still refuses more than 6 search domains; the API server takes 32.
  if (spec.dnsConfig) patches.push(JsonPatch.add(`${POD}/dnsConfig`, spec.dnsConfig));
  if (spec.dnsPolicy === kplus.DnsPolicy.NONE) patches.push(JsonPatch.add(`${POD}/dnsPolicy`, spec.dnsPolicy));
  if (spec.hostUsers !== undefined) patches.push(JsonPatch.add(`${POD}/hostUsers`, spec.hostUsers));
  if (spec.imagePullSecrets.length > 0) {
    patches.push(JsonPatch.add(`${POD}/imagePullSecrets`, spec.imagePullSecrets.map((name): k8s.LocalObjectReference => ({ name }))));
  }
  if (spec.priorityClassName) patches.push(JsonPatch.add(`${POD}/priorityClassName`, spec.priorityClassName));
  if (spec.revisionHistoryLimit !== undefined) patches.push(JsonPatch.add('/spec/revisionHistoryLimit', spec.revisionHistoryLimit));

  spec.initContainers.forEach((c, i) => patches.push(...addContainer(ds, c, i, true)));
  spec.containers.forEach((c, i) => patches.push(...addContainer(ds, c, i, false)));
  ApiObject.of(ds).addJsonPatch(...patches);
  return ds;
}

/**
 * Adds a resolved container (`init`: an init container) at `index` of its list, and returns the
 * patches that replace cdk8s-plus's security context and resources with the resolved ones.
 */
function addContainer(ds: kplus.DaemonSet, c: ContainerSpec, index: number, init: boolean): JsonPatch[] {
  const props: kplus.ContainerProps = {
    name: c.name,
    image: c.image,
    imagePullPolicy: c.imagePullPolicy,
    command: c.command,
    args: c.args,
    envVariables: c.env,
    envFrom: c.envFrom,
    // `ports`, never `portNumber`: the latter adds an automatic startupProbe.
    ports: init ? undefined : c.ports,
    readiness: c.readiness,
    liveness: c.liveness,
    startup: c.startup,
    // Replaced below; an empty object keeps kplus from injecting its 1000m/512Mi defaults.
    resources: {},
  };
  const container = init ? ds.addInitContainer(props) : ds.addContainer(props);
  for (const m of c.mounts) {
    container.mount(m.mountPath, m.volume, { readOnly: m.readOnly, propagation: m.propagation, subPath: m.subPath });
  }
  const path = `${POD}/${init ? 'initContainers' : 'containers'}/${index}`;
  // Whole objects, so kplus's CAP_-prefixed capabilities and its defaults never reach the output.
  return [JsonPatch.add(`${path}/securityContext`, c.securityContext), JsonPatch.add(`${path}/resources`, c.resources)];
}

/** Adds a container to a rendered DaemonSet (`addSidecar()`, `addInitContainer()`), at `index` of its list. */
export function addContainerTo(ds: kplus.DaemonSet, c: ContainerSpec, index: number, init: boolean): void {
  ApiObject.of(ds).addJsonPatch(...addContainer(ds, c, index, init));
}

/** Replaces the pod's security context (a later patch wins), when a container added later changes it. */
export function setPodSecurityContext(ds: kplus.DaemonSet, context: k8s.PodSecurityContext): void {
  ApiObject.of(ds).addJsonPatch(podSecurityContextPatch(context));
}

function podSecurityContextPatch(context: k8s.PodSecurityContext): JsonPatch {
  return JsonPatch.add(`${POD}/securityContext`, context);
}

/** The L1 object behind a kplus resource: where the synthesized JSON comes from. */
export function apiObjectOf(ds: kplus.DaemonSet): ApiObject {
  return ApiObject.of(ds);
}
