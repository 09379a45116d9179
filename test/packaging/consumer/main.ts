/**
 * A user's cdk8s app, as `cdk8s init typescript-app` lays it out, using every construct of the
 * library through its entry point only. .ci/packaging installs the packed tarball beside the
 * public peer dependencies in a temporary folder, copies this app there and runs `cdk8s synth`.
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  CephCsiDriver, CephCsiNodeDaemonSet, CollectdDaemonSet, ContainerRuntime, DaemonNamespace, DaemonResources,
  DaemonSetUpdateStrategy, DaemonSetValidator, GlusterfsDaemonSet, LogCollectorDaemonSet, LogCollectorEngine, LogOutput,
  NodeDaemonSet, NodeExporterDaemonSet,
} from 'cdk8s-daemonsets';

const app = new App();

const monitoring = new Chart(app, 'monitoring', { namespace: 'monitoring' });
const exporter = new NodeExporterDaemonSet(monitoring, 'node-exporter', {
  resources: DaemonResources.of({ cpuRequestMillicores: 50, memoryRequest: Size.mebibytes(32), memoryLimit: Size.mebibytes(64) }),
});
const collectd = new CollectdDaemonSet(monitoring, 'collectd', { writePrometheus: { port: 9103 } });
new DaemonNamespace(monitoring, 'namespace', { name: 'monitoring', daemons: [exporter, collectd] });

const logging = new Chart(app, 'logging', { namespace: 'logging' });
const fluentBit = new LogCollectorDaemonSet(logging, 'fluent-bit', {
  containerRuntime: ContainerRuntime.CONTAINERD,
  outputs: [LogOutput.loki({ host: 'loki.monitoring.svc.cluster.local', port: 3100 })],
  updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
});
const fluentd = new LogCollectorDaemonSet(logging, 'fluentd', {
  engine: LogCollectorEngine.FLUENTD,
  outputs: [LogOutput.forward({ host: 'aggregator.logging.svc.cluster.local' })],
});
new DaemonNamespace(logging, 'namespace', { name: 'logging', daemons: [fluentBit, fluentd] });

const storage = new Chart(app, 'storage', { namespace: 'storage' });
const gluster = new GlusterfsDaemonSet(storage, 'glusterfs');
const rbd = new CephCsiNodeDaemonSet(storage, 'rbd', {
  driver: CephCsiDriver.RBD,
  clusters: [{ clusterId: 'b9127830-b0cc-4e34-aa47-9d1a2e9949a8', monitors: ['192.0.2.11:6789'] }],
});
new DaemonNamespace(storage, 'namespace', { name: 'storage', daemons: [gluster, rbd] });

const platform = new Chart(app, 'platform', { namespace: 'platform' });
new NodeDaemonSet(platform, 'node-inventory', {
  image: 'registry.example.com/platform/node-inventory:2.4.1',
  runAsUser: 65532,
  ports: [{ name: 'metrics', number: 8080 }],
  readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
  liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8080, periodSeconds: Duration.seconds(30) }),
  resources: { cpu: { request: kplus.Cpu.millis(20) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(32) } },
  hostPathMounts: [{ name: 'os-release', hostPath: '/etc/os-release', mountPath: '/host/etc/os-release' }],
});

// The validator's API, through the entry point: the synthesized objects have no errors.
const findings = DaemonSetValidator.validateAll(app.charts.flatMap(c => c.toJson()));
if (DaemonSetValidator.hasErrors(findings)) throw new Error(`validator errors: ${JSON.stringify(findings)}`);

app.synth();
