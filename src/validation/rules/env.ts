import { checkConfigMapKey, checkDns1123Subdomain, checkEnvVarName, checkRelaxedEnvVarName } from '../names';
import { Ctx, list, map } from './context';
import { RuleArea, SRC } from './rule';

export const ENV_AREA = new RuleArea('env', 'src/validation/rules/env.ts');
export const ENV_NAME = ENV_AREA.error('env-name', 'An env name (or envFrom prefix) that is empty or contains `=` or non-printable characters.', 'Use letters, digits, `_`, `-` and `.`.', SRC.CORE);
export const ENV_VALUE_FROM = ENV_AREA.error('env-value-from', '`value` together with `valueFrom`, or a `valueFrom` with no source or more than one.', 'Keep exactly one of `value` or one `valueFrom` source.', SRC.CORE);
export const ENV_FIELD_REF = ENV_AREA.error('env-field-ref', 'A `fieldRef.fieldPath` the downward API does not offer (e.g. bare `metadata.labels`).', "Use metadata.name/namespace/uid, metadata.labels['k'], metadata.annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s).", SRC.CORE);
export const ENV_RESOURCE_FIELD_REF = ENV_AREA.error('env-resource-field-ref', 'A `resourceFieldRef.resource` outside limits/requests of cpu, memory, ephemeral-storage or hugepages, or a bad divisor.', 'Use e.g. `limits.memory`; cpu divisors are `1m` or `1`.', SRC.CORE);
export const ENV_KEY_REF = ENV_AREA.error('env-key-ref', 'A `configMapKeyRef`/`secretKeyRef` with an invalid name or an empty or invalid key.', 'Name an existing ConfigMap/Secret and a key of `[-._a-zA-Z0-9]`.', SRC.CORE);
export const ENV_FROM = ENV_AREA.error('env-from', 'An `envFrom` entry with neither or both of configMapRef/secretRef, or an invalid name (reported at `envFrom`, without index).', 'Give each entry exactly one ref with a valid name.', SRC.CORE);
export const ENV_NAME_PORTABLE = ENV_AREA.warning('env-name-portable', 'An env name outside the strict C-identifier-like form that API servers before 1.32 reject.', 'Use `[-._a-zA-Z][-._a-zA-Z0-9]*`.', SRC.CORE, { kubernetes: 'before 1.32' });
export const DUPLICATE_ENV = ENV_AREA.warning('duplicate-env', 'The same env name twice in one container: the last one wins silently.', 'Remove the duplicate.', SRC.WARNINGS, { linterIds: ['kube-linter:duplicate-env-var', 'kube-score:environment-variable-key-duplication'] });
export const ENV_LITERAL_SECRET = ENV_AREA.warning('env-literal-secret', 'An env var whose name looks like a secret (password, token, secret, key) with a literal value. Not when the name ends in `_PATH`, `_FILE`, `_DIR`, `_FILENAME` or `_LOCATION`, or the value is an absolute path, a `file://` URL or a `$(VAR)` reference: those say where a mounted Secret is.', 'Use `valueFrom.secretKeyRef` or a mounted Secret.', SRC.SECURITY, { linterIds: ['kube-linter:env-var-secret', 'polaris:sensitiveContainerEnvVar'], limits: 'Looks at names: a secret under another name (`DB_URL=postgres://user:password@…`) is missed.' });

const FIELD_PATHS = /^(metadata\.(name|namespace|uid)|metadata\.(labels|annotations)\['[^']+'\]|spec\.(nodeName|serviceAccountName)|status\.(hostIP|hostIPs|podIP|podIPs))$/;
const CONVERTIBLE = /^(metadata|spec|status)\.[A-Za-z.]+(\['[^']*'\])?$/;
const RESOURCE_FIELDS = /^(limits|requests)\.(cpu|memory|ephemeral-storage|hugepages-[A-Za-z0-9]+)$/;
const SECRET_NAME = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)/i;

/** Names that say the value is where a secret lives, not the secret. */
const LOCATION_NAME = /_(PATH|FILE|DIR|FILENAME|LOCATION)$/i;
/** Values that are a place or a reference: an absolute path (`/…`, `C:\…`), a `file://` URL, a `$(VAR)` reference. */
const LOCATION_VALUE = /^(\/|[A-Za-z]:[\\/]|file:\/\/|\$\([A-Za-z_][-._A-Za-z0-9]*\)$)/;

/** Whether a secret-named env var holds where a mounted Secret is (the recommended pattern), not the secret itself. */
function isSecretLocation(name: string, value: string): boolean {
  return LOCATION_NAME.test(name) || LOCATION_VALUE.test(value);
}

export function checkEnv(ctx: Ctx, c: any, path: string): void {
  const seen = new Set<string>();
  list(c.env).forEach((raw, j) => {
    const e = map(raw);
    const p = `${path}.env[${j}]`;
    checkEnvName(ctx, e.name, `${p}.name`, true);
    if (seen.has(e.name)) ctx.report(DUPLICATE_ENV, `${p}.name`, `duplicate env name ${JSON.stringify(e.name)}; the last value wins`);
    seen.add(e.name);
    if (e.valueFrom !== undefined) {checkValueFrom(ctx, e, p);} else if (typeof e.value === 'string' && e.value !== '' && SECRET_NAME.test(String(e.name)) && !isSecretLocation(String(e.name), e.value)) {
      ctx.report(ENV_LITERAL_SECRET, `${p}.value`, `${e.name} looks like a secret but holds a literal value`);
    }
  });
  list(c.envFrom).forEach(raw => {
    const e = map(raw);
    if (e.prefix !== undefined && e.prefix !== '') checkEnvName(ctx, e.prefix, `${path}.envFrom`, false);
    const refs = ['configMapRef', 'secretRef'].filter(r => e[r] !== undefined);
    if (refs.length !== 1) {
      ctx.invalid(ENV_FROM, `${path}.envFrom`, e, 'must specify one of: `configMapRef` or `secretRef`');
      return;
    }
    const name = map(e[refs[0]]).name;
    if (!name) ctx.required(ENV_FROM, `${path}.envFrom`, `${refs[0]}.name is required`);
    else ctx.check(ENV_FROM, `${path}.envFrom`, name, checkDns1123Subdomain(String(name)));
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
  if (checkEnvVarName(name) || name === '.' || name.startsWith('..')) {
    ctx.report(ENV_NAME_PORTABLE, path, `${JSON.stringify(name)} is rejected by API servers before 1.32`);
  }
}

function checkValueFrom(ctx: Ctx, e: any, p: string): void {
  const vf = map(e.valueFrom);
  const vp = `${p}.valueFrom`;
  if (e.value !== undefined && e.value !== '') {
    ctx.invalid(ENV_VALUE_FROM, vp, '', 'may not be specified when `value` is not empty');
  }
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter(s => vf[s] !== undefined);
  if (sources.length === 0) {
    return ctx.invalid(ENV_VALUE_FROM, vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
  }
  if (sources.length > 1) {
    return ctx.invalid(ENV_VALUE_FROM, vp, '', 'may not have more than one field specified at a time');
  }
  const src = map(vf[sources[0]]);
  const sp = `${vp}.${sources[0]}`;
  if (sources[0] === 'fieldRef') {
    const fp = src.fieldPath;
    if (!fp) {ctx.required(ENV_FIELD_REF, `${sp}.fieldPath`);} else if (!CONVERTIBLE.test(fp)) {ctx.invalid(ENV_FIELD_REF, `${sp}.fieldPath`, fp, 'error converting fieldPath: field label not supported');} else if (!FIELD_PATHS.test(fp)) {
      ctx.notSupported(ENV_FIELD_REF, `${sp}.fieldPath`, fp, ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);
    }
  } else if (sources[0] === 'resourceFieldRef') {
    if (!src.resource) {ctx.required(ENV_RESOURCE_FIELD_REF, `${sp}.resource`);} else if (!RESOURCE_FIELDS.test(src.resource)) {ctx.notSupported(ENV_RESOURCE_FIELD_REF, `${sp}.resource`, src.resource, ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage']);} else if (String(src.resource).endsWith('.cpu') && src.divisor !== undefined && !['1m', '1', 1].includes(src.divisor)) {
      ctx.notSupported(ENV_RESOURCE_FIELD_REF, `${sp}.divisor`, src.divisor, ['1m', '1']);
    }
  } else {
    ctx.check(ENV_KEY_REF, `${sp}.name`, src.name ?? '', checkDns1123Subdomain(String(src.name ?? '')));
    if (!src.key) ctx.required(ENV_KEY_REF, `${sp}.key`);
    else ctx.check(ENV_KEY_REF, `${sp}.key`, src.key, checkConfigMapKey(String(src.key)));
  }
}
