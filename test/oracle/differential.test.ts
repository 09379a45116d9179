/**
 * Differential test against Kubernetes' own code: fast-check generates valid DaemonSets and
 * DaemonSets with exactly one field broken (test/oracle/daemonsets.ts), the oracle (kube-apiserver's
 * decoding, defaulting and validation at the pinned release) answers each, and
 * DaemonSetValidator's errors must agree on accept/reject and the field paths, except for the
 * disagreements listed in known-gaps.json, which must match exactly.
 *
 * CI runs a fixed seed; `npm run oracle:nightly` runs many more cases with a fresh seed (printed,
 * so ORACLE_SEED=<seed> reproduces a run; ORACLE_PER_MUTATION sets the size).
 */
import { agree, KnownGap, oracleVerdict, readKnownGaps, RECORDING, recordKnownGaps, validatorVerdict, Verdict } from './compare';
import { GeneratedCase, generateCases, minimalCases } from './daemonsets';
import { describeWithOracle, OracleAnswer } from './oracle';

const FIXED_SEED = 20261204;
const NIGHTLY = process.env.ORACLE_NIGHTLY === '1';
const SEED = process.env.ORACLE_SEED ? Number(process.env.ORACLE_SEED) : NIGHTLY ? Date.now() % 2147483647 : FIXED_SEED;
const PER_MUTATION = process.env.ORACLE_PER_MUTATION ? Number(process.env.ORACLE_PER_MUTATION) : NIGHTLY ? 200 : 6;
/** With another seed or size, a gap of the fixed run may not show: only new gaps fail then. */
const EXACT = SEED === FIXED_SEED && PER_MUTATION === 6;

interface Outcome {
  readonly c: GeneratedCase;
  readonly answer: OracleAnswer;
  readonly oracle: Verdict;
  readonly validator: Verdict;
}

describeWithOracle('DaemonSetValidator agrees with kube-apiserver on generated DaemonSets', (o) => {
  let minimal: Outcome[] = [];
  let generated: Outcome[] = [];

  beforeAll(() => {
    const run = (cases: GeneratedCase[]): Outcome[] => {
      const answers = o.run(cases.map(c => ({ id: c.id, input: JSON.stringify(c.manifest) })));
      return cases.map((c, i) => ({ c, answer: answers[i], oracle: oracleVerdict(answers[i]), validator: validatorVerdict([c.manifest]) }));
    };
    minimal = run(minimalCases());
    generated = run(generateCases(SEED, PER_MUTATION));
    process.stderr.write(`[oracle] seed ${SEED}: ${minimal.length} minimal and ${generated.length} generated cases\n`);
  });

  test('kube-apiserver accepts every generated base DaemonSet (else the generator is wrong)', () => {
    const refused = generated.filter(x => x.c.key === 'valid' && !x.oracle.accepted);
    expect(refused.map(x => ({ id: x.c.id, fields: x.oracle.fields, manifest: x.c.manifest }))).toEqual([]);
  });

  test('kube-apiserver rejects every mutation on the minimal base, but the listed ones', () => {
    // A mutation the server accepts is no mutation: it would test nothing.
    const accepted = minimal.filter(x => x.oracle.accepted).map(x => x.c.id);
    expect(accepted).toEqual(ACCEPTED_BY_SERVER);
  });

  test('the validator agrees with the oracle, but for the known gaps', () => {
    const gaps = [...gapsOf('minimal:', minimal), ...generatedGaps(generated, minimal)].sort(byKey);
    const known = readKnownGaps().filter(g => g.key.startsWith('minimal:') || g.key.startsWith('generated:'));
    if (RECORDING) {
      recordKnownGaps(['minimal:', 'generated:'], gaps);
      expect(gaps.length).toBeGreaterThanOrEqual(0);
      return;
    }
    if (EXACT) {
      expect(gaps).toEqual(known);
    } else {
      const knownMutations = new Set(known.map(g => g.key.replace(/^\w+:/, '')));
      expect(gaps.filter(g => !knownMutations.has(g.key.replace(/^\w+:/, '')))).toEqual([]);
    }
  });
});

/**
 * The mutations (by case id) the server accepts on the minimal base: each value was a guess at
 * a broken field that Kubernetes, at the pinned release, takes as valid. Kept as a list so that a
 * change in Kubernetes shows up here; the validator must accept them too (checked with the rest).
 */
const ACCEPTED_BY_SERVER: string[] = [
  'metadata/seccomp-annotation#1',
  'metadata/apparmor-annotation#1',
  'containers/image-whitespace#0',
  'containers/image-whitespace#1',
  'containers/restart-policy-regular#0',
  'containers/restart-policy-regular#1',
  'containers/restart-policy-init#0',
  'containers/restart-policy-init#1',
  'ports/host-ip-invalid#0',
  'ports/host-ip-invalid#1',
  'volumes/no-source#0',
  'volumes/config-map-item-key#0',
  'volumes/secret-name#0',
  'volumes/empty-dir-medium#0',
  'volumes/empty-dir-medium#1',
  'volumes/projected-no-sources#0',
  'resources/pod-level-below-containers#0',
  'lifecycle/pre-stop-sleep#1',
  'lifecycle/stop-signal#0',
  'lifecycle/stop-signal#1',
  'lifecycle/termination-grace-period#0',
  'security-context/sys-admin-no-escalation#0',
  'security-context/host-process#0',
  'scheduling/node-selector-requirement#4',
  'scheduling/pod-affinity-term#5',
  'scheduling/topology-spread#7',
  'scheduling/topology-spread#10',
  'scheduling/scheduler-name#0',
  'update-strategy/on-delete-with-rolling-update#0',
];

function gapsOf(prefix: string, outcomes: Outcome[]): KnownGap[] {
  return outcomes.filter(x => !agree(x.oracle, x.validator)).map(x => gap(`${prefix}${x.c.id}`, x));
}

function gap(key: string, x: Outcome): KnownGap {
  return { key, area: x.c.area, case: x.c.id, ...(x.c.change !== undefined ? { change: x.c.change } : {}), oracle: x.oracle, validator: x.validator };
}

/**
 * Disagreements on random bases that the minimal base does not show (the base matters): one
 * entry per mutation value (or `valid`), with the smallest case that shows it.
 */
function generatedGaps(outcomes: Outcome[], minimal: Outcome[]): KnownGap[] {
  const onMinimal = new Set(minimal.filter(x => !agree(x.oracle, x.validator)).map(x => x.c.id));
  const best = new Map<string, Outcome>();
  for (const x of outcomes) {
    if (agree(x.oracle, x.validator)) continue;
    const value = x.c.id.replace(/\.\d+$/, '');
    if (onMinimal.has(value)) continue;
    const key = x.c.key === 'valid' ? 'generated:valid' : `generated:${value}`;
    const smallest = best.get(key);
    if (!smallest || size(x) < size(smallest)) best.set(key, x);
  }
  return [...best.entries()].map(([key, x]) => gap(key, x));
}

function byKey(a: KnownGap, b: KnownGap): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function size(x: Outcome): number {
  return JSON.stringify(x.c.manifest).length;
}
