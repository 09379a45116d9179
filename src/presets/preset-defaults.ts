import { ApiObjectMetadata } from 'cdk8s';
import { NodeDaemonSetOptions, NodeDaemonSetProps } from '../node-daemon-set';

/** The shared options a user may set on any preset, as plain keys (domain props never leak through). */
const SHARED_KEYS: Array<keyof NodeDaemonSetOptions> = [
  'imagePullPolicy', 'hostNetwork', 'hostPID', 'hostIPC', 'nodeAffinity', 'tolerations', 'priorityClassName',
  'priorityClassQuota', 'updateStrategy', 'minReadySeconds', 'revisionHistoryLimit', 'terminationGracePeriod',
  'serviceAccount', 'automountServiceAccountToken', 'fsGroup', 'privileged', 'runAsUser', 'runAsGroup',
  'runAsNonRoot', 'capabilities', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'seccompProfileType',
  'serviceMonitor', 'podMonitor', 'networkPolicy', 'prometheusRule',
];

/**
 * A preset's NodeDaemonSet props with the user's shared options applied over them, prop by
 * prop: a value the user set wins; resources merge per resource (cpu, memory, ephemeral
 * storage), so setting a CPU request keeps the preset's memory settings; labels, annotations and
 * the node selector merge key by key; mounts the user gives are added to the preset's.
 * @internal
 */
export function withPresetDefaults(preset: NodeDaemonSetProps, user: NodeDaemonSetOptions): NodeDaemonSetProps {
  const overrides: { [key: string]: unknown } = {};
  for (const key of SHARED_KEYS) {
    if (user[key] !== undefined) overrides[key] = user[key];
  }
  return {
    ...preset,
    ...overrides,
    metadata: mergeMetadata(preset.metadata, user.metadata),
    podMetadata: mergeMetadata(preset.podMetadata, user.podMetadata),
    resources: {
      cpu: user.resources?.cpu ?? preset.resources?.cpu,
      memory: user.resources?.memory ?? preset.resources?.memory,
      ephemeralStorage: user.resources?.ephemeralStorage ?? preset.resources?.ephemeralStorage,
    },
    nodeSelector: { ...preset.nodeSelector, ...user.nodeSelector },
    // The user's entries come first, so an error about one names the index the user wrote.
    hostPathMounts: concat(user.hostPathMounts, preset.hostPathMounts),
    scratchDirectories: concat(user.scratchDirectories, preset.scratchDirectories),
    volumeMounts: concat(user.volumeMounts, preset.volumeMounts),
    acknowledgedWarnings: concat(user.acknowledgedWarnings, preset.acknowledgedWarnings),
  };
}

function mergeMetadata(preset?: ApiObjectMetadata, user?: ApiObjectMetadata): ApiObjectMetadata | undefined {
  if (!preset && !user) return undefined;
  return {
    ...preset,
    ...user,
    labels: { ...preset?.labels, ...user?.labels },
    annotations: { ...preset?.annotations, ...user?.annotations },
  };
}

/** The user's list, then the preset's; a user value that is no list passes as it is, for NodeDaemonSet to reject by name. */
function concat<T>(user: T[] | undefined, preset: T[] | undefined): T[] | undefined {
  if (user !== undefined && !Array.isArray(user)) return user;
  return [...user ?? [], ...preset ?? []];
}
