/**
 * What JSON (and so YAML, and the API server) cannot carry, found anywhere in plain data: the
 * check a compiler makes for a TypeScript caller, made at run time for a JavaScript one (or a
 * jsii binding handing over a map). Without it a BigInt fails deep inside cdk8s with "Do not know
 * how to serialize a BigInt", a hole in a list renders as `null`, a Symbol or a Symbol key
 * vanishes, a cycle or a very deep value overflows the stack: none of them naming the prop.
 * One implementation for construct props (a prop error) and the validator (a finding).
 */
import { pathOf } from './paths';
import { redactText } from './redact';

/** Deeper than any prop or manifest field goes (a pod's affinity terms are about ten levels), and far below the stack's limit. */
export const MAX_DEPTH = 64;

/** The first value JSON cannot carry (`value`, for its type): where (`a[2].b`, relative to the value given; '' for the value itself), and why. */
export interface PlainDataProblem {
  readonly path: string;
  readonly value: unknown;
  readonly reason: string;
}

/**
 * The first value under `value` that JSON cannot carry, or undefined. Descends into arrays and
 * plain objects only: a class instance (a kplus object, a Duration, a construct) is the business
 * of the code that takes it.
 */
export function plainDataProblem(value: unknown): PlainDataProblem | undefined {
  const found = walk(value, [], 0);
  if (!found) return undefined;
  // The keys are collected innermost first; a key that is no identifier is written in brackets (`labels[app.kubernetes.io/name]`).
  const parts = found.keys.reverse().map(k => typeof k === 'string' && !IDENTIFIER.test(k) ? { key: k } : k);
  return { path: pathOf(parts), value: found.value, reason: found.reason };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A problem as the walk finds it: the keys and indexes leading to it are collected on the way
 * back up (innermost first) and joined into a path only then, so props without a problem, the
 * usual case, build no path at all.
 */
interface Found {
  readonly value: unknown;
  readonly reason: string;
  readonly keys: Array<string | number>;
}

function walk(value: unknown, ancestors: object[], depth: number): Found | undefined {
  switch (typeof value) {
    case 'bigint': return { value, reason: 'JSON and YAML have no BigInt: pass a number (Number(x))', keys: [] };
    case 'symbol': return { value, reason: 'JSON and YAML have no Symbol: pass a string', keys: [] };
    case 'function': return { value, reason: 'JSON and YAML have no function: pass the value it would return', keys: [] };
    case 'object': break;
    default: return undefined;
  }
  if (value instanceof Unreadable) {
    const e = value.error;
    const what = e instanceof Error ? `${e.name}: ${redactText(e.message)}` : typeof e;
    return { value, reason: `reading it threw ${what}`, keys: [] };
  }
  if (value instanceof Map) return { value, reason: 'JSON and YAML have no Map (it would come out as {}): pass a plain object (Object.fromEntries(map))', keys: [] };
  if (value instanceof Set) return { value, reason: 'JSON and YAML have no Set (it would come out as {}): pass a list ([...set])', keys: [] };
  if (value === null || !isPlain(value)) return undefined;
  // The ancestors are at most MAX_DEPTH objects: a list is as quick as a Set to search, and quicker to keep.
  if (ancestors.includes(value)) return { value, reason: 'contains itself (a cycle), which JSON and YAML cannot carry', keys: [] };
  if (depth >= MAX_DEPTH) return { value, reason: `is nested more than ${MAX_DEPTH} levels deep`, keys: [] };
  ancestors.push(value);
  const found = Array.isArray(value) ? walkList(value, ancestors, depth) : walkMap(value, ancestors, depth);
  ancestors.pop();
  return found;
}

function walkList(list: unknown[], ancestors: object[], depth: number): Found | undefined {
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) return { value: undefined, reason: 'is a hole in the list (an empty slot, as `[a, , b]` makes): remove it', keys: [i] };
    const found = walk(list[i], ancestors, depth + 1);
    if (found) {
      found.keys.push(i);
      return found;
    }
  }
  return undefined;
}

function walkMap(map: object, ancestors: object[], depth: number): Found | undefined {
  const symbols = Object.getOwnPropertySymbols(map);
  if (symbols.length > 0 && symbols.some(s => Object.prototype.propertyIsEnumerable.call(map, s))) {
    return { value: map, reason: 'has a Symbol key, which JSON and YAML cannot carry (the entry would be dropped)', keys: [] };
  }
  for (const key of Object.keys(map)) {
    const found = walk((map as { [k: string]: unknown })[key], ancestors, depth + 1);
    if (found) {
      found.keys.push(key);
      return found;
    }
  }
  return undefined;
}


/**
 * A copy of the arrays and plain objects in `value`, made by reading each of their entries once;
 * anything else (a class instance, a primitive) is the value itself. A construct takes its props
 * through it before it reads them, so a getter (or a Proxy) gives one value wherever the prop is
 * used: an `image` getter read twice could put one tag into the version label and another into
 * the container, or a value that passed a check into the manifest unchecked. What JSON cannot
 * carry is copied as it is for `plainDataProblem` to find: holes stay holes, enumerable Symbol keys
 * stay, a cycle is copied as the same cycle, and a value nested deeper than MAX_DEPTH is kept as it is.
 */
export function plainCopy<T>(value: T): T {
  return copy(value, [], [], 0) as T;
}

/**
 * What the copy holds for a value that throws when read (a getter that throws, a revoked Proxy):
 * `plainDataProblem` reports it at its path, so the construct names the prop instead of passing
 * on an error that names none.
 */
export class Unreadable {
  constructor(public readonly error: unknown) {}
}

/** `ancestors[i]` is being copied into `copies[i]`: a cycle in the value is the same cycle in the copy. */
function copy(value: unknown, ancestors: object[], copies: object[], depth: number): unknown {
  try {
    return copyObject(value, ancestors, copies, depth);
  } catch (e) {
    return new Unreadable(e);
  }
}

function copyObject(value: unknown, ancestors: object[], copies: object[], depth: number): unknown {
  if (typeof value !== 'object' || value === null || !isPlain(value) || depth >= MAX_DEPTH) return value;
  const seen = ancestors.indexOf(value);
  if (seen >= 0) return copies[seen];
  const map = value as { [key: string | symbol]: unknown };
  const result: { [key: string | symbol]: unknown } = Array.isArray(value) ? new Array(value.length)
    : Object.getPrototypeOf(value) === null ? Object.create(null) : {};
  ancestors.push(value);
  copies.push(result);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (i in value) result[i] = copy(read(value, i), ancestors, copies, depth + 1);
  } else {
    for (const key of Object.keys(map)) {
      const entry = copy(read(map, key), ancestors, copies, depth + 1);
      // Defined, not assigned: assigning an own `__proto__` key would set the prototype.
      if (key === '__proto__') Object.defineProperty(result, key, { value: entry, enumerable: true, writable: true, configurable: true });
      else result[key] = entry;
    }
    for (const sym of Object.getOwnPropertySymbols(map)) {
      if (Object.prototype.propertyIsEnumerable.call(map, sym)) result[sym] = map[sym];
    }
  }
  ancestors.pop();
  copies.pop();
  return result;
}

/** An entry's value, or the Unreadable that stands for it when reading it throws (a getter). */
function read(map: object, key: string | number): unknown {
  try {
    return (map as { [key: string]: unknown })[key];
  } catch (e) {
    return new Unreadable(e);
  }
}

/** An array, or an object made by `{}`, `Object.create(null)` or JSON.parse. */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
