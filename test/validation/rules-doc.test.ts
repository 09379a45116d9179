import { readFileSync } from 'fs';
import { join } from 'path';
import { DaemonSetValidator, ValidationSeverity } from '../../src';
import { ALL_RULES } from '../../src/validation/rules';
import { renderRulesMarkdown } from '../../src/validation/rules/markdown';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');

test('docs/rules.md is the rendering of DaemonSetValidator.rules() (run bench/write-rules-doc.ts)', () => {
  expect(doc).toBe(renderRulesMarkdown(ALL_RULES));
});

test('every rule id appears exactly once in docs/rules.md', () => {
  const documented = [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map(m => m[1]);
  expect(documented).toEqual(DaemonSetValidator.rules().map(r => r.id));
});

test('rule ids are unique, kebab-case, and every rule says how to fix it and where it comes from', () => {
  const rules = DaemonSetValidator.rules();
  expect(new Set(rules.map(r => r.id)).size).toBe(rules.length);
  for (const r of rules) {
    expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(r.fix.length).toBeGreaterThan(5);
    expect(r.source).toMatch(/^https:\/\//);
    for (const l of r.linterIds) expect(l).toMatch(/^(kube-linter|kube-score|polaris):[A-Za-z0-9-]+$/);
  }
});

test('only warnings are host-access or rollout-failure rules', () => {
  for (const r of DaemonSetValidator.rules().filter(x => x.hostAccess || x.rolloutFailure)) {
    expect(r.severity).toBe(ValidationSeverity.WARNING);
  }
});

test('rules() returns copies: changing them does not change the validator', () => {
  const first = DaemonSetValidator.rules()[0];
  first.linterIds.push('kube-linter:x');
  expect(DaemonSetValidator.rules()[0].linterIds).not.toContain('kube-linter:x');
});

test('each rule is defined in the file docs/rules.md links, as a constant named by its id', () => {
  for (const r of ALL_RULES) {
    const source = readFileSync(join(__dirname, '..', '..', r.file), 'utf8');
    const constant = r.id.toUpperCase().replace(/-/g, '_');
    expect(source).toMatch(new RegExp(`^export const ${constant} = [A-Z_]+_AREA\\.(error|warning)\\('${r.id}',`, 'm'));
  }
});
