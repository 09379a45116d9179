import { createHash } from 'crypto';
import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { renderableMap, UNRENDERABLE_KEYS } from './internal/cdk8s-keys';
import { assertValid, propError, propTypeError } from './internal/errors';
import { k8s, kplus } from './internal/kplus-adapter';
import { checkConfigMapKey, checkLabelValue, checkQualifiedName, METADATA_ANNOTATIONS } from './validation';

/**
 * One RBAC rule, with the Kubernetes field names.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/
 */
export interface PolicyRule {
  /** API groups (`""` is the core group). */
  readonly apiGroups: string[];
  /** Resources, e.g. `pods`, `namespaces`. */
  readonly resources: string[];
  /** Verbs, e.g. `get`, `list`, `watch`. */
  readonly verbs: string[];
}

/**
 * Configuration files mounted into the daemon from a generated ConfigMap. A checksum of the
 * files is put on the pod template (`checksum/config`), so a change rolls the pods.
 */
export interface ConfigDirectory {
  /** Absolute path of the directory in the container. */
  readonly mountPath: string;
  /** File name → file content. */
  readonly files: { [fileName: string]: string };
  /**
   * Put the checksum on the pod template, so a change rolls the pods. Turn it off only for a
   * daemon that reloads its configuration itself when the mounted files change.
   *
   * @default true
   */
  readonly restartOnChange?: boolean;
  /**
   * Sidecars (by name) that mount the directory too, read-only at the same path: a config reloader.
   *
   * @default - none
   * @throws if a name is not a sidecar of the pod
   */
  readonly sidecarMounts?: string[];
}

/**
 * Which node's pods receive the traffic a pod in the cluster sends to a (non-headless) Service.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/service-traffic-policy/
 */
export enum ServiceInternalTrafficPolicy {
  /** Any ready pod of the daemon, on any node. */
  CLUSTER = 'Cluster',
  /** Only the daemon pod on the sender's own node: node-local traffic to a node agent. */
  LOCAL = 'Local',
}

/**
 * Whether a Service gets addresses (and, headless, endpoints) of one IP family or both.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services
 */
export enum ServiceIpFamilyPolicy {
  /** One family: the first of `ipFamilies`, or the cluster's first service range. */
  SINGLE_STACK = 'SingleStack',
  /** Both families on a dual-stack cluster, one elsewhere. */
  PREFER_DUAL_STACK = 'PreferDualStack',
  /** Both families; the API server refuses the Service on a single-stack cluster. */
  REQUIRE_DUAL_STACK = 'RequireDualStack',
}

/**
 * An IP address family.
 */
export enum IpFamily {
  /** IPv4. */
  IPV4 = 'IPv4',
  /** IPv6. */
  IPV6 = 'IPv6',
}

/**
 * A Service in front of the daemon pods, for scraping or node-local traffic. On a preset, the
 * fields given here replace the preset's (labels and annotations merge key by key), and a
 * preset without a Service gets one.
 */
export interface DaemonSetServiceOptions {
  /**
   * Make the Service. `false` turns a preset's Service off.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Names of the container ports to expose, from any container of the pod (a proxy sidecar's too).
   *
   * @default - every named port of the daemon container (a preset: the ports it serves)
   */
  readonly portNames?: string[];
  /**
   * Headless (`clusterIP: None`), so each pod is its own endpoint, as Prometheus scrapes node agents.
   *
   * @default true
   */
  readonly headless?: boolean;
  /**
   * Annotations on the Service.
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Labels on the Service, beside the daemon's own `app.kubernetes.io/*` labels (which win).
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Which pods receive traffic sent from inside the cluster. `LOCAL` keeps it on the sender's
   * node, the usual way to reach a node agent. Needs `headless: false` (a headless Service has no
   * virtual IP to route).
   *
   * @default - the API server's default, ServiceInternalTrafficPolicy.CLUSTER
   * @throws with a headless Service
   */
  readonly internalTrafficPolicy?: ServiceInternalTrafficPolicy;
  /**
   * One IP family or both. A headless Service defaults to one family, so on a dual-stack cluster
   * set `PREFER_DUAL_STACK` for endpoints (and DNS records) of both the IPv4 and IPv6 node addresses.
   *
   * @default - the API server's default, ServiceIpFamilyPolicy.SINGLE_STACK
   */
  readonly ipFamilyPolicy?: ServiceIpFamilyPolicy;
  /**
   * The IP families, in order of preference: one, or both for dual-stack.
   *
   * @default - the cluster's service ranges, in their order
   * @throws if a family repeats, or two are given with `SINGLE_STACK`
   */
  readonly ipFamilies?: IpFamily[];
}

/** What every companion object shares with its DaemonSet. @internal */
export interface CompanionContext {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
}

function meta(ctx: CompanionContext, name: string = ctx.name) {
  return { name, namespace: ctx.namespace, labels: ctx.labels };
}

/** Cluster-scoped objects must not carry the chart's namespace. @internal */
export function clusterScoped<T extends ApiObject>(obj: T): T {
  if (obj.metadata.namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return obj;
}

/** A ServiceAccount that mounts no token unless the pod asks for it. @internal */
export function createServiceAccount(scope: Construct, ctx: CompanionContext): ApiObject {
  return new k8s.KubeServiceAccount(scope, 'ServiceAccount', { metadata: meta(ctx), automountServiceAccountToken: false });
}

/** A ClusterRole with `rules` bound to the ServiceAccount. @internal */
export function createClusterRole(
  scope: Construct, ctx: CompanionContext, serviceAccountName: string, namespace: string, rules: PolicyRule[],
): ApiObject[] {
  rules.forEach((r, i) => {
    for (const field of ['apiGroups', 'resources', 'verbs'] as const) {
      if (!Array.isArray(r[field]) || r[field].length === 0) {
        throw propError(scope, `clusterRoleRules[${i}].${field}`, r[field] ?? null, 'must list at least one entry (use [""] for the core API group)');
      }
    }
  });
  // Cluster-scoped: the namespace keeps two daemons of the same name in two namespaces apart.
  const name = `${namespace}-${ctx.name}`;
  const role = clusterScoped(new k8s.KubeClusterRole(scope, 'ClusterRole', {
    metadata: { name, labels: ctx.labels },
    rules: rules.map(r => ({ apiGroups: r.apiGroups, resources: r.resources, verbs: r.verbs })),
  }));
  const binding = clusterScoped(new k8s.KubeClusterRoleBinding(scope, 'ClusterRoleBinding', {
    metadata: { name, labels: ctx.labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.name },
    subjects: [{ kind: 'ServiceAccount', name: serviceAccountName, namespace }],
  }));
  return [role, binding];
}

/** A Service selecting the daemon pods on the given ports. @internal */
export function createService(scope: Construct, ctx: CompanionContext, selector: { [k: string]: string },
  ports: kplus.ContainerPort[], options: DaemonSetServiceOptions): ApiObject {
  const headless = options.headless !== false;
  if (headless && options.internalTrafficPolicy !== undefined) {
    throw propError(scope, 'service.internalTrafficPolicy', options.internalTrafficPolicy,
      'has no effect on a headless Service (it routes a virtual IP, which a headless Service has none of): set service.headless false');
  }
  const families = options.ipFamilies ?? [];
  families.forEach((f, i) => {
    if (!Object.values(IpFamily).includes(f)) throw propError(scope, `service.ipFamilies[${i}]`, f, 'must be IpFamily.IPV4 or IpFamily.IPV6');
    if (families.indexOf(f) !== i) throw propError(scope, `service.ipFamilies[${i}]`, f, 'each family may be given once');
  });
  if (families.length > 1 && (options.ipFamilyPolicy ?? ServiceIpFamilyPolicy.SINGLE_STACK) === ServiceIpFamilyPolicy.SINGLE_STACK) {
    throw propError(scope, 'service.ipFamilies', families, 'two families need ipFamilyPolicy PREFER_DUAL_STACK or REQUIRE_DUAL_STACK');
  }
  for (const [key, value] of Object.entries(options.labels ?? {})) {
    assertValid(scope, 'service.labels key', key, checkQualifiedName(key));
    assertValid(scope, `service.labels[${key}]`, value, checkLabelValue(value));
  }
  for (const key of Object.keys(options.annotations ?? {})) {
    assertValid(scope, 'service.annotations key', key, checkQualifiedName(key.toLowerCase()), METADATA_ANNOTATIONS);
  }
  const labels = renderableMap('/metadata/labels', { ...options.labels, ...ctx.labels });
  const annotations = renderableMap('/metadata/annotations', options.annotations ?? {});
  const service = new k8s.KubeService(scope, 'Service', {
    metadata: { ...meta(ctx), labels: labels.map, annotations: annotations.map },
    spec: {
      clusterIp: headless ? 'None' : undefined,
      selector,
      internalTrafficPolicy: options.internalTrafficPolicy,
      ipFamilyPolicy: options.ipFamilyPolicy,
      ipFamilies: families.length > 0 ? families : undefined,
      ports: ports.map(p => ({
        name: p.name,
        port: p.number,
        targetPort: k8s.IntOrString.fromString(p.name!),
        protocol: p.protocol ?? kplus.Protocol.TCP,
      })),
    },
  });
  service.addJsonPatch(...labels.patches, ...annotations.patches);
  return service;
}

/**
 * A ConfigMap that keeps the keys cdk8s cannot render (`src/internal/cdk8s-keys.ts`): `__proto__`
 * and `constructor` are valid keys (`[-._a-zA-Z0-9]+`), but cdk8s drops the first and fails on the
 * second. They are kept from cdk8s and put back, in key order, into what it rendered; no JSON
 * patch can write `__proto__`.
 */
class ConfigMapObject extends k8s.KubeConfigMap {
  constructor(scope: Construct, id: string, private readonly files: { [key: string]: string }, props: k8s.KubeConfigMapProps) {
    super(scope, id, { ...props, data: renderable(files) ? files : withoutUnrenderable(files) });
  }

  public toJson(): any {
    const json = super.toJson();
    if (renderable(this.files)) return json;
    const kept: { [k: string]: string } = {};
    for (const key of Object.keys(this.files).sort()) {
      Object.defineProperty(kept, key, { value: this.files[key], enumerable: true, writable: true, configurable: true });
    }
    return { ...json, data: kept };
  }
}

function renderable(files: { [key: string]: string }): boolean {
  return !UNRENDERABLE_KEYS.some(k => Object.prototype.hasOwnProperty.call(files, k));
}

function withoutUnrenderable(files: { [key: string]: string }): { [key: string]: string } {
  const rest: { [key: string]: string } = {};
  for (const key of Object.keys(files)) if (!UNRENDERABLE_KEYS.includes(key)) rest[key] = files[key];
  return rest;
}

/** The ConfigMap holding `dir.files`, and the checksum of its content. @internal */
export function createConfigMap(
  scope: Construct, ctx: CompanionContext, dir: ConfigDirectory,
): { apiObject: ApiObject; configMap: kplus.IConfigMap; checksum: string } {
  const files = Object.keys(dir.files).sort();
  if (files.length === 0) throw propError(scope, 'configDirectory.files', {}, 'must hold at least one file');
  const data: { [k: string]: string } = {};
  for (const f of files) {
    assertValid(scope, 'configDirectory.files', f, checkConfigMapKey(f));
    if (typeof dir.files[f] !== 'string') throw propTypeError(scope, `configDirectory.files[${f}]`, dir.files[f], 'must be the file content as a string');
    // Defined, not assigned: `__proto__` is a valid ConfigMap key, and assigning it would set the prototype instead.
    Object.defineProperty(data, f, { value: dir.files[f], enumerable: true, writable: true, configurable: true });
  }
  // The API server stores at most 1 MiB per ConfigMap (keys and values together).
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f) + Buffer.byteLength(data[f]), 0);
  if (bytes > 1024 * 1024) throw propError(scope, 'configDirectory.files', `${bytes} bytes`, 'a ConfigMap holds at most 1 MiB');
  const obj = new ConfigMapObject(scope, 'ConfigMap', data, { metadata: meta(ctx, `${ctx.name}-config`) });
  const checksum = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  return { apiObject: obj, configMap: kplus.ConfigMap.fromConfigMapName(scope, 'ConfigMapRef', obj.name), checksum };
}

/**
 * A ResourceQuota admitting pods of `priorityClassName` in the namespace: GKE and other clusters
 * refuse `system-node-critical` and `system-cluster-critical` pods outside `kube-system` without one.
 * @internal
 */
export function createPriorityClassQuota(scope: Construct, ctx: CompanionContext, priorityClassName: string): ApiObject {
  return new k8s.KubeResourceQuota(scope, 'PriorityClassQuota', {
    metadata: meta(ctx, `${ctx.name}-priority-class`),
    spec: {
      hard: { pods: k8s.Quantity.fromString('1G') },
      scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: [priorityClassName] }] },
    },
  });
}
