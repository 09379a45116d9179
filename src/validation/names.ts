/**
 * Name and label syntax as apimachinery's `util/validation` defines it. Each check returns
 * `undefined` when the value is valid, or the reason it is not, in the API server's words.
 * Shared by the construct prop checks and the manifest validator.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_UNDERSCORE = /^_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])*$/;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** Results kept per memoized check (names repeat across the objects of an App: label keys, namespaces), and the longest string kept. */
const MEMO_SIZE = 4096;
const MEMO_LENGTH = 253;

/**
 * `fn` with its results for short strings remembered (a bounded cache, emptied when full): the
 * same label keys, names and quantities are checked for every object of an App, and the regular
 * expressions would otherwise dominate the validation time. `fn` must be pure.
 */
export function memoized<T>(fn: (value: unknown) => T): (value: unknown) => T {
  const results = new Map<string, T>();
  return value => {
    if (typeof value !== 'string' || value.length > MEMO_LENGTH) return fn(value);
    if (results.has(value)) return results.get(value) as T;
    if (results.size >= MEMO_SIZE) results.clear();
    const result = fn(value);
    results.set(value, result);
    return result;
  };
}

/** What every check returns for a non-string (a JavaScript caller's number, boolean or null), instead of coercing it or throwing a TypeError. */
const NOT_A_STRING = 'must be a string';

/** A lowercase RFC 1123 label: at most 63 characters, `[a-z0-9-]`, alphanumeric at both ends. */
export const checkDns1123Label = memoized((value: unknown): string | undefined => {
  if (typeof value !== 'string') return NOT_A_STRING;
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1123_LABEL.test(value)) {
    return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  }
  return undefined;
});

/** A lowercase RFC 1123 subdomain: at most 253 characters of dot-separated labels. */
export const checkDns1123Subdomain = memoized((value: unknown): string | undefined => {
  if (typeof value !== 'string') return NOT_A_STRING;
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
});

/**
 * A name that may serve as a generateName-style prefix (`NameIsDNSSubdomain(name, true)`): the
 * server masks a trailing `-` before the subdomain check, replacing the last two characters by `a`.
 */
export function checkDns1123SubdomainPrefix(value: unknown): string | undefined {
  if (typeof value !== 'string') return NOT_A_STRING;
  return checkDns1123Subdomain(value.length > 1 && value.endsWith('-') ? value.slice(0, -2) + 'a' : value);
}

/** A DNS subdomain whose labels may also hold `_` (and start with one): DNS search domains such as `_tcp.example.com`. */
export function checkDns1123SubdomainWithUnderscore(value: unknown): string | undefined {
  if (typeof value !== 'string') return NOT_A_STRING;
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!DNS1123_SUBDOMAIN_UNDERSCORE.test(value)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/** A qualified name (label and annotation keys): an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export const checkQualifiedName = memoized((value: unknown): string | undefined => {
  if (typeof value !== 'string') return NOT_A_STRING;
  const parts = value.split('/');
  let name = value;
  if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) return 'prefix part must be non-empty';
    const prefixError = checkDns1123Subdomain(prefix);
    if (prefixError) return `prefix part ${prefixError}`;
  } else if (parts.length > 2) {
    return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/'";
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
});

/** A label value: empty, or at most 63 characters of `[A-Za-z0-9-_.]`, alphanumeric at both ends. */
export const checkLabelValue = memoized((value: unknown): string | undefined => {
  if (typeof value !== 'string') return NOT_A_STRING;
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
});

/** An IANA service name (named ports): at most 15 characters, lowercase alphanumeric and '-', at least one letter, no '--'. */
export function checkPortName(value: unknown): string | undefined {
  if (typeof value !== 'string') return NOT_A_STRING;
  if (value.length > 15) return 'must be no more than 15 characters';
  if (!IANA_SVC_NAME.test(value)) return 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  if (value.includes('--')) return 'must not contain consecutive hyphens';
  if (!/[a-z]/.test(value)) return 'must contain at least one letter (a-z)';
  return undefined;
}

/** A C identifier (the strict form of an environment variable name). */
export function checkCIdentifier(value: unknown): string | undefined {
  if (typeof value !== 'string') return NOT_A_STRING;
  return C_IDENTIFIER.test(value) ? undefined : "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
}

/** An environment variable name in the strict form every API server accepts (the only form before 1.32). */
export function checkEnvVarName(value: unknown): string | undefined {
  if (typeof value !== 'string') return NOT_A_STRING;
  return ENV_VAR_NAME.test(value) ? undefined : "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
}

/** An environment variable name in the relaxed form (default since 1.32, GA 1.34): printable ASCII except '='. */
export function checkRelaxedEnvVarName(value: unknown): string | undefined {
  if (typeof value !== 'string') return NOT_A_STRING;
  return /^[\x20-\x3c\x3e-\x7e]+$/.test(value) ? undefined : "a valid environment variable name must consist only of printable ASCII characters other than '='";
}

const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;

/** A ConfigMap or Secret key: at most 253 of `[-._a-zA-Z0-9]`, not `.` or `..`. */
export function checkConfigMapKey(value: unknown): string | undefined {
  if (typeof value !== 'string') return NOT_A_STRING;
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!CONFIG_MAP_KEY.test(value)) return "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
  if (value === '.' || value === '..' || value.startsWith('..')) return "must not be '.' or '..' or start with '..'";
  return undefined;
}
