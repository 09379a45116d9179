import { ApiObject, Chart, Testing } from 'cdk8s';
import { baseDaemonSet } from './base';
import { DaemonSetValidator, NodeDaemonSet, PodSecurityLevel, ValidationSeverity, WARNINGS_AS_ERRORS_CONTEXT } from '../../src';
import { podSecurityLevelOf, podSecurityViolations } from '../../src/security';

const namespace = (level: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': level } } });
const serviceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: 'monitoring' } };

describe('Pod Security Standards level', () => {
  it('the hardened base pod is restricted', () => {
    expect(podSecurityLevelOf(baseDaemonSet().spec.template.spec)).toBe(PodSecurityLevel.RESTRICTED);
  });
  it.each<[string, (pod: any) => void, PodSecurityLevel, string]>([
    ['hostNetwork', pod => { pod.hostNetwork = true; }, PodSecurityLevel.PRIVILEGED, 'hostNetwork'],
    ['hostPath', pod => { pod.volumes[0] = { name: 'tmp', hostPath: { path: '/proc' } }; }, PodSecurityLevel.PRIVILEGED, 'volumes[0].hostPath'],
    ['SYS_TIME', pod => { pod.containers[0].securityContext.capabilities.add = ['SYS_TIME']; }, PodSecurityLevel.PRIVILEGED, 'containers[0].securityContext.capabilities.add[0]'],
    ['lifecycle host', pod => { pod.containers[0].lifecycle = { preStop: { httpGet: { port: 80, host: 'x' } } }; }, PodSecurityLevel.PRIVILEGED, 'containers[0].lifecycle.preStop.httpGet.host'],
    ['allowPrivilegeEscalation unset', pod => { delete pod.containers[0].securityContext.allowPrivilegeEscalation; }, PodSecurityLevel.BASELINE, 'containers[0].securityContext.allowPrivilegeEscalation'],
    ['CHOWN added', pod => { pod.containers[0].securityContext.capabilities.add = ['CHOWN']; }, PodSecurityLevel.BASELINE, 'containers[0].securityContext.capabilities.add[0]'],
  ])('%s raises the level', (_n, change, level, path) => {
    const pod = baseDaemonSet().spec.template.spec;
    change(pod);
    expect(podSecurityLevelOf(pod)).toBe(level);
    expect(podSecurityViolations(pod).map(v => v.path)).toContain(path);
  });
});

describe('Namespace Pod Security labels (admission refuses an invalid one on create and update)', () => {
  const withLabels = (labels: any) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels } });
  it.each<[string, any, string, string]>([
    ['enforce capitalised', { 'pod-security.kubernetes.io/enforce': 'Privileged' }, 'namespace-pod-security-label', 'metadata.labels[pod-security.kubernetes.io/enforce]'],
    ['enforce with a trailing space', { 'pod-security.kubernetes.io/enforce': 'restricted ' }, 'namespace-pod-security-label', 'metadata.labels[pod-security.kubernetes.io/enforce]'],
    ['audit unknown level', { 'pod-security.kubernetes.io/audit': 'strict' }, 'namespace-pod-security-label', 'metadata.labels[pod-security.kubernetes.io/audit]'],
    ['warn not a string', { 'pod-security.kubernetes.io/warn': true }, 'namespace-pod-security-label', 'metadata.labels[pod-security.kubernetes.io/warn]'],
    ['enforce-version without v', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': '1.29' }, 'namespace-pod-security-label', 'metadata.labels[pod-security.kubernetes.io/enforce-version]'],
    ['warn-version v2', { 'pod-security.kubernetes.io/warn-version': 'v2.0' }, 'namespace-pod-security-label', 'metadata.labels[pod-security.kubernetes.io/warn-version]'],
    ['audit-version Latest', { 'pod-security.kubernetes.io/audit-version': 'Latest' }, 'namespace-pod-security-label', 'metadata.labels[pod-security.kubernetes.io/audit-version]'],
    ['labels a list', ['a'], 'field-type', 'metadata.labels'],
  ])('%s', (_name, labels, rule, path) => {
    const findings = DaemonSetValidator.validateAll([withLabels(labels)]);
    expect(findings).toContainEqual(expect.objectContaining({ rule, severity: ValidationSeverity.ERROR, path, resource: 'Namespace monitoring' }));
  });
  it('the message lists the levels as admission does', () => {
    const [f] = DaemonSetValidator.validate(withLabels({ 'pod-security.kubernetes.io/enforce': 'Privileged' }));
    expect(f.message).toBe('Invalid value: "Privileged": must be one of privileged, baseline, restricted');
  });
  it('accepts every level and the version forms', () => {
    const labels = {
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/enforce-version': 'v1.29',
      'pod-security.kubernetes.io/audit': 'baseline',
      'pod-security.kubernetes.io/audit-version': 'latest',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'v1.0',
    };
    expect(DaemonSetValidator.validate(withLabels(labels))).toEqual([]);
  });
  it('a DaemonSet in a namespace with an invalid enforce label is checked against restricted, which admission falls back to', () => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.hostPID = true;
    const findings = DaemonSetValidator.validateAll([withLabels({ 'pod-security.kubernetes.io/enforce': 'Privileged' }), serviceAccount, ds]);
    const f = findings.find(x => x.rule === 'namespace-pod-security');
    expect(f).toMatchObject({ severity: ValidationSeverity.WARNING, path: 'spec.template.spec', resource: 'DaemonSet monitoring/agent' });
    expect(f!.message).toContain('invalid label pod-security.kubernetes.io/enforce="Privileged", so it enforces "restricted"');
  });
});

describe('namespace enforce label against the pod level', () => {
  const privileged = () => { const ds = baseDaemonSet(); ds.spec.template.spec.hostPID = true; return ds; };
  it('warns, with the level to label, when the namespace enforces less', () => {
    const findings = DaemonSetValidator.validateAll([namespace('baseline'), serviceAccount, privileged()]);
    const f = findings.find(x => x.rule === 'namespace-pod-security');
    expect(f).toMatchObject({ severity: ValidationSeverity.WARNING, path: 'spec.template.spec', resource: 'DaemonSet monitoring/agent' });
    expect(f!.message).toContain('pod-security.kubernetes.io/enforce=privileged');
  });
  it('is silent when the namespace admits the pod', () => {
    const rules = DaemonSetValidator.validateAll([namespace('privileged'), serviceAccount, privileged()]).map(f => f.rule);
    expect(rules).not.toContain('namespace-pod-security');
  });
  it('is silent without the Namespace object', () => {
    expect(DaemonSetValidator.validateAll([serviceAccount, privileged()]).map(f => f.rule)).not.toContain('namespace-pod-security');
  });
  it('reports a missing ServiceAccount and ConfigMap', () => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.containers[0].envFrom = [{ configMapRef: { name: 'settings' } }];
    const rules = DaemonSetValidator.validateAll([ds]).map(f => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['service-account-missing', 'env-reference-missing']));
  });
  it('reports a Service that selects no pod', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'monitoring' }, spec: { selector: { app: 'other' }, ports: [{ port: 1 }] } };
    expect(DaemonSetValidator.validateAll([serviceAccount, baseDaemonSet(), svc])).toContainEqual(expect.objectContaining({ rule: 'service-selects-nothing', path: 'spec.selector' }));
  });
  it('matches a Service on every selector label, in the Service\'s namespace', () => {
    const service = (selector: { [k: string]: string }, ns = 'monitoring') => ({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: ns }, spec: { selector, ports: [{ port: 1 }] },
    });
    const rules = (svc: any) => DaemonSetValidator.validateAll([serviceAccount, baseDaemonSet(), svc]).map(f => f.rule);
    // baseDaemonSet's pods carry app.kubernetes.io/name=agent and app.kubernetes.io/instance=agent.
    expect(rules(service({ 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/instance': 'agent' }))).not.toContain('service-selects-nothing');
    expect(rules(service({ 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/instance': 'other' }))).toContain('service-selects-nothing');
    expect(rules(service({ 'app.kubernetes.io/name': 'agent' }, 'elsewhere'))).toContain('service-selects-nothing');
  });
});

describe('synth integration', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => { stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true); });
  afterEach(() => { stderr.mockRestore(); delete process.env.CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS; });

  it('fails synth when the App holds a Namespace that enforces a lower level', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'ns', namespace('baseline'));
    new NodeDaemonSet(chart, 'agent', { image: 'agent:1.0.0', hostPID: true, metadata: { namespace: 'monitoring' } });
    expect(() => Testing.synth(chart)).toThrow(/test\/agent.*spec\.template\.spec: .*"privileged".*namespace-pod-security; prop: metadata\.namespace/s);
  });

  it('passes when the Namespace admits the pods', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'ns', namespace('privileged'));
    new NodeDaemonSet(chart, 'agent', { image: 'agent:1.0.0', hostPID: true, metadata: { namespace: 'monitoring' } });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  it('prints a warning once with its rule id, and the switch makes it an error', () => {
    const chart = Testing.chart();
    new NodeDaemonSet(chart, 'warned', { image: 'agent:1.0.0' });
    Testing.synth(chart);
    Testing.synth(chart);
    const lines = stderr.mock.calls.map(c => String(c[0])).filter(l => l.includes('test/warned') && l.includes('(readiness-probe-missing'));
    expect(lines).toHaveLength(1);
    process.env.CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS = '1';
    expect(() => Testing.synth(chart)).toThrow(/readiness-probe-missing/);
  });

  it('the context key makes warnings errors too', () => {
    const app = Testing.app();
    app.node.setContext(WARNINGS_AS_ERRORS_CONTEXT, true);
    const chart = new Chart(app, 'c');
    new NodeDaemonSet(chart, 'strict', { image: 'agent:1.0.0' });
    expect(() => app.synthYaml()).toThrow(/memory-limit-missing/);
  });

  it('stays quiet about host access the construct opted into', () => {
    const chart = Testing.chart();
    new NodeDaemonSet(chart, 'host', { image: 'agent:1.0.0', hostNetwork: true, hostPID: true });
    Testing.synth(chart);
    const text = stderr.mock.calls.map(c => String(c[0])).join('');
    expect(text).not.toMatch(/\(host-network|\(host-pid/);
    expect(text).toMatch(/\(readiness-probe-missing/);
  });
});
