import { checkQualifiedName } from '../names';
import { Ctx, list, map } from './context';
import { isIntegral, NANO_PER_UNIT, parseQuantity, Quantity } from './quantity';
import { RuleArea, SRC, Violation } from './rule';

export const RESOURCE_AREA = new RuleArea('resources', 'src/validation/rules/resources.ts');
export const RESOURCE_QUANTITY = RESOURCE_AREA.error('resource-quantity', 'A request or limit that is not a `resource.Quantity` (suffixes are case-sensitive: `1K`, `1ki`, `1Gib`, `1 Gi` fail); the server answers 400 with no path.', 'Write e.g. `100m`, `0.5`, `128Mi`, `1Gi`.', SRC.QUANTITY);
export const RESOURCE_NAME = RESOURCE_AREA.error('resource-name', 'An unprefixed resource name other than cpu, memory, ephemeral-storage or hugepages-<size>, or an invalid extended resource name.', 'Use a standard resource or a `domain/name` extended resource.', SRC.CORE);
export const RESOURCE_NEGATIVE = RESOURCE_AREA.error('resource-negative', 'A negative request or limit.', 'Use a value ≥ 0.', SRC.CORE);
export const RESOURCE_REQUEST_ABOVE_LIMIT = RESOURCE_AREA.error('resource-request-above-limit', 'A request above its limit (reported at `resources.requests`, without key).', 'Lower the request or raise the limit (the `resources` prop).', SRC.CORE);
export const RESOURCE_EXTENDED = RESOURCE_AREA.error('resource-extended', 'An extended resource or hugepage request without an equal limit, or a non-integer extended resource.', 'Set the limit equal to the request, in whole units.', SRC.CORE);
export const RESOURCE_HUGEPAGES = RESOURCE_AREA.error('resource-hugepages', 'Hugepages requested without cpu or memory.', 'Also request cpu or memory.', SRC.CORE);
export const RESOURCES_MISSING = RESOURCE_AREA.warning('resources-missing', 'A container without a cpu or memory request: its overhead lands on every node unaccounted.', 'Set cpu and memory requests (the `resources` prop).', SRC.RESOURCES, { linterIds: ['kube-linter:unset-cpu-requirements', 'kube-score:container-resources', 'polaris:cpuRequestsMissing', 'polaris:memoryRequestsMissing'] });
export const MEMORY_LIMIT_MISSING = RESOURCE_AREA.warning('memory-limit-missing', 'A container without a memory limit: a leak takes the node down with it.', 'Set a memory limit (the `resources` prop).', SRC.RESOURCES, { linterIds: ['kube-linter:unset-memory-requirements', 'kube-score:container-resources', 'polaris:memoryLimitsMissing'] });
export const CDK8S_PLUS_IMPLICIT_RESOURCES = RESOURCE_AREA.warning('cdk8s-plus-implicit-resources',
  'A container with exactly cdk8s-plus\'s implicit resources (requests cpu 1000m, memory 512Mi; limits cpu 1500m, memory 2048Mi): '
  + 'what `kplus` gives a container added without `resources`, reserving a whole CPU and half a GiB on every node.',
  'Add the container with `addSidecar()` or the `sidecars` prop (the library\'s defaults: no implicit resources, IfNotPresent, hardened), or give it `resources` of its own.',
  SRC.RESOURCES);
export const FRACTIONAL_BYTES = RESOURCE_AREA.warning('fractional-bytes', 'A memory or ephemeral-storage quantity with a fraction of a byte (e.g. `0.5`, `100m`): almost always a typo for Mi/M.', 'Use whole bytes, e.g. `128Mi`.', SRC.WARNINGS);

const STANDARD = ['cpu', 'memory', 'ephemeral-storage'];
const OVERCOMMITTABLE = new Set(STANDARD);

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
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

/** Quantities of one list, parsed, with syntax and name errors reported. */
function parseList(ctx: Ctx, quantities: unknown, path: string): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(map(quantities))) {
    const p = `${path}[${name}]`;
    if (!name.includes('/') && !STANDARD.includes(name) && !isHugePages(name)) {
      ctx.invalid(RESOURCE_NAME, p, name, 'must be a standard resource for containers');
    } else if (name.includes('/')) {
      ctx.check(RESOURCE_NAME, p, name, checkQualifiedName(name));
    }
    const q = parseQuantity(raw);
    const violation = parsedQuantityViolation(q);
    if (typeof q === 'string' || violation) { ctx.violation(p, raw, violation); continue; }
    if ((name === 'memory' || name === 'ephemeral-storage') && q.nano % NANO_PER_UNIT !== BigInt(0)) {
      ctx.report(FRACTIONAL_BYTES, p, `${JSON.stringify(raw)} is a fraction of a byte; did you mean Mi?`);
    }
    if (!OVERCOMMITTABLE.has(name) && !isHugePages(name) && !isIntegral(q)) ctx.invalid(RESOURCE_EXTENDED, p, raw, 'must be an integer');
    out.set(name, q);
  }
  return out;
}

export function checkResources(ctx: Ctx, resources: unknown, path: string, init: boolean): void {
  const r = map(resources);
  const limits = parseList(ctx, r.limits, `${path}.limits`);
  const requests = parseList(ctx, r.requests, `${path}.requests`);
  for (const [name, req] of requests) {
    const limit = limits.get(name);
    const overcommit = OVERCOMMITTABLE.has(name);
    if (limit !== undefined && req.nano > limit.nano) {
      ctx.invalid(RESOURCE_REQUEST_ABOVE_LIMIT, `${path}.requests`, map(r.requests)[name], `must be less than or equal to ${name} limit of ${map(r.limits)[name]}`);
    }
    if (!overcommit && limit === undefined) {ctx.required(RESOURCE_EXTENDED, `${path}.limits`, 'Limit must be set for non overcommitable resources');} else if (!overcommit && limit !== undefined && req.nano !== limit.nano) {
      ctx.invalid(RESOURCE_EXTENDED, `${path}.requests[${name}]`, map(r.requests)[name], `must be equal to ${name} limit of ${map(r.limits)[name]}`);
    }
  }
  const names = [...limits.keys(), ...requests.keys()];
  if (names.some(isHugePages) && !names.includes('cpu') && !names.includes('memory')) {
    ctx.forbidden(RESOURCE_HUGEPAGES, path, 'HugePages require cpu or memory');
  }
  if (init) return;
  // A limit without a request defaults the request to the limit.
  const hasRequest = (n: string) => requests.has(n) || limits.has(n);
  if (!hasRequest('cpu') || !hasRequest('memory')) {
    ctx.report(RESOURCES_MISSING, `${path}.requests`, `no ${!hasRequest('cpu') ? 'cpu' : 'memory'} request`);
  }
  if (!limits.has('memory')) ctx.report(MEMORY_LIMIT_MISSING, `${path}.limits`, 'no memory limit');
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
