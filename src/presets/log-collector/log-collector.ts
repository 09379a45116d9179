import { Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { PolicyRule } from '../../companions';
import { DaemonContainerProps, DaemonVolumeMount, HostPathMount, ScratchDirectory } from '../../container';
import { childPath, propError, Where } from '../../internal/errors';
import { kplus } from '../../internal/kplus-adapter';
import { NodeDaemonSet, NodeDaemonSetOptions, NodeDaemonSetProps } from '../../node-daemon-set';
import { addSynthCheck, metadataGrantsCheck, READINESS_PROBE_MISSING } from '../../validation';
import { presetProps, withPresetDefaults } from '../preset-defaults';
import { ContainerRuntime, LogCollectorEngine } from './engine';
import { FLUENT_BIT_CONFIG_DIR } from './fluent-bit-config';
import { CollectorPlan, planCollector } from './plan';
import { EngineProfile, engineProfile } from './profiles';
import { LogCollectorDaemonSetProps } from './props';
import { plainProps } from '../../internal/shape';

const MiB = 1024 * 1024;

/**
 * A node log collector: Fluent Bit (default) or Fluentd on every Linux node, tailing
 * `/var/log/containers/*.log` with the parser of the node's container runtime, enriching records
 * with Kubernetes metadata and shipping them to typed outputs.
 *
 * It generates the daemon's configuration deterministically into a ConfigMap (a checksum on
 * the pod template rolls the pods when it changes); keeps offsets and filesystem buffers on a
 * dedicated read-write hostPath so a restart neither loses nor re-ships lines; mounts
 * `/var/log` read-only; bounds memory within the container's limit; derives the ClusterRole
 * from the features in use and mounts the token only when one is needed; serves metrics and
 * health on a named port with probes matching the image version, behind a headless Service;
 * Prometheus finds it through `prometheus.io/*` pod annotations, or a ServiceMonitor or
 * PodMonitor instead (docs/monitoring.md). There is no `kubeRbacProxy` option: both engines
 * serve health on the same HTTP server as metrics, and behind a loopback-only listener the
 * kubelet could no longer probe it; off the host network, `networkPolicy` limits who scrapes.
 * The container runs as root only because pod logs are root-owned, with a read-only root
 * filesystem, no privilege escalation and every capability dropped; it tolerates every taint
 * and runs at `system-node-critical`.
 *
 * Its pods need a namespace whose Pod Security level is `privileged` (hostPath volumes): see
 * `podSecurityLevel`.
 *
 * @see https://docs.fluentbit.io/manual/installation/kubernetes
 * @see https://docs.fluentd.org/container-deployment/kubernetes
 */
export class LogCollectorDaemonSet extends NodeDaemonSet {
  /** The collector daemon. */
  public readonly engine: LogCollectorEngine;
  /** The generated configuration files, file name → content, as mounted from the ConfigMap. */
  public readonly configFiles: { [fileName: string]: string };
  /** The port of the metrics and health endpoint. */
  public readonly metricsPort: number;
  /** The HTTP path Prometheus scrapes on `metricsPort`. */
  public readonly metricsPath: string;
  /** The node directory holding offsets and buffers. */
  public readonly stateDirectory: string;

  constructor(scope: Construct, id: string, props: LogCollectorDaemonSetProps) {
    const built = logCollectorProps(scope, id, props);
    super(scope, id, built.props);
    this.engine = built.plan.engine;
    this.configFiles = { ...built.props.configDirectory?.files };
    this.metricsPort = built.plan.metricsPort;
    this.metricsPath = built.metricsPath;
    this.stateDirectory = built.plan.stateDirectory;
    if (built.plan.metadata) {
      const needed = metadataRules(built.plan);
      addSynthCheck(this, metadataGrantsCheck(needed));
    }
  }
}

interface Built {
  readonly props: NodeDaemonSetProps;
  readonly plan: CollectorPlan;
  readonly metricsPath: string;
}

function logCollectorProps(scope: Construct, id: string, props: LogCollectorDaemonSetProps): Built {
  // Props are checked before the construct exists, so errors name the path it will have.
  const at = childPath(scope, id);
  props = plainProps(at, props);
  const profile = engineProfile(props.engine instanceof LogCollectorEngine ? props.engine : LogCollectorEngine.FLUENT_BIT);
  const namespace = props.metadata?.namespace ?? Chart.of(scope).namespace;
  const plan = planCollector(at, props, profile.defaults, { name: props.metadata?.name, namespace, containerName: profile.appName });
  const files = profile.render(at, plan);
  const image = props.image ?? profile.defaultImage(at, plan);
  const probes = profile.probes(plan, image);

  const portName = profile.metricsPortName;
  const inputs = plan.fluentBit?.inputs ?? [];
  const existing = plan.fluentBit?.existingConfigMap;
  const existingMount = existing ? {
    volume: kplus.Volume.fromConfigMap(scope, `${id}ExistingConfig`, kplus.ConfigMap.fromConfigMapName(scope, `${id}ExistingConfigRef`, existing.name), { name: 'config' }),
    mountPath: profile.configDir,
  } : undefined;
  const envVariables: { [name: string]: kplus.EnvValue } = {
    NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
    HOST_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP),
    ...profile.env(),
  };
  for (const [name, ref] of plan.secretEnv) {
    envVariables[name] = kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(scope, `${id}SecretRef${name}`, ref.name), key: ref.key });
  }
  const merged = withPresetDefaults(at, {
    hostPathMounts: hostMounts(plan, props),
    scratchDirectories: profile.scratchDirectories,
    // Pod logs, the journal and docker's files are root-owned and not group-readable by a fixed GID.
    runAsUser: 0,
    resources: profile.resources,
    // Kubernetes cannot see inside a ConfigMap made elsewhere: its owner says when it changed.
    podMetadata: existing?.checksum ? { annotations: { 'checksum/config': existing.checksum } } : undefined,
    envVariables,
    liveness: probes.liveness,
    readiness: probes.readiness,
    service: props.metricsService === false ? undefined : { portNames: [portName, ...inputs.map(i => i.plugin.portName)] },
    // The reloader serves nothing to probe: it only calls Fluent Bit (its metrics stay on loopback).
    acknowledgedWarnings: plan.fluentBit?.hotReload ? [READINESS_PROBE_MISSING.id] : [],
  }, props);
  if (plan.metadata && merged.automountServiceAccountToken === false) {
    throw propError(at, 'automountServiceAccountToken', false,
      'Kubernetes metadata enrichment calls the API server with the ServiceAccount token: keep the token mounted, or set kubernetesMetadata.enabled false');
  }
  if (merged.updateStrategy?.surges) {
    throw propError(at, 'updateStrategy.maxSurge', 'above 0',
      'two collectors on one node would share the offset database and the buffers, shipping lines twice or corrupting state');
  }
  checkMemory(at, merged, plan, profile);
  const state = stateMount(plan, merged);
  checkWritablePaths(at, merged, state, plan, profile);

  return {
    plan,
    metricsPath: probes.metricsPath,
    props: presetProps(merged, {
      image,
      name: profile.appName,
      component: 'log-collector',
      command: profile.command(),
      args: profile.args(),
      ports: [
        { name: portName, number: plan.metricsPort, protocol: kplus.Protocol.TCP },
        ...inputs.map(i => ({ name: i.plugin.portName, number: i.port, protocol: i.plugin.protocol, hostPort: i.hostPort ? i.port : undefined })),
      ],
      configDirectory: existing ? undefined : {
        mountPath: profile.configDir,
        files,
        restartOnChange: !plan.fluentBit?.hotReload,
        sidecarMounts: plan.fluentBit?.hotReload ? [RELOADER] : undefined,
      },
      clusterRoleRules: plan.metadata ? metadataRules(plan) : [],
      _metrics: { port: portName, path: probes.metricsPath, authenticated: false },
      _envProps: Object.fromEntries(plan.secretEnv.map(([name, , prop]) => [name, prop])),
    }, {
      hostPathMounts: state ? [state] : [],
      volumeMounts: existingMount ? [existingMount] : [],
      sidecars: plan.fluentBit?.hotReload ? [reloader(at, plan, merged, existingMount)] : [],
    }),
  };
}

const RELOADER = 'config-reloader';

/**
 * The hot-reload sidecar, as the fluent-bit Helm chart runs it: configmap-reload watches the
 * mounted config directory and posts to Fluent Bit's reload endpoint when the kubelet has
 * swapped in the new ConfigMap. Its own metrics stay on the loopback interface.
 */
function reloader(at: Where, plan: CollectorPlan, merged: NodeDaemonSetOptions, existing?: DaemonVolumeMount): DaemonContainerProps {
  const watched = (plan.fluentBit!.watchMountPaths ?? []).map((path, i) => {
    const mount = (merged.volumeMounts ?? []).find(m => m.mountPath === path);
    if (!mount) throw propError(at, `engine.configReload.watchMountPaths[${i}]`, path, 'is not the mountPath of one of volumeMounts');
    return { ...mount, readOnly: true };
  });
  return {
    name: RELOADER,
    image: plan.fluentBit!.reloaderImage,
    imagePullPolicy: merged.imagePullPolicy,
    args: [
      `-webhook-url=http://localhost:${plan.metricsPort}/api/v2/reload`,
      `-volume-dir=${FLUENT_BIT_CONFIG_DIR}`,
      ...watched.map(m => `-volume-dir=${m.mountPath}`),
      '-web.listen-address=127.0.0.1:9533',
    ],
    // The distroless image's nonroot user.
    runAsUser: 65532,
    runAsGroup: 65532,
    // A small Go binary; kube-prometheus gives kube-rbac-proxy, a similar one, these.
    resources: plan.fluentBit!.reloaderResources
      ?? { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(20), limit: Size.mebibytes(40) } },
    volumeMounts: [...existing ? [existing] : [], ...watched],
  };
}

/** `/var/log` read-only; the docker files the symlinks point to; journald's. */
function hostMounts(plan: CollectorPlan, props: LogCollectorDaemonSetProps): HostPathMount[] {
  const out: HostPathMount[] = [{ name: 'varlog', hostPath: '/var/log', mountPath: '/var/log', readOnly: true }];
  if (plan.runtime === ContainerRuntime.DOCKER) {
    const dir = `${(props.dockerDataRoot ?? '/var/lib/docker').replace(/\/+$/, '')}/containers`;
    out.push({ name: 'docker-containers', hostPath: dir, mountPath: dir, readOnly: true });
  }
  if (plan.journald) {
    out.push({ name: 'run-journal', hostPath: '/run/log/journal', mountPath: '/run/log/journal', readOnly: true });
    out.push({ name: 'machine-id', hostPath: '/etc/machine-id', mountPath: '/etc/machine-id', readOnly: true });
  }
  return out;
}

/**
 * The state directory, read-write, unless it already is a mount: then it shares that mount (and
 * is checked as such) instead of a duplicate mountPath.
 */
function stateMount(plan: CollectorPlan, merged: NodeDaemonSetOptions): HostPathMount | undefined {
  const taken = [...merged.hostPathMounts ?? [], ...merged.scratchDirectories ?? [], ...merged.volumeMounts ?? []].map(m => m.mountPath);
  if (taken.includes(plan.stateDirectory)) return undefined;
  return {
    name: 'state',
    hostPath: plan.stateDirectory,
    mountPath: plan.stateDirectory,
    readOnly: false,
    type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE,
  };
}

/** Every path the daemon writes must land on a writable mount: on a read-only one, offsets are never saved. */
function checkWritablePaths(at: Where, merged: NodeDaemonSetOptions, state: HostPathMount | undefined, plan: CollectorPlan,
  profile: EngineProfile): void {
  const all: Array<{ path: string; readOnly: boolean; what: string }> = [
    ...[...merged.hostPathMounts ?? [], ...state ? [state] : []].map(m => ({ path: m.mountPath, readOnly: m.readOnly ?? true, what: `hostPath ${m.hostPath}` })),
    ...(merged.scratchDirectories ?? []).map((m: ScratchDirectory) => ({ path: m.mountPath, readOnly: false, what: 'emptyDir' })),
    ...(merged.volumeMounts ?? []).map(m => ({ path: m.mountPath, readOnly: m.readOnly ?? true, what: `volume ${m.volume.name}` })),
    { path: profile.configDir, readOnly: true, what: 'the config ConfigMap' },
  ];
  for (const [prop, path] of profile.writablePaths(plan)) {
    const mount = all
      .filter(m => path === m.path || path.startsWith(m.path.endsWith('/') ? m.path : `${m.path}/`))
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (mount?.readOnly) {
      throw propError(at, prop, path, `the collector writes here, but it is inside the read-only mount ${mount.path} (${mount.what}): offsets and buffers would never be saved; choose a stateDirectory outside read-only mounts, e.g. ${profile.defaults.stateDirectory}`);
    }
    if (!mount && merged.readOnlyRootFilesystem !== false) {
      throw propError(at, prop, path, 'the collector writes here, but it is on the read-only root filesystem');
    }
  }
}

/** Buffers plus the daemon's own footprint must fit under the memory limit, or the kernel OOM-kills it under backpressure. */
function checkMemory(at: Where, merged: NodeDaemonSetOptions, plan: CollectorPlan, profile: EngineProfile): void {
  const limit = merged.resources?.memory?.limit;
  if (!limit) {
    throw propError(at, 'resources.memory.limit', null, 'a log collector needs a memory limit: under backpressure its buffers grow until the node runs out of memory');
  }
  const limitBytes = limit.toKibibytes() * 1024;
  const need = profile.bufferMemory(plan) + profile.baselineMemory;
  if (need > limitBytes) {
    const detail = plan.storageType === 'filesystem' && plan.fluentBit
      ? `storageMaxChunksUp ${plan.storageMaxChunksUp} x 2 MiB chunks + storageBacklogMemLimit`
      : plan.fluentBit ? 'memBufLimit per input' : 'totalLimitSize per output (memory buffers)';
    throw propError(at, 'resources.memory.limit', `${limitBytes / MiB}Mi`,
      `the buffers may take ${Math.ceil(profile.bufferMemory(plan) / MiB)} MiB (${detail}) plus about ${profile.baselineMemory / MiB} MiB for the daemon itself: raise the limit to at least ${Math.ceil(need / MiB)}Mi or lower the buffers`);
  }
}

/** What metadata enrichment reads: pods and namespaces from the API server, or pods through the kubelet. */
function metadataRules(plan: CollectorPlan): PolicyRule[] {
  const rules: PolicyRule[] = [{ apiGroups: [''], resources: ['namespaces', 'pods'], verbs: ['get', 'list', 'watch'] }];
  if (plan.metadata?.useKubelet) rules.push({ apiGroups: [''], resources: ['nodes', 'nodes/proxy'], verbs: ['get'] });
  return rules;
}

