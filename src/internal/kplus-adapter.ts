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

export { kplus };
export import k8s = kplus.k8s;

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
  readonly hostNetwork: boolean;
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  readonly nodeSelector: { [key: string]: string };
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
  const ds = new kplus.DaemonSet(scope, 'Resource', {
    metadata: spec.metadata,
    podMetadata: { labels: spec.podLabels, annotations: spec.podAnnotations },
    // The path-derived selector label would change whenever the construct moves; selectors are immutable.
    select: false,
    minReadySeconds: spec.minReadySeconds,
    hostNetwork: spec.hostNetwork,
    dns: { policy: spec.hostNetwork ? kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET : kplus.DnsPolicy.CLUSTER_FIRST },
    terminationGracePeriod: spec.terminationGracePeriod,
    automountServiceAccountToken: spec.automountServiceAccountToken,
  });
  ds.select(kplus.LabelSelector.of({ labels: spec.selectorLabels }));

  const patches: JsonPatch[] = [
    JsonPatch.remove('/spec/template/metadata/labels/cdk8s.io~1metadata.addr'),
    JsonPatch.add(`${POD}/hostPid`, spec.hostPID),
    JsonPatch.add(`${POD}/hostIpc`, spec.hostIPC),
    JsonPatch.add(`${POD}/nodeSelector`, spec.nodeSelector),
    JsonPatch.add(`${POD}/tolerations`, spec.tolerations),
    JsonPatch.add(`${POD}/securityContext`, spec.podSecurityContext),
    JsonPatch.add('/spec/updateStrategy', spec.updateStrategy),
  ];
  // By name, as kplus would render an imported ServiceAccount, without a construct per daemon to import it.
  if (spec.serviceAccountName) patches.push(JsonPatch.add(`${POD}/serviceAccountName`, spec.serviceAccountName));
  if (spec.priorityClassName) patches.push(JsonPatch.add(`${POD}/priorityClassName`, spec.priorityClassName));
  if (spec.revisionHistoryLimit !== undefined) patches.push(JsonPatch.add('/spec/revisionHistoryLimit', spec.revisionHistoryLimit));

  spec.containers.forEach((c, i) => {
    const container = ds.addContainer({
      name: c.name,
      image: c.image,
      imagePullPolicy: c.imagePullPolicy,
      command: c.command,
      args: c.args,
      envVariables: c.env,
      // `ports`, never `portNumber`: the latter adds an automatic startupProbe.
      ports: c.ports,
      readiness: c.readiness,
      liveness: c.liveness,
      startup: c.startup,
      // Replaced below; an empty object keeps kplus from injecting its 1000m/512Mi defaults.
      resources: {},
    });
    for (const m of c.mounts) {
      container.mount(m.mountPath, m.volume, { readOnly: m.readOnly, propagation: m.propagation, subPath: m.subPath });
    }
    // Whole objects, so kplus's CAP_-prefixed capabilities and its defaults never reach the output.
    patches.push(JsonPatch.add(`${POD}/containers/${i}/securityContext`, c.securityContext));
    patches.push(JsonPatch.add(`${POD}/containers/${i}/resources`, c.resources));
  });
  ApiObject.of(ds).addJsonPatch(...patches);
  return ds;
}

/** The L1 object behind a kplus resource: where the synthesized JSON comes from. */
export function apiObjectOf(ds: kplus.DaemonSet): ApiObject {
  return ApiObject.of(ds);
}
