import { App, Chart } from 'cdk8s';
import { LogCollectorDaemonSet, LogOutput } from '../../src';

/** The quick start: Fluent Bit with every default, shipping container logs to Elasticsearch. */
export function build(app: App): void {
  const chart = new Chart(app, 'fluent-bit-elasticsearch', { namespace: 'logging' });
  new LogCollectorDaemonSet(chart, 'fluent-bit', {
    // The credentials Secret is created with kubectl before the first apply (see README.md).
    acknowledgedWarnings: ['env-reference-missing'],
    outputs: [LogOutput.elasticsearch({
      host: 'elasticsearch-master',
      httpUser: { name: 'elasticsearch-credentials', key: 'username' },
      httpPasswd: { name: 'elasticsearch-credentials', key: 'password' },
    })],
  });
}
