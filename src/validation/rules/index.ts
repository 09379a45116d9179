import { API_AREA, checkApiVersion, checkDeprecatedKeys } from './apis';
import { CONSTRUCT_AREA } from './constructs';
import { checkContainers, CONTAINER_AREA } from './containers';
import { Ctx, list, map } from './context';
import { checkDns, DNS_AREA } from './dns';
import { ENV_AREA } from './env';
import { checkGatedFields, checkUnknownFields, FIELD_AREA } from './fields';
import { checkHost, HOST_AREA, isWindowsPod, reportHostAccess } from './host';
import { checkArgs, checkCompanion, LINT_AREA } from './lint';
import { checkArgsLiteralSecrets, checkTemplateLiteralSecrets, LITERAL_SECRET_AREA } from './literal-secrets';
import { checkMetadata, METADATA_AREA } from './metadata';
import { MONITORING_AREA } from './monitoring';
import { POD_ANNOTATIONS_AREA } from './pod-annotations';
import { checkNamespaceLabels, POD_SECURITY_AREA } from './pod-security';
import { PORT_AREA } from './ports';
import { PROBE_AREA } from './probes';
import { PROP_AREA } from './props';
import { checkImplicitResources, checkPodResources, RESOURCE_AREA } from './resources';
import { Rule, RuleArea } from './rule';
import { checkScheduling, SCHEDULING_AREA } from './scheduling';
import { checkPodSecurity, SECURITY_AREA } from './security-context';
import { checkDaemonSetSpec, checkTemplateGeneration, SELECTOR_AREA } from './selector';
import { checkFieldTypes, TYPES_AREA } from './types';
import { VOLUME_SOURCES_AREA } from './volume-sources';
import { checkVolumes, VOLUME_AREA } from './volumes';

/** Every area, in docs/rules.md order. */
const AREAS: readonly RuleArea[] = [
  TYPES_AREA, FIELD_AREA, API_AREA, METADATA_AREA, SELECTOR_AREA, POD_ANNOTATIONS_AREA, CONTAINER_AREA, PORT_AREA, ENV_AREA, LITERAL_SECRET_AREA,
  VOLUME_AREA, VOLUME_SOURCES_AREA, RESOURCE_AREA, PROBE_AREA,
  SECURITY_AREA, SCHEDULING_AREA, DNS_AREA, HOST_AREA, POD_SECURITY_AREA, MONITORING_AREA, LINT_AREA, CONSTRUCT_AREA, PROP_AREA,
];

/** Every rule, grouped by API area in document order. */
export const ALL_RULES: readonly Rule[] = AREAS.flatMap(a => a.rules);

/** The rules by id, for the ids users write (`suppress`, `acknowledgedWarnings`, the suppress context key). */
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map(r => [r.id, r]));

const P = 'spec.template.spec';
/** The kinds whose pod template kube-apiserver warns about (`GetWarningsForPodTemplate`). */
const WORKLOADS = new Set(['DaemonSet', 'Deployment', 'StatefulSet']);

/** Whether any regular container binds a host port (hostNetwork binds every container port). */
function usesHostPorts(pod: any): boolean {
  return pod.hostNetwork === true || list(pod.containers).some(c => list(map(c).ports).some(p => map(p).hostPort));
}

/** Runs every single-object rule on a manifest whose shape is already known to be an object. */
export function checkManifest(ctx: Ctx, manifest: any): void {
  checkMetadata(ctx, manifest, checkApiVersion(ctx, manifest));
  checkFieldTypes(ctx, manifest);
  checkUnknownFields(ctx, manifest);
  if (WORKLOADS.has(manifest.kind)) checkDeprecatedKeys(ctx, map(map(manifest.spec).template), 'spec.template');
  if (manifest.kind === 'Namespace') checkNamespaceLabels(ctx, manifest);
  if (manifest.kind !== 'DaemonSet') return checkCompanion(ctx, manifest);
  const spec = map(manifest.spec);
  const pod = map(map(spec.template).spec);
  checkDaemonSetSpec(ctx, spec, usesHostPorts(pod));
  checkGatedFields(ctx, pod, P);
  checkTemplateGeneration(ctx, manifest.metadata);
  const volumes = checkVolumes(ctx, pod, P);
  checkContainers(ctx, {
    path: P, pod, hostNetwork: pod.hostNetwork === true, windows: isWindowsPod(pod), volumes, hostPorts: new Set(), writableHostPaths: new Set(),
  });
  checkImplicitResources(ctx, pod, P);
  for (const field of ['containers', 'initContainers']) {
    list(pod[field]).forEach((c, i) => {
      checkArgs(ctx, map(c), `${P}.${field}[${i}]`);
      checkArgsLiteralSecrets(ctx, map(c), `${P}.${field}[${i}]`);
    });
  }
  checkTemplateLiteralSecrets(ctx, map(spec.template).metadata);
  checkPodSecurity(ctx, pod, P);
  checkPodResources(ctx, pod, P);
  checkScheduling(ctx, pod, P);
  checkDns(ctx, pod, P);
  checkHost(ctx, pod, P);
  reportHostAccess(ctx, P);
}
