import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NodeDaemonSet, TaintEffect, TolerationOperator } from '../../src';

/**
 * An in-house node agent on the generic NodeDaemonSet: the path for any daemon without a preset.
 * It reads the node's OS release and kernel settings, labels its node through the API, and
 * serves metrics on a Service.
 */
export function build(app: App): void {
  const chart = new Chart(app, 'custom-agent', { namespace: 'platform' });
  new NodeDaemonSet(chart, 'node-inventory', {
    metadata: { name: 'node-inventory' },
    name: 'node-inventory',
    component: 'agent',
    image: 'registry.example.com/platform/node-inventory:2.4.1',
    runAsUser: 65532,
    runAsGroup: 65532,
    args: ['--config=/etc/node-inventory/agent.yaml', '--listen=:8080'],
    envVariables: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME) },
    ports: [{ name: 'metrics', number: 8080 }],
    readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
    liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8080, periodSeconds: Duration.seconds(30), failureThreshold: 5 }),
    resources: {
      cpu: { request: kplus.Cpu.millis(20), limit: kplus.Cpu.millis(100) },
      memory: { request: Size.mebibytes(32), limit: Size.mebibytes(32) },
    },
    hostPathMounts: [
      { name: 'os-release', hostPath: '/etc/os-release', mountPath: '/host/etc/os-release', type: kplus.HostPathVolumeType.FILE },
      { name: 'host-sys', hostPath: '/sys', mountPath: '/host/sys' },
    ],
    scratchDirectories: [{ mountPath: '/tmp', sizeLimit: Size.mebibytes(16) }],
    configDirectory: {
      mountPath: '/etc/node-inventory',
      files: { 'agent.yaml': 'labelPrefix: inventory.example.com/\nrefreshSeconds: 300\n' },
    },
    clusterRoleRules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] }],
    service: { portNames: ['metrics'] },
    // Only control-plane and ordinary nodes: not the GPU pool, whose taint it leaves alone.
    tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_SCHEDULE }],
    priorityClassName: '',
  });
}
