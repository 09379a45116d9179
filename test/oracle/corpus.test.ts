/**
 * Kubernetes' own validation test cases, translated into DaemonSets (test/oracle/corpus), checked
 * three ways:
 * - the oracle (kube-apiserver's code at the pinned release) gives the verdict the upstream test
 *   expects, so the translation is faithful;
 * - the oracle's answer equals the one recorded in corpus/expected.json, so a change of the pinned
 *   release shows up as a diff;
 * - DaemonSetValidator agrees with the oracle (accept/reject and field paths), except for the
 *   `corpus:` entries of known-gaps.json, which must match exactly.
 */
import * as fs from 'fs';
import * as path from 'path';
import { agree, KnownGap, ORACLE_KUBERNETES_VERSION, oracleVerdict, readKnownGaps, RECORDING, recordKnownGaps, validatorVerdict, Verdict } from './compare';
import { CORPUS_DIR, CorpusCase, loadCorpus } from './corpus';
import { describeWithOracle, OracleAnswer } from './oracle';
import { DaemonSetValidator } from '../../src';

const EXPECTED_FILE = path.join(CORPUS_DIR, 'expected.json');

/** What the oracle answered for a case: the verdict and each error's type and field. */
interface Recorded {
  readonly accepted: boolean;
  readonly errors: string[];
}

/**
 * Cases where the upstream test's expectation differs from kube-apiserver's answer at the pinned
 * release with its default feature gates and options (the test ran under other options), with why.
 */
const UPSTREAM_DIFFERS: Record<string, string> = {
  'aff/pod-match-label-keys-in-selector': 'the upstream case validates the selector after matchLabelKeys were merged into it, which the server does for pods, never for a template',
  'tsc/match-label-keys-in-selector': 'the upstream case validates the selector after matchLabelKeys were merged into it, which the server does for pods, never for a template',
  'ctr/image-whitespace': 'a pod-only check (validateContainersOnlyForPod): the DaemonSet is accepted and every pod it creates is refused',
  'ctr/image-leading-trailing-whitespace': 'a pod-only check (validateContainersOnlyForPod): the DaemonSet is accepted and every pod it creates is refused',
  'life/termination-grace-negative': 'a pod-only check (ValidatePodSpecific), which the pods the controller creates pass: SetDefaults_Pod '
    + 'turns a negative grace period into 1 when a pod is decoded, and a template is never defaulted so; the server warns',
  'life/stop-signal-without-os': 'the ContainerStopSignals feature gate is off by default, so the server drops the field',
};

describeWithOracle('the translated Kubernetes validation corpus', (o) => {
  const corpus = loadCorpus();
  let answers: OracleAnswer[] = [];

  beforeAll(() => {
    answers = o.run(corpus.map(c => ({ id: c.id, input: JSON.stringify(c.manifest) })));
    process.stderr.write(`[oracle] corpus: ${corpus.length} cases\n`);
  });

  test('the corpus covers every area with cases that pass and cases that fail', () => {
    const files = new Set(corpus.map(c => c.file));
    for (const file of files) {
      expect(corpus.filter(c => c.file === file && c.upstream === 'valid').length).toBeGreaterThan(0);
      expect(corpus.filter(c => c.file === file && c.upstream === 'invalid').length).toBeGreaterThan(0);
    }
  });

  test('kube-apiserver answers as the upstream test expects (the translation is faithful)', () => {
    const differs = corpus.flatMap((c, i) => {
      const accepted = oracleVerdict(answers[i]).accepted;
      return accepted === (c.upstream === 'valid') ? [] : [c.id];
    });
    expect(differs.sort()).toEqual(Object.keys(UPSTREAM_DIFFERS).sort());
  });

  test('the pod-only checks: whether the pods the controller creates from the accepted template are refused', () => {
    const answer = (id: string) => answers[corpus.findIndex(c => c.id === id)].objects[0].server;
    expect(['ctr/image-whitespace', 'ctr/image-leading-trailing-whitespace'].map(id => answer(id).pod?.accepted)).toEqual([false, false]);
    // A negative terminationGracePeriodSeconds: the DaemonSet keeps it and the server warns; each
    // pod is defaulted to 1 (pkg/apis/core/v1/defaults.go SetDefaults_Pod) and accepted.
    const grace = answer('life/termination-grace-negative');
    const warning = 'spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1';
    expect({ accepted: grace.accepted, pod: grace.pod?.accepted, warnings: grace.warnings })
      .toEqual({ accepted: true, pod: true, warnings: [warning] });
    const manifest = corpus.find(c => c.id === 'life/termination-grace-negative')!.manifest;
    const findings = DaemonSetValidator.validate(manifest, { kubernetesVersion: ORACLE_KUBERNETES_VERSION })
      .filter(f => f.path.endsWith('.terminationGracePeriodSeconds'));
    expect(findings.map(f => [f.rule, f.severity, `${f.path}: ${f.message}`])).toEqual([['negative-termination-grace', 'warning', warning]]);
  });

  test('kube-apiserver answers as recorded in corpus/expected.json', () => {
    const now: Record<string, Recorded> = Object.fromEntries(corpus.map((c, i) => [c.id, record(answers[i])]));
    if (RECORDING) {
      fs.writeFileSync(EXPECTED_FILE, JSON.stringify(now, null, 1) + '\n');
    }
    expect(now).toEqual(JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8')));
  });

  test('the validator agrees with kube-apiserver, but for the known gaps', () => {
    const gaps = corpus.flatMap((c, i) => {
      const oracle = oracleVerdict(answers[i]);
      const validator = validatorVerdict([c.manifest]);
      return agree(oracle, validator) ? [] : [gap(c, oracle, validator)];
    }).sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    if (RECORDING) recordKnownGaps(['corpus:'], gaps);
    expect(gaps).toEqual(readKnownGaps().filter(g => g.key.startsWith('corpus:')));
  });
});

function record(answer: OracleAnswer): Recorded {
  const errors: string[] = [];
  if (answer.kubectlError !== undefined) errors.push(`kubectl: ${answer.kubectlError}`);
  for (const obj of answer.objects) {
    if (obj.server.decodeError !== undefined) errors.push(`decode: ${obj.server.decodeError}`);
    errors.push(...obj.server.strict.map(e => `${e.type} field ${e.field}`));
    errors.push(...obj.server.errors.map(e => `${e.type} ${e.field}`));
  }
  return { accepted: oracleVerdict(answer).accepted, errors };
}

function gap(c: CorpusCase, oracle: Verdict, validator: Verdict): KnownGap {
  return { key: `corpus:${c.id}`, area: c.file, case: c.id, oracle, validator };
}
