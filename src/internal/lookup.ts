/**
 * A lookup table for keys that come from manifests and props (a flag, a kind, a volume source,
 * a quantity suffix), with no prototype: `table['constructor']` or `table['toString']` is
 * undefined, as for any other unknown key, instead of an `Object.prototype` member that the
 * caller would take for an entry (an argument `toString` crashed the validator).
 */
export function lookupTable<T extends object>(entries: T): T {
  return Object.freeze(Object.assign(Object.create(null), entries));
}
