import { App, Chart } from 'cdk8s';
import { LogCollectorDaemonSet, LogOutput } from '../../src';

/** Fluent Bit shipping to Elasticsearch, scraped by a PodMonitor, with DaemonSet health alerts. */
export function build(app: App): void {
  const chart = new Chart(app, 'fluent-bit-pod-monitor', { namespace: 'logging' });
  new LogCollectorDaemonSet(chart, 'fluent-bit', {
    metadata: { name: 'fluent-bit' },
    outputs: [LogOutput.elasticsearch({ host: 'elasticsearch.logging.svc.cluster.local' })],
    metricsService: false,
    podMonitor: { labels: { release: 'kube-prometheus-stack' } },
    prometheusRule: { labels: { release: 'kube-prometheus-stack' } },
  });
}
