import { baseDaemonSet } from './base';
import { DaemonSetValidator, ValidationSeverity } from '../../src';

const W = ValidationSeverity.WARNING;
const E = ValidationSeverity.ERROR;
const named = (kind: string, name: string, apiVersion = 'v1') => ({ apiVersion, kind, metadata: { name, ...(kind === 'Namespace' || kind.startsWith('Cluster') ? {} : { namespace: 'agents' }) } });
const nameFindings = (m: any) => DaemonSetValidator.validate(m).filter(f => f.rule === 'metadata-name');

describe('metadata.name follows the rule of its kind', () => {
  test('a Namespace name is a DNS-1123 label: a dot is an error that says label', () => {
    const [f] = nameFindings(named('Namespace', 'a.b'));
    expect(f).toMatchObject({ severity: E, path: 'metadata.name' });
    expect(f.message).toContain('label');
    expect(f.message).not.toContain('subdomain');
    expect(nameFindings(named('Namespace', 'a'.repeat(64)))[0].message).toContain('no more than 63 characters');
    expect(nameFindings(named('Namespace', 'agents'))).toEqual([]);
  });

  test('a Namespace generateName is a label prefix too', () => {
    const findings = DaemonSetValidator.validate({ apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'a.b-' } }).filter(f => f.rule === 'metadata-name');
    expect(findings.map(f => f.path)).toEqual(['metadata.generateName']);
    expect(DaemonSetValidator.validate({ apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'ab-' } }).filter(f => f.rule === 'metadata-name')).toEqual([]);
  });

  test('a Service name is a DNS-1035 label: no dot, no leading digit', () => {
    expect(nameFindings(named('Service', 'a.b'))[0].message).toContain('DNS-1035 label');
    expect(nameFindings(named('Service', '1abc'))[0].message).toContain('start with an alphabetic character');
    expect(nameFindings(named('Service', 'abc-1'))).toEqual([]);
  });

  test('ServiceAccount, ConfigMap, Secret and DaemonSet names are DNS-1123 subdomains: dots are fine', () => {
    for (const kind of ['ServiceAccount', 'ConfigMap', 'Secret']) {
      expect(nameFindings(named(kind, 'a.b'))).toEqual([]);
      expect(nameFindings(named(kind, 'A_b'))[0].message).toContain('subdomain');
    }
    expect(nameFindings({ ...baseDaemonSet(), metadata: { ...baseDaemonSet().metadata, name: 'a.b' } })).toEqual([]);
  });

  test('RBAC names are path segments: colons and capitals pass, "/", "%", "." and ".." do not', () => {
    const rbac = 'rbac.authorization.k8s.io/v1';
    expect(nameFindings(named('ClusterRole', 'system:Node-Exporter', rbac))).toEqual([]);
    expect(nameFindings(named('Role', 'a/b', rbac))[0].message).toContain("may not contain '/'");
    expect(nameFindings(named('RoleBinding', 'a%b', rbac))[0].message).toContain("may not contain '%'");
    expect(nameFindings(named('ClusterRoleBinding', '..', rbac))[0].message).toContain("may not be '..'");
  });
});

describe('Lists are validated item by item', () => {
  const ds = baseDaemonSet();
  const badDs = { ...ds, apiVersion: 'extensions/v1beta1' };

  test('validateAll: a List has no name of its own; its items are checked and named as List items', () => {
    const findings = DaemonSetValidator.validateAll([{ apiVersion: 'v1', kind: 'List', items: [badDs] }]);
    expect(findings.filter(f => f.rule === 'metadata-name')).toEqual([]);
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'api-version-removed', path: 'apiVersion', resource: `DaemonSet ${ds.metadata.namespace}/${ds.metadata.name} (List items[0])` }));
  });

  test('validateYaml: a DaemonSetList (kubectl get -o yaml) too, and validate() as well', () => {
    const yaml = `apiVersion: apps/v1\nkind: DaemonSetList\nmetadata: {resourceVersion: ""}\nitems:\n- ${JSON.stringify(badDs)}\n`;
    const viaYaml = DaemonSetValidator.validateYaml(yaml);
    expect(viaYaml.map(f => f.resource)).toContain(`DaemonSet ${ds.metadata.namespace}/${ds.metadata.name} (DaemonSetList items[0])`);
    expect(viaYaml.filter(f => f.rule === 'api-version-removed')).toHaveLength(1);
    expect(DaemonSetValidator.validate({ apiVersion: 'v1', kind: 'List', items: [badDs] }).filter(f => f.rule === 'api-version-removed')).toHaveLength(1);
  });

  test('items of a List count for the cross-object checks', () => {
    const withSa = { ...ds, spec: { ...ds.spec, template: { ...ds.spec.template, spec: { ...ds.spec.template.spec, serviceAccountName: 'agent' } } } };
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: ds.metadata.namespace } };
    expect(DaemonSetValidator.validateAll([{ apiVersion: 'v1', kind: 'List', items: [sa, withSa] }]).filter(f => f.rule === 'service-account-missing')).toEqual([]);
    expect(DaemonSetValidator.validateAll([{ apiVersion: 'v1', kind: 'List', items: [withSa] }]).filter(f => f.rule === 'service-account-missing')).toHaveLength(1);
  });

  test('items that are not a list, and items that are not objects, are manifest-shape errors of the List', () => {
    expect(DaemonSetValidator.validateAll([{ apiVersion: 'v1', kind: 'List', items: 'x' }])).toEqual([expect.objectContaining({ rule: 'manifest-shape', path: 'items', resource: 'List' })]);
    expect(DaemonSetValidator.validateAll([{ apiVersion: 'v1', kind: 'List', items: [null] }])).toEqual([expect.objectContaining({ rule: 'manifest-shape', path: 'items[0]', resource: 'List' })]);
  });
});

describe('validateYaml never throws on aliases the reader refuses', () => {
  test('an alias bomb is a yaml-parse error', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const findings = DaemonSetValidator.validateYaml(bomb);
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml-parse', severity: E, resource: 'YAML document 1' })]);
    // kubectl: "yaml: document contains excessive aliasing".
    expect(findings[0].message).toContain('document contains excessive aliasing');
  });

  test('a merge of an undefined alias is a yaml-parse error', () => {
    expect(DaemonSetValidator.validateYaml('kind: ConfigMap\n<<: *nope\n')).toEqual([expect.objectContaining({ rule: 'yaml-parse', severity: E })]);
  });

  test('a scalar document: kubectl refuses the text, a yaml-parse error naming the document and its line', () => {
    // kubectl: json: cannot unmarshal string into Go value of type unstructured.detector
    expect(DaemonSetValidator.validateYaml('---\n---\nhello\n')).toEqual([expect.objectContaining({
      rule: 'yaml-parse', resource: 'YAML document 2', message: 'line 3: the document is a string, not an object, which kubectl refuses ("cannot unmarshal string")',
    })]);
  });
});

describe('duplicate-object', () => {
  const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'agents' } };

  test('two Namespaces of one name: a warning on the later one at metadata.name', () => {
    const findings = DaemonSetValidator.validateAll([ns, { ...ns, metadata: { ...ns.metadata, labels: { a: 'b' } } }]).filter(f => f.rule === 'duplicate-object');
    expect(findings).toEqual([expect.objectContaining({ severity: W, path: 'metadata.name', resource: 'Namespace agents' })]);
    expect(findings[0].message).toContain('kubectl apply would apply this one over the earlier one');
  });

  test('the same DaemonSet twice; no namespace and namespace default are the same namespace', () => {
    const ds = baseDaemonSet();
    expect(DaemonSetValidator.validateAll([ds, ds]).filter(f => f.rule === 'duplicate-object')).toHaveLength(1);
    const cm = (namespace?: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...(namespace ? { namespace } : {}) } });
    expect(DaemonSetValidator.validateAll([cm(), cm('default')]).filter(f => f.rule === 'duplicate-object')).toHaveLength(1);
  });

  test('different names, namespaces, kinds or API groups are different objects; validate() alone never says duplicate', () => {
    const cm = (name: string, namespace: string, kind = 'ConfigMap', apiVersion = 'v1') => ({ apiVersion, kind, metadata: { name, namespace } });
    expect(DaemonSetValidator.validateAll([
      cm('a', 'x'), cm('b', 'x'), cm('a', 'y'), cm('a', 'x', 'Secret'), cm('a', 'x', 'ConfigMap', 'example.com/v1'),
    ]).filter(f => f.rule === 'duplicate-object')).toEqual([]);
    expect(DaemonSetValidator.validate({ apiVersion: 'v1', kind: 'List', items: [ns, ns] }).filter(f => f.rule === 'duplicate-object')).toEqual([]);
  });
});

describe('quantities', () => {
  test('an object where a quantity goes is a resource-quantity error, even with a `nano` field, never a crash', () => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.containers[0].resources.limits.memory = { nano: 'a' };
    expect(DaemonSetValidator.validate(ds).filter(f => f.rule === 'resource-quantity').map(f => f.path))
      .toEqual(['spec.template.spec.containers[0].resources.limits[memory]']);
  });

  test('the parser\'s own reason is kept: an unknown suffix is reported as such', () => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.containers[0].resources.limits.memory = '1KK';
    expect(DaemonSetValidator.validate(ds).find(f => f.rule === 'resource-quantity')?.message).toBe('Invalid value: "1KK": unable to parse quantity\'s suffix');
  });
});
