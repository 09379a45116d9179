import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name a misspelled one most likely means: a difference in case only, or at most two
 * edits that leave most of the name (`nodeSelecter` → `nodeSelector`, `env-refernce-missing` →
 * `env-reference-missing`; `foo` suggests nothing). Undefined when none is that close.
 */
export function meantName(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = name.toLowerCase();
  const sameLetters = known.find(k => k.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  const nearest = closest(name, known as string[]);
  const edits = distance(name, nearest);
  return edits <= 2 && edits * 3 < name.length ? nearest : undefined;
}
