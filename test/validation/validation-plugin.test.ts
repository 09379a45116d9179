import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { DaemonSetValidationPlugin } from '../../src';

const ROOT = join(__dirname, '..', '..');

/** A DaemonSet written as a raw ApiObject, not with this library: under hostNetwork, hostPort must equal containerPort. */
function daemonSetYaml(hostPort: number): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: agents
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: example.com/agent:1.0.0
          ports: [{containerPort: 9100, hostPort: ${hostPort}}]
`;
}

describe('DaemonSetValidationPlugin with cdk8s-cli\'s own ValidationContext and report', () => {
  function run(yaml: string, props = {}, metadata = {}): any {
    const dir = mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-plugin-'));
    writeFileSync(join(dir, 'app.k8s.yaml'), yaml);
    const context = new ValidationContext([join(dir, 'app.k8s.yaml')], 'cdk8s-daemonsets', '0.0.0', metadata);
    return new DaemonSetValidationPlugin(props).validate(context as any).then(() => ({ report: context.report.toJson(), dir }));
  }

  test('an error fails the report; each violation carries rule, severity, object, field path, message, fix and the construct path', async () => {
    const { report, dir } = await run(daemonSetYaml(9101), { hostAccessOptedIn: true }, { agent: { path: 'tiny/ds' } });
    expect(report.summary.status).toBe('failure');
    const violation = report.violations.find((v: any) => v.ruleName === 'host-network-host-port (error)');
    expect(violation).toEqual({
      ruleName: 'host-network-host-port (error)',
      recommendation: 'DaemonSet agents/agent: spec.template.spec.containers[0].ports[0].hostPort: Invalid value: 9101: must match `containerPort` when `hostNetwork` is true',
      fix: 'Set `hostPort` equal to `containerPort` (or leave it out).',
      violatingConstructs: [{ resourceName: 'agent', manifestPath: join(dir, 'app.k8s.yaml'), locations: ['spec.template.spec.containers[0].ports[0].hostPort'], constructPath: 'tiny/ds' }],
    });
    expect(report.summary.metadata.errors).toBe('1');
  });

  test('warnings alone pass, unless warningsAsErrors; suppressed warnings are not reported', async () => {
    const lenient = (await run(daemonSetYaml(9100), { hostAccessOptedIn: true })).report;
    expect(lenient.summary.status).toBe('success');
    expect(lenient.violations.map((v: any) => v.ruleName)).toContain('readiness-gate-missing (warning)');
    const strict = (await run(daemonSetYaml(9100), { hostAccessOptedIn: true, warningsAsErrors: true })).report;
    expect(strict.summary.status).toBe('failure');
    // readiness-probe-missing, the id presets acknowledge, silences the pod's one readiness finding too.
    const quiet = (await run(daemonSetYaml(9100), { hostAccessOptedIn: true, suppress: ['readiness-probe-missing'] })).report;
    expect(quiet.violations.map((v: any) => v.ruleName)).not.toContain('readiness-gate-missing (warning)');
  });

  test('host-access warnings are reported unless hostAccessOptedIn', async () => {
    const { report } = await run(daemonSetYaml(9100));
    expect(report.violations.map((v: any) => v.ruleName)).toContain('host-access (warning)');
  });

  test('YAML that does not parse fails the report, naming the document', async () => {
    const { report } = await run('a: [\n');
    expect(report.summary.status).toBe('failure');
    expect(report.violations[0].ruleName).toBe('yaml-parse (error)');
    expect(report.violations[0].violatingConstructs[0].resourceName).toBe('YAML document 1');
  });

  test('a file with a document kubectl refuses is reported by that refusal alone, as check reports it', async () => {
    const { report } = await run(`${daemonSetYaml(9101)}---\na: [\n`, { hostAccessOptedIn: true });
    expect(report.summary.status).toBe('failure');
    expect(report.violations.map((v: any) => v.ruleName)).toEqual(['yaml-parse (error)']);
    expect(report.violations[0].violatingConstructs[0].resourceName).toBe('YAML document 2');
  });

  test('kubernetesVersion: the release to check against (the AppArmor field is unknown at the default 1.27, known at 1.30)', async () => {
    const yaml = daemonSetYaml(9100).replace('      hostNetwork: true\n', '      hostNetwork: true\n      securityContext: {appArmorProfile: {type: RuntimeDefault}}\n');
    const rules = async (props: object) => (await run(yaml, props)).report.violations.map((v: any) => v.ruleName);
    expect(await rules({})).toContain('unknown-field (error)');
    expect(await rules({ kubernetesVersion: '1.30' })).not.toContain('unknown-field (error)');
    expect(() => new DaemonSetValidationPlugin({ kubernetesVersion: '1.26' }))
      .toThrow('DaemonSetValidationPlugin properties.kubernetesVersion: 1.26 is not supported: use 1.27 to 1.37');
  });

  test('suppressing an error rule is refused when cdk8s-cli creates the plugin', () => {
    expect(() => new DaemonSetValidationPlugin({ suppress: ['host-network-host-port'] }))
      .toThrow('DaemonSetValidationPlugin properties.suppress[0]: "host-network-host-port" is an error rule; errors cannot be silenced');
  });
});

describe('the real `cdk8s synth --validate` (cdk8s-cli) with the plugin in cdk8s.yaml', () => {
  /**
   * A tiny app in a temporary directory: one raw ApiObject DaemonSet. The plugin is loaded from a
   * local path, as `package: ./path` in cdk8s.yaml allows; the shim loads this library's source.
   */
  function synthValidate(hostPort: number): { status: number | null; output: string } {
    const dir = mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-synth-'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    mkdirSync(join(dir, 'plugin'));
    writeFileSync(join(dir, 'plugin', 'index.js'), [
      // SWC strips the types in a fifth of TypeScript's time (each synth process loads the validation module anew).
      `require(${JSON.stringify(join(ROOT, 'node_modules', 'ts-node'))}).register({ swc: true, project: ${JSON.stringify(join(ROOT, 'tsconfig.dev.json'))} });`,
      // The validation engine alone: the plugin needs no construct, and loading fewer files keeps the test fast.
      `module.exports = require(${JSON.stringify(join(ROOT, 'src', 'validation', 'engine'))});`,
    ].join('\n'));
    writeFileSync(join(dir, 'main.js'), `
const { ApiObject, App, Chart, Yaml } = require('cdk8s');
const app = new App();
const chart = new Chart(app, 'tiny');
new ApiObject(chart, 'ds', Yaml.load(${JSON.stringify(join(dir, 'ds.yaml'))})[0]);
app.synth();
`);
    writeFileSync(join(dir, 'ds.yaml'), daemonSetYaml(hostPort));
    writeFileSync(join(dir, 'cdk8s.yaml'), `app: node main.js
validations:
  - package: ./plugin
    version: 0.0.0
    class: DaemonSetValidationPlugin
    properties:
      hostAccessOptedIn: true
`);
    // --no-check-upgrade: cdk8s-cli would otherwise ask the npm registry for a newer version of itself.
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), '--no-check-upgrade', 'synth', '--validate'], {
      cwd: dir, encoding: 'utf8', timeout: 120_000,
    });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  }

  test('fails on a raw DaemonSet whose hostPort differs from its containerPort under hostNetwork, naming the rule', () => {
    const { status, output } = synthValidate(9101);
    expect(status).not.toBe(0);
    expect(output).toContain('host-network-host-port (error)');
    expect(output).toContain('Construct Path: tiny/ds');
    expect(output).toContain('spec.template.spec.containers[0].ports[0].hostPort');
    expect(output).toContain('How to fix: Set `hostPort` equal to `containerPort` (or leave it out).');
  }, 180_000);

  test('passes once the hostPort is fixed', () => {
    const { status, output } = synthValidate(9100);
    expect(output).not.toContain('host-network-host-port');
    expect(status).toBe(0);
  }, 180_000);
});
