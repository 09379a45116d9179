/**
 * What an error, a finding or the CLI shows of a value: never a credential. One home for every
 * path that prints a value (construct prop errors, validator findings, CLI output), and for the
 * checks that refuse a credential written inline into a prop (URI query parameters, `key=value`
 * client properties, `Authorization` schemes), so what is refused and what is masked agree.
 *
 * A value is masked whole (`***` and its length) when its name looks like a credential, or it
 * sits where credentials live (an env variable's value); inside any other text, the parts that
 * carry a credential are masked and the rest is kept, so the message still says what is wrong.
 */

/** The lower-case words of a name: split at punctuation and at camelCase boundaries. */
export function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(w => w);
}

/** Words that make a name a credential's (`DB_PASSWORD`, `clientSecret`, `access_token`, `sig`, `X-Auth`). */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'token', 'auth', 'authorization', 'credential', 'credentials',
  'cookie', 'apikey', 'signature', 'sig', 'jwt', 'bearer', 'privatekey', 'secretkey', 'accesskey',
]);
/** Words that, before `key`, make it a credential (`api_key`, `aws_sec_key`, `shared_key`); `tag_key`, `time_key` are not. */
const KEY_QUALIFIERS = new Set([
  'api', 'access', 'secret', 'sec', 'shared', 'private', 'auth', 'account', 'master', 'client', 'signing', 'sas', 'license',
  'ingest', 'ingestion', 'aws', 'encryption', 'subscription',
]);
/**
 * Last words that make a name point at a credential rather than hold one: a file, a path, a URL,
 * a mechanism (`bearer_token_file`, `rdkafka.sasl.oauthbearer.token.endpoint.url`, `tokenExpirationSeconds`).
 */
const NOT_A_VALUE = new Set([
  'file', 'filename', 'path', 'dir', 'directory', 'location', 'url', 'uri', 'endpoint', 'mechanism', 'mechanisms', 'method', 'type',
  'seconds', 'ref', 'name', 'enabled', 'enable', 'header', 'headers', 'format', 'kind',
]);

/** A word run together with a credential's name at its end: `PGPASSWORD`, `mysqlpasswd`, `apitoken`, `clientsecret`. */
const SECRET_SUFFIXES = ['password', 'passwd', 'token', 'secret'];
const SECRET_SUFFIX = new RegExp(`(${SECRET_SUFFIXES.join('|')})$`);

/**
 * What a name holds somewhere if any of its words is a credential's: one of the words, a suffix or
 * `key` (each word is a piece of the lower-cased name), or a character outside ASCII, which may
 * lower-case to ASCII letters (`\u212A`, the Kelvin sign, to `k`) and is left to `words`.
 */
const CREDENTIAL_HINT = new RegExp(`${[...SECRET_WORDS, ...SECRET_SUFFIXES, 'key'].join('|')}|[^\\x00-\\x7f]`, 'i');

/**
 * Whether a name (a prop, a field, an env variable, a flag, a parameter) names a credential.
 * `bareKey` also counts a lone `key` (a URI query parameter: `?key=` is an API key).
 */
export function isSecretName(name: string, bareKey = false): boolean {
  // Most names hold none of the words: a quick test spares splitting them.
  if (!CREDENTIAL_HINT.test(name)) return false;
  const w = words(name);
  if (w.length === 0 || NOT_A_VALUE.has(w[w.length - 1])) return false;
  return w.some((_, i) => isSecretWord(w, i, bareKey));
}

/** Whether word `i` of a name's words is a credential's: `password`, `pgpassword`, `key` after `api`. */
function isSecretWord(w: readonly string[], i: number, bareKey: boolean): boolean {
  const word = w[i];
  return SECRET_WORDS.has(word) || SECRET_SUFFIX.test(word) || (word === 'key' && (i > 0 ? KEY_QUALIFIERS.has(w[i - 1]) : bareKey && w.length === 1));
}

/**
 * Whether a name ends in the credential it names, so that its value is the credential
 * (`--db-password`, `--api-key`, `redis.password`, `vault-token`), by the same list as
 * `isSecretName`; a name that only mentions one (`--cookie-domain`, `--auth-mode`, `--token-ttl`,
 * `--password-stdin`, `service-account-token-expiration`) is a setting about it, not it.
 */
export function namesCredential(name: string): boolean {
  if (!CREDENTIAL_HINT.test(name)) return false;
  const w = words(name);
  return w.length > 0 && !MODE_WORDS.has(w[w.length - 1]) && isSecretWord(w, w.length - 1, false);
}

/**
 * Credential words that, last in a flag's or variable's name, name a mode or a scheme rather than
 * hold a secret (`--auth=basic`, `--tls-client-auth=RequireAndVerifyClientCert`, `--sig=rsa`):
 * masked in text all the same, never reported as a literal credential.
 */
const MODE_WORDS = new Set(['auth', 'sig']);

/**
 * A value that says where a credential is rather than holding one: a variable reference
 * (`$(VAR)`, which Kubernetes expands in env and args; `${VAR}`, `$VAR` and a shell's
 * `$(cat …)`), a placeholder a tool fills in (a Go or Helm template `{{ .Data.password }}`, as the
 * Vault agent injector renders; Datadog's `%%env_VAR%%`; its `ENC[handle]` secret handles), an
 * absolute, home or relative path (`/…`, `C:\…`, `~/…`, `./…`), a `file:` URL, or a path of
 * lower-case segments (`secret/data/db`, a Vault path; `kube-system/tls`, a Secret's).
 */
const SECRET_LOCATION = /^([$`]|\{\{|%%env_|ENC\[|\/|[A-Za-z]:[\\/]|~\/|\.\.?\/|file:|[a-z0-9._-]+(\/[a-z0-9._-]+)+$)/;

/** Whether `value` says where a credential is (a reference or a path, see SECRET_LOCATION), not what it is. */
export function isSecretLocation(value: string): boolean {
  return SECRET_LOCATION.test(value);
}

/** `${VAR}`, `$(VAR)`, `"#{ENV['VAR']}"`: a reference to a variable, not a literal value. */
const ENV_REFERENCE = /^(\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$\([A-Za-z_][A-Za-z0-9_.-]*\)|"?#\{ENV\[['"][A-Za-z_][A-Za-z0-9_]*['"]\]\}"?)$/;

/** A credential found in a text: where its value is, and what names it. */
export interface CredentialSpan {
  readonly start: number;
  readonly end: number;
  /** What carries it: the parameter or property name, `user:password@`, or the authorization scheme. */
  readonly name: string;
}

/** An OCI digest (`sha256:…`): what follows `@` in an image reference. */
const DIGEST = /^[a-z0-9]+([+._-][a-z0-9]+)*:[a-f0-9]{32,}/;
/** What names a credential in a URI's userinfo. */
const USERINFO = 'user:password@';
/** `user:password@` at the start of a text (a broker address, an image reference). */
const LEADING_USERINFO = /^([^\s/?#@:]*:[^\s/?#@]*)@/;
/**
 * The same percent-encoded (`elastic%3Apassword%40es`), which a client may decode. The user part
 * has no `%`, so there is one place to split it and the scan stays linear.
 */
const ENCODED_USERINFO = /^([^\s/?#@:%]*(?::|%3A)[^\s/?#@]*)%40/i;
/** A URI scheme's characters; it starts with a letter. */
const SCHEME_CHAR = /[a-z0-9+.-]/i;
/** What ends a URI's userinfo. */
const USERINFO_END = /[\s/?#@]/;

/**
 * The `user:password` or `token` of every `scheme://…@` in `text`, as [start, end] of the userinfo.
 * A scan anchored on each `://` rather than one pattern: a pattern starting at the scheme is
 * retried at every letter of a long word and takes quadratic time (30 s on a 100 kB name).
 * Each character is read at most twice: the scheme is read back from `://` and stops at a `/`, the
 * userinfo is read forward and stops at one too.
 */
function uriUserinfo(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    let from = at;
    while (from > 0 && SCHEME_CHAR.test(text[from - 1])) from--;
    // The scheme starts at the first letter of the run before `://`; without one there is no URI.
    if (!/[a-z]/i.test(text.slice(from, at))) continue;
    let end = at + 3;
    while (end < text.length && !USERINFO_END.test(text[end])) end++;
    if (end > at + 3 && text[end] === '@') found.push([at + 3, end]);
  }
  return found;
}
/**
 * `name=value` in a query string or a fragment (`#access_token=`, OAuth's implicit flow), a flag or
 * a space- or comma-separated property list; the name may be percent-encoded (`%74oken`). A variable
 * reference stops where a pair could start (`,;&?#{(`), so no start reads past the next one: linear time.
 */
const PAIR = /(^|[?#&;,\s{(])-{0,2}([A-Za-z0-9_.%-]+)=(\$\{[^}\s?#&;,{(]*\}|\$\([^)\s?#&;,{(]*\)|"?#\{ENV\[[^\]\s?#&;,{(]*\]\}"?|[^&;,\s#)}]*)/g;
/** `"name": "value"` in a JSON hash (Fluentd's `rdkafka_options`, a headers hash). */
const JSON_PAIR = /"([^"\\]+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
/** A command-line item `--flag=value`: the value is the whole rest, spaces and quotes included. */
const FLAG_ITEM = /^--?([A-Za-z][\w.-]*)=([^]+)$/;
/** `--flag value` in one command-line item. */
const FLAG_SPACE = /(^|\s)--?([A-Za-z][\w.-]*)\s+([^\s-]\S*)/g;
/** `Authorization`-style schemes followed by their credential. */
const SCHEME = /\b(basic|bearer|token|digest|negotiate|apikey)\s+([^\s,;"']+)/gi;

/** Every credential written inline into `text`: userinfo, secret-named pairs and JSON fields, auth schemes. */
export function credentialSpans(text: string): CredentialSpan[] {
  const spans: CredentialSpan[] = [];
  const add = (start: number, value: string, name: string) => {
    if (value !== '' && !ENV_REFERENCE.test(value)) spans.push({ start, end: start + value.length, name });
  };
  const leading = LEADING_USERINFO.exec(text) ?? ENCODED_USERINFO.exec(text);
  if (leading) add(0, leading[1], USERINFO);
  for (const [start, end] of uriUserinfo(text)) add(start, text.slice(start, end), USERINFO);
  const item = FLAG_ITEM.exec(text);
  if (item && isSecretName(item[1])) add(text.length - item[2].length, item[2], item[1]);
  for (const m of text.matchAll(PAIR)) {
    if (isSecretName(percentDecoded(m[2]), true)) add(m.index! + m[0].length - m[3].length, m[3], m[2]);
  }
  for (const m of text.matchAll(JSON_PAIR)) {
    if (isSecretName(m[1], true)) add(m.index! + m[0].length - m[2].length - 1, m[2], m[1]);
  }
  for (const m of text.matchAll(FLAG_SPACE)) {
    if (isSecretName(m[2])) add(m.index! + m[0].length - m[3].length, m[3], m[2]);
  }
  for (const m of text.matchAll(SCHEME)) add(m.index! + m[0].length - m[2].length, m[2], m[1]);
  return spans.sort((a, b) => a.start - b.start);
}

/** A URI component as the server reads it (`%74oken` is `token`); as written when it is not valid percent-encoding. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Whether `text` has a password in a URI's userinfo (`https://user:pass@host`) or in a leading
 * `user:pass@` (a DSN: `exporter:pass@tcp(db:3306)/`), as redaction finds them. A user alone
 * (`ssh://git@host`), an empty password (`user:@host`), a reference (`user:$(DB_PASSWORD)@`) or an
 * image's tag before its digest (`pause:3.10@sha256:…`, which redaction masks to be safe) is none.
 */
export function hasUserinfoPassword(text: string): boolean {
  // Userinfo ends at an `@` (`%40` encoded): without one, the full scan can find none.
  if (!text.includes('@') && !text.includes('%40')) return false;
  return credentialSpans(text).some(s => {
    if (s.name !== USERINFO || DIGEST.test(text.slice(s.end + 1))) return false;
    const userinfo = text.slice(s.start, s.end);
    const colon = /:|%3A/i.exec(userinfo);
    const password = colon ? userinfo.slice(colon.index + colon[0].length) : '';
    return password !== '' && !isSecretLocation(password);
  });
}

/** The first credential written inline into `text`, by what names it, or undefined. */
export function inlineCredentialIn(text: string): string | undefined {
  return credentialSpans(text)[0]?.name;
}

/** `text` with every inline credential masked (`***`); the rest kept. */
export function redactText(text: string): string {
  let out = '';
  let at = 0;
  for (const s of credentialSpans(text)) {
    if (s.start >= at) out += text.slice(at, s.start) + '***';
    at = Math.max(at, s.end);
  }
  return at === 0 ? text : out + text.slice(at);
}

/**
 * A YAML parser's message without the name of an alias it could not resolve (js-yaml's
 * `unidentified alias "x"`, yaml's `Unresolved alias (...): x`): a value written unquoted after
 * `*` (`password: *hunter2`) is read as an alias, so its name may be the secret itself. The
 * message's line and column still point at it.
 */
export function withoutAliasName(message: string): string {
  const hidden = (name: string) => `(its name, ${name.length} character${name.length === 1 ? '' : 's'}, not shown)`;
  return message
    .replace(/\bunidentified alias "([^"]*)"/g, (_, name: string) => `unidentified alias ${hidden(name)}`)
    .replace(/\b(Unresolved alias \(the anchor must be set before the alias\)): (.*)$/, (_, text: string, name: string) => `${text} ${hidden(name)}`);
}

/**
 * `***` and the value's length, and whether it starts or ends in white space (a token read with
 * `$(cat token)` or from a file keeps its line break, which is often the very mistake).
 */
export function masked(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
  if (text === undefined) return `*** (${describeType(value)})`;
  const notes = [`${text.length} character${text.length === 1 ? '' : 's'}`];
  if (/^\s/.test(text)) notes.push('starting with white space');
  if (/\n$/.test(text)) notes.push('ending in a line break');
  else if (/\s$/.test(text)) notes.push('ending in white space');
  return `*** (${notes.join(', ')})`;
}

/** A value's type in words (`a string of 12 characters`, `a BigInt`, `a Symbol`, `an object`): what a type error shows. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': return `a string of ${value.length} character${value.length === 1 ? '' : 's'}`;
    case 'number': return 'a number';
    case 'bigint': return 'a BigInt';
    case 'symbol': return 'a Symbol';
    case 'boolean': return 'a boolean';
    case 'function': return 'a function';
    case 'undefined': return 'nothing';
    default: {
      // A Proxy or a getter may throw on any read: the description must not.
      try {
        const ctor = (value as object).constructor;
        return typeof ctor === 'function' && ctor !== Object ? `an instance of ${ctor.name || 'a class'}` : 'an object';
      } catch {
        return 'an object';
      }
    }
  }
}

/**
 * How a message shows `args[i]` of a command line: masked whole when it is the value of a
 * secret-looking flag given as the item before (`--password`, `hunter2`); otherwise quoted, with
 * inline credentials (`--token=…`) masked.
 */
export function shownArg(args: readonly unknown[], i: number): string {
  const flag = args[i - 1];
  if (typeof flag === 'string' && /^--?[A-Za-z][\w.-]*$/.test(flag) && isSecretName(flag)) return masked(args[i]);
  return shownValue(args[i]);
}

/** Fields whose value is always masked: an env variable's or an HTTP header's value, whatever its name. */
const ALWAYS_SECRET = /(^|\.)(env\[\d+\]|httpHeaders\[\d+\])\.value$|(^|\.)envVariables\[[^\]]*\]$/;

/**
 * Whether the value at `path` (a field path `spec.template.spec.containers[0].env[1].value`, or a
 * prop path `outputs[0].extraParameters[http_passwd]`) is a credential: its own name looks like
 * one (booleans never are), or it is an env variable's or an HTTP header's value.
 */
export function isSecretPath(path: string): boolean {
  if (ALWAYS_SECRET.test(path)) return true;
  // The last name: a field (`.httpPasswd`), a map key (`[DB_PASSWORD]`), or the map holding it (`secretHeaders[X]`).
  const m = /(?:^|\.)([^.[\]]+)(?:\[([^\]]*)\])?(?:\[\d+\])*$/.exec(path);
  if (!m) return false;
  // A map key's value is a credential when the key names one, or the map holds them (`secretHeaders`).
  if (m[2] !== undefined && !/^\d+$/.test(m[2])) return isSecretName(m[2]) || words(m[1]).some(w => SECRET_WORDS.has(w));
  return isSecretName(m[1]);
}

/** A value already put in the words a message shows: `shownValue` prints it as it is. */
export class ShownAs {
  constructor(public readonly text: string) {}
}

/** A value the caller knows is a credential (a literal where a Secret reference goes): masked wherever it is. */
export function knownSecret(value: unknown): ShownAs {
  return new ShownAs(masked(value));
}

/** A value of the wrong type, shown by its type only (`a string of 12 characters`, `an instance of Cpu`): what a type error needs, and no content. */
export function typeOnly(value: unknown): ShownAs {
  return new ShownAs(describeType(value));
}

/**
 * A value as messages show it (strings quoted, objects as JSON, as the API server prints them),
 * masked whole when `path` names a credential; otherwise inline credentials are masked, and in an
 * object every field whose name looks like a credential's.
 */
export function shownValue(value: unknown, path = ''): string {
  if (value instanceof ShownAs) return value.text;
  if (typeof value !== 'boolean' && value !== null && value !== undefined && path !== '' && isSecretPath(path)) return masked(value);
  if (typeof value === 'string') return JSON.stringify(redactText(value));
  // JSON.stringify prints NaN and Infinity as null, which would hide the mistake.
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'null';
  if (typeof value === 'symbol' || typeof value === 'function') return describeType(value);
  try {
    return JSON.stringify(value, redactField) ?? describeType(value);
  } catch {
    return describeType(value);
  }
}

function redactField(key: string, v: unknown): unknown {
  if (key !== '' && (typeof v === 'string' || typeof v === 'number') && isSecretName(key)) return masked(v);
  if (typeof v === 'string') return redactText(v);
  return typeof v === 'bigint' ? String(v) : v;
}
