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
  const r = spawnSync(process.execPath, [tsNode, '--transpile-only', '--project', join(ROOT, 'tsconfig.dev.json'), MAIN, 'check', fixture('seed-daemonset.yaml')],
    { encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
  expect(r.status).toBe(1);
  expect(r.stdout).toContain('(api-version-removed)');
  expect(r.stdout.trimEnd().split('\n').pop()).toBe('2 errors, 30 warnings in 1 file (1 object)');
}, 60_000);
