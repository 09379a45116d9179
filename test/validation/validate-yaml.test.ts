import { DaemonSetValidator, ValidationSeverity } from '../../src';

const E = ValidationSeverity.ERROR;
const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n';

describe('validateYaml', () => {
  it('a syntax error is one yaml-parse error with line and column, not "missing apiVersion and kind"', () => {
    const findings = DaemonSetValidator.validateYaml('a: [\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'yaml-parse', severity: E, path: '', resource: 'YAML document 1' });
    expect(findings[0].message).toBe('line 2: the YAML does not parse: unexpected end of the stream within a flow collection (column 1)');
  });

  it('a duplicate mapping key: the last one wins, as kubectl reads it (no error)', () => {
    // kubectl (go-yaml v2) keeps the last of duplicate keys: the second name, `Bad_Name`, is what it sends.
    const findings = DaemonSetValidator.validateYaml(`${namespace}---\n${namespace}  name: Bad_Name\n`);
    expect(findings).toEqual([expect.objectContaining({ rule: 'metadata-name', severity: E, resource: 'Namespace Bad_Name' })]);
  });

  it('a syntax error in any document: kubectl applies nothing, so only the yaml-parse error', () => {
    const findings = DaemonSetValidator.validateYaml('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad\n---\na: [\n');
    expect(findings.map(f => f.rule)).toEqual(['yaml-parse']);
    expect(findings[0].resource).toBe('YAML document 2');
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
    const findings = DaemonSetValidator.validateYaml(`${namespace}  labels: [a]\n---\napiVersion: v1\nkind: DaemonSet\nmetadata: {name: x}\n`);
    expect(findings.length).toBeGreaterThan(5);
    for (const f of findings) expect(f.fix).toBe(fixes.get(f.rule));
  });
});
