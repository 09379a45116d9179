/**
 * What JSON (and so YAML, and the API server) cannot carry, found anywhere in plain data: the
 * check a compiler makes for a TypeScript caller, made at run time for a JavaScript one (or a
 * jsii binding handing over a map). Without it a BigInt fails deep inside cdk8s with "Do not know
 * how to serialize a BigInt", a hole in a list renders as `null`, a Symbol or a Symbol key
 * vanishes, a cycle or a very deep value overflows the stack: none of them naming the prop.
 * One implementation for construct props (a prop error) and the validator (a finding).
 */

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
  return walk(value, '', new Set(), 0);
}

function walk(value: unknown, path: string, ancestors: Set<object>, depth: number): PlainDataProblem | undefined {
  switch (typeof value) {
    case 'bigint': return { path, value, reason: 'JSON and YAML have no BigInt: pass a number (Number(x))' };
    case 'symbol': return { path, value, reason: 'JSON and YAML have no Symbol: pass a string' };
    case 'function': return { path, value, reason: 'JSON and YAML have no function: pass the value it would return' };
    case 'object': break;
    default: return undefined;
  }
  if (value === null || !isPlain(value)) return undefined;
  if (ancestors.has(value)) return { path, value, reason: 'contains itself (a cycle), which JSON and YAML cannot carry' };
  if (depth >= MAX_DEPTH) return { path, value, reason: `is nested more than ${MAX_DEPTH} levels deep` };
  ancestors.add(value);
  try {
    return Array.isArray(value) ? walkList(value, path, ancestors, depth) : walkMap(value, path, ancestors, depth);
  } finally {
    ancestors.delete(value);
  }
}

function walkList(list: unknown[], path: string, ancestors: Set<object>, depth: number): PlainDataProblem | undefined {
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) return { path: `${path}[${i}]`, value: undefined, reason: 'is a hole in the list (an empty slot, as `[a, , b]` makes): remove it' };
    const problem = walk(list[i], `${path}[${i}]`, ancestors, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

function walkMap(map: object, path: string, ancestors: Set<object>, depth: number): PlainDataProblem | undefined {
  if (Object.getOwnPropertySymbols(map).some(s => Object.prototype.propertyIsEnumerable.call(map, s))) {
    return { path, value: map, reason: 'has a Symbol key, which JSON and YAML cannot carry (the entry would be dropped)' };
  }
  for (const key of Object.keys(map)) {
    const at = /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}${path ? '.' : ''}${key}` : `${path}[${key}]`;
    const problem = walk((map as { [k: string]: unknown })[key], at, ancestors, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** An array, or an object made by `{}`, `Object.create(null)` or JSON.parse. */
function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
