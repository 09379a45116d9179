import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkLabelMap } from './prometheus-values';
import { renderableMap } from '../internal/cdk8s-keys';
import { k8s } from '../internal/kplus-adapter';

/**
 * A NetworkPolicy that admits traffic to the daemon's pods only on the metrics port, and only
 * from the pods `podSelector` picks in the namespaces `namespaceSelector` picks (Prometheus).
 * Selecting the pods isolates them: every other ingress to them is refused. Egress is left alone.
 *
 * Most CNI plugins (Calico, Cilium, and others) do not apply NetworkPolicy to pods on the host
 * network: they share the node's network namespace, so a policy selecting them has no effect.
 * The validator warns about that (`network-policy-host-network`); behind `kubeRbacProxy`,
 * node-exporter authenticates scrapes instead.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export interface MetricsNetworkPolicyOptions {
  /**
   * Labels of the namespaces Prometheus runs in (`namespaceSelector.matchLabels`), e.g.
   * `{ 'kubernetes.io/metadata.name': 'monitoring' }`; `{}` for every namespace.
   *
   * @default - the daemon's own namespace only
   */
  readonly namespaceSelector?: { [key: string]: string };
  /**
   * Labels of the Prometheus pods (`podSelector.matchLabels`), as kube-prometheus labels them.
   *
   * @default { 'app.kubernetes.io/name': 'prometheus' }
   */
  readonly podSelector?: { [key: string]: string };
}

/** What the policy needs from its daemon. @internal */
export interface NetworkPolicyTarget {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  /** The DaemonSet's selector labels. */
  readonly podSelector: { [key: string]: string };
  /** The metrics port number, where Prometheus connects. */
  readonly port: number;
}

/** The NetworkPolicy admitting Prometheus to the metrics port. @internal */
export function createMetricsNetworkPolicy(scope: Construct, target: NetworkPolicyTarget, options: MetricsNetworkPolicyOptions): ApiObject {
  const from = '/spec/ingress/0/from/0';
  const podSelector = renderableMap(`${from}/podSelector/matchLabels`,
    checkLabelMap(scope, 'networkPolicy.podSelector', options.podSelector ?? { 'app.kubernetes.io/name': 'prometheus' }));
  const namespaceLabels = options.namespaceSelector === undefined ? undefined
    : renderableMap(`${from}/namespaceSelector/matchLabels`, checkLabelMap(scope, 'networkPolicy.namespaceSelector', options.namespaceSelector));
  const namespaceSelector = namespaceLabels && { matchLabels: namespaceLabels.map };
  const policy = new k8s.KubeNetworkPolicy(scope, 'NetworkPolicy', {
    metadata: { name: target.name, namespace: target.namespace, labels: target.labels },
    spec: {
      podSelector: { matchLabels: target.podSelector },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector, podSelector: { matchLabels: podSelector.map } }],
        ports: [{ port: k8s.IntOrString.fromNumber(target.port), protocol: 'TCP' }],
      }],
    },
  });
  policy.addJsonPatch(...podSelector.patches, ...namespaceLabels?.patches ?? []);
  return policy;
}
