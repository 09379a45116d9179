import { checkRecordKeyOrAccessor, checkRegex, FilterPlugin, FluentBitFilterOptions } from './plugin';
import { propError } from '../../../../internal/errors';
import { arrayProp } from '../../../../internal/shape';

/**
 * One rule of a grep filter: a field and the regular expression its value is matched against.
 */
export interface FluentBitGrepRule {
  /** The field: a record key (`log`) or a record accessor into nested maps (`$kubernetes['namespace_name']`). */
  readonly key: string;
  /**
   * The regular expression, in Onigmo (Ruby) syntax; `/.../i` makes it case-insensitive.
   *
   * @throws if it does not compile, spans lines or starts or ends with white space
   */
  readonly pattern: string;
}

/**
 * How a grep filter combines its rules.
 */
export enum FluentBitGrepLogicalOp {
  /** A record is kept when every `regex` rule matches (and dropped when any `exclude` rule does). */
  AND = 'AND',
  /** A record is kept when any `regex` rule matches (or dropped when any `exclude` rule does). */
  OR = 'OR',
}

/**
 * Options of a `grep` filter.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/grep
 */
export interface GrepFilterOptions extends FluentBitFilterOptions {
  /**
   * Keep only records matching these rules (`Regex`).
   *
   * @default - none
   */
  readonly regex?: FluentBitGrepRule[];
  /**
   * Drop records matching these rules (`Exclude`).
   *
   * @default - none
   */
  readonly exclude?: FluentBitGrepRule[];
  /**
   * How the rules combine (`Logical_Op`). With AND or OR, Fluent Bit takes either `regex` or
   * `exclude` rules, not both.
   *
   * @default - Fluent Bit's legacy mode: every regex must match, any exclude drops
   */
  readonly logicalOp?: FluentBitGrepLogicalOp;
}

/** `grep`. @internal */
export function grepFilter(options: GrepFilterOptions): FilterPlugin {
  const rules = (kind: 'regex' | 'exclude') => (options[kind] ?? []).map(r => [kind === 'regex' ? 'Regex' : 'Exclude', `${r.key} ${r.pattern}`] as [string, string]);
  return {
    name: 'grep',
    options,
    check: c => {
      const regex = arrayProp(c.at, `${c.prop}.regex`, options.regex);
      const exclude = arrayProp(c.at, `${c.prop}.exclude`, options.exclude);
      for (const [kind, list] of [['regex', regex], ['exclude', exclude]] as Array<[string, FluentBitGrepRule[]]>) {
        list.forEach((r, i) => {
          checkRecordKeyOrAccessor(c, `${c.prop}.${kind}[${i}].key`, r.key);
          checkRegex(c, `${c.prop}.${kind}[${i}].pattern`, r.pattern);
        });
      }
      if (regex.length + exclude.length === 0) throw propError(c.at, `${c.prop}.regex`, null, 'a grep filter needs at least one regex or exclude rule');
      if (options.logicalOp !== undefined) {
        if (!Object.values(FluentBitGrepLogicalOp).includes(options.logicalOp)) throw propError(c.at, `${c.prop}.logicalOp`, options.logicalOp, 'must be AND or OR');
        if (regex.length > 0 && exclude.length > 0) {
          throw propError(c.at, `${c.prop}.logicalOp`, options.logicalOp, 'Fluent Bit refuses regex and exclude rules together with AND or OR ("Both \'regex\' and \'exclude\' are set"): use two grep filters');
        }
      }
    },
    entries: () => [...rules('regex'), ...rules('exclude'), ['Logical_Op', options.logicalOp]],
  };
}
