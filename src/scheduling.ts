import { IConstruct } from 'constructs';
import { NodeSelection, OS_LABEL, requirementProblem } from './coverage/node-selection';
import { assertNoViolation, assertValid, propError } from './internal/errors';
import { k8s } from './internal/kplus-adapter';
import {
  checkLabelValue, checkQualifiedName, int32Violation, NODE_AFFINITY, NODE_SELECTOR, TOLERATION_EFFECT, TOLERATION_KEY, TOLERATION_OPERATOR,
} from './validation';

/**
 * How a toleration matches a taint.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#scheduling
 */
export enum TolerationOperator {
  /** Tolerates a taint with the toleration's key (and effect), whatever its value. */
  EXISTS = 'Exists',
  /** Tolerates a taint whose key and value equal the toleration's. */
  EQUAL = 'Equal',
}

/**
 * The effect of a node taint.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export enum TaintEffect {
  /** New pods are not scheduled on the node unless they tolerate the taint. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler tries to avoid the node. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Running pods that do not tolerate the taint are evicted. */
  NO_EXECUTE = 'NoExecute',
}

/**
 * A pod toleration, with the Kubernetes field names.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#scheduling
 */
export interface Toleration {
  /**
   * The taint key to match (a qualified name). Empty with operator `Exists` matches every taint.
   *
   * @default - every key (requires operator `Exists`)
   */
  readonly key?: string;
  /**
   * How the key and value are matched.
   *
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * The taint value to match; must be empty with operator `Exists`.
   *
   * @default - no value
   */
  readonly value?: string;
  /**
   * The taint effect to match.
   *
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * Seconds the pod stays bound to a node after a matching `NoExecute` taint appears. Only with effect `NoExecute`.
   *
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** The node daemon default: tolerate every taint, so no node is left without its daemon. */
export const TOLERATE_EVERYTHING: Toleration[] = [{ operator: TolerationOperator.EXISTS }];

export { OS_LABEL };

/**
 * Checks tolerations as the API server's `validateTolerations` does and renders them.
 * @internal
 */
export function renderTolerations(scope: IConstruct, tolerations: Toleration[]): k8s.Toleration[] {
  return tolerations.map((t, i) => {
    const prop = `tolerations[${i}]`;
    const operator = t.operator ?? TolerationOperator.EQUAL;
    if (t.key) assertValid(scope, `${prop}.key`, t.key, checkQualifiedName(t.key), TOLERATION_KEY);
    if (!t.key && operator !== TolerationOperator.EXISTS) {
      throw propError(scope, `${prop}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"', TOLERATION_OPERATOR);
    }
    if (operator === TolerationOperator.EXISTS && t.value) {
      throw propError(scope, `${prop}.value`, t.value, 'value must be empty when `operator` is \'Exists\'', TOLERATION_OPERATOR);
    }
    if (t.value) assertValid(scope, `${prop}.value`, t.value, checkLabelValue(t.value), TOLERATION_OPERATOR);
    if (t.tolerationSeconds !== undefined) {
      if (t.effect !== TaintEffect.NO_EXECUTE) {
        throw propError(scope, `${prop}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set", TOLERATION_EFFECT);
      }
      assertNoViolation(scope, `${prop}.tolerationSeconds`, t.tolerationSeconds, int32Violation(t.tolerationSeconds));
    }
    return {
      key: t.key,
      operator: t.operator,
      value: t.value,
      effect: t.effect,
      tolerationSeconds: t.tolerationSeconds,
    };
  });
}

/**
 * Merges the user's node selector over `kubernetes.io/os: linux`, checking label syntax.
 * @internal
 */
export function renderNodeSelector(scope: IConstruct, nodeSelector: { [key: string]: string }): { [key: string]: string } {
  const merged: { [key: string]: string } = { [OS_LABEL]: 'linux' };
  for (const [key, value] of Object.entries(nodeSelector)) {
    assertValid(scope, 'nodeSelector', key, checkQualifiedName(key), NODE_SELECTOR);
    assertValid(scope, `nodeSelector[${key}]`, value, checkLabelValue(value), NODE_SELECTOR);
    merged[key] = value;
  }
  return merged;
}

/**
 * How a node selector requirement compares a node label (or, in `matchFields`, the node name)
 * with its values.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/node-selector-requirement/
 */
export enum NodeSelectorOperator {
  /** The label is set to one of the values. */
  IN = 'In',
  /** The label is absent or set to none of the values. */
  NOT_IN = 'NotIn',
  /** The label is set (no values). */
  EXISTS = 'Exists',
  /** The label is absent (no values). */
  DOES_NOT_EXIST = 'DoesNotExist',
  /** The label is an integer greater than the one value. */
  GT = 'Gt',
  /** The label is an integer less than the one value. */
  LT = 'Lt',
}

/**
 * One requirement of a node selector term, with the Kubernetes field names.
 */
export interface NodeSelectorRequirement {
  /** The label key (in `matchFields`, the field: only `metadata.name`). */
  readonly key: string;
  /** How the label is compared with `values`. */
  readonly operator: NodeSelectorOperator;
  /**
   * The values: one or more for In and NotIn, none for Exists and DoesNotExist, exactly one
   * integer for Gt and Lt (and exactly one in `matchFields`).
   *
   * @default - no values
   */
  readonly values?: string[];
}

/**
 * A node selector term: its requirements are ANDed.
 */
export interface NodeSelectorTerm {
  /**
   * Requirements on node labels.
   *
   * @default - none
   */
  readonly matchExpressions?: NodeSelectorRequirement[];
  /**
   * Requirements on node fields: `metadata.name` with In or NotIn and one value.
   *
   * @default - none
   */
  readonly matchFields?: NodeSelectorRequirement[];
}

/**
 * A preferred node selector term and its weight.
 */
export interface PreferredSchedulingTerm {
  /** The weight, 1 to 100, added to a node's score when the term matches it. */
  readonly weight: number;
  /** The term. */
  readonly preference: NodeSelectorTerm;
}

/**
 * Node affinity for the daemon's pods (`spec.template.spec.affinity.nodeAffinity`). The
 * DaemonSet controller places a pod only on nodes that match the `nodeSelector` and one of the
 * `required` terms; `preferred` terms only weigh in when the scheduler ranks nodes, which for a
 * daemon pod bound to its node changes nothing but is kept for completeness.
 *
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#node-affinity
 */
export interface NodeAffinity {
  /**
   * `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`: a node must match at
   * least one term (terms are ORed; the requirements within a term are ANDed). The virtual-node
   * exclusions (`excludeVirtualNodes`) are added to every term.
   *
   * @default - no requirement beyond the virtual-node exclusions
   */
  readonly required?: NodeSelectorTerm[];
  /**
   * `preferredDuringSchedulingIgnoredDuringExecution`.
   *
   * @default - none
   */
  readonly preferred?: PreferredSchedulingTerm[];
  /**
   * Keep off nodes that cannot run a node daemon: virtual-kubelet nodes (label `type:
   * virtual-kubelet`: ACI virtual nodes, virtual-kubelet providers) and EKS Fargate nodes
   * (label `eks.amazonaws.com/compute-type: fargate`). They run no DaemonSet pod, and since the
   * default tolerations tolerate their taints, the controller would otherwise place a pod that
   * stays Pending there forever. Rendered as `NotIn` requirements in every required term.
   *
   * @default true
   */
  readonly excludeVirtualNodes?: boolean;
}

/** The node labels of nodes that cannot run a node daemon: virtual-kubelet nodes and EKS Fargate nodes. */
export const VIRTUAL_NODE_LABELS: ReadonlyArray<{ readonly key: string; readonly value: string }> = [
  { key: 'type', value: 'virtual-kubelet' },
  { key: 'eks.amazonaws.com/compute-type', value: 'fargate' },
];

/**
 * Checks node affinity as the API server does and renders it, with the virtual-node exclusions
 * ANDed into every required term. Refuses a term that can match no node, alone or once the
 * exclusions are added, and a node selection that together with `nodeSelector` matches no node.
 * @internal
 */
export function renderNodeAffinity(scope: IConstruct, affinity: NodeAffinity, nodeSelector: { [key: string]: string }): k8s.NodeAffinity | undefined {
  const exclusions: k8s.NodeSelectorRequirement[] = affinity.excludeVirtualNodes === false ? []
    : VIRTUAL_NODE_LABELS.map(l => ({ key: l.key, operator: NodeSelectorOperator.NOT_IN, values: [l.value] }));
  const userTerms = (affinity.required ?? []).map((t, i) => renderTerm(scope, `nodeAffinity.required[${i}]`, t));
  userTerms.forEach((t, i) => {
    if (!selects({ nodeSelectorTerms: [t] })) throw propError(scope, `nodeAffinity.required[${i}]`, t, 'the term can match no node');
    if (!selects({ nodeSelectorTerms: [withExclusions(t, exclusions)] })) {
      throw propError(scope, `nodeAffinity.required[${i}]`, t,
        'the term matches only virtual-kubelet or EKS Fargate nodes, which excludeVirtualNodes keeps off: set nodeAffinity.excludeVirtualNodes to false');
    }
  });
  const terms = userTerms.length > 0 ? userTerms.map(t => withExclusions(t, exclusions))
    : exclusions.length > 0 ? [{ matchExpressions: exclusions }] : [];
  const required = terms.length > 0 ? { nodeSelectorTerms: terms } : undefined;
  // Without terms of the user's, only a nodeSelector on an excluded label can contradict the
  // exclusions (a nodeSelector alone always matches some node): most daemons skip the check.
  const mayContradict = userTerms.length > 0 || exclusions.some(e => e.key in nodeSelector);
  if (mayContradict && !selects(required, nodeSelector)) {
    throw propError(scope, 'nodeAffinity', affinity.required ?? [], `no node can match both the nodeSelector ${JSON.stringify(nodeSelector)} and a required term`);
  }
  const preferred = (affinity.preferred ?? []).map((p, i) => {
    const prop = `nodeAffinity.preferred[${i}]`;
    if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) throw propError(scope, `${prop}.weight`, p.weight, 'must be a whole number from 1 to 100', NODE_AFFINITY);
    return { weight: p.weight, preference: renderTerm(scope, `${prop}.preference`, p.preference ?? {}) };
  });
  if (!required && preferred.length === 0) return undefined;
  return {
    requiredDuringSchedulingIgnoredDuringExecution: required,
    preferredDuringSchedulingIgnoredDuringExecution: preferred.length > 0 ? preferred : undefined,
  };
}

/** Whether some node can match the node selector and the required affinity (absent: any node). */
function selects(required: k8s.NodeSelector | undefined, nodeSelector: { [key: string]: string } = {}): boolean {
  const pod = { nodeSelector, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } } };
  return NodeSelection.of(pod).canSelectNodeWith({});
}

/** The term with the exclusions ANDed in, after the user's own expressions. */
function withExclusions(term: k8s.NodeSelectorTerm, exclusions: k8s.NodeSelectorRequirement[]): k8s.NodeSelectorTerm {
  const matchExpressions = [...term.matchExpressions ?? [], ...exclusions];
  return { ...term, matchExpressions: matchExpressions.length > 0 ? matchExpressions : undefined };
}

function renderTerm(scope: IConstruct, prop: string, term: NodeSelectorTerm): k8s.NodeSelectorTerm {
  const render = (field: boolean) => {
    const name = field ? 'matchFields' : 'matchExpressions';
    const items = (field ? term.matchFields : term.matchExpressions) ?? [];
    if (!Array.isArray(items)) throw propError(scope, `${prop}.${name}`, items, 'must be a list of requirements');
    return items.map((r, i) => {
      const values = r.values ?? [];
      if (!Array.isArray(values) || values.some(v => typeof v !== 'string')) throw propError(scope, `${prop}.${name}[${i}].values`, values, 'must be a list of strings');
      if (field && r.key !== 'metadata.name') throw propError(scope, `${prop}.${name}[${i}].key`, r.key, 'the only node field is metadata.name', NODE_AFFINITY);
      assertValid(scope, `${prop}.${name}[${i}]`, r, requirementProblem(r, values, field), NODE_AFFINITY);
      return { key: r.key, operator: r.operator, values: values.length > 0 ? [...values] : undefined };
    });
  };
  const matchExpressions = render(false);
  const matchFields = render(true);
  if (matchExpressions.length === 0 && matchFields.length === 0) {
    throw propError(scope, prop, term, 'an empty term matches no node: give it matchExpressions or matchFields');
  }
  return {
    matchExpressions: matchExpressions.length > 0 ? matchExpressions : undefined,
    matchFields: matchFields.length > 0 ? matchFields : undefined,
  };
}
