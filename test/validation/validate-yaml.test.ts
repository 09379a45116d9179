import { DaemonSetValidator, ValidationSeverity } from '../../src';

const E = ValidationSeverity.ERROR;
const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n';

describe('validateYaml', () => {
  it('a syntax error is one yaml-parse error with line and column, not "missing apiVersion and kind"', () => {
    const findings = DaemonSetValidator.validateYaml('a: [\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'yaml-parse', severity: E, path: '', resource: 'YAML document 1' });
    expect(findings[0].message).toMatch(/^the YAML does not parse: .*at line 2, column 1$/);
  });

  it('a duplicate mapping key is a yaml-parse error naming its line, as kubectl refuses it', () => {
    const findings = DaemonSetValidator.validateYaml(`${namespace}---\n${namespace}  name: other\n`);
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml-parse', severity: E, resource: 'YAML document 2' })]);
    expect(findings[0].message).toMatch(/unique at line 10, column 3$/); // lines count from the start of the text
  });

  it('validates the documents that parse', () => {
    const findings = DaemonSetValidator.validateYaml('a: [\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad\n');
    expect(findings.map(f => f.rule)).toEqual(['yaml-parse', 'metadata-name']);
  });

  it('reads YAML 1.1, like kubectl: 0644 is octal', () => {
    const findings = DaemonSetValidator.validateYaml('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n  labels:\n    mode: 0644\n');
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'metadata-labels', message: expect.stringContaining('420') }));
  });

  it('skips empty documents', () => {
    expect(DaemonSetValidator.validateYaml(`---\n${namespace}---\n`)).toEqual([]);
    expect(DaemonSetValidator.validateYaml('')).toEqual([]);
  });
});

describe('findings carry the fix text of their rule', () => {
  it('for every finding', () => {
    const fixes = new Map(DaemonSetValidator.rules().map(r => [r.id, r.fix]));
    const findings = DaemonSetValidator.validateYaml(`a: [\n---\n${namespace}  labels: [a]\n---\napiVersion: v1\nkind: DaemonSet\nmetadata: {name: x}\n`);
    expect(findings.length).toBeGreaterThan(5);
    for (const f of findings) expect(f.fix).toBe(fixes.get(f.rule));
  });
});
