/**
 * A field path kept as its parts (field names, list indexes, `{ key }` for a map's key or a key
 * that is no identifier) by code that walks a whole manifest or props object: nearly every value
 * is fine, so the text is made only for a finding.
 */
export type PathParts = Array<string | number | { readonly key: string }>;

/** The text of a path (`spec.containers[0].env`, `data[key]`, `labels[app.kubernetes.io/name]`), as findings and prop errors write it. */
export function pathOf(at: PathParts): string {
  let path = '';
  for (const part of at) {
    if (typeof part === 'number') path += `[${part}]`;
    else if (typeof part === 'object') path += `[${part.key}]`;
    else path += path === '' ? part : `.${part}`;
  }
  return path;
}
