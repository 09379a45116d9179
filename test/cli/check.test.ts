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
    expect(lines.slice(0, 3)).toEqual([
      `${SEED}: error DaemonSet monitoring/node-exporter: apiVersion: Invalid value: "extensions/v1beta1": DaemonSet in this version was removed in Kubernetes 1.16; use apps/v1 (\`cdk8s-daemonsets migrate\` converts it) (api-version-removed)`,
      `${SEED}: error DaemonSet monitoring/node-exporter: spec.selector: Required value (selector-required)`,
      `${SEED}: error DaemonSet monitoring/node-exporter: spec.template.metadata.labels: Invalid value: {"name":"node-exporter"}: \`selector\` does not match template \`labels\` (selector-matches-template)`,
    ]);
    expect(lines.slice(3, -1).every(l => l.startsWith(`${SEED}: warning DaemonSet monitoring/node-exporter: `))).toBe(true);
    // The seed's image is node-exporter 0.15.2, for which ignored-mount-points is the right name.
    expect(lines.filter(l => l.includes('(node-exporter-deprecated-flag)') || l.includes('(node-exporter-flag-too-new)'))).toEqual([]);
    expect(lines).toContain(`${SEED}: warning DaemonSet monitoring/node-exporter: spec.template.spec.containers[0].args[5]: "\\"^/(sys|proc|dev|host|etc)($|/)\\"": no shell runs, so the program receives the quotes; write "^/(sys|proc|dev|host|etc)($|/)" (arg-quoted-value)`);
    expect(lines[lines.length - 1]).toBe('3 errors, 30 warnings in 1 file (1 object)');
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
    expect(lines).toContain(`${SEED}: warning DaemonSet monitoring/node-exporter: spec.template.spec: the pods need Pod Security level "privileged" but namespace monitoring enforces "restricted": label it pod-security.kubernetes.io/enforce=privileged (namespace-pod-security)`);
    expect(lines[lines.length - 1]).toBe('3 errors, 13 warnings in 2 files (4 objects)');
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
    expect(r.stdout).not.toContain('(host-pid)');
    expect(r.stdout).not.toContain('(privileged-container)');
    expect(r.stdout).toContain('(priority-class-missing)');
    expect(r.code).toBe(1);
  });

  test('warnings pass by default and fail with --warnings-as-errors', async () => {
    // Without its ServiceAccount the DaemonSet has exactly one warning.
    const daemonSetOnly = fixtureText('good.yaml').split('---\n')[2];
    const lenient = await cli(['check', '-'], daemonSetOnly);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toBe('-:26:7: warning DaemonSet monitoring/agent: spec.template.spec.serviceAccountName: ServiceAccount monitoring/agent is not among the objects (service-account-missing)\n'
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
    expect(r.stdout).toContain('-:8:1: error DaemonSet monitoring/node-exporter: spec.selector: Required value (selector-required)\n');
  });

  test('--format json: every finding with its file, and the counts', async () => {
    const r = await cli(['check', '--format', 'json', SEED]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.errors).toBe(3);
    expect(out.warnings).toBe(30);
    expect(out.files).toBe(1);
    expect(out.objects).toBe(1);
    expect(out.exitCode).toBe(1);
    expect(out.findings).toHaveLength(33);
    expect(out.findings[1]).toEqual({
      file: SEED,
      line: 8,
      column: 1,
      severity: 'error',
      resource: 'DaemonSet monitoring/node-exporter',
      path: 'spec.selector',
      message: 'Required value',
      rule: 'selector-required',
    });
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
