/**
 * kube-apiserver (the oracle: Kubernetes' own decoding and validation) accepts what the presets
 * synthesize with the issue-14 extension points: sidecars, init containers, environment,
 * envFrom, pull secrets, probes, DNS policy and config, hostUsers, Service options (ClusterIP,
 * internalTrafficPolicy, dual-stack), the Fluent Bit pipeline with its reloader sidecar and extra
 * inputs, and a container added through the cdk8s-plus escape hatch. Every object it serves is
 * created, and every DaemonSet's template also makes a pod the server accepts.
 */
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { describeWithOracle } from './oracle';
import { buildExample } from '../../examples/synth';
import {
  CollectdDaemonSet, FluentBitConfigReload, FluentBitFilter, FluentBitInput, FluentBitMultilineParser, IpFamily, LogCollectorDaemonSet,
  LogCollectorEngine, LogOutput, NodeDaemonSet, NodeExporterDaemonSet, ServiceInternalTrafficPolicy, ServiceIpFamilyPolicy,
} from '../../src';

const sidecar = { name: 'shipper', image: 'registry.example.com/shipper:2.0.0', runAsUser: 10002, ports: [{ name: 'shipper', number: 9999 }] };

/** The YAML of one App per case, as `kubectl apply -f` would get it. */
function cases(): Array<{ id: string; input: string }> {
  const apps: Array<[string, (chart: Chart) => void]> = [
    ['node-exporter with every extension point', chart => new NodeExporterDaemonSet(chart, 'ne', {
      sidecars: [sidecar],
      initContainers: [{ name: 'prepare', image: 'registry.example.com/prep:1.0.0', runAsUser: 0, runAsNonRoot: false, command: ['true'] }],
      envVariables: { EXTRA: kplus.EnvValue.fromValue('1') },
      imagePullSecrets: ['registry-creds'],
      startup: kplus.Probe.fromHttpGet('/', { port: 9100, failureThreshold: 30, periodSeconds: Duration.seconds(2) }),
      dnsPolicy: kplus.DnsPolicy.NONE,
      dnsConfig: { nameservers: ['10.96.0.10', 'fd00::a'], searches: Array.from({ length: 10 }, (_, i) => `s${i}.example.internal`), options: [{ name: 'ndots', value: '2' }] },
      listenOnAllInterfaces: true,
      portName: 'http-metrics',
      hostProcFsMountPropagation: kplus.MountPropagation.HOST_TO_CONTAINER,
      service: { ipFamilyPolicy: ServiceIpFamilyPolicy.PREFER_DUAL_STACK, ipFamilies: [IpFamily.IPV4, IpFamily.IPV6], labels: { tier: 'node' } },
    })],
    ['collectd in its own user namespace, behind a ClusterIP Service', chart => new CollectdDaemonSet(chart, 'collectd', {
      hostUsers: false,
      df: { enabled: false },
      service: { headless: false, internalTrafficPolicy: ServiceInternalTrafficPolicy.LOCAL },
    })],
    ['Fluent Bit with filters, inputs and hot reload', chart => new LogCollectorDaemonSet(chart, 'fb', {
      outputs: [LogOutput.stdout()],
      engine: LogCollectorEngine.fluentBit({
        filters: [FluentBitFilter.multiline({ parsers: [FluentBitMultilineParser.JAVA] }), FluentBitFilter.throttle({ rate: 100 })],
        inputs: [FluentBitInput.forward({ hostPort: true }), FluentBitInput.syslog({ udp: true })],
        configReload: FluentBitConfigReload.hotReload(),
      }),
    })],
    ['a container added through the cdk8s-plus escape hatch', chart => {
      const d = new NodeDaemonSet(chart, 'agent', { image: 'registry.example.com/agent:1.0.0', runAsUser: 10001 });
      d.daemonSet.addContainer({ name: 'escape', image: 'registry.example.com/x:1.0.0' });
      d.addSidecar({ name: 'side', image: 'registry.example.com/y:1.0.0', runAsUser: 1 });
    }],
  ];
  const built = apps.map(([id, add]) => {
    const app = new App();
    add(new Chart(app, 'test', { namespace: 'monitoring' }));
    return { id, input: app.synthYaml() };
  });
  return [...built, { id: 'example fluent-bit-pipeline', input: buildExample('fluent-bit-pipeline').synthYaml() }];
}

/**
 * The oracle validates a Service without the Service REST strategy, which first copies
 * `clusterIP` into `clusterIPs` (normalizeClusterIPs, pkg/registry/core/service): a headless
 * Service (`clusterIP: None`) then lacks `clusterIPs`. That one error is the oracle's gap; a
 * ClusterIP Service (allocated, so no clusterIPs given) passes whole.
 */
const headlessGap = (obj: any) => obj.kind === 'Service' && obj.server.errors.length === 1 && obj.server.errors[0].message === 'spec.clusterIPs: Required value';

describeWithOracle('kube-apiserver accepts the presets\' extension points', (o) => {
  test('every object is created, and every DaemonSet makes pods the server accepts', () => {
    const answers = o.run(cases());
    const refused = answers.flatMap(answer => answer.objects
      .filter(obj => obj.server.served && (!obj.server.accepted || obj.server.pod?.accepted === false) && !headlessGap(obj))
      .map(obj => ({ case: answer.id, kind: obj.kind, errors: obj.server.errors, pod: obj.server.pod?.errors })));
    expect(refused).toEqual([]);
    const kinds = answers.flatMap(a => a.objects.filter(obj => obj.server.served && obj.server.accepted).map(obj => obj.kind));
    expect(kinds.filter(k => k === 'DaemonSet')).toHaveLength(5);
    // The ClusterIP Services (collectd's and the example's, internalTrafficPolicy Local) pass whole.
    expect(kinds.filter(k => k === 'Service')).toHaveLength(2);
  });
});
