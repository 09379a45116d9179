/**
 * `kubernetesVersion`: the rules that differ between Kubernetes releases. What kube-apiserver
 * v1.37.2 says about the same objects is asserted in test/oracle/strict-fields.test.ts; the
 * older releases' behaviour comes from their OpenAPI specs (unknown fields) and the feature gate
 * defaults of each release (dropped fields, env names, Pod Security policy versions).
 */
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { baseDaemonSet } from './base';
import { gatedFieldsDaemonSet, laterFieldsDaemonSet } from './later-fields';
import { DaemonSetValidator, KUBERNETES_VERSION_CONTEXT, NodeDaemonSet, ValidationFinding, WARNINGS_AS_ERRORS_CONTEXT } from '../../src';

const P = 'spec.template.spec';

/** `rule path` of every error, sorted. */
function errors(findings: ValidationFinding[]): string[] {
  return findings.filter(f => f.severity === 'error').map(f => `${f.rule} ${f.path}`).sort();
}

describe('the kubernetesVersion option', () => {
  test.each(['1.27', 'v1.30', '1.37', 'v1.33.4', ' 1.31 '])('accepts %j', version => {
    expect(DaemonSetValidator.validate(baseDaemonSet(), { kubernetesVersion: version })).toEqual([]);
  });

  test.each([
    ['1.26', /kubernetesVersion: 1\.26 is not supported: use 1\.27 to 1\.37/],
    ['1.38', /kubernetesVersion: 1\.38 is not supported: use 1\.27 to 1\.37/],
    ['latest', /kubernetesVersion: must be a Kubernetes release such as "1\.30" \(1\.27 to 1\.37\), not "latest"/],
    ['2.0', /not "2\.0"/],
  ])('refuses %j, naming the option, the value and the range', (version, message) => {
    expect(() => DaemonSetValidator.validate(baseDaemonSet(), { kubernetesVersion: version })).toThrow(message);
    expect(() => DaemonSetValidator.validateYaml('', { kubernetesVersion: version })).toThrow(message);
  });

  test('defaults to 1.27, cdk8s-plus-27\'s API level: the AppArmor field (1.30) is an unknown field', () => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
    expect(errors(DaemonSetValidator.validate(ds))).toEqual([`unknown-field ${P}.securityContext.appArmorProfile`]);
    expect(errors(DaemonSetValidator.validate(ds, { kubernetesVersion: '1.30' }))).toEqual([]);
  });
});

describe('fields of later releases', () => {
  const SIDECAR = `${P}.initContainers[0].restartPolicy`;
  const SLEEP = `${P}.containers[0].lifecycle.preStop.sleep`;
  const RRO = `${P}.containers[0].volumeMounts[0].recursiveReadOnly`;
  const APPARMOR = `${P}.securityContext.appArmorProfile`;
  // Field added (gate off) → gate on by default: restartPolicy 1.28 → 1.29, sleep 1.29 → 1.30,
  // recursiveReadOnly 1.30 → 1.31, appArmorProfile 1.30 (beta, on). A field the release's API lacks
  // is an unknown field (strict decoding refuses it); a field whose gate is off is dropped.
  test.each<[string, string[]]>([
    ['1.27', [`unknown-field ${APPARMOR}`, `unknown-field ${SIDECAR}`, `unknown-field ${SLEEP}`, `unknown-field ${RRO}`]],
    ['1.28', [`field-needs-release ${SIDECAR}`, `unknown-field ${APPARMOR}`, `unknown-field ${SLEEP}`, `unknown-field ${RRO}`]],
    ['1.29', [`field-needs-release ${SLEEP}`, `unknown-field ${APPARMOR}`, `unknown-field ${RRO}`]],
    ['1.30', [`field-needs-release ${RRO}`]],
    ['1.31', []],
    ['1.37', []],
  ])('at %s', (version, expected) => {
    expect(errors(DaemonSetValidator.validate(laterFieldsDaemonSet(), { kubernetesVersion: version }))).toEqual(expected.sort());
  });

  test('a dropped field says which release and feature gate it needs', () => {
    const [finding] = DaemonSetValidator.validate(laterFieldsDaemonSet(), { kubernetesVersion: '1.28' }).filter(f => f.rule === 'field-needs-release');
    expect(finding.message).toBe('Forbidden: needs Kubernetes 1.29 (feature gate SidecarContainers, on by default from 1.29); the API server of 1.28 drops the field');
  });

  test('an unknown field is named in kube-apiserver\'s words', () => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    const [finding] = DaemonSetValidator.validate(ds);
    // kube-apiserver's words, then the field the typo most likely means.
    expect(finding).toMatchObject({
      rule: 'unknown-field',
      severity: 'error',
      path: `${P}.containers[0].imagePullPolicyy`,
      message: `unknown field "${P}.containers[0].imagePullPolicyy"; did you mean "imagePullPolicy"?`,
    });
  });

  test('a suggestion only when a known field is close: a case slip or at most two edits of a longer name', () => {
    const messages = (change: (pod: any) => void) => {
      const ds = baseDaemonSet();
      change(ds.spec.template.spec);
      return DaemonSetValidator.validate(ds).filter(f => f.rule === 'unknown-field').map(f => f.message);
    };
    expect(messages(pod => { pod.nodeSelecter = {}; })).toEqual([`unknown field "${P}.nodeSelecter"; did you mean "nodeSelector"?`]);
    expect(messages(pod => { pod.HostNetwork = true; })).toEqual([`unknown field "${P}.HostNetwork"; did you mean "hostNetwork"?`]);
    expect(messages(pod => { pod.containers[0].foo = 1; })).toEqual([`unknown field "${P}.containers[0].foo"`]);
    expect(messages(pod => { pod.containers[0].replicas = 2; })).toEqual([`unknown field "${P}.containers[0].replicas"`]);
  });
});

describe('fields behind feature gates of 1.31 to 1.37', () => {
  /** The pod-spec paths of the gated fields reported as dropped at `version`. */
  const dropped = (version: string) => DaemonSetValidator.validate(gatedFieldsDaemonSet(), { kubernetesVersion: version })
    .filter(f => f.rule === 'field-needs-release').map(f => f.path.slice(P.length + 1)).sort();
  const ALPHA_37 = ['containers[0].lifecycle.stopSignal', 'containers[0].livenessProbe.httpGet.protocol', 'containers[0].readinessProbe.grpc.mode',
    'containers[0].volumeMounts[2].bindMountOptions', 'evictionResponders', 'schedulingGroup', 'volumes[0].emptyDir.mode', 'volumes[3].configMap.defaultUser'];
  // The gate defaults of pkg/features/kube_features.go at each release, and the fields each
  // release's OpenAPI spec has (a field it lacks is unknown-field's): DynamicResourceAllocation
  // GA 1.34; SupplementalGroupsPolicy and SELinuxChangePolicy beta-on 1.33; PodLevelResources
  // beta-on 1.34; ImageVolume beta-off 1.33, beta-on 1.35; EnvFiles, ContainerRestartRules and
  // HostnameOverride alpha 1.34, beta-on 1.35; PodCertificateRequest alpha 1.34, beta-off 1.35, GA
  // 1.37; ContainerStopSignals alpha since 1.33; GenericWorkload alpha 1.35, beta-off 1.37; the
  // 1.37 additions (H2CContainerProbe, GRPCContainerProbeTLS, VolumeBindMountOptions,
  // EvictionRequestAPI, EmptyDirVolumeMode, AtomicWriteVolumeUserFields) alpha.
  test.each<[string, string[]]>([
    ['1.31', ['containers[0].resources.claims', 'resourceClaims', 'securityContext.supplementalGroupsPolicy', 'volumes[1].image']],
    ['1.32', ['containers[0].resources.claims', 'resourceClaims', 'resources', 'securityContext.seLinuxChangePolicy', 'securityContext.supplementalGroupsPolicy', 'volumes[1].image']],
    ['1.33', ['containers[0].lifecycle.stopSignal', 'containers[0].resources.claims', 'resourceClaims', 'resources', 'volumes[1].image']],
    ['1.34', ['containers[0].env[0].valueFrom.fileKeyRef', 'containers[0].lifecycle.stopSignal', 'containers[0].restartPolicy', 'containers[0].restartPolicyRules',
      'hostnameOverride', 'volumes[1].image', 'volumes[2].projected.sources[0].podCertificate']],
    ['1.35', ['containers[0].lifecycle.stopSignal', 'volumes[2].projected.sources[0].podCertificate']],
    ['1.36', ['containers[0].lifecycle.stopSignal', 'schedulingGroup', 'volumes[2].projected.sources[0].podCertificate']],
    ['1.37', ALPHA_37],
  ])('at %s the server drops %j', (version, expected) => {
    expect(dropped(version)).toEqual(expected);
  });

  test('a gate off by default in every release says so, and names the gate', () => {
    const finding = DaemonSetValidator.validate(gatedFieldsDaemonSet(), { kubernetesVersion: '1.37' }).find(f => f.path.endsWith('stopSignal'))!;
    expect(finding.message).toBe('Forbidden: needs feature gate ContainerStopSignals, off by default in every release up to 1.37; the API server of 1.37 drops the field unless the gate is on');
    const image = DaemonSetValidator.validate(gatedFieldsDaemonSet(), { kubernetesVersion: '1.34' }).find(f => f.path.endsWith('volumes[1].image'))!;
    expect(image.message).toBe('Forbidden: needs Kubernetes 1.35 (feature gate ImageVolume, on by default from 1.35); the API server of 1.34 drops the field');
  });

  test('a container restartPolicy before ContainerRestartRules: refused before 1.34 (1.33 validation), dropped at 1.34', () => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.containers[0].restartPolicy = 'Never';
    ds.spec.template.spec.initContainers = [{ name: 'setup', image: 'busybox:1.36', restartPolicy: 'OnFailure' }];
    const found = (v: string) => DaemonSetValidator.validate(ds, { kubernetesVersion: v }).filter(f => f.severity === 'error').map(f => `${f.rule} ${f.message}`);
    expect(found('1.33')).toEqual([
      'container-restart-policy Forbidden: may not be set for non-init containers',
      'container-restart-policy Unsupported value: "OnFailure": supported values: "Always"',
    ]);
    expect(found('1.34').map(f => f.split(' ')[0])).toEqual(['field-needs-release', 'field-needs-release']);
    expect(found('1.35')).toEqual([]);
  });
});

describe('env var names', () => {
  // RelaxedEnvironmentVariableValidation: beta and on by default in 1.32 (kube-apiserver v1.37.2
  // accepts "1ABC" and "my var", test/oracle corpus), off before.
  test.each<[string, string, boolean]>([
    ['1ABC', '1.31', true], ['1ABC', '1.32', false], ['my var', '1.27', true], ['my var', '1.37', false], ['..env', '1.31', true], ['MY_VAR.1', '1.27', false],
  ])('%j at %s: error %s', (name, version, error) => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.containers[0].env[0].name = name;
    expect(errors(DaemonSetValidator.validate(ds, { kubernetesVersion: version }))).toEqual(error ? [`env-name ${P}.containers[0].env[0].name`] : []);
  });

  test('the message names the release and when the rule relaxes', () => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.containers[0].env[0].name = '1ABC';
    expect(DaemonSetValidator.validate(ds)[0].message).toMatch(/must not start with a digit \(Kubernetes 1\.27; relaxed from 1\.32\)$/);
  });
});

describe('removed and deprecated APIs by release', () => {
  const object = (apiVersion: string, kind: string) => ({ apiVersion, kind, metadata: { name: 'x' }, spec: {} });
  const at = (apiVersion: string, kind: string, kubernetesVersion: string) =>
    DaemonSetValidator.validate(object(apiVersion, kind), { kubernetesVersion })
      .filter(f => f.rule.startsWith('api-version')).map(f => `${f.severity} ${f.rule}: ${f.message}`);

  test('flowcontrol v1beta3: served quietly at 1.28, deprecated from 1.29, removed in 1.32', () => {
    expect(at('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.28')).toEqual([]);
    expect(at('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.29')).toEqual([
      'warning api-version-deprecated: flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated in v1.29+, unavailable in v1.32+; use flowcontrol.apiserver.k8s.io/v1 FlowSchema',
    ]);
    expect(at('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.32')).toEqual([
      'error api-version-removed: Invalid value: "flowcontrol.apiserver.k8s.io/v1beta3": no matches for kind "FlowSchema" in version "flowcontrol.apiserver.k8s.io/v1beta3": removed in Kubernetes 1.32; use flowcontrol.apiserver.k8s.io/v1 (`cdk8s-daemonsets migrate` converts it)',
    ]);
  });

  test('PodSecurityPolicy: removed in 1.25, no successor, Pod Security admission instead', () => {
    const [message] = at('policy/v1beta1', 'PodSecurityPolicy', '1.27');
    expect(message).toMatch(/^error api-version-removed: .*removed in Kubernetes 1\.25, with no successor API: .*Pod Security admission/);
    expect(at('extensions/v1beta1', 'PodSecurityPolicy', '1.27')[0]).toMatch(/removed in Kubernetes 1\.16, with no successor API: .*Pod Security admission/);
  });

  test('RBAC v1beta1: removed in 1.22, the successor named; an Ingress names what else changes', () => {
    expect(at('rbac.authorization.k8s.io/v1beta1', 'ClusterRole', '1.27')).toEqual([
      'error api-version-removed: Invalid value: "rbac.authorization.k8s.io/v1beta1": no matches for kind "ClusterRole" in version "rbac.authorization.k8s.io/v1beta1": removed in Kubernetes 1.22; use rbac.authorization.k8s.io/v1 (`cdk8s-daemonsets migrate` converts it)',
    ]);
    expect(at('extensions/v1beta1', 'Ingress', '1.27')[0]).toMatch(/use networking\.k8s\.io\/v1, which also changes: `spec\.backend` is renamed `spec\.defaultBackend`/);
  });

  test('a beta added after 1.24 was never served by default (k8s.io/kubernetes v1.31.14 betaAPIGroupVersionsDisabledByDefault): the warning says so', () => {
    expect(at('networking.k8s.io/v1beta1', 'ServiceCIDR', '1.36')).toEqual([
      'warning api-version-deprecated: networking.k8s.io/v1beta1 ServiceCIDR is deprecated in v1.34+, unavailable in v1.37+; use networking.k8s.io/v1 ServiceCIDR '
        + '(and off by default: kube-apiserver serves this beta only when --runtime-config enables it)',
    ]);
    // flowcontrol v1beta3 was a legacy beta, served by default until its removal (legacyBetaEnabledByDefaultResources).
    expect(at('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')[0]).not.toContain('off by default');
  });

  test('apps/v1beta1 never served DaemonSets: "no matches", not a removal', () => {
    expect(at('apps/v1beta1', 'DaemonSet', '1.27')).toEqual([
      'error api-version-kind: Invalid value: "apps/v1beta1": no matches for kind "DaemonSet" in version "apps/v1beta1"; use apps/v1',
    ]);
  });
});

describe('deprecation warnings by release', () => {
  test('the AppArmor annotation is the only way to set a profile before 1.30: warned about from 1.30 only', () => {
    const ds = baseDaemonSet();
    ds.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/agent': 'runtime/default' };
    const warned = (v: string) => DaemonSetValidator.validate(ds, { kubernetesVersion: v }).filter(f => f.rule === 'deprecated-annotation').map(f => f.message);
    expect(warned('1.29')).toEqual([]);
    expect(warned('1.30')).toEqual(['deprecated since v1.30; use the "appArmorProfile" field instead']);
  });

  test('a per-container annotation for a container the pod does not have: kube-apiserver reads them per container, so no warning', () => {
    const ds = baseDaemonSet();
    ds.spec.template.metadata.annotations = { 'container.seccomp.security.alpha.kubernetes.io/other': 'runtime/default' };
    expect(DaemonSetValidator.validate(ds).filter(f => f.rule === 'deprecated-annotation')).toEqual([]);
  });
});

describe('Pod Security policy version', () => {
  const namespace = (labels: { [k: string]: string }) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels } });
  const probeHost = () => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.containers[0].readinessProbe = { tcpSocket: { host: '10.0.0.1', port: 9100 } };
    return ds;
  };
  const warned = (labels: { [k: string]: string }, kubernetesVersion: string) =>
    DaemonSetValidator.validateAll([namespace(labels), probeHost()], { kubernetesVersion })
      .some(f => f.rule === 'namespace-pod-security');

  test('a probe host breaks baseline from policy 1.34 (`latest` is the cluster\'s release)', () => {
    expect(warned({ 'pod-security.kubernetes.io/enforce': 'baseline' }, '1.33')).toBe(false);
    expect(warned({ 'pod-security.kubernetes.io/enforce': 'baseline' }, '1.34')).toBe(true);
  });

  test('a namespace pinned to an older policy version is evaluated at that version', () => {
    expect(warned({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.33' }, '1.37')).toBe(false);
    expect(warned({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'latest' }, '1.37')).toBe(true);
  });
});

describe('the synth context key', () => {
  /**
   * A daemon with a deprecated AppArmor annotation, in strict mode: kube-apiserver warns about it
   * from 1.30. (A field of a later release cannot reach the check at synth: cdk8s-plus-27's
   * generated `toJson` drops every field its 1.27 schema lacks, escape hatch included.)
   */
  function synth(context?: unknown): string {
    const app = Testing.app();
    app.node.setContext(WARNINGS_AS_ERRORS_CONTEXT, true);
    if (context !== undefined) app.node.setContext(KUBERNETES_VERSION_CONTEXT, context);
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    const daemon = new NodeDaemonSet(chart, 'agent', {
      image: 'agent:1.0.0',
      resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) } },
      readiness: kplus.Probe.fromTcpSocket({ port: 9100 }),
      ports: [{ number: 9100 }],
    });
    const container = daemon.daemonSet.containers[0].name;
    daemon.daemonSet.podMetadata.addAnnotation(`container.apparmor.security.beta.kubernetes.io/${container}`, 'runtime/default');
    return app.synthYaml();
  }

  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => stderr.mockRestore());

  test('checks against the release it names (default 1.27)', () => {
    expect(() => synth()).not.toThrow();
    expect(() => synth('1.30')).toThrow(/annotations\[container\.apparmor\.security\.beta\.kubernetes\.io\/.*\]: deprecated since v1\.30; use the "appArmorProfile" field instead \(deprecated-annotation[;)]/);
    // `--context cdk8s-daemonsets:kubernetesVersion=1.30` gives a string; a number lost its trailing zero.
    expect(() => synth(1.3)).toThrow(/deprecated-annotation/);
  });

  test('an unsupported value fails synth, naming the key', () => {
    expect(() => synth('1.20')).toThrow(/cdk8s-daemonsets:kubernetesVersion: 1\.20 is not supported: use 1\.27 to 1\.37/);
  });
});
