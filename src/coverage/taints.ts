/**
 * Taints against tolerations, as the DaemonSet controller decides whether a node gets a pod:
 * the template's tolerations plus the ones the controller adds to every daemon pod
 * (`AddOrUpdateDaemonPodTolerations`), matched with `Toleration.ToleratesTaint`; only
 * `NoSchedule` and `NoExecute` taints block (`FindMatchingUntoleratedTaint` with that filter).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/daemon/util/daemonset_util.go
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/api/core/v1/toleration.go
 */
import { list, map } from '../validation/rules/context';

/** A node taint, with the Kubernetes field names. */
export interface Taint {
  readonly key: string;
  readonly value: string;
  readonly effect: string;
}

/** A toleration as the matching reads it: absent strings are empty, as in Go. */
export interface ParsedToleration {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
  readonly effect: string;
}

/** The taint effects that keep the DaemonSet controller from placing a pod. */
export const BLOCKING_EFFECTS: readonly string[] = ['NoSchedule', 'NoExecute'];

/** What the controller adds to every daemon pod (all with operator Exists and no tolerationSeconds). */
const CONTROLLER_TOLERATIONS: readonly ParsedToleration[] = [
  ['node.kubernetes.io/not-ready', 'NoExecute'],
  ['node.kubernetes.io/unreachable', 'NoExecute'],
  ['node.kubernetes.io/disk-pressure', 'NoSchedule'],
  ['node.kubernetes.io/memory-pressure', 'NoSchedule'],
  ['node.kubernetes.io/pid-pressure', 'NoSchedule'],
  ['node.kubernetes.io/unschedulable', 'NoSchedule'],
].map(([key, effect]) => ({ key, operator: 'Exists', value: '', effect }));

/** Added only to pods on the host network, which do not need the node's pod network. */
const HOST_NETWORK_TOLERATION: ParsedToleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', value: '', effect: 'NoSchedule' };

/** The tolerations the DaemonSet controller adds to a daemon pod (`AddOrUpdateDaemonPodTolerations`). */
export function controllerTolerations(hostNetwork: boolean): readonly ParsedToleration[] {
  return hostNetwork ? [...CONTROLLER_TOLERATIONS, HOST_NETWORK_TOLERATION] : CONTROLLER_TOLERATIONS;
}

/** A toleration of a manifest as the matching reads it. */
export function parseToleration(raw: unknown): ParsedToleration {
  const t = map(raw);
  return { key: str(t.key), operator: str(t.operator), value: str(t.value), effect: str(t.effect) };
}

/** The tolerations a daemon pod of this template carries: the template's, then the controller's. */
export class PodTolerations {
  public static of(pod: { [key: string]: any }): PodTolerations {
    // The controller replaces a matching toleration of the template with its own; both tolerate the same taints.
    return new PodTolerations([...list(pod.tolerations).map(parseToleration), ...controllerTolerations(pod.hostNetwork === true)]);
  }

  private constructor(private readonly tolerations: readonly ParsedToleration[]) {}

  /** The node's NoSchedule and NoExecute taints that no toleration tolerates, in the node's order. */
  public untolerated(taints: readonly Taint[]): Taint[] {
    return taints.filter(t => BLOCKING_EFFECTS.includes(t.effect) && !this.tolerations.some(tol => tolerates(tol, t)));
  }
}

/**
 * `Toleration.ToleratesTaint`: an empty effect matches every effect, an empty key (with Exists)
 * every key; Exists matches any value, Equal (or no operator) the same value. The comparison
 * operators Lt and Gt exist only behind an alpha feature gate that the API server otherwise
 * refuses; like any other operator, they tolerate nothing here.
 */
export function tolerates(t: ParsedToleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  if (t.operator === '' || t.operator === 'Equal') return t.value === taint.value;
  return t.operator === 'Exists';
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** `key=value:Effect`, or `key:Effect` without a value, as `kubectl taint` writes a taint. */
export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}
