import { readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli } from './fake-io';

const FIXTURES = join(__dirname, '..', 'coverage', 'fixtures');
const NODES_YAML = join(FIXTURES, 'nodes.yaml');
const NODES_JSON = join(FIXTURES, 'nodes.json');
const DIST = ['monitoring', 'logging', 'kube-system', 'storage', 'windows'].map(ns => join(FIXTURES, 'dist', `${ns}.k8s.yaml`));
/** The node-exporter DaemonSet alone: the first document of the monitoring file. */
const NODE_EXPORTER = readFileSync(DIST[0], 'utf8').split(/^---$/m)[0];

describe('cdk8s-daemonsets coverage', () => {
  test('text: the table and the summary, exit 0 without --require-all', async () => {
    const r = await cli(['coverage', '--nodes', NODES_JSON, ...DIST]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NODE +STATUS +OS\/ARCH +monitoring\/node-exporter +monitoring\/legacy-node-exporter +logging\/fluent-bit +kube-system\/nvidia-device-plugin +storage\/csi-node +monitoring\/windows-exporter$/);
    expect(lines.find(l => l.startsWith('small-1 '))).toMatch(/ \(monitoring\/node-exporter\) +Pending: memory \(needs 128Mi, 120Mi left\) +✗ nodeSelector nvidia.com\/gpu.present=true/);
    expect(lines[lines.length - 2]).toBe('13 nodes × 6 DaemonSets: 22 pods run, 45 not placed, 11 cannot start; 27 gaps on schedulable Linux nodes (a daemon missing or Pending)');
  });

  test('--require-all exits 1 on a gap, 0 when every schedulable Linux node runs every daemon', async () => {
    expect((await cli(['coverage', '--require-all', '--nodes', NODES_YAML, ...DIST])).code).toBe(1);
    const covered = await cli(['coverage', '--require-all', '--nodes', NODES_YAML, '-'], NODE_EXPORTER);
    expect(covered.code).toBe(0);
    expect(covered.stdout).toContain('13 nodes × 1 DaemonSet: 10 pods run, 3 not placed, 0 cannot start; every schedulable Linux node runs every Linux daemon');
  });

  test('json: every placement with its reasons, the gaps and the exit code', async () => {
    const r = await cli(['coverage', '--format', 'json', '--require-all', '--nodes', NODES_YAML, ...DIST]);
    const out = JSON.parse(r.stdout);
    expect(r.code).toBe(1);
    expect(out.exitCode).toBe(1);
    expect(out.gaps).toBe(27);
    expect(out.nodes[0]).toEqual({ name: 'cp-1', status: 'Ready', os: 'linux', arch: 'amd64', virtualNode: false, expectsDaemons: true });
    expect(out.daemonSets[5]).toEqual({ id: 'monitoring/windows-exporter', name: 'windows-exporter', namespace: 'monitoring', targetsLinux: false });
    expect(out.placements.find((p: any) => p.node === 'gpu-1' && p.daemonSet === 'logging/fluent-bit')).toEqual({
      node: 'gpu-1',
      daemonSet: 'logging/fluent-bit',
      status: 'not-placed',
      reasons: [{ kind: 'taint', subject: 'taint nvidia.com/gpu=present:NoSchedule', message: 'untolerated taint nvidia.com/gpu=present:NoSchedule' }],
    });
  });

  test('markdown', async () => {
    const r = await cli(['coverage', '--format', 'markdown', '--nodes', NODES_YAML, '-'], NODE_EXPORTER);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      '| NODE | STATUS | OS/ARCH | monitoring/node-exporter |',
      '| --- | --- | --- | --- |',
      '| cp-1 | Ready | linux/amd64 | ✓ |',
    ]);
  });

  test.each([
    [['--nodes', 'missing-nodes.json', DIST[0]], /^cdk8s-daemonsets: cannot read missing-nodes.json: ENOENT: no such file or directory/],
    [['--nodes', DIST[0], DIST[0]], /^cdk8s-daemonsets: .*monitoring.k8s.yaml: not a node list: document 1: found kind DaemonSet; expected what `kubectl get nodes -o json` \(or -o yaml\) writes/],
    [['--nodes', NODES_YAML, '-'], /^cdk8s-daemonsets: -: YAML document 1: line 2: the YAML does not parse: .*\(column 1\)$/, 'kind: [DaemonSet\n'],
    // kubectl refuses an object without kind ("Object 'Kind' is missing"), so coverage does too, as check does.
    [['--nodes', NODES_YAML, '-'], /^cdk8s-daemonsets: -: YAML document 2: line 6: an object without kind, which kubectl refuses/,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n\napiVersion: v1\nmetadata: {name: x}\n'],
    [['--nodes', NODES_YAML, '-'], /^cdk8s-daemonsets: -: no DaemonSet among the manifests$/, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n'],
    [['--nodes', '-', '-'], /^cdk8s-daemonsets: - \(stdin\) can be named only once$/],
    [['--nodes', '-', DIST[0]], /^cdk8s-daemonsets: -: the node list holds no node$/, 'apiVersion: v1\nkind: List\nitems: []\n'],
  ])('bad input %j: one line naming the file, exit 2', async (args, message, stdin = '') => {
    const r = await cli(['coverage', ...args as string[]], stdin as string);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd()).toMatch(message as RegExp);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  describe('reads the manifests as kubectl (and check) reads them', () => {
    /** A DaemonSet of `ops` whose template spec holds `spec` (indented as the template's fields). */
    const agent = (name: string, spec: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}, namespace: ops}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${spec}      containers: [{name: agent, image: registry.example/agent:1.0.0}]
`;
    const indented = (text: string, by: string) => text.trimEnd().split('\n').map(l => by + l).join('\n') + '\n';
    const placed = (out: any, daemonSet: string) => out.placements
      .filter((p: any) => p.daemonSet === daemonSet && p.status !== 'not-placed').map((p: any) => p.node);

    test('a << after an explicit nodeSelector key overrides it, as go-yaml merges in document order', async () => {
      // kubectl (sigs.k8s.io/yaml over go-yaml v2) applies the merge where it stands, so the node
      // selected is worker-1; the `yaml` package keeps the explicit key (YAML 1.1's merge spec) and
      // would have placed the daemon on worker-arm-1 instead. test/oracle/decoding.test.ts checks this
      // reading against kubectl's own decoder.
      const yaml = agent('pinned', '      nodeSelector:\n        kubernetes.io/hostname: worker-arm-1\n        <<: {kubernetes.io/hostname: worker-1}\n');
      const out = JSON.parse((await cli(['coverage', '--format', 'json', '--nodes', NODES_YAML, '-'], yaml)).stdout);
      expect(placed(out, 'ops/pinned')).toEqual(['worker-1']);
      const check = await cli(['check', '--format', 'json', '-'], yaml);
      expect(JSON.parse(check.stdout).objects).toBe(1);
    });

    test('any object with items is a list of its items, whatever its kind', async () => {
      // apimachinery's unstructured decoder looks for `items`, not for a kind ending in List:
      // kubectl applies the two DaemonSets and drops the object that carries them.
      const yaml = 'apiVersion: v1\nkind: Bundle\nitems:\n'
        + ['first', 'second'].map(name => `- ${indented(agent(name, ''), '  ').slice(2)}`).join('');
      const out = JSON.parse((await cli(['coverage', '--format', 'json', '--nodes', NODES_YAML, '-'], yaml)).stdout);
      expect(out.daemonSets.map((d: any) => d.id)).toEqual(['ops/first', 'ops/second']);
      const check = JSON.parse((await cli(['check', '--format', 'json', '-'], yaml)).stdout);
      expect(check.findings.filter((f: any) => /ops\/(first|second) \(Bundle items\[[01]\]\)/.test(f.resource)).length).toBeGreaterThan(0);
    });

    test('a file kubectl decodes from its bytes (UTF-16BE with a byte order mark) is read, not refused', async () => {
      const utf16 = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(NODE_EXPORTER, 'utf16le').swap16()]);
      const file = join(tmpdir(), `coverage-utf16-${process.pid}.yaml`);
      writeFileSync(file, utf16);
      try {
        const r = await cli(['coverage', '--format', 'json', '--nodes', NODES_YAML, file]);
        expect(r.stderr).toBe('');
        expect(JSON.parse(r.stdout).daemonSets.map((d: any) => d.id)).toEqual(['monitoring/node-exporter']);
      } finally {
        rmSync(file);
      }
    });
  });

  test('--nodes is required; an unknown format is refused', async () => {
    const missing = await cli(['coverage', DIST[0]]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--nodes <file>' not specified");
    const format = await cli(['coverage', '--format', 'html', '--nodes', NODES_YAML, DIST[0]]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("option '--format <format>' argument 'html' is invalid. Allowed choices are text, json, markdown.");
  });

  test('docs/cli.md shows what the command prints for its example', async () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'cli.md'), 'utf8');
    const example = /<!-- coverage-example -->\n```\n\$ (.*)\n([\s\S]*?)```/.exec(doc);
    expect(example).not.toBeNull();
    const [, command, shown] = example!;
    expect(command).toBe('npx cdk8s-daemonsets coverage --nodes nodes.json dist/monitoring.k8s.yaml dist/logging.k8s.yaml');
    const r = await cli(['coverage', '--nodes', NODES_JSON, DIST[0], DIST[1]]);
    expect(r.stdout).toBe(shown);
  });
});
