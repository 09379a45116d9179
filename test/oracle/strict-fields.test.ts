/**
 * Strict fields, removed APIs, deprecation warnings and the release-dependent Pod Security check,
 * against kube-apiserver's own code (the oracle, k8s.io/kubernetes v1.37.2, fieldValidation=Strict).
 *
 * The validator runs at the oracle's release (`kubernetesVersion: '1.37'`). The oracle validates
 * only at the release its go.mod pins; its `-kubernetes-version` flag moves the Pod Security
 * policy version, which is what the probe-host case uses. Checking another release's decoding
 * means building the oracle with a go.mod that pins that release (oracle/README.md): the Go
 * module proxy here serves k8s.io/kubernetes from v1.29.6 on.
 */
import * as fc from 'fast-check';
import { ORACLE_KUBERNETES_VERSION } from './compare';
import { validDaemonSet } from './daemonsets';
import { describeWithOracle, OracleAnswer } from './oracle';
import { DaemonSetValidator, ValidationFinding } from '../../src';
import { REMOVED_APIS } from '../../src/validation/removed-apis';
import { agentDaemonSet, GATED_FIELD_PATHS, gatedFieldsDaemonSet, laterFieldsDaemonSet } from '../validation/later-fields';

const AT = { kubernetesVersion: ORACLE_KUBERNETES_VERSION };

/** The validator's unknown-field paths for the objects, sorted. */
function unknownFields(manifests: any[]): string[] {
  return DaemonSetValidator.validateAll(manifests, AT).filter(f => f.rule === 'unknown-field').map(f => f.path).sort();
}

/** The oracle's strict-decoding paths (unknown and duplicate fields), sorted. */
function strictFields(answer: OracleAnswer): string[] {
  return answer.objects.flatMap(o => o.server.strict.map(e => e.field)).sort();
}

const meta = { name: 'node-agent', namespace: 'monitoring' };

/** One misspelled or misplaced field in each kind shipped beside a DaemonSet, at several depths. */
const COMPANIONS: Array<[string, any]> = [
  ['Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labelz: { a: 'b' } }, spec: { finalizerz: [] } }],
  ['ServiceAccount', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta, automountServiceAccountTokens: false, imagePullSecrets: [{ name: 'pull', namespace: 'x' }] }],
  ['ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...meta, Labels: { a: 'b' } }, data: { a: 'b' }, binaryDataa: null }],
  ['Secret', { apiVersion: 'v1', kind: 'Secret', metadata: meta, stringDataa: { a: 'b' }, type: 'Opaque' }],
  ['Service', { apiVersion: 'v1', kind: 'Service', metadata: meta, spec: { selector: { app: 'a' }, ports: [{ port: 9100, targetPortt: 9100 }], internalTrafficPolicyy: 'Local' } }],
  ['ClusterRole', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'node-agent' }, rules: [{ apiGroups: [''], resources: ['nodes'], verbz: ['get'] }] }],
  ['ClusterRoleBinding', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'node-agent' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-agent', namespace: 'x' },
    subjects: [{ kind: 'ServiceAccount', name: 'node-agent', namespacee: 'monitoring' }],
  }],
  ['Role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'], resourceName: ['x'] }] }],
  ['RoleBinding', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: meta,
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'node-agent' },
    subjects: [{ kind: 'ServiceAccount', name: 'node-agent' }],
    subject: [],
  }],
  ['PriorityClass', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'node-agent' }, value: 1000, preemptionPolicyy: 'Never' }],
  ['PodDisruptionBudget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta, spec: { maxUnavailable: 1, selector: { matchLabels: { a: 'b' }, matchLabel: {} } } }],
  ['NetworkPolicy', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta, spec: { podSelector: {}, ingress: [{ from: [{ podSelectorr: {} }], ports: [{ port: 9100 }] }] } }],
  ['Deployment', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta,
    spec: { selector: { matchLabels: { a: 'b' } }, strategy: { rollingUpdate: { maxSurgee: 1 } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'a', image: 'busybox:1.36', Image: 'x' }] } } },
  }],
  ['ResourceQuota', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta, spec: { hardd: { pods: '10' } } }],
  ['LimitRange', { apiVersion: 'v1', kind: 'LimitRange', metadata: meta, spec: { limits: [{ type: 'Container', maxx: { cpu: '1' } }] } }],
];

describeWithOracle('strict fields, removed APIs and deprecations, against kube-apiserver', (o) => {
  test('every companion kind: the unknown fields kube-apiserver names, at its paths (and only those)', () => {
    const answers = o.run(COMPANIONS.map(([id, m]) => ({ id, input: JSON.stringify(m) })));
    const rows = COMPANIONS.map(([id, m], i) => ({ id, oracle: strictFields(answers[i]), validator: unknownFields([m]) }));
    for (const row of rows) expect(row.validator).toEqual(row.oracle);
    // What the server said, so a change in it shows here (every case has at least one).
    expect(Object.fromEntries(rows.map(r => [r.id, r.oracle]))).toEqual({
      Namespace: ['metadata.labelz', 'spec.finalizerz'],
      ServiceAccount: ['automountServiceAccountTokens', 'imagePullSecrets[0].namespace'],
      ConfigMap: ['binaryDataa', 'metadata.Labels'],
      Secret: ['stringDataa'],
      Service: ['spec.internalTrafficPolicyy', 'spec.ports[0].targetPortt'],
      ClusterRole: ['rules[0].verbz'],
      ClusterRoleBinding: ['roleRef.namespace', 'subjects[0].namespacee'],
      Role: ['rules[0].resourceName'],
      RoleBinding: ['subject'],
      PriorityClass: ['preemptionPolicyy'],
      PodDisruptionBudget: ['spec.selector.matchLabel'],
      NetworkPolicy: ['spec.ingress[0].from[0].podSelectorr'],
      Deployment: ['spec.strategy.rollingUpdate.maxSurgee', 'spec.template.spec.containers[0].Image'],
      ResourceQuota: ['spec.hardd'],
      LimitRange: ['spec.limits[0].maxx'],
    });
  });

  test('a field inserted anywhere in generated DaemonSets: the validator names what kube-apiserver names', () => {
    const key = fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/);
    const cases = fc.sample(fc.tuple(validDaemonSet, key, fc.nat()), { seed: 20261204, numRuns: 300 }).map(([ds, field, pick], i) => {
      const objects = objectsOf(ds);
      // null: a value of no type, so only strict decoding can refuse it.
      objects[pick % objects.length][field] = null;
      return { id: `insert#${i}`, manifest: ds };
    });
    const answers = o.run(cases.map(c => ({ id: c.id, input: JSON.stringify(c.manifest) })));
    const disagreements = cases.flatMap((c, i) => {
      const oracle = strictFields(answers[i]);
      const validator = unknownFields([c.manifest]);
      return JSON.stringify(oracle) === JSON.stringify(validator) ? [] : [{ id: c.id, oracle, validator }];
    });
    expect(disagreements).toEqual([]);
    // The sample must exercise the rule: most insertions are unknown fields (the rest hit a real field or a map key).
    expect(answers.filter(a => strictFields(a).length > 0).length).toBeGreaterThan(150);
  });

  test('every removed group/version/kind of the table: kube-apiserver v1.37 does not serve it, the validator says api-version-removed', () => {
    const cases = REMOVED_APIS.map((api, i) => ({
      id: `removed#${i}`,
      manifest: { apiVersion: api.group ? `${api.group}/${api.version}` : api.version, kind: api.kind, metadata: { name: 'x', namespace: 'monitoring' } },
    }));
    const answers = o.run(cases.map(c => ({ id: c.id, input: JSON.stringify(c.manifest) })));
    expect(answers.filter(a => a.objects[0].server.served).map(a => a.id)).toEqual([]);
    const missed = cases.filter(c => !DaemonSetValidator.validate(c.manifest, AT).some(f => f.rule === 'api-version-removed' && f.path === 'apiVersion'));
    expect(missed.map(c => `${c.manifest.apiVersion} ${c.manifest.kind}`)).toEqual([]);
    expect(cases.length).toBe(57);
  });

  test('deprecated annotations and node labels: the warnings kubectl prints, path and text', () => {
    const ds = deprecatedDaemonSet();
    const [answer] = o.run([{ id: 'deprecated', input: JSON.stringify(ds) }]);
    const ours = DaemonSetValidator.validate(ds, AT).filter(f => f.rule === 'deprecated-annotation' || f.rule === 'deprecated-node-label');
    expect(ours.map(warningText).sort()).toEqual([...answer.objects[0].server.warnings].sort());
    expect(ours.length).toBe(9);
  });

  test('seccomp and AppArmor annotations next to their fields: kube-apiserver is silent, and so is the validator', () => {
    const ds = deprecatedDaemonSet();
    const pod = ds.spec.template.spec;
    pod.securityContext = { seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'RuntimeDefault' } };
    pod.containers[0].securityContext = { seccompProfile: { type: 'RuntimeDefault' } };
    const [answer] = o.run([{ id: 'deprecated-with-fields', input: JSON.stringify(ds) }]);
    const ours = DaemonSetValidator.validate(ds, AT).filter(f => f.rule === 'deprecated-annotation').map(warningText).sort();
    const theirs = answer.objects[0].server.warnings.filter(w => w.includes('.annotations[')).sort();
    expect(ours).toEqual(theirs);
    // Left: critical-pod and sysctls (always), nothing for seccomp or AppArmor.
    expect(theirs.map(w => /\[([^\]]+)\]/.exec(w)![1])).toEqual(['scheduler.alpha.kubernetes.io/critical-pod', 'security.alpha.kubernetes.io/sysctls']);
  });

  test('the fields later releases added are accepted at 1.37, by kube-apiserver and the validator', () => {
    const ds = laterFieldsDaemonSet();
    const [answer] = o.run([{ id: 'later-fields', input: JSON.stringify(ds) }]);
    expect({ strict: strictFields(answer), accepted: answer.objects[0].server.accepted }).toEqual({ strict: [], accepted: true });
    expect(DaemonSetValidator.validate(ds, AT).filter(f => f.severity === 'error')).toEqual([]);
  });

  test('fields behind feature gates: what kube-apiserver drops at 1.37 is what field-needs-release reports there', () => {
    const ds = gatedFieldsDaemonSet();
    const [answer] = o.run([{ id: 'gated-fields', input: JSON.stringify(ds) }], { defaulted: true });
    const server = answer.objects[0].server;
    expect({ strict: strictFields(answer), errors: server.errors, accepted: server.accepted }).toEqual({ strict: [], errors: [], accepted: true });
    const stored = (server.stored as any).spec.template.spec;
    const droppedByServer = GATED_FIELD_PATHS.filter(p => valueAt(stored, p) === undefined).sort();
    const reported = DaemonSetValidator.validate(ds, AT).filter(f => f.rule === 'field-needs-release').map(f => f.path.replace(/^spec\.template\.spec\./, '')).sort();
    expect(reported).toEqual(droppedByServer);
    // What the server dropped (the alpha and beta-off gates of 1.37), so a change in it shows here.
    expect(droppedByServer).toEqual(['containers[0].lifecycle.stopSignal', 'containers[0].livenessProbe.httpGet.protocol', 'containers[0].readinessProbe.grpc.mode',
      'containers[0].volumeMounts[2].bindMountOptions', 'evictionResponders', 'schedulingGroup', 'volumes[0].emptyDir.mode', 'volumes[3].configMap.defaultUser']);
    expect(DaemonSetValidator.validate(ds, AT).filter(f => f.severity === 'error' && f.rule !== 'field-needs-release')).toEqual([]);
  });

  test('probe host: in the Pod Security baseline from policy version 1.34, as kube-apiserver evaluates it', () => {
    const ds = deprecatedDaemonSet();
    delete ds.spec.template.metadata.annotations;
    ds.spec.template.spec.containers[0].readinessProbe = { tcpSocket: { host: '10.0.0.1', port: 9100 } };
    const levels = ['v1.33', 'v1.34'].map(v => o.run([{ id: v, input: JSON.stringify(ds) }], { kubernetesVersion: v })[0].objects[0].server.podSecurity!.level);
    expect(levels).toEqual(['baseline', 'privileged']);
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } };
    const warned = ['1.33', '1.34'].map(v => DaemonSetValidator.validateAll([namespace, ds], { kubernetesVersion: v }).some(f => f.rule === 'namespace-pod-security'));
    expect(warned).toEqual([false, true]);
  });
});

/** The value at a field path such as `containers[0].env[1].name` (undefined where any step is missing). */
function valueAt(value: any, path: string): unknown {
  return path.split(/\.|(?=\[)/).reduce((v, step) => {
    const index = /^\[(\d+)\]$/.exec(step);
    return v === undefined || v === null ? undefined : v[index ? Number(index[1]) : step];
  }, value);
}

/** kube-apiserver's warning text: `<path>: <message>` (the node-label messages already name the key). */
function warningText(f: ValidationFinding): string {
  return `${f.path}: ${f.message}`;
}

/** Every object (not list, not map value of a known map) reachable in a manifest, for inserting a field. */
function objectsOf(value: any, out: any[] = []): any[] {
  if (Array.isArray(value)) {
    value.forEach(v => objectsOf(v, out));
  } else if (value !== null && typeof value === 'object') {
    out.push(value);
    for (const v of Object.values(value)) objectsOf(v, out);
  }
  return out;
}

/** A DaemonSet with every deprecated annotation and node label kube-apiserver v1.37 warns about in a template. */
function deprecatedDaemonSet(): any {
  return agentDaemonSet({
    nodeSelector: { 'beta.kubernetes.io/os': 'linux' },
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'beta.kubernetes.io/arch', operator: 'In', values: ['amd64'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'failure-domain.beta.kubernetes.io/zone', operator: 'Exists' }] } }],
      },
    },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'failure-domain.beta.kubernetes.io/region', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'agent' } } }],
    containers: [{ name: 'agent', image: 'busybox:1.36' }],
  }, {
    'scheduler.alpha.kubernetes.io/critical-pod': '',
    'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default',
    'container.apparmor.security.beta.kubernetes.io/agent': 'runtime/default',
    'container.seccomp.security.alpha.kubernetes.io/agent': 'runtime/default',
    'security.alpha.kubernetes.io/sysctls': 'kernel.shm_rmid_forced=1',
  });
}
