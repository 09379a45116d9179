/**
 * The oracle harness itself, without Go: fixture paths, verdicts and case generation. (The
 * oracle tests proper skip without Go; these keep the harness honest on every machine.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { agree, oracleVerdict } from './compare';
import { CORPUS_DIR, loadCorpus, pathSteps } from './corpus';
import { generateCases, minimalCases, MUTATIONS } from './daemonsets';
import { OracleAnswer } from './oracle';

const answer = (server: object, extra: object = {}): OracleAnswer => ({
  id: 'x',
  release: 'v1.37.2',
  ...extra,
  objects: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', decoded: {}, server: { served: true, strict: [], validated: true, errors: [], warnings: [], accepted: true, ...server } }],
});

describe('corpus paths', () => {
  test('aliases expand and bracketed keys keep their dots and slashes', () => {
    expect(pathSteps('tmeta.annotations[seccomp.security.alpha.kubernetes.io/pod]')).toEqual(['spec', 'template', 'metadata', 'annotations', 'seccomp.security.alpha.kubernetes.io/pod']);
    expect(pathSteps('c0.ports[1].name')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'ports', 1, 'name']);
    expect(pathSteps('pod.hostNetwork')).toEqual(['spec', 'template', 'spec', 'hostNetwork']);
  });

  test('every corpus case loads, with a unique id, a source and a change to the base', () => {
    const corpus = loadCorpus();
    expect(new Set(corpus.map(c => c.id)).size).toBe(corpus.length);
    expect(corpus.every(c => c.from.length > 0)).toBe(true);
    const base = JSON.stringify(parse(fs.readFileSync(path.join(CORPUS_DIR, 'base.yaml'), 'utf8')));
    expect(corpus.filter(c => JSON.stringify(c.manifest) === base).map(c => c.id)).toEqual([]);
  });

  test('$repeat expands to the repeated string', () => {
    const c = loadCorpus().find(x => x.id === 'meta/annotations-over-limit')!;
    expect(c.manifest.metadata.annotations.a).toHaveLength(262144);
  });
});

describe('verdicts', () => {
  test('the oracle rejects with the paths of strict and field errors, and names refusals without one', () => {
    expect(oracleVerdict(answer({ accepted: false, strict: [{ type: 'unknown', field: 'spec.x', detail: '' }], errors: [{ type: 'FieldValueInvalid', field: 'metadata.name', message: '' }] })))
      .toEqual({ accepted: false, fields: ['metadata.name', 'spec.x'] });
    expect(oracleVerdict(answer({}, { kubectlError: 'error parsing' }))).toEqual({ accepted: false, fields: ['(kubectl)'] });
    expect(oracleVerdict(answer({ accepted: false, decodeError: 'cannot unmarshal' }))).toEqual({ accepted: false, fields: ['(decode)'] });
    expect(oracleVerdict(answer({ accepted: false, served: false }))).toEqual({ accepted: false, fields: ['(kind)'] });
  });

  test('pod-only refusals are reported beside an accepted verdict, at template paths', () => {
    const v = oracleVerdict(answer({ pod: { accepted: false, errors: [{ type: 'FieldValueInvalid', field: 'spec.containers[0].image', message: '' }], warnings: [] } }));
    expect(v).toEqual({ accepted: true, fields: [], podFields: ['spec.template.spec.containers[0].image'] });
  });

  test('agreement needs the same verdict and the same paths', () => {
    expect(agree({ accepted: false, fields: ['a'] }, { accepted: false, fields: ['a'] })).toBe(true);
    expect(agree({ accepted: false, fields: ['a'] }, { accepted: false, fields: ['b'] })).toBe(false);
    expect(agree({ accepted: true, fields: [] }, { accepted: false, fields: [] })).toBe(false);
  });
});

describe('generated cases', () => {
  test('a seed gives the same cases, another seed others', () => {
    expect(generateCases(7, 1)).toEqual(generateCases(7, 1));
    expect(generateCases(8, 1)).not.toEqual(generateCases(7, 1));
  });

  test('every value of every mutation has a minimal case, and mutation ids are unique', () => {
    const values = MUTATIONS.reduce((n, m) => n + m.values.length, 0);
    expect(minimalCases()).toHaveLength(values);
    expect(new Set(MUTATIONS.map(m => m.id)).size).toBe(MUTATIONS.length);
  });
});
