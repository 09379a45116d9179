/** Minimal Nodes and DaemonSets for the coverage and host-port tests. */

/** A `kind: List` of minimal Nodes. */
export function nodeList(nodes: Array<{ name: string; labels: { [k: string]: string }; taints?: any[]; allocatable?: { [k: string]: string } }>): any {
  return {
    apiVersion: 'v1',
    kind: 'List',
    items: nodes.map(n => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: n.name, labels: n.labels },
      spec: { taints: n.taints },
      status: n.allocatable ? { allocatable: n.allocatable } : {},
    })),
  };
}

/** A minimal DaemonSet with `pod` as its template's pod spec. */
export function daemonSet(name: string, pod: { [k: string]: any }, namespace?: string): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'x:1' }], ...pod } } },
  };
}
