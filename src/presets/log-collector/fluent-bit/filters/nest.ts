import { checkRecordKey, FilterPlugin, FluentBitFilterOptions } from './plugin';
import { propError } from '../../../../internal/errors';
import { stringArrayProp } from '../../../../internal/shape';

/**
 * Options of a `nest` filter that nests fields under a new map field.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/nest
 */
export interface NestFilterOptions extends FluentBitFilterOptions {
  /** Wildcards of the fields to move (`Wildcard`), e.g. `kubernetes_*`. */
  readonly wildcards: string[];
  /** The map field they move under (`Nest_under`). */
  readonly nestUnder: string;
  /**
   * A prefix to strip from the moved fields' names (`Remove_prefix`).
   *
   * @default - none
   */
  readonly removePrefix?: string;
}

/**
 * Options of a `nest` filter that lifts the fields of a map field to the top level.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/nest
 */
export interface LiftFilterOptions extends FluentBitFilterOptions {
  /** The map field whose fields are lifted (`Nested_under`). */
  readonly nestedUnder: string;
  /**
   * A prefix added to the lifted fields' names (`Add_prefix`).
   *
   * @default - none
   */
  readonly addPrefix?: string;
}

const WILDCARD = /^[A-Za-z0-9_.@$/*-]{1,255}$/;

/** `nest` with `Operation nest`. @internal */
export function nestFilter(options: NestFilterOptions): FilterPlugin {
  return {
    name: 'nest',
    options,
    check: c => {
      const wildcards = stringArrayProp(c.at, `${c.prop}.wildcards`, options.wildcards);
      if (wildcards.length === 0) throw propError(c.at, `${c.prop}.wildcards`, wildcards, 'give at least one field wildcard');
      wildcards.forEach((w, i) => {
        if (!WILDCARD.test(w)) throw propError(c.at, `${c.prop}.wildcards[${i}]`, w, 'must be a record key, with * as wildcard');
      });
      checkRecordKey(c, `${c.prop}.nestUnder`, options.nestUnder);
      if (options.removePrefix !== undefined) checkRecordKey(c, `${c.prop}.removePrefix`, options.removePrefix);
    },
    entries: () => [
      ['Operation', 'nest'],
      ...options.wildcards.map(w => ['Wildcard', w] as [string, string]),
      ['Nest_under', options.nestUnder],
      ['Remove_prefix', options.removePrefix],
    ],
  };
}

/** `nest` with `Operation lift`. @internal */
export function liftFilter(options: LiftFilterOptions): FilterPlugin {
  return {
    name: 'nest',
    options,
    check: c => {
      checkRecordKey(c, `${c.prop}.nestedUnder`, options.nestedUnder);
      if (options.addPrefix !== undefined) checkRecordKey(c, `${c.prop}.addPrefix`, options.addPrefix);
    },
    entries: () => [['Operation', 'lift'], ['Nested_under', options.nestedUnder], ['Add_prefix', options.addPrefix]],
  };
}
