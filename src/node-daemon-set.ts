import { ApiObject, ApiObjectMetadata, Chart, Duration, Names } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CompanionContext, ConfigDirectory, createClusterRole, createConfigMap, createPriorityClassQuota,
  createService, createServiceAccount, DaemonSetServiceOptions, PolicyRule,
} from './companions';
import {
  ContainerSecurityOptions, DaemonContainerOptions, DaemonContainerProps, DaemonMountOptions,
  resolveContainer, VolumeRegistry,
} from './container';
import { assertNoViolation, assertValid, propError, propTypeError } from './internal/errors';
import { imageTag } from './internal/image';
import { apiObjectOf, ContainerSpec, kplus, renderDaemonSet } from './internal/kplus-adapter';
import { nodeDaemonSetPropOf } from './internal/prop-paths';
import { arrayProp, instanceProp, stringArrayProp } from './internal/shape';
import { renderNodeSelector, renderTolerations, Toleration, TOLERATE_EVERYTHING } from './scheduling';
import { PodSecurityLevel, podSecurityLevelOf } from './security';
import { DaemonSetUpdateStrategy } from './update-strategy';
import {
  checkDns1123Label, checkDns1123Subdomain, checkLabelValue, checkQualifiedName, CONTAINER_NAME, CONTAINER_NAME_DUPLICATE, HOST_PORT_DUPLICATE,
  idProblem, int32Violation, METADATA_LABELS, METADATA_NAME, METADATA_NAMESPACE, POD_NAMES, PRIORITY_CLASS_MISSING, SECURITY_CONTEXT_IDS,
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
export interface NodeDaemonSetOptions extends ContainerSecurityOptions, DaemonMountOptions {
  /**
   * Metadata of the DaemonSet (name, namespace, labels, annotations). The name must be a DNS-1123
   * subdomain of at most 63 characters (it is also the `app.kubernetes.io/instance` label). With
   * dots replaced by dashes it is the default `name`, and with `service` the Service's name, which
   * must start with a letter.
   *
   * @default - a name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Extra labels and annotations on the pod template. Selector labels always win.
   *
   * @default - none
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
   * More containers in the pod (sidecars), hardened like the daemon.
   *
   * @default - none
   */
  readonly sidecars?: DaemonContainerProps[];
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
   * A Service in front of the daemon pods.
   *
   * @default - no Service
   */
  readonly service?: DaemonSetServiceOptions;
}

/**
 * A DaemonSet for a node daemon: one pod on every eligible Linux node, hardened by default,
 * tolerating every taint, at `system-node-critical` priority, with a stable selector and the
 * recommended `app.kubernetes.io/*` labels.
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

  constructor(scope: Construct, id: string, props: NodeDaemonSetProps) {
    super(scope, id);
    checkPodShapes(this, props);
    const { name, appName, serviceName } = daemonNames(this, props);
    const namespace = props.metadata?.namespace;
    if (namespace !== undefined) assertValid(this, 'metadata.namespace', namespace, checkDns1123Label(namespace), METADATA_NAMESPACE);
    checkLabels(this, 'metadata.labels', props.metadata?.labels);
    checkLabels(this, 'podMetadata.labels', props.podMetadata?.labels);
    for (const prop of ['minReadySeconds', 'revisionHistoryLimit'] as const) checkCount(this, prop, props[prop]);
    if (props.fsGroup !== undefined) assertValid(this, 'fsGroup', props.fsGroup, idProblem(props.fsGroup), SECURITY_CONTEXT_IDS);
    checkCount(this, 'terminationGracePeriod', props.terminationGracePeriod?.toSeconds({ integral: false }));
    if (props.component !== undefined) assertValid(this, 'component', props.component, checkLabelValue(props.component), METADATA_LABELS);

    this.selectorLabels = { 'app.kubernetes.io/name': appName, 'app.kubernetes.io/instance': name };
    const labels: { [k: string]: string } = {
      ...this.selectorLabels,
      ...(props.component ? { 'app.kubernetes.io/component': props.component } : {}),
      ...versionLabel(props.image),
      'app.kubernetes.io/managed-by': 'cdk8s',
    };
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
    const volumes = new VolumeRegistry(this);
    const podAnnotations: { [k: string]: string } = { ...props.podMetadata?.annotations };
    const volumeMounts = [...props.volumeMounts ?? []];
    if (props.configDirectory) {
      const config = createConfigMap(this, ctx, props.configDirectory);
      objects.push(config.apiObject);
      podAnnotations['checksum/config'] = config.checksum;
      volumeMounts.push({
        volume: kplus.Volume.fromConfigMap(this, 'ConfigVolume', config.configMap, { name: 'config' }),
        mountPath: props.configDirectory.mountPath,
      });
    }
    const containers: ContainerSpec[] = [
      resolveContainer(this, '', { ...props, name: appName, volumeMounts }, hostNetwork, volumes),
      ...(props.sidecars ?? []).map((s, i) => resolveContainer(this, `sidecars[${i}].`, s, hostNetwork, volumes)),
    ];
    checkUniqueContainerNames(this, containers);
    checkUniqueHostPorts(this, containers);
    const usesHostPorts = containers.some(c => c.ports.some(p => p.hostPort !== undefined));
    const priorityClassName = props.priorityClassName ?? SYSTEM_NODE_CRITICAL;
    if (priorityClassName) assertValid(this, 'priorityClassName', priorityClassName, checkDns1123Subdomain(priorityClassName), POD_NAMES);
    if (props.priorityClassQuota && !priorityClassName) throw propError(this, 'priorityClassQuota', true, 'needs a priorityClassName');

    this.daemonSet = renderDaemonSet(this, {
      metadata: { ...props.metadata, name, labels: { ...labels, ...props.metadata?.labels, ...this.selectorLabels } },
      podLabels: { ...labels, ...props.podMetadata?.labels, ...this.selectorLabels },
      podAnnotations,
      selectorLabels: this.selectorLabels,
      containers,
      hostNetwork,
      hostPID: props.hostPID ?? false,
      hostIPC: props.hostIPC ?? false,
      nodeSelector: renderNodeSelector(this, props.nodeSelector ?? {}),
      tolerations: renderTolerations(this, props.tolerations ?? TOLERATE_EVERYTHING),
      priorityClassName,
      updateStrategy: updateStrategyOf(this, props.updateStrategy)._render(this, hostNetwork || usesHostPorts),
      minReadySeconds: props.minReadySeconds ?? 0,
      revisionHistoryLimit: props.revisionHistoryLimit,
      terminationGracePeriod: props.terminationGracePeriod,
      serviceAccountName: this.serviceAccountName,
      automountServiceAccountToken: props.automountServiceAccountToken ?? rules.length > 0,
      // Users stay per container (a sidecar's image has its own); the pod-level fields are the ones PSA reads for the whole pod.
      podSecurityContext: {
        runAsNonRoot: containers.every(c => c.securityContext.runAsNonRoot) ? true : undefined,
        fsGroup: props.fsGroup,
        seccompProfile: containers[0].securityContext.seccompProfile,
      },
    });
    objects.unshift(apiObjectOf(this.daemonSet));

    if (props.service) {
      const ports = servicePorts(this, containers[0], props.service);
      this.service = createService(this, { ...ctx, name: serviceName }, this.selectorLabels, ports, props.service);
      objects.push(this.service);
    }
    if (props.priorityClassQuota) objects.push(createPriorityClassQuota(this, ctx, priorityClassName));
    this.objects = objects;
    const acknowledged = stringArrayProp(this, 'acknowledgedWarnings', props.acknowledgedWarnings);
    acknowledged.forEach((ruleId, i) => assertValid(this, `acknowledgedWarnings[${i}]`, ruleId, silenceableWarningProblem(ruleId)));
    addSynthValidation(this, {
      objects: () => this.objects,
      options: { hostAccessOptedIn: true, suppress: [...explicitOptOuts(props), ...acknowledged] },
      propOf: nodeDaemonSetPropOf,
    });
    addSynthCheck(this, stableSelectorCheck(this.selectorLabels));
  }

  /** Every object this construct synthesizes, the DaemonSet first. */
  public get apiObjects(): ApiObject[] {
    return [...this.objects];
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
function daemonNames(scope: Construct, props: NodeDaemonSetProps): { name: string; appName: string; serviceName: string } {
  const name = props.metadata?.name ?? Names.toDnsLabel(scope);
  assertValid(scope, 'metadata.name', name, checkDns1123Subdomain(name), METADATA_NAME);
  assertValid(scope, 'metadata.name', name, name.length > 63
    ? 'must be no more than 63 characters: it is also the app.kubernetes.io/instance label (a selector label), which no prop overrides' : undefined,
  METADATA_LABELS);
  const derived = name.replace(/\./g, '-');
  if (props.name !== undefined) assertValid(scope, 'name', props.name, checkDns1123Label(props.name), CONTAINER_NAME);
  if (props.service && !/^[a-z]/.test(derived)) {
    throw propError(scope, 'metadata.name', name, 'must start with a letter when the service prop is set: the Service takes this name '
      + '(dots become dashes), and a Service name is a DNS-1035 label, which starts with a letter; no prop overrides the Service name', METADATA_NAME);
  }
  return { name, appName: props.name ?? derived, serviceName: derived };
}

function checkLabels(scope: Construct, prop: string, labels?: { [key: string]: string }): void {
  for (const [key, value] of Object.entries(labels ?? {})) {
    assertValid(scope, prop, key, checkQualifiedName(key), METADATA_LABELS);
    assertValid(scope, `${prop}[${key}]`, value, checkLabelValue(value), METADATA_LABELS);
  }
}

/** A count the API server takes as a non-negative int32 (`minReadySeconds`, seconds of `terminationGracePeriod`). */
function checkCount(scope: Construct, prop: string, value?: number): void {
  if (value !== undefined) assertNoViolation(scope, prop, value, int32Violation(value, 0));
}

function checkUniqueContainerNames(scope: Construct, containers: ContainerSpec[]): void {
  const names = new Set<string>();
  containers.forEach((c, i) => {
    assertValid(scope, i === 0 ? 'name' : `sidecars[${i - 1}].name`, c.name, checkDns1123Label(c.name), CONTAINER_NAME);
    if (names.has(c.name)) throw propError(scope, `sidecars[${i - 1}].name`, c.name, 'container names must be unique in the pod', CONTAINER_NAME_DUPLICATE);
    names.add(c.name);
  });
}

/**
 * Warnings about choices the props made explicitly: like host access, a writable root filesystem
 * or no priority class asked for by name is a decision, not an oversight.
 */
function explicitOptOuts(props: NodeDaemonSetProps): string[] {
  const containers: ContainerSecurityOptions[] = [props, ...props.sidecars ?? []];
  return [
    ...containers.some(c => c.readOnlyRootFilesystem === false) ? [WRITABLE_ROOT_FILESYSTEM.id] : [],
    ...props.priorityClassName === '' ? [PRIORITY_CLASS_MISSING.id] : [],
  ];
}

/** What the compiler checks for TypeScript callers, checked again for JavaScript and jsii ones. */
function checkPodShapes(scope: Construct, props: NodeDaemonSetProps): void {
  arrayProp(scope, 'tolerations', props.tolerations);
  arrayProp(scope, 'sidecars', props.sidecars);
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
}

/** A plain object (from JavaScript, where no compiler checks the type) would fail deep in the render. */
function updateStrategyOf(scope: Construct, strategy?: DaemonSetUpdateStrategy): DaemonSetUpdateStrategy {
  if (strategy === undefined) return DaemonSetUpdateStrategy.rollingUpdate();
  if (!(strategy instanceof DaemonSetUpdateStrategy)) {
    throw propTypeError(scope, 'updateStrategy', strategy, 'must be made by DaemonSetUpdateStrategy.rollingUpdate() or DaemonSetUpdateStrategy.onDelete()');
  }
  return strategy;
}

/** Two containers of a pod cannot bind the same port of the node. */
function checkUniqueHostPorts(scope: Construct, containers: ContainerSpec[]): void {
  const bound = new Map<string, string>();
  containers.forEach((c, i) => c.ports.forEach((p, j) => {
    if (p.hostPort === undefined) return;
    const key = `${p.protocol ?? 'TCP'}/${p.hostPort}`;
    const prop = `${i === 0 ? '' : `sidecars[${i - 1}].`}ports[${j}].hostPort`;
    const other = bound.get(key);
    if (other) throw propError(scope, prop, p.hostPort, `host port ${key} is already bound by ${other}`, HOST_PORT_DUPLICATE);
    bound.set(key, `container ${c.name}`);
  }));
}

/** `app.kubernetes.io/version` from the image tag (`v1.12.1` → `1.12.1`), when the tag is a valid label value. */
function versionLabel(image: string): { [k: string]: string } {
  const version = imageTag(image)?.replace(/^v(?=\d)/, '');
  return version && !checkLabelValue(version) ? { 'app.kubernetes.io/version': version } : {};
}

function servicePorts(scope: Construct, main: ContainerSpec, options: DaemonSetServiceOptions): kplus.ContainerPort[] {
  const named = main.ports.filter(p => p.name !== undefined);
  if (!options.portNames) {
    if (named.length === 0) throw propError(scope, 'service', options, 'the daemon container has no named port to expose');
    return named;
  }
  return options.portNames.map((n, i) => {
    const port = named.find(p => p.name === n);
    if (!port) throw propError(scope, `service.portNames[${i}]`, n, `no container port is named ${n}`);
    if (options.portNames!.indexOf(n) !== i) throw propError(scope, `service.portNames[${i}]`, n, 'each port may be exposed once');
    return port;
  });
}
