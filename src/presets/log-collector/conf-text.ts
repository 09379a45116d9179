/**
 * Text builders for the two config syntaxes. Every value they receive was checked by
 * `config-values`; as a second line of defence they refuse (throw) any key or value that could
 * end its line, and any number a daemon would misread, instead of writing it.
 */
import { shownValue } from '../../internal/redact';
import { assertConfigEntry, assertRenderable } from '../config-values';

/** A Fluent Bit classic-mode section: `[NAME]` and indented, aligned `key value` lines. @internal */
export function fluentBitSection(name: string, entries: Array<[string, string | number | undefined]>): string {
  const present = entries.filter((e): e is [string, string | number] => e[1] !== undefined);
  for (const [k, v] of present) assertConfigEntry('fluent-bit.conf', k, v);
  const width = Math.max(...present.map(([k]) => k.length));
  return [`[${name}]`, ...present.map(([k, v]) => `    ${k.padEnd(width)} ${v}`)].join('\n');
}

/** `On`/`Off`, as Fluent Bit documents booleans. @internal */
export function onOff(b: boolean): string {
  return b ? 'On' : 'Off';
}

/** A Fluentd directive or section, nested by two spaces. @internal */
export class FluentdBlock {
  private readonly lines: string[] = [];

  constructor(private readonly name: string, private readonly arg?: string) {
    if (arg !== undefined) {
      assertRenderable('fluent.conf', `<${name}>`, arg);
      if (/[<>]/.test(arg)) throw new Error(`fluent.conf: refusing to write <${name} ${arg}>: the argument may not contain < or >`);
    }
  }

  /**
   * Adds `key value` unless the value is undefined. Fluentd reads a value that starts with `[` or
   * `{` as JSON (an array or a hash) and fails on one that is not: such a text must come quoted
   * (`fluentdValue`), and JSON through `json()`.
   */
  public param(key: string, value: string | number | boolean | undefined): this {
    if (value === undefined) return this;
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      throw new Error(`fluent.conf: refusing to write ${key} ${shownValue(value, key)}: Fluentd would read it as JSON; quote it`);
    }
    return this.line(key, value);
  }

  /** Adds `key <JSON>`: an array or a hash parameter. */
  public json(key: string, value: unknown[] | { [key: string]: unknown }): this {
    return this.line(key, JSON.stringify(value));
  }

  private line(key: string, value: string | number | boolean): this {
    assertConfigEntry('fluent.conf', key, value);
    this.lines.push(`${key} ${value}`);
    return this;
  }

  /** Sets `@id` right after `@type`, where Fluentd's docs put it. */
  public id(value: string): this {
    assertRenderable('fluent.conf', '@id', value);
    const at = this.lines.findIndex(l => l.startsWith('@type '));
    this.lines.splice(at + 1, 0, `@id ${value}`);
    return this;
  }

  /** The keys set directly in this block, in order. */
  public keys(): string[] {
    return this.lines.filter(l => !l.startsWith('<') && !l.startsWith(' ')).map(l => l.split(' ')[0]);
  }

  /** Adds a nested section. */
  public section(block: FluentdBlock | undefined): this {
    if (block) this.lines.push(...block.render().split('\n'));
    return this;
  }

  public render(): string {
    const open = this.arg ? `<${this.name} ${this.arg}>` : `<${this.name}>`;
    return [open, ...this.lines.map(l => `  ${l}`), `</${this.name}>`].join('\n');
  }
}
