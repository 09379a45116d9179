/**
 * The packaging smoke app, in TypeScript: a node exporter and a log collector in one Namespace.
 * python/smoke.py, java/.../Smoke.java and go/main.go build the same tree through the jsii
 * packages; .ci/packaging compares their YAML with this one's byte for byte.
 * Usage: `ts-node --project tsconfig.dev.json test/packaging/smoke-app.ts > smoke.k8s.yaml`
 */
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  ContainerRuntime, DaemonNamespace, DaemonResources, DaemonSetUpdateStrategy, LogCollectorDaemonSet, LogOutput,
  NodeExporterDaemonSet,
} from '../../src';

const app = new App();
const chart = new Chart(app, 'smoke', { namespace: 'monitoring' });
const exporter = new NodeExporterDaemonSet(chart, 'node-exporter', {
  resources: DaemonResources.of({ cpuRequestMillicores: 50, memoryRequest: Size.mebibytes(32), memoryLimit: Size.mebibytes(64) }),
});
const logs = new LogCollectorDaemonSet(chart, 'fluent-bit', {
  containerRuntime: ContainerRuntime.CONTAINERD,
  outputs: [LogOutput.loki({ host: 'loki.monitoring.svc.cluster.local', port: 3100, labels: { cluster: 'smoke' } })],
  updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
});
new DaemonNamespace(chart, 'namespace', { name: 'monitoring', daemons: [exporter, logs] });
process.stdout.write(app.synthYaml());
