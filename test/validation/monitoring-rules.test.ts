import { DaemonSetValidator } from '../../src';

const DS = (ns: string, hostNetwork = false) => `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent, tier: node}}
    spec:
      hostNetwork: ${hostNetwork}
      containers:
      - name: agent
        image: example.com/agent:v1.0.0
        ports: [{name: metrics, containerPort: 9400}]
`;
const SERVICE = (ns: string) => `
apiVersion: v1
kind: Service
metadata: {name: agent, namespace: ${ns}, labels: {app: agent}}
spec:
  selector: {app: agent}
  ports: [{name: metrics, port: 9400, targetPort: metrics}]
`;
const SERVICE_MONITOR = (ns: string, spec: string) => `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: agent, namespace: ${ns}}
spec:
${spec}
`;
const POD_MONITOR = (ns: string, spec: string) => SERVICE_MONITOR(ns, spec).replace('ServiceMonitor', 'PodMonitor');

function rules(...docs: string[]): string[] {
  return DaemonSetValidator.validateYaml(docs.join('\n---\n'))
    .filter(f => f.rule.startsWith('monitor-') || f.rule === 'network-policy-host-network')
    .map(f => `${f.rule} ${f.resource} ${f.path}: ${f.message}`);
}

describe('monitor-selects-nothing', () => {
  test('a ServiceMonitor whose selector matches no Service of its namespace', () => {
    expect(rules(SERVICE('mon'), SERVICE_MONITOR('mon', '  selector: {matchLabels: {app: other}}\n  endpoints: [{port: metrics}]'))).toEqual([
      'monitor-selects-nothing ServiceMonitor mon/agent spec.selector: matches no Service among the objects in namespace mon',
    ]);
  });
  test('the right labels in another namespace do not count; namespaceSelector widens the scope', () => {
    const spec = '  selector: {matchLabels: {app: agent}}\n  endpoints: [{port: metrics}]';
    expect(rules(SERVICE('other'), SERVICE_MONITOR('mon', spec))).toHaveLength(1);
    expect(rules(SERVICE('other'), SERVICE_MONITOR('mon', `${spec}\n  namespaceSelector: {matchNames: [other]}`))).toEqual([]);
    expect(rules(SERVICE('other'), SERVICE_MONITOR('mon', `${spec}\n  namespaceSelector: {any: true}`))).toEqual([]);
  });
  test('a PodMonitor whose selector matches no pod template', () => {
    expect(rules(DS('mon'), POD_MONITOR('mon', '  selector: {matchLabels: {tier: control}}\n  podMetricsEndpoints: [{port: metrics}]'))).toEqual([
      'monitor-selects-nothing PodMonitor mon/agent spec.selector: matches no pod template among the objects in namespace mon',
    ]);
  });
  test('an empty selector selects every Service, as the operator reads it', () => {
    expect(rules(SERVICE('mon'), SERVICE_MONITOR('mon', '  selector: {}\n  endpoints: [{port: metrics}]'))).toEqual([]);
  });
  test('nothing to say without any Service or workload in the set (they may be applied from elsewhere)', () => {
    expect(rules(SERVICE_MONITOR('mon', '  selector: {matchLabels: {app: agent}}\n  endpoints: [{port: nope}]'))).toEqual([]);
    expect(rules(POD_MONITOR('mon', '  selector: {matchLabels: {app: agent}}\n  podMetricsEndpoints: [{port: nope}]'))).toEqual([]);
  });
});

describe('monitor-port-missing', () => {
  test('a ServiceMonitor endpoint on a port the Service does not name', () => {
    expect(rules(SERVICE('mon'), SERVICE_MONITOR('mon', '  selector: {matchLabels: {app: agent}}\n  endpoints: [{port: metrics}, {port: http}]'))).toEqual([
      'monitor-port-missing ServiceMonitor mon/agent spec.endpoints[1].port: no port of the selected Services is named "http" (named ports: metrics)',
    ]);
  });
  test('a PodMonitor endpoint on a port no container names', () => {
    expect(rules(DS('mon'), POD_MONITOR('mon', '  selector: {matchExpressions: [{key: app, operator: In, values: [agent]}]}\n  podMetricsEndpoints: [{port: web}]'))).toEqual([
      'monitor-port-missing PodMonitor mon/agent spec.podMetricsEndpoints[0].port: no container port of the selected pods is named "web" (named ports: metrics)',
    ]);
  });
  test('the right port passes', () => {
    expect(rules(DS('mon'), POD_MONITOR('mon', '  selector: {matchLabels: {app: agent}}\n  podMetricsEndpoints: [{port: metrics}]'))).toEqual([]);
  });
});

describe('monitor-scrape-timeout', () => {
  test('a timeout longer than the interval; equal passes', () => {
    expect(rules(SERVICE_MONITOR('mon', '  selector: {}\n  endpoints: [{interval: 30s, scrapeTimeout: 1m}, {interval: 1m, scrapeTimeout: 60s}, {interval: 1m30s, scrapeTimeout: 90001ms}]'))).toEqual([
      'monitor-scrape-timeout ServiceMonitor mon/agent spec.endpoints[0].scrapeTimeout: 1m is longer than the interval 30s',
      'monitor-scrape-timeout ServiceMonitor mon/agent spec.endpoints[2].scrapeTimeout: 90001ms is longer than the interval 1m30s',
    ]);
  });
});

describe('network-policy-host-network', () => {
  const POLICY = (ns: string, selector: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: agent, namespace: ${ns}}
spec:
  podSelector: ${selector}
  policyTypes: [Ingress]
`;
  test('a policy selecting host-network pods, by labels or by selecting all', () => {
    const expected = ['network-policy-host-network NetworkPolicy mon/agent spec.podSelector: selects host-network pods, which most CNI plugins leave outside NetworkPolicy: the policy has no effect on them'];
    expect(rules(DS('mon', true), POLICY('mon', '{matchLabels: {app: agent}}'))).toEqual(expected);
    expect(rules(DS('mon', true), POLICY('mon', '{}'))).toEqual(expected);
  });
  test('pod-network pods, other labels or another namespace: no warning', () => {
    expect(rules(DS('mon', false), POLICY('mon', '{matchLabels: {app: agent}}'))).toEqual([]);
    expect(rules(DS('mon', true), POLICY('mon', '{matchLabels: {app: other}}'))).toEqual([]);
    expect(rules(DS('mon', true), POLICY('other', '{}'))).toEqual([]);
  });
});
