/**
 * What JSON (and so YAML, and the API server) cannot carry, found anywhere in plain data: the
 * check a compiler makes for a TypeScript caller, made at run time for a JavaScript one (or a
 * jsii binding handing over a map). Without it a BigInt fails deep inside cdk8s with "Do not know
 * how to serialize a BigInt", a hole in a list renders as `null`, a Symbol or a Symbol key
 * vanishes, a cycle or a very deep value overflows the stack: none of them naming the prop.
 * One implementation for construct props (a prop error) and the validator (a finding).
 */
import { pathOf } from './paths';

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


/** An array, or an object made by `{}`, `Object.create(null)` or JSON.parse. */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
