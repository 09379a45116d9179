import { App, Chart } from 'cdk8s';
import { NodeExporterDaemonSet } from '../../src';

/** node-exporter with every default: the shortest path to node metrics on every Linux node. */
export function build(app: App): void {
  const chart = new Chart(app, 'node-exporter', { namespace: 'monitoring' });
  new NodeExporterDaemonSet(chart, 'node-exporter');
}
