/**
 * Finds a field path in YAML text written in block style (with one-line flow collections), by
 * indentation alone, without parsing: what most manifests look like, at a fraction of a parse's
 * cost. Whatever it cannot follow for sure (an anchor, alias or merge key, a tab, a flow
 * collection over several lines, a quoted key) it leaves to the parser: it answers `undefined`.
 */

/** A 0-based line and column in the text. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A node of the text: its lines `[from, to)`, and the column its content starts at on line `from`. */
interface Block {
  readonly from: number;
  readonly to: number;
  readonly column: number;
}

/**
 * The position of the deepest segment that exists (the key of a map entry, the start of a
 * sequence item), the document's content start for none, or undefined when the text needs a parser.
 */
/** What the locator learns about a document, kept between the paths asked of it. */
export interface LocatorMemo {
  /** The step for each path beginning already walked. */
  readonly steps: Map<string, Step>;
  /** Per line: the key that starts at its indentation, null for a line the locator cannot read, `''` for none. */
  readonly keys: Array<string | null | undefined>;
}

export function locateInBlockText(
  lines: readonly string[], segments: readonly string[], memo: LocatorMemo = { steps: new Map(), keys: [] },
): TextPosition | undefined {
  const first = nextContent(lines, 0, lines.length);
  if (first < 0) return undefined;
  let block: Block = { from: first, to: lines.length, column: indent(lines[first]) };
  let found: TextPosition = { line: block.from, column: block.column };
  let prefix = '';
  for (let i = 0; i < segments.length; i++) {
    const text = lines[block.from].slice(block.column);
    if (text.startsWith('{') || text.startsWith('[')) return inFlow(lines[block.from], block.column, segments.slice(i), found);
    // Findings of one document share their paths' beginnings: each step is taken once.
    prefix += `\u0000${segments[i]}`;
    let next = memo.steps.get(prefix);
    if (next === undefined && !memo.steps.has(prefix)) {
      next = text.startsWith('- ') || text === '-' ? item(lines, block, segments[i]) : entry(lines, block, segments[i], memo.keys);
      memo.steps.set(prefix, next);
    }
    if (next === 'unsure') return undefined;
    if (next === undefined) return found;
    found = { line: next.key.from, column: next.key.column };
    if (next.value === undefined) return i === segments.length - 1 ? found : undefined;
    block = next.value;
  }
  return found;
}

/** One step down a path: the key (or item) found and its value, none, or a text the locator cannot follow. */
export type Step = { key: Block; value?: Block } | undefined | 'unsure';

/** The entry `key` of the block mapping `block`: where its key is, and its value as a block. */
function entry(lines: readonly string[], block: Block, key: string, keys: Array<string | null | undefined>): Step {
  let hit: Block | undefined;
  for (let l = block.from; l < block.to; l = nextContent(lines, l + 1, block.to)) {
    if (l < 0) break;
    const column = l === block.from ? block.column : indent(lines[l]);
    if (column < block.column) break;
    if (column > block.column) continue;
    const name = l === block.from && column !== indent(lines[l]) ? keyOf(lines[l].slice(column)) : (keys[l] ??= keyOf(lines[l].slice(column)));
    if (name === null) return 'unsure';
    if (name === key) hit = { from: l, to: block.to, column };
  }
  if (hit === undefined) return undefined;
  return { key: hit, value: valueOf(lines, hit, key.length) };
}

/** Item `index` of the block sequence `block`. */
function item(lines: readonly string[], block: Block, index: string): Step {
  if (!/^[0-9]+$/.test(index)) return 'unsure';
  let n = 0;
  for (let l = block.from; l >= 0 && l < block.to; l = nextContent(lines, l + 1, block.to)) {
    const column = l === block.from ? block.column : indent(lines[l]);
    if (column < block.column) break;
    if (column > block.column) continue;
    const text = lines[l].slice(column);
    if (!(text.startsWith('- ') || text === '-')) break;
    if (n++ === Number(index)) {
      const end = endOf(lines, l, column, block.to);
      const inner = column + 1 + (/^ */.exec(text.slice(1))![0].length);
      if (inner >= lines[l].length || lines[l][inner] === '#') {
        const start = nextContent(lines, l + 1, end);
        if (start < 0) return { key: { from: l, to: end, column: inner } };
        return { key: { from: l, to: end, column }, value: { from: start, to: end, column: indent(lines[start]) } };
      }
      if (/^[&*!]/.test(lines[l].slice(inner))) return 'unsure';
      return { key: { from: l, to: end, column: inner }, value: { from: l, to: end, column: inner } };
    }
  }
  return undefined;
}

/** The plain key a line (from its content on) starts with, or null when the locator cannot read it for sure. */
function keyOf(text: string): string | null {
  if (/^(?:[&*!"'?]|<<)/.test(text) || /\s[&*!]\S|: [&*]/.test(text)) return null;
  const m = /^([^\s:#][^:#]*?)[ \t]*:(?=[ \t]|$)/.exec(text);
  return m ? m[1] : null;
}

/** The value of a map entry whose key starts the block `key`: on the same line, or the lines below. */
function valueOf(lines: readonly string[], key: Block, keyLength: number): Block | undefined {
  const line = lines[key.from];
  const colon = line.indexOf(':', key.column + keyLength);
  const after = colon + 1 + (/^[ \t]*/.exec(line.slice(colon + 1))![0].length);
  const end = endOf(lines, key.from, key.column, key.to);
  if (after < line.length && line[after] !== '#') {
    // A value on the key's line: a one-line flow collection can be looked into; a scalar has no fields.
    return /^[{[]/.test(line.slice(after)) ? { from: key.from, to: key.from + 1, column: after } : undefined;
  }
  const start = nextContent(lines, key.from + 1, end);
  if (start < 0) {
    // A sequence may sit at the key's own indentation.
    const seq = nextContent(lines, key.from + 1, key.to);
    return seq >= 0 && indent(lines[seq]) === key.column && lines[seq].slice(key.column).startsWith('-') ? { from: seq, to: endOfSequence(lines, seq, key.column, key.to), column: key.column } : undefined;
  }
  return { from: start, to: end, column: indent(lines[start]) };
}

/** The line after the block that starts at `from` with content at `column`: the next content line not indented more. */
function endOf(lines: readonly string[], from: number, column: number, to: number): number {
  for (let l = nextContent(lines, from + 1, to); l >= 0; l = nextContent(lines, l + 1, to)) {
    if (indent(lines[l]) <= column) return l;
  }
  return to;
}

/** The end of a sequence at the indentation of its parent key. */
function endOfSequence(lines: readonly string[], from: number, column: number, to: number): number {
  for (let l = nextContent(lines, from, to); l >= 0; l = nextContent(lines, l + 1, to)) {
    const i = indent(lines[l]);
    if (i < column || (i === column && !lines[l].slice(column).startsWith('-'))) return l;
  }
  return to;
}

/** The first line at or after `from` with content (not blank, not a comment, not `---`), or -1. */
function nextContent(lines: readonly string[], from: number, to: number): number {
  for (let l = from; l < to; l++) {
    const text = lines[l];
    const i = indent(text);
    if (i < text.length && text[i] !== '#' && !text.startsWith('---')) return l;
  }
  return -1;
}

function indent(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 0x20) i++;
  return i;
}

/**
 * Looks into a flow collection that closes on its line (`{path: /proc}`, `[ALL]`): the column of
 * the key or item of each segment. A collection over several lines, or quotes, go to the parser.
 */
function inFlow(line: string, start: number, segments: readonly string[], found: TextPosition): TextPosition | undefined {
  let at = start;
  let position = found;
  for (const segment of segments) {
    if (line[at] !== '{' && line[at] !== '[') return undefined;
    const parts = flowParts(line, at);
    if (parts === undefined) return undefined;
    let next: number | undefined;
    if (line[at] === '[') {
      next = /^[0-9]+$/.test(segment) ? parts[Number(segment)]?.start : undefined;
      if (next === undefined) return position;
      position = { line: found.line, column: next };
      at = next;
      continue;
    }
    const part = parts.find(p => line.slice(p.start, p.colon).trim() === segment);
    if (part === undefined || part.colon === undefined) return position;
    position = { line: found.line, column: part.start };
    at = part.colon + 1 + (/^ */.exec(line.slice(part.colon + 1))![0].length);
  }
  return position;
}

/** The top-level entries of the flow collection at `at`: where each starts and where its `:` is. */
function flowParts(line: string, at: number): Array<{ start: number; colon?: number }> | undefined {
  const parts: Array<{ start: number; colon?: number }> = [];
  let depth = 0;
  let current: { start: number; colon?: number } | undefined;
  for (let i = at; i < line.length; i++) {
    const c = line[i];
    if (c === '"' || c === '\'' || c === '&' || c === '*') return undefined;
    if (c === '{' || c === '[') {
      depth++;
      if (depth === 1) continue;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        if (current) parts.push(current);
        return parts;
      }
    } else if (depth === 1 && c === ',') {
      if (current) parts.push(current);
      current = undefined;
      continue;
    } else if (depth === 1 && c === ':' && current && current.colon === undefined && /[\s,}\]]/.test(line[i + 1] ?? ' ')) {
      current.colon = i;
      continue;
    }
    if (depth === 1 && current === undefined && c !== ' ') current = { start: i };
  }
  return undefined;
}
