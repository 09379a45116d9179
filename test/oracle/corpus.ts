/**
 * The translated corpus (test/oracle/corpus/*.yaml): Kubernetes' own validation test cases, each
 * written as one change to a node-agent DaemonSet (corpus/base.yaml).
 *
 * A case: `id`, `from` (the upstream test and case it translates), `upstream` (`valid` or
 * `invalid`, what that test expects), and the change: `set` (path: value) and `unset` (paths).
 * Paths are dotted, with `[i]` for list items and `[key]` for map keys that hold dots or slashes;
 * `pod.` stands for `spec.template.spec.`, `c0.` for its first container and `tmeta.` for
 * `spec.template.metadata.`. A value `{$repeat: [s, n]}` is `s` repeated `n` times.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

export const CORPUS_DIR = path.join(__dirname, 'corpus');

export interface CorpusCase {
  readonly id: string;
  /** The corpus file (without .yaml): the area. */
  readonly file: string;
  readonly from: string;
  readonly upstream: 'valid' | 'invalid';
  readonly manifest: any;
}

interface CaseSpec {
  id: string;
  from: string;
  upstream: 'valid' | 'invalid';
  set?: Record<string, unknown>;
  unset?: string[];
}

const ALIASES: Record<string, string> = {
  'pod.': 'spec.template.spec.',
  'c0.': 'spec.template.spec.containers[0].',
  'tmeta.': 'spec.template.metadata.',
};

/** Every corpus case, in file and list order. Throws on a malformed case (a bug in the corpus). */
export function loadCorpus(): CorpusCase[] {
  const base = parse(fs.readFileSync(path.join(CORPUS_DIR, 'base.yaml'), 'utf8'));
  const files = fs.readdirSync(CORPUS_DIR).filter(f => f.endsWith('.yaml') && f !== 'base.yaml').sort();
  const seen = new Set<string>();
  return files.flatMap(f => (parse(fs.readFileSync(path.join(CORPUS_DIR, f), 'utf8')) as CaseSpec[]).map(spec => {
    if (seen.has(spec.id)) throw new Error(`corpus ${f}: duplicate id ${spec.id}`);
    seen.add(spec.id);
    if (spec.upstream !== 'valid' && spec.upstream !== 'invalid') throw new Error(`corpus ${spec.id}: upstream must be valid or invalid`);
    const manifest = structuredClone(base);
    for (const [p, v] of Object.entries(spec.set ?? {})) setPath(manifest, p, expand(v));
    for (const p of spec.unset ?? []) unsetPath(manifest, p);
    return { id: spec.id, file: f.replace(/\.yaml$/, ''), from: spec.from, upstream: spec.upstream, manifest };
  }));
}

/** `{$repeat: [s, n]}` anywhere in a value becomes the repeated string. */
function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0][0] === '$repeat') {
      const [s, n] = entries[0][1] as [string, number];
      return s.repeat(n);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, expand(v)]));
  }
  return value;
}

/** The steps of a path: field names and `[key]` map keys as strings, `[i]` list indexes as numbers. */
export function pathSteps(p: string): Array<string | number> {
  let full = p;
  for (const [alias, expansion] of Object.entries(ALIASES)) {
    if (full.startsWith(alias)) full = expansion + full.slice(alias.length);
  }
  const steps: Array<string | number> = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(full)) !== null) {
    if (m[1] !== undefined) steps.push(m[1]);
    else steps.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return steps;
}

function setPath(obj: any, p: string, value: unknown): void {
  const steps = pathSteps(p);
  let cur = obj;
  steps.slice(0, -1).forEach((step, i) => {
    if (cur[step] === undefined || cur[step] === null) cur[step] = typeof steps[i + 1] === 'number' ? [] : {};
    cur = cur[step];
  });
  cur[steps[steps.length - 1]] = value;
}

function unsetPath(obj: any, p: string): void {
  const steps = pathSteps(p);
  const parent = steps.slice(0, -1).reduce((cur: any, step) => cur?.[step], obj);
  if (parent === undefined || parent === null) throw new Error(`corpus: nothing at ${p} to unset`);
  delete parent[steps[steps.length - 1]];
}
