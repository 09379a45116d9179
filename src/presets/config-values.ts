/**
 * The one validation layer for strings and numbers that end up inside a daemon's config file
 * (fluent-bit `.conf`, fluentd conf, `collectd.conf`, ceph-csi `config.json`) or a command line.
 *
 * Each `check*` function returns `undefined` when the value is acceptable, or the rule it breaks
 * (the shape of `src/validation/names.ts`), so a preset reports it with
 * `assertValid(at, prop, value, check(value))`. They accept `unknown`, so a JavaScript caller
 * passing `undefined` or a number gets the rule, never a TypeError.
 *
 * The renderers add a second line of defence: `assertRenderable` refuses to emit any key or
 * value that could end the line it is written on.
 * @internal
 */
import { isIP } from 'net';
import { isSecretName, shownValue, words } from '../internal/redact';
import { portNumberProblem } from '../validation';

/** Control characters, including newline, carriage return, tab, DEL and the C1 range. */
const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/;

/** A non-empty, single-line string without control characters or surrounding white space. */
export function checkConfigLine(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0) return 'must not be empty';
  if (CONTROL.test(value)) return 'must be one line without control characters (newline, tab, ...)';
  if (value.trim() !== value) return 'must not start or end with white space (the daemons strip it)';
  return undefined;
}

/**
 * A value Fluentd reads literally: one line, and no `#{`, which Fluentd evaluates as Ruby code in
 * double-quoted strings.
 */
export function checkFluentdSafe(value: unknown): string | undefined {
  const line = checkConfigLine(value);
  if (line) return line;
  if ((value as string).includes('#{')) return 'must not contain "#{" (Fluentd evaluates it as Ruby code)';
  return undefined;
}

/**
 * Writes a checked value (`checkFluentdSafe`) so Fluentd reads it back unchanged: bare when its
 * parser would take it literally, else single-quoted, where Fluentd evaluates nothing and only
 * `\\` and `\'` are escapes.
 */
export function fluentdValue(value: string): string {
  const bare = !/^["'[{]/.test(value) && !/\s#/.test(value) && !value.includes('#{');
  return bare ? value : fluentdSingleQuoted(value);
}

/** `'...'` with `\` and `'` escaped: Fluentd's single-quoted string, which interpolates nothing. */
export function fluentdSingleQuoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Escapes literal text for the inside of a Fluentd double-quoted string: `\`, `"` and `#` are
 * backslash-escaped, so no `#{` can form and the string cannot end early.
 */
export function fluentdDoubleQuotedText(value: string): string {
  return value.replace(/[\\"#]/g, c => `\\${c}`);
}

const DNS_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** A DNS name (RFC 1123 host name, any case): dot-separated labels of at most 63, 253 in all. */
export function checkDnsName(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (value.length === 0 || value.length > 253) return 'must be a DNS name of 1 to 253 characters';
  if (!value.split('.').every(l => DNS_LABEL.test(l)) || /^[0-9.]+$/.test(value)) {
    return 'must be a DNS name: dot-separated labels of letters, digits and "-", each at most 63 characters';
  }
  return undefined;
}

/** A DNS name, or an IPv4 or IPv6 address (without brackets). */
export function checkHostOrIp(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string: a host name or IP address';
  if (isIP(value) !== 0) return undefined;
  if (/^\[.*\]$/.test(value)) return 'must be a host name or IP address; write an IPv6 address without brackets';
  return checkDnsName(value) === undefined ? undefined
    : 'must be a bare host name (at most 253 characters of letters, digits, "-" and ".") or an IPv4 or IPv6 address: no scheme, port, path or user:password@';
}

/** `host` as it goes into a URL or `host:port`: IPv6 addresses in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** A whole number within `[min, max]`, which every daemon prints without an exponent. */
export function checkIntegerInRange(value: unknown, min: number, max: number): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    return `must be a whole number from ${min} to ${max}`;
  }
  return undefined;
}

/** The parts of `host:port`, `[ipv6]:port` (`requirePort`), or also `host` and `[ipv6]`. */
export function parseHostPort(value: unknown, requirePort: boolean): { host: string; port?: number } | string {
  if (typeof value !== 'string') return 'must be a string';
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*))(?::(\d{1,5}))?$/.exec(value);
  if (!m) return requirePort ? 'must be host:port or [ipv6]:port' : 'must be host, host:port or [ipv6]:port';
  const host = m[1] ?? m[2];
  if (m[1] !== undefined && isIP(host) !== 6) return 'only an IPv6 address goes in brackets';
  const hostError = checkHostOrIp(host);
  if (hostError) return `host ${hostError}`;
  if (m[3] === undefined) return requirePort ? 'must be host:port or [ipv6]:port' : { host };
  const port = Number(m[3]);
  if (portNumberProblem(port)) return `port ${m[3]} must be from 1 to 65535`;
  return { host, port };
}

/**
 * An absolute path without `..`, white space, control characters or characters a config
 * syntax or a shell would read specially: letters, digits and `/ . _ - + @ : ~` only (and
 * `* ? [ ]` when `glob`).
 */
export function checkSafePath(value: unknown, glob = false): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (!value.startsWith('/')) return 'must be an absolute path';
  if (value.split('/').includes('..')) return "must not contain '..'";
  const charset = glob ? /^[A-Za-z0-9/._+@:~*?[\]-]+$/ : /^[A-Za-z0-9/._+@:~-]+$/;
  if (!charset.test(value)) {
    return `must be a path of letters, digits and / . _ - + @ : ~${glob ? ' * ? [ ]' : ''} only (no white space, control characters, quotes, $, #, ; or backslashes)`;
  }
  return undefined;
}

/** `//a///b/` → `/a/b`, `//` → `/`. */
export function normalizePath(path: string): string {
  return path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

/** An HTTP header name: an RFC 7230 token. */
export function checkHeaderName(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value)) {
    return "an HTTP header name must be an RFC 7230 token: letters, digits and !#$%&'*+.^_`|~-";
  }
  return undefined;
}

/** Words that make a header carry a credential. */
const CREDENTIAL_HEADER_WORDS = new Set([
  'authorization', 'auth', 'authentication', 'token', 'secret', 'key', 'apikey', 'password', 'passwd', 'cookie',
  'session', 'signature', 'credential', 'credentials', 'jwt', 'bearer',
]);

/** Whether an HTTP header of this name carries a credential (`Authorization`, `X-Api-Key`, `X-Auth`, `Cookie`, ...). */
export function isCredentialHeader(name: string): boolean {
  return words(name).some(w => CREDENTIAL_HEADER_WORDS.has(w));
}

/**
 * Whether a plugin parameter of this name carries a credential (`http_user`, `http_passwd`,
 * `api_key`, `aws_sec_key`, `rdkafka.sasl.username`, ...): a secret-looking name, or a user name,
 * which belongs in the Secret beside its password. A name that points at one (`bearer_token_file`,
 * `rdkafka.sasl.oauthbearer.token.endpoint.url`) does not.
 */
export function isCredentialParameter(name: string): boolean {
  if (isSecretName(name)) return true;
  const w = words(name);
  return w.join('_') !== 'user_agent' && (w.includes('user') || w.includes('username'));
}

/**
 * A POSIX extended regular expression, as collectd compiles it (`regcomp(REG_EXTENDED)`):
 * rejects the Perl/JavaScript syntax POSIX lacks (`(?...)` groups, `\d`-style escapes, lazy
 * quantifiers), then compiles it with JavaScript's engine to catch unbalanced syntax.
 */
export function checkPosixEre(value: string): string | undefined {
  if (/\(\?/.test(value)) return 'uses "(?", which POSIX extended regular expressions lack (no lookaround, named or non-capturing groups)';
  if (/\\[A-Za-z0-9]/.test(value)) return 'uses a backslash escape such as \\d or \\s, which POSIX extended regular expressions lack: use [0-9], [[:space:]], [[:alnum:]] ...';
  if (/[*+?}]\?/.test(value)) return 'uses a lazy quantifier (*?, +?), which POSIX extended regular expressions lack';
  return checkCompiles(value);
}

/**
 * An Onigmo regular expression (Fluent Bit and Fluentd), checked by compiling it with
 * JavaScript's engine after translating the Onigmo syntax JavaScript lacks into JavaScript that
 * compiles whenever Onigmo's does: comments `(?#...)`, inline options `(?i)` and `(?i-m:`,
 * atomic groups `(?>`, the absent operator `(?~`, quoted names `(?'name'`, `{,n}`, quantified
 * anchors (`^*`, `\b?`, `\z+`) and lookbehinds, and stacked quantifiers (`a++`, `a+{2}`). Onigmo's other escapes
 * (`\h`, `\R`, `\e`, `\p{...}`, ...) are identity escapes to JavaScript, and a group name used
 * twice (Onigmo allows it) is made unique; extended mode `(?x)` is not checked. So nothing Onigmo
 * accepts is refused, checked against Ruby's Regexp (Onigmo) on a corpus; some patterns only
 * JavaScript accepts pass.
 */
export function checkOnigmoRegex(value: string): string | undefined {
  // Extended mode (`(?x)`) makes `#` start a comment that runs to the end of the line: not modelled, not refused.
  if (/\(\?[imadu]*x[imxadu]*(-[imx]*)?[):]/.test(value)) return undefined;
  let n = 0;
  const translated = outsideClasses(value, translateOnigmo)
    .replace(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g, (_, name: string) => `(?<${name}_${n++}>`)
    .replace(/\\k<([A-Za-z_][A-Za-z0-9_]*)>/g, (_, name: string) => `\\k<${name}_0>`);
  return checkCompiles(translated);
}

/** Onigmo anchors JavaScript cannot quantify; an empty group is an atom JavaScript can. */
const ONIGMO_ANCHORS = 'AzZGKbB';
const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\}|\{,\d+\})/;

/** One part of a regular expression outside classes, Onigmo → JavaScript (see `checkOnigmoRegex`). */
function translateOnigmo(part: string): string {
  let out = '';
  let quantified = false;
  let lazy = false;
  for (let i = 0; i < part.length;) {
    const rest = part.slice(i);
    const q = QUANTIFIER.exec(rest)?.[0];
    if (q) {
      // A lazy `?` may follow one quantifier; Onigmo repeats a repetition, JavaScript does not.
      if (!quantified) out += q.startsWith('{,') ? `{0${q.slice(1)}` : q;
      else if (q === '?' && !lazy) out += q;
      lazy = quantified;
      quantified = true;
      i += q.length;
      continue;
    }
    quantified = false;
    lazy = false;
    const group = /^\(\?(?:#[^)]*\)|[imxadu]*(?:-[imx]*)?\)|[imxadu]*(?:-[imx]*)?:|[>~]|'([^']*)'|<([=!]))/.exec(rest);
    if (rest[0] === '\\') {
      out += ONIGMO_ANCHORS.includes(rest[1]) ? '(?:)' : rest[1] === 'k' && rest[2] === "'" ? '\\k<' : rest.slice(0, 2);
      i += rest[1] === 'k' && rest[2] === "'" ? 3 : 2;
      if (out.endsWith('\\k<')) {
        const end = part.indexOf("'", i);
        out += `${part.slice(i, end < 0 ? undefined : end)}>`;
        i = end < 0 ? part.length : end + 1;
      }
    } else if (rest[0] === '^' || rest[0] === '$') {
      out += '(?:)';
      i++;
    } else if (group) {
      // Onigmo quantifies a lookbehind as JavaScript only quantifies a lookahead.
      if (group[2] !== undefined) out += `(?${group[2]}`;
      else out += group[1] !== undefined ? `(?<${group[1]}>` : group[0].endsWith(')') ? '(?:)' : '(?:';
      i += group[0].length;
    } else {
      out += rest[0];
      i++;
    }
  }
  return out;
}

/** Applies `f` to the parts of a regular expression outside `[...]` classes (escapes kept whole). */
function outsideClasses(value: string, f: (part: string) => string): string {
  const parts: string[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      if (depth === 0) {
        parts.push(f(value.slice(start, i)));
        start = i;
      }
      depth++;
    } else if (c === ']' && depth > 0 && --depth === 0) {
      parts.push(value.slice(start, i + 1));
      start = i + 1;
    }
  }
  parts.push(depth === 0 ? f(value.slice(start)) : value.slice(start));
  return parts.join('');
}

/** re2js, loaded on first use: most apps never check a Go regular expression, and loading it costs about 20 ms. */
let re2js: typeof import('re2js') | undefined;

/**
 * A regular expression as Go's `regexp.Compile` parses it (RE2 syntax), for node-exporter,
 * which compiles its filter flags at start with `regexp.MustCompile` and panics on an error.
 * Checked with re2js, a port of Go's `regexp/syntax` (through RE2J): lookaround, backreferences,
 * `\Z`, possessive quantifiers and repeat counts over 1000 are refused as Go refuses them.
 *
 * `angleNamedGroups`: whether the Go that built the binary accepts `(?<name>...)` (Go 1.22 and
 * later); `(?P<name>...)` works in every release. Go allows a group name twice, RE2J does not,
 * so names are made unique before the check (it changes no other outcome).
 */
export function checkGoRegexp(value: string, angleNamedGroups: boolean): string | undefined {
  if (!angleNamedGroups && hasAngleNamedGroup(value)) {
    return 'uses a named group (?<name>...), which this node-exporter release (built with Go older than 1.22) refuses: write (?P<name>...)';
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs require()
  re2js ??= require('re2js') as typeof import('re2js');
  let n = 0;
  const unique = value.replace(/(\(\?P?<[^>]+)>/g, (_, open: string) => `${open}_${n++}>`);
  try {
    re2js.RE2JS.compile(unique);
    return undefined;
  } catch (e) {
    return `is not a valid Go (RE2) regular expression, so node-exporter would panic at start: ${(e as Error).message.replace(/_\d+>/g, '>')}`;
  }
}

/** Whether a group opens with `(?<name>` (not `\(`, not inside `[...]`, not lookbehind `(?<=` `(?<!`). */
function hasAngleNamedGroup(value: string): boolean {
  let inClass = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
      // `[]...]` and `[^]...]`: a `]` first in a class is a member.
      if (value[i + 1] === '^') i++;
      if (value[i + 1] === ']') i++;
    } else if (value.startsWith('(?<', i) && !'=!'.includes(value[i + 3] ?? '=')) {
      return true;
    }
  }
  return false;
}

function checkCompiles(source: string): string | undefined {
  try {
    new RegExp(source);
    return undefined;
  } catch (e) {
    return `is not a valid regular expression: ${(e as Error).message}`;
  }
}

/**
 * Defence in depth for the renderers: a key or value that could end its line, or a number a
 * daemon would read wrongly (exponent notation, fractions), is a bug upstream of the renderer.
 * Throws instead of writing it.
 */
export function assertRenderable(file: string, key: string, value: string | number | boolean): void {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new Error(`${file}: refusing to write ${key} ${shownValue(value, key)}: not a whole number the daemon can read`);
  }
  if (CONTROL.test(key) || CONTROL.test(String(value)) || key.length === 0) {
    throw new Error(`${file}: refusing to write ${JSON.stringify(key)} ${shownValue(value, key)}: a config line may not contain control characters`);
  }
}

/**
 * `assertRenderable` for a `key value` line of Fluent Bit or Fluentd: the key is also one word,
 * and the value non-empty and not padded (both daemons would split or trim it).
 */
export function assertConfigEntry(file: string, key: string, value: string | number | boolean): void {
  assertRenderable(file, key, value);
  const text = String(value);
  if (/\s/.test(key) || text.trim() !== text || text === '') {
    throw new Error(`${file}: refusing to write ${JSON.stringify(key)} ${shownValue(value, key)}: keys are one word, values non-empty and not padded`);
  }
}
