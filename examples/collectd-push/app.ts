import { App, Chart } from 'cdk8s';
import { CollectdDaemonSet } from '../../src';

/** collectd pushing node statistics, interfaces included, to a central collectd server. */
export function build(app: App): void {
  const chart = new Chart(app, 'collectd-push', { namespace: 'monitoring' });
  new CollectdDaemonSet(chart, 'collectd', {
    metadata: { name: 'collectd' },
    network: { server: 'collectd.monitoring.example.com' },
    networkInterfaces: { enabled: true, interfaces: ['lo', '/^(veth|cali|flannel|cni)/'], ignoreSelected: true },
    df: { mountPoints: ['/', '/var'], valuesPercentage: true },
  });
}
