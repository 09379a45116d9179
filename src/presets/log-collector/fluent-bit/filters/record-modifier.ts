import { checkRecordKey, checkValue, entriesOf, FilterPlugin, FluentBitFilterOptions } from './plugin';
import { propError } from '../../../../internal/errors';
import { arrayProp } from '../../../../internal/shape';

/**
 * Options of a `record_modifier` filter.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/record-modifier
 */
export interface RecordModifierFilterOptions extends FluentBitFilterOptions {
  /**
   * Fields to add, key → value (`Record`). A value may name an environment variable of the
   * container, e.g. `${NODE_NAME}` (set by the collector) or one of `envVariables`.
   *
   * @default - none
   * @throws if a value spans lines, or has a backslash before a double quote or at its end (Fluent Bit would misread it)
   */
  readonly records?: { [key: string]: string };
  /**
   * Fields to remove (`Remove_key`).
   *
   * @default - none
   */
  readonly removeKeys?: string[];
  /**
   * Fields to keep, removing every other (`Allowlist_key`). Fluent Bit refuses it with `removeKeys`.
   *
   * @default - every field
   */
  readonly allowlistKeys?: string[];
  /**
   * A field to add with a random UUID (`UUID_key`).
   *
   * @default - none
   */
  readonly uuidKey?: string;
}

/**
 * `record_modifier`. `Record KEY VALUE` is split by Fluent Bit's token splitter: a value with
 * spaces, or starting with a quote, goes in double quotes with `"` written `\"` (only that
 * sequence is unescaped, so a backslash before a quote or at the end cannot be written).
 * @internal
 */
export function recordModifierFilter(options: RecordModifierFilterOptions): FilterPlugin {
  const token = (v: string) => (/\s/.test(v) || v.startsWith('"') ? `"${v.replace(/"/g, '\\"')}"` : v);
  return {
    name: 'record_modifier',
    options,
    check: c => {
      for (const [k, v] of entriesOf(c, `${c.prop}.records`, options.records)) {
        checkRecordKey(c, `${c.prop}.records`, k);
        checkValue(c, `${c.prop}.records[${k}]`, v);
        if (/\\("|$)/.test(v)) throw propError(c.at, `${c.prop}.records[${k}]`, v, 'Fluent Bit cannot read a backslash before a double quote or at the end of a record value');
      }
      const remove = arrayProp(c.at, `${c.prop}.removeKeys`, options.removeKeys);
      const allow = arrayProp(c.at, `${c.prop}.allowlistKeys`, options.allowlistKeys);
      remove.forEach((k, i) => checkRecordKey(c, `${c.prop}.removeKeys[${i}]`, k));
      allow.forEach((k, i) => checkRecordKey(c, `${c.prop}.allowlistKeys[${i}]`, k));
      if (remove.length > 0 && allow.length > 0) {
        throw propError(c.at, `${c.prop}.allowlistKeys`, allow, 'Fluent Bit refuses allowlistKeys together with removeKeys ("exclusive"): use one of them');
      }
      if (options.uuidKey !== undefined) checkRecordKey(c, `${c.prop}.uuidKey`, options.uuidKey);
      if (Object.keys(options.records ?? {}).length + remove.length + allow.length === 0 && options.uuidKey === undefined) {
        throw propError(c.at, c.prop, null, 'a record_modifier filter needs records, removeKeys, allowlistKeys or uuidKey');
      }
    },
    entries: () => [
      ...Object.entries(options.records ?? {}).map(([k, v]) => ['Record', `${k} ${token(v)}`] as [string, string]),
      ...(options.removeKeys ?? []).map(k => ['Remove_key', k] as [string, string]),
      ...(options.allowlistKeys ?? []).map(k => ['Allowlist_key', k] as [string, string]),
      ['UUID_key', options.uuidKey],
    ],
  };
}
