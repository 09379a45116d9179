/** A DaemonSet the validator accepts without a single finding; every bad manifest is one change to it. */
export function baseDaemonSet(): any {
  const labels = { 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/instance': 'agent' };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'monitoring', labels: { ...labels } },
    spec: {
      selector: { matchLabels: { ...labels } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      template: {
        metadata: { labels: { ...labels, 'app.kubernetes.io/version': '1.8.2' } },
        spec: {
          serviceAccountName: 'agent',
          automountServiceAccountToken: false,
          priorityClassName: 'system-node-critical',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ operator: 'Exists' }],
          securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'agent',
            image: 'quay.io/prometheus/node-exporter:v1.8.2',
            args: ['--path.rootfs=/host'],
            ports: [{ name: 'metrics', containerPort: 9100 }],
            env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
            resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/', port: 'metrics' } },
            livenessProbe: { httpGet: { path: '/', port: 'metrics' }, periodSeconds: 30, failureThreshold: 5 },
            securityContext: {
              allowPrivilegeEscalation: false,
              readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] },
            },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}
