import type * as JsYaml from 'js-yaml';
import { goYamlSchema, ScalarMarks } from './go-yaml-schema';
import { withoutAliasName } from '../internal/redact';

/**
 * One document of a manifest file as `kubectl apply -f` reads it: its value (the JSON kubectl
 * sends), or why kubectl refuses it, and where it stands in the file (for positions).
 */
export interface KubectlDocument {
  /** The line (1-based) where the document's text starts in the file. */
  readonly line: number;
  /** The document's text, kept so positions can be computed for the documents that have findings. */
  readonly text: string;
  /** The value kubectl decodes; `null` for an empty document (kubectl skips it); undefined when refused. */
  readonly value?: unknown;
  /** Why kubectl refuses the file at this document (one line). */
  readonly error?: string;
  /** The line (1-based, in the file) the refusal is about. */
  readonly errorLine?: number;
}

/**
 * Reads a manifest file exactly as `kubectl apply -f` decodes it, or says why kubectl refuses
 * it. The steps are kubectl's (apimachinery's YAMLOrJSONDecoder, sigs.k8s.io/yaml over go-yaml
 * v2), each checked against kubectl's own code by the oracle tests (test/oracle/decoding.test.ts):
 *
 * - bytes: a UTF-8 byte order mark is skipped; UTF-16BE with one is read (its first document
 *   only: kubectl looks for `---` lines in the raw bytes and finds none); UTF-16LE and UTF-32
 *   are refused, as kubectl refuses them; invalid UTF-8 is refused, never replaced;
 * - a stream whose first non-space character is `{` is a JSON stream (values one after the
 *   other; after at most one JSON value, the rest may be YAML);
 * - otherwise the text is cut at every line that starts with `---` (such a line with anything
 *   but a comment after it is refused), and go-yaml reads the first document of each part;
 * - line breaks are go-yaml's: CR, NEL, LS and PS end a line (and a comment) as LF does;
 * - scalars are typed as go-yaml types them (`goYamlSchema`), keys are strings, the last of
 *   duplicate keys wins, and merge keys (`<<`) apply in document order;
 * - aliases are limited as go-yaml limits them: by the share of the decoded nodes that come
 *   from alias expansion, so one anchor merged a thousand times is fine and a billion laughs is not.
 */
export function readAsKubectl(input: string | Uint8Array): KubectlDocument[] {
  const decoded = typeof input === 'string' ? { text: input } : decodeBytes(input);
  if ('error' in decoded) return [{ line: decoded.line, text: '', error: decoded.error, errorLine: decoded.line }];
  if (decoded.firstDocumentOnly) {
    // Positions are looked for in the first document only, the one kubectl applies.
    return [{ ...readYamlDocument(decoded.text, 1), text: firstDocument(decoded.text) }];
  }
  const reader = new StreamReader(decoded.text);
  return FIRST_CONTENT.exec(decoded.text)?.[0] === '{' ? reader.readJsonStream() : reader.readYamlStream(0);
}

/**
 * Whether kubectl applies a decoded object as a list of its items: any object with `items` is a
 * list to apimachinery (its unstructured decoder looks for the key, not the kind), whatever its
 * kind (`List`, `DaemonSetList` as `kubectl get -o yaml` writes it, or a DaemonSet that carries
 * `items` by mistake). kubectl applies each of the items and drops the object; `items: null` is
 * an empty list, and `items` that are no list are refused.
 */
export function isList(manifest: object): boolean {
  return Object.prototype.hasOwnProperty.call(manifest, 'items');
}

/** The first character that is not white space as Go's unicode.IsSpace has it (a BOM is not). */
const FIRST_CONTENT = /[^\s\u0085]|\uFEFF/;

type Decoded = { text: string; firstDocumentOnly?: boolean } | { error: string; line: number };

/** The text of a file, decoded as kubectl decodes it, or why kubectl refuses its bytes. */
function decodeBytes(bytes: Uint8Array): Decoded {
  const head = Buffer.from(bytes.subarray(0, 4)).toString('hex');
  if (head === 'fffe0000' || head === '0000feff') {
    return { line: 1, error: 'the file is UTF-32, which kubectl refuses ("control characters are not allowed"); save it as UTF-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'BE');
  const text = strictDecode(bytes, 'utf-8');
  if (text !== undefined) return { text };
  const line = firstInvalidLine(bytes);
  return { line, error: 'bytes that are not UTF-8, which kubectl refuses ("invalid UTF-8"); save the file as UTF-8' };
}

/**
 * UTF-16 with a byte order mark (UTF-16LE is what PowerShell's `>` writes). kubectl splits lines
 * at the byte 0A (so no line but the first starts with `---` in UTF-16LE: one part; in UTF-16BE
 * it looks at raw bytes and finds none either) and ends a last line without that byte with one.
 * That leaves half a character at the end of every UTF-16LE file, and of a UTF-16BE file that
 * does not end with a newline. go-yaml decodes only as far as it reads: it refuses such a file
 * ("incomplete UTF-16 character") when it reads to the end, and applies the first document
 * alone when a `---` or `...` line, and a character after it, ends that document first.
 */
function decodeUtf16(bytes: Uint8Array, order: 'LE' | 'BE'): Decoded {
  const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
  const whole = order === 'BE' && body.length === bytes.length - 2 && body[body.length - 1] === 0x0a && body[body.length - 2] === 0;
  if (order === 'BE') body.swap16();
  const text = strictDecode(body, 'utf-16le');
  if (text === undefined) return { line: 1, error: `the file is UTF-16${order} with an unpaired surrogate, which kubectl refuses; save it as UTF-8` };
  if (whole || firstDocument(text).length + 3 < text.length) return { text, firstDocumentOnly: true };
  const shape = order === 'LE' ? 'of one document' : 'of one document without a final newline';
  return { line: 1, error: `the file is UTF-16${order} (byte order mark ${order === 'LE' ? 'FF FE' : 'FE FF'}) ${shape}, which kubectl refuses ("incomplete UTF-16 character"); save it as UTF-8` };
}

function strictDecode(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The 1-based line that holds the first invalid UTF-8 sequence. */
function firstInvalidLine(bytes: Uint8Array): number {
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end < 0 ? bytes.length : end;
    if (strictDecode(bytes.subarray(start, stop), 'utf-8') === undefined) return line;
    start = stop + 1;
  }
  return line;
}

/** The offset of the line after the one at `at` (kubectl splits lines at LF only). */
function nextLine(text: string, at: number): number {
  const lf = text.indexOf('\n', at);
  return lf < 0 ? text.length : lf + 1;
}

/** Reads the documents of a decoded text, from an offset on. */
class StreamReader {
  private readonly lineStarts: number[] = [];

  public constructor(private readonly text: string) {}

  /**
   * kubectl's YAML stream: parts cut at lines starting with `---`, each read by go-yaml.
   * A separator line with more than a comment after it makes kubectl refuse the file.
   */
  public readYamlStream(from: number): KubectlDocument[] {
    const documents: KubectlDocument[] = [];
    const text = this.text;
    let start = from;
    for (let at = from; at < text.length; at = nextLine(text, at)) {
      if (!text.startsWith('---', at)) continue;
      const end = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
      const rest = text.slice(at + 3, end).replace(/^[\s\u0085]+/, '');
      if (rest !== '' && !rest.startsWith('#')) {
        documents.push(this.part(start, at));
        documents.push({ line: this.lineOf(at), text: text.slice(at, end), error: `a "---" line with more than a comment after it ("${rest.slice(0, 40)}"), which kubectl refuses ("invalid Yaml document separator"); put the content on the next line`, errorLine: this.lineOf(at) });
        return documents;
      }
      // kubectl keeps a separator line that starts a part (nothing gathered yet) inside the part.
      if (at > start) {
        documents.push(this.part(start, at));
        start = end + 1;
      }
    }
    if (start < this.text.length) documents.push(this.part(start, this.text.length));
    return documents;
  }

  /**
   * A JSON stream: JSON values one after the other. As apimachinery's decoder does, when a value
   * does not parse after at most one that did, the rest (from the next line) is read as YAML.
   */
  public readJsonStream(): KubectlDocument[] {
    const documents: KubectlDocument[] = [];
    let pos = 0;
    for (;;) {
      pos = skipJsonSpace(this.text, pos);
      if (pos >= this.text.length) return documents;
      const scanned = scanJsonValue(this.text, pos);
      const value = scanned.end < 0 ? undefined : parseJson(this.text.slice(pos, scanned.end));
      if (value === undefined) {
        if (documents.length > 1) {
          return [...documents, { line: this.lineOf(pos), text: '', error: 'text after the JSON values that is not JSON, which kubectl refuses', errorLine: this.lineOf(pos) }];
        }
        return [...documents, ...this.readYamlStream(afterFirstNewline(this.text, pos))];
      }
      const line = this.lineOf(pos);
      if (scanned.integralFloat !== undefined) {
        const where = this.lineOf(pos + scanned.integralFloat.offset);
        return [...documents, { line, text: '', error: `the JSON number ${scanned.integralFloat.text} is a float to kubectl and the API server, which refuse it where an integer goes; write it without a fraction or exponent`, errorLine: where }];
      }
      documents.push({ line, text: this.text.slice(pos, scanned.end), ...finishObject(value, line) });
      pos = scanned.end;
    }
  }

  private part(start: number, end: number): KubectlDocument {
    return readYamlDocument(this.text.slice(start, end), this.lineOf(start));
  }

  /** The 1-based line of an offset. */
  private lineOf(offset: number): number {
    if (this.lineStarts.length === 0) {
      this.lineStarts.push(0);
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

function skipJsonSpace(text: string, pos: number): number {
  while (pos < text.length && ' \t\r\n'.includes(text[pos])) pos++;
  return pos;
}

/** After the JSON decoder fails, apimachinery drops white space up to and including the first newline. */
function afterFirstNewline(text: string, pos: number): number {
  const m = /^[^\S\n]*\n?/.exec(text.slice(pos, pos + 4096));
  return pos + (m ? m[0].length : 0);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Where the JSON value that starts at `pos` ends (-1 when it is cut off), and the first number
 * written with a fraction or exponent whose value is whole (`1.0`, `1e3`): Go reads it as a
 * float, which kubectl and the API server refuse for an integer field, though JSON.parse gives 1.
 */
function scanJsonValue(text: string, pos: number): { end: number; integralFloat?: { offset: number; text: string } } {
  let depth = 0;
  let integralFloat: { offset: number; text: string } | undefined;
  let i = pos;
  do {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) return { end: -1 };
      i++;
    } else if (c === '{' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === ']') {
      depth--;
      i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const m = /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(i, i + 64));
      if (!m) return { end: -1 };
      if ((m[1] || m[2]) && integralFloat === undefined && Number.isInteger(Number(m[0]))) integralFloat = { offset: i - pos, text: m[0] };
      i += m[0].length;
    } else {
      i++;
    }
    if (i > text.length) return { end: -1 };
  } while (depth > 0 && i < text.length);
  return depth === 0 ? { end: i, integralFloat } : { end: -1 };
}

let jsYaml: typeof JsYaml | undefined;
let marks: ScalarMarks | undefined;
let schema: JsYaml.Schema | undefined;

/** js-yaml and the go-yaml schema, loaded on first use (synthesis never reads YAML). */
export function parser(): { yaml: typeof JsYaml; marks: ScalarMarks; schema: JsYaml.Schema } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  jsYaml ??= require('js-yaml') as typeof JsYaml;
  marks ??= new ScalarMarks();
  schema ??= goYamlSchema(jsYaml, marks);
  return { yaml: jsYaml, marks, schema };
}

/** NEL ends a line for go-yaml, as LF does; CR and CR LF already do for js-yaml. */
const NEL = /\u0085/g;
/** LS and PS end a line for go-yaml too, but in a value go-yaml keeps them: see `lineSeparatorOutsideComment`. */
const LS_PS = /[\u2028\u2029]/;
/** A `...` line ends a document; go-yaml reads the first document of a part only. */
const DOCUMENT_END = /^(?:\.\.\.|---)(?=[\s]|$)/gm;

/** Reads one part of a YAML stream (the text between `---` lines) as go-yaml's Unmarshal does. */
export function readYamlDocument(text: string, line: number): KubectlDocument {
  const prepared = prepareSource(text);
  if ('error' in prepared) return { line, text, error: prepared.error, errorLine: line + prepared.line };
  const source = prepared.source;
  const { yaml, marks: m, schema: s } = parser();
  m.special = false;
  m.taggedMerge = false;
  let value: unknown;
  let json = false;
  try {
    value = load(yaml, source, s, false);
  } catch (e) {
    if (isNestedArrayKey(e)) return collectionKey(text, line, collectionKeyLine(yaml, source, s, false) ?? 0);
    if (!isDuplicateKey(e) || m.taggedMerge) return m.taggedMerge ? taggedMerge(source, line, text) : refusal(e, text, line);
    // go-yaml keeps the last of duplicate keys, as js-yaml's JSON mode does; but then the order
    // of a key and a merge key in the same mapping is lost, so that mix is refused.
    m.special = false;
    json = true;
    try {
      value = load(yaml, source, s, true);
    } catch (e2) {
      return refusal(e2, text, line);
    }
    if (m.special && source.includes('<<')) {
      return { line, text, error: 'a mapping key given twice in a document that also has a merge key (<<): kubectl applies them in document order, which check cannot follow; keep one of the duplicate keys', errorLine: line + ((e as JsYaml.YAMLException).mark?.line ?? 0) };
    }
  }
  if (m.taggedMerge) return taggedMerge(source, line, text);
  const keyLine = COLLECTION_KEY_HINT.test(source) ? collectionKeyLine(yaml, source, s, json) : undefined;
  if (keyLine !== undefined) return collectionKey(text, line, keyLine);
  if (m.special || source.includes('&')) {
    try {
      value = new Finisher(m).finish(value);
    } catch (e) {
      return { line, text, error: (e as Error).message, errorLine: line };
    }
  }
  return { line, text, ...finishObject(value, firstContentLine(source, line)) };
}

/**
 * A `!!merge` tag is refused: js-yaml merges on every key so tagged, with the spec's precedence,
 * before the schema sees the mapping; go-yaml only on `!!merge <<`, in document order.
 */
function taggedMerge(source: string, line: number, text: string): KubectlDocument {
  const error = 'a `!!merge` tag, which check cannot read as kubectl does (go-yaml merges `!!merge <<` in document order, '
    + 'and reads `!!merge` on anything else as a string); write a plain `<<`';
  return { line, text, error, errorLine: line + lineOfOffset(source, Math.max(0, source.indexOf('merge'))) };
}

/** The line of a part's first content: past blank lines, comments and a leading `---`. */
function firstContentLine(text: string, line: number): number {
  const skipped = /^(?:(?:[ \t]*(?:#[^\n]*)?|---[^\n]*)\n)*/.exec(text)![0];
  return line + (skipped.match(/\n/g)?.length ?? 0);
}

function load(yaml: typeof JsYaml, source: string, s: JsYaml.Schema, json: boolean): unknown {
  return yaml.load(source, { schema: s, json });
}

/**
 * What a collection used as a map key needs in the text: an explicit key (`? `), an alias (which
 * may stand for a collection), or a flow collection before a `:`. A part without any of them
 * takes no second parse.
 */
const COLLECTION_KEY_HINT = /\?(?=\s|$)|(?:^|[\s,[{])\*[^\s,[\]{}]|[\]}][ \t]*:(?=[\s,\]}]|$)/m;

/** Thrown when js-yaml turns a collection into a key string. */
class CollectionKey extends Error {}

/** A sequence that refuses to become a key: js-yaml copies a sequence key with `slice`, which keeps the class. */
class KeyProbeSequence extends Array {
  public toString(): string {
    throw new CollectionKey();
  }
}

const KEY_PROBE_MAP: PropertyDescriptorMap = {
  // A tag, so js-yaml calls toString instead of writing "[object Object]".
  [Symbol.toStringTag]: { value: 'KeyProbeMap' },
  toString: { value: () => { throw new CollectionKey(); } },
};

/**
 * The 0-based line of a list or map used as a map key, if the part has one. go-yaml decodes such
 * a key, but sigs.k8s.io/yaml, which kubectl reads YAML with, cannot make it a JSON key and
 * refuses the file ("yaml: invalid map key: []interface {}{...}"); js-yaml would make it a
 * string ("a,b", "[object Object]"). Found by parsing again with every collection marked as it
 * closes, so that turning one into a key string throws; the marked values are dropped.
 */
function collectionKeyLine(yaml: typeof JsYaml, source: string, s: JsYaml.Schema, json: boolean): number | undefined {
  // Where each open node starts, and where the last collection closed started: js-yaml turns a
  // key into a string after reading its value, so that is the key's line, unless the value is a
  // collection too (then it is the value's).
  const starts: number[] = [];
  let line = 0;
  const listener = (event: string, state: { result: unknown; line: number }) => {
    if (event === 'open') {
      starts.push(state.line);
      return;
    }
    const start = starts.pop() ?? state.line;
    if (typeof state.result !== 'object' || state.result === null) return;
    line = start;
    if (Array.isArray(state.result)) Object.setPrototypeOf(state.result, KeyProbeSequence.prototype);
    else if (Object.getPrototypeOf(state.result) === Object.prototype) Object.defineProperties(state.result, KEY_PROBE_MAP);
  };
  try {
    yaml.load(source, { schema: s, json, listener } as JsYaml.LoadOptions);
    return undefined;
  } catch (e) {
    return e instanceof CollectionKey || isNestedArrayKey(e) ? line : undefined;
  }
}

/** js-yaml's own refusal of a list nested in a list key: a collection key all the same. */
function isNestedArrayKey(e: unknown): boolean {
  return e instanceof Error && e.name === 'YAMLException' && /nested arrays are not supported inside keys/.test((e as JsYaml.YAMLException).reason ?? '');
}

function collectionKey(text: string, line: number, keyLine: number): KubectlDocument {
  return { line, text, error: 'a list or map used as a map key, which kubectl refuses ("invalid map key": JSON keys are strings); write the key as a string', errorLine: line + keyLine };
}

function isDuplicateKey(e: unknown): boolean {
  return e instanceof Error && e.name === 'YAMLException' && /duplicated mapping key/.test((e as JsYaml.YAMLException).reason ?? '');
}

function refusal(e: unknown, text: string, line: number): KubectlDocument {
  const err = e as JsYaml.YAMLException;
  const at = err.mark ? line + err.mark.line : line;
  const reason = withoutAliasName(err.reason ?? String(e));
  return { line, text, error: `the YAML does not parse: ${reason}${err.mark ? ` (column ${err.mark.column + 1})` : ''}`, errorLine: at };
}

/**
 * The text js-yaml is given for a part: its first document, with go-yaml's line breaks made
 * LF; or why it cannot be read as go-yaml reads it (`line` 0-based in the part).
 */
export function prepareSource(text: string): { source: string } | { error: string; line: number } {
  // go-yaml checks every character it decodes, which is more than the first document: so is this.
  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { error: `a control character (${code}), which kubectl refuses ("control characters are not allowed"); remove it`, line: lineOfOffset(text, control.index) };
  }
  const early = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*\.\.\.(?=\s|$)/.exec(text);
  if (early && /^[ \t]*[^\s#]/m.test(text.slice(early[0].length).replace(/^[^\n]*/, ''))) {
    return { error: 'a "..." line before the document, which kubectl refuses ("did not find expected node content"); remove it', line: early[0].split('\n').length - 1 };
  }
  let source = firstDocument(text);
  const slash = /"(?:[^"\\]|\\[^/])*\\\//.exec(source);
  if (slash) {
    return { error: 'the escape \\/ in a double-quoted string, which kubectl refuses ("found unknown escape character"); write / alone', line: lineOfOffset(source, slash.index + slash[0].length) };
  }
  if (/^(?:[ \t]*(?:#.*)?\r?\n)*%/.test(source)) {
    const at = source.slice(0, source.indexOf('%')).match(/\n/g)?.length ?? 0;
    return { error: 'a "%" directive: kubectl cuts the file at the "---" line after it and refuses the directive alone ("did not find expected <document start>"); remove the directive', line: at };
  }
  if (source.includes('\u0085')) source = source.replace(NEL, '\n');
  if (LS_PS.test(source)) {
    const outside = lineSeparatorOutsideComment(source);
    if (outside !== undefined) {
      return { error: 'a U+2028 or U+2029 separator outside a comment: kubectl reads it as a line break but keeps it in a value, which check cannot follow; remove it, or write \\u2028 in a double-quoted string', line: outside };
    }
    source = source.replace(/[\u2028\u2029]/g, '\n');
  }
  return { source };
}

/**
 * What go-yaml's reader refuses anywhere in its input: every character outside tab, LF, CR,
 * NEL, U+0020–U+007E, U+00A0–U+D7FF, U+E000–U+FFFD and the planes above (a form feed or a
 * vertical tab in a comment too, which js-yaml would keep inside the comment), and a lone surrogate.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The 0-based line (LF-separated) of an offset. */
function lineOfOffset(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

/** The text of the first document of a part: go-yaml's Unmarshal stops at the first `...` or second `---`. */
function firstDocument(text: string): string {
  DOCUMENT_END.lastIndex = 0;
  let sawContent = false;
  let from = 0;
  for (let m = DOCUMENT_END.exec(text); m !== null; m = DOCUMENT_END.exec(text)) {
    sawContent ||= /^[ \t]*[^\s#]/m.test(text.slice(from, m.index));
    if (m[0] === '...' || sawContent) return text.slice(0, m.index);
    from = m.index + m[0].length;
  }
  return text;
}

/**
 * The line (0-based, in the text) of an LS or PS that does not end a comment; undefined when
 * every one does. Ending a comment, go-yaml reads it as a line break, as the reader then does;
 * anywhere else (a quoted, plain or block value, where go-yaml keeps it in the value) the reader
 * cannot follow go-yaml, and refuses.
 */
function lineSeparatorOutsideComment(text: string): number | undefined {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\n' && c !== '\u2028' && c !== '\u2029') continue;
    if (c !== '\n' && !endsComment(text.slice(lineStart, i))) return line;
    line++;
    lineStart = i + 1;
  }
  return undefined;
}

/** Whether a line ends in a comment: a `#` at its start or after white space, outside quotes. */
function endsComment(line: string): boolean {
  for (let m = /(?:^|\s)#/g.exec(line), re = /(?:^|\s)#/g; m !== null; m = re.exec(line)) {
    const before = line.slice(0, m.index);
    if ((before.match(/"/g)?.length ?? 0) % 2 === 0 && (before.match(/'/g)?.length ?? 0) % 2 === 0) return true;
  }
  return false;
}

/** The last step of sigs.k8s.io/yaml and apimachinery's decoder on a document's value. */
function finishObject(value: unknown, line: number): { value?: unknown; error?: string; errorLine?: number } {
  if (value === null || value === undefined) return { value: null };
  if (typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    return { error: `the document is ${what}, not an object, which kubectl refuses ("cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value}")`, errorLine: line };
  }
  const object = value as { [key: string]: unknown };
  if (Object.prototype.hasOwnProperty.call(object, 'items')) {
    // apimachinery: an object with `items` is a list; items with neither kind nor apiVersion take the list's.
    const items = object.items;
    if (items !== null && !Array.isArray(items)) return { error: '`items` is not a list, which kubectl refuses (any object with `items` is a list to kubectl)', errorLine: line };
    for (const item of (items ?? []) as unknown[]) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return { error: 'an entry of `items` is not an object, which kubectl refuses (any object with `items` is a list to kubectl)', errorLine: line };
      const o = item as { [key: string]: unknown };
      if (o.kind === undefined && o.apiVersion === undefined && typeof object.kind === 'string') {
        o.kind = object.kind.replace(/List$/, '');
        o.apiVersion = object.apiVersion;
      }
      if (typeof o.kind !== 'string' || o.kind === '') return { error: 'an entry of `items` without kind, which kubectl refuses ("Object \'Kind\' is missing")', errorLine: line };
    }
  }
  // apimachinery reads kind and apiVersion as strings first, a list's too: a number is refused, as no kind is.
  if (typeof object.kind !== 'string' || object.kind === '') {
    const what = object.kind === undefined || object.kind === null || object.kind === '' ? 'without kind' : 'whose kind is no string';
    return { error: `an object ${what}, which kubectl refuses ("Object 'Kind' is missing")`, errorLine: line };
  }
  if (object.apiVersion !== undefined && object.apiVersion !== null && typeof object.apiVersion !== 'string') {
    return { error: 'an object whose apiVersion is no string, which kubectl refuses ("cannot unmarshal … into … apiVersion of type string")', errorLine: line };
  }
  return { value: object };
}

/** go-yaml's alias limit: past 100 aliased nodes and 1000 decoded nodes, the aliased share may not exceed this. */
function allowedAliasRatio(decoded: number): number {
  if (decoded <= 400_000) return 0.99;
  if (decoded >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decoded - 400_000) / 3_600_000);
}

/**
 * Turns js-yaml's value into go-yaml's: marks replaced (null, merge keys applied in document
 * order, later merges in a sequence first), null keys and non-JSON numbers refused, and the
 * nodes decoded through aliases counted as go-yaml counts them.
 */
class Finisher {
  private readonly done = new Map<object, unknown>();
  private decoded = 0;
  private aliased = 0;

  public constructor(private readonly m: ScalarMarks) {}

  public finish(value: unknown): unknown {
    return this.node(value, false);
  }

  private count(inAlias: boolean): void {
    this.decoded++;
    if (inAlias) this.aliased++;
    if (this.aliased > 100 && this.decoded > 1000 && this.aliased / this.decoded > allowedAliasRatio(this.decoded)) {
      throw new Error('the document expands its aliases too much (an alias bomb?), which kubectl refuses ("document contains excessive aliasing")');
    }
  }

  private node(value: unknown, inAlias: boolean): unknown {
    this.count(inAlias);
    if (value === this.m.null) return null;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error(`the value ${value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan'} is no JSON number, which kubectl refuses ("json: unsupported value"); quote it`);
    }
    if (typeof value === 'string' && this.m.isMerge(value)) return '<<';
    if (value === null || typeof value !== 'object') return value;
    const seen = this.done.get(value);
    if (seen !== undefined) {
      // A second use of an object is an alias: go-yaml decodes it again, counted as aliased.
      this.recount(value, true);
      return seen;
    }
    const result: unknown = Array.isArray(value) ? [] : {};
    this.done.set(value, result);
    if (Array.isArray(value)) {
      for (const item of value) (result as unknown[]).push(this.node(item, inAlias));
    } else {
      for (const key of Object.keys(value)) {
        const item = (value as { [key: string]: unknown })[key];
        if (this.m.isMerge(key)) {
          this.merge(result as { [key: string]: unknown }, item, inAlias);
          continue;
        }
        if (this.m.isNull(key)) throw new Error('a null map key (`~` or `null`), which kubectl refuses ("unsupported map key"); quote it');
        this.count(inAlias);
        set(result as { [key: string]: unknown }, key, this.node(item, inAlias));
      }
    }
    return result;
  }

  /** go-yaml's merge: a map's keys set in place; a sequence of maps applied last to first, so earlier ones win. */
  private merge(target: { [key: string]: unknown }, source: unknown, inAlias: boolean): void {
    const maps = Array.isArray(source) ? [...source].reverse() : [source];
    if (Array.isArray(source)) this.count(inAlias);
    for (const map of maps) {
      if (map === null || map === this.m.null || typeof map !== 'object' || Array.isArray(map)) {
        throw new Error('a merge key (<<) whose value is not a map or a list of maps, which kubectl refuses ("map merge requires map or sequence of maps")');
      }
      const merged = this.node(map, inAlias) as { [key: string]: unknown };
      for (const key of Object.keys(merged)) set(target, key, merged[key]);
    }
  }

  /** Counts the nodes of an object decoded again through an alias. */
  private recount(value: unknown, inAlias: boolean): void {
    this.count(inAlias);
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) this.recount(item, inAlias);
      return;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!this.m.isMerge(key)) this.count(inAlias);
      this.recount(item, inAlias);
    }
  }
}

/** Sets a key, `__proto__` included, as a plain own property. */
function set(target: { [key: string]: unknown }, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
