import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli, fixture, fixtureText, withoutPositions } from './fake-io';

const SEED = fixture('seed-daemonset.yaml');
const GOOD = fixture('good.yaml');

describe('check', () => {
  test('a valid file: exit 0 and only the summary line', async () => {
    const r = await cli(['check', GOOD]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('0 errors, 0 warnings in 1 file (3 objects)\n');
    expect(r.stderr).toBe('');
  });

  test('the seed manifest: exit 1, errors first, one finding per line in the documented shape', async () => {
    const r = await cli(['check', SEED]);
    expect(r.code).toBe(1);
    const lines = withoutPositions(r.stdout).trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `${SEED}: error DaemonSet monitoring/node-exporter: apiVersion: Invalid value: "extensions/v1beta1": no matches for kind "DaemonSet" in version "extensions/v1beta1": removed in Kubernetes 1.16; use apps/v1 (\`cdk8s-daemonsets migrate\` converts it) (api-version-removed); fix: Move to the successor the message names (\`cdk8s-daemonsets migrate\` rewrites the mechanical ones); for PodSecurityPolicy, label the namespace for Pod Security admission.`,
      `${SEED}: error DaemonSet monitoring/node-exporter: spec.template.metadata.labels: Invalid value: {"name":"node-exporter"}: \`selector\` does not match template \`labels\`: \`spec.selector\` is missing (selector-required); fix: Set \`spec.selector.matchLabels\` to a stable subset of the template labels.`,
    ]);
    expect(lines.slice(2, -1).every(l => l.startsWith(`${SEED}: warning DaemonSet monitoring/node-exporter: `))).toBe(true);
    // The seed's image is node-exporter 0.15.2, for which ignored-mount-points is the right name.
    expect(lines.filter(l => l.includes('(node-exporter-deprecated-flag);') || l.includes('(node-exporter-flag-too-new);'))).toEqual([]);
    expect(lines).toContain(`${SEED}: warning DaemonSet monitoring/node-exporter: spec.template.spec.containers[0].args[5]: "\\"^/(sys|proc|dev|host|etc)($|/)\\"": no shell runs, so the program receives the quotes; write "^/(sys|proc|dev|host|etc)($|/)" (arg-quoted-value); fix: Drop the inner quotes: YAML quoting alone is enough (\`- '^/(sys|proc)($|/)'\`).`);
    expect(lines[lines.length - 1]).toBe('2 errors, 9 warnings in 1 file (1 object)');
  });

  test('output is the same on every run', async () => {
    const [a, b] = [await cli(['check', SEED, GOOD]), await cli(['check', SEED, GOOD])];
    expect(a.stdout).toBe(b.stdout);
  });

  test('several files: one validation across files, grouped by file, errors before warnings', async () => {
    const r = await cli(['check', GOOD, SEED, '--host-access-opted-in']);
    const lines = withoutPositions(r.stdout).trimEnd().split('\n');
    const severities = lines.slice(0, -1).map(l => l.split(': ')[1].split(' ')[0]);
    expect(lines.slice(0, -1).every(l => l.startsWith(`${SEED}: `))).toBe(true);
    expect(severities.lastIndexOf('error')).toBeLessThan(severities.indexOf('warning'));
    // good.yaml's Namespace enforces "restricted", which the seed's pods (in that namespace) break.
    expect(lines).toContain(`${SEED}: warning DaemonSet monitoring/node-exporter: spec.template.spec: the pods need Pod Security level "privileged" but namespace monitoring enforces "restricted": label it pod-security.kubernetes.io/enforce=privileged (namespace-pod-security); fix: Label the namespace with the level the message names (\`NodeDaemonSet.podSecurityLevel\`), or drop the host access that needs it.`);
    expect(lines[lines.length - 1]).toBe('2 errors, 9 warnings in 2 files (4 objects)');
  });

  test('findings follow the order of the file arguments', async () => {
    const daemonSetOnly = fixtureText('good.yaml').split('---\n')[2];
    const files = async (args: string[]) => withoutPositions((await cli(['check', ...args], daemonSetOnly)).stdout).trimEnd().split('\n').slice(0, -1)
      .map(l => l.slice(0, l.indexOf(': ')));
    const seedFirst = await files([SEED, '-']);
    expect(seedFirst[0]).toBe(SEED);
    expect(seedFirst[seedFirst.length - 1]).toBe('-');
    const stdinFirst = await files(['-', SEED]);
    expect(stdinFirst[0]).toBe('-');
    expect(stdinFirst.filter(f => f === '-')).toHaveLength(1);
  });

  test('--host-access-opted-in silences host-access warnings only', async () => {
    const r = await cli(['check', SEED, '--host-access-opted-in']);
    expect(r.stdout).not.toContain('(host-pid);');
    expect(r.stdout).not.toContain('(privileged-container);');
    expect(r.stdout).toContain('(priority-class-missing);');
    expect(r.code).toBe(1);
  });

  test('--suppress silences the warning rules named, as the synth context key does; errors cannot be silenced', async () => {
    const daemonSetOnly = fixtureText('good.yaml').split('---\n')[2];
    const quiet = await cli(['check', '--warnings-as-errors', '--suppress', 'service-account-missing', '-'], daemonSetOnly);
    expect(quiet.stdout).toBe('0 errors, 0 warnings in 1 file (1 object)\n');
    expect(quiet.code).toBe(0);
    const loud = (await cli(['check', SEED])).stdout;
    for (const id of ['priority-class-missing', 'resources-missing', 'readiness-gate-missing']) expect(loud).toContain(`(${id});`);
    const both = await cli(['check', SEED, '--suppress', 'priority-class-missing,host-pid', '--suppress', 'resources-missing']);
    expect(both.stdout).not.toMatch(/\((priority-class-missing|resources-missing)\);/);
    expect(both.stdout).toContain('(readiness-gate-missing);');
    const error = await cli(['check', SEED, '--suppress', 'selector-matches-template']);
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/--suppress.*"selector-matches-template"/);
    const unknown = await cli(['check', SEED, '--suppress', 'no-such-rule']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('"no-such-rule"');
  });

  test('warnings pass by default and fail with --warnings-as-errors', async () => {
    // Without its ServiceAccount the DaemonSet has exactly one warning.
    const daemonSetOnly = fixtureText('good.yaml').split('---\n')[2];
    const lenient = await cli(['check', '-'], daemonSetOnly);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toBe('-:26:7: warning DaemonSet monitoring/agent: spec.template.spec.serviceAccountName: ServiceAccount monitoring/agent is not among the objects (service-account-missing); fix: Ship the ServiceAccount with the DaemonSet (the construct does by default).\n'
      + '0 errors, 1 warning in 1 file (1 object)\n');
    const strict = await cli(['check', '--warnings-as-errors', '-'], daemonSetOnly);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('0 errors, 1 warning (warnings count as errors) in 1 file (1 object)');
  });

  test('objects in one file satisfy references from another (one validateAll over all files)', async () => {
    const [namespaceAndAccount, daemonSet] = ((t: string[]) => [t.slice(0, 2).join('---\n'), t[2]])(fixtureText('good.yaml').split('---\n'));
    const dir = mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-'));
    writeFileSync(join(dir, 'ds.yaml'), daemonSet);
    const r = await cli(['check', '-', join(dir, 'ds.yaml')], namespaceAndAccount);
    expect(r.code).toBe(0);
    expect(namespaceAndAccount).toContain('kind: ServiceAccount');
    expect(r.stdout).toBe('0 errors, 0 warnings in 2 files (3 objects)\n');
  });

  test('stdin is read for -', async () => {
    const r = await cli(['check', '-'], fixtureText('seed-daemonset.yaml'));
    expect(r.code).toBe(1);
    expect(withoutPositions(r.stdout)).toContain('-: error DaemonSet monitoring/node-exporter: spec.template.metadata.labels: Invalid value: {"name":"node-exporter"}: `selector` does not match template `labels`: `spec.selector` is missing (selector-required); fix: Set `spec.selector.matchLabels` to a stable subset of the template labels.\n');
  });

  test('--format json: every finding with its file, and the counts', async () => {
    const r = await cli(['check', '--format', 'json', SEED]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toBe(2);
    expect(out.warnings).toBe(9);
    expect(out.files).toBe(1);
    expect(out.objects).toBe(1);
    expect(out.exitCode).toBe(1);
    expect(out.findings).toHaveLength(11);
    expect(out.findings[1]).toEqual({
      file: SEED,
      line: 11,
      column: 7,
      severity: 'error',
      resource: 'DaemonSet monitoring/node-exporter',
      path: 'spec.template.metadata.labels',
      message: 'Invalid value: {"name":"node-exporter"}: `selector` does not match template `labels`: `spec.selector` is missing',
      rule: 'selector-required',
      fix: 'Set `spec.selector.matchLabels` to a stable subset of the template labels.',
    });
  });

  test('--format json: host access is one finding, with each field in `details` under the rule id that names it', async () => {
    const out = JSON.parse((await cli(['check', '--format', 'json', SEED])).stdout);
    const hostAccess = out.findings.filter((f: any) => f.rule === 'host-access');
    expect(hostAccess).toHaveLength(1);
    expect(hostAccess[0].path).toBe('spec.template.spec');
    expect(hostAccess[0].details).toEqual(expect.arrayContaining([
      { rule: 'host-pid', path: 'spec.template.spec.hostPID', message: 'hostPID' },
      { rule: 'host-path-volume', path: 'spec.template.spec.volumes[0].hostPath', message: 'proc (/proc)' },
      { rule: 'sensitive-host-path', path: 'spec.template.spec.volumes[0].hostPath.path', message: 'proc (/proc)' },
    ]));
    expect(out.findings.filter((f: any) => f.rule !== 'host-access').every((f: any) => f.details === undefined)).toBe(true);
  });

  test('a file that does not parse: exit 2 with the file named', async () => {
    const r = await cli(['check', '-'], 'kind: DaemonSet\nmetadata: [unclosed\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // kubectl: "error converting YAML to JSON: yaml: line 3: did not find expected node content".
    expect(r.stderr).toBe('cdk8s-daemonsets: -:3: the YAML does not parse: unexpected end of the stream within a flow collection (column 1)\n');
  });

  test('a missing file: exit 2', async () => {
    const r = await cli(['check', fixture('no-such-file.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read');
  });

  test('usage errors exit 2: no file, unknown option, unknown format', async () => {
    expect((await cli(['check'])).code).toBe(2);
    expect((await cli(['check', '--bogus', GOOD])).code).toBe(2);
    const badFormat = await cli(['check', '--format', 'xml', GOOD]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('Allowed choices are text, json');
  });

  test('no command prints help and exits 2; --help and --version exit 0', async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: cdk8s-daemonsets');
    const help = await cli(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--warnings-as-errors');
    const version = await cli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('findings you can find: file:line:column', () => {
  const twoAgents = [
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agent\n  namespace: monitoring\n  labels:\n    bad label: x\ndata:\n  a: x\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agent\n  namespace: logging\n  labels:\n    bad label: x\n',
  ].join('---\n');

  test('two objects of the same name in one file are told apart by line', async () => {
    const r = await cli(['check', '-'], twoAgents);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^-:6:3: error ConfigMap monitoring\/agent: metadata.labels: Invalid value: "bad label": /);
    expect(lines[1]).toMatch(/^-:16:3: error ConfigMap logging\/agent: metadata.labels: Invalid value: "bad label": /);
  });

  test('a missing field is placed at its nearest parent (template: {} has no metadata); a List item at its own lines', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: DaemonSet\n  metadata: {name: a, namespace: monitoring}\n  spec:\n    template: {}\n';
    const r = await cli(['check', '--format', 'json', '-'], list);
    const selector = JSON.parse(r.stdout).findings.find((f: any) => f.rule === 'selector-required');
    expect(selector).toMatchObject({ line: 8, column: 5, path: 'spec.template.metadata.labels', resource: 'DaemonSet monitoring/a (List items[0])' });
  });

  test('positions follow merge keys and aliases to the text that holds the value', async () => {
    const merged = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  <<: &m {namespace: monitoring, name: Bad_Name}\ndata: {a: x}\n';
    const r = await cli(['check', '--format', 'json', '-'], merged);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ rule: 'metadata-name', line: 4, column: 34 });
  });

  test('--format sarif: a SARIF 2.1.0 log with each finding at its file, line and column', async () => {
    const r = await cli(['check', '--format', 'sarif', '-'], twoAgents);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('cdk8s-daemonsets');
    expect(run.results[0]).toMatchObject({
      ruleId: 'metadata-labels',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'stdin' }, region: { startLine: 6, startColumn: 3 } } }],
    });
    expect(run.tool.driver.rules[run.results[0].ruleIndex]).toMatchObject({ id: 'metadata-labels', defaultConfiguration: { level: 'error' } });
  });

  test('--format sarif of a file kubectl refuses: the refusal is the one result, exit 2', async () => {
    const r = await cli(['check', '--format', 'sarif', '-'], 'a: [\n');
    expect(r.code).toBe(2);
    const run = JSON.parse(r.stdout).runs[0];
    expect(run.results).toEqual([expect.objectContaining({ ruleId: 'yaml-parse', level: 'error' })]);
    expect(run.invocations[0]).toEqual({ executionSuccessful: false, exitCode: 2 });
  });
});

describe('check reads files as kubectl reads their bytes', () => {
  const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad_Name\n';
  const inFile = (bytes: Buffer) => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-'));
    writeFileSync(join(dir, 'm.yaml'), bytes);
    return join(dir, 'm.yaml');
  };

  test('UTF-16BE with a byte order mark is read (kubectl reads it)', async () => {
    const text = Buffer.from(namespace, 'utf16le');
    text.swap16();
    const r = await cli(['check', inFile(Buffer.concat([Buffer.from([0xfe, 0xff]), text]))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(':4:3: error Namespace Bad_Name: metadata.name: ');
  });

  test('UTF-16LE, as PowerShell writes it, is refused as kubectl refuses it, exit 2', async () => {
    const file = inFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(namespace, 'utf16le')]));
    const r = await cli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cdk8s-daemonsets: ${file}:1: the file is UTF-16LE (byte order mark FF FE) of one document, which kubectl refuses ("incomplete UTF-16 character"); save it as UTF-8\n`);
  });

  test('UTF-16LE of two documents, as PowerShell writes it: the first is checked, as kubectl applies the first alone', async () => {
    // kubectl (the oracle, case utf16le-two-documents): go-yaml stops at the "---" line before it
    // reaches the half character at the end, and kubectl finds no "---" line in the raw bytes.
    const twoDocuments = `${namespace}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: Other_Bad}\n`.replace(/\n/g, '\r\n');
    const r = await cli(['check', inFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(twoDocuments, 'utf16le')]))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(':4:3: error Namespace Bad_Name: metadata.name: ');
    expect(r.stdout).not.toContain('Other_Bad');
  });

  test('invalid UTF-8 is refused with its line, never read as U+FFFD', async () => {
    const file = inFile(Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a\xff'.slice(0, -1)), Buffer.from([0xff]), Buffer.from('}\n')]));
    const r = await cli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cdk8s-daemonsets: ${file}:3: bytes that are not UTF-8, which kubectl refuses ("invalid UTF-8"); save the file as UTF-8\n`);
  });

  test('bidirectional controls in a value are escaped in the output, like other control characters', async () => {
    const r = await cli(['check', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a\u202eb\u2066c"\n  namespace: x\n');
    expect(r.stdout).toContain('ConfigMap x/a\\u202eb\\u2066c: metadata.name: ');
    expect(r.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
