import { IConstruct } from 'constructs';
import { assertNoViolation, assertValid, propError } from './internal/errors';
import { k8s } from './internal/kplus-adapter';
import {
  checkLabelValue, checkQualifiedName, int32Violation, NODE_SELECTOR, TOLERATION_EFFECT, TOLERATION_KEY, TOLERATION_OPERATOR,
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

/** The OS label every node carries; node daemons in this library target Linux unless told otherwise. */
export const OS_LABEL = 'kubernetes.io/os';

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
