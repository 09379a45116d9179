import { IConstruct } from 'constructs';
import { assertNoViolation, propError } from './internal/errors';
import { k8s, KPLUS_PACKAGE, kplus } from './internal/kplus-adapter';
import { instanceProp } from './internal/shape';
import { intOrPercentViolation, ROLLING_UPDATE_BOTH_ZERO, ROLLING_UPDATE_SURGE_AND_UNAVAILABLE, SURGE_WITH_HOST_PORT } from './validation';

/**
 * Options for `DaemonSetUpdateStrategy.rollingUpdate()`.
 */
export interface DaemonSetRollingUpdateOptions {
  /**
   * How many nodes may be without a ready daemon pod during the update: an absolute number or
   * a whole percentage of the eligible nodes (rounded up).
   *
   * @default - 1, or 0 when `maxSurge` is set above 0
   */
  readonly maxUnavailable?: kplus.PercentOrAbsolute;
  /**
   * How many nodes may run an extra, new pod beside the old one during the update. Requires
   * `maxUnavailable` 0, and cannot work for pods with `hostNetwork` or a `hostPort`: the surge
   * pod can never bind the port the old pod holds, so the rollout stalls.
   *
   * @default - 0 (no surge)
   */
  readonly maxSurge?: kplus.PercentOrAbsolute;
}

/**
 * How a DaemonSet replaces its pods when the template changes.
 *
 * @see https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/
 */
export class DaemonSetUpdateStrategy {
  /**
   * Replace pods node by node, at most `maxUnavailable` nodes at a time.
   *
   * @throws if a value is negative, a percentage is fractional or above 100%, both values are 0,
   * or both are above 0 (the API server allows `maxSurge` only when `maxUnavailable` is 0)
   */
  public static rollingUpdate(options: DaemonSetRollingUpdateOptions = {}): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy('RollingUpdate', options);
  }

  /** Replace a pod only when it is deleted by hand (for daemons such as storage bricks that must restart one at a time, under an operator's control). */
  public static onDelete(): DaemonSetUpdateStrategy {
    return new DaemonSetUpdateStrategy('OnDelete', {});
  }

  /** `RollingUpdate` or `OnDelete`. */
  public readonly type: string;

  private constructor(type: string, private readonly options: DaemonSetRollingUpdateOptions) {
    this.type = type;
  }

  /** Whether the rollout starts new pods beside the old ones (maxSurge above 0). */
  public get surges(): boolean {
    const surge = this.options.maxSurge;
    return surge instanceof kplus.PercentOrAbsolute ? !surge.isZero() : surge !== undefined;
  }

  /**
   * Checks the values and renders the L1 struct; `usesHostPorts` is true for pods whose ports
   * bind on the node, where a surge pod would never start.
   * @internal
   */
  public _render(scope: IConstruct, usesHostPorts: boolean): k8s.DaemonSetUpdateStrategy {
    if (this.type === 'OnDelete') return { type: 'OnDelete' };
    const maxSurge = this.options.maxSurge ?? kplus.PercentOrAbsolute.absolute(0);
    const maxUnavailable = this.options.maxUnavailable
      ?? kplus.PercentOrAbsolute.absolute(this.surges ? 0 : 1);
    checkIntOrPercent(scope, 'updateStrategy.maxUnavailable', maxUnavailable);
    checkIntOrPercent(scope, 'updateStrategy.maxSurge', maxSurge);
    if (maxUnavailable.isZero() && maxSurge.isZero()) {
      throw propError(scope, 'updateStrategy', { maxUnavailable: maxUnavailable.value, maxSurge: maxSurge.value },
        'maxUnavailable and maxSurge cannot both be 0: the rollout could never replace a pod', ROLLING_UPDATE_BOTH_ZERO);
    }
    if (!maxUnavailable.isZero() && !maxSurge.isZero()) {
      throw propError(scope, 'updateStrategy.maxSurge', maxSurge.value,
        'may not be set when maxUnavailable is non-zero: maxSurge may be above 0 only when maxUnavailable is 0', ROLLING_UPDATE_SURGE_AND_UNAVAILABLE);
    }
    if (!maxSurge.isZero() && usesHostPorts) {
      throw propError(scope, 'updateStrategy.maxSurge', maxSurge.value,
        'must be 0 for a pod with hostNetwork or a hostPort: the surge pod can never bind the port the old pod holds, so the rollout stalls (kubernetes/kubernetes#106417)',
        SURGE_WITH_HOST_PORT);
    }
    return {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: toIntOrString(maxUnavailable), maxSurge: toIntOrString(maxSurge) },
    };
  }
}

/** How a PercentOrAbsolute is made, for the error on any other value. */
const PERCENT_OR_ABSOLUTE_FACTORIES = `PercentOrAbsolute.absolute(n) or PercentOrAbsolute.percent(n) of ${KPLUS_PACKAGE}`;

function checkIntOrPercent(scope: IConstruct, prop: string, v: kplus.PercentOrAbsolute): void {
  instanceProp(scope, prop, v ?? null, kplus.PercentOrAbsolute, PERCENT_OR_ABSOLUTE_FACTORIES);
  assertNoViolation(scope, prop, v.value, intOrPercentViolation(v.value));
}

function toIntOrString(v: kplus.PercentOrAbsolute): k8s.IntOrString {
  return typeof v.value === 'number' ? k8s.IntOrString.fromNumber(v.value) : k8s.IntOrString.fromString(v.value);
}
