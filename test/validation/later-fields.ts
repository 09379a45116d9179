/** A DaemonSet `agent` in `monitoring` (label `app: agent`) with this pod spec and these pod template annotations. */
export function agentDaemonSet(pod: any, annotations?: { [key: string]: string }): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'monitoring' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' }, ...(annotations ? { annotations } : {}) }, spec: pod },
    },
  };
}

/** A DaemonSet using the fields the releases after 1.27 added: a native sidecar, a sleep hook, AppArmor fields, recursiveReadOnly. */
export function laterFieldsDaemonSet(): any {
  return agentDaemonSet({
    securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
    initContainers: [{ name: 'proxy', image: 'busybox:1.36', restartPolicy: 'Always' }],
    containers: [{
      name: 'agent',
      image: 'busybox:1.36',
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      volumeMounts: [{ name: 'proc', mountPath: '/host/proc', readOnly: true, recursiveReadOnly: 'IfPossible' }],
    }],
    volumes: [{ name: 'proc', hostPath: { path: '/proc' } }],
  });
}

/**
 * A DaemonSet using a field behind each feature gate that releases 1.31 to 1.37 added to the pod
 * template (values kube-apiserver v1.37.2 accepts); `GATED_FIELD_PATHS` lists where they are.
 */
export function gatedFieldsDaemonSet(): any {
  const probe = { httpGet: { path: '/healthz', port: 8080, protocol: 'HTTP2' } };
  return agentDaemonSet({
    securityContext: { supplementalGroupsPolicy: 'Strict', seLinuxChangePolicy: 'Recursive' },
    resources: { limits: { cpu: '1', memory: '512Mi' } },
    resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: 'gpu' }],
    hostnameOverride: 'agent',
    schedulingGroup: { podGroupName: 'agents' },
    evictionResponders: [{ name: 'example.com/agent', priority: 10000 }],
    containers: [{
      name: 'agent',
      image: 'busybox:1.36',
      restartPolicy: 'Always',
      restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }],
      resources: { claims: [{ name: 'gpu' }] },
      env: [{ name: 'TOKEN', valueFrom: { fileKeyRef: { volumeName: 'env', path: 'vars.env', key: 'TOKEN' } } }],
      lifecycle: { stopSignal: 'SIGTERM' },
      livenessProbe: probe,
      readinessProbe: { grpc: { port: 9090, mode: 'Plaintext' } },
      volumeMounts: [
        { name: 'models', mountPath: '/models', readOnly: true },
        { name: 'certs', mountPath: '/certs', readOnly: true },
        { name: 'config', mountPath: '/config', readOnly: true, bindMountOptions: ['noexec'] },
      ],
    }],
    volumes: [
      { name: 'env', emptyDir: { mode: 0o750 } },
      { name: 'models', image: { reference: 'registry.example/models:1.0.0', pullPolicy: 'IfNotPresent' } },
      { name: 'certs', projected: { sources: [{ podCertificate: { signerName: 'example.com/agent', keyType: 'ED25519', credentialBundlePath: 'creds.pem' } }] } },
      { name: 'config', configMap: { name: 'agent', defaultUser: 1000 } },
    ],
  });
}

/** Where gatedFieldsDaemonSet sets each gated field, relative to the pod spec. */
export const GATED_FIELD_PATHS = [
  'securityContext.supplementalGroupsPolicy', 'securityContext.seLinuxChangePolicy', 'resources', 'resourceClaims', 'hostnameOverride',
  'schedulingGroup', 'evictionResponders', 'containers[0].restartPolicy', 'containers[0].restartPolicyRules', 'containers[0].resources.claims',
  'containers[0].env[0].valueFrom.fileKeyRef', 'containers[0].lifecycle.stopSignal', 'containers[0].livenessProbe.httpGet.protocol',
  'containers[0].readinessProbe.grpc.mode', 'containers[0].volumeMounts[2].bindMountOptions', 'volumes[0].emptyDir.mode', 'volumes[1].image',
  'volumes[2].projected.sources[0].podCertificate', 'volumes[3].configMap.defaultUser',
];
