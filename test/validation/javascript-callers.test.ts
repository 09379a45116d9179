import { baseDaemonSet } from './base';
import { DaemonSetValidator, ValidationFinding } from '../../src';

/** The one finding of a manifest the validator could not check, as `rule path: message`. */
function shapeFindings(findings: ValidationFinding[]): string[] {
  return findings.filter(f => f.rule === 'manifest-shape').map(f => `${f.resource} ${f.path}: ${f.message}`);
}

/**
 * `DaemonSetValidator.validate()` is documented never to throw, and JavaScript callers pass objects
 * no YAML file can hold. kubectl never sees such a value (JSON.stringify throws on a BigInt or a
 * cycle, drops a Symbol, writes a hole as null), so each is an error finding naming its path.
 */
describe('DaemonSetValidator and JavaScript callers', () => {
  const withSpec = (patch: (ds: any) => void) => {
    const ds = baseDaemonSet();
    patch(ds);
    return ds;
  };

  test.each<[string, any, string]>([
    // Before: reported as an int32 error with the value shown as 10, as if it were a number.
    ['a BigInt', withSpec(ds => ds.spec.minReadySeconds = 10n), 'manifest spec.minReadySeconds: Invalid value: a BigInt: JSON and YAML have no BigInt'],
    // Before: the Symbol label passed unnoticed (JSON.stringify drops it: kubectl would apply no such label).
    ['a Symbol', withSpec(ds => ds.metadata.labels.team = Symbol('t')), 'manifest metadata.labels.team: Invalid value: a Symbol: JSON and YAML have no Symbol'],
    // Before: the hole was skipped: no finding, while kubectl would send `null` and the API server refuse it.
    // eslint-disable-next-line no-sparse-arrays
    ['a hole', withSpec(ds => ds.spec.template.spec.tolerations = [, { operator: 'Exists' }]), 'manifest spec.template.spec.tolerations[0]: Invalid value: nothing: is a hole in the list'],
    ['a cycle', withSpec(ds => ds.metadata.annotations = { self: ds.metadata }), 'manifest metadata.annotations.self: Invalid value: an object: contains itself (a cycle)'],
  ])('%s is an error finding at its path', (_, manifest, expected) => {
    const findings = DaemonSetValidator.validate(manifest);
    expect(shapeFindings(findings)).toEqual([expect.stringContaining(expected)]);
    expect(DaemonSetValidator.hasErrors(findings)).toBe(true);
  });

  test('an object that throws when read is a finding, never an exception', () => {
    const getter = baseDaemonSet();
    Object.defineProperty(getter.spec, 'template', { enumerable: true, get: () => { throw new Error('template is not loaded yet'); } });
    const proxy = new Proxy({}, { get: () => { throw new TypeError('revoked'); }, ownKeys: () => { throw new TypeError('revoked'); } });
    // Before: validate() threw "template is not loaded yet" and "revoked" at the caller.
    expect(shapeFindings(DaemonSetValidator.validate(getter))).toEqual(['manifest (document): Invalid value: an object: could not be read (Error: template is not loaded yet)']);
    expect(shapeFindings(DaemonSetValidator.validate(proxy as any))).toEqual(['manifest (document): Invalid value: an object: could not be read (TypeError: revoked)']);
    // One unreadable object does not hide the others' findings.
    const all = DaemonSetValidator.validateAll([proxy as any, withSpec(ds => ds.spec.minReadySeconds = -1)]);
    expect(all.map(f => f.rule)).toEqual(expect.arrayContaining(['manifest-shape', 'non-negative-field']));
  });

  test('null options (a JavaScript caller\'s "no options") are no options, never a TypeError', () => {
    // Before: "Cannot read properties of null (reading 'suppress')" from all three entry points.
    const bad = withSpec(ds => ds.spec.minReadySeconds = -1);
    const rules = (fs: Array<{ rule: string }>) => fs.map(f => f.rule);
    expect(rules(DaemonSetValidator.validate(bad, null as any))).toEqual(rules(DaemonSetValidator.validate(bad)));
    expect(rules(DaemonSetValidator.validateAll([bad], null as any))).toEqual(rules(DaemonSetValidator.validateAll([bad])));
    const yaml = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: Bad_Name}\n';
    expect(rules(DaemonSetValidator.validateYaml(yaml, null as any))).toEqual(['metadata-name']);
  });

  test('a credential in the thrown message is masked', () => {
    const manifest = baseDaemonSet();
    Object.defineProperty(manifest, 'spec', { enumerable: true, get: () => { throw new Error('GET https://u:hunter2@api.example.com/spec?token=hunter2 failed'); } });
    const text = JSON.stringify(DaemonSetValidator.validate(manifest));
    expect(text).toContain('could not be read (Error: GET https://***@api.example.com/spec?token=*** failed)');
    expect(text).not.toContain('hunter2');
  });
});

describe('names of Object.prototype members in a manifest are ordinary values', () => {
  // An argument `toString` once picked up Object.prototype.toString from the renamed-flags table
  // and crashed the validator (a false manifest-shape error that hid every other finding).
  const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf', '__defineGetter__'];
  test.each(NAMES)('%s as an argument, a flag, a volume source, a resource suffix, a kind and a seccomp type', name => {
    const ds = baseDaemonSet();
    const pod = ds.spec.template.spec;
    pod.containers[0].args = [name, `--${name}`, `--${name}=x`, '--log-level', name];
    pod.containers[0].resources = { requests: { memory: `1${name}` } };
    pod.volumes = [{ name: 'v', [name]: {} }];
    ds.spec.template.metadata.annotations = { ['seccomp.security.alpha.kubernetes.io/pod']: name };
    const findings = [...DaemonSetValidator.validate(ds), ...DaemonSetValidator.validateAll([ds, { apiVersion: 'v1', kind: name, metadata: { name: 'x' } }])];
    expect(findings.filter(f => f.rule === 'manifest-shape' || /TypeError|could not be read/.test(f.message))).toEqual([]);
    // The validator still reads the document: the resource suffix is refused as a quantity.
    expect(findings.map(f => f.rule)).toContain('resource-quantity');
  });
});
