import { baseDaemonSet } from './base';
import { DaemonSetValidator, ValidationSeverity } from '../../src';

const W = ValidationSeverity.WARNING;
const E = ValidationSeverity.ERROR;

const role = (rules: any[]) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'agent' }, rules });

/** The rules that look at objects beside the DaemonSet, and at the manifest's shape. */
describe.each<[string, any, string, ValidationSeverity, string]>([
  ['a wildcard verb', role([{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }]), 'rbac-wildcard', W, 'rules[0]'],
  ['a binding to cluster-admin', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'agent' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ kind: 'ServiceAccount', name: 'agent', namespace: 'agents' }],
  }, 'rbac-wildcard', W, 'roleRef.name'],
  ['reading Secrets', role([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]), 'rbac-secrets', W, 'rules[0]'],
  ['creating pods', role([{ apiGroups: [''], resources: ['pods'], verbs: ['create'] }]), 'rbac-create-pods', W, 'rules[0]'],
  ['pods/exec', role([{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }]), 'rbac-exec', W, 'rules[0]'],
  ['a NodePort Service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'agent', namespace: 'agents' },
    spec: { type: 'NodePort', selector: { app: 'agent' }, ports: [{ port: 80 }] },
  }, 'service-type-exposed', W, 'spec.type'],
  ['a password in a ConfigMap', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agent', namespace: 'agents' }, data: { password: 'hunter2' },
  }, 'config-map-credentials', W, 'data[password]'],
  ['a manifest that is not an object', 42, 'manifest-shape', E, '(document)'],
  ['a manifest without kind', { apiVersion: 'v1', metadata: { name: 'x' } }, 'manifest-shape', E, 'kind'],
])('%s', (_name, manifest, rule, severity, path) => {
  it(`is ${severity} ${rule} at "${path}"`, () => {
    expect(DaemonSetValidator.validate(manifest)).toContainEqual(expect.objectContaining({ rule, severity, path }));
  });
});

test('procMount Unmasked (with hostUsers false) warns that it exposes the host /proc', () => {
  const ds = baseDaemonSet();
  ds.spec.template.spec.hostUsers = false;
  ds.spec.template.spec.containers[0].securityContext.procMount = 'Unmasked';
  expect(DaemonSetValidator.validate(ds)).toContainEqual(expect.objectContaining({
    rule: 'proc-mount-unmasked', severity: W, path: 'spec.template.spec.containers[0].securityContext.procMount',
  }));
});

test('a least-privilege ClusterRole has no finding', () => {
  expect(DaemonSetValidator.validate(role([{ apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] }]))).toEqual([]);
});
