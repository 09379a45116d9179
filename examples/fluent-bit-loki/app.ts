import { App, Chart } from 'cdk8s';
import { ContainerRuntime, LogCollectorDaemonSet, LogOutput } from '../../src';

/** Fluent Bit on containerd nodes, shipping container logs and the kubelet/containerd journal to Grafana Loki. */
export function build(app: App): void {
  const chart = new Chart(app, 'fluent-bit-loki', { namespace: 'logging' });
  new LogCollectorDaemonSet(chart, 'fluent-bit', {
    metadata: { name: 'fluent-bit' },
    containerRuntime: ContainerRuntime.CONTAINERD,
    journald: {},
    excludeNamespaces: ['kube-system'],
    outputs: [LogOutput.loki({
      host: 'loki-gateway.monitoring.svc.cluster.local',
      port: 80,
      labels: { cluster: 'production' },
    })],
  });
}
