import { Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { assertNoViolation, assertValid, propError, Where } from './internal/errors';
import { checkImageReference } from './internal/image';
import { ContainerSpec, k8s, kplus, MountSpec } from './internal/kplus-adapter';
import { arrayProp, instanceProp, stringArrayProp } from './internal/shape';
import {
  checkDns1123Label, checkEnvVarName, checkPortName, CONTAINER_IMAGE, CONTAINER_PORT, DUPLICATE_CONTAINER_PORT, ENV_NAME,
  FRACTIONAL_BYTES, HOST_NETWORK_HOST_PORT, HOST_PATH, HOST_PORT_RANGE, hostNetworkPortProblem, idProblem, MOUNT_PROPAGATION, PORT_NAME,
  PORT_NAME_DUPLICATE, portNumberProblem, PRIVILEGE_ESCALATION_CONFLICT, quantityViolation, RELATIVE_MOUNT_PATH, Rule, SECURITY_CONTEXT_IDS,
  VOLUME_MOUNT_PATH, VOLUME_NAME, VOLUME_NAME_DUPLICATE,
} from './validation';

/**
 * The seccomp profile a container runs with.
 *
 * @see https://kubernetes.io/docs/tutorials/security/seccomp/
 */
export enum SeccompProfileType {
  /** The container runtime's default profile (required by the `restricted` Pod Security Standard). */
  RUNTIME_DEFAULT = 'RuntimeDefault',
  /** No seccomp filtering. Breaks the `baseline` Pod Security Standard. */
  UNCONFINED = 'Unconfined',
}

/**
 * Security settings of a container. Hardened by default (non-root, read-only root filesystem,
 * no privilege escalation, every capability dropped, RuntimeDefault seccomp); each weakening is
 * an explicit prop.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1
 */
export interface ContainerSecurityOptions {
  /**
   * Run the container privileged (full access to the host's devices). Needed only by daemons
   * that manage host storage or kernel state; it puts the pod at the `privileged` Pod Security level.
   *
   * @default false
   */
  readonly privileged?: boolean;
  /**
   * The numeric user the container runs as. `0` (root) also requires `runAsNonRoot: false`.
   *
   * @default - the image's user
   */
  readonly runAsUser?: number;
  /**
   * The numeric group the container runs as.
   *
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * Require a non-root user. The kubelet checks this when it starts the container: an image
   * whose user is root (and no numeric `runAsUser`) fails with `CreateContainerConfigError`,
   * which no synth-time check can see. Set `runAsUser` to the image's numeric user, or set
   * this to false for daemons that must run as root.
   *
   * @default - true, unless runAsUser is 0
   */
  readonly runAsNonRoot?: boolean;
  /**
   * Linux capabilities to add, spelled as Kubernetes spells them (`NET_ADMIN`, `SYS_TIME`; a
   * `CAP_` prefix is removed). Every other capability is dropped (`drop: [ALL]`).
   *
   * @default - none
   */
  readonly capabilities?: string[];
  /**
   * Mount the container's root filesystem read-only. Use `scratchDirectories` for a writable directory.
   *
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Allow a process to gain more privileges than its parent (setuid binaries). Always true
   * for a privileged container (the API server refuses false with privileged).
   *
   * @default false
   */
  readonly allowPrivilegeEscalation?: boolean;
  /**
   * The seccomp profile.
   *
   * @default SeccompProfileType.RUNTIME_DEFAULT
   */
  readonly seccompProfileType?: SeccompProfileType;
}

/**
 * What a container runs: its entrypoint and arguments.
 */
export interface ContainerCommandOptions {
  /**
   * The entrypoint, replacing the image's.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint. Give a flag and its value as one element (`--path.procfs=/host/proc`).
   *
   * @default - the image's CMD
   */
  readonly args?: string[];
}

/**
 * A container's environment.
 */
export interface ContainerEnvOptions {
  /**
   * Environment variables, by name. On a preset they are added to the variables the preset
   * sets, which come first (so `$(VAR)` references to them work); a name the preset sets is refused.
   *
   * @default - none
   * @throws if a name is not a C identifier-like variable name, or a preset already sets it
   */
  readonly envVariables?: { [name: string]: kplus.EnvValue };
  /**
   * Whole ConfigMaps or Secrets as environment variables (`envFrom`), from
   * `kplus.Env.fromConfigMap()` or `kplus.Env.fromSecret()`. A variable of `envVariables`
   * wins over one of the same name here.
   *
   * @default - none
   */
  readonly envFrom?: kplus.EnvFrom[];
}

/**
 * A container's probes. cdk8s-plus adds none on its own here.
 */
export interface ContainerProbeOptions {
  /**
   * Readiness probe. Give the probe its port explicitly: cdk8s-plus falls back to port 80.
   *
   * @default - none (a preset sets its daemon's)
   */
  readonly readiness?: kplus.Probe;
  /**
   * Liveness probe.
   *
   * @default - none (a preset sets its daemon's)
   */
  readonly liveness?: kplus.Probe;
  /**
   * Startup probe.
   *
   * @default - none
   */
  readonly startup?: kplus.Probe;
}

/**
 * What runs in a container: command, environment, ports and probes.
 */
export interface DaemonContainerOptions extends ContainerCommandOptions, ContainerEnvOptions, ContainerProbeOptions {
  /**
   * Ports the container listens on. With `hostNetwork`, each port's `hostPort` is set to its
   * `number` (the API server requires them equal).
   *
   * @default - none
   */
  readonly ports?: kplus.ContainerPort[];
}

/**
 * A mount of a directory or file of the node into the container.
 *
 * @see https://kubernetes.io/docs/concepts/storage/volumes/#hostpath
 */
export interface HostPathMount {
  /** The volume name: a DNS-1123 label, unique in the pod. */
  readonly name: string;
  /** Absolute path on the node. */
  readonly hostPath: string;
  /** Absolute path in the container. */
  readonly mountPath: string;
  /**
   * Mount read-only.
   *
   * @default true
   */
  readonly readOnly?: boolean;
  /**
   * Mount propagation. `HOST_TO_CONTAINER` sees mounts the host adds later; `BIDIRECTIONAL`
   * also propagates the container's mounts to the host and requires `privileged`.
   *
   * @default - None
   */
  readonly propagation?: kplus.MountPropagation;
  /**
   * What must exist at `hostPath` before the pod starts.
   *
   * @default HostPathVolumeType.DEFAULT (no check)
   */
  readonly type?: kplus.HostPathVolumeType;
}

/**
 * A writable directory backed by an `emptyDir` volume, for daemons that need to write while the
 * root filesystem is read-only.
 */
export interface ScratchDirectory {
  /** Absolute path in the container. */
  readonly mountPath: string;
  /**
   * The volume name (a DNS-1123 label).
   *
   * @default - `scratch`, then `scratch-1`, `scratch-2`, ...
   */
  readonly name?: string;
  /**
   * Back the directory with memory (tmpfs); it then counts against the container's memory limit.
   *
   * @default false
   */
  readonly memory?: boolean;
  /**
   * Size limit of the directory.
   *
   * @default - no limit
   */
  readonly sizeLimit?: Size;
}

/**
 * A mount of any cdk8s-plus volume (ConfigMap, Secret, CSI, ...).
 */
export interface DaemonVolumeMount {
  /** The volume. */
  readonly volume: kplus.Volume;
  /** Absolute path in the container. */
  readonly mountPath: string;
  /**
   * Mount read-only.
   *
   * @default true
   */
  readonly readOnly?: boolean;
  /**
   * Mount one file or directory of the volume instead of its root.
   *
   * @default - the volume's root
   */
  readonly subPath?: string;
  /**
   * Mount propagation.
   *
   * @default - None
   */
  readonly propagation?: kplus.MountPropagation;
}

/**
 * The mounts of one container.
 */
export interface DaemonMountOptions {
  /**
   * Mounts of node paths. Read-only unless `readOnly: false`.
   *
   * @default - none
   */
  readonly hostPathMounts?: HostPathMount[];
  /**
   * Writable `emptyDir` directories.
   *
   * @default - none
   */
  readonly scratchDirectories?: ScratchDirectory[];
  /**
   * Mounts of other volumes.
   *
   * @default - none
   */
  readonly volumeMounts?: DaemonVolumeMount[];
}

/**
 * A container that runs to completion before the daemon's containers start (an init
 * container), with the library's container defaults: hardened security context,
 * `imagePullPolicy: IfNotPresent`, no implicit resources.
 */
export interface DaemonInitContainerProps extends ContainerCommandOptions, ContainerEnvOptions, DaemonMountOptions, ContainerSecurityOptions {
  /** The container name: a DNS-1123 label, unique in the pod (init containers included). */
  readonly name: string;
  /** The image, with a pinned tag or digest. */
  readonly image: string;
  /**
   * When the kubelet pulls the image.
   *
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * CPU, memory and ephemeral-storage requests and limits.
   *
   * @default - none (never cdk8s-plus's implicit 1000m/512Mi requests and 1500m/2Gi limits)
   */
  readonly resources?: kplus.ContainerResources;
}

/**
 * A container beside the daemon in the same pod (a sidecar), with the library's container
 * defaults: hardened like the daemon itself, `imagePullPolicy: IfNotPresent`, and no implicit
 * resources or probes.
 */
export interface DaemonContainerProps extends DaemonInitContainerProps, ContainerProbeOptions {
  /**
   * Ports the container listens on. With `hostNetwork`, each port's `hostPort` is set to its `number`.
   *
   * @default - none
   */
  readonly ports?: kplus.ContainerPort[];
}

const CAPABILITY = /^[A-Z][A-Z0-9_]*$/;
/** A `..` path component. */
const PARENT_COMPONENT = /(^|\/)\.\.(\/|$)/;

/**
 * Checks a container's props and resolves every default. `volumes` collects the pod's volumes
 * by name, shared across containers.
 * @internal
 */
export function resolveContainer(
  scope: IConstruct, prop: string, props: DaemonContainerProps, hostNetwork: boolean, volumes: VolumeRegistry,
): ContainerSpec {
  checkContainerShapes(scope, prop, props);
  const ports = (props.ports ?? []).map((p, i) => resolvePort(scope, `${prop}ports[${i}]`, p, hostNetwork));
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.number}/${p.protocol ?? 'TCP'}`;
    if (seen.has(key)) throw propError(scope, `${prop}ports[${i}].number`, p.number, 'duplicate port and protocol in one container', DUPLICATE_CONTAINER_PORT);
    seen.add(key);
    if (p.name === undefined) return;
    if (seen.has(`name:${p.name}`)) throw propError(scope, `${prop}ports[${i}].name`, p.name, 'port names must be unique in a container', PORT_NAME_DUPLICATE);
    seen.add(`name:${p.name}`);
  });
  if (!props.image || /\s/.test(props.image)) {
    throw propError(scope, `${prop}image`, props.image ?? '', 'an image reference is required, with no whitespace', CONTAINER_IMAGE);
  }
  assertValid(scope, `${prop}image`, props.image, checkImageReference(props.image), CONTAINER_IMAGE);
  for (const name of Object.keys(props.envVariables ?? {})) {
    assertValid(scope, `${prop}envVariables`, name, checkEnvVarName(name), ENV_NAME);
  }
  return {
    name: props.name,
    image: props.image,
    imagePullPolicy: props.imagePullPolicy ?? kplus.ImagePullPolicy.IF_NOT_PRESENT,
    command: props.command,
    args: props.args,
    env: props.envVariables ?? {},
    envFrom: props.envFrom ?? [],
    ports,
    resources: renderResources(scope, `${prop}resources`, props.resources),
    readiness: props.readiness,
    liveness: props.liveness,
    startup: props.startup,
    mounts: resolveMounts(scope, prop, props, volumes),
    securityContext: renderSecurityContext(scope, prop, props),
  };
}

/**
 * Checks an init container's props and resolves every default. The kubelet runs init
 * containers to completion one after the other, so probes and ports have no meaning there.
 * @internal
 */
export function resolveInitContainer(scope: IConstruct, prop: string, props: DaemonInitContainerProps, volumes: VolumeRegistry): ContainerSpec {
  const extra = props as DaemonContainerProps;
  for (const key of ['readiness', 'liveness', 'startup', 'ports'] as const) {
    if (extra[key] !== undefined) throw propError(scope, `${prop}${key}`, String(extra[key]), 'an init container runs to completion: it takes no probes or ports');
  }
  return resolveContainer(scope, prop, props, false, volumes);
}

/** What the compiler checks for TypeScript callers, checked again for JavaScript and jsii ones. */
function checkContainerShapes(scope: IConstruct, prop: string, props: DaemonContainerProps): void {
  stringArrayProp(scope, `${prop}command`, props.command);
  stringArrayProp(scope, `${prop}args`, props.args);
  stringArrayProp(scope, `${prop}capabilities`, props.capabilities);
  arrayProp(scope, `${prop}ports`, props.ports);
  arrayProp(scope, `${prop}envFrom`, props.envFrom).forEach((e, i) =>
    instanceProp(scope, `${prop}envFrom[${i}]`, e ?? null, kplus.EnvFrom, 'kplus.Env.fromConfigMap() or kplus.Env.fromSecret()'));
  for (const [name, value] of Object.entries(props.envVariables ?? {})) {
    instanceProp(scope, `${prop}envVariables[${name}]`, value ?? null, kplus.EnvValue, 'kplus.EnvValue.fromValue() (or another EnvValue factory)');
  }
  for (const probe of ['readiness', 'liveness', 'startup'] as const) {
    if (props[probe] !== undefined) instanceProp(scope, `${prop}${probe}`, props[probe], kplus.Probe, 'kplus.Probe.fromHttpGet(), fromTcpSocket() or fromCommand()');
  }
  const r = props.resources;
  for (const kind of ['request', 'limit'] as const) {
    // Prop names are built only for values given: most are not.
    if (r?.cpu?.[kind] !== undefined) {
      instanceProp(scope, `${prop}resources.cpu.${kind}`, r.cpu[kind], kplus.Cpu,
        'kplus.Cpu.millis() or kplus.Cpu.units(), or give resources as DaemonResources.of({ cpuRequestMillicores, ... })');
    }
    if (r?.memory?.[kind] !== undefined) instanceProp(scope, `${prop}resources.memory.${kind}`, r.memory[kind], Size, 'Size.mebibytes() (or another Size factory)');
    if (r?.ephemeralStorage?.[kind] !== undefined) {
      instanceProp(scope, `${prop}resources.ephemeralStorage.${kind}`, r.ephemeralStorage[kind], Size, 'Size.gibibytes() (or another Size factory)');
    }
  }
  arrayProp(scope, `${prop}hostPathMounts`, props.hostPathMounts);
  arrayProp(scope, `${prop}scratchDirectories`, props.scratchDirectories).forEach((d, i) =>
    instanceProp(scope, `${prop}scratchDirectories[${i}].sizeLimit`, d.sizeLimit, Size, 'Size.mebibytes()'));
  arrayProp(scope, `${prop}volumeMounts`, props.volumeMounts).forEach((m, i) =>
    instanceProp(scope, `${prop}volumeMounts[${i}].volume`, m.volume ?? null, kplus.Volume, 'a kplus.Volume factory such as Volume.fromSecret()'));
}

function resolvePort(scope: IConstruct, prop: string, p: kplus.ContainerPort, hostNetwork: boolean): kplus.ContainerPort {
  checkPortNumber(scope, `${prop}.number`, p.number);
  if (p.name !== undefined) assertValid(scope, `${prop}.name`, p.name, checkPortName(p.name), PORT_NAME);
  if (p.hostPort !== undefined) checkPortNumber(scope, `${prop}.hostPort`, p.hostPort, HOST_PORT_RANGE);
  if (!hostNetwork) return p;
  assertValid(scope, `${prop}.hostPort`, p.hostPort, hostNetworkPortProblem(p.hostPort, p.number), HOST_NETWORK_HOST_PORT);
  return { ...p, hostPort: p.number };
}

/** A port number prop (1–65535), checked as the validator checks `containerPort` (or `rule`'s field). @internal */
export function checkPortNumber(scope: Where, prop: string, value: number, rule: Rule = CONTAINER_PORT): void {
  assertValid(scope, prop, value, portNumberProblem(value), rule);
}

/**
 * An absolute path without `..` components (the API server refuses `..` in a hostPath; a
 * relative path is `rule`'s: the runtime refuses a relative mountPath). @internal
 */
export function checkAbsolutePath(scope: Where, prop: string, value: string, rule: Rule = HOST_PATH): void {
  if (typeof value !== 'string' || !value.startsWith('/')) throw propError(scope, prop, value ?? null, 'must be an absolute path', rule);
  if (PARENT_COMPONENT.test(value)) throw propError(scope, prop, value, "must not contain '..'", HOST_PATH);
}

function renderSecurityContext(scope: IConstruct, prop: string, o: ContainerSecurityOptions): k8s.SecurityContext {
  const privileged = o.privileged ?? false;
  for (const id of ['runAsUser', 'runAsGroup'] as const) {
    if (o[id] !== undefined) assertValid(scope, `${prop}${id}`, o[id], idProblem(o[id]), SECURITY_CONTEXT_IDS);
  }
  if (o.runAsUser === 0 && o.runAsNonRoot === true) {
    throw propError(scope, `${prop}runAsNonRoot`, true, 'cannot be true with runAsUser 0 (root)');
  }
  if (privileged && o.allowPrivilegeEscalation === false) {
    throw propError(scope, `${prop}allowPrivilegeEscalation`, false, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true', PRIVILEGE_ESCALATION_CONFLICT);
  }
  const add = (o.capabilities ?? []).map(c => c.replace(/^CAP_/, ''));
  add.forEach((c, i) => {
    if (!CAPABILITY.test(c) || c === 'ALL') {
      throw propError(scope, `${prop}capabilities[${i}]`, o.capabilities![i], 'must be one Linux capability such as NET_ADMIN (use privileged for all of them)');
    }
  });
  return {
    privileged,
    allowPrivilegeEscalation: privileged ? true : o.allowPrivilegeEscalation ?? false,
    readOnlyRootFilesystem: o.readOnlyRootFilesystem ?? true,
    runAsNonRoot: o.runAsNonRoot ?? o.runAsUser !== 0,
    runAsUser: o.runAsUser,
    runAsGroup: o.runAsGroup,
    capabilities: { drop: ['ALL'], add: add.length > 0 ? [...new Set(add)] : undefined },
    seccompProfile: { type: o.seccompProfileType ?? SeccompProfileType.RUNTIME_DEFAULT },
  };
}

/**
 * Renders resources as exact quantities. cdk8s-plus renders memory in whole Mi and throws at
 * synth otherwise; here the largest whole binary unit is used, and a bad value fails at construction.
 * @internal
 */
export function renderResources(scope: IConstruct, prop: string, r?: kplus.ContainerResources): k8s.ResourceRequirements {
  const requests: { [k: string]: k8s.Quantity } = {};
  const limits: { [k: string]: k8s.Quantity } = {};
  const cpu = (c: kplus.Cpu | undefined, p: string) => {
    if (c === undefined) return undefined;
    assertNoViolation(scope, p, c.amount, quantityViolation(c.amount));
    return k8s.Quantity.fromString(c.amount);
  };
  const size = (s: Size | undefined, p: string) => s === undefined ? undefined : k8s.Quantity.fromString(sizeQuantity(scope, p, s));
  const set = (target: { [k: string]: k8s.Quantity }, key: string, q: k8s.Quantity | undefined) => {
    if (q !== undefined) target[key] = q;
  };
  set(requests, 'cpu', cpu(r?.cpu?.request, `${prop}.cpu.request`));
  set(limits, 'cpu', cpu(r?.cpu?.limit, `${prop}.cpu.limit`));
  set(requests, 'memory', size(r?.memory?.request, `${prop}.memory.request`));
  set(limits, 'memory', size(r?.memory?.limit, `${prop}.memory.limit`));
  set(requests, 'ephemeral-storage', size(r?.ephemeralStorage?.request, `${prop}.ephemeralStorage.request`));
  set(limits, 'ephemeral-storage', size(r?.ephemeralStorage?.limit, `${prop}.ephemeralStorage.limit`));
  return {
    requests: Object.keys(requests).length > 0 ? requests : undefined,
    limits: Object.keys(limits).length > 0 ? limits : undefined,
  };
}

/**
 * A size as an exact quantity: in the largest whole binary unit (`180Mi`, `1Gi`, `512Ki`), else
 * in bytes; a fraction of a byte is refused as the validator warns of it (`fractional-bytes`). @internal
 */
export function sizeQuantity(scope: IConstruct, prop: string, s: Size): string {
  for (const [unit, convert] of SIZE_UNITS) {
    const n = convert(s);
    if (Number.isInteger(n)) return `${n}${unit}`;
  }
  throw propError(scope, prop, `${s.toKibibytes({ rounding: SizeRoundingBehavior.NONE })}Ki`, 'must be a whole number of bytes', FRACTIONAL_BYTES);
}

/** The units a size is written in, largest first; bytes last. */
const SIZE_UNITS: ReadonlyArray<[string, (x: Size) => number]> = [
  ['Gi', x => x.toGibibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Mi', x => x.toMebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Ki', x => x.toKibibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['', x => x.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024],
];

function isWholeMebibytes(s: Size): boolean {
  const mib = s.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
  return Number.isInteger(mib) && mib > 0;
}

/** The pod's volumes, keyed by name; a name may be reused only for the same source. @internal */
export class VolumeRegistry {
  private readonly byName = new Map<string, { key: string; volume: kplus.Volume }>();
  private scratchCount = 0;

  constructor(private readonly scope: IConstruct) {}

  /** Returns the volume called `name`, creating it with `create` the first time. */
  public get(prop: string, name: string, key: string, create: () => kplus.Volume): kplus.Volume {
    const existing = this.byName.get(name);
    if (existing) {
      if (existing.key !== key) throw propError(this.scope, prop, name, 'a volume of that name already exists with another source', VOLUME_NAME_DUPLICATE);
      return existing.volume;
    }
    const volume = create();
    this.byName.set(name, { key, volume });
    return volume;
  }

  public nextScratchName(): string {
    return this.scratchCount++ === 0 ? 'scratch' : `scratch-${this.scratchCount - 1}`;
  }
}

function resolveMounts(scope: IConstruct, prop: string, o: DaemonMountOptions, volumes: VolumeRegistry): MountSpec[] {
  const mounts: MountSpec[] = [];
  // The prop each mount came from, so an error names the entry the user wrote.
  const labels: string[] = [];
  const volumeName = (p: string, n: string) => assertValid(scope, p, n, checkDns1123Label(n), VOLUME_NAME);
  (o.hostPathMounts ?? []).forEach((m, i) => {
    const p = `${prop}hostPathMounts[${i}]`;
    volumeName(`${p}.name`, m.name);
    checkAbsolutePath(scope, `${p}.hostPath`, m.hostPath);
    const type = m.type ?? kplus.HostPathVolumeType.DEFAULT;
    const volume = volumes.get(`${p}.name`, m.name, `hostPath:${m.hostPath}:${type}`,
      () => kplus.Volume.fromHostPath(scope, `HostPath-${m.name}`, m.name, { path: m.hostPath, type }));
    mounts.push({ volume, mountPath: m.mountPath, readOnly: m.readOnly ?? true, propagation: m.propagation });
    labels.push(p);
  });
  (o.scratchDirectories ?? []).forEach((d, i) => {
    if (d.sizeLimit !== undefined && !isWholeMebibytes(d.sizeLimit)) {
      throw propError(scope, `${prop}scratchDirectories[${i}].sizeLimit`, d.sizeLimit.toKibibytes({ rounding: SizeRoundingBehavior.NONE }),
        'must be a whole number of MiB (given here in KiB)');
    }
    const name = d.name ?? volumes.nextScratchName();
    volumeName(`${prop}scratchDirectories[${i}].name`, name);
    const volume = volumes.get(`${prop}scratchDirectories[${i}].name`, name, `emptyDir:${d.memory}:${d.sizeLimit?.toKibibytes({ rounding: SizeRoundingBehavior.NONE })}`,
      () => kplus.Volume.fromEmptyDir(scope, `EmptyDir-${name}`, name, {
        medium: d.memory ? kplus.EmptyDirMedium.MEMORY : undefined,
        sizeLimit: d.sizeLimit,
      }));
    mounts.push({ volume, mountPath: d.mountPath, readOnly: false });
    labels.push(`${prop}scratchDirectories[${i}]`);
  });
  (o.volumeMounts ?? []).forEach((m, i) => {
    const p = `${prop}volumeMounts[${i}]`;
    const volume = volumes.get(`${p}.volume`, m.volume.name, `volume:${m.volume.node.addr}`, () => m.volume);
    mounts.push({ volume, mountPath: m.mountPath, readOnly: m.readOnly ?? true, propagation: m.propagation, subPath: m.subPath });
    labels.push(p);
  });
  const paths = new Set<string>();
  mounts.forEach((m, i) => {
    checkAbsolutePath(scope, `${labels[i]}.mountPath`, m.mountPath, RELATIVE_MOUNT_PATH);
    if (paths.has(m.mountPath)) throw propError(scope, `${labels[i]}.mountPath`, m.mountPath, 'must be unique: each mountPath may be used once per container', VOLUME_MOUNT_PATH);
    paths.add(m.mountPath);
    if (m.propagation === kplus.MountPropagation.BIDIRECTIONAL && !(o as ContainerSecurityOptions).privileged) {
      throw propError(scope, `${labels[i]}.propagation`, 'Bidirectional', 'Bidirectional mount propagation is available only to privileged containers (privileged: true)', MOUNT_PROPAGATION);
    }
  });
  return mounts;
}
