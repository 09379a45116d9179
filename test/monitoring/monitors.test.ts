import { Duration } from 'cdk8s';
import { DAEMONS, errorOf, expectSchemaValid, render } from './helpers';
import { describeWithPrometheus } from './prometheus-oracle';
import { DaemonSetValidator, NodeDaemonSet, RelabelAction, RelabelConfig, ScrapeScheme } from '../../src';
import { byKind } from '../helpers/synth';

const SCRAPE_ANNOTATIONS = ['prometheus.io/scrape', 'prometheus.io/port', 'prometheus.io/path'];

function podAnnotations(manifests: any[]): { [k: string]: string } {
  return byKind(manifests, 'DaemonSet').spec.template.metadata.annotations ?? {};
}

describe.each(DAEMONS)('%s', (_name, make, metrics) => {
  test('serviceMonitor: {} selects exactly the Service, on its metrics port by name and path, node name as instance', () => {
    const manifests = render(s => make(s, { serviceMonitor: {} }));
    const service = byKind(manifests, 'Service');
    const monitor = byKind(manifests, 'ServiceMonitor');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.namespace).toBe(service.metadata.namespace);
    // Its labels select the Service (the operator's matchLabels are a subset test) and are the Service's own selector labels.
    expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(monitor.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect(monitor.spec.namespaceSelector).toBeUndefined();
    expect(monitor.spec.jobLabel).toBe('app.kubernetes.io/name');
    expect(monitor.spec.endpoints).toEqual([{
      port: metrics.port,
      path: metrics.path,
      scheme: 'http',
      relabelings: [{ action: 'replace', sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance' }],
    }]);
    expect(service.spec.ports.map((p: any) => p.name)).toContain(metrics.port);
    expectSchemaValid(manifests);
  });

  test('podMonitor: {} selects exactly the pods, on the container port by name', () => {
    const manifests = render(s => make(s, { podMonitor: {} }));
    const ds = byKind(manifests, 'DaemonSet');
    const monitor = byKind(manifests, 'PodMonitor');
    expect(monitor.spec.selector.matchLabels).toEqual(ds.spec.selector.matchLabels);
    expect(monitor.spec.podMetricsEndpoints).toEqual([{
      port: metrics.port,
      path: metrics.path,
      scheme: 'http',
      relabelings: [{ action: 'replace', sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance' }],
    }]);
    const ports = ds.spec.template.spec.containers.flatMap((c: any) => c.ports ?? []);
    expect(ports.find((p: any) => p.name === metrics.port).containerPort).toBe(metrics.number);
    expectSchemaValid(manifests);
  });

  test('one scrape-annotation rule: the pods are annotated, the Service never; none with a monitor', () => {
    const plain = render(s => make(s, {}));
    expect(podAnnotations(plain)).toMatchObject({
      'prometheus.io/scrape': 'true', 'prometheus.io/port': String(metrics.number), 'prometheus.io/path': metrics.path,
    });
    expect(byKind(plain, 'Service').metadata.annotations).toBeUndefined();
    for (const options of [{ serviceMonitor: {} }, { podMonitor: {} }]) {
      const keys = Object.keys(podAnnotations(render(s => make(s, options))));
      expect(keys.filter(k => SCRAPE_ANNOTATIONS.includes(k))).toEqual([]);
    }
  });

  test('podMetadata annotations are kept beside the derived scrape annotations, and alone with a monitor', () => {
    const mine = { podMetadata: { annotations: { 'example.com/team': 'infra' } } };
    expect(podAnnotations(render(s => make(s, mine)))).toMatchObject({ 'example.com/team': 'infra', 'prometheus.io/port': String(metrics.number) });
    const monitored = podAnnotations(render(s => make(s, { ...mine, podMonitor: {} })));
    expect(Object.keys(monitored).filter(k => k !== 'checksum/config')).toEqual(['example.com/team']);
  });

  test('the validator finds no monitoring warning in the output', () => {
    for (const options of [{ serviceMonitor: {} }, { podMonitor: {} }]) {
      const findings = DaemonSetValidator.validateAll(render(s => make(s, options)));
      expect(findings.filter(f => f.rule.startsWith('monitor-'))).toEqual([]);
    }
  });
});

describe('monitor options', () => {
  const agent = (options: object) => (s: any) => new NodeDaemonSet(s, 'agent', {
    image: 'example.com/agent:v1.2.3', ports: [{ name: 'metrics', number: 9400 }, { name: 'admin', number: 9401 }], service: {}, ...options,
  });

  test('every endpoint setting, rendered with the CRD\'s field names', () => {
    const manifests = render(agent({
      serviceMonitor: {
        port: 'admin',
        path: '/stats',
        interval: Duration.seconds(30),
        scrapeTimeout: Duration.millis(10500),
        scheme: ScrapeScheme.HTTPS,
        tlsConfig: { serverName: 'agent.example', caSecret: { name: 'agent-ca', key: 'ca.crt' } },
        bearerTokenSecret: { name: 'prom-token', key: 'token' },
        honorLabels: true,
        relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_label_zone'], targetLabel: 'zone' }],
        metricRelabelings: [{ action: RelabelAction.DROP, sourceLabels: ['__name__'], regex: 'go_.*' }],
        labels: { release: 'kube-prometheus-stack' },
        jobLabel: 'app.kubernetes.io/instance',
      },
    }));
    const monitor = byKind(manifests, 'ServiceMonitor');
    expect(monitor.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(monitor.spec.jobLabel).toBe('app.kubernetes.io/instance');
    expect(monitor.spec.endpoints[0]).toEqual({
      port: 'admin',
      path: '/stats',
      interval: '30s',
      scrapeTimeout: '10s500ms',
      scheme: 'https',
      honorLabels: true,
      authorization: { type: 'Bearer', credentials: { name: 'prom-token', key: 'token' } },
      tlsConfig: { serverName: 'agent.example', ca: { secret: { name: 'agent-ca', key: 'ca.crt' } } },
      relabelings: [
        { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance' },
        { sourceLabels: ['__meta_kubernetes_pod_label_zone'], targetLabel: 'zone' },
      ],
      metricRelabelings: [{ action: 'drop', sourceLabels: ['__name__'], regex: 'go_.*' }],
    });
    expectSchemaValid(manifests);
  });

  test.each<[string, object, RegExp]>([
    ['no preset port', { serviceMonitor: {} }, /serviceMonitor\.port: Invalid value: null: name the port to scrape/],
    ['an unknown Service port', { serviceMonitor: { port: 'nope' } }, /serviceMonitor\.port: Invalid value: "nope": the Service has no port of that name \(its ports: metrics, admin\)/],
    ['an unknown container port', { podMonitor: { port: 'nope' } }, /podMonitor\.port: Invalid value: "nope": no container of the pod has a port/],
    ['both monitors', { serviceMonitor: { port: 'metrics' }, podMonitor: { port: 'metrics' } }, /podMonitor: Invalid value: .*scrape every pod twice/],
    ['no Service', { service: undefined, serviceMonitor: { port: 'metrics' } }, /serviceMonitor: Invalid value: .*this daemon has none/],
    ['a timeout over the interval', { serviceMonitor: { port: 'metrics', interval: Duration.seconds(10), scrapeTimeout: Duration.seconds(15) } },
      /scrapeTimeout: Invalid value: "15s": must not exceed interval \(10s\)/],
    ['a fractional millisecond', { serviceMonitor: { port: 'metrics', interval: Duration.millis(0.5) } }, /interval: Invalid value: "0.5ms": must be a positive whole/],
    ['a relative path', { serviceMonitor: { port: 'metrics', path: 'metrics' } }, /serviceMonitor\.path: Invalid value: "metrics": must be an absolute URL path/],
    // Before: accepted, and the token written into the ServiceMonitor for anyone who can read monitors.
    ['a token in the path\'s query', { serviceMonitor: { port: 'metrics', path: '/metrics?token=hunter2-S3cr3t' } },
      /serviceMonitor\.path: Invalid value: "\/metrics\?token=\*\*\*": carries a credential inline \(the query parameter token\).*bearerTokenSecret/],
    ['tlsConfig on http', { serviceMonitor: { port: 'metrics', tlsConfig: { insecureSkipVerify: true } } }, /tlsConfig: Invalid value: .*applies to https scrapes only/],
    ['a bad monitor label', { podMonitor: { port: 'metrics', labels: { release: 'a b' } } }, /podMonitor\.labels\[release\]: Invalid value: "a b"/],
    ['a bad jobLabel', { podMonitor: { port: 'metrics', jobLabel: 'a b' } }, /podMonitor\.jobLabel: Invalid value: "a b"/],
    ['a Secret without key', { podMonitor: { port: 'metrics', bearerTokenSecret: { name: 's', key: '' } } }, /podMonitor\.bearerTokenSecret: Invalid value: .*must name a Secret and a key/],
  ])('refuses %s', (_what, options, message) => {
    expect(errorOf(agent(options))).toMatch(message);
  });
});

/**
 * Relabelings the construct accepts or refuses, and what Prometheus 3.16 itself says of each
 * (`relabel.Config.Validate` on the relabel_config the operator writes): both must agree.
 */
const RELABELINGS: Array<[string, RelabelConfig]> = [
  ['replace with a target', { sourceLabels: ['a'], targetLabel: 'b' }],
  ['replace without a target', { sourceLabels: ['a'] }],
  ['hashmod with a modulus', { action: RelabelAction.HASHMOD, sourceLabels: ['a'], targetLabel: 'shard', modulus: 4 }],
  ['hashmod without a modulus', { action: RelabelAction.HASHMOD, sourceLabels: ['a'], targetLabel: 'shard' }],
  ['keep on a regex', { action: RelabelAction.KEEP, sourceLabels: ['a'], regex: 'x|y' }],
  ['labeldrop with only a regex', { action: RelabelAction.LABELDROP, regex: 'tmp_.*' }],
  ['labeldrop with sourceLabels', { action: RelabelAction.LABELDROP, regex: 'tmp_.*', sourceLabels: ['a'] }],
  ['labelkeep with a replacement', { action: RelabelAction.LABELKEEP, regex: 'a', replacement: 'b' }],
  ['labelmap', { action: RelabelAction.LABELMAP, regex: '__meta_kubernetes_pod_label_(.+)' }],
  ['keepequal with source and target', { action: RelabelAction.KEEPEQUAL, sourceLabels: ['a'], targetLabel: 'b' }],
  ['keepequal with a regex', { action: RelabelAction.KEEPEQUAL, sourceLabels: ['a'], targetLabel: 'b', regex: 'x' }],
  ['dropequal without a target', { action: RelabelAction.DROPEQUAL, sourceLabels: ['a'] }],
  ['lowercase with a replacement', { action: RelabelAction.LOWERCASE, sourceLabels: ['a'], targetLabel: 'b', replacement: 'x' }],
  ['uppercase', { action: RelabelAction.UPPERCASE, sourceLabels: ['a'], targetLabel: 'b' }],
  ['a lookahead regex', { action: RelabelAction.DROP, sourceLabels: ['a'], regex: '(?=x)' }],
  ['an unbalanced regex', { action: RelabelAction.DROP, sourceLabels: ['a'], regex: '(x' }],
];

function constructAccepts(r: RelabelConfig): boolean {
  try {
    render(s => new NodeDaemonSet(s, 'agent', {
      image: 'example.com/agent:v1.2.3', ports: [{ name: 'metrics', number: 9400 }], podMonitor: { port: 'metrics', relabelings: [r] },
    }));
    return true;
  } catch {
    return false;
  }
}

describeWithPrometheus('relabelings: the construct refuses exactly what Prometheus refuses', check => {
  const answers = check(RELABELINGS.map(([id, r]) => ({ id, relabelings: [{ action: RelabelAction.REPLACE, ...r }] })));
  test.each(RELABELINGS.map(([id, r], i) => [id, r, answers[i]] as const))('%s', (_id, r, answer) => {
    expect(answer.errors.length === 0).toBe(constructAccepts(r));
  });
  test('Prometheus refuses some of them (the table tests both sides)', () => {
    expect(answers.filter(a => a.errors.length > 0).map(a => a.id)).toEqual([
      'replace without a target', 'hashmod without a modulus', 'labeldrop with sourceLabels', 'labelkeep with a replacement',
      'keepequal with a regex', 'dropequal without a target', 'lowercase with a replacement', 'a lookahead regex', 'an unbalanced regex',
    ]);
  });
});
