import { HOST_PORT_CONFLICT } from '../validation';
import { lookupTable } from './lookup';

/**
 * The one mapping from a field of a synthesized object to the construct prop that sets it, for
 * the `prop:` hint of synth errors and printed warnings (`... (port-name; prop: ports[0].name)`).
 * Presets take `NodeDaemonSet`'s props, so the hints name those.
 */

/** Container fields → the container prop, most specific first; `$1` is the rest of the path. */
const CONTAINER_FIELDS: Array<[RegExp, string]> = [
  [/^ports\[(\d+)\]\.containerPort/, 'ports[$1].number'],
  [/^ports\[(\d+)\]\.(hostPort|name|protocol)/, 'ports[$1].$2'],
  [/^ports/, 'ports'],
  [/^(name|image|imagePullPolicy|command|args)\b/, '$1'],
  [/^env\b/, 'envVariables'],
  [/^envFrom\b/, 'envFrom'],
  [/^resources\b/, 'resources'],
  [/^readinessProbe\b/, 'readiness'],
  [/^livenessProbe\b/, 'liveness'],
  [/^startupProbe\b/, 'startup'],
  [/^securityContext\.seccompProfile\b/, 'seccompProfileType'],
  [/^securityContext\.capabilities\b/, 'capabilities'],
  [/^securityContext\.(privileged|runAsUser|runAsGroup|runAsNonRoot|readOnlyRootFilesystem|allowPrivilegeEscalation)\b/, '$1'],
  [/^volumeMounts\b/, 'hostPathMounts, scratchDirectories or volumeMounts'],
];

/** Pod fields (after `spec.template.spec.`) → the prop. */
const POD_FIELDS: Array<[RegExp, string]> = [
  [/^volumes\[\d+\]\.hostPath\b/, 'hostPathMounts'],
  [/^volumes\[\d+\]\.emptyDir\b/, 'scratchDirectories'],
  [/^volumes\[\d+\]\.configMap\b/, 'configDirectory or volumeMounts'],
  [/^volumes\b/, 'volumeMounts'],
  [/^(hostNetwork|hostPID|hostIPC|hostUsers|nodeSelector|tolerations|priorityClassName|automountServiceAccountToken|imagePullSecrets|dnsConfig)\b/, '$1'],
  [/^affinity\.nodeAffinity\b/, 'nodeAffinity'],
  [/^dnsPolicy\b/, 'dnsPolicy or hostNetwork'],
  [/^terminationGracePeriodSeconds\b/, 'terminationGracePeriod'],
  [/^(serviceAccountName|serviceAccount)\b/, 'serviceAccount'],
  [/^securityContext\.fsGroup\b/, 'fsGroup'],
  [/^securityContext\.seccompProfile\b/, 'seccompProfileType'],
  [/^securityContext\b/, 'runAsUser or runAsNonRoot'],
  // The pod as a whole (its Pod Security level): the host access props, or the namespace it runs in.
  [/^$/, 'metadata.namespace, or the host access props (hostNetwork, hostPID, privileged, hostPathMounts, ...)'],
];

/** DaemonSet fields outside the pod spec → the prop. */
const DAEMON_SET_FIELDS: Array<[RegExp, string]> = [
  [/^metadata\.(name|namespace|labels|annotations)\b/, 'metadata.$1'],
  [/^spec\.template\.(metadata\.)?labels\b/, 'podMetadata.labels'],
  [/^spec\.template\.(metadata\.)?annotations\b/, 'podMetadata.annotations'],
  [/^spec\.selector\b/, 'name / metadata.name'],
  [/^spec\.(minReadySeconds|revisionHistoryLimit|updateStrategy)\b/, '$1'],
];

/** The fields of the other objects a `NodeDaemonSet` writes → the prop. */
const COMPANION_FIELDS: { [kind: string]: Array<[RegExp, string]> } = lookupTable({
  Service: [[/^metadata\.annotations\b/, 'service.annotations'], [/^spec\.ports\b/, 'service.portNames'], [/^spec\.type\b/, 'service'], [/^metadata\.name\b/, 'metadata.name']],
  ClusterRole: [[/^rules\[(\d+)\]/, 'clusterRoleRules[$1]'], [/^rules\b/, 'clusterRoleRules']],
  ConfigMap: [[/^data\b/, 'configDirectory.files']],
});

/**
 * Rules whose way out is not the field they report: `host-port-conflict` names one DaemonSet's
 * port, and the fix is either daemon's port prop or their node selection.
 */
const RULE_PROPS: { [rule: string]: string } = lookupTable({
  [HOST_PORT_CONFLICT.id]: 'port, metricsPort or ports[].number; or nodeSelector / nodeAffinity',
});

/**
 * The `NodeDaemonSet` prop (or props) that set the field at `path` of one of its objects of
 * `kind`, or that fix a finding of `rule` there; undefined when no prop does.
 */
export function nodeDaemonSetPropOf(kind: string, path: string, rule?: string): string | undefined {
  if (rule !== undefined && RULE_PROPS[rule] !== undefined) return RULE_PROPS[rule];
  if (kind !== 'DaemonSet') return match(COMPANION_FIELDS[kind] ?? [], path) ?? (kind === 'ServiceAccount' ? match(DAEMON_SET_FIELDS, path) : undefined);
  const container = /^spec\.template\.spec\.(containers|initContainers)\[(\d+)\]\.?(.*)$/.exec(path);
  if (container) {
    const prop = match(CONTAINER_FIELDS, container[3]);
    const index = Number(container[2]);
    if (prop === undefined) return undefined;
    // Containers after the daemon's own are sidecars, in order (addSidecar() appends to them).
    if (container[1] === 'initContainers') return `initContainers[${index}].${prop}`;
    return `${index === 0 ? '' : `sidecars[${index - 1}].`}${prop}`;
  }
  if (path === 'spec.template.spec' || path.startsWith('spec.template.spec.')) return match(POD_FIELDS, path.slice('spec.template.spec.'.length));
  return match(DAEMON_SET_FIELDS, path);
}

/**
 * `propOf`, except that a finding on an environment variable of the daemon container that a
 * preset set from one of its own props names that prop (`outputs[0].httpPasswd`), not `envVariables`.
 *
 * @param envProps the preset prop behind each variable it sets, by variable name
 */
export function envPropOf(envProps: { readonly [name: string]: string } | undefined, propOf: PropOf): PropOf {
  if (envProps === undefined) return propOf;
  return (kind, path, rule, manifest) => {
    const env = kind === 'DaemonSet' ? /^spec\.template\.spec\.containers\[0\]\.env\[(\d+)\]/.exec(path) : null;
    const name = env ? manifest?.spec?.template?.spec?.containers?.[0]?.env?.[Number(env[1])]?.name : undefined;
    return (typeof name === 'string' ? envProps[name] : undefined) ?? propOf(kind, path, rule, manifest);
  };
}

/** The prop behind a field of a construct's object (`kind`, `path`), or behind a finding of `rule` there; `manifest` is the object. */
export type PropOf = (kind: string, path: string, rule?: string, manifest?: any) => string | undefined;

/** The `DaemonNamespace` prop that sets a field of its Namespace. */
export function daemonNamespacePropOf(_kind: string, path: string): string | undefined {
  if (path.startsWith('metadata.labels')) return 'labels';
  return path.startsWith('metadata.name') ? 'name' : undefined;
}

function match(table: Array<[RegExp, string]>, path: string): string | undefined {
  for (const [pattern, prop] of table) {
    const m = pattern.exec(path);
    if (m) return prop.replace(/\$(\d)/g, (_, i) => m[Number(i)] ?? '');
  }
  return undefined;
}
