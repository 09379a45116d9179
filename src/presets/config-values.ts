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

/** The lower-case words of a name: split at punctuation and at camelCase boundaries. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(w => w);
}

/** Whether an HTTP header of this name carries a credential (`Authorization`, `X-Api-Key`, `X-Auth`, `Cookie`, ...). */
export function isCredentialHeader(name: string): boolean {
  return words(name).some(w => CREDENTIAL_HEADER_WORDS.has(w));
}

/** Words that make a plugin parameter carry a credential. */
const CREDENTIAL_PARAM_WORDS = new Set([
  'user', 'username', 'passwd', 'password', 'pass', 'pwd', 'token', 'secret', 'auth', 'authorization', 'credential',
  'credentials', 'cookie', 'apikey', 'passphrase',
]);
/** Words that, before `key`, make it a credential (`api_key`, `aws_sec_key`, `shared_key`); `tag_key`, `time_key` are not. */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'sec', 'shared', 'private', 'auth', 'account', 'master', 'client', 'signing', 'sas', 'license', 'ingest', 'ingestion', 'id', 'aws']);

/** Whether a plugin parameter of this name carries a credential (`http_user`, `http_passwd`, `api_key`, `aws_sec_key`, ...). */
export function isCredentialParameter(name: string): boolean {
  const w = words(name);
  if (w.join('_') === 'user_agent') return false;
  return w.some((word, i) => CREDENTIAL_PARAM_WORDS.has(word) || (word === 'key' && i > 0 && KEY_QUALIFIERS.has(w[i - 1])));
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
 * JavaScript's engine after translating the Onigmo-only syntax with a JavaScript equivalent
 * (`(?<name>` is the same in both). The engines differ (`\h`, `\A`, `\z`, inline options,
 * atomic groups, possessive quantifiers): this catches unbalanced groups and brackets, not every
 * Onigmo error.
 */
export function checkOnigmoRegex(value: string): string | undefined {
  const translated = value
    .replace(/^\(\?[imx]+\)/, '')
    .replace(/\(\?[imx-]+:/g, '(?:')
    .replace(/\(\?>/g, '(?:')
    .replace(/(^|[^\\])\\[AzZGhHK]/g, '$1')
    .replace(/([*+?}])\+/g, '$1');
  return checkCompiles(translated);
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
    throw new Error(`${file}: refusing to write ${key} ${value}: not a whole number the daemon can read`);
  }
  if (CONTROL.test(key) || CONTROL.test(String(value)) || key.length === 0) {
    throw new Error(`${file}: refusing to write ${JSON.stringify(key)} ${JSON.stringify(value)}: a config line may not contain control characters`);
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
    throw new Error(`${file}: refusing to write ${JSON.stringify(key)} ${JSON.stringify(value)}: keys are one word, values non-empty and not padded`);
  }
}
