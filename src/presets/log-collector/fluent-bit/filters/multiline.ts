import { Duration } from 'cdk8s';
import { checkRecordKey, FilterCheck, FilterPlugin, FluentBitFilterOptions, MultilineParserDefinition } from './plugin';
import { assertValid, propError } from '../../../../internal/errors';
import { arrayProp } from '../../../../internal/shape';
import { checkOnigmoRegex } from '../../../config-values';

/**
 * A rule of a custom multiline parser: in state `state`, a line matching `regex` continues
 * the message and moves to `nextState`. The first rule's state is `start_state`, which begins
 * a message.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/parsers/multiline-parsing
 */
export interface FluentBitMultilineRule {
  /** The state this rule applies in: `start_state`, or a name a rule moves to. */
  readonly state: string;
  /**
   * The regular expression a line must match (Onigmo syntax, without slashes; write a double
   * quote as `\x22`).
   */
  readonly regex: string;
  /**
   * The state after a matching line.
   *
   * @default - no next state: the message ends with this line
   */
  readonly nextState?: string;
}

/**
 * Options of a custom multiline parser.
 */
export interface FluentBitCustomMultilineParserOptions {
  /** The parser's name: 1 to 63 letters, digits, `_` and `-`, not a built-in one (`docker`, `cri`, `go`, `java`, `python`, `ruby`). */
  readonly name: string;
  /** The rules, the first in `start_state`. */
  readonly rules: FluentBitMultilineRule[];
  /**
   * How long a message waits for its next line before it is flushed (`Flush_Timeout`).
   *
   * @default - Fluent Bit's, 4 seconds
   */
  readonly flushTimeout?: Duration;
}

const BUILT_IN = ['docker', 'cri', 'go', 'java', 'python', 'ruby'];
const STATE = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * How a multiline filter recognises the lines of one message: a built-in parser or custom rules.
 */
export class FluentBitMultilineParser {
  /** Java stack traces (the Google Cloud format): `Exception...` then `at ...` lines. */
  public static readonly JAVA = new FluentBitMultilineParser('java');
  /** Python tracebacks. */
  public static readonly PYTHON = new FluentBitMultilineParser('python');
  /** Go panics and goroutine dumps. */
  public static readonly GO = new FluentBitMultilineParser('go');
  /** Ruby backtraces. */
  public static readonly RUBY = new FluentBitMultilineParser('ruby');

  /** A parser of your own rules (a `[MULTILINE_PARSER]` in the generated parsers file). */
  public static custom(options: FluentBitCustomMultilineParserOptions): FluentBitMultilineParser {
    return new FluentBitMultilineParser(options?.name, { ...options });
  }

  /** The parser's name. */
  public readonly name: string;

  private constructor(name: string, private readonly custom?: FluentBitCustomMultilineParserOptions) {
    this.name = name;
  }

  /** The definition to render, for a custom parser, checked. @internal */
  public _definition(c: FilterCheck, prop: string): MultilineParserDefinition | undefined {
    if (!this.custom) return undefined;
    if (typeof this.name !== 'string' || !/^[A-Za-z0-9_-]{1,63}$/.test(this.name)) {
      throw propError(c.at, `${prop}.name`, this.name ?? null, 'must be 1 to 63 letters, digits, _ and -');
    }
    if (BUILT_IN.includes(this.name)) throw propError(c.at, `${prop}.name`, this.name, `is a built-in multiline parser (${BUILT_IN.join(', ')}): choose another name`);
    const rules = arrayProp(c.at, `${prop}.rules`, this.custom.rules);
    if (rules.length === 0) throw propError(c.at, `${prop}.rules`, rules, 'give at least one rule');
    if (rules[0].state !== 'start_state') throw propError(c.at, `${prop}.rules[0].state`, rules[0].state ?? null, 'the first rule\'s state must be start_state');
    const states = new Set(rules.map(r => r.state));
    rules.forEach((r, i) => {
      const p = `${prop}.rules[${i}]`;
      if (typeof r.state !== 'string' || !STATE.test(r.state)) throw propError(c.at, `${p}.state`, r.state ?? null, 'must be 1 to 63 letters, digits, _ and -');
      // Quoted, so surrounding spaces are kept; a line of its own, and no quote that would end it early.
      if (typeof r.regex !== 'string' || r.regex === '' || /[\x00-\x1f\x7f\u2028\u2029]/.test(r.regex)) {
        throw propError(c.at, `${p}.regex`, r.regex ?? null, 'must be a non-empty regular expression on one line');
      }
      if (r.regex.includes('"')) throw propError(c.at, `${p}.regex`, r.regex, 'a rule is written in double quotes: write a double quote as \\x22');
      assertValid(c.at, `${p}.regex`, r.regex, checkOnigmoRegex(r.regex));
      if (r.nextState !== undefined && (typeof r.nextState !== 'string' || !states.has(r.nextState))) {
        throw propError(c.at, `${p}.nextState`, r.nextState, `must be the state of a rule (${[...states].join(', ')})`);
      }
    });
    const timeout = this.custom.flushTimeout?.toMilliseconds();
    if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 1 || timeout > 3_600_000)) {
      throw propError(c.at, `${prop}.flushTimeout`, `${timeout}ms`, 'must be a whole number of milliseconds up to one hour');
    }
    return { name: this.name, flushTimeoutMs: timeout, rules: rules.map(r => ({ state: r.state, regex: r.regex, nextState: r.nextState })) };
  }
}

/**
 * Options of a `multiline` filter. It runs in buffered mode, re-emitting joined records to the
 * head of the pipeline through an emitter whose storage and memory limit follow the collector's
 * (`storageType`, `memBufLimit`). The tail input already joins lines the container runtime split.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/multiline-stacktrace
 */
export interface MultilineFilterOptions extends FluentBitFilterOptions {
  /** The parsers to try, in order (`multiline.parser`). */
  readonly parsers: FluentBitMultilineParser[];
  /**
   * The field holding the text (`multiline.key_content`).
   *
   * @default 'log'
   */
  readonly keyContent?: string;
  /**
   * How long a message waits for its next line before it is flushed (`flush_ms`).
   *
   * @default Duration.seconds(2)
   */
  readonly flushTimeout?: Duration;
}

/** `multiline`. @internal */
export function multilineFilter(options: MultilineFilterOptions): FilterPlugin {
  let custom: MultilineParserDefinition[] = [];
  return {
    name: 'multiline',
    options,
    multiline: true,
    check: c => {
      const parsers = arrayProp(c.at, `${c.prop}.parsers`, options.parsers);
      if (parsers.length === 0) throw propError(c.at, `${c.prop}.parsers`, parsers, 'give at least one multiline parser');
      const names = new Set<string>();
      custom = [];
      parsers.forEach((p, i) => {
        if (!(p instanceof FluentBitMultilineParser)) throw propError(c.at, `${c.prop}.parsers[${i}]`, p, 'must be a FluentBitMultilineParser');
        if (names.has(p.name)) throw propError(c.at, `${c.prop}.parsers[${i}]`, p.name, 'each parser may be given once');
        names.add(p.name);
        const definition = p._definition(c, `${c.prop}.parsers[${i}]`);
        if (definition) custom.push(definition);
      });
      if (options.keyContent !== undefined) checkRecordKey(c, `${c.prop}.keyContent`, options.keyContent);
      const flush = options.flushTimeout?.toMilliseconds();
      if (flush !== undefined && (!Number.isInteger(flush) || flush < 1 || flush > 3_600_000)) {
        throw propError(c.at, `${c.prop}.flushTimeout`, `${flush}ms`, 'must be a whole number of milliseconds up to one hour');
      }
    },
    entries: r => [
      ['multiline.key_content', options.keyContent ?? 'log'],
      ['multiline.parser', options.parsers.map(p => p.name).join(', ')],
      ['buffer', 'on'],
      ['flush_ms', options.flushTimeout?.toMilliseconds() ?? 2000],
      ['emitter_name', `multiline-emitter-${r.index}`],
      ['emitter_storage.type', r.storageType],
      ['emitter_mem_buf_limit', String(r.memBufLimitBytes)],
    ],
    multilineParsers: () => custom,
  };
}
