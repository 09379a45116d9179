import { exampleNames } from '../examples/synth';
import { DaemonSetValidator, ValidationSeverity } from '../src';
import { synthExample } from './helpers/synth';

const names = exampleNames();

test('there are examples', () => {
  expect(names).toEqual(expect.arrayContaining(['node-exporter', 'seed-node-exporter']));
});

describe.each(names)('example %s', (name) => {
  const manifests = synthExample(name);
  const daemonSets = manifests.filter(m => m.kind === 'DaemonSet');

  test('holds at least one DaemonSet, every one apps/v1', () => {
    expect(daemonSets.length).toBeGreaterThan(0);
    for (const ds of daemonSets) expect(ds.apiVersion).toBe('apps/v1');
  });

  test('has no replicas anywhere', () => {
    expect(JSON.stringify(manifests)).not.toMatch(/"replicas"/);
  });

  test('every selector matches its template labels', () => {
    for (const ds of daemonSets) {
      const selector = ds.spec.selector.matchLabels;
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      expect(ds.spec.template.metadata.labels).toMatchObject(selector);
    }
  });

  test('no selector holds a version label', () => {
    for (const ds of daemonSets) expect(ds.spec.selector.matchLabels['app.kubernetes.io/version']).toBeUndefined();
  });

  test('the validator finds no error in any object', () => {
    const errors = manifests.flatMap(m => DaemonSetValidator.validate(m)).filter(f => f.severity === ValidationSeverity.ERROR);
    expect(errors).toEqual([]);
  });

  test('synthesizes byte-identical output twice', () => {
    expect(JSON.stringify(synthExample(name))).toBe(JSON.stringify(manifests));
  });
});
