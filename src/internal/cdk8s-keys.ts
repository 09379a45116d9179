/**
 * Map keys that cdk8s 2 cannot render, though Kubernetes takes them (`constructor` is a valid
 * label, annotation, selector and ConfigMap key). cdk8s renders an object with `resolve()` and
 * `sanitizeValue()`, and both tell a map from a class instance by its `constructor`:
 * - an own `constructor` key makes the map "non-simple", and synth fails with "can't render
 *   non-simple object of type 'undefined'", naming no prop;
 * - they copy a map by assignment, and assigning `__proto__` sets the prototype: the entry
 *   vanishes from the manifest. JSON patches cannot put it back (fast-json-patch refuses any
 *   path through `__proto__`), so an object that may carry one overrides `toJson()` instead
 *   (the ConfigMap in companions.ts); everywhere else the key is not valid Kubernetes, and the
 *   map's checks refuse it before it gets here.
 *
 * JSON patches run after cdk8s has rendered the object (and before the L1 class copies its
 * fields, which keeps the key), so a `constructor` entry is handed to cdk8s under a stand-in key
 * and moved to its own key by a patch. Only that key moves: labels or annotations added to the
 * object later (`metadata.addLabel()`) stay.
 */
import { JsonPatch } from 'cdk8s';

/** The map keys cdk8s cannot render: it drops the first and fails on the second. */
export const UNRENDERABLE_KEYS: readonly string[] = ['__proto__', 'constructor'];

/** The key a `constructor` entry has until its patch moves it. It is no valid key of any Kubernetes map (a space), so it cannot meet a user's. */
const STAND_IN = 'constructor (moved by cdk8s-daemonsets)';

/** A map ready for cdk8s, and the patches to add to its object that complete it. */
export interface RenderableMap {
  readonly map: { [key: string]: string };
  readonly patches: JsonPatch[];
}

/**
 * `map` as cdk8s can render it at `pointer` (a JSON pointer such as `/metadata/labels`), and the
 * patches that give the rendered object the map's own keys.
 *
 * @throws for a `__proto__` key, which no JSON patch can write: its caller must refuse it first
 */
export function renderableMap(pointer: string, map: { [key: string]: string }): RenderableMap {
  const has = (key: string) => Object.prototype.hasOwnProperty.call(map, key);
  if (has('__proto__')) throw new Error(`cdk8s cannot render the key '__proto__' at ${pointer}; refuse it before rendering`);
  if (!has('constructor')) return { map, patches: [] };
  const rest = Object.fromEntries(Object.entries(map).filter(([key]) => key !== 'constructor'));
  return {
    map: { ...rest, [STAND_IN]: Object.getOwnPropertyDescriptor(map, 'constructor')!.value },
    patches: [JsonPatch.move(`${pointer}/${STAND_IN}`, `${pointer}/constructor`)],
  };
}
