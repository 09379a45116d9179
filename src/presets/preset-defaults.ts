/**
 * How a preset's props come about: the preset's defaults for the shared props, merged with the
 * user's by the rule `MERGE_RULES` gives each prop; then what the preset derives (flags, mounts,
 * config, checks), which reads only the merged values, so a flag can never disagree with the
 * final prop it depends on.
 */
import { ApiObjectMetadata } from 'cdk8s';
import { DaemonSetServiceOptions } from '../companions';
import { propError, propTypeError, Where } from '../internal/errors';
import { kplus } from '../internal/kplus-adapter';
import { NodeDaemonSetOptions, NodeDaemonSetProps } from '../node-daemon-set';

/** Combines the preset's value of one prop with the user's. */
type Merge<T> = (preset: T, user: T, at: Where) => T;

/** The user's value when given, else the preset's. */
const userWins = <T>(preset: T, user: T): T => user !== undefined ? user : preset;

/** Maps merge key by key, the user's keys winning. */
const keyByKey = <T>(preset: { [key: string]: T } | undefined, user: { [key: string]: T } | undefined) => ({ ...preset, ...user });

/**
 * The user's list, then the preset's: an error about an entry names the index the user wrote.
 * A user value that is no list passes as it is, for NodeDaemonSet to reject by name.
 */
const userFirst = <T>(preset: T[] | undefined, user: T[] | undefined): T[] | undefined => {
  if (user !== undefined && !Array.isArray(user)) return user;
  return [...user ?? [], ...preset ?? []];
};

/** Labels and annotations merge key by key; every other metadata field is the user's when given. */
const metadata: Merge<ApiObjectMetadata | undefined> = (preset, user) => {
  if (!preset && !user) return undefined;
  return {
    ...preset,
    ...user,
    labels: { ...preset?.labels, ...user?.labels },
    annotations: { ...preset?.annotations, ...user?.annotations },
  };
};

/** Per resource: setting a CPU request replaces the preset's CPU settings and keeps its memory ones. */
const perResource: Merge<NodeDaemonSetOptions['resources']> = (preset, user) => ({
  cpu: user?.cpu ?? preset?.cpu,
  memory: user?.memory ?? preset?.memory,
  ephemeralStorage: user?.ephemeralStorage ?? preset?.ephemeralStorage,
});

/**
 * The preset's variables first (the user's may refer to them with `$(VAR)`), then the user's;
 * a variable the preset sets is the preset's to set: its value is derived from other props.
 */
const presetFirstNoOverride: Merge<{ [name: string]: kplus.EnvValue } | undefined> = (preset, user, at) => {
  for (const name of Object.keys(user ?? {})) {
    if (preset?.[name] !== undefined) {
      throw propError(at, 'envVariables', name, 'the preset sets this variable itself, from its own props; choose another name');
    }
  }
  return { ...preset, ...user };
};

/** A user's Service options replace the preset's field by field; labels and annotations merge key by key. */
const serviceFields: Merge<DaemonSetServiceOptions | undefined> = (preset, user) => {
  if (!preset || !user) return user ?? preset;
  const labels = { ...preset.labels, ...user.labels };
  const annotations = { ...preset.annotations, ...user.annotations };
  return {
    ...preset,
    ...user,
    labels: Object.keys(labels).length > 0 ? labels : undefined,
    annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
  };
};

/**
 * The merge rule of every shared prop. Keyed by the props interface itself: a new prop of
 * `NodeDaemonSetOptions` does not compile until someone decides here how it meets a preset's default.
 */
export const MERGE_RULES: { readonly [K in keyof Required<NodeDaemonSetOptions>]: Merge<NodeDaemonSetOptions[K]> } = {
  metadata,
  podMetadata: metadata,
  imagePullPolicy: userWins,
  resources: perResource,
  hostNetwork: userWins,
  hostPID: userWins,
  hostIPC: userWins,
  nodeSelector: keyByKey,
  nodeAffinity: userWins,
  tolerations: userWins,
  priorityClassName: userWins,
  priorityClassQuota: userWins,
  updateStrategy: userWins,
  minReadySeconds: userWins,
  revisionHistoryLimit: userWins,
  terminationGracePeriod: userWins,
  serviceAccount: userWins,
  automountServiceAccountToken: userWins,
  fsGroup: userWins,
  acknowledgedWarnings: userFirst,
  privileged: userWins,
  runAsUser: userWins,
  runAsGroup: userWins,
  runAsNonRoot: userWins,
  capabilities: userWins,
  readOnlyRootFilesystem: userWins,
  allowPrivilegeEscalation: userWins,
  seccompProfileType: userWins,
  hostPathMounts: userFirst,
  scratchDirectories: userFirst,
  volumeMounts: userFirst,
  envVariables: presetFirstNoOverride,
  envFrom: userFirst,
  readiness: userWins,
  liveness: userWins,
  startup: userWins,
  sidecars: userFirst,
  initContainers: userFirst,
  imagePullSecrets: userFirst,
  dnsPolicy: userWins,
  dnsConfig: userWins,
  hostUsers: userWins,
  service: serviceFields,
  serviceMonitor: userWins,
  podMonitor: userWins,
  networkPolicy: userWins,
  prometheusRule: userWins,
};

/**
 * What a preset does instead of each prop it sets itself (every preset takes `image`). Keyed by the
 * props type, so a new prop of `NodeDaemonSetProps` does not compile until someone says here why a
 * preset refuses it. A JavaScript caller (no compiler) passing one gets the error, never a silently dropped prop.
 */
const PRESET_OWNED: { readonly [K in Exclude<keyof Required<PresetOwnedProps>, 'image'>]: string } = {
  command: 'the preset builds its command line from its own props',
  args: 'the preset builds its command line from its own props (node-exporter takes extraArgs)',
  ports: 'the preset declares its own ports (set its port prop)',
  configDirectory: 'the preset writes its own configuration files',
  clusterRoleRules: 'the preset grants the RBAC its daemon needs',
  name: 'the preset names its container after the daemon',
  component: 'the preset sets its own component label',
  _metrics: 'the preset declares its own metrics endpoint',
  _envProps: 'the preset names the props behind its own environment variables',
};

/**
 * The shared props of a preset: its defaults with the user's values applied, prop by prop, by
 * `MERGE_RULES`. Domain props of the user's never leak through: only the table's keys are read.
 * A NodeDaemonSet prop the preset sets itself (`args`, `command`, `ports`, ...) is refused by name.
 * @internal
 */
export function withPresetDefaults(at: Where, preset: NodeDaemonSetOptions, user: NodeDaemonSetOptions): NodeDaemonSetOptions {
  for (const [key, instead] of Object.entries(PRESET_OWNED)) {
    const value = (user as { [key: string]: unknown })[key];
    if (value !== undefined) throw propTypeError(at, key, value, `is not a prop of this preset: ${instead}; for a daemon of your own use NodeDaemonSet`);
  }
  const merged: { [key: string]: unknown } = {};
  for (const key of Object.keys(MERGE_RULES) as Array<keyof NodeDaemonSetOptions>) {
    const rule = MERGE_RULES[key] as Merge<unknown>;
    const value = rule(preset[key], user[key], at);
    if (value !== undefined) merged[key] = value;
  }
  return merged as NodeDaemonSetOptions;
}

/** The props only a preset sets (image, arguments, ports, config, RBAC, Service): never merged, derived. @internal */
export type PresetOwnedProps = Omit<NodeDaemonSetProps, keyof NodeDaemonSetOptions>;

/** The list props a preset may append to after the merge. @internal */
export type AppendedProps = Pick<NodeDaemonSetOptions, 'hostPathMounts' | 'volumeMounts' | 'sidecars'>;

/**
 * A preset's NodeDaemonSet props: `merged` (from `withPresetDefaults`), the props the preset
 * owns, and entries appended after the merged lists (a mount that depends on the merged mounts,
 * a sidecar that follows the merged pull policy).
 * @internal
 */
export function presetProps(merged: NodeDaemonSetOptions, owned: PresetOwnedProps, appended: AppendedProps = {}): NodeDaemonSetProps {
  const props: { [key: string]: unknown } = { ...merged, ...owned };
  for (const key of Object.keys(appended) as Array<keyof AppendedProps>) {
    props[key] = [...merged[key] ?? [], ...appended[key] ?? []];
  }
  return props as unknown as NodeDaemonSetProps;
}
