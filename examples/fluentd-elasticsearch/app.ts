import { App, Chart } from 'cdk8s';
import { LogCollectorDaemonSet, LogCollectorEngine, LogOutput } from '../../src';

/** Fluentd (fluentd-kubernetes-daemonset, elasticsearch8 variant) shipping container logs to Elasticsearch over TLS. */
export function build(app: App): void {
  const chart = new Chart(app, 'fluentd-elasticsearch', { namespace: 'logging' });
  new LogCollectorDaemonSet(chart, 'fluentd', {
    metadata: { name: 'fluentd' },
    // The credentials Secret is created with kubectl before the first apply (see README.md).
    acknowledgedWarnings: ['env-reference-missing'],
    engine: LogCollectorEngine.FLUENTD,
    outputs: [LogOutput.elasticsearch({
      host: 'elasticsearch-es-http',
      logstashPrefix: 'kubernetes',
      httpUser: { name: 'elasticsearch-credentials', key: 'username' },
      httpPasswd: { name: 'elasticsearch-credentials', key: 'password' },
      tls: {},
    })],
  });
}
