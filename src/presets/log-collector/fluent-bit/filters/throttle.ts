import { Duration } from 'cdk8s';
import { FilterPlugin, FluentBitFilterOptions } from './plugin';
import { propError } from '../../../../internal/errors';
import { wholeSeconds } from '../../values';

/**
 * Options of a `throttle` filter: records above `rate` per `interval`, averaged over the last
 * `window` intervals, are dropped.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/throttle
 */
export interface ThrottleFilterOptions extends FluentBitFilterOptions {
  /** Records let through per interval (`Rate`), on average. */
  readonly rate: number;
  /**
   * How many intervals the average runs over (`Window`).
   *
   * @default 5
   */
  readonly window?: number;
  /**
   * The interval (`Interval`), in whole seconds.
   *
   * @default Duration.seconds(1)
   */
  readonly interval?: Duration;
  /**
   * Log the filter's status every interval (`Print_Status`).
   *
   * @default false
   */
  readonly printStatus?: boolean;
}

/** `throttle`. @internal */
export function throttleFilter(options: ThrottleFilterOptions): FilterPlugin {
  let interval = 1;
  return {
    name: 'throttle',
    options,
    check: c => {
      if (typeof options.rate !== 'number' || !Number.isInteger(options.rate) || options.rate < 1 || options.rate > 1_000_000_000) {
        throw propError(c.at, `${c.prop}.rate`, options.rate ?? null, 'must be a whole number of records from 1 to 1,000,000,000');
      }
      const window = options.window ?? 5;
      if (!Number.isInteger(window) || window < 1 || window > 3600) throw propError(c.at, `${c.prop}.window`, window, 'must be a whole number of intervals from 1 to 3600');
      interval = wholeSeconds(c.at, `${c.prop}.interval`, options.interval, 1, 86400);
    },
    entries: () => [
      ['Rate', options.rate],
      ['Window', options.window ?? 5],
      ['Interval', `${interval}s`],
      ['Print_Status', options.printStatus ? 'true' : 'false'],
    ],
  };
}
