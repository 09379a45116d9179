import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonNamespace, NodeExporterDaemonSet } from '../../src';

/**
 * The seed document's node-exporter (an extensions/v1beta1 manifest) expressed with
 * NodeExporterDaemonSet; README.md lists every difference and why.
 */
export function build(app: App): void {
  const chart = new Chart(app, 'seed-node-exporter', { namespace: 'monitoring', disableResourceNameHashes: true });
  const exporter = new NodeExporterDaemonSet(chart, 'node-exporter', {
    metadata: { name: 'node-exporter', labels: { name: 'node-exporter' } },
    podMetadata: { labels: { name: 'node-exporter' } },
    // The seed asks for all three host namespaces; hostIPC is off in the preset.
    hostIPC: true,
    // Seed: `cpu: 0.15`, which the API server stores as 150m.
    resources: { cpu: { request: kplus.Cpu.millis(150) } },
    hostPathMounts: [{ name: 'dev', hostPath: '/dev', mountPath: '/host/dev' }],
    // The seed's ignored mount points, under the flag's name since node-exporter 1.2.0.
    mountPointsExclude: '^/(sys|proc|dev|host|etc)($|/)',
  });
  // The pods need the privileged Pod Security level; the namespace says so.
  new DaemonNamespace(chart, 'monitoring', { name: 'monitoring', daemons: [exporter] });
}
