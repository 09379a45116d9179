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
