import { checkQualifiedName } from '../names';
import { Ctx, list, map } from './context';
import { isIntegral, NANO_PER_UNIT, parseQuantity, Quantity } from './quantity';
import { RuleArea, SRC, Violation } from './rule';

export const RESOURCE_AREA = new RuleArea('resources', 'src/validation/rules/resources.ts');
export const RESOURCE_QUANTITY = RESOURCE_AREA.error('resource-quantity', 'A request or limit that is not a `resource.Quantity` (suffixes are case-sensitive: `1K`, `1ki`, `1Gib`, `1 Gi` fail); the server answers 400 with no path.', 'Write e.g. `100m`, `0.5`, `128Mi`, `1Gi`.', SRC.QUANTITY);
export const RESOURCE_NAME = RESOURCE_AREA.error('resource-name', 'An unprefixed resource name other than cpu, memory, ephemeral-storage or hugepages-<size> (pod-level: cpu, memory, hugepages), or an invalid extended resource name.', 'Use a standard resource or a `domain/name` extended resource.', SRC.CORE);
export const RESOURCE_NEGATIVE = RESOURCE_AREA.error('resource-negative', 'A negative request or limit.', 'Use a value ≥ 0.', SRC.CORE);
export const RESOURCE_REQUEST_ABOVE_LIMIT = RESOURCE_AREA.error('resource-request-above-limit', 'A request above its limit (reported at `resources.requests`, without key).', 'Lower the request or raise the limit (the `resources` prop).', SRC.CORE);
export const RESOURCE_EXTENDED = RESOURCE_AREA.error('resource-extended', 'An extended resource or hugepage request without an equal limit (reported at `requests` or `limits`, without key), or a non-integer extended resource.', 'Set the limit equal to the request, in whole units.', SRC.CORE);
export const RESOURCE_HUGEPAGES = RESOURCE_AREA.error('resource-hugepages', 'Hugepages requested without cpu or memory, or a hugepages quantity that is not a whole number of pages.', 'Also request cpu or memory; request a multiple of the page size.', SRC.CORE);
export const POD_RESOURCES = RESOURCE_AREA.error('pod-resources', 'Pod-level `resources` on a Windows pod; pod requests below the sum of the containers\' requests, or a container limit above the pod\'s; a `resizePolicy` for a resource other than cpu/memory, with a policy other than NotRequired/RestartContainer, or repeated.', 'Fix the pod-level value, or drop pod-level resources.', SRC.CORE);
export const RESOURCES_MISSING = RESOURCE_AREA.warning('resources-missing', 'A container without a cpu or memory request: its overhead lands on every node unaccounted.', 'Set cpu and memory requests (the `resources` prop).', SRC.RESOURCES, { linterIds: ['kube-linter:unset-cpu-requirements', 'kube-score:container-resources', 'polaris:cpuRequestsMissing', 'polaris:memoryRequestsMissing'] });
export const MEMORY_LIMIT_MISSING = RESOURCE_AREA.warning('memory-limit-missing', 'A container without a memory limit: a leak takes the node down with it.', 'Set a memory limit (the `resources` prop).', SRC.RESOURCES, { linterIds: ['kube-linter:unset-memory-requirements', 'kube-score:container-resources', 'polaris:memoryLimitsMissing'] });
export const CDK8S_PLUS_IMPLICIT_RESOURCES = RESOURCE_AREA.warning('cdk8s-plus-implicit-resources',
  'A container with exactly cdk8s-plus\'s implicit resources (requests cpu 1000m, memory 512Mi; limits cpu 1500m, memory 2048Mi): '
  + 'what `kplus` gives a container added without `resources`, reserving a whole CPU and half a GiB on every node.',
  'Add the container with `addSidecar()` or the `sidecars` prop (the library\'s defaults: no implicit resources, IfNotPresent, hardened), or give it `resources` of its own.',
  SRC.RESOURCES);
export const FRACTIONAL_BYTES = RESOURCE_AREA.warning('fractional-bytes', 'A memory or ephemeral-storage quantity with a fraction of a byte (e.g. `0.5`, `100m`): almost always a typo for Mi/M.', 'Use whole bytes, e.g. `128Mi`.', SRC.WARNINGS);

const STANDARD = ['cpu', 'memory', 'ephemeral-storage'];

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** A `domain/name` resource outside kubernetes.io that is a qualified name once prefixed with `requests.`. */
function isExtended(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.') && checkQualifiedName(`requests.${name}`) === undefined;
}

/** Native resources other than hugepages may be requested below their limit. */
function overcommits(name: string): boolean {
  return (!name.includes('/') || name.includes('kubernetes.io/')) && !isHugePages(name);
}

/** The page size of a `hugepages-<size>` resource, in bytes, or undefined when it does not parse. */
function pageSize(name: string): bigint | undefined {
  const q = parseQuantity(name.slice('hugepages-'.length));
  return typeof q === 'string' || q.nano <= BigInt(0) || !isIntegral(q) ? undefined : q.nano / NANO_PER_UNIT;
}

function containerResourceName(name: string): string | undefined {
  const qualified = checkQualifiedName(name);
  if (qualified) return qualified;
  if (!name.includes('/')) return STANDARD.includes(name) || isHugePages(name) ? undefined : 'must be a standard resource for containers';
  return name.includes('kubernetes.io/') || isExtended(name) ? undefined : "doesn't follow extended resource name standard";
}

const POD_LEVEL_RESOURCES = ['cpu', 'hugepages-', 'memory'];

/** A resource name in the pod's or a container's requirements. */
function checkResourceName(ctx: Ctx, name: string, p: string, pod: boolean): void {
  if (!pod) return ctx.check(RESOURCE_NAME, p, name, containerResourceName(name));
  const qualified = checkQualifiedName(name);
  if (qualified) ctx.invalid(RESOURCE_NAME, p, name, qualified);
  else if (name !== 'cpu' && name !== 'memory' && !isHugePages(name)) ctx.notSupported(RESOURCE_NAME, p, name, POD_LEVEL_RESOURCES);
}

/**
 * The rule a request or limit breaks (`resource-quantity`, `resource-negative`), or undefined:
 * the check of every resource quantity, shared by the construct's `resources` prop.
 * @param quantity a quantity as it arrives in JSON (a string or a number)
 */
export function quantityViolation(quantity: unknown): Violation | undefined {
  return parsedQuantityViolation(parseQuantity(quantity));
}

/** `quantityViolation` of a quantity `parseQuantity` already parsed (or the reason it did not parse). */
function parsedQuantityViolation(q: Quantity | string): Violation | undefined {
  if (typeof q === 'string') return { rule: RESOURCE_QUANTITY, reason: q };
  if (q.nano < BigInt(0)) return { rule: RESOURCE_NEGATIVE, reason: 'must be greater than or equal to 0' };
  return undefined;
}

/** Quantities of one list, parsed, with syntax, name, sign, integer and page-size errors reported. */
function parseList(ctx: Ctx, quantities: unknown, path: string, pod: boolean): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(map(quantities))) {
    const p = `${path}[${name}]`;
    checkResourceName(ctx, name, p, pod);
    const q = parseQuantity(raw);
    // A negative quantity is reported, and checked on (the server goes on too).
    ctx.violation(p, raw, parsedQuantityViolation(q));
    if (typeof q === 'string') continue;
    if ((name === 'memory' || name === 'ephemeral-storage') && q.nano % NANO_PER_UNIT !== BigInt(0)) {
      ctx.report(FRACTIONAL_BYTES, p, `${JSON.stringify(raw)} is a fraction of a byte; did you mean Mi?`);
    }
    if (isExtended(name) && !isIntegral(q)) ctx.invalid(RESOURCE_EXTENDED, p, raw, 'must be an integer');
    if (isHugePages(name)) {
      const size = pageSize(name);
      // Quantity.Value() rounds up to whole bytes.
      const bytes = (q.nano + NANO_PER_UNIT - BigInt(1)) / NANO_PER_UNIT;
      if (size === undefined || bytes % size !== BigInt(0)) ctx.invalid(RESOURCE_HUGEPAGES, p, raw, `${raw} is not positive integer multiple of ${name}`);
    }
    out.set(name, q);
  }
  return out;
}

/** `resources` of a container, of the pod (`pod: true`) or the pod's `overhead` (limits only). */
export function checkRequirements(ctx: Ctx, r: any, path: string, pod = false): { limits: Map<string, Quantity>; requests: Map<string, Quantity> } {
  const limits = parseList(ctx, r.limits, `${path}.limits`, pod);
  const requests = parseList(ctx, r.requests, `${path}.requests`, pod);
  for (const [name, req] of requests) {
    const limit = limits.get(name);
    // Both reported at `requests`, without the key, as the server does.
    if (limit !== undefined && req.nano !== limit.nano && !overcommits(name)) {
      ctx.invalid(RESOURCE_EXTENDED, `${path}.requests`, map(r.requests)[name], `must be equal to ${name} limit of ${map(r.limits)[name]}`);
    } else if (limit !== undefined && req.nano > limit.nano) {
      ctx.invalid(RESOURCE_REQUEST_ABOVE_LIMIT, `${path}.requests`, map(r.requests)[name], `must be less than or equal to ${name} limit of ${map(r.limits)[name]}`);
    } else if (limit === undefined && !overcommits(name)) {
      ctx.required(RESOURCE_EXTENDED, `${path}.limits`, 'Limit must be set for non overcommitable resources');
    }
  }
  const names = [...limits.keys(), ...requests.keys()];
  if (names.some(isHugePages) && !names.includes('cpu') && !names.includes('memory')) {
    ctx.forbidden(RESOURCE_HUGEPAGES, path, 'HugePages require cpu or memory');
  }
  return { limits, requests };
}

export function checkResources(ctx: Ctx, resources: unknown, path: string, init: boolean): void {
  const r = map(resources);
  checkRequirements(ctx, r, path);
  if (init) return;
  // Set is not missing, even when the value is an error already reported (`memory: 512mb`).
  const isSet = (quantities: unknown, n: string) => map(quantities)[n] !== undefined;
  // A limit without a request defaults the request to the limit.
  const hasRequest = (n: string) => isSet(r.requests, n) || isSet(r.limits, n);
  if (!hasRequest('cpu') || !hasRequest('memory')) {
    ctx.report(RESOURCES_MISSING, `${path}.requests`, `no ${!hasRequest('cpu') ? 'cpu' : 'memory'} request`);
  }
  if (!isSet(r.limits, 'memory')) ctx.report(MEMORY_LIMIT_MISSING, `${path}.limits`, 'no memory limit');
}

const RESIZE_RESOURCES = ['cpu', 'memory'];
const RESIZE_POLICIES = ['NotRequired', 'RestartContainer'];

/**
 * A container's `resizePolicy`: cpu or memory, each once, with NotRequired or RestartContainer
 * (reported at `resizePolicy`, without index); a non-sidecar init container may not restart.
 */
export function checkResizePolicy(ctx: Ctx, policies: unknown, path: string, plainInit: boolean): void {
  const seen = new Set<string>();
  list(policies).forEach((raw, i) => {
    const r = map(raw);
    if (seen.has(r.resourceName)) ctx.duplicate(POD_RESOURCES, `${path}[${i}]`, r.resourceName);
    seen.add(r.resourceName);
    if (!r.resourceName) ctx.required(POD_RESOURCES, path);
    else if (!RESIZE_RESOURCES.includes(r.resourceName)) ctx.notSupported(POD_RESOURCES, path, r.resourceName, RESIZE_RESOURCES);
    if (!r.restartPolicy) ctx.required(POD_RESOURCES, path);
    else if (!RESIZE_POLICIES.includes(r.restartPolicy)) ctx.notSupported(POD_RESOURCES, path, r.restartPolicy, RESIZE_POLICIES);
    if (plainInit && r.restartPolicy === 'RestartContainer') ctx.invalid(POD_RESOURCES, `${path}[${i}].restartPolicy`, r.restartPolicy, "must not be set to 'RestartContainer' for non-sidecar initContainers");
  });
}

/** Sums quantities by resource name. */
function add(total: Map<string, bigint>, quantities: Map<string, Quantity>): void {
  for (const [name, q] of quantities) total.set(name, (total.get(name) ?? BigInt(0)) + q.nano);
}

/**
 * Pod-level `resources` (PodLevelResources) and `overhead`. The pod's requests must cover the
 * regular containers' requests (the server's aggregate also counts init containers, so this
 * finds a subset of its refusals) and each container's limit must fit the pod's.
 */
export function checkPodResources(ctx: Ctx, pod: any, P: string): void {
  if (pod.overhead !== undefined && pod.overhead !== null) checkRequirements(ctx, { limits: pod.overhead }, `${P}.overhead`);
  if (pod.resources === undefined || pod.resources === null) return;
  const path = `${P}.resources`;
  if (map(pod.os).name === 'windows') return ctx.forbidden(POD_RESOURCES, path, 'may not be set for a windows pod');
  const r = map(pod.resources);
  if (r.claims !== undefined) ctx.forbidden(POD_RESOURCES, `${path}.claims`, 'claims may not be set for Resources at pod-level');
  const { limits, requests } = checkRequirements(ctx, r, path, true);
  const containerRequests = new Map<string, bigint>();
  list(pod.containers).forEach((c, i) => {
    const cr = map(map(c).resources);
    const own = { limits: parseQuiet(cr.limits), requests: parseQuiet(cr.requests) };
    add(containerRequests, own.requests);
    for (const [name, q] of own.limits) {
      const podLimit = limits.get(name);
      if (podLimit !== undefined && q.nano > podLimit.nano) ctx.invalid(POD_RESOURCES, `${path}.containers[${i}][${name}].limits`, map(cr.limits)[name], `must be less than or equal to pod limits of ${map(r.limits)[name]}`);
    }
  });
  for (const [name, total] of containerRequests) {
    const podRequest = requests.get(name);
    if (podRequest !== undefined && total > podRequest.nano) ctx.invalid(POD_RESOURCES, `${path}.requests[${name}]`, map(r.requests)[name], 'must be greater than or equal to aggregate container requests');
  }
}

/** A container's quantities that parse (the container's own check reports the others). */
function parseQuiet(raw: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, v] of Object.entries(map(raw))) {
    const q = parseQuantity(v);
    if (typeof q !== 'string') out.set(name, q);
  }
  return out;
}

/**
 * cdk8s-plus's implicit container defaults: `kplus.DaemonSet.addContainer()` (the escape hatch
 * around `addSidecar()`) gives a container without `resources` a 1000m CPU / 512Mi memory request
 * and a 1500m / 2048Mi limit, which on a DaemonSet reserves a whole CPU and half a GiB on every
 * node for a container that rarely needs either. Only that exact combination is reported, so a
 * container whose resources someone chose is never flagged. Parsed once: [list, resource, nano-units].
 */
const IMPLICIT: Array<[list: 'requests' | 'limits', resource: string, nano: bigint]> = ([
  ['requests', 'cpu', '1000m'],
  ['requests', 'memory', '512Mi'],
  ['limits', 'cpu', '1500m'],
  ['limits', 'memory', '2048Mi'],
] as const).map(([kind, resource, q]) => [kind, resource, (parseQuantity(q) as Quantity).nano]);

function isQuantity(raw: unknown, nano: bigint): boolean {
  const q = raw === undefined ? undefined : parseQuantity(raw);
  return typeof q === 'object' && q.nano === nano;
}

/** Reports every container and init container whose resources are exactly cdk8s-plus's implicit ones. */
export function checkImplicitResources(ctx: Ctx, pod: any, path: string): void {
  for (const field of ['containers', 'initContainers']) {
    list(pod[field]).forEach((raw, i) => {
      const resources = map(map(raw).resources);
      const exact = IMPLICIT.every(([kind, name, nano]) => isQuantity(map(resources[kind])[name], nano))
        && Object.keys(map(resources.requests)).length === 2 && Object.keys(map(resources.limits)).length === 2;
      if (exact) {
        ctx.report(CDK8S_PLUS_IMPLICIT_RESOURCES, `${path}.${field}[${i}].resources`,
          `container ${JSON.stringify(map(raw).name)} has cdk8s-plus's implicit 1000m/512Mi requests and 1500m/2048Mi limits, on every node`);
      }
    });
  }
}
