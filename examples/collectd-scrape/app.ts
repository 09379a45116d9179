import { App, Chart } from 'cdk8s';
import { CollectdDaemonSet } from '../../src';

/** collectd serving node statistics for Prometheus, without host namespaces. */
export function build(app: App): void {
  const chart = new Chart(app, 'collectd-scrape', { namespace: 'monitoring' });
  new CollectdDaemonSet(chart, 'collectd', {
    metadata: { name: 'collectd' },
    intervalSeconds: 30,
    cpu: { reportByCpu: false, valuesPercentage: true },
    writePrometheus: { port: 9103 },
  });
}
