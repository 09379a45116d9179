import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { baseDaemonSet } from './base';
import { DaemonSetValidator } from '../../src';
import { checkSources, formatCheckJson, formatCheckText } from '../../src/cli/check';

const TOKEN = 'hunter2-S3cr3t';

/** What output must not contain: the value as written, or as JSON escapes it. */
function leaks(text: string, value: string): boolean {
  return text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1));
}

function withContainer(patch: object): any {
  const ds = baseDaemonSet();
  Object.assign(ds.spec.template.spec.containers[0], patch);
  return ds;
}

/** Every finding's text, as `check` prints it in text and in JSON. */
function checkOutput(manifest: object): string {
  const result = checkSources([{ name: 'agent.yaml', text: stringify(manifest) }]);
  return formatCheckText(result) + formatCheckJson(result);
}

describe('findings never show a credential', () => {
  test('an env value of the wrong type is masked, whatever its name', () => {
    // kubectl sends `value: 12345678` as a number; the API server refuses to decode it. Before:
    // `Invalid value: 12345678: must be a string` printed the (numeric) password itself.
    const findings = DaemonSetValidator.validate(withContainer({ env: [{ name: 'DB_PASSWORD', value: 12345678 }, { name: 'X', value: { v: TOKEN } }] }));
    const messages = findings.filter(f => f.rule === 'field-type').map(f => `${f.path}: ${f.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.env\[0\]\.value: Invalid value: \*\*\* \(8 characters\): must be a string/),
      expect.stringMatching(/^spec\.template\.spec\.containers\[0\]\.env\[1\]\.value: Invalid value: \*\*\* \(an object\): must be a string/),
    ]);
  });

  test('a credential in an AppArmor annotation or a volume reference is masked in the detail too, not only after "Invalid value"', () => {
    const apparmor = baseDaemonSet();
    apparmor.spec.template.metadata.annotations = {
      [`container.apparmor.security.beta.kubernetes.io/${apparmor.spec.template.spec.containers[0].name}`]: `http://agent:${TOKEN}@profiles.example.com/x`,
    };
    const volume = baseDaemonSet();
    volume.spec.template.spec.volumes = [{ name: 'v', configMap: { name: { value: `https://h.example.com/?token=${TOKEN}` } } }];
    for (const [manifest, rule] of [[apparmor, 'template-annotations-pod'], [volume, 'volume-reference-name']] as const) {
      const findings = DaemonSetValidator.validate(manifest);
      expect(findings.map(f => f.rule)).toContain(rule);
      for (const f of findings) expect(leaks(f.message, TOKEN)).toBe(false);
      expect(leaks(checkOutput(manifest), TOKEN)).toBe(false);
    }
  });

  test('the value of a secret-looking flag given as the next item', () => {
    // Before: `"\"hunter2-S3cr3t\"": no shell runs, so the program receives the quotes; write "hunter2-S3cr3t"`.
    const findings = DaemonSetValidator.validate(withContainer({ args: ['--web.auth-token', `"${TOKEN}"`, `--db.password ${TOKEN}`, `--api-key='${TOKEN}'`] }));
    const text = findings.map(f => f.message).join('\n');
    expect(text).toContain('*** (16 characters): no shell runs, so the program receives the quotes; write it without them');
    expect(text).toContain('"--db.password ***" is one argument; write --db.password=***');
    expect(text).toContain('"--api-key=***": no shell runs');
    expect(leaks(text, TOKEN)).toBe(false);
  });

  test('for any secret-looking env name or flag and any value, neither validate() nor check output shows it', () => {
    const name = fc.constantFrom('DB_PASSWORD', 'API_TOKEN', 'CLIENT_SECRET', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'PASSWD');
    const value = fc.oneof(
      fc.tuple(fc.string({ minLength: 6, maxLength: 30 }), fc.constantFrom('', '\n', ' ', '\t')).map(([v, end]) => v + end),
      fc.integer({ min: 100_000, max: 2 ** 40 }).map(String),
    );
    // A value any output holds anyway (white space, `must b`) proves nothing.
    const anyway = checkOutput(withContainer({ env: [{ name: 'DB_PASSWORD', value: 1 }], args: ['--x', "'y'"] }));
    fc.assert(fc.property(name, value, fc.constantFrom('string', 'number', 'object', 'list'), (envName, secret, as) => {
      fc.pre(/\S.*\S.*\S.*\S/.test(secret) && !leaks(anyway, secret));
      const typed = as === 'string' ? secret : as === 'number' && /^\d+$/.test(secret) ? Number(secret) : as === 'list' ? [secret] : { v: secret };
      const manifest = withContainer({
        env: [{ name: envName, value: typed }],
        args: [`--${envName.toLowerCase().replace(/_/g, '.')}`, `'${secret}'`, `--${envName.toLowerCase()}="${secret}"`],
      });
      const findings = JSON.stringify(DaemonSetValidator.validate(manifest));
      expect(leaks(findings, secret)).toBe(false);
      expect(leaks(checkOutput(manifest), secret)).toBe(false);
    }), { numRuns: 80 });
  });
});
