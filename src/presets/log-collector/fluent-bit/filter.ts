import { grepFilter, GrepFilterOptions } from './filters/grep';
import { luaFilter, LuaFilterOptions } from './filters/lua';
import { modifyFilter, ModifyFilterOptions } from './filters/modify';
import { multilineFilter, MultilineFilterOptions } from './filters/multiline';
import { liftFilter, LiftFilterOptions, nestFilter, NestFilterOptions } from './filters/nest';
import { FilterPlugin } from './filters/plugin';
import { recordModifierFilter, RecordModifierFilterOptions } from './filters/record-modifier';
import { throttleFilter, ThrottleFilterOptions } from './filters/throttle';

/**
 * A Fluent Bit filter of the collector's pipeline. Every value is checked like the other
 * props (one line, no quote or brace that could end a value early), and each filter's
 * parameters were checked against Fluent Bit 5.1.1.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters
 */
export class FluentBitFilter {
  /** Keeps (`regex`) or drops (`exclude`) records whose fields match regular expressions (`grep`). */
  public static grep(options: GrepFilterOptions): FluentBitFilter {
    return new FluentBitFilter(grepFilter({ ...options }));
  }

  /** Sets, adds, removes, renames and copies fields, optionally under conditions (`modify`). */
  public static modify(options: ModifyFilterOptions): FluentBitFilter {
    return new FluentBitFilter(modifyFilter({ ...options }));
  }

  /** Adds fields (environment references allowed), removes fields or keeps only some (`record_modifier`). */
  public static recordModifier(options: RecordModifierFilterOptions): FluentBitFilter {
    return new FluentBitFilter(recordModifierFilter({ ...options }));
  }

  /** Moves fields under one new map field (`nest`, operation `nest`). */
  public static nest(options: NestFilterOptions): FluentBitFilter {
    return new FluentBitFilter(nestFilter({ ...options }));
  }

  /** Lifts the fields of a map field to the top level (`nest`, operation `lift`). */
  public static lift(options: LiftFilterOptions): FluentBitFilter {
    return new FluentBitFilter(liftFilter({ ...options }));
  }

  /** Joins the lines of stack traces and other multiline messages into one record (`multiline`). */
  public static multiline(options: MultilineFilterOptions): FluentBitFilter {
    return new FluentBitFilter(multilineFilter({ ...options }));
  }

  /** Drops records above a rate (`throttle`). */
  public static throttle(options: ThrottleFilterOptions): FluentBitFilter {
    return new FluentBitFilter(throttleFilter({ ...options }));
  }

  /** Runs a Lua function on every record (`lua`); the script goes into the ConfigMap. */
  public static lua(options: LuaFilterOptions): FluentBitFilter {
    return new FluentBitFilter(luaFilter({ ...options }));
  }

  /** The Fluent Bit plugin: `grep`, `modify`, `record_modifier`, `nest`, `multiline`, `throttle` or `lua`. */
  public readonly name: string;

  private constructor(private readonly plugin: FilterPlugin) {
    this.name = plugin.name;
  }

  /** @internal */
  public get _plugin(): FilterPlugin {
    return this.plugin;
  }
}
