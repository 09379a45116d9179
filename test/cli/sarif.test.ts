/**
 * `check --format sarif` against the SARIF project's own validator (@microsoft/sarif-multitool
 * `validate`: the SARIF 2.1.0 JSON schema plus the spec's rules), on output with many findings.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli, fixture } from './fake-io';

test('the SARIF of a check with findings is valid SARIF 2.1.0 for the SARIF validator', async () => {
  const r = await cli(['check', '--format', 'sarif', fixture('seed-daemonset.yaml'), fixture('good.yaml')]);
  expect(JSON.parse(r.stdout).runs[0].results.length).toBeGreaterThan(5);
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-sarif-'));
  writeFileSync(join(dir, 'check.sarif'), r.stdout);
  const validate = spawnSync(process.execPath, [require.resolve('@microsoft/sarif-multitool/bin.js'), 'validate', join(dir, 'check.sarif'), '-o', join(dir, 'validation.sarif')],
    { encoding: 'utf8', timeout: 120_000 });
  expect(validate.stdout).toContain('Analysis completed successfully');
  const problems = JSON.parse(readFileSync(join(dir, 'validation.sarif'), 'utf8')).runs[0].results
    .map((x: any) => `${x.level ?? 'warning'} ${x.ruleId} ${JSON.stringify(x.message.arguments ?? x.message.text)}`);
  expect(problems).toEqual([]);
}, 120_000);

test('a backslash in a file name is part of the name on Linux: percent-encoded in the artifact URI, not a folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-sarif-'));
  const file = join(dir, 'team\\agent.yaml');
  writeFileSync(file, readFileSync(fixture('seed-daemonset.yaml')));
  const r = await cli(['check', '--format', 'sarif', file]);
  const uris = JSON.parse(r.stdout).runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri);
  expect(new Set(uris)).toEqual(new Set([`file://${dir.split('/').map(encodeURIComponent).join('/')}/team%5Cagent.yaml`]));
});
