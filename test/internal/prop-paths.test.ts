import { daemonNamespacePropOf, nodeDaemonSetPropOf } from '../../src/internal/prop-paths';

describe('nodeDaemonSetPropOf: the prop that sets a field, for the prop hint of a finding', () => {
  test.each([
    ['DaemonSet', 'metadata.name', 'metadata.name'],
    ['DaemonSet', 'metadata.namespace', 'metadata.namespace'],
    ['DaemonSet', 'spec.template.labels', 'podMetadata.labels'],
    ['DaemonSet', 'spec.template.metadata.labels', 'podMetadata.labels'],
    ['DaemonSet', 'spec.selector', 'name / metadata.name'],
    ['DaemonSet', 'spec.updateStrategy.rollingUpdate.maxSurge', 'updateStrategy'],
    ['DaemonSet', 'spec.minReadySeconds', 'minReadySeconds'],
    ['DaemonSet', 'spec.template.spec.containers[0].ports[1].containerPort', 'ports[1].number'],
    ['DaemonSet', 'spec.template.spec.containers[0].ports[0].hostPort', 'ports[0].hostPort'],
    ['DaemonSet', 'spec.template.spec.containers[2].ports[0].name', 'sidecars[1].ports[0].name'],
    ['DaemonSet', 'spec.template.spec.containers[0].env[3].valueFrom.secretKeyRef.name', 'envVariables'],
    ['DaemonSet', 'spec.template.spec.containers[0].resources.limits', 'resources'],
    ['DaemonSet', 'spec.template.spec.containers[0].readinessProbe', 'readiness'],
    ['DaemonSet', 'spec.template.spec.containers[0].securityContext.runAsUser', 'runAsUser'],
    ['DaemonSet', 'spec.template.spec.containers[0].securityContext.seccompProfile', 'seccompProfileType'],
    ['DaemonSet', 'spec.template.spec.containers[0].image', 'image'],
    ['DaemonSet', 'spec.template.spec.volumes[0].hostPath.path', 'hostPathMounts'],
    ['DaemonSet', 'spec.template.spec.hostNetwork', 'hostNetwork'],
    ['DaemonSet', 'spec.template.spec.dnsPolicy', 'dnsPolicy or hostNetwork'],
    ['DaemonSet', 'spec.template.spec.dnsConfig.searches', 'dnsConfig'],
    ['DaemonSet', 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution', 'nodeAffinity'],
    ['DaemonSet', 'spec.template.spec.imagePullSecrets[0].name', 'imagePullSecrets'],
    ['DaemonSet', 'spec.template.spec.initContainers[1].image', 'initContainers[1].image'],
    ['DaemonSet', 'spec.template.spec.containers[0].envFrom[0].configMapRef.name', 'envFrom'],
    ['DaemonSet', 'spec.template.spec.terminationGracePeriodSeconds', 'terminationGracePeriod'],
    ['DaemonSet', 'spec.template.spec.serviceAccountName', 'serviceAccount'],
    ['DaemonSet', 'spec.template.spec.securityContext.fsGroup', 'fsGroup'],
    ['Service', 'spec.ports[0].port', 'service.portNames'],
    ['ClusterRole', 'rules[1]', 'clusterRoleRules[1]'],
    ['ConfigMap', 'data[token]', 'configDirectory.files'],
    ['ServiceAccount', 'metadata.name', 'metadata.name'],
  ])('%s %s → %s', (kind, path, prop) => {
    expect(nodeDaemonSetPropOf(kind, path)).toBe(prop);
  });

  test('the pod as a whole names the namespace and the host access props', () => {
    expect(nodeDaemonSetPropOf('DaemonSet', 'spec.template.spec')).toMatch(/^metadata\.namespace, or the host access props/);
  });

  test('a host port conflict names the port props and the node selection, whatever the field', () => {
    expect(nodeDaemonSetPropOf('DaemonSet', 'spec.template.spec.containers[0].ports[0].containerPort', 'host-port-conflict'))
      .toBe('port, metricsPort or ports[].number; or nodeSelector / nodeAffinity');
    expect(nodeDaemonSetPropOf('DaemonSet', 'spec.template.spec.containers[0].ports[0].containerPort', 'container-port')).toBe('ports[0].number');
  });

  test('no prop sets an unknown kind or field', () => {
    expect(nodeDaemonSetPropOf('RoleBinding', 'roleRef.name')).toBeUndefined();
    expect(nodeDaemonSetPropOf('DaemonSet', 'spec.template.spec.containers[0].terminationMessagePolicy')).toBeUndefined();
  });
});

test('daemonNamespacePropOf names the DaemonNamespace props', () => {
  expect(daemonNamespacePropOf('Namespace', 'metadata.labels[pod-security.kubernetes.io/warn]')).toBe('labels');
  expect(daemonNamespacePropOf('Namespace', 'metadata.name')).toBe('name');
  expect(daemonNamespacePropOf('Namespace', 'metadata.annotations')).toBeUndefined();
});
