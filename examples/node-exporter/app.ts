import { App, Chart } from 'cdk8s';
import { DaemonNamespace, NodeExporterDaemonSet } from '../../src';

/** node-exporter with every default: the shortest path to node metrics on every Linux node. */
export function build(app: App): void {
  const chart = new Chart(app, 'node-exporter', { namespace: 'monitoring' });
  const exporter = new NodeExporterDaemonSet(chart, 'node-exporter');
  new DaemonNamespace(chart, 'monitoring', { name: 'monitoring', daemons: [exporter] });
}
