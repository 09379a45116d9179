/**
 * Pod requests against node allocatable, as the scheduler's NodeResourcesFit filter checks them:
 * the pod's effective requests (`resource.PodRequests` in k8s.io/component-helpers) must fit in
 * what the pods already bound there leave of `status.allocatable`, and the node must have room
 * for one more pod.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/scheduler/framework/plugins/noderesources/fit.go
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/component-helpers/resource/helpers.go
 */
import { lookupTable } from '../internal/lookup';
import { list, map } from '../validation/rules/context';
import { parseQuantity } from '../validation/rules/quantity';

/** The resources compared, in the units the scheduler compares them in. */
export const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'] as const;
export type ResourceName = typeof RESOURCES[number];

/** Millicores for cpu, bytes for memory and ephemeral-storage. */
export type Amounts = { [R in ResourceName]: number };

const ZERO: Amounts = { 'cpu': 0, 'memory': 0, 'ephemeral-storage': 0 };
const NANO_PER_MILLI = BigInt(1_000_000);
const NANO_PER_UNIT = BigInt(1_000_000_000);

/**
 * A quantity in the scheduler's unit (cpu: `MilliValue()`, others: `Value()`, both rounded up),
 * or undefined when it does not parse.
 */
export function amountOf(resource: ResourceName | 'pods', quantity: unknown): number | undefined {
  const fast = typeof quantity === 'string' ? fastAmount(resource, quantity) : undefined;
  if (fast !== undefined) return fast;
  const q = parseQuantity(quantity);
  if (typeof q === 'string') return undefined;
  const unit = resource === 'cpu' ? NANO_PER_MILLI : NANO_PER_UNIT;
  const whole = q.nano / unit;
  return Number(q.nano % unit > BigInt(0) ? whole + BigInt(1) : whole);
}

/** The common spellings (`3920m`, `15730700Ki`, `110`), exact in a double. */
const SIMPLE = /^([0-9]{1,15})(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;
const SCALE: { [suffix: string]: number } = lookupTable({ '': 1, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40 });

/** `amountOf` without BigInt for the common spellings; undefined for anything else, or beyond 2^53. */
function fastAmount(resource: ResourceName | 'pods', text: string): number | undefined {
  const m = SIMPLE.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  const amount = suffix === 'm' ? (resource === 'cpu' ? n : Math.ceil(n / 1000)) : n * SCALE[suffix] * (resource === 'cpu' ? 1000 : 1);
  return Number.isSafeInteger(amount) ? amount : undefined;
}

/** A container's requests after API defaulting: a resource with a limit and no request requests its limit. */
function containerRequests(c: { [key: string]: any }): Amounts {
  const requests = map(map(c.resources).requests);
  const limits = map(map(c.resources).limits);
  const out = { ...ZERO };
  for (const r of RESOURCES) out[r] = amountOf(r, requests[r] ?? limits[r]) ?? 0;
  return out;
}

function add(a: Amounts, b: Amounts): Amounts {
  return { 'cpu': a.cpu + b.cpu, 'memory': a.memory + b.memory, 'ephemeral-storage': a['ephemeral-storage'] + b['ephemeral-storage'] };
}

function max(a: Amounts, b: Amounts): Amounts {
  return { 'cpu': Math.max(a.cpu, b.cpu), 'memory': Math.max(a.memory, b.memory), 'ephemeral-storage': Math.max(a['ephemeral-storage'], b['ephemeral-storage']) };
}

/**
 * The pod's effective requests, as `PodRequests` computes them: the sum of the containers; each
 * restartable (sidecar) init container adds to that sum and to every later init container's
 * peak; the result is the larger of the sum and the init containers' peak; `spec.overhead` is
 * added. Pod-level `spec.resources.requests` (PodLevelResources, on by default since 1.34)
 * replace the containers' cpu and memory.
 */
export function podRequests(pod: { [key: string]: any }): Amounts {
  let sum = list(pod.containers).reduce((acc: Amounts, c) => add(acc, containerRequests(map(c))), { ...ZERO });
  let sidecars = { ...ZERO };
  let initPeak = { ...ZERO };
  for (const raw of list(pod.initContainers)) {
    const c = map(raw);
    const own = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      sum = add(sum, own);
      sidecars = add(sidecars, own);
      initPeak = max(initPeak, sidecars);
    } else {
      initPeak = max(initPeak, add(own, sidecars));
    }
  }
  const requests = max(sum, initPeak);
  const podLevel = map(map(pod.resources).requests);
  for (const r of ['cpu', 'memory'] as const) {
    const v = amountOf(r, podLevel[r]);
    if (v !== undefined) requests[r] = v;
  }
  const overhead = map(pod.overhead);
  for (const r of RESOURCES) requests[r] += amountOf(r, overhead[r]) ?? 0;
  return requests;
}

/** What the node offers: `status.allocatable` in scheduler units, and the pod count. */
export interface Allocatable {
  readonly amounts: Amounts;
  readonly pods: number;
}

/**
 * A node's allocatable resources; undefined when the node has no `status.allocatable` (a
 * hand-written inventory), so that fit is not judged at all. A resource missing from a present
 * `status.allocatable` is 0, as the scheduler reads it.
 */
export function allocatableOf(node: { [key: string]: any }): Allocatable | undefined {
  const raw: unknown = map(node.status).allocatable;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const a = map(raw);
  const amounts = { ...ZERO };
  for (const r of RESOURCES) amounts[r] = amountOf(r, a[r]) ?? 0;
  return { amounts, pods: amountOf('pods', a.pods) ?? 0 };
}

/** `200m` cpu, `128Mi` memory: how the reasons show an amount. */
export function formatAmount(resource: ResourceName, amount: number): string {
  if (resource === 'cpu') return amount % 1000 === 0 ? String(amount / 1000) : `${amount}m`;
  for (const [suffix, size] of [['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]] as const) {
    if (amount >= size && amount % size === 0) return `${amount / size}${suffix}`;
  }
  if (amount >= 2 ** 20) return `${(amount / 2 ** 20).toFixed(1)}Mi`;
  return String(amount);
}
