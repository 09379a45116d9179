/**
 * How the validator's answer is compared with the oracle's, and the committed list of the
 * disagreements that exist today (known-gaps.json), which the oracle tests assert exactly.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OracleAnswer } from './oracle';
import { DaemonSetValidator } from '../../src';

/** Accept or reject, and the field paths named: the part of an answer the two must agree on. */
export interface Verdict {
  readonly accepted: boolean;
  /** Sorted, without repeats. */
  readonly fields: string[];
  /**
   * Oracle only: the template fields the server refuses on the pods the controller creates, when
   * it accepts the workload itself (pod-only checks). Not part of the comparison: it tells a
   * validator error that the DaemonSet is accepted but its pods are not.
   */
  readonly podFields?: string[];
}

/**
 * What kube-apiserver (after kubectl) does with the input: rejected when kubectl refuses the file,
 * or the server refuses any object (kind not served, body not decodable, an unknown field, a
 * field error). Fields: each error's path; `(kubectl)`, `(decode)` and `(kind)` stand for a
 * refusal that names none.
 */
export function oracleVerdict(answer: OracleAnswer): Verdict {
  if (answer.kubectlError !== undefined) return { accepted: false, fields: ['(kubectl)'] };
  const fields: string[] = [];
  const podFields: string[] = [];
  let accepted = true;
  for (const o of answer.objects) {
    const s = o.server;
    if (!s.accepted) accepted = false;
    if (!s.served) fields.push('(kind)');
    if (s.decodeError !== undefined) fields.push('(decode)');
    fields.push(...s.strict.map(e => e.field), ...s.errors.map(e => e.field));
    if (s.pod && !s.pod.accepted) podFields.push(...s.pod.errors.map(e => templatePath(e.field)));
  }
  return { accepted, fields: uniqueSorted(fields), ...(podFields.length > 0 ? { podFields: uniqueSorted(podFields) } : {}) };
}

/**
 * The validator's rules for what kube-apiserver refuses while decoding the request body (HTTP 400,
 * no field path): the validator names the field, the oracle says `(decode)`, and they agree.
 */
const DECODE_RULES = new Set(['field-type', 'int32-field', 'resource-quantity', 'template-generation']);

/** The release the oracle pins (k8s.io/kubernetes v1.37.2): the validator checks against the same one. */
export const ORACLE_KUBERNETES_VERSION = '1.37';

/**
 * The validator's errors that the server answers with an accepted object on purpose: a field it
 * drops because its feature gate is off. strict-fields.test.ts holds them against the object the
 * server stores instead.
 */
const DROPPED_FIELD_RULES = new Set(['field-needs-release']);

/** The validator's errors (severity error only) for the objects kubectl would send, through the public API, at the oracle's release. */
export function validatorVerdict(manifests: any[]): Verdict {
  const errors = DaemonSetValidator.validateAll(manifests, { kubernetesVersion: ORACLE_KUBERNETES_VERSION })
    .filter(f => f.severity === 'error' && !DROPPED_FIELD_RULES.has(f.rule));
  return { accepted: errors.length === 0, fields: uniqueSorted(errors.map(f => DECODE_RULES.has(f.rule) ? '(decode)' : f.path)) };
}

export function agree(a: Verdict, b: Verdict): boolean {
  return a.accepted === b.accepted && a.fields.length === b.fields.length && a.fields.every((f, i) => f === b.fields[i]);
}

/** A pod's field path as the path of the same field in the workload's pod template. */
function templatePath(podPath: string): string {
  return podPath.replace(/^spec\b/, 'spec.template.spec').replace(/^metadata\b/, 'spec.template.metadata');
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** One disagreement between the validator and the oracle that exists today: the work plan. */
export interface KnownGap {
  /** `minimal:<mutation>#<value>`, `generated:<mutation>#<value>`, `generated:valid` or `corpus:<fixture id>`. */
  readonly key: string;
  readonly area: string;
  /** The case that shows it: a corpus fixture id, or a generated case id (reproduced from the seed). */
  readonly case: string;
  /** The changed field's value, for generated cases (the mutation's value). */
  readonly change?: unknown;
  readonly oracle: Verdict;
  readonly validator: Verdict;
}

/** A known gap as the file keeps it: with why it is not closed (kept across re-recordings). */
interface ListedGap extends KnownGap {
  readonly reason?: string;
}

export interface KnownGapsFile {
  readonly about: string;
  readonly gaps: ListedGap[];
}

export const KNOWN_GAPS_FILE = path.join(__dirname, 'known-gaps.json');

/** The listed gaps, without their reasons (what the tests compare with the gaps they find). */
export function readKnownGaps(): KnownGap[] {
  return readListedGaps().map(({ reason: _reason, ...gap }) => gap);
}

function readListedGaps(): ListedGap[] {
  if (!fs.existsSync(KNOWN_GAPS_FILE)) return [];
  return (JSON.parse(fs.readFileSync(KNOWN_GAPS_FILE, 'utf8')) as KnownGapsFile).gaps;
}

/**
 * Whether this run records instead of asserting (`npm run oracle:record`): the tests then write
 * the gaps and expectations they found, and the diff is reviewed like a snapshot's.
 */
export const RECORDING = process.env.CDK8S_DAEMONSETS_ORACLE_RECORD === '1';

/** Replaces the gaps whose key starts with `prefix` by `gaps`, keeping the others; sorted by key. */
export function recordKnownGaps(prefixes: string[], gaps: KnownGap[]): void {
  const listed = readListedGaps();
  const reasons = new Map(listed.filter(g => g.reason !== undefined).map(g => [g.key, g.reason]));
  const kept = listed.filter(g => !prefixes.some(p => g.key.startsWith(p)));
  const found = gaps.map(g => reasons.has(g.key) ? { ...g, reason: reasons.get(g.key) } : g);
  const all = [...kept, ...found].sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const file: KnownGapsFile = {
    about: 'Disagreements between DaemonSetValidator (severity error) and the Kubernetes oracle (oracle/) that exist today, each with why it is not closed. '
      + 'test/oracle/*.test.ts assert this list exactly (reasons aside): fix a gap, then run `npm run oracle:record` and review the diff.',
    gaps: all,
  };
  fs.writeFileSync(KNOWN_GAPS_FILE, JSON.stringify(file, null, 1) + '\n');
}
