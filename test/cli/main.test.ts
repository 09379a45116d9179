import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { fixture } from './fake-io';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

test('main.ts starts with a node shebang, so the compiled bin runs as a command', () => {
  expect(readFileSync(MAIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
});

test('the package maps the cdk8s-daemonsets bin to the compiled main', () => {
  expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin).toEqual({ 'cdk8s-daemonsets': 'lib/cli/main.js' });
});

test('the CLI is not part of the jsii API', () => {
  expect(readFileSync(join(ROOT, 'src', 'index.ts'), 'utf8')).not.toMatch(/cli/);
});

test('as a process: exit code and output of check on the seed manifest', () => {
  const tsNode = require.resolve('ts-node/dist/bin.js');
  // SWC strips the types of the ~100 modules the CLI loads in a fifth of TypeScript's time.
  const r = spawnSync(process.execPath, [tsNode, '--swc', '--project', join(ROOT, 'tsconfig.dev.json'), MAIN, 'check', fixture('seed-daemonset.yaml')],
    { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('(api-version-removed)');
  expect(r.stdout.trimEnd().split('\n').pop()).toBe('2 errors, 9 warnings in 1 file (1 object)');
}, 60_000);

describe('as a process, on inputs that are not plain files', () => {
  const tsNode = require.resolve('ts-node/dist/bin.js');
  const bash = (script: string) => spawnSync('bash', ['-c', script], {
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 120_000,
    env: { ...process.env, CLI: `"${process.execPath}" "${tsNode}" --transpile-only --project tsconfig.dev.json "${MAIN}"` },
  });

  test('check … | head -1 ends quietly: no EPIPE trace, the exit status of the check (1: findings)', () => {
    // Many findings, so stdout outlives head's read: 200 copies of the seed manifest.
    const seed = readFileSync(fixture('seed-daemonset.yaml'), 'utf8');
    const r = bash(`set -o pipefail; yes -- '---' | head -200 | while read -r l; do printf '%s\\n' "$l"; cat ${JSON.stringify(fixture('seed-daemonset.yaml'))}; done | eval "$CLI check -" | head -1; echo "status=\${PIPESTATUS[3]}" >&2`);
    expect(seed).toContain('extensions/v1beta1');
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stdout).toMatch(/^-:[0-9]+:[0-9]+: error /);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.stderr).toContain('status=1');
  }, 120_000);

  test('a directory, /dev/zero and a FIFO: refused or read up to the cap, one line, exit 2', () => {
    const r = bash('eval "$CLI check /tmp"; echo "dir=$?"; eval "$CLI check /dev/zero"; echo "zero=$?"; '
      + `d=$(mktemp -d); mkfifo "$d/f"; (cat ${JSON.stringify(fixture('good.yaml'))} > "$d/f" &); eval "$CLI check $d/f"; echo "fifo=$?"; rm -r "$d"`);
    expect(r.stderr).toContain('cdk8s-daemonsets: cannot read /tmp: it is a directory\n');
    expect(r.stdout).toContain('dir=2');
    expect(r.stderr).toContain('cdk8s-daemonsets: /dev/zero is larger than 128 MiB, the most check and migrate read\n');
    expect(r.stdout).toContain('zero=2');
    // A FIFO (as `<(…)` gives) is read like a file.
    expect(r.stdout).toContain('0 errors, 0 warnings in 1 file (3 objects)\nfifo=0');
  }, 120_000);
});
