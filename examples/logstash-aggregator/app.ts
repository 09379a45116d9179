import { App, Chart } from 'cdk8s';
import { LogCollectorDaemonSet, LogOutput, LogstashProtocol } from '../../src';

/** Node logs (containers and the systemd journal) shipped by Fluent Bit to a central Logstash. */
export function build(app: App): void {
  const chart = new Chart(app, 'logstash-aggregator', { namespace: 'logging' });
  new LogCollectorDaemonSet(chart, 'node-logs', {
    metadata: { name: 'node-logs' },
    // The credentials Secret is created with kubectl before the first apply (see README.md).
    acknowledgedWarnings: ['env-reference-missing'],
    journald: { systemdUnits: ['kubelet.service', 'containerd.service', 'sshd.service'] },
    outputs: [LogOutput.logstash({
      host: 'logstash.logging.svc.cluster.local',
      protocol: LogstashProtocol.HTTP,
      httpUser: { name: 'logstash-http-input', key: 'username' },
      httpPasswd: { name: 'logstash-http-input', key: 'password' },
      retryLimit: 10,
    })],
  });
}
