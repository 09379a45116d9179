import type * as JsYaml from 'js-yaml';

/**
 * How kubectl's YAML library (go-yaml v2, under sigs.k8s.io/yaml) types a scalar, as a js-yaml
 * schema. js-yaml parses; this schema decides what each scalar means, so `check` reads the
 * values kubectl sends:
 *
 * - plain `y`, `yes`, `on` (and `n`, `no`, `off`, in three casings) are booleans; `~`, `null` are null;
 * - integers as Go's `strconv.ParseInt(s, 0, 64)` reads them after removing `_`: `0644` and
 *   `0o644` are 420, `0x1F` is 31, `08` (not octal) falls through to the float 8;
 * - floats only in YAML's own syntax (`1.5`, `1e3`, `.5`), and `.inf`, `.nan`;
 * - timestamps (`2024-01-01`), sexagesimal-looking values (`10:30`) and everything else stay
 *   strings, as sigs.k8s.io/yaml keeps them;
 * - a merge key `<<` is kept in document order (see `MergeKey`), since go-yaml applies merges
 *   where they stand, not with the spec's precedence.
 *
 * Explicit tags: `!!str`, `!!int`, `!!float`, `!!bool`, `!!null` convert as go-yaml converts
 * (a value that does not convert is an error, as in kubectl); `!!binary` is base64-decoded;
 * `!!merge` is marked (`taggedMerge`);
 * any other tag is ignored, as go-yaml ignores it.
 *
 * @see https://github.com/kubernetes-sigs/yaml/blob/master/goyaml.v2/resolve.go
 */
export function goYamlSchema(yaml: typeof JsYaml, marks: ScalarMarks): JsYaml.Schema {
  const implicit = new yaml.Type('tag:cdk8s-daemonsets:go-yaml', {
    kind: 'scalar',
    resolve: (text: string) => plainValue(text) !== NOT_RESOLVED,
    construct: (text: string) => marks.mark(plainValue(text)),
  });
  const explicit = (tag: string, convert: (text: string) => unknown) => new yaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: unknown) => typeof text === 'string' && convert(text) !== NOT_RESOLVED,
    construct: (text: string) => marks.mark(convert(text)),
  });
  const ignored = (kind: 'scalar' | 'sequence' | 'mapping') => new yaml.Type('', { kind, multi: true, construct: (data: unknown) => data ?? (kind === 'scalar' ? '' : data) });
  return new yaml.Schema({
    implicit: [implicit],
    explicit: [
      new yaml.Type('tag:yaml.org,2002:str', { kind: 'scalar', construct: (data: unknown) => data ?? '' }),
      new yaml.Type('tag:yaml.org,2002:seq', { kind: 'sequence', construct: (data: unknown) => data ?? [] }),
      new yaml.Type('tag:yaml.org,2002:map', { kind: 'mapping', construct: (data: unknown) => data ?? {} }),
      explicit('int', t => { const v = plainValue(t); return typeof v === 'number' && isIntegerText(t) ? v : NOT_RESOLVED; }),
      explicit('float', t => { const v = plainValue(t); return typeof v === 'number' ? v : NOT_RESOLVED; }),
      explicit('bool', t => { const v = plainValue(t); return typeof v === 'boolean' ? v : NOT_RESOLVED; }),
      explicit('null', t => plainValue(t) === null ? null : NOT_RESOLVED),
      explicit('binary', t => base64Text(t)),
      // js-yaml merges on any key tagged `!!merge` with the spec's precedence, before this schema
      // sees the mapping; go-yaml only on `!!merge <<`, in document order: the reader refuses the tag.
      new yaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', construct: (data: unknown) => { marks.taggedMerge = true; return data ?? ''; } }),
      ignored('scalar'), ignored('sequence'), ignored('mapping'),
    ],
  });
}

/**
 * Values a plain JavaScript value cannot carry, marked while parsing so the reader can finish
 * them: a merge key (kept in document order, each one distinct), a null (an object, so that a
 * null map key stays recognisable: kubectl refuses it), and `.inf` or `.nan` (no JSON number:
 * kubectl refuses the file).
 */
export class ScalarMarks {
  /** A random prefix, so no key of the file can pass for a mark. */
  private readonly nonce = `\u0000${Math.random().toString(36).slice(2)}:`;
  /** Stands for null until the reader replaces it. */
  public readonly null: object;
  private merges = 0;
  /** Whether the last parse met a merge key, a null, or a value that is no JSON number. */
  public special = false;
  /** Whether the last parse met a `!!merge` tag. */
  public taggedMerge = false;

  public constructor() {
    const text = `${this.nonce}null`;
    this.null = Object.freeze({ [Symbol.toStringTag]: 'Null', toString: () => text });
  }

  public mark(value: unknown): unknown {
    if (value === MERGE) {
      this.special = true;
      return `${this.nonce}<<${this.merges++}`;
    }
    if (value === null) {
      this.special = true;
      return this.null;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) this.special = true;
    return value;
  }

  /** Whether a map key is a merge key (`<<`). */
  public isMerge(key: string): boolean {
    return key.startsWith(this.nonce) && key.startsWith('<<', this.nonce.length);
  }

  /** Whether a map key is a null. */
  public isNull(key: string): boolean {
    return key === String(this.null);
  }
}

/** What a plain scalar that stays a string resolves to. */
const NOT_RESOLVED = Symbol('string');
/** go-yaml's merge key. */
const MERGE = Symbol('merge');

const WORDS = new Map<string, unknown>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(w => [w, true] as const),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(w => [w, false] as const),
  ...['', '~', 'null', 'Null', 'NULL'].map(w => [w, null] as const),
  ...['.nan', '.NaN', '.NAN'].map(w => [w, NaN] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map(w => [w, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map(w => [w, -Infinity] as const),
  ['<<', MERGE],
]);

/** First characters go-yaml tries to resolve (its resolveTable); any other plain scalar is a string. */
const HINTED = /^[-+0-9yYnNtTfFoO~.<]/;
/** Go's integer syntax for `ParseInt(s, 0, 64)`, underscores already removed. */
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|0|[1-9][0-9]*)$/;
/** go-yaml's `yamlStyleFloat`. */
const YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** go-yaml tries timestamps first on what starts `YYYY-`; such a text is never a number, and a timestamp stays a string. */
const TIMESTAMP = /^[0-9]{4}-/;

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** The value go-yaml gives a plain scalar, or NOT_RESOLVED when it stays a string. */
function plainValue(text: string): unknown {
  if (!HINTED.test(text)) return text === '' ? null : NOT_RESOLVED;
  const word = WORDS.get(text);
  if (word !== undefined) return word;
  const first = text.charCodeAt(0);
  if (first === 0x2e /* . */) {
    // strconv.ParseFloat on the text as it is.
    return YAML_FLOAT.test(text) ? Number(text) : NOT_RESOLVED;
  }
  if (!(first >= 0x30 && first <= 0x39) && first !== 0x2b && first !== 0x2d) return NOT_RESOLVED;
  if (TIMESTAMP.test(text)) return NOT_RESOLVED;
  const plain = text.includes('_') ? text.replace(/_/g, '') : text;
  if (GO_INT.test(plain)) {
    const n = goInt(plain);
    if (n >= INT64_MIN && n <= UINT64_MAX) return Number(n);
  }
  if (YAML_FLOAT.test(plain)) {
    const f = Number(plain);
    // ParseFloat's range error (1e400) leaves the text a string.
    return Number.isFinite(f) ? f : NOT_RESOLVED;
  }
  return NOT_RESOLVED;
}

/** An integer in Go's base-0 syntax (sign, `0x`, `0o`, `0b`, or a leading `0` for octal). */
function goInt(plain: string): bigint {
  const negative = plain.startsWith('-');
  let digits = /^[-+]/.test(plain) ? plain.slice(1) : plain;
  if (/^0[0-7]/.test(digits)) digits = `0o${digits.slice(1)}`;
  else if (/^0[oO]/.test(digits)) digits = `0o${digits.slice(2)}`;
  const n = BigInt(digits);
  return negative ? -n : n;
}

/** Whether go-yaml reads the text as an integer (not a float): `!!int 1.5` is an error. */
function isIntegerText(text: string): boolean {
  const plain = text.replace(/_/g, '');
  return GO_INT.test(plain);
}

/** `!!binary`: the decoded bytes as a string, or NOT_RESOLVED when it is no base64. */
function base64Text(text: string): unknown {
  const compact = text.replace(/\s+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return NOT_RESOLVED;
  return Buffer.from(compact, 'base64').toString('utf8');
}
