import { ApiObject, ApiObjectMetadata, Chart, Duration, Names } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CompanionContext, ConfigDirectory, createClusterRole, createConfigMap, createPriorityClassQuota,
  createService, createServiceAccount, DaemonSetServiceOptions, PolicyRule,
} from './companions';
import {
  ContainerEnvOptions, ContainerProbeOptions, ContainerSecurityOptions, DaemonContainerOptions, DaemonContainerProps,
  DaemonInitContainerProps, DaemonMountOptions, DaemonVolumeMount, resolveContainer, resolveInitContainer, VolumeRegistry,
} from './container';
import { PodDnsConfig, resolveDns } from './dns';
import { assertNoViolation, assertValid, propError, propTypeError } from './internal/errors';
import { imageTag } from './internal/image';
import { addContainerTo, apiObjectOf, ContainerSpec, k8s, kplus, renderDaemonSet, setPodSecurityContext } from './internal/kplus-adapter';
import { extend } from './internal/objects';
import { envPropOf, nodeDaemonSetPropOf } from './internal/prop-paths';
import { arrayProp, instanceProp, plainProps, stringArrayProp } from './internal/shape';
import { createMonitoring, MonitoredDaemon, scrapeAnnotations } from './monitoring/daemon-monitoring';
import { DaemonSetAlertsOptions } from './monitoring/daemon-set-alerts';
import { MetricsNetworkPolicyOptions } from './monitoring/network-policy';
import { MetricsEndpoint, PodMonitorOptions, ServiceMonitorOptions } from './monitoring/scrape-endpoint';
import { NodeAffinity, renderNodeAffinity, renderNodeSelector, renderTolerations, Toleration, TOLERATE_EVERYTHING } from './scheduling';
import { PodSecurityLevel, podSecurityLevelOf } from './security';
import { DaemonSetUpdateStrategy } from './update-strategy';
import {
  checkDns1123Label, checkDns1123Subdomain, checkLabelValue, checkQualifiedName, CONTAINER_NAME, CONTAINER_NAME_DUPLICATE, METADATA_ANNOTATIONS,
  HOST_NAMESPACES_USER_NAMESPACES, HOST_PORT_DUPLICATE, idProblem, int32Violation, METADATA_LABELS, METADATA_NAME, METADATA_NAMESPACE, POD_NAMES,
  PRIORITY_CLASS_MISSING, SECURITY_CONTEXT_IDS,
  WRITABLE_ROOT_FILESYSTEM, addSynthCheck, addSynthValidation, silenceableWarningProblem, stableSelectorCheck,
} from './validation';

/** The priority class node daemons run with by default: evicted last, scheduled first. */
export const SYSTEM_NODE_CRITICAL = 'system-node-critical';

/**
 * Props every node daemon shares, presets included. Each maps to one Kubernetes field where it can.
 *
 * The `@default` of each prop is `NodeDaemonSet`'s. A preset sets its own defaults for some of
 * them (node-exporter runs on the host network, the storage daemons privileged and as root, the
 * log collector as root): each preset's class documentation lists them.
 */
export interface NodeDaemonSetOptions extends ContainerSecurityOptions, DaemonMountOptions, ContainerEnvOptions, ContainerProbeOptions {
  /**
   * Metadata of the DaemonSet (name, namespace, labels, annotations). The name must be a DNS-1123
   * subdomain of at most 63 characters (it is also the `app.kubernetes.io/instance` label). With
   * dots replaced by dashes it is the default `name`, and with `service` the Service's name, which
   * must start with a letter.
   *
   * @default - a name generated from the construct path
   * @throws if a key is no ObjectMeta field, or a label or annotation key or label value is invalid
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Extra labels and annotations on the pod template. Selector labels always win.
   *
   * @default - none
   * @throws if it holds a field other than `labels` and `annotations` (the pod template takes no other), or a label or annotation key or label value is invalid
   */
  readonly podMetadata?: ApiObjectMetadata;
  /**
   * When the kubelet pulls the image.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * CPU (millicores), memory and ephemeral-storage (bytes) requests and limits of the daemon
   * container. Presets merge these per resource with their defaults.
   *
   * @default - none for NodeDaemonSet (cdk8s-plus's 1000m/512Mi defaults are never applied); presets set their own
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Use the node's network namespace. Implies `dnsPolicy: ClusterFirstWithHostNet` and
   * `hostPort` = `containerPort` on every port.
   *
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Use the node's process ID namespace (see every process of the node).
   *
   * @default false
   */
  readonly hostPID?: boolean;
  /**
   * Use the node's IPC namespace.
   *
   * @default false
   */
  readonly hostIPC?: boolean;
  /**
   * Node labels a node must have to run the daemon, merged over `kubernetes.io/os: linux`
   * (set `kubernetes.io/os` here to target another OS).
   *
   * @default { 'kubernetes.io/os': 'linux' }
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Node affinity: required terms (ORed) a node must match besides `nodeSelector`, and preferred
   * terms. By default (`excludeVirtualNodes`) every required term also keeps the daemon off
   * virtual-kubelet and EKS Fargate nodes, which cannot run it.
   *
   * @default - only the virtual-node exclusions: `type NotIn [virtual-kubelet]` and `eks.amazonaws.com/compute-type NotIn [fargate]`
   * @throws if a requirement is invalid (key, operator, value count, Gt/Lt integers, `matchFields` other than `metadata.name`), a term is empty or can match no node, or a weight is outside 1–100
   */
  readonly nodeAffinity?: NodeAffinity;
  /**
   * Taints the daemon tolerates. The default tolerates every taint, so tainted nodes (control
   * planes, dedicated pools) still run the daemon.
   *
   * @default [{ operator: TolerationOperator.EXISTS }]
   */
  readonly tolerations?: Toleration[];
  /**
   * The PriorityClass of the pods; `''` for none (the cluster's default priority).
   *
   * @default 'system-node-critical'
   */
  readonly priorityClassName?: string;
  /**
   * Emit a ResourceQuota that allows `priorityClassName` pods in the DaemonSet's namespace. GKE
   * (and clusters configured like it) refuse `system-node-critical` and `system-cluster-critical`
   * pods outside `kube-system` with "insufficient quota to match these scopes" unless such a
   * quota exists.
   *
   * @default false
   */
  readonly priorityClassQuota?: boolean;
  /**
   * How pods are replaced when the template changes.
   *
   * @default DaemonSetUpdateStrategy.rollingUpdate() (maxUnavailable 1, no surge)
   */
  readonly updateStrategy?: DaemonSetUpdateStrategy;
  /**
   * Seconds a new pod must be ready before it counts as available.
   *
   * @default 0
   */
  readonly minReadySeconds?: number;
  /**
   * How many old ControllerRevisions to keep for rollback.
   *
   * @default - the API server's default, 10
   */
  readonly revisionHistoryLimit?: number;
  /**
   * How long the pod has to stop after SIGTERM.
   *
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * An existing ServiceAccount for the pods.
   *
   * @default - a dedicated ServiceAccount is created
   */
  readonly serviceAccount?: kplus.IServiceAccount;
  /**
   * Mount the ServiceAccount token into the pods. Needed only by daemons that call the API server.
   *
   * @default - true when `clusterRoleRules` are given, else false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * The group that owns mounted volumes (`fsGroup`).
   *
   * @default - none
   */
  readonly fsGroup?: number;
  /**
   * Warning rule ids (see docs/rules.md) this daemon triggers on purpose: they are not printed
   * for its objects, and strict mode does not fail on them. Unlike the App-wide
   * `cdk8s-daemonsets:suppressRules` context, this is per daemon. Presets acknowledge what their
   * daemon does by design (ceph-csi reads Secrets); yours are added to theirs.
   *
   * @default - none
   * @throws if an id is not a warning rule, or describes a rollout failure (neither can be silenced)
   */
  readonly acknowledgedWarnings?: string[];
  /**
   * More containers in the pod (sidecars), with the library's container defaults: hardened like
   * the daemon (non-root, read-only root filesystem, every capability dropped, RuntimeDefault
   * seccomp), `imagePullPolicy: IfNotPresent`, and none of cdk8s-plus's implicit resources
   * (1000m/512Mi requests, 1500m/2Gi limits) or probes. On a preset they come before the
   * preset's own sidecars. `addSidecar()` adds one later.
   *
   * @default - none
   * @throws if a name repeats in the pod, or two containers bind the same host port
   */
  readonly sidecars?: DaemonContainerProps[];
  /**
   * Containers that run to completion, in order, before the daemon starts (`initContainers`),
   * with the same defaults as `sidecars`. `addInitContainer()` adds one later.
   *
   * @default - none
   */
  readonly initContainers?: DaemonInitContainerProps[];
  /**
   * Secrets holding registry credentials for the pod's images (`imagePullSecrets`), by name,
   * in the daemon's namespace.
   *
   * @default - none (the ServiceAccount's and the node's credentials)
   * @throws if a name is not a DNS-1123 subdomain, or repeats
   */
  readonly imagePullSecrets?: string[];
  /**
   * How the pod resolves names.
   *
   * @default - DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET with `hostNetwork`, else DnsPolicy.CLUSTER_FIRST
   */
  readonly dnsPolicy?: kplus.DnsPolicy;
  /**
   * Resolver settings merged into what `dnsPolicy` generates (`dnsConfig`).
   *
   * @default - none
   * @throws with DnsPolicy.NONE and no nameserver; more than 3 nameservers or one that is no IP; more than 32 search domains or 2048 characters
   */
  readonly dnsConfig?: PodDnsConfig;
  /**
   * Share the node's user namespace (`hostUsers`). `false` runs the pod in its own user
   * namespace, so root in the container is an unprivileged user on the node: needs Kubernetes
   * 1.33 or later (1.30 to 1.32 with the UserNamespacesSupport feature gate), Linux 6.3 or later
   * and a runtime with idmap mounts (containerd 2.0, CRI-O 1.25).
   *
   * @default - the API server's default, true
   * @throws if false together with hostNetwork, hostPID or hostIPC (the API server refuses it)
   */
  readonly hostUsers?: boolean;
  /**
   * A Service in front of the daemon pods.
   *
   * @default - no Service (a preset: its own, see its documentation)
   */
  readonly service?: DaemonSetServiceOptions;
  /**
   * A Prometheus Operator ServiceMonitor (`monitoring.coreos.com/v1`) selecting exactly the
   * daemon's Service, on its metrics port by name, with the node name as `instance`. Needs the
   * ServiceMonitor CRD in the cluster. With a monitor, the pods carry no `prometheus.io/*`
   * scrape annotations (docs/monitoring.md).
   *
   * @default - no ServiceMonitor
   * @throws if the daemon has no Service, the port names none of its ports, or `podMonitor` is set too
   */
  readonly serviceMonitor?: ServiceMonitorOptions;
  /**
   * A Prometheus Operator PodMonitor (`monitoring.coreos.com/v1`) selecting exactly the daemon's
   * pods, on the named container port, with the node name as `instance`. Needs the PodMonitor CRD.
   *
   * @default - no PodMonitor
   * @throws if the port names no container port, or `serviceMonitor` is set too
   */
  readonly podMonitor?: PodMonitorOptions;
  /**
   * A NetworkPolicy admitting ingress to the daemon's pods only on the metrics port, and only
   * from Prometheus. Has no effect on host-network pods under most CNI plugins (the validator
   * warns: `network-policy-host-network`).
   *
   * @default - no NetworkPolicy
   * @throws if the daemon serves no metrics port
   */
  readonly networkPolicy?: MetricsNetworkPolicyOptions;
  /**
   * A Prometheus Operator PrometheusRule with health alerts for this DaemonSet from
   * kube-state-metrics series (pods not scheduled, misscheduled, not ready, rollout stuck).
   * Needs the PrometheusRule CRD, and kube-state-metrics scraped by the Prometheus that loads it.
   *
   * @default - no PrometheusRule
   * @throws if the daemon's namespace is unknown (the alerts select by it)
   */
  readonly prometheusRule?: DaemonSetAlertsOptions;
}

/**
 * Props of `NodeDaemonSet`.
 */
export interface NodeDaemonSetProps extends NodeDaemonSetOptions, DaemonContainerOptions {
  /** The daemon's image, with a pinned tag or digest (never `latest`). */
  readonly image: string;
  /**
   * The daemon's name: the container name and the `app.kubernetes.io/name` label (a selector
   * label, so keep it stable). A DNS-1123 label: at most 63 lowercase letters, digits and `-`.
   *
   * @default - the DaemonSet's name, with dots replaced by dashes
   */
  readonly name?: string;
  /**
   * The `app.kubernetes.io/component` label, e.g. `exporter` or `log-collector`.
   *
   * @default - no component label
   */
  readonly component?: string;
  /**
   * Configuration files, from a generated ConfigMap mounted read-only into the daemon container.
   *
   * @default - none
   */
  readonly configDirectory?: ConfigDirectory;
  /**
   * RBAC rules for the daemon: a ClusterRole with these rules is bound to its ServiceAccount.
   *
   * @default - no ClusterRole
   */
  readonly clusterRoleRules?: PolicyRule[];
  /**
   * The metrics endpoint a preset serves: what monitors scrape by default and scrape
   * annotations describe.
   * @internal
   */
  readonly _metrics?: PresetMetrics;
  /**
   * The preset prop behind each environment variable it sets on the daemon container (a Secret
   * reference from `outputs[0].httpPasswd`), for the `prop:` hint of a finding on it.
   * @internal
   */
  readonly _envProps?: { readonly [name: string]: string };
}

/** A preset's metrics endpoint, and the alert on its scrapes failing. @internal */
export interface PresetMetrics extends MetricsEndpoint {
  readonly exporterDownAlert?: string;
}

/**
 * A DaemonSet for a node daemon: one pod on every eligible Linux node, hardened by default,
 * tolerating every taint but keeping off virtual-kubelet and EKS Fargate nodes (which cannot run
 * it), at `system-node-critical` priority, with a stable selector and the recommended
 * `app.kubernetes.io/*` labels.
 *
 * The root filesystem is read-only and the container must run as a non-root user: give
 * `runAsUser` the image's numeric user, or, for an image that must run as root, set
 * `runAsUser: 0` (which turns `runAsNonRoot` off). The kubelet, not synth, rejects a root
 * image under `runAsNonRoot`.
 *
 * Every object it synthesizes is checked by `DaemonSetValidator` at synth time.
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/
 */
export class NodeDaemonSet extends Construct {
  /** The cdk8s-plus DaemonSet, for anything the props do not cover. */
  public readonly daemonSet: kplus.DaemonSet;
  /** The name of the pods' ServiceAccount. */
  public readonly serviceAccountName: string;
  /** The labels of the DaemonSet's immutable selector. */
  public readonly selectorLabels: { [key: string]: string };
  /** The Service, when `service` was given. */
  public readonly service?: ApiObject;
  private readonly objects: ApiObject[];
  private readonly pod: PodContainers;

  constructor(scope: Construct, id: string, props: NodeDaemonSetProps) {
    super(scope, id);
    props = checkPodShapes(this, props);
    const service = props.service?.enabled === false ? undefined : props.service;
    const { name, appName, serviceName } = daemonNames(this, props, service !== undefined);
    const namespace = props.metadata?.namespace;
    if (namespace !== undefined) assertValid(this, 'metadata.namespace', namespace, checkDns1123Label(namespace), METADATA_NAMESPACE);
    checkMetadata(this, 'metadata', props.metadata);
    checkMetadata(this, 'podMetadata', props.podMetadata);
    for (const prop of ['minReadySeconds', 'revisionHistoryLimit'] as const) checkCount(this, prop, props[prop]);
    if (props.fsGroup !== undefined) assertValid(this, 'fsGroup', props.fsGroup, idProblem(props.fsGroup), SECURITY_CONTEXT_IDS);
    checkCount(this, 'terminationGracePeriod', props.terminationGracePeriod?.toSeconds({ integral: false }));
    if (props.component !== undefined) assertValid(this, 'component', props.component, checkLabelValue(props.component), METADATA_LABELS);

    this.selectorLabels = { 'app.kubernetes.io/name': appName, 'app.kubernetes.io/instance': name };
    // Keys added to a copy, not after a spread, which would give each daemon's labels a hidden class of their own (see `extend`).
    const labels: { [k: string]: string } = Object.assign({}, this.selectorLabels);
    if (props.component) labels['app.kubernetes.io/component'] = props.component;
    Object.assign(labels, versionLabel(props.image));
    labels['app.kubernetes.io/managed-by'] = 'cdk8s';
    const podLabels = { ...labels, ...props.podMetadata?.labels, ...this.selectorLabels };
    const ctx: CompanionContext = { name, namespace, labels };
    const objects: ApiObject[] = [];

    const rules = props.clusterRoleRules ?? [];
    this.serviceAccountName = props.serviceAccount?.name ?? name;
    if (!props.serviceAccount) objects.push(createServiceAccount(this, ctx));
    if (rules.length > 0) {
      const bindingNamespace = namespace ?? Chart.of(this).namespace ?? 'default';
      objects.push(...createClusterRole(this, ctx, this.serviceAccountName, bindingNamespace, rules));
    }

    const hostNetwork = props.hostNetwork ?? false;
    const hostNamespaces = hostNetwork || props.hostPID === true || props.hostIPC === true;
    if (props.hostUsers === false && hostNamespaces) {
      throw propError(this, 'hostUsers', false, 'a pod in its own user namespace cannot share the node\'s network, PID or IPC namespace (the API server refuses it)', HOST_NAMESPACES_USER_NAMESPACES);
    }
    const volumes = new VolumeRegistry(this);
    const volumeMounts = [...props.volumeMounts ?? []];
    let sidecars = props.sidecars ?? [];
    let configChecksum: string | undefined;
    if (props.configDirectory) {
      const config = createConfigMap(this, ctx, props.configDirectory);
      objects.push(config.apiObject);
      if (props.configDirectory.restartOnChange !== false) configChecksum = config.checksum;
      const mount = {
        volume: kplus.Volume.fromConfigMap(this, 'ConfigVolume', config.configMap, { name: 'config' }),
        mountPath: props.configDirectory.mountPath,
      };
      volumeMounts.push(mount);
      sidecars = withConfigMounts(this, sidecars, mount, props.configDirectory.sidecarMounts);
    }
    this.pod = new PodContainers(this, hostNetwork, volumes, explicitOptOuts(props));
    const initContainers = (props.initContainers ?? []).map((c, i) => this.pod.resolve(`initContainers[${i}].`, c, true));
    const containers = [
      this.pod.resolve('', extend(props, { name: appName, volumeMounts }), false),
      ...sidecars.map((c, i) => this.pod.resolve(`sidecars[${i}].`, c, false)),
    ];
    const podAnnotations: { [k: string]: string } = {
      ...scrapeAnnotations({ containers, endpoint: props._metrics }, props),
      ...props.podMetadata?.annotations,
      ...configChecksum ? { 'checksum/config': configChecksum } : {},
    };
    const usesHostPorts = containers.some(c => c.ports.some(p => p.hostPort !== undefined));
    const priorityClassName = props.priorityClassName ?? SYSTEM_NODE_CRITICAL;
    if (priorityClassName) assertValid(this, 'priorityClassName', priorityClassName, checkDns1123Subdomain(priorityClassName), POD_NAMES);
    if (props.priorityClassQuota && !priorityClassName) throw propError(this, 'priorityClassQuota', true, 'needs a priorityClassName');
    const dns = resolveDns(this, hostNetwork, props.dnsPolicy, props.dnsConfig);

    const nodeSelector = renderNodeSelector(this, props.nodeSelector ?? {});
    this.daemonSet = renderDaemonSet(this, {
      metadata: extend(props.metadata ?? {}, { name, labels: { ...labels, ...props.metadata?.labels, ...this.selectorLabels } }),
      podLabels,
      podAnnotations,
      selectorLabels: this.selectorLabels,
      containers,
      initContainers,
      hostNetwork,
      dnsPolicy: dns.policy,
      dnsConfig: dns.config,
      hostUsers: props.hostUsers,
      imagePullSecrets: imagePullSecrets(this, props.imagePullSecrets),
      hostPID: props.hostPID ?? false,
      hostIPC: props.hostIPC ?? false,
      nodeSelector,
      nodeAffinity: renderNodeAffinity(this, props.nodeAffinity ?? {}, nodeSelector),
      tolerations: renderTolerations(this, props.tolerations ?? TOLERATE_EVERYTHING),
      priorityClassName,
      updateStrategy: updateStrategyOf(this, props.updateStrategy)._render(this, hostNetwork || usesHostPorts),
      minReadySeconds: props.minReadySeconds ?? 0,
      revisionHistoryLimit: props.revisionHistoryLimit,
      terminationGracePeriod: props.terminationGracePeriod,
      serviceAccountName: this.serviceAccountName,
      automountServiceAccountToken: props.automountServiceAccountToken ?? rules.length > 0,
      podSecurityContext: this.pod.securityContext(props.fsGroup),
    });
    this.pod.rendered(this.daemonSet, props.fsGroup);
    objects.unshift(apiObjectOf(this.daemonSet));

    const exposed = service ? servicePorts(this, containers, service) : undefined;
    if (service) {
      this.service = createService(this, { ...ctx, name: serviceName }, this.selectorLabels, exposed!, service);
      objects.push(this.service);
    }
    const monitored: MonitoredDaemon = {
      name,
      namespace: namespace ?? Chart.of(this).namespace,
      labels,
      podLabels,
      selectorLabels: this.selectorLabels,
      containers,
      servicePorts: exposed?.map(p => p.name!),
      endpoint: props._metrics,
      exporterDownAlert: props._metrics?.exporterDownAlert,
    };
    objects.push(...createMonitoring(this, monitored, props));
    if (props.priorityClassQuota) objects.push(createPriorityClassQuota(this, ctx, priorityClassName));
    this.objects = objects;
    const acknowledged = stringArrayProp(this, 'acknowledgedWarnings', props.acknowledgedWarnings);
    acknowledged.forEach((ruleId, i) => assertValid(this, `acknowledgedWarnings[${i}]`, ruleId, silenceableWarningProblem(ruleId)));
    addSynthValidation(this, {
      objects: () => this.objects,
      options: { hostAccessOptedIn: true, suppress: this.pod.acknowledge(acknowledged) },
      propOf: envPropOf(props._envProps, nodeDaemonSetPropOf),
    });
    addSynthCheck(this, stableSelectorCheck(this.selectorLabels));
  }

  /** Every object this construct synthesizes, the DaemonSet first. */
  public get apiObjects(): ApiObject[] {
    return [...this.objects];
  }

  /**
   * Adds a container beside the daemon (a sidecar) with the library's container defaults, as
   * the `sidecars` prop does: hardened security context, `imagePullPolicy: IfNotPresent`, no
   * implicit resources or probes. Prefer it to `daemonSet.addContainer()`, which applies
   * cdk8s-plus's defaults (1000m/512Mi requests, 1500m/2Gi limits, `imagePullPolicy: Always`).
   *
   * @throws if the name is taken in the pod, a host port is already bound, or a prop is invalid
   */
  public addSidecar(sidecar: DaemonContainerProps): void {
    this.pod.add(sidecar, false);
  }

  /**
   * Adds an init container with the library's container defaults, as the `initContainers` prop does.
   *
   * @throws if the name is taken in the pod, or a prop is invalid
   */
  public addInitContainer(initContainer: DaemonInitContainerProps): void {
    this.pod.add(initContainer, true);
  }

  /**
   * Adds an object that belongs to this daemon (a preset's companion object), so that it is
   * validated at synth with the rest.
   */
  protected addApiObject(obj: ApiObject): void {
    this.objects.push(obj);
  }

  /**
   * The lowest Pod Security Standards level (`restricted`, `baseline` or `privileged`) whose
   * namespace admits the daemon's pods. Label the namespace with
   * `pod-security.kubernetes.io/enforce` at this level or above, or the DaemonSet is accepted
   * but creates no pods.
   */
  public get podSecurityLevel(): PodSecurityLevel {
    return podSecurityLevelOf(apiObjectOf(this.daemonSet).toJson().spec.template.spec);
  }
}

/**
 * The DaemonSet's name and the names derived from it. A value derived from `metadata.name` is
 * made valid where a valid form exists (the container name and `app.kubernetes.io/name` are
 * DNS-1123 labels, so dots become dashes; so does the Service name); where none exists, the
 * error names the prop the user set, the derived use, and the prop that overrides it.
 */
function daemonNames(scope: Construct, props: NodeDaemonSetProps, withService: boolean): { name: string; appName: string; serviceName: string } {
  const name = props.metadata?.name ?? Names.toDnsLabel(scope);
  assertValid(scope, 'metadata.name', name, checkDns1123Subdomain(name), METADATA_NAME);
  if (name.length > 63) {
    throw propError(scope, 'metadata.name', name, 'must be no more than 63 characters: it is also the app.kubernetes.io/instance label '
      + '(a selector label), which no prop overrides', METADATA_LABELS, 'Shorten `metadata.name` to at most 63 characters.');
  }
  const derived = name.replace(/\./g, '-');
  if (props.name !== undefined) assertValid(scope, 'name', props.name, checkDns1123Label(props.name), CONTAINER_NAME);
  if (withService && !/^[a-z]/.test(derived)) {
    throw propError(scope, 'metadata.name', name, 'must start with a letter when the service prop is set: the Service takes this name '
      + '(dots become dashes), and a Service name is a DNS-1035 label, which starts with a letter; no prop overrides the Service name', METADATA_NAME);
  }
  return { name, appName: props.name ?? derived, serviceName: derived };
}

/**
 * The pod's containers as they are resolved, in the props or later by `addSidecar()`: names
 * unique across containers and init containers, host ports bound once, volumes shared by
 * name, and the pod-level security fields that depend on every container.
 */
class PodContainers {
  private readonly names = new Map<string, string>();
  private readonly hostPorts = new Map<string, string>();
  private readonly containers: ContainerSpec[] = [];
  private readonly initContainers: ContainerSpec[] = [];
  private daemonSet?: kplus.DaemonSet;
  private fsGroup?: number;

  constructor(private readonly scope: Construct, private readonly hostNetwork: boolean, private readonly volumes: VolumeRegistry,
    private readonly suppressed: string[]) {}

  /** Checks and resolves a container with prop prefix `prop` (`''` for the daemon's own). */
  public resolve(prop: string, props: DaemonContainerProps, init: boolean): ContainerSpec {
    const spec = init
      ? resolveInitContainer(this.scope, prop, props, this.volumes)
      : resolveContainer(this.scope, prop, props, this.hostNetwork, this.volumes);
    const nameProp = prop === '' ? 'name' : `${prop}name`;
    assertValid(this.scope, nameProp, spec.name, checkDns1123Label(spec.name), CONTAINER_NAME);
    const other = this.names.get(spec.name);
    if (other !== undefined) {
      throw propError(this.scope, nameProp, spec.name, `container names must be unique in the pod (init containers included): ${other} has it`, CONTAINER_NAME_DUPLICATE);
    }
    this.names.set(spec.name, prop === '' ? 'the daemon container' : prop.slice(0, -1));
    spec.ports.forEach((p, j) => {
      if (p.hostPort === undefined) return;
      const key = `${p.protocol ?? 'TCP'}/${p.hostPort}`;
      const bound = this.hostPorts.get(key);
      if (bound) throw propError(this.scope, `${prop}ports[${j}].hostPort`, p.hostPort, `host port ${key} is already bound by ${bound}`, HOST_PORT_DUPLICATE);
      this.hostPorts.set(key, `container ${spec.name}`);
    });
    const writable = WRITABLE_ROOT_FILESYSTEM.id;
    if (props.readOnlyRootFilesystem === false && !this.suppressed.includes(writable)) this.suppressed.push(writable);
    (init ? this.initContainers : this.containers).push(spec);
    return spec;
  }

  /** The pod's security context: `runAsNonRoot` when every container has it, seccomp from the daemon container. */
  public securityContext(fsGroup?: number): k8s.PodSecurityContext {
    const all = [...this.initContainers, ...this.containers];
    return {
      // Users stay per container (a sidecar's image has its own); the pod-level fields are the ones PSA reads for the whole pod.
      runAsNonRoot: all.every(c => c.securityContext.runAsNonRoot) ? true : undefined,
      fsGroup,
      seccompProfile: this.containers[0].securityContext.seccompProfile,
    };
  }

  /** Marks the pod rendered: containers added from now on are added to `ds`. */
  public rendered(ds: kplus.DaemonSet, fsGroup?: number): void {
    this.daemonSet = ds;
    this.fsGroup = fsGroup;
  }

  /** Adds a container after rendering, and updates what depends on every container. */
  public add(props: DaemonContainerProps, init: boolean): void {
    const list = init ? this.initContainers : this.containers;
    const spec = this.resolve(`${init ? 'addInitContainer' : 'addSidecar'}(${JSON.stringify(props?.name ?? null)}).`, props, init);
    addContainerTo(this.daemonSet!, spec, list.length - 1, init);
    setPodSecurityContext(this.daemonSet!, this.securityContext(this.fsGroup));
  }

  /** The rule ids silenced for the daemon: the acknowledged ones and the explicit opt-outs, kept current as containers are added. */
  public acknowledge(ids: string[]): string[] {
    this.suppressed.push(...ids);
    return this.suppressed;
  }
}

/**
 * The fields of Kubernetes' ObjectMeta, as the field schemas generated from Kubernetes hold them
 * (`meta.v1.ObjectMeta`; a test keeps the two equal): the DaemonSet's `metadata` prop renders
 * these, and cdk8s-plus drops any other key (and cdk8s fails on `constructor`).
 */
export const OBJECT_META_FIELDS: ReadonlySet<string> = new Set([
  'annotations', 'creationTimestamp', 'deletionGracePeriodSeconds', 'deletionTimestamp', 'finalizers', 'generateName',
  'generation', 'labels', 'managedFields', 'name', 'namespace', 'ownerReferences', 'resourceVersion', 'selfLink', 'uid',
]);

/** What the pod template takes from the `podMetadata` prop: the DaemonSet's pods get their names and the rest from the controller. */
const POD_METADATA_FIELDS: ReadonlySet<string> = new Set(['annotations', 'labels']);

/** Field names, label keys and values, annotation keys of a metadata prop. */
function checkMetadata(scope: Construct, prop: 'metadata' | 'podMetadata', metadata?: ApiObjectMetadata): void {
  const fields = prop === 'metadata' ? OBJECT_META_FIELDS : POD_METADATA_FIELDS;
  for (const key of Object.keys(metadata ?? {})) {
    if (fields.has(key)) continue;
    throw propError(scope, `${prop}.${key}`, metadata![key], prop === 'metadata'
      ? 'is no field of ObjectMeta: the API server\'s strict field validation (kubectl\'s default) refuses it as an unknown field, and cdk8s-plus would drop it'
      : 'is not rendered into the pod template, which takes only labels and annotations from podMetadata (cdk8s-plus would drop it)');
  }
  for (const [key, value] of Object.entries(metadata?.labels ?? {})) {
    assertValid(scope, `${prop}.labels`, key, checkQualifiedName(key), METADATA_LABELS);
    assertValid(scope, `${prop}.labels[${key}]`, value, checkLabelValue(value), METADATA_LABELS);
  }
  // The API server checks annotation keys in lower case (ValidateAnnotations); values are free text.
  for (const key of Object.keys(metadata?.annotations ?? {})) {
    assertValid(scope, `${prop}.annotations`, key, checkQualifiedName(key.toLowerCase()), METADATA_ANNOTATIONS);
  }
}

/** A count the API server takes as a non-negative int32 (`minReadySeconds`, seconds of `terminationGracePeriod`). */
function checkCount(scope: Construct, prop: string, value?: number): void {
  if (value !== undefined) assertNoViolation(scope, prop, value, int32Violation(value, 0));
}

/**
 * Warnings about choices the props made explicitly: like host access, a writable root filesystem
 * or no priority class asked for by name is a decision, not an oversight.
 */
function explicitOptOuts(props: NodeDaemonSetProps): string[] {
  return props.priorityClassName === '' ? [PRIORITY_CLASS_MISSING.id] : [];
}

/** What the compiler checks for TypeScript callers, checked again for JavaScript and jsii ones. */
function checkPodShapes(scope: Construct, given: NodeDaemonSetProps): NodeDaemonSetProps {
  const props = plainProps(scope, given);
  arrayProp(scope, 'tolerations', props.tolerations);
  arrayProp(scope, 'nodeAffinity.required', props.nodeAffinity?.required);
  arrayProp(scope, 'nodeAffinity.preferred', props.nodeAffinity?.preferred);
  arrayProp(scope, 'sidecars', props.sidecars);
  arrayProp(scope, 'initContainers', props.initContainers);
  arrayProp(scope, 'clusterRoleRules', props.clusterRoleRules);
  stringArrayProp(scope, 'service.portNames', props.service?.portNames);
  instanceProp(scope, 'terminationGracePeriod', props.terminationGracePeriod, Duration, 'Duration.seconds()');
  if (props.serviceAccount !== undefined && typeof props.serviceAccount?.name !== 'string') {
    throw propTypeError(scope, 'serviceAccount', props.serviceAccount, 'must be a ServiceAccount (kplus.ServiceAccount.fromServiceAccountName() for an existing one)');
  }
  const files = props.configDirectory?.files;
  if (props.configDirectory !== undefined && (typeof files !== 'object' || files === null || Array.isArray(files))) {
    throw propTypeError(scope, 'configDirectory.files', files ?? null, 'must map file names to contents');
  }
  return props;
}

/** A plain object (from JavaScript, where no compiler checks the type) would fail deep in the render. */
function updateStrategyOf(scope: Construct, strategy?: DaemonSetUpdateStrategy): DaemonSetUpdateStrategy {
  if (strategy === undefined) return DaemonSetUpdateStrategy.rollingUpdate();
  if (!(strategy instanceof DaemonSetUpdateStrategy)) {
    throw propTypeError(scope, 'updateStrategy', strategy, 'must be made by DaemonSetUpdateStrategy.rollingUpdate() or DaemonSetUpdateStrategy.onDelete()');
  }
  return strategy;
}

/** The sidecars named in `configDirectory.sidecarMounts`, with the config directory mounted too. */
function withConfigMounts(scope: Construct, sidecars: DaemonContainerProps[], mount: DaemonVolumeMount, names?: string[]): DaemonContainerProps[] {
  const wanted = stringArrayProp(scope, 'configDirectory.sidecarMounts', names);
  wanted.forEach((n, i) => {
    if (!sidecars.some(s => s.name === n)) throw propError(scope, `configDirectory.sidecarMounts[${i}]`, n, 'is not the name of a sidecar');
  });
  return sidecars.map(s => wanted.includes(s.name) ? { ...s, volumeMounts: [...s.volumeMounts ?? [], mount] } : s);
}

/** The names of `imagePullSecrets`, each a Secret name given once. */
function imagePullSecrets(scope: Construct, names: string[] | undefined): string[] {
  const list = stringArrayProp(scope, 'imagePullSecrets', names);
  list.forEach((n, i) => {
    assertValid(scope, `imagePullSecrets[${i}]`, n, checkDns1123Subdomain(n));
    if (list.indexOf(n) !== i) throw propError(scope, `imagePullSecrets[${i}]`, n, 'each Secret may be named once');
  });
  return list;
}

/** `app.kubernetes.io/version` from the image tag (`v1.12.1` → `1.12.1`), when the tag is a valid label value. */
function versionLabel(image: string): { [k: string]: string } {
  const version = imageTag(image)?.replace(/^v(?=\d)/, '');
  return version && !checkLabelValue(version) ? { 'app.kubernetes.io/version': version } : {};
}

/** The Service's ports: every named port of the daemon container, or the ones `portNames` names in any container (a proxy sidecar's). */
function servicePorts(scope: Construct, containers: ContainerSpec[], options: DaemonSetServiceOptions): kplus.ContainerPort[] {
  if (!options.portNames) {
    const named = containers[0].ports.filter(p => p.name !== undefined);
    if (named.length === 0) throw propError(scope, 'service', options, 'the daemon container has no named port to expose');
    return named;
  }
  const named = containers.flatMap(c => c.ports).filter(p => p.name !== undefined);
  return options.portNames.map((n, i) => {
    const port = named.find(p => p.name === n);
    if (!port) throw propError(scope, `service.portNames[${i}]`, n, `no container port is named ${n}`);
    if (options.portNames!.indexOf(n) !== i) throw propError(scope, `service.portNames[${i}]`, n, 'each port may be exposed once');
    return port;
  });
}
