/**
 * `migrate` never loses data (issue 9): atomic writes, no empty overwrite, source text kept,
 * anchors not edited through, JSON kept JSON, untouched parts byte for byte.
 */
import * as fs from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';
import { cli, fixtureText } from './fake-io';
import { processIo } from '../../src/cli/io';
import { run } from '../../src/cli/main';
import { migrateYaml } from '../../src/cli/migrate';

/** Set to make the next fs.writeFileSync fail as a full disk does. */
let failNextWrite = false;
jest.mock('fs', () => {
  const real = jest.requireActual('fs');
  return {
    ...real,
    writeFileSync: (...args: unknown[]) => {
      if (failNextWrite) {
        failNextWrite = false;
        // A full disk fails after the file was created.
        real.writeFileSync(args[0], '');
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return real.writeFileSync(...args);
    },
  };
});

const OLD = 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: agent, namespace: monitoring}\n';

function tempDir(): string {
  return fs.mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-migrate-'));
}

describe('-o replaces the file only once the new one is complete', () => {
  test('a write that fails (disk full) leaves the target as it was, and no temporary file', () => {
    const dir = tempDir();
    const target = join(dir, 'out.yaml');
    fs.writeFileSync(target, 'kept\n');
    failNextWrite = true;
    expect(() => processIo.writeFile(target, 'new\n')).toThrow(/ENOSPC/);
    expect(fs.readFileSync(target, 'utf8')).toBe('kept\n');
    expect(fs.readdirSync(dir)).toEqual(['out.yaml']);
  });

  test('a successful write replaces the file and keeps its permissions', () => {
    const dir = tempDir();
    const target = join(dir, 'out.yaml');
    fs.writeFileSync(target, 'old\n', { mode: 0o640 });
    fs.chmodSync(target, 0o640);
    processIo.writeFile(target, Buffer.from('new\n'));
    expect(fs.readFileSync(target, 'utf8')).toBe('new\n');
    expect(fs.statSync(target).mode % 0o1000).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['out.yaml']);
  });

  test('empty input never replaces a file that has content: exit 2, the file untouched', async () => {
    const dir = tempDir();
    const target = join(dir, 'manifests.yaml');
    fs.writeFileSync(target, fixtureText('seed-daemonset.yaml'));
    for (const empty of ['', '\n', '# nothing\n']) {
      const r = await run(['migrate', '-o', target, '-'], { ...processIo, readStdin: async () => empty, stdout: () => undefined, stderr: () => undefined });
      expect(r).toBe(2);
      expect(fs.readFileSync(target, 'utf8')).toBe(fixtureText('seed-daemonset.yaml'));
    }
  });
});

describe('values migrate does not change keep their source text', () => {
  const input = OLD + `spec:
  template:
    metadata:
      labels: {app: agent, "quoted": 'single'}
    spec:
      containers:
      - name: agent
        image: registry.example.com/agent:1.0.0
        env:
        - {name: SINCE, value: 2024-01-01}
        - {name: AT, value: 2024-01-01 10:00:00}
        - {name: WINDOW, value: 10:30}
        - {name: BIG, value: 12345678901234567890}
        - {name: MODE, value: 0644}
        - {name: FLAG, value: yes}
        - name: SCRIPT
          value: |
            echo "keep me"
              indented
`;

  test('timestamps, H:MM, integers beyond 2^53, octal, yes, quoting and block styles are written as they were', () => {
    const out = migrateYaml({ name: 'in.yaml', text: input }).yaml;
    for (const value of ['2024-01-01', '2024-01-01 10:00:00', '10:30', '12345678901234567890', '0644', 'yes']) expect(out).toContain(`value: ${value}}`);
    expect(out).toMatch(/value: \|\n +echo "keep me"\n +  indented\n/);
    expect(parse(out).spec.template.spec.containers[0].env[6].value).toBe('echo "keep me"\n  indented\n');
    expect(out).toContain("labels: {app: agent, \"quoted\": 'single'}");
    expect(out).toContain('apiVersion: apps/v1');
  });

  test('lines migrate does not rewrite come back as written: flow maps unpadded, sequences at their key\'s indentation', () => {
    // Only the lines of the rewritten fields change; before, every flow map gained inner spaces and
    // every block sequence an indentation level, so a reviewer's diff showed the whole DaemonSet.
    const out = migrateYaml({ name: 'in.yaml', text: input }).yaml;
    const kept = input.split('\n').slice(OLD.split('\n').length);
    for (const line of kept) expect(out.split('\n')).toContain(line);
    const indented = input.replace(/^( *)- /gm, '$1  - ').replace(/^( +)(image|env|value|echo|  indented)/gm, '$1  $2');
    expect(migrateYaml({ name: 'in.yaml', text: indented }).yaml).toContain('\n        - name: agent\n');
  });

  test('the selector copies the template labels as written', () => {
    const out = parse(migrateYaml({ name: 'in.yaml', text: input }).yaml, { version: '1.1' });
    expect(out.spec.selector).toEqual({ matchLabels: { app: 'agent', quoted: 'single' } });
  });
});

describe('an edit never reaches another object through a shared anchor', () => {
  const list = `apiVersion: v1
kind: List
items:
- ${OLD.replace(/\n/g, '\n  ').trimEnd()}
  spec:
    template:
      metadata: {labels: {app: agent}}
      spec:
        containers:
        - name: agent
          image: registry.example.com/agent:1.0.0
          args: &args [--port, "9100"]
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: monitoring}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers:
        - name: web
          image: registry.example.com/web:1.0.0
          args: *args
`;

  test('an anchor inside the migrated DaemonSet, used by another object: the other keeps its value, a notice says so', () => {
    const result = migrateYaml({ name: 'list.yaml', text: list }, { joinArgs: true });
    const out = parse(result.yaml, { version: '1.1' });
    expect(out.items[0].spec.template.spec.containers[0].args).toEqual(['--port=9100']);
    expect(out.items[1].spec.template.spec.containers[0].args).toEqual(['--port', '9100']);
    expect(result.notices.join('\n')).toContain('the alias *args outside it named a part of it: that alias is now a copy');
  });

  test('an alias inside the migrated DaemonSet is expanded there first, a notice says so', () => {
    const shared = 'x-args: &args [--port, "9100"]\n' + OLD + 'spec:\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers:\n      - {name: a, image: "r/a:1", args: *args}\n';
    const result = migrateYaml({ name: 'a.yaml', text: shared }, { joinArgs: true });
    const out = parse(result.yaml, { version: '1.1' });
    expect(out['x-args']).toEqual(['--port', '9100']);
    expect(out.spec.template.spec.containers[0].args).toEqual(['--port=9100']);
    expect(result.notices.join('\n')).toContain('the alias *args inside it is now a copy of what it names');
  });
});

describe('JSON, line ends, encodings and directives survive', () => {
  const json = JSON.stringify({
    apiVersion: 'extensions/v1beta1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'monitoring' },
    spec: { template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'r/a:1', ports: [{ containerPort: 9100 }] }] } } },
  }, undefined, 2) + '\n';

  test('JSON input gives JSON output, which JSON.parse (as kubectl and jq) reads: no comments, numbers stay numbers', () => {
    const out = migrateYaml({ name: 'ds.json', text: json }).yaml;
    expect(out).not.toContain('#');
    const parsed = JSON.parse(out);
    expect(parsed.apiVersion).toBe('apps/v1');
    expect(parsed.spec.selector).toEqual({ matchLabels: { app: 'agent' } });
    expect(parsed.spec.template.spec.containers[0].ports[0].containerPort).toBe(9100);
  });

  test('untouched parts come back byte for byte (BOM, CRLF, bytes that are not UTF-8); a migrated part keeps CRLF', () => {
    const untouched = Buffer.concat([Buffer.from('\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: latin}\r\ndata: {a: "caf'), Buffer.from([0xe9]), Buffer.from('"}\r\n')]);
    const migrated = Buffer.from((OLD + 'spec:\n  template:\n    metadata: {labels: {app: a}}\n    spec: {containers: [{name: a, image: "r/a:1"}]}\n').replace(/\n/g, '\r\n'));
    const bytes = Buffer.concat([untouched, Buffer.from('---\r\n'), migrated]);
    const result = migrateYaml({ name: 'mixed.yaml', text: bytes.toString('utf8'), bytes });
    const out = Buffer.from(result.bytes);
    expect(out.subarray(0, untouched.length).equals(untouched)).toBe(true);
    const rest = out.subarray(untouched.length).toString('utf8');
    expect(rest).toContain('apiVersion: apps/v1\r\n');
    expect(rest.replace(/\r\n/g, '')).not.toContain('\n');
  });

  test('a %YAML directive and a quoted "<<" key survive; the output check says kubectl refuses the directive (exit 1), never "a bug"', async () => {
    // kubectl: yaml: line 1: did not find expected <document start> (it cuts the file at the --- line).
    const input = '%YAML 1.1\n---\n' + OLD + 'spec:\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: a, image: "r/a:1"}]\n      nodeSelector: {"<<": x}\n';
    const r = await cli(['migrate', '-'], input);
    expect(r.stderr).not.toContain('a bug');
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('%YAML 1.1\n---\n')).toBe(true);
    expect(r.stdout).toContain('nodeSelector: {"<<": x}');
    expect(r.stderr).toMatch(/^<stdout>:1:1: error YAML document 1: : a "%" directive: kubectl cuts the file/m);
  });
});

test('a part that does not parse is named by its line in the file, nothing written', async () => {
  const r = await cli(['migrate', '-o', 'out.yaml', '-'], `${OLD}spec: {}\n---\napiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n`);
  expect(r.code).toBe(2);
  expect(r.written.size).toBe(0);
  expect(r.stderr).toMatch(/^cdk8s-daemonsets: -: the YAML does not parse: .* at line 9, column 1\n$/);
});
