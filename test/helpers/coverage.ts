/** Minimal Nodes and DaemonSets for the coverage and host-port tests. */

/** A node of `nodeList()`: name, labels, and optionally taints and allocatable. */
export interface NodeSpec {
  readonly name: string;
  readonly labels: { [k: string]: string };
  readonly taints?: any[];
  readonly allocatable?: { [k: string]: string };
}

/** A `kind: List` of minimal Nodes. */
export function nodeList(nodes: NodeSpec[]): any {
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
