import { checkQualifiedName } from '../names';
import { error, RuleDef, SRC, warning } from './catalogue';
import { Ctx, map } from './context';
import { isIntegral, NANO_PER_UNIT, parseQuantity, Quantity } from './quantity';

const A = 'resources';
export const RESOURCE_RULES: RuleDef[] = [
  error(A, 'resource-quantity', 'A request or limit that is not a `resource.Quantity` (suffixes are case-sensitive: `1K`, `1ki`, `1Gib`, `1 Gi` fail); the server answers 400 with no path.', 'Write e.g. `100m`, `0.5`, `128Mi`, `1Gi`.', SRC.QUANTITY),
  error(A, 'resource-name', 'An unprefixed resource name other than cpu, memory, ephemeral-storage or hugepages-<size>, or an invalid extended resource name.', 'Use a standard resource or a `domain/name` extended resource.', SRC.CORE),
  error(A, 'resource-negative', 'A negative request or limit.', 'Use a value ≥ 0.', SRC.CORE),
  error(A, 'resource-request-above-limit', 'A request above its limit (reported at `resources.requests`, without key).', 'Lower the request or raise the limit (the `resources` prop).', SRC.CORE),
  error(A, 'resource-extended', 'An extended resource or hugepage request without an equal limit, or a non-integer extended resource.', 'Set the limit equal to the request, in whole units.', SRC.CORE),
  error(A, 'resource-hugepages', 'Hugepages requested without cpu or memory.', 'Also request cpu or memory.', SRC.CORE),
  warning(A, 'resources-missing', 'A container without a cpu or memory request: its overhead lands on every node unaccounted.', 'Set cpu and memory requests (the `resources` prop).', SRC.RESOURCES, { linterIds: ['kube-linter:unset-cpu-requirements', 'kube-score:container-resources', 'polaris:cpuRequestsMissing', 'polaris:memoryRequestsMissing'] }),
  warning(A, 'memory-limit-missing', 'A container without a memory limit: a leak takes the node down with it.', 'Set a memory limit (the `resources` prop).', SRC.RESOURCES, { linterIds: ['kube-linter:unset-memory-requirements', 'kube-score:container-resources', 'polaris:memoryLimitsMissing'] }),
  warning(A, 'fractional-bytes', 'A memory or ephemeral-storage quantity with a fraction of a byte (e.g. `0.5`, `100m`): almost always a typo for Mi/M.', 'Use whole bytes, e.g. `128Mi`.', SRC.WARNINGS),
];

const STANDARD = ['cpu', 'memory', 'ephemeral-storage'];
const OVERCOMMITTABLE = new Set(STANDARD);

function isHugePages(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** Quantities of one list, parsed, with syntax and name errors reported. */
function parseList(ctx: Ctx, list: unknown, path: string): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(map(list))) {
    const p = `${path}[${name}]`;
    if (!name.includes('/') && !STANDARD.includes(name) && !isHugePages(name)) {
      ctx.invalid('resource-name', p, name, 'must be a standard resource for containers');
    } else if (name.includes('/')) {
      ctx.check('resource-name', p, name, checkQualifiedName(name));
    }
    const q = parseQuantity(raw);
    if (typeof q === 'string') { ctx.invalid('resource-quantity', p, raw, q); continue; }
    if (q.nano < BigInt(0)) { ctx.invalid('resource-negative', p, raw, 'must be greater than or equal to 0'); continue; }
    if ((name === 'memory' || name === 'ephemeral-storage') && q.nano % NANO_PER_UNIT !== BigInt(0)) {
      ctx.report('fractional-bytes', p, `${JSON.stringify(raw)} is a fraction of a byte; did you mean Mi?`);
    }
    if (!OVERCOMMITTABLE.has(name) && !isHugePages(name) && !isIntegral(q)) ctx.invalid('resource-extended', p, raw, 'must be an integer');
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
      ctx.invalid('resource-request-above-limit', `${path}.requests`, map(r.requests)[name], `must be less than or equal to ${name} limit of ${map(r.limits)[name]}`);
    }
    if (!overcommit && limit === undefined) {ctx.required('resource-extended', `${path}.limits`, 'Limit must be set for non overcommitable resources');} else if (!overcommit && limit !== undefined && req.nano !== limit.nano) {
      ctx.invalid('resource-extended', `${path}.requests[${name}]`, map(r.requests)[name], `must be equal to ${name} limit of ${map(r.limits)[name]}`);
    }
  }
  const names = [...limits.keys(), ...requests.keys()];
  if (names.some(isHugePages) && !names.includes('cpu') && !names.includes('memory')) {
    ctx.forbidden('resource-hugepages', path, 'HugePages require cpu or memory');
  }
  if (init) return;
  // A limit without a request defaults the request to the limit.
  const hasRequest = (n: string) => requests.has(n) || limits.has(n);
  if (!hasRequest('cpu') || !hasRequest('memory')) {
    ctx.report('resources-missing', `${path}.requests`, `no ${!hasRequest('cpu') ? 'cpu' : 'memory'} request`);
  }
  if (!limits.has('memory')) ctx.report('memory-limit-missing', `${path}.limits`, 'no memory limit');
}
