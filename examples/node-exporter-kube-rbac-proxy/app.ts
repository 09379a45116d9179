import { App, Chart, Duration } from 'cdk8s';
import { DaemonNamespace, NodeExporterDaemonSet } from '../../src';

/**
 * node-exporter as kube-prometheus runs it: metrics only over TLS through kube-rbac-proxy, scraped
 * by a ServiceMonitor that kube-prometheus-stack's Prometheus selects, with DaemonSet health alerts.
 */
export function build(app: App): void {
  const chart = new Chart(app, 'node-exporter-kube-rbac-proxy', { namespace: 'monitoring' });
  const exporter = new NodeExporterDaemonSet(chart, 'node-exporter', {
    metadata: { name: 'node-exporter' },
    kubeRbacProxy: {},
    serviceMonitor: { labels: { release: 'kube-prometheus-stack' }, interval: Duration.seconds(30) },
    prometheusRule: { labels: { release: 'kube-prometheus-stack' } },
  });
  new DaemonNamespace(chart, 'monitoring', { name: 'monitoring', daemons: [exporter] });
}
