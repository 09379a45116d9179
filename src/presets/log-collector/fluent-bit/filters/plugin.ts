/**
 * What every typed Fluent Bit filter shares: the options, the interface the pipeline renders
 * them through, and the checks of the record keys and values they write.
 * @internal
 */
import { assertValid, propError, Where } from '../../../../internal/errors';
import { checkConfigLine, checkOnigmoRegex } from '../../../config-values';
import type { Entries } from '../../outputs/plugin';

/**
 * Options every Fluent Bit filter shares.
 */
export interface FluentBitFilterOptions {
  /**
   * Which records the filter sees, as a tag pattern (`kube.*`, `host.*`, `*`).
   *
   * @default - the container logs, `<tag>.*`
   */
  readonly match?: string;
}

/** Where a filter's checks point. @internal */
export interface FilterCheck {
  readonly at: Where;
  /** `engine.filters[<index>]`. */
  readonly prop: string;
}

/** What a filter renders with. @internal */
export interface FilterRender {
  /** The filter's position among the typed filters. */
  readonly index: number;
  /** Where the ConfigMap is mounted in the container. */
  readonly configDir: string;
  /** The emitter's storage type and memory limit (multiline). */
  readonly storageType: string;
  readonly memBufLimitBytes: number;
}

/** A custom multiline parser, as the parsers file holds it. @internal */
export interface MultilineParserDefinition {
  readonly name: string;
  readonly flushTimeoutMs?: number;
  readonly rules: Array<{ readonly state: string; readonly regex: string; readonly nextState?: string }>;
}

/** A filter kind bound to its options. @internal */
export interface FilterPlugin {
  /** The Fluent Bit plugin name. */
  readonly name: string;
  readonly options: FluentBitFilterOptions;
  /** A multiline filter re-emits records to the head of the pipeline: it must be the first filter. */
  readonly multiline?: boolean;
  /** Throws `propError` on a bad option. */
  check(c: FilterCheck): void;
  /** The `[FILTER]` entries after `Name`, `Alias` and `Match`. */
  entries(r: FilterRender): Entries;
  /** Files the filter needs in the ConfigMap (a Lua script): file name → content. */
  files?(r: FilterRender): { [file: string]: string };
  /** Custom multiline parsers the filter refers to. */
  multilineParsers?(): MultilineParserDefinition[];
}

/** A record key: what Fluent Bit's filters take as a field name (no space, quote or bracket). @internal */
export const RECORD_KEY = /^[A-Za-z0-9_.@$/-]{1,255}$/;
/** A record accessor: `$key['sub']['key']`. @internal */
export const RECORD_ACCESSOR = /^\$[A-Za-z_][A-Za-z0-9_]*(\['[A-Za-z0-9_./-]+'\])*$/;

/** A field name. @internal */
export function checkRecordKey(c: FilterCheck, prop: string, key: unknown): string {
  if (typeof key !== 'string' || !RECORD_KEY.test(key)) {
    throw propError(c.at, prop, key ?? null, 'must be a record key: 1 to 255 letters, digits and _ . @ $ / - (no space, quote or bracket)');
  }
  return key;
}

/** A field name, or a record accessor into nested maps. @internal */
export function checkRecordKeyOrAccessor(c: FilterCheck, prop: string, key: unknown): string {
  if (typeof key === 'string' && RECORD_ACCESSOR.test(key)) return key;
  return checkRecordKey(c, prop, key);
}

/** A value written after its key: one line, no surrounding space. @internal */
export function checkValue(c: FilterCheck, prop: string, value: unknown): string {
  assertValid(c.at, prop, value, checkConfigLine(value));
  return value as string;
}

/**
 * A regular expression Fluent Bit compiles with Onigmo (Ruby syntax). Written `/.../` with
 * flags `i`, `m` or `x`, Fluent Bit strips the slashes and applies the flags, so the inner
 * pattern is what is checked.
 * @internal
 */
export function checkRegex(c: FilterCheck, prop: string, value: unknown): string {
  checkValue(c, prop, value);
  const pattern = value as string;
  const slashed = /^\/(.*)\/([imx]*)$/s.exec(pattern);
  assertValid(c.at, prop, pattern, checkOnigmoRegex(slashed ? slashed[1] : pattern));
  return pattern;
}

/** A map prop (name → value), checked to be a plain object. @internal */
export function entriesOf(c: FilterCheck, prop: string, map: { [key: string]: string } | undefined): Array<[string, string]> {
  if (map === undefined) return [];
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw propError(c.at, prop, map, 'must map record keys to values');
  return Object.entries(map);
}

/**
 * A value Fluent Bit's quoted splitting reads back unchanged (`modify`): in double quotes, with
 * `\` and `"` escaped. @internal
 */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
