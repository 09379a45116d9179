/** A DaemonSet using the fields the releases after 1.27 added: a native sidecar, a sleep hook, AppArmor fields, recursiveReadOnly. */
export function laterFieldsDaemonSet(): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'monitoring' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: {
          securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
          initContainers: [{ name: 'proxy', image: 'busybox:1.36', restartPolicy: 'Always' }],
          containers: [{
            name: 'agent',
            image: 'busybox:1.36',
            lifecycle: { preStop: { sleep: { seconds: 5 } } },
            volumeMounts: [{ name: 'proc', mountPath: '/host/proc', readOnly: true, recursiveReadOnly: 'IfPossible' }],
          }],
          volumes: [{ name: 'proc', hostPath: { path: '/proc' } }],
        },
      },
    },
  };
}
