import { readFileSync } from 'fs';
import { FilterPlugin, FluentBitFilterOptions } from './plugin';
import { propError } from '../../../../internal/errors';

/**
 * The Lua script of a lua filter, written into the collector's ConfigMap (so a change rolls or
 * reloads the pods like any other configuration change).
 */
export class FluentBitLuaScript {
  /** The script's text. */
  public static fromInline(code: string): FluentBitLuaScript {
    return new FluentBitLuaScript(code, undefined);
  }

  /**
   * A script file, read at synth.
   *
   * @throws (at synth) if the file cannot be read
   */
  public static fromFile(path: string): FluentBitLuaScript {
    return new FluentBitLuaScript(undefined, path);
  }

  private constructor(private readonly code?: string, private readonly path?: string) {}

  /** The script's text; a file is read now. @internal */
  public _text(at: string, prop: string): string {
    if (this.path === undefined) return this.code!;
    try {
      return readFileSync(this.path, 'utf8');
    } catch (e) {
      throw propError(at, prop, this.path, `cannot read the Lua script file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
}

/**
 * Options of a `lua` filter.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/lua
 */
export interface LuaFilterOptions extends FluentBitFilterOptions {
  /** The script. */
  readonly script: FluentBitLuaScript;
  /**
   * The global function Fluent Bit calls for each record (`call`): `function name(tag, timestamp, record)`.
   *
   * @throws if not a Lua name, or the script defines no global function of that name (`function name(` or `name = function(`; a `local function` is not visible to Fluent Bit)
   */
  readonly call: string;
  /**
   * Pass the timestamp as a table of `sec` and `nsec` instead of a float (`time_as_table`), keeping nanoseconds.
   *
   * @default false
   */
  readonly timeAsTable?: boolean;
}

const LUA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The most a script may be: the whole ConfigMap holds 1 MiB. */
const MAX_SCRIPT_BYTES = 512 * 1024;

/** `lua`, its script a file of the ConfigMap. @internal */
export function luaFilter(options: LuaFilterOptions): FilterPlugin {
  let text = '';
  const file = (index: number) => `filter-${index}.lua`;
  return {
    name: 'lua',
    options,
    check: c => {
      if (!(options.script instanceof FluentBitLuaScript)) throw propError(c.at, `${c.prop}.script`, options.script ?? null, 'must be FluentBitLuaScript.fromInline() or .fromFile()');
      if (typeof options.call !== 'string' || !LUA_NAME.test(options.call)) throw propError(c.at, `${c.prop}.call`, options.call ?? null, 'must be a Lua function name');
      text = options.script._text(typeof c.at === 'string' ? c.at : c.at.node.path, `${c.prop}.script`);
      if (typeof text !== 'string' || text.trim() === '') throw propError(c.at, `${c.prop}.script`, null, 'the script is empty');
      if (Buffer.byteLength(text) > MAX_SCRIPT_BYTES) throw propError(c.at, `${c.prop}.script`, `${Buffer.byteLength(text)} bytes`, 'a script goes into the ConfigMap, which holds at most 1 MiB: keep it under 512 KiB');
      const call = options.call;
      const defined = new RegExp(`^\\s*(function\\s+${call}\\s*\\(|${call}\\s*=\\s*function\\s*\\()`, 'm');
      if (!defined.test(text)) {
        throw propError(c.at, `${c.prop}.call`, call,
          `the script defines no global function ${call} ("function ${call}(tag, timestamp, record)"); Fluent Bit would stop at start with "function ${call} is not found"`);
      }
    },
    entries: r => [
      ['script', `${r.configDir}/${file(r.index)}`],
      ['call', options.call],
      ['time_as_table', options.timeAsTable ? 'true' : undefined],
    ],
    files: r => ({ [file(r.index)]: text }),
  };
}
