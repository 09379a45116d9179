import { readFileSync } from 'fs';
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
    [['--nodes', NODES_YAML, '-'], /^cdk8s-daemonsets: -: the YAML does not parse: .* at line 2, column 1$/, 'kind: [DaemonSet\n'],
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
