import { checkConfigMapKey, checkDns1123Label, checkDns1123Subdomain, checkDns1123SubdomainPrefix, checkEnvVarName, checkQualifiedName, checkRelaxedEnvVarName } from '../names';
import { Ctx, list, map } from './context';
import { isLiteralValue } from './literal-secrets';
import { parseQuantity, Quantity } from './quantity';
import { Rule, RuleArea, SRC } from './rule';
import { namesCredential } from '../../internal/redact';

export const ENV_AREA = new RuleArea('env', 'src/validation/rules/env.ts');
export const ENV_NAME = ENV_AREA.error('env-name', 'An env name (or envFrom prefix) that is empty or contains `=` or non-printable characters; before Kubernetes 1.32 (`kubernetesVersion`), also one outside `[-._a-zA-Z][-._a-zA-Z0-9]*` or `.`/`..`-prefixed (RelaxedEnvironmentVariableValidation is on by default from 1.32).', 'Use letters, digits, `_`, `-` and `.`, not starting with a digit.', SRC.CORE, { kubernetes: 'strict names before 1.32, relaxed from 1.32' });
export const ENV_VALUE_FROM = ENV_AREA.error('env-value-from', '`value` together with `valueFrom`, or a `valueFrom` with no source or more than one.', 'Keep exactly one of `value` or one `valueFrom` source.', SRC.CORE);
export const ENV_FIELD_REF = ENV_AREA.error('env-field-ref', 'A `fieldRef.fieldPath` the downward API does not offer (e.g. bare `metadata.labels`), an apiVersion other than v1, or a label/annotation subscript that is not a qualified name (reported at `fieldRef`).', "Use metadata.name/namespace/uid, metadata.labels['k'], metadata.annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s).", SRC.CORE);
export const ENV_RESOURCE_FIELD_REF = ENV_AREA.error('env-resource-field-ref', 'A `resourceFieldRef.resource` outside limits/requests of cpu, memory, ephemeral-storage or hugepages, or a bad divisor.', 'Use e.g. `limits.memory`; cpu divisors are `1m` or `1`.', SRC.CORE);
export const ENV_KEY_REF = ENV_AREA.error('env-key-ref', 'A `configMapKeyRef`/`secretKeyRef` with an invalid name or an empty or invalid key; a `fileKeyRef` without key, volumeName or path.', 'Name an existing ConfigMap/Secret and a key of `[-._a-zA-Z0-9]`.', SRC.CORE);
export const ENV_FROM = ENV_AREA.error('env-from', 'An `envFrom` entry with an invalid prefix or ref name, or with neither or both of configMapRef/secretRef (that one reported at `envFrom`, without index).', 'Give each entry exactly one ref with a valid name.', SRC.CORE);
export const DUPLICATE_ENV = ENV_AREA.warning('duplicate-env', 'The same env name twice in one container: the last one wins silently.', 'Remove the duplicate.', SRC.WARNINGS, { linterIds: ['kube-linter:duplicate-env-var', 'kube-score:environment-variable-key-duplication'] });
export const ENV_LITERAL_SECRET = ENV_AREA.warning('env-literal-secret', 'An env var whose name ends in a credential\'s word with a literal value: password, passwd, pass, secret, token, credential, cookie, jwt, `api_key` or `private_key`, or a word ending in password or token (`PGPASSWORD`); the same list redaction masks by, read as args-literal-secret reads a flag. Not when the name only mentions one (`PASS_DEVICE_SPECS`, `TOKEN_TTL`, `AUTH_MODE`) or ends in `_PATH`, `_FILE`, `_DIR`, `_FILENAME`, `_LOCATION` or `_URL`, nor when the value is empty or boolean, a path (absolute, `~/`, `./`, or lower-case segments such as a Vault path `secret/data/db`), a `file:` URL, a variable reference (`$(VAR)`, `${VAR}`, `$VAR`) or a placeholder a tool fills in (`{{ … }}`, `%%env_VAR%%`, `ENC[…]`): those say where a Secret is.', 'Use `valueFrom.secretKeyRef` or a mounted Secret.', SRC.SECURITY, { linterIds: ['kube-linter:env-var-secret', 'polaris:sensitiveContainerEnvVar'], limits: 'Looks at names: a secret under another name (`DB_URL=postgres://user:password@…`) is missed.' });

/** What `fieldRef.fieldPath` may name in an env var, and in a downward API volume file (sorted, as the server lists them). */
export const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
/** The pod fields the v1 field label conversion knows (`spec.host` is the old name of spec.nodeName). */
const CONVERTIBLE = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);
const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
/**
 * Whether an env var holds a secret as a literal, decided as args-literal-secret decides a flag's:
 * its name ends in a credential's word by redact's one list (`namesCredential`: `DB_PASSWORD`,
 * `API_KEY`; not `PASS_DEVICE_SPECS` or `TOKEN_TTL`, settings about one, nor `_PATH`, `_FILE`,
 * `_URL` names, which say where one is), and its value is literal (`isLiteralValue`: not a
 * reference, a place, a placeholder or a boolean).
 */
function isLiteralSecret(name: string, value: string): boolean {
  return namesCredential(name) && isLiteralValue(value);
}

export function checkEnv(ctx: Ctx, c: any, path: string): void {
  const seen = new Set<string>();
  list(c.env).forEach((raw, j) => {
    const e = map(raw);
    const p = `${path}.env[${j}]`;
    checkEnvName(ctx, e.name, `${p}.name`, true);
    if (seen.has(e.name)) ctx.report(DUPLICATE_ENV, `${p}.name`, `duplicate env name ${JSON.stringify(e.name)}; the last value wins`);
    seen.add(e.name);
    if (e.valueFrom !== undefined) {checkValueFrom(ctx, e, p);} else if (typeof e.value === 'string' && e.value !== '' && isLiteralSecret(String(e.name), e.value)) {
      ctx.report(ENV_LITERAL_SECRET, `${p}.value`, `${e.name} looks like a secret but holds a literal value`);
    }
  });
  list(c.envFrom).forEach((raw, j) => {
    const e = map(raw);
    const p = `${path}.envFrom[${j}]`;
    if (e.prefix !== undefined && e.prefix !== '') checkEnvName(ctx, e.prefix, `${p}.prefix`, false);
    for (const ref of ['configMapRef', 'secretRef']) {
      if (e[ref] === undefined || e[ref] === null) continue;
      const name = map(e[ref]).name;
      if (!name) ctx.required(ENV_FROM, `${p}.${ref}.name`);
      else ctx.check(ENV_FROM, `${p}.${ref}.name`, name, checkDns1123SubdomainPrefix(name));
    }
    // The count is reported at `envFrom`, without the entry's index, as the server does.
    const refs = ['configMapRef', 'secretRef'].filter(r => e[r] !== undefined && e[r] !== null).length;
    if (refs === 0) ctx.invalid(ENV_FROM, `${path}.envFrom`, '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (refs > 1) ctx.invalid(ENV_FROM, `${path}.envFrom`, '', 'may not have more than one field specified at a time');
  });
}

function checkEnvName(ctx: Ctx, name: unknown, path: string, required: boolean): void {
  if (name === undefined || name === '') {
    if (required) ctx.required(ENV_NAME, path);
    return;
  }
  if (typeof name !== 'string') return ctx.invalid(ENV_NAME, path, name, 'must be a string');
  const relaxed = checkRelaxedEnvVarName(name);
  if (relaxed) return ctx.invalid(ENV_NAME, path, name, relaxed);
  // RelaxedEnvironmentVariableValidation is on by default from 1.32; before, IsEnvVarName applies.
  if (ctx.release.minor >= 32) return;
  const strict = checkEnvVarName(name) ?? (name === '.' || name.startsWith('..') ? "must not be '.' or start with '..'" : undefined);
  if (strict) ctx.invalid(ENV_NAME, path, name, `${strict} (Kubernetes ${ctx.release.version}; relaxed from 1.32)`);
}

function checkValueFrom(ctx: Ctx, e: any, p: string): void {
  const vf = map(e.valueFrom);
  const vp = `${p}.valueFrom`;
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'].filter(s => vf[s] !== undefined && vf[s] !== null);
  for (const source of sources) {
    const src = map(vf[source]);
    const sp = `${vp}.${source}`;
    if (source === 'fieldRef') checkFieldRef(ctx, ENV_FIELD_REF, src, ENV_FIELD_PATHS, sp);
    else if (source === 'resourceFieldRef') checkResourceFieldRef(ctx, ENV_RESOURCE_FIELD_REF, src, sp, false);
    else if (source === 'fileKeyRef') checkFileKeyRef(ctx, src, sp);
    else checkKeyRef(ctx, src, sp);
  }
  if (sources.length === 0) {
    ctx.invalid(ENV_VALUE_FROM, vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`');
  } else if (e.value !== undefined && e.value !== '') {
    ctx.invalid(ENV_VALUE_FROM, vp, '', 'may not be specified when `value` is not empty');
  } else if (sources.length > 1) {
    ctx.invalid(ENV_VALUE_FROM, vp, '', 'may not have more than one field specified at a time');
  }
}

function checkKeyRef(ctx: Ctx, src: any, sp: string): void {
  ctx.check(ENV_KEY_REF, `${sp}.name`, src.name ?? '', checkDns1123Subdomain(String(src.name ?? '')));
  if (!src.key) ctx.required(ENV_KEY_REF, `${sp}.key`);
  else ctx.check(ENV_KEY_REF, `${sp}.key`, src.key, checkConfigMapKey(String(src.key)));
}

/** `fileKeyRef` (EnvFiles, on by default since 1.35): a key that is an env var name, a volume name, a path without `..`. */
function checkFileKeyRef(ctx: Ctx, src: any, sp: string): void {
  if (!src.key) ctx.required(ENV_KEY_REF, `${sp}.key`);
  else ctx.check(ENV_KEY_REF, `${sp}.key`, src.key, checkRelaxedEnvVarName(src.key));
  if (!src.volumeName) ctx.required(ENV_KEY_REF, `${sp}.volumeName`);
  else ctx.check(ENV_KEY_REF, `${sp}.volumeName`, src.volumeName, checkDns1123Label(src.volumeName));
  if (!src.path) ctx.required(ENV_KEY_REF, `${sp}.path`);
  else if (String(src.path).split('/').includes('..')) ctx.invalid(ENV_KEY_REF, `${sp}.path`, src.path, "must not contain '..'");
}

/**
 * A downward API `fieldRef` (env var or volume file), as the server checks it: `apiVersion` v1
 * (the default), a field the v1 conversion knows, a subscript only on labels and annotations with
 * a qualified-name key (reported at `fieldRef`), and a field the consumer offers.
 */
export function checkFieldRef(ctx: Ctx, rule: Rule, fs: any, allowed: readonly string[], p: string): void {
  const fieldPath = fs.fieldPath;
  if (!fieldPath) return ctx.required(rule, `${p}.fieldPath`);
  const version = fs.apiVersion || 'v1';
  if (version !== 'v1') return ctx.invalid(rule, `${p}.fieldPath`, fieldPath, `error converting fieldPath: unsupported pod version: ${version}`);
  const sub = splitSubscript(String(fieldPath));
  if (sub !== undefined) {
    if (sub.path !== 'metadata.annotations' && sub.path !== 'metadata.labels') {
      return ctx.invalid(rule, `${p}.fieldPath`, fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`);
    }
    return ctx.check(rule, p, sub.key, checkQualifiedName(sub.path === 'metadata.annotations' ? sub.key.toLowerCase() : sub.key));
  }
  if (!CONVERTIBLE.has(fieldPath) && fieldPath !== 'spec.host') return ctx.invalid(rule, `${p}.fieldPath`, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`);
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!allowed.includes(internal)) ctx.notSupported(rule, `${p}.fieldPath`, internal, allowed);
}

/** `metadata.labels['key']` as path and key; undefined when the field path has no subscript. */
function splitSubscript(fieldPath: string): { path: string; key: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const inner = fieldPath.slice(0, -2);
  const at = inner.indexOf("['");
  if (at <= 0) return undefined;
  return { path: inner.slice(0, at), key: inner.slice(at + 2) };
}

/**
 * A downward API `resourceFieldRef`: a volume file names its container; the resource is a cpu,
 * memory or ephemeral-storage limit or request, or a hugepages one; the divisor fits the resource.
 */
export function checkResourceFieldRef(ctx: Ctx, rule: Rule, fs: any, p: string, volume: boolean): void {
  const resource = fs.resource;
  if (volume && !fs.containerName) ctx.required(rule, `${p}.containerName`);
  else if (!resource) ctx.required(rule, `${p}.resource`);
  else if (!RESOURCE_FIELDS.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) ctx.notSupported(rule, `${p}.resource`, resource, RESOURCE_FIELDS);
  const divisor = parseQuantity(fs.divisor ?? 0);
  if (typeof divisor === 'string' || divisor.nano === BigInt(0) || typeof resource !== 'string') return;
  const allowed = /\.cpu$/.test(resource) ? CPU_DIVISORS : /\.(memory|ephemeral-storage)$|^(requests|limits)\.hugepages-/.test(resource) ? BYTE_DIVISORS : undefined;
  if (allowed && !allowed.some(d => (parseQuantity(d) as Quantity).nano === divisor.nano)) {
    ctx.invalid(rule, `${p}.divisor`, resource, `only divisor's values ${allowed.join(', ')} are supported with the ${resource.replace(/^(requests|limits)\./, '').replace(/^hugepages-.*/, 'hugepages')} resource`);
  }
}
