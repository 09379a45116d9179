import { API_RULES, checkDeprecatedKeys } from './apis';
import { RuleDef } from './catalogue';
import { CONSTRUCT_RULES } from './constructs';
import { checkContainers, CONTAINER_RULES } from './containers';
import { Ctx, list, map } from './context';
import { checkDns, DNS_RULES } from './dns';
import { ENV_RULES } from './env';
import { checkGatedFields, checkUnknownFields, FIELD_RULES } from './fields';
import { checkHost, HOST_RULES } from './host';
import { checkImplicitDefaults, IMPLICIT_DEFAULT_RULES } from './implicit-defaults';
import { checkArgs, checkCompanion, LINT_RULES } from './lint';
import { checkMetadata, METADATA_RULES } from './metadata';
import { MONITORING_RULES } from './monitoring';
import { checkNamespaceLabels, POD_SECURITY_RULES } from './pod-security';
import { PORT_RULES } from './ports';
import { PROBE_RULES } from './probes';
import { RESOURCE_RULES } from './resources';
import { checkScheduling, SCHEDULING_RULES } from './scheduling';
import { checkPodSecurity, SECURITY_RULES } from './security-context';
import { checkDaemonSetSpec, SELECTOR_RULES } from './selector';
import { checkFieldTypes } from './types';
import { checkVolumes, VOLUME_RULES } from './volumes';

/** Every rule, grouped by API area in document order. */
export const ALL_RULES: readonly RuleDef[] = [
  ...API_RULES, ...FIELD_RULES, ...METADATA_RULES, ...SELECTOR_RULES, ...CONTAINER_RULES, ...PORT_RULES, ...ENV_RULES, ...VOLUME_RULES,
  ...RESOURCE_RULES, ...IMPLICIT_DEFAULT_RULES, ...PROBE_RULES, ...SECURITY_RULES, ...SCHEDULING_RULES, ...DNS_RULES, ...HOST_RULES,
  ...POD_SECURITY_RULES, ...MONITORING_RULES, ...LINT_RULES, ...CONSTRUCT_RULES,
];

export const RULES_BY_ID: ReadonlyMap<string, RuleDef> = new Map(ALL_RULES.map(r => [r.id, r]));

const P = 'spec.template.spec';
/** The kinds whose pod template kube-apiserver warns about (`GetWarningsForPodTemplate`). */
const WORKLOADS = new Set(['DaemonSet', 'Deployment', 'StatefulSet']);

/** Whether any regular container binds a host port (hostNetwork binds every container port). */
function usesHostPorts(pod: any): boolean {
  return pod.hostNetwork === true || list(pod.containers).some(c => list(map(c).ports).some(p => map(p).hostPort));
}

/** Runs every single-object rule on a manifest whose shape is already known to be an object. */
export function checkManifest(ctx: Ctx, manifest: any): void {
  checkMetadata(ctx, manifest);
  checkFieldTypes(ctx, manifest);
  checkUnknownFields(ctx, manifest);
  if (WORKLOADS.has(manifest.kind)) checkDeprecatedKeys(ctx, map(map(manifest.spec).template), 'spec.template');
  if (manifest.kind === 'Namespace') checkNamespaceLabels(ctx, manifest);
  if (manifest.kind !== 'DaemonSet') return checkCompanion(ctx, manifest);
  const spec = map(manifest.spec);
  const pod = map(map(spec.template).spec);
  checkDaemonSetSpec(ctx, spec, usesHostPorts(pod));
  checkGatedFields(ctx, pod, P);
  const volumes = checkVolumes(ctx, pod, P);
  checkContainers(ctx, { path: P, pod, hostNetwork: pod.hostNetwork === true, volumes, hostPorts: new Set() });
  checkImplicitDefaults(ctx, pod, P);
  for (const field of ['containers', 'initContainers']) list(pod[field]).forEach((c, i) => checkArgs(ctx, map(c), `${P}.${field}[${i}]`));
  checkPodSecurity(ctx, pod, P);
  checkScheduling(ctx, pod, P);
  checkDns(ctx, pod, P);
  checkHost(ctx, pod, P);
}
