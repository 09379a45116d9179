import { baseDaemonSet } from './base';
import { DaemonSetValidator, ValidationSeverity } from '../../src';

const E = ValidationSeverity.ERROR;
const W = ValidationSeverity.WARNING;
const P = 'spec.template.spec';
const C = `${P}.containers[0]`;

type Case = [string, (ds: any) => void, string, ValidationSeverity, string];

/** Applies one change to the base DaemonSet and expects a finding with this rule, severity and path. */
function expectFinding(change: (ds: any) => void, rule: string, severity: ValidationSeverity, path: string): void {
  const ds = baseDaemonSet();
  change(ds);
  const findings = DaemonSetValidator.validate(ds);
  // A host-access field is a detail of the DaemonSet's one host-access finding, under its own rule id.
  const details = findings.flatMap(f => (f.details ?? []).map(d => ({ ...d, severity: f.severity })));
  expect([...findings, ...details]).toContainEqual(expect.objectContaining({ rule, severity, path }));
}

const c0 = (ds: any) => ds.spec.template.spec.containers[0];
const pod = (ds: any) => ds.spec.template.spec;

test('the base DaemonSet has no finding at all', () => {
  expect(DaemonSetValidator.validate(baseDaemonSet())).toEqual([]);
});

/** Changes the API server accepts as they are (defaulting, or a null the decoder skips): no error. */
describe.each<[string, (ds: any) => void]>([
  ['a volume with no source (defaulted to emptyDir)', ds => { pod(ds).volumes[0] = { name: 'tmp' }; }],
  ['hostPath: null (decoded as absent, so the volume defaults to emptyDir)', ds => { pod(ds).volumes[0] = { name: 'tmp', hostPath: null }; }],
  ['a null node selector term', ds => { pod(ds).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [null, { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } }; }],
  ['securityContext: null', ds => { c0(ds).securityContext = null; }],
  ['quotes inside a value', ds => { c0(ds).args = ['--web.config.file=/etc/"x".yml', '--log.format="logfmt']; }],
  ['quotes for a shell', ds => { c0(ds).command = ['/bin/sh', '-c']; c0(ds).args = ['"exec /bin/node_exporter"']; }],
  // Kubernetes 1.35+ (ContainerRestartRules): any container may carry a restart policy.
  ['restartPolicy on a regular container', ds => { c0(ds).restartPolicy = 'Always'; }],
  ['restartPolicy Never on an init container', ds => { pod(ds).initContainers = [{ name: 'init', image: 'busybox:1.36', restartPolicy: 'Never' }]; }],
  ['a secret volume name the server does not check', ds => { pod(ds).volumes[0] = { name: 'tmp', secret: { secretName: 'Bad_Name' } }; }],
  ['preStop sleep without seconds (decoded as 0)', ds => { c0(ds).lifecycle = { preStop: { sleep: {} } }; }],
  ['a negative template generation (raised to 1 on create)', ds => { ds.metadata.annotations = { 'deprecated.daemonset.template.generation': '-1' }; }],
  ['seccomp annotation localhost/ with an empty profile', ds => { delete pod(ds).securityContext.seccompProfile; ds.spec.template.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'localhost/' }; }],
  ['pod deletion cost -8 written -008', ds => { ds.spec.template.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '-008' }; }],
  ['a DNS search domain with an underscore', ds => { pod(ds).dnsConfig = { searches: ['_tcp.example.com', '.'] }; }],
  ['envFrom name with a trailing dash (a prefix)', ds => { c0(ds).envFrom = [{ configMapRef: { name: 'agent-' } }]; }],
  ['fieldRef spec.host (the old name of spec.nodeName)', ds => { c0(ds).env[0].valueFrom.fieldRef.fieldPath = 'spec.host'; }],
])('accepted: %s', (_name, change) => {
  it('has no error, and no field-type or arg-quoted-value finding', () => {
    const ds = baseDaemonSet();
    change(ds);
    // At the release kube-apiserver accepted them (the oracle's, v1.37.2): sidecars and sleep are later than the default 1.27.
    const findings = DaemonSetValidator.validate(ds, { kubernetesVersion: '1.37' });
    expect(findings.filter(f => f.severity === E || f.rule === 'arg-quoted-value')).toEqual([]);
  });
});

test('a request or limit set to an invalid quantity is an error, not also missing (no resources-missing or memory-limit-missing beside it)', () => {
  const ds = baseDaemonSet();
  c0(ds).resources = { requests: { cpu: '100m', memory: '512mb' }, limits: { memory: '512mb' } };
  expect(DaemonSetValidator.validate(ds).map(f => `${f.rule} ${f.path}`)).toEqual([
    `resource-quantity ${C}.resources.limits[memory]`,
    `resource-quantity ${C}.resources.requests[memory]`,
  ]);
  delete c0(ds).resources.limits;
  expect(DaemonSetValidator.validate(ds).map(f => f.rule)).toEqual(['resource-quantity', 'memory-limit-missing']);
});

test('restartPolicyRules without exitCodes (ContainerRestartRules, on by default from 1.35)', () => {
  const ds = baseDaemonSet();
  c0(ds).restartPolicy = 'Never';
  c0(ds).restartPolicyRules = [{ action: 'Restart' }];
  expect(DaemonSetValidator.validate(ds, { kubernetesVersion: '1.35' })).toContainEqual(expect.objectContaining({
    rule: 'container-restart-policy', severity: E, path: 'spec.template.spec.containers[0].restartPolicyRules[0].exitCodes',
  }));
});

describe.each<[string, Case[]]>([
  ['metadata', [
    ['removed apps/v1beta2', ds => { ds.apiVersion = 'apps/v1beta2'; }, 'api-version-removed', E, 'apiVersion'],
    ['removed extensions/v1beta1', ds => { ds.apiVersion = 'extensions/v1beta1'; }, 'api-version-removed', E, 'apiVersion'],
    ['DaemonSet in the core group (v1)', ds => { ds.apiVersion = 'v1'; }, 'api-version-kind', E, 'apiVersion'],
    ['DaemonSet in apps/v2', ds => { ds.apiVersion = 'apps/v2'; }, 'api-version-kind', E, 'apiVersion'],
    ['missing name', ds => { delete ds.metadata.name; }, 'metadata-name', E, 'metadata.name'],
    ['uppercase name', ds => { ds.metadata.name = 'Agent'; }, 'metadata-name', E, 'metadata.name'],
    ['bad generateName', ds => { delete ds.metadata.name; ds.metadata.generateName = 'Agent-'; }, 'metadata-name', E, 'metadata.generateName'],
    ['namespace with dots', ds => { ds.metadata.namespace = 'a.b'; }, 'metadata-namespace', E, 'metadata.namespace'],
    ['label key with two slashes', ds => { ds.metadata.labels['a/b/c'] = 'x'; }, 'metadata-labels', E, 'metadata.labels'],
    ['label value of 64 chars', ds => { ds.metadata.labels.team = 'x'.repeat(64); }, 'metadata-labels', E, 'metadata.labels'],
    ['annotation key with space', ds => { ds.metadata.annotations = { 'bad key': 'x' }; }, 'metadata-annotations', E, 'metadata.annotations'],
    ['annotations over 256 KiB', ds => { ds.metadata.annotations = { big: 'x'.repeat(262145) }; }, 'metadata-annotations', E, 'metadata.annotations'],
    ['unqualified finalizer', ds => { ds.metadata.finalizers = ['cleanup']; }, 'metadata-finalizers', E, 'metadata.finalizers[0]'],
    ['ownerReference without uid', ds => { ds.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'X', name: 'x' }]; }, 'metadata-owner-references', E, 'metadata.ownerReferences[0].uid'],
    ['ownerReference apiVersion a/b/c', ds => { ds.metadata.ownerReferences = [{ apiVersion: 'a/b/c', kind: 'X', name: 'x', uid: '1' }]; }, 'metadata-owner-references', E, 'metadata.ownerReferences[0].apiVersion'],
    ['ownerReference to an Event', ds => { ds.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Event', name: 'x', uid: '1' }]; }, 'metadata-owner-references', E, 'metadata.ownerReferences[0]'],
    ['no namespace', ds => { delete ds.metadata.namespace; }, 'default-namespace', W, 'metadata.namespace'],
  ]],
  ['selector and update strategy', [
    ['selector missing (reported at the template labels)', ds => { delete ds.spec.selector; }, 'selector-required', E, 'spec.template.metadata.labels'],
    ['template generation annotation not an integer', ds => { ds.metadata.annotations = { 'deprecated.daemonset.template.generation': '1.5' }; }, 'template-generation', E, 'metadata.annotations[deprecated.daemonset.template.generation]'],
    ['empty selector', ds => { ds.spec.selector = {}; }, 'selector-empty', E, 'spec.selector'],
    ['selector not matching', ds => { ds.spec.selector.matchLabels.tier = 'node'; }, 'selector-matches-template', E, 'spec.template.metadata.labels'],
    ['bad selector value', ds => { ds.spec.selector.matchLabels.tier = '-x'; }, 'selector-labels', E, 'spec.selector.matchLabels'],
    ['In without values', ds => { ds.spec.selector.matchExpressions = [{ key: 'a', operator: 'In' }]; }, 'selector-expression', E, 'spec.selector.matchExpressions[0].values'],
    ['Exists with values', ds => { ds.spec.selector.matchExpressions = [{ key: 'a', operator: 'Exists', values: ['x'] }]; }, 'selector-expression', E, 'spec.selector.matchExpressions[0].values'],
    ['bad operator', ds => { ds.spec.selector.matchExpressions = [{ key: 'a', operator: 'Gt', values: ['1'] }]; }, 'selector-expression', E, 'spec.selector.matchExpressions[0].operator'],
    ['version label in selector', ds => { ds.spec.selector.matchLabels['app.kubernetes.io/version'] = '1.8.2'; }, 'selector-version-label', W, 'spec.selector'],
    ['template label bad (quirk path)', ds => { ds.spec.template.metadata.labels['a/b/c'] = 'x'; }, 'metadata-labels', E, 'spec.template.labels'],
    ['template annotation bad (quirk path)', ds => { ds.spec.template.metadata.annotations = { 'bad key': 'x' }; }, 'metadata-annotations', E, 'spec.template.annotations'],
    ['pod-deletion-cost not an int', ds => { ds.spec.template.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': 'high' }; }, 'template-annotations-pod', E, 'spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]'],
    ['update strategy type (quirk path)', ds => { ds.spec.updateStrategy.type = 'Recreate'; }, 'update-strategy-type', E, 'spec.updateStrategy'],
    ['maxUnavailable bad percent', ds => { ds.spec.updateStrategy.rollingUpdate.maxUnavailable = '10 %'; }, 'rolling-update-int-or-percent', E, 'spec.updateStrategy.rollingUpdate.maxUnavailable'],
    ['maxUnavailable over 100%', ds => { ds.spec.updateStrategy.rollingUpdate.maxUnavailable = '101%'; }, 'rolling-update-int-or-percent', E, 'spec.updateStrategy.rollingUpdate.maxUnavailable'],
    ['maxUnavailable negative', ds => { ds.spec.updateStrategy.rollingUpdate.maxUnavailable = -1; }, 'rolling-update-int-or-percent', E, 'spec.updateStrategy.rollingUpdate.maxUnavailable'],
    ['maxUnavailable fractional', ds => { ds.spec.updateStrategy.rollingUpdate.maxUnavailable = 1.5; }, 'int32-field', E, 'spec.updateStrategy.rollingUpdate.maxUnavailable'],
    ['maxSurge alone (maxUnavailable defaults to 1)', ds => { ds.spec.updateStrategy.rollingUpdate = { maxSurge: 1 }; }, 'rolling-update-surge-and-unavailable', E, 'spec.updateStrategy.rollingUpdate.maxSurge'],
    ['both zero', ds => { ds.spec.updateStrategy.rollingUpdate.maxUnavailable = 0; }, 'rolling-update-both-zero', E, 'spec.updateStrategy.rollingUpdate.maxUnavailable'],
    ['surge with hostNetwork', ds => { ds.spec.updateStrategy.rollingUpdate = { maxUnavailable: 0, maxSurge: 1 }; pod(ds).hostNetwork = true; pod(ds).dnsPolicy = 'ClusterFirstWithHostNet'; }, 'surge-with-host-port', W, 'spec.updateStrategy.rollingUpdate.maxSurge'],
    ['surge with hostPort', ds => { ds.spec.updateStrategy.rollingUpdate = { maxUnavailable: 0, maxSurge: '10%' }; c0(ds).ports[0].hostPort = 9100; }, 'surge-with-host-port', W, 'spec.updateStrategy.rollingUpdate.maxSurge'],
    ['OnDelete with rollingUpdate', ds => { ds.spec.updateStrategy.type = 'OnDelete'; }, 'on-delete-with-rolling-update', W, 'spec.updateStrategy.rollingUpdate'],
    ['minReadySeconds negative', ds => { ds.spec.minReadySeconds = -1; }, 'non-negative-field', E, 'spec.minReadySeconds'],
    ['revisionHistoryLimit negative', ds => { ds.spec.revisionHistoryLimit = -1; }, 'non-negative-field', E, 'spec.revisionHistoryLimit'],
    ['revisionHistoryLimit a string', ds => { ds.spec.revisionHistoryLimit = '10'; }, 'int32-field', E, 'spec.revisionHistoryLimit'],
    ['restartPolicy OnFailure', ds => { pod(ds).restartPolicy = 'OnFailure'; }, 'template-restart-policy', E, `${P}.restartPolicy`],
    ['activeDeadlineSeconds', ds => { pod(ds).activeDeadlineSeconds = 60; }, 'template-active-deadline', E, `${P}.activeDeadlineSeconds`],
    ['no readiness and minReadySeconds 0', ds => { delete c0(ds).readinessProbe; }, 'readiness-gate-missing', W, 'spec.minReadySeconds'],
  ]],
  ['containers', [
    ['no containers', ds => { pod(ds).containers = []; }, 'containers-required', E, `${P}.containers`],
    ['empty container name', ds => { c0(ds).name = ''; }, 'container-name', E, `${C}.name`],
    ['container name with underscore', ds => { c0(ds).name = 'my_agent'; }, 'container-name', E, `${C}.name`],
    ['duplicate container name', ds => { pod(ds).containers.push({ ...c0(ds), ports: [] }); }, 'container-name-duplicate', E, `${P}.containers[1].name`],
    ['init container reusing a name', ds => { pod(ds).initContainers = [{ name: 'agent', image: 'busybox:1.36' }]; }, 'container-name-duplicate', E, `${P}.initContainers[0].name`],
    ['ephemeral containers', ds => { pod(ds).ephemeralContainers = []; }, 'ephemeral-containers', E, `${P}.ephemeralContainers`],
    ['image missing', ds => { delete c0(ds).image; }, 'container-image', E, `${C}.image`],
    ['image with whitespace (pods refused, the DaemonSet accepted)', ds => { c0(ds).image = ' nginx:1.27'; }, 'image-whitespace', W, `${C}.image`],
    ['image latest', ds => { c0(ds).image = 'nginx:latest'; }, 'mutable-image-tag', W, `${C}.image`],
    ['image without tag', ds => { c0(ds).image = 'registry:5000/nginx'; }, 'mutable-image-tag', W, `${C}.image`],
    ['pull policy lowercase', ds => { c0(ds).imagePullPolicy = 'always'; }, 'image-pull-policy', E, `${C}.imagePullPolicy`],
    ['termination message policy', ds => { c0(ds).terminationMessagePolicy = 'Logs'; }, 'termination-message-policy', E, `${C}.terminationMessagePolicy`],
    ['restartPolicy unknown', ds => { c0(ds).restartPolicy = 'Sometimes'; }, 'container-restart-policy', E, `${C}.restartPolicy`],
    ['probe on a plain init container', ds => { pod(ds).initContainers = [{ name: 'init', image: 'busybox:1.36', readinessProbe: { exec: { command: ['true'] } } }]; }, 'init-container-probes', E, `${P}.initContainers[0].readinessProbe`],
    ['writable root filesystem', ds => { c0(ds).securityContext.readOnlyRootFilesystem = false; }, 'writable-root-filesystem', W, `${C}.securityContext.readOnlyRootFilesystem`],
    ['deprecated node-exporter flag', ds => { c0(ds).args = ['--collector.filesystem.ignored-mount-points=^/sys'] ; }, 'node-exporter-deprecated-flag', W, `${C}.args[0]`],
    ['flag and value in one argument', ds => { c0(ds).args = ['--path.rootfs /host']; }, 'flag-value-in-one-argument', W, `${C}.args[0]`],
    ['quoted value item (the seed manifest)', ds => { c0(ds).args = ['--collector.filesystem.mount-points-exclude', '"^/(sys|proc)($|/)"']; }, 'arg-quoted-value', W, `${C}.args[1]`],
    ['--flag="x"', ds => { c0(ds).args = ['--path.rootfs="/host"']; }, 'arg-quoted-value', W, `${C}.args[0]`],
    ['--flag=\'x\'', ds => { c0(ds).args = ['--web.listen-address=\':9100\'']; }, 'arg-quoted-value', W, `${C}.args[0]`],
    ['quoted command item', ds => { c0(ds).command = ['/bin/node_exporter', '\'--no-collector.wifi\'']; }, 'arg-quoted-value', W, `${C}.command[1]`],
  ]],
  ['field types (decode errors)', [
    ['pod securityContext a string', ds => { pod(ds).securityContext = 'x'; }, 'field-type', E, `${P}.securityContext`],
    ['labels a list', ds => { ds.metadata.labels = ['a']; }, 'field-type', E, 'metadata.labels'],
    ['template labels a list', ds => { ds.spec.template.metadata.labels = ['a']; }, 'field-type', E, 'spec.template.metadata.labels'],
    ['hostNetwork "true"', ds => { pod(ds).hostNetwork = 'true'; }, 'field-type', E, `${P}.hostNetwork`],
    ['hostPID 1', ds => { pod(ds).hostPID = 1; }, 'field-type', E, `${P}.hostPID`],
    ['matchExpressions a string after a null term', ds => { pod(ds).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [null, { matchExpressions: 'x' }] } } }; }, 'field-type', E, `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[1].matchExpressions`],
    ['hostPath.path a number', ds => { pod(ds).volumes[0] = { name: 'tmp', hostPath: { path: 5 } }; }, 'field-type', E, `${P}.volumes[0].hostPath.path`],
    ['hostPath a string', ds => { pod(ds).volumes[0] = { name: 'tmp', hostPath: '/var/log' }; }, 'field-type', E, `${P}.volumes[0].hostPath`],
    ['env value a number', ds => { c0(ds).env.push({ name: 'PORT', value: 9100 }); }, 'field-type', E, `${C}.env[1].value`],
    ['args a string', ds => { c0(ds).args = '--path.rootfs=/host'; }, 'field-type', E, `${C}.args`],
    ['readOnly "true"', ds => { c0(ds).volumeMounts[0].readOnly = 'true'; }, 'field-type', E, `${C}.volumeMounts[0].readOnly`],
    ['capabilities.drop a string', ds => { c0(ds).securityContext.capabilities.drop = 'ALL'; }, 'field-type', E, `${C}.securityContext.capabilities.drop`],
  ]],
  ['ports', [
    ['port name of 16 characters', ds => { c0(ds).ports[0].name = 'metrics-exporter'; }, 'port-name', E, `${C}.ports[0].name`],
    ['uppercase port name', ds => { c0(ds).ports[0].name = 'Metrics'; }, 'port-name', E, `${C}.ports[0].name`],
    ['numeric port name', ds => { c0(ds).ports[0].name = '9100'; }, 'port-name', E, `${C}.ports[0].name`],
    ['duplicate port name', ds => { c0(ds).ports.push({ name: 'metrics', containerPort: 9101 }); }, 'port-name-duplicate', E, `${C}.ports[1].name`],
    ['containerPort 0', ds => { c0(ds).ports[0].containerPort = 0; }, 'container-port', E, `${C}.ports[0].containerPort`],
    ['containerPort 70000', ds => { c0(ds).ports[0].containerPort = 70000; }, 'container-port', E, `${C}.ports[0].containerPort`],
    ['hostPort 70000', ds => { c0(ds).ports[0].hostPort = 70000; }, 'host-port-range', E, `${C}.ports[0].hostPort`],
    ['protocol lowercase', ds => { c0(ds).ports[0].protocol = 'tcp'; }, 'port-protocol', E, `${C}.ports[0].protocol`],
    ['hostNetwork with a different hostPort', ds => { pod(ds).hostNetwork = true; c0(ds).ports[0].hostPort = 9200; }, 'host-network-host-port', E, `${C}.ports[0].hostPort`],
    ['duplicate hostPort across containers', ds => { c0(ds).ports[0].hostPort = 9100; pod(ds).containers.push({ name: 'side', image: 'x:1', ports: [{ containerPort: 9100, hostPort: 9100 }] }); }, 'host-port-duplicate', E, `${P}.containers[1].ports[0].hostPort`],
    ['hostPort without hostNetwork', ds => { c0(ds).ports[0].hostPort = 9100; }, 'host-port', W, `${C}.ports[0].hostPort`],
    ['duplicate containerPort', ds => { c0(ds).ports.push({ containerPort: 9100 }); }, 'duplicate-container-port', W, `${C}.ports[1]`],
    ['hostIP without hostPort', ds => { c0(ds).ports[0].hostIP = '127.0.0.1'; }, 'host-ip-without-host-port', W, `${C}.ports[0].hostIP`],
    ['ssh port', ds => { c0(ds).ports.push({ containerPort: 22 }); }, 'ssh-port', W, `${C}.ports[1].containerPort`],
  ]],
  ['env', [
    ['env name empty', ds => { c0(ds).env[0].name = ''; }, 'env-name', E, `${C}.env[0].name`],
    ['env name with =', ds => { c0(ds).env[0].name = 'A=B'; }, 'env-name', E, `${C}.env[0].name`],
    ['env name starting with a digit (default 1.27: the strict IsEnvVarName rule)', ds => { c0(ds).env[0].name = '1ABC'; }, 'env-name', E, `${C}.env[0].name`],
    ['value and valueFrom', ds => { c0(ds).env[0].value = 'x'; }, 'env-value-from', E, `${C}.env[0].valueFrom`],
    ['valueFrom without source', ds => { c0(ds).env[0].valueFrom = {}; }, 'env-value-from', E, `${C}.env[0].valueFrom`],
    ['bare metadata.labels', ds => { c0(ds).env[0].valueFrom.fieldRef.fieldPath = 'metadata.labels'; }, 'env-field-ref', E, `${C}.env[0].valueFrom.fieldRef.fieldPath`],
    ['unconvertible field path', ds => { c0(ds).env[0].valueFrom.fieldRef.fieldPath = 'node'; }, 'env-field-ref', E, `${C}.env[0].valueFrom.fieldRef.fieldPath`],
    ['resourceFieldRef on gpu', ds => { c0(ds).env[0].valueFrom = { resourceFieldRef: { resource: 'limits.gpu' } }; }, 'env-resource-field-ref', E, `${C}.env[0].valueFrom.resourceFieldRef.resource`],
    ['secretKeyRef without key', ds => { c0(ds).env[0].valueFrom = { secretKeyRef: { name: 'creds' } }; }, 'env-key-ref', E, `${C}.env[0].valueFrom.secretKeyRef.key`],
    ['configMapKeyRef bad name', ds => { c0(ds).env[0].valueFrom = { configMapKeyRef: { name: 'Bad_Name', key: 'k' } }; }, 'env-key-ref', E, `${C}.env[0].valueFrom.configMapKeyRef.name`],
    ['envFrom with both refs (quirk path)', ds => { c0(ds).envFrom = [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }]; }, 'env-from', E, `${C}.envFrom`],
    ['envFrom secret name invalid', ds => { c0(ds).envFrom = [{ secretRef: { name: 'Bad_Name' } }]; }, 'env-from', E, `${C}.envFrom[0].secretRef.name`],
    ['envFrom prefix with =', ds => { c0(ds).envFrom = [{ prefix: 'A=', configMapRef: { name: 'a' } }]; }, 'env-name', E, `${C}.envFrom[0].prefix`],
    ['fieldRef apiVersion v2', ds => { c0(ds).env[0].valueFrom.fieldRef.apiVersion = 'v2'; }, 'env-field-ref', E, `${C}.env[0].valueFrom.fieldRef.fieldPath`],
    ['fieldRef label key invalid (reported at fieldRef)', ds => { c0(ds).env[0].valueFrom.fieldRef.fieldPath = "metadata.labels['a/b/c']"; }, 'env-field-ref', E, `${C}.env[0].valueFrom.fieldRef`],
    ['duplicate env', ds => { c0(ds).env.push({ name: 'NODE_NAME', value: 'x' }); }, 'duplicate-env', W, `${C}.env[1].name`],
    ['literal secret', ds => { c0(ds).env.push({ name: 'API_TOKEN', value: 'hunter2' }); }, 'env-literal-secret', W, `${C}.env[1].value`],
  ]],
  ['volumes and mounts', [
    ['volume name empty', ds => { pod(ds).volumes[0].name = ''; c0(ds).volumeMounts = []; }, 'volume-name', E, `${P}.volumes[0].name`],
    ['duplicate volume', ds => { pod(ds).volumes.push({ name: 'tmp', emptyDir: {} }); }, 'volume-name-duplicate', E, `${P}.volumes[1].name`],
    ['two sources', ds => { pod(ds).volumes[0].hostPath = { path: '/tmp' }; }, 'volume-source-count', E, `${P}.volumes[0].hostPath`],
    ['hostPath with ..', ds => { pod(ds).volumes[0] = { name: 'tmp', hostPath: { path: '/var/../etc' } }; }, 'host-path', E, `${P}.volumes[0].hostPath.path`],
    ['hostPath type lowercase', ds => { pod(ds).volumes[0] = { name: 'tmp', hostPath: { path: '/var/log', type: 'directory' } }; }, 'host-path', E, `${P}.volumes[0].hostPath.type`],
    ['secret without name', ds => { pod(ds).volumes[0] = { name: 'tmp', secret: {} }; }, 'volume-reference', E, `${P}.volumes[0].secret.secretName`],
    ['defaultMode 644 decimal', ds => { pod(ds).volumes[0] = { name: 'tmp', configMap: { name: 'cfg', defaultMode: 644 } }; }, 'volume-mode', E, `${P}.volumes[0].configMap.defaultMode`],
    ['item path with ..', ds => { pod(ds).volumes[0] = { name: 'tmp', configMap: { name: 'cfg', items: [{ key: 'a', path: '../a' }] } }; }, 'volume-items', E, `${P}.volumes[0].configMap.items[0].path`],
    ['secret volume name no object can have', ds => { pod(ds).volumes[0] = { name: 'tmp', secret: { secretName: 'Bad_Name' } }; }, 'volume-reference-name', W, `${P}.volumes[0].secret.secretName`],
    ['downwardAPI absolute path (quirk path)', ds => { pod(ds).volumes[0] = { name: 'tmp', downwardAPI: { items: [{ path: '/x', fieldRef: { fieldPath: 'metadata.name' } }] } }; }, 'downward-api-volume', E, `${P}.volumes[0].downwardAPI.path`],
    ['downwardAPI spec.nodeName', ds => { pod(ds).volumes[0] = { name: 'tmp', downwardAPI: { items: [{ path: 'n', fieldRef: { fieldPath: 'spec.nodeName' } }] } }; }, 'downward-api-volume', E, `${P}.volumes[0].downwardAPI.fieldRef.fieldPath`],
    ['projected token without path (quirk path)', ds => { pod(ds).volumes[0] = { name: 'tmp', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3600 } }] } }; }, 'projected-volume', E, `${P}.volumes[0].projected.path`],
    ['projected files at one path', ds => { pod(ds).volumes[0] = { name: 'tmp', projected: { sources: [{ configMap: { name: 'a', items: [{ key: 'k', path: 'p' }] } }, { secret: { name: 'b', items: [{ key: 'k', path: 'p' }] } }] } }; }, 'projected-volume', E, `${P}.volumes[0].projected`],
    ['iscsi without iqn', ds => { pod(ds).volumes[0] = { name: 'tmp', iscsi: { targetPortal: '10.0.0.1:3260', lun: 0 } }; }, 'in-tree-volume', E, `${P}.volumes[0].iscsi.iqn`],
    ['gcePersistentDisk without pdName (quirk path)', ds => { pod(ds).volumes[0] = { name: 'tmp', gcePersistentDisk: {} }; }, 'in-tree-volume', E, `${P}.volumes[0].persistentDisk.pdName`],
    ['ephemeral without template', ds => { pod(ds).volumes[0] = { name: 'tmp', ephemeral: {} }; }, 'ephemeral-volume', E, `${P}.volumes[0].ephemeral.volumeClaimTemplate`],
    ['image volume without reference', ds => { pod(ds).volumes[0] = { name: 'tmp', image: { pullPolicy: 'IfNotPresent' } }; }, 'image-volume', E, `${P}.volumes[0].image.reference`],
    ['a mount of an invalid volume is not found', ds => { pod(ds).volumes[0] = { name: 'tmp', image: {} }; }, 'volume-mount-name', E, `${C}.volumeMounts[0].name`],
    ['emptyDir negative size', ds => { pod(ds).volumes[0].emptyDir.sizeLimit = '-1Mi'; }, 'empty-dir-size', E, `${P}.volumes[0].emptyDir.sizeLimit`],
    ['token expiring in 5 minutes', ds => { pod(ds).volumes[0] = { name: 'tmp', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 300 } }] } }; }, 'projected-volume', E, `${P}.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds`],
    ['mount of a missing volume', ds => { c0(ds).volumeMounts[0].name = 'data'; }, 'volume-mount-name', E, `${C}.volumeMounts[0].name`],
    ['mount path repeated', ds => { c0(ds).volumeMounts.push({ name: 'tmp', mountPath: '/tmp' }); }, 'volume-mount-path', E, `${C}.volumeMounts[1].mountPath`],
    ['subPath with .. (quirk path)', ds => { c0(ds).volumeMounts[0].subPath = '../x'; }, 'volume-mount-sub-path', E, `${C}.volumeMounts.subPath`],
    ['subPath and subPathExpr', ds => { Object.assign(c0(ds).volumeMounts[0], { subPath: 'a', subPathExpr: '$(NODE_NAME)' }); }, 'volume-mount-sub-path', E, `${C}.volumeMounts[0].subPathExpr`],
    ['Bidirectional unprivileged (quirk path)', ds => { c0(ds).volumeMounts[0].mountPropagation = 'Bidirectional'; }, 'mount-propagation', E, `${C}.volumeMounts.mountPropagation`],
    ['unknown propagation', ds => { c0(ds).volumeMounts[0].mountPropagation = 'Shared'; }, 'mount-propagation', E, `${C}.volumeMounts.mountPropagation`],
    ['recursiveReadOnly without readOnly', ds => { c0(ds).volumeMounts[0].recursiveReadOnly = 'Enabled'; }, 'recursive-read-only', E, `${C}.volumeMounts.recursiveReadOnly`],
    ['relative mount path', ds => { c0(ds).volumeMounts[0].mountPath = 'tmp'; }, 'relative-mount-path', W, `${C}.volumeMounts[0].mountPath`],
    ['hostPath volume', ds => { pod(ds).volumes[0] = { name: 'tmp', hostPath: { path: '/var/log' } }; c0(ds).volumeMounts[0].readOnly = true; }, 'host-path-volume', W, `${P}.volumes[0].hostPath`],
    ['sensitive hostPath', ds => { pod(ds).volumes[0] = { name: 'tmp', hostPath: { path: '/etc/' } }; c0(ds).volumeMounts[0].readOnly = true; }, 'sensitive-host-path', W, `${P}.volumes[0].hostPath.path`],
    ['runtime socket', ds => { pod(ds).volumes[0] = { name: 'tmp', hostPath: { path: '/var/run/docker.sock' } }; c0(ds).volumeMounts[0].readOnly = true; }, 'container-runtime-socket', W, `${P}.volumes[0].hostPath.path`],
    ['writable hostPath', ds => { pod(ds).volumes[0] = { name: 'tmp', hostPath: { path: '/var/lib/agent' } }; }, 'writable-host-path', W, `${C}.volumeMounts[0].readOnly`],
  ]],
  ['resources', [
    ['uppercase K', ds => { c0(ds).resources.requests.memory = '64K'; }, 'resource-quantity', E, `${C}.resources.requests[memory]`],
    ['Gib', ds => { c0(ds).resources.limits.memory = '1Gib'; }, 'resource-quantity', E, `${C}.resources.limits[memory]`],
    ['space inside', ds => { c0(ds).resources.requests.cpu = '1 m'; }, 'resource-quantity', E, `${C}.resources.requests[cpu]`],
    ['unknown resource', ds => { c0(ds).resources.requests.gpu = '1'; }, 'resource-name', E, `${C}.resources.requests[gpu]`],
    ['negative cpu', ds => { c0(ds).resources.requests.cpu = '-1'; }, 'resource-negative', E, `${C}.resources.requests[cpu]`],
    ['request above limit (quirk path)', ds => { c0(ds).resources.requests.memory = '256Mi'; }, 'resource-request-above-limit', E, `${C}.resources.requests`],
    ['request above limit across suffixes', ds => { c0(ds).resources.requests.cpu = '1.5'; c0(ds).resources.limits.cpu = '1200m'; }, 'resource-request-above-limit', E, `${C}.resources.requests`],
    ['extended resource without limit', ds => { c0(ds).resources.requests['nvidia.com/gpu'] = '1'; }, 'resource-extended', E, `${C}.resources.limits`],
    ['extended resource fractional', ds => { c0(ds).resources.limits['nvidia.com/gpu'] = '500m'; }, 'resource-extended', E, `${C}.resources.limits[nvidia.com/gpu]`],
    ['extended resource request != limit (quirk path)', ds => { c0(ds).resources.limits['nvidia.com/gpu'] = '2'; c0(ds).resources.requests['nvidia.com/gpu'] = '1'; }, 'resource-extended', E, `${C}.resources.requests`],
    ['hugepages not a multiple of the page size', ds => { c0(ds).resources.limits['hugepages-2Mi'] = '3Mi'; c0(ds).resources.requests['hugepages-2Mi'] = '3Mi'; }, 'resource-hugepages', E, `${C}.resources.limits[hugepages-2Mi]`],
    ['pod-level ephemeral-storage', ds => { pod(ds).resources = { requests: { 'ephemeral-storage': '1Gi' } }; }, 'resource-name', E, `${P}.resources.requests[ephemeral-storage]`],
    ['pod-level request below the containers\'', ds => { pod(ds).resources = { requests: { cpu: '10m' } }; }, 'pod-resources', E, `${P}.resources.requests[cpu]`],
    ['negative overhead', ds => { pod(ds).overhead = { cpu: '-1' }; }, 'resource-negative', E, `${P}.overhead.limits[cpu]`],
    ['resizePolicy for storage (quirk path)', ds => { c0(ds).resizePolicy = [{ resourceName: 'ephemeral-storage', restartPolicy: 'NotRequired' }]; }, 'pod-resources', E, `${C}.resizePolicy`],
    ['hugepages alone', ds => { c0(ds).resources = { limits: { 'hugepages-2Mi': '2Mi' }, requests: { 'hugepages-2Mi': '2Mi' } }; }, 'resource-hugepages', E, `${C}.resources`],
    ['no resources', ds => { delete c0(ds).resources; }, 'resources-missing', W, `${C}.resources.requests`],
    ['no memory limit', ds => { delete c0(ds).resources.limits; }, 'memory-limit-missing', W, `${C}.resources.limits`],
    ['fractional bytes', ds => { c0(ds).resources.requests.memory = '100m'; }, 'fractional-bytes', W, `${C}.resources.requests[memory]`],
  ]],
  ['probes', [
    ['probe without handler', ds => { c0(ds).readinessProbe = { periodSeconds: 5 }; }, 'probe-handler', E, `${C}.readinessProbe`],
    ['probe with two handlers', ds => { c0(ds).readinessProbe.tcpSocket = { port: 9100 }; }, 'probe-handler', E, `${C}.readinessProbe.tcpSocket`],
    ['exec without command', ds => { c0(ds).readinessProbe = { exec: { command: [] } }; }, 'probe-exec', E, `${C}.readinessProbe.exec.command`],
    ['httpGet port 0', ds => { c0(ds).readinessProbe.httpGet.port = 0; }, 'probe-port', E, `${C}.readinessProbe.httpGet.port`],
    ['httpGet port name too long', ds => { c0(ds).readinessProbe.httpGet.port = 'metrics-endpoint'; }, 'probe-port', E, `${C}.readinessProbe.httpGet.port`],
    ['scheme lowercase', ds => { c0(ds).readinessProbe.httpGet.scheme = 'https'; }, 'probe-http', E, `${C}.readinessProbe.httpGet.scheme`],
    ['header with space', ds => { c0(ds).readinessProbe.httpGet.httpHeaders = [{ name: 'X Y', value: 'z' }]; }, 'probe-http', E, `${C}.readinessProbe.httpGet.httpHeaders`],
    ['negative period', ds => { c0(ds).readinessProbe.periodSeconds = -5; }, 'probe-thresholds', E, `${C}.readinessProbe.periodSeconds`],
    ['liveness successThreshold 2', ds => { c0(ds).livenessProbe.successThreshold = 2; }, 'probe-success-threshold', E, `${C}.livenessProbe.successThreshold`],
    ['grace on readiness', ds => { c0(ds).readinessProbe.terminationGracePeriodSeconds = 10; }, 'probe-termination-grace', E, `${C}.readinessProbe.terminationGracePeriodSeconds`],
    ['preStop sleep past grace', ds => { c0(ds).lifecycle = { preStop: { sleep: { seconds: 60 } } }; }, 'lifecycle-sleep', E, `${C}.lifecycle.preStop.sleep`],
    ['no readiness probe', ds => { delete c0(ds).readinessProbe; }, 'readiness-gate-missing', W, 'spec.minReadySeconds'],
    ['identical probes', ds => { c0(ds).livenessProbe = { httpGet: { path: '/', port: 'metrics' } }; }, 'probes-identical', W, `${C}.livenessProbe`],
    ['probe port not declared', ds => { c0(ds).readinessProbe.httpGet.port = 'health'; }, 'probe-port-not-declared', W, `${C}.readinessProbe.httpGet.port`],
    ['probe host', ds => { c0(ds).readinessProbe.httpGet.host = '10.0.0.1'; }, 'probe-host', W, `${C}.readinessProbe.httpGet.host`],
  ]],
  ['securityContext', [
    ['privileged with allowPrivilegeEscalation false', ds => { c0(ds).securityContext.privileged = true; }, 'privilege-escalation-conflict', E, `${C}.securityContext`],
    ['CAP_SYS_ADMIN with allowPrivilegeEscalation false', ds => { c0(ds).securityContext.capabilities.add = ['CAP_SYS_ADMIN']; }, 'privilege-escalation-conflict', E, `${C}.securityContext`],
    ['runAsUser negative', ds => { c0(ds).securityContext.runAsUser = -1; }, 'security-context-ids', E, `${C}.securityContext.runAsUser`],
    ['fsGroup too large', ds => { pod(ds).securityContext.fsGroup = 2147483648; }, 'security-context-ids', E, `${P}.securityContext.fsGroup`],
    ['procMount unknown', ds => { c0(ds).securityContext.procMount = 'Masked'; }, 'proc-mount', E, `${C}.securityContext.procMount`],
    ['Unmasked without hostUsers false', ds => { c0(ds).securityContext.procMount = 'Unmasked'; }, 'proc-mount', E, `${C}.securityContext.procMount`],
    ['seccomp type lowercase', ds => { pod(ds).securityContext.seccompProfile.type = 'runtimedefault'; }, 'seccomp-profile', E, `${P}.securityContext.seccompProfile.type`],
    ['Localhost without profile', ds => { pod(ds).securityContext.seccompProfile.type = 'Localhost'; }, 'seccomp-profile', E, `${P}.securityContext.seccompProfile.localhostProfile`],
    ['shareProcessNamespace with hostPID', ds => { pod(ds).shareProcessNamespace = true; pod(ds).hostPID = true; }, 'share-process-namespace', E, `${P}.shareProcessNamespace`],
    ['supplementalGroupsPolicy lowercase', ds => { pod(ds).securityContext.supplementalGroupsPolicy = 'merge'; }, 'security-context-policies', E, `${P}.securityContext.supplementalGroupsPolicy`],
    ['seLinuxChangePolicy unknown', ds => { pod(ds).securityContext.seLinuxChangePolicy = 'Never'; }, 'security-context-policies', E, `${P}.securityContext.seLinuxChangePolicy`],
    ['AppArmor localhost profile padded', ds => { c0(ds).securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'agent ' }; }, 'seccomp-profile', E, `${C}.securityContext.appArmorProfile.localhostProfile`],
    ['runAsUserName with two backslashes', ds => { pod(ds).securityContext = { windowsOptions: { runAsUserName: 'a\\b\\c' } }; }, 'windows-options', E, `${P}.securityContext.windowsOptions.runAsUserName`],
    ['gmsaCredentialSpecName invalid', ds => { c0(ds).securityContext.windowsOptions = { gmsaCredentialSpecName: 'Spec_1' }; }, 'windows-options', E, `${C}.securityContext.windowsOptions.gmsaCredentialSpecName`],
    ['seccomp annotation unknown (quirk path)', ds => { ds.spec.template.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'default' }; }, 'template-annotations-pod', E, 'spec.template.annotations.seccomp.security.alpha.kubernetes.io/pod'],
    ['AppArmor annotation for no container', ds => { ds.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/sidecar': 'runtime/default' }; }, 'template-annotations-pod', E, 'spec.template.annotations[container.apparmor.security.beta.kubernetes.io/sidecar]'],
    ['mirror pod annotation', ds => { ds.spec.template.metadata.annotations = { 'kubernetes.io/config.mirror': 'x' }; }, 'template-annotations-pod', E, 'spec.template.annotations[kubernetes.io/config.mirror]'],
    ['pod deletion cost +10', ds => { ds.spec.template.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '+10' }; }, 'template-annotations-pod', E, 'spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]'],
    ['seccomp annotation against the field', ds => { ds.spec.template.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }; }, 'security-annotation-field-mismatch', E, `${P}.securityContext.seccompProfile.type`],
    ['AppArmor annotation against the field', ds => { ds.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/agent': 'localhost/a' }; c0(ds).securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'b' }; }, 'security-annotation-field-mismatch', E, `${C}.securityContext.appArmorProfile.localhostProfile`],
    ['net sysctl with hostNetwork', ds => { pod(ds).hostNetwork = true; pod(ds).dnsPolicy = 'ClusterFirstWithHostNet'; pod(ds).securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }]; }, 'sysctl-name', E, `${P}.securityContext.sysctls[0].name`],
    ['bad sysctl name', ds => { pod(ds).securityContext.sysctls = [{ name: 'Kernel.Foo', value: '1' }]; }, 'sysctl-name', E, `${P}.securityContext.sysctls[0].name`],
    ['fsGroupChangePolicy', ds => { pod(ds).securityContext.fsGroupChangePolicy = 'Never'; }, 'fs-group-change-policy', E, `${P}.securityContext.fsGroupChangePolicy`],
    ['privileged', ds => { Object.assign(c0(ds).securityContext, { privileged: true, allowPrivilegeEscalation: true }); }, 'privileged-container', W, `${C}.securityContext.privileged`],
    ['added SYS_TIME', ds => { c0(ds).securityContext.capabilities.add = ['SYS_TIME']; }, 'added-capabilities', W, `${C}.securityContext.capabilities.add[0]`],
    ['ALL not dropped', ds => { c0(ds).securityContext.capabilities.drop = ['NET_RAW']; }, 'capabilities-not-dropped', W, `${C}.securityContext.capabilities.drop`],
    ['allowPrivilegeEscalation unset', ds => { delete c0(ds).securityContext.allowPrivilegeEscalation; }, 'privilege-escalation-allowed', W, `${C}.securityContext.allowPrivilegeEscalation`],
    ['runs as root', ds => { pod(ds).securityContext = { seccompProfile: { type: 'RuntimeDefault' } }; }, 'run-as-root', W, `${C}.securityContext.runAsNonRoot`],
    ['seccomp unset', ds => { delete pod(ds).securityContext.seccompProfile; }, 'seccomp-unconfined', W, `${P}.securityContext.seccompProfile`],
    ['seccomp Unconfined', ds => { pod(ds).securityContext.seccompProfile.type = 'Unconfined'; }, 'seccomp-unconfined', W, `${P}.securityContext.seccompProfile.type`],
    ['AppArmor Unconfined', ds => { c0(ds).securityContext.appArmorProfile = { type: 'Unconfined' }; }, 'apparmor-unconfined', W, `${C}.securityContext.appArmorProfile.type`],
    ['SELinux spc_t', ds => { c0(ds).securityContext.seLinuxOptions = { type: 'spc_t' }; }, 'selinux-custom', W, `${C}.securityContext.seLinuxOptions`],
    ['unsafe sysctl', ds => { pod(ds).securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]; }, 'unsafe-sysctls', W, `${P}.securityContext.sysctls[0].name`],
  ]],
  ['scheduling', [
    ['toleration key invalid', ds => { pod(ds).tolerations = [{ key: 'a/b/c', operator: 'Exists' }]; }, 'toleration-key', E, `${P}.tolerations[0].key`],
    ['empty key with Equal (path .operator)', ds => { pod(ds).tolerations = [{ operator: 'Equal', value: 'x' }]; }, 'toleration-operator', E, `${P}.tolerations[0].operator`],
    ['Exists with value (path .operator)', ds => { pod(ds).tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }]; }, 'toleration-operator', E, `${P}.tolerations[0].operator`],
    ['bad Equal value (quirk: .operator)', ds => { pod(ds).tolerations = [{ key: 'k', operator: 'Equal', value: '-bad-' }]; }, 'toleration-operator', E, `${P}.tolerations[0].operator`],
    ['operator Gt', ds => { pod(ds).tolerations = [{ key: 'k', operator: 'Gt', value: '1' }]; }, 'toleration-operator', E, `${P}.tolerations[0].operator`],
    ['tolerationSeconds without NoExecute', ds => { pod(ds).tolerations = [{ key: 'k', operator: 'Exists', tolerationSeconds: 30 }]; }, 'toleration-effect', E, `${P}.tolerations[0].effect`],
    ['unknown effect', ds => { pod(ds).tolerations = [{ key: 'k', operator: 'Exists', effect: 'NoEvict' }]; }, 'toleration-effect', E, `${P}.tolerations[0].effect`],
    ['controller-managed toleration', ds => { pod(ds).tolerations.push({ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }); }, 'controller-managed-toleration', W, `${P}.tolerations[1].key`],
    ['nodeSelector bad value', ds => { pod(ds).nodeSelector.pool = 'a b'; }, 'node-selector', E, `${P}.nodeSelector`],
    ['no OS selector', ds => { pod(ds).nodeSelector = {}; }, 'node-selector-os-missing', W, `${P}.nodeSelector`],
    ['required affinity without terms', ds => { pod(ds).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }; }, 'node-affinity', E, `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`],
    ['node affinity Gt with two values', ds => { pod(ds).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpu', operator: 'Gt', values: ['1', '2'] }] }] } } }; }, 'node-affinity', E, `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values`],
    ['preferred weight 0', ds => { pod(ds).affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: {} }] } }; }, 'node-affinity', E, `${P}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight`],
    ['pod affinity without topologyKey', ds => { pod(ds).affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { a: 'b' } } }] } }; }, 'pod-affinity', E, `${P}.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey`],
    ['matchFields value not a node name', ds => { pod(ds).affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['Node_1'] }] }] } } }; }, 'node-affinity', E, `${P}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]`],
    ['pod affinity namespaceSelector In without values', ds => { pod(ds).affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'In' }] } }] } }; }, 'pod-affinity', E, `${P}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector.matchExpressions[0].values`],
    ['pod affinity namespace invalid (quirk path)', ds => { pod(ds).affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone', namespaces: ['Bad'] }] } }; }, 'pod-affinity', E, `${P}.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespace`],
    ['topology spread nodeTaintsPolicy', ds => { pod(ds).topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', nodeTaintsPolicy: 'honor' }]; }, 'topology-spread', E, `${P}.topologySpreadConstraints[0].nodeTaintsPolicy`],
    ['topology spread matchLabelKeys without selector', ds => { pod(ds).topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['pod-template-hash'] }]; }, 'topology-spread', E, `${P}.topologySpreadConstraints[0].matchLabelKeys`],
    ['scheduling gate invalid (reported at the gate)', ds => { pod(ds).schedulingGates = [{ name: 'a/b/c' }]; }, 'pod-names', E, `${P}.schedulingGates[0]`],
    ['topology spread maxSkew 0', ds => { pod(ds).topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }]; }, 'topology-spread', E, `${P}.topologySpreadConstraints[0].maxSkew`],
    ['priorityClassName invalid', ds => { pod(ds).priorityClassName = 'System_Critical'; }, 'pod-names', E, `${P}.priorityClassName`],
    ['serviceAccountName invalid', ds => { pod(ds).serviceAccountName = 'Agent'; }, 'pod-names', E, `${P}.serviceAccountName`],
    ['hostAlias ip invalid', ds => { pod(ds).hostAliases = [{ ip: '999.1.1.1', hostnames: ['a'] }]; }, 'pod-names', E, `${P}.hostAliases[0].ip`],
    ['preemptionPolicy', ds => { pod(ds).preemptionPolicy = 'Always'; }, 'preemption-policy', E, `${P}.preemptionPolicy`],
    ['no priority class', ds => { delete pod(ds).priorityClassName; }, 'priority-class-missing', W, `${P}.priorityClassName`],
    ['negative grace period', ds => { pod(ds).terminationGracePeriodSeconds = -1; }, 'negative-termination-grace', W, `${P}.terminationGracePeriodSeconds`],
    ['default service account', ds => { delete pod(ds).serviceAccountName; }, 'default-service-account', W, `${P}.serviceAccountName`],
    ['deprecated serviceAccount', ds => { pod(ds).serviceAccount = 'agent'; }, 'deprecated-service-account-field', W, `${P}.serviceAccount`],
  ]],
  ['dns', [
    ['dnsPolicy lowercase', ds => { pod(ds).dnsPolicy = 'clusterfirst'; }, 'dns-policy', E, `${P}.dnsPolicy`],
    ['None without dnsConfig', ds => { pod(ds).dnsPolicy = 'None'; }, 'dns-config', E, `${P}.dnsConfig`],
    ['None without nameservers', ds => { pod(ds).dnsPolicy = 'None'; pod(ds).dnsConfig = {}; }, 'dns-config', E, `${P}.dnsConfig.nameservers`],
    ['four nameservers', ds => { pod(ds).dnsConfig = { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] }; }, 'dns-config', E, `${P}.dnsConfig.nameservers`],
    ['nameserver not an IP', ds => { pod(ds).dnsConfig = { nameservers: ['dns.local'] }; }, 'dns-config', E, `${P}.dnsConfig.nameservers[0]`],
    ['option without name (reported at the option)', ds => { pod(ds).dnsConfig = { options: [{ value: '2' }] }; }, 'dns-config', E, `${P}.dnsConfig.options[0]`],
    ['uppercase search domain', ds => { pod(ds).dnsConfig = { searches: ['Example.com'] }; }, 'dns-config', E, `${P}.dnsConfig.searches[0]`],
    ['hostNetwork with ClusterFirst, naming a cluster Service', ds => { pod(ds).hostNetwork = true; c0(ds).args.push('--server=api.monitoring.svc'); }, 'host-network-dns-policy', W, `${P}.dnsPolicy`],
  ]],
  ['os and host namespaces', [
    ['os without name', ds => { pod(ds).os = {}; }, 'os-name', E, `${P}.os.name`],
    ['os name unknown (quirk path)', ds => { pod(ds).os = { name: 'darwin' }; }, 'os-name', E, `${P}.os`],
    ['hostPID with hostUsers false (quirk path)', ds => { pod(ds).hostUsers = false; pod(ds).hostPID = true; }, 'host-namespaces-user-namespaces', E, `${P}.HostPID`],
    ['hostNetwork with hostUsers false', ds => { pod(ds).hostUsers = false; pod(ds).hostNetwork = true; }, 'host-namespaces-user-namespaces', E, `${P}.hostNetwork`],
    ['hostIPC on windows', ds => { pod(ds).os = { name: 'windows' }; pod(ds).hostIPC = true; }, 'windows-host-namespaces', E, `${P}.hostIPC`],
    ['readOnlyRootFilesystem on windows', ds => { pod(ds).os = { name: 'windows' }; }, 'windows-host-namespaces', E, `${C}.securityContext.readOnlyRootFilesystem`],
    ['windowsOptions on linux', ds => { pod(ds).os = { name: 'linux' }; c0(ds).securityContext.windowsOptions = { runAsUserName: 'agent' }; }, 'windows-host-namespaces', E, `${C}.securityContext.windowsOptions`],
    ['HostProcess without hostNetwork', ds => { pod(ds).securityContext = { windowsOptions: { hostProcess: true } }; }, 'windows-host-process', E, `${P}.hostNetwork`],
    ['HostProcess mixed with ordinary containers', ds => { pod(ds).hostNetwork = true; pod(ds).containers.push({ name: 'hp', image: 'x:1', securityContext: { windowsOptions: { hostProcess: true } } }); }, 'windows-host-process', E, P],
    ['hostNetwork', ds => { pod(ds).hostNetwork = true; }, 'host-network', W, `${P}.hostNetwork`],
    ['hostPID', ds => { pod(ds).hostPID = true; }, 'host-pid', W, `${P}.hostPID`],
    ['hostIPC', ds => { pod(ds).hostIPC = true; }, 'host-ipc', W, `${P}.hostIPC`],
  ]],
])('%s', (_area, cases) => {
  it.each(cases)('%s', (_name, change, rule, severity, path) => {
    expectFinding(change, rule, severity, path);
  });
});

