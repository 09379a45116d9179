import { checkRecordKey, checkRegex, checkValue, entriesOf, FilterCheck, FilterPlugin, FluentBitFilterOptions, quoted } from './plugin';
import { propError } from '../../../../internal/errors';
import { arrayProp } from '../../../../internal/shape';
import type { Entries } from '../../outputs/plugin';

/**
 * A condition of a `modify` filter: its rules apply only to records meeting every condition.
 */
export class FluentBitModifyCondition {
  /** The record has the field (`Key_exists`). */
  public static keyExists(key: string): FluentBitModifyCondition {
    return new FluentBitModifyCondition('Key_exists', key);
  }

  /** The record lacks the field (`Key_does_not_exist`). */
  public static keyDoesNotExist(key: string): FluentBitModifyCondition {
    return new FluentBitModifyCondition('Key_does_not_exist', key);
  }

  /** The field has this value (`Key_value_equals`). */
  public static keyValueEquals(key: string, value: string): FluentBitModifyCondition {
    return new FluentBitModifyCondition('Key_value_equals', key, value);
  }

  /** The field lacks this value (`Key_value_does_not_equal`). */
  public static keyValueDoesNotEqual(key: string, value: string): FluentBitModifyCondition {
    return new FluentBitModifyCondition('Key_value_does_not_equal', key, value);
  }

  /** The field's value matches the regular expression (`Key_value_matches`). */
  public static keyValueMatches(key: string, regex: string): FluentBitModifyCondition {
    return new FluentBitModifyCondition('Key_value_matches', key, undefined, regex);
  }

  /** The field's value does not match the regular expression (`Key_value_does_not_match`). */
  public static keyValueDoesNotMatch(key: string, regex: string): FluentBitModifyCondition {
    return new FluentBitModifyCondition('Key_value_does_not_match', key, undefined, regex);
  }

  /** The Fluent Bit condition, e.g. `Key_value_equals`. */
  public readonly condition: string;

  private constructor(condition: string, private readonly key: string, private readonly value?: string, private readonly regex?: string) {
    this.condition = condition;
  }

  /** @internal */
  public _render(c: FilterCheck, prop: string): string {
    const parts = [this.condition, quoted(checkRecordKey(c, `${prop}.key`, this.key))];
    if (this.value !== undefined) parts.push(quoted(checkValue(c, `${prop}.value`, this.value)));
    if (this.regex !== undefined) parts.push(quoted(checkRegex(c, `${prop}.regex`, this.regex)));
    return parts.join(' ');
  }
}

/**
 * Options of a `modify` filter. Its rules apply in this order: set, add, remove, rename, hard
 * rename, copy, hard copy (`renameKeys`, `hardRenameKeys`, `copyKeys`, `hardCopyKeys`: Go reserves `copy`); in each, in the order given.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/modify
 */
export interface ModifyFilterOptions extends FluentBitFilterOptions {
  /**
   * Fields to set, replacing a present value (`Set`).
   *
   * @default - none
   */
  readonly set?: { [key: string]: string };
  /**
   * Fields to add when absent (`Add`).
   *
   * @default - none
   */
  readonly add?: { [key: string]: string };
  /**
   * Fields to remove (`Remove`).
   *
   * @default - none
   */
  readonly remove?: string[];
  /**
   * Fields to rename, old name → new name, unless the new name exists (`Rename`).
   *
   * @default - none
   */
  readonly renameKeys?: { [key: string]: string };
  /**
   * Fields to rename, replacing a field of the new name (`Hard_rename`).
   *
   * @default - none
   */
  readonly hardRenameKeys?: { [key: string]: string };
  /**
   * Fields to copy, name → name of the copy, unless it exists (`Copy`).
   *
   * @default - none
   */
  readonly copyKeys?: { [key: string]: string };
  /**
   * Fields to copy, replacing a field of the copy's name (`Hard_copy`).
   *
   * @default - none
   */
  readonly hardCopyKeys?: { [key: string]: string };
  /**
   * Conditions every record must meet for the rules to apply (`Condition`).
   *
   * @default - every record
   */
  readonly conditions?: FluentBitModifyCondition[];
}

/** `modify`: keys and values are written in double quotes, which Fluent Bit's quoted splitting reads back as given. @internal */
export function modifyFilter(options: ModifyFilterOptions): FilterPlugin {
  let rendered: Entries = [];
  return {
    name: 'modify',
    options,
    check: c => {
      const out: Entries = [];
      arrayProp(c.at, `${c.prop}.conditions`, options.conditions).forEach((cond, i) => {
        if (!(cond instanceof FluentBitModifyCondition)) throw propError(c.at, `${c.prop}.conditions[${i}]`, cond, 'must be made by a FluentBitModifyCondition factory');
        out.push(['Condition', cond._render(c, `${c.prop}.conditions[${i}]`)]);
      });
      const pairs = (rule: string, prop: keyof ModifyFilterOptions, valueIsKey: boolean) => {
        for (const [k, v] of entriesOf(c, `${c.prop}.${prop}`, options[prop] as { [key: string]: string } | undefined)) {
          checkRecordKey(c, `${c.prop}.${prop}`, k);
          const value = valueIsKey ? checkRecordKey(c, `${c.prop}.${prop}[${k}]`, v) : checkValue(c, `${c.prop}.${prop}[${k}]`, v);
          out.push([rule, `${quoted(k)} ${quoted(value)}`]);
        }
      };
      pairs('Set', 'set', false);
      pairs('Add', 'add', false);
      arrayProp(c.at, `${c.prop}.remove`, options.remove).forEach((k, i) => out.push(['Remove', quoted(checkRecordKey(c, `${c.prop}.remove[${i}]`, k))]));
      pairs('Rename', 'renameKeys', true);
      pairs('Hard_rename', 'hardRenameKeys', true);
      pairs('Copy', 'copyKeys', true);
      pairs('Hard_copy', 'hardCopyKeys', true);
      if (!out.some(([k]) => k !== 'Condition')) throw propError(c.at, c.prop, null, 'a modify filter needs at least one rule (set, add, remove, renameKeys, copyKeys, ...)');
      rendered = out;
    },
    entries: () => rendered,
  };
}
