import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { cli, CliRun, fixture, fixtureText, withoutPositions } from './fake-io';
import { CliIo } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { migrateYaml } from '../../src/cli/migrate';

const SEED_TEXT = fixtureText('seed-daemonset.yaml');
const GOOD = fixture('good.yaml');
const indent = (text: string, by: string) => text.trimEnd().split('\n').map(l => by + l).join('\n');
/** The seed DaemonSet as the only item of a list of the given kind, as `kubectl get -o yaml` writes it. */
const asList = (kind: string) => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  resourceVersion: ""\nitems:\n- ${indent(SEED_TEXT, '  ').trimStart()}\n`;

const ALIAS_BOMB = [
  'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}', 'data:',
  '  a: &a ["x","x","x","x","x","x","x","x","x"]',
  '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  '  e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
].join('\n') + '\n';
const BAD_MERGE = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n  <<: *nope\n';

describe('Lists (kind: List, DaemonSetList) are expanded', () => {
  test.each(['List', 'DaemonSetList'])('check reports the items of a %s, not a missing List name', async kind => {
    const r = await cli(['check', '-'], asList(kind));
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('metadata.name: Required value');
    expect(withoutPositions(r.stdout)).toContain(`-: error DaemonSet monitoring/node-exporter (${kind} items[0]): spec.template.metadata.labels: Invalid value: {"name":"node-exporter"}: \`selector\` does not match template \`labels\`: \`spec.selector\` is missing (selector-required); fix: Set \`spec.selector.matchLabels\` to a stable subset of the template labels.\n`);
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('2 errors, 9 warnings in 1 file (1 object)');
  });

  test.each(['List', 'DaemonSetList'])('migrate rewrites the DaemonSet inside a %s in place and keeps the rest', async kind => {
    const result = migrateYaml({ name: 'in.yaml', text: asList(kind) });
    expect(result.migrated).toBe(1);
    const out = parse(result.yaml, { version: '1.1' });
    expect(out.kind).toBe(kind);
    expect(out.metadata).toEqual({ resourceVersion: '' });
    expect(out.items).toHaveLength(1);
    expect(out.items[0].apiVersion).toBe('apps/v1');
    expect(out.items[0].spec.selector).toEqual({ matchLabels: { name: 'node-exporter' } });
    expect(result.notices[0]).toBe(`in.yaml: DaemonSet monitoring/node-exporter (${kind} items[0]): apiVersion extensions/v1beta1 -> apps/v1`);
    const checked = await cli(['check', '-'], result.yaml);
    expect(checked.stdout).toMatch(/^0 errors, /m);
  });

  test('a List item that is no object: kubectl refuses the file, so does check (exit 2)', async () => {
    // kubectl: unable to decode "-": json: cannot unmarshal number into Go value of type map[string]interface {}
    const r = await cli(['check', '--format', 'json', '-'], 'apiVersion: v1\nkind: List\nitems:\n- 5\n');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).findings).toEqual([
      expect.objectContaining({ file: '-', line: 1, severity: 'error', resource: 'YAML document 1', rule: 'yaml-parse', message: expect.stringContaining('an entry of `items` is not an object') }),
    ]);
  });
});

describe('migrate follows YAML aliases', () => {
  const text = SEED_TEXT.replace('  labels:\n    name: node-exporter\n', '  labels: &l\n    name: node-exporter\n')
    .replace('      labels:\n        name: node-exporter\n', '      labels: *l\n');

  test('template labels given by an alias build the selector, and the output is valid YAML', () => {
    expect(text).toContain('labels: *l');
    const result = migrateYaml({ name: 'a.yaml', text });
    expect(result.notices.join('\n')).not.toContain('no labels to build it from');
    const out = parse(result.yaml, { version: '1.1' });
    expect(out.spec.selector).toEqual({ matchLabels: { name: 'node-exporter' } });
    expect(out.spec.template.metadata.labels).toEqual({ name: 'node-exporter' });
    expect(out.metadata.labels).toEqual({ name: 'node-exporter' });
  });

  test('an aliased update strategy is copied, not edited through its anchor', () => {
    const withStrategy = text.replace('spec:\n  template:', 'spec:\n  updateStrategy: *s\n  template:')
      .replace('kind: DaemonSet\n', 'kind: DaemonSet\nx-strategy: &s\n  rollingUpdate: {maxUnavailable: 2}\n');
    const out = parse(migrateYaml({ name: 'a.yaml', text: withStrategy }).yaml, { version: '1.1' });
    expect(out.spec.updateStrategy).toEqual({ type: 'OnDelete', rollingUpdate: { maxUnavailable: 2 } });
    expect(out['x-strategy']).toEqual({ rollingUpdate: { maxUnavailable: 2 } });
  });
});

describe('YAML the reader refuses is a clean exit 2, never a stack trace', () => {
  // kubectl: "yaml: document contains excessive aliasing"; "yaml: unknown anchor 'nope' referenced".
  test.each([['an alias bomb', ALIAS_BOMB, 'document contains excessive aliasing'], ['a merge of an undefined alias', BAD_MERGE, 'unidentified alias (its name, 4 characters, not shown)']])('check: %s', async (_name, text, message) => {
    const r = await cli(['check', '-'], text);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.stderr).toMatch(/^cdk8s-daemonsets: -:[0-9]+: /);
    expect(r.stderr).toContain(message);
  });

  test.each([['an alias bomb', ALIAS_BOMB], ['a merge of an undefined alias', BAD_MERGE]])('check --format json: %s is a yaml-parse finding, exit 2', async (_name, text) => {
    const r = await cli(['check', '--format', 'json', '-'], text);
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(out.exitCode).toBe(2);
    expect(out.errors).toBe(1);
    expect(out.findings).toEqual([expect.objectContaining({ file: '-', severity: 'error', rule: 'yaml-parse', resource: 'YAML document 1' })]);
  });

  test('check --format json prints JSON for a syntax error too', async () => {
    const r = await cli(['check', '--format', 'json', '-'], 'kind: DaemonSet\nmetadata: [unclosed\n');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ rule: 'yaml-parse', message: expect.stringMatching(/^the YAML does not parse: /) });
  });

  test.each([['an alias bomb', ALIAS_BOMB], ['a merge of an undefined alias', BAD_MERGE]])('migrate: %s writes nothing', async (_name, text) => {
    const r = await cli(['migrate', '-o', 'out.yaml', '-'], SEED_TEXT + '---\n' + text);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.written.size).toBe(0);
    expect(r.stderr).toMatch(/^cdk8s-daemonsets: -: the YAML does not parse: [^\n]*\n$/);
  });
});

/** Runs the CLI with real file writes. */
async function cliWritingFiles(args: string[], stdin: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    readFile: () => { throw new Error('unused'); },
    readStdin: async () => stdin,
    writeFile: (path, text) => writeFileSync(path, text),
    stdout: t => { stdout += Buffer.from(t).toString('utf8'); },
    stderr: t => { stderr += t; },
  };
  return { code: await run(args, io), stdout, stderr, written: new Map() };
}

describe('migrate -o to a path that cannot be written', () => {
  test.each([['a missing directory', () => '/proc/nope/x.yaml'], ['a directory', () => mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-'))]])('%s: one line and exit 2', async (_name, path) => {
    const target = path();
    const r = await cliWritingFiles(['migrate', '-o', target, '-'], SEED_TEXT);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^cdk8s-daemonsets: cannot write ${target}: [^\\n]+\\n$`));
  });
});

describe('output nits', () => {
  test('a scalar document: kubectl refuses the file, so does check, naming its line (exit 2)', async () => {
    // kubectl: json: cannot unmarshal number into Go value of type unstructured.detector
    const r = await cli(['check', '-'], 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\n42\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdk8s-daemonsets: -:6: the document is a number, not an object, which kubectl refuses ("cannot unmarshal number")\n');
  });

  test('binary garbage: refused (kubectl: "control characters are not allowed"), control bytes never printed raw', async () => {
    const r = await cli(['check', '-'], '\u0000\u0001\u001b[31mgarbage');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cdk8s-daemonsets: -:1: a control character \(U\+0000\), which kubectl refuses /);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  test('a control byte in a name is escaped in the text output', async () => {
    const r = await cli(['check', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "a\\u0000b\\u001bc"\n  namespace: x\n');
    expect(withoutPositions(r.stdout)).toContain('-: error ConfigMap x/a\\u0000b\\u001bc: metadata.name: Invalid value: "a\\u0000b\\u001bc": ');
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  test('naming stdin twice is a usage error, exit 2', async () => {
    const r = await cli(['check', '-', '-'], SEED_TEXT);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cdk8s-daemonsets: - (stdin) can be named only once\n');
  });
});

describe('duplicate objects', () => {
  test('check of one file named twice warns duplicate-object for each object, at metadata.name', async () => {
    const r = await cli(['check', GOOD, GOOD]);
    const duplicates = r.stdout.split('\n').filter(l => l.includes('(duplicate-object);'));
    expect(duplicates).toHaveLength(3);
    expect(duplicates[0]).toBe(`${GOOD}:5:3: warning Namespace monitoring: metadata.name: the same object (API group, kind, namespace and name) as Namespace monitoring, earlier in the set: kubectl apply would apply this one over the earlier one (duplicate-object); fix: Keep one of them; give the other its own name.`);
  });

  test('a DaemonSet in two API versions of one group is still one object; other files are independent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-'));
    const old = SEED_TEXT.replace('extensions/v1beta1', 'apps/v1beta2');
    writeFileSync(join(dir, 'old.yaml'), old);
    writeFileSync(join(dir, 'new.yaml'), migrateYaml({ name: 'x', text: old }).yaml);
    const r = await cli(['check', join(dir, 'old.yaml'), join(dir, 'new.yaml')]);
    expect(r.stdout.split('\n').filter(l => l.includes('(duplicate-object);'))).toEqual([
      `${join(dir, 'new.yaml')}:4:3: warning DaemonSet monitoring/node-exporter: metadata.name: the same object (API group, kind, namespace and name) as DaemonSet monitoring/node-exporter, earlier in the set: kubectl apply would apply this one over the earlier one (duplicate-object); fix: Keep one of them; give the other its own name.`,
    ]);
    // A different API group is another resource.
    const other = await cli(['check', fixture('seed-daemonset.yaml'), join(dir, 'new.yaml')]);
    expect(other.stdout).not.toContain('(duplicate-object);');
  });
});
