import { baseDaemonSet } from './base';
import { assertSchemaValid, expectValidManifests } from '../helpers/schema';

test('the base DaemonSet conforms to the Kubernetes schema', () => {
  expectValidManifests([baseDaemonSet()]);
});

test('a wrong type breaks the schema', () => {
  const ds = baseDaemonSet();
  ds.spec.template.spec.containers[0].ports[0].containerPort = 'http';
  expect(() => assertSchemaValid(ds)).toThrow(/DaemonSet agent/);
});

test('a missing required field breaks the schema', () => {
  const ds = baseDaemonSet();
  delete ds.spec.template.spec.containers[0].name;
  expect(() => assertSchemaValid(ds)).toThrow();
});

test('objects of other groups load their own model', () => {
  expect(() => assertSchemaValid({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ verbs: 5 }] })).toThrow();
  expectValidManifests([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } }]);
});
