import { checkConfigMapKey, checkDns1123Subdomain, checkEnvVarName, checkRelaxedEnvVarName } from '../names';
import { error, RuleDef, SRC, warning } from './catalogue';
import { Ctx, list, map } from './context';

const A = 'env';
export const ENV_RULES: RuleDef[] = [
  error(A, 'env-name', 'An env name (or envFrom prefix) that is empty or contains `=` or non-printable characters; before Kubernetes 1.32 (`kubernetesVersion`), also one outside `[-._a-zA-Z][-._a-zA-Z0-9]*` or `.`/`..`-prefixed (RelaxedEnvironmentVariableValidation is on by default from 1.32).', 'Use letters, digits, `_`, `-` and `.`, not starting with a digit.', SRC.CORE),
  error(A, 'env-value-from', '`value` together with `valueFrom`, or a `valueFrom` with no source or more than one.', 'Keep exactly one of `value` or one `valueFrom` source.', SRC.CORE),
  error(A, 'env-field-ref', 'A `fieldRef.fieldPath` the downward API does not offer (e.g. bare `metadata.labels`).', "Use metadata.name/namespace/uid, metadata.labels['k'], metadata.annotations['k'], spec.nodeName, spec.serviceAccountName, status.hostIP(s), status.podIP(s).", SRC.CORE),
  error(A, 'env-resource-field-ref', 'A `resourceFieldRef.resource` outside limits/requests of cpu, memory, ephemeral-storage or hugepages, or a bad divisor.', 'Use e.g. `limits.memory`; cpu divisors are `1m` or `1`.', SRC.CORE),
  error(A, 'env-key-ref', 'A `configMapKeyRef`/`secretKeyRef` with an invalid name or an empty or invalid key.', 'Name an existing ConfigMap/Secret and a key of `[-._a-zA-Z0-9]`.', SRC.CORE),
  error(A, 'env-from', 'An `envFrom` entry with neither or both of configMapRef/secretRef, or an invalid name (reported at `envFrom`, without index).', 'Give each entry exactly one ref with a valid name.', SRC.CORE),
  warning(A, 'duplicate-env', 'The same env name twice in one container: the last one wins silently.', 'Remove the duplicate.', SRC.WARNINGS, { linterIds: ['kube-linter:duplicate-env-var', 'kube-score:environment-variable-key-duplication'] }),
  warning(A, 'env-literal-secret', 'An env var whose name looks like a secret (password, token, secret, key) with a literal value.', 'Use `valueFrom.secretKeyRef` or a mounted Secret.', SRC.SECURITY, { linterIds: ['kube-linter:env-var-secret', 'polaris:sensitiveContainerEnvVar'] }),
];

const FIELD_PATHS = /^(metadata\.(name|namespace|uid)|metadata\.(labels|annotations)\['[^']+'\]|spec\.(nodeName|serviceAccountName)|status\.(hostIP|hostIPs|podIP|podIPs))$/;
const CONVERTIBLE = /^(metadata|spec|status)\.[A-Za-z.]+(\['[^']*'\])?$/;
const RESOURCE_FIELDS = /^(limits|requests)\.(cpu|memory|ephemeral-storage|hugepages-[A-Za-z0-9]+)$/;
const SECRET_NAME = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)/i;

export function checkEnv(ctx: Ctx, c: any, path: string): void {
  const seen = new Set<string>();
  list(c.env).forEach((raw, j) => {
    const e = map(raw);
    const p = `${path}.env[${j}]`;
    checkEnvName(ctx, e.name, `${p}.name`, true);
    if (seen.has(e.name)) ctx.report('duplicate-env', `${p}.name`, `duplicate env name ${JSON.stringify(e.name)}; the last value wins`);
    seen.add(e.name);
    if (e.valueFrom !== undefined) {checkValueFrom(ctx, e, p);} else if (typeof e.value === 'string' && e.value !== '' && SECRET_NAME.test(String(e.name))) {
      ctx.report('env-literal-secret', `${p}.value`, `${e.name} looks like a secret but holds a literal value`);
    }
  });
  list(c.envFrom).forEach(raw => {
    const e = map(raw);
    if (e.prefix !== undefined && e.prefix !== '') checkEnvName(ctx, e.prefix, `${path}.envFrom`, false);
    const refs = ['configMapRef', 'secretRef'].filter(r => e[r] !== undefined);
    if (refs.length !== 1) {
      ctx.invalid('env-from', `${path}.envFrom`, e, 'must specify one of: `configMapRef` or `secretRef`');
      return;
    }
    const name = map(e[refs[0]]).name;
    if (!name) ctx.required('env-from', `${path}.envFrom`, `${refs[0]}.name is required`);
    else ctx.check('env-from', `${path}.envFrom`, name, checkDns1123Subdomain(String(name)));
  });
}

function checkEnvName(ctx: Ctx, name: unknown, path: string, required: boolean): void {
  if (name === undefined || name === '') {
    if (required) ctx.required('env-name', path);
    return;
  }
  if (typeof name !== 'string') return ctx.invalid('env-name', path, name, 'must be a string');
  const relaxed = checkRelaxedEnvVarName(name);
  if (relaxed) return ctx.invalid('env-name', path, name, relaxed);
  // RelaxedEnvironmentVariableValidation is on by default from 1.32; before, IsEnvVarName applies.
  if (ctx.release.minor >= 32) return;
  const strict = checkEnvVarName(name) ?? (name === '.' || name.startsWith('..') ? "must not be '.' or start with '..'" : undefined);
  if (strict) ctx.invalid('env-name', path, name, `${strict} (Kubernetes ${ctx.release.version}; relaxed from 1.32)`);
}

function checkValueFrom(ctx: Ctx, e: any, p: string): void {
  const vf = map(e.valueFrom);
  const vp = `${p}.valueFrom`;
  if (e.value !== undefined && e.value !== '') {
    ctx.invalid('env-value-from', vp, '', 'may not be specified when `value` is not empty');
  }
  const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter(s => vf[s] !== undefined);
  if (sources.length === 0) {
    return ctx.invalid('env-value-from', vp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`');
  }
  if (sources.length > 1) {
    return ctx.invalid('env-value-from', vp, '', 'may not have more than one field specified at a time');
  }
  const src = map(vf[sources[0]]);
  const sp = `${vp}.${sources[0]}`;
  if (sources[0] === 'fieldRef') {
    const fp = src.fieldPath;
    if (!fp) {ctx.required('env-field-ref', `${sp}.fieldPath`);} else if (!CONVERTIBLE.test(fp)) {ctx.invalid('env-field-ref', `${sp}.fieldPath`, fp, 'error converting fieldPath: field label not supported');} else if (!FIELD_PATHS.test(fp)) {
      ctx.notSupported('env-field-ref', `${sp}.fieldPath`, fp, ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);
    }
  } else if (sources[0] === 'resourceFieldRef') {
    if (!src.resource) {ctx.required('env-resource-field-ref', `${sp}.resource`);} else if (!RESOURCE_FIELDS.test(src.resource)) {ctx.notSupported('env-resource-field-ref', `${sp}.resource`, src.resource, ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage']);} else if (String(src.resource).endsWith('.cpu') && src.divisor !== undefined && !['1m', '1', 1].includes(src.divisor)) {
      ctx.notSupported('env-resource-field-ref', `${sp}.divisor`, src.divisor, ['1m', '1']);
    }
  } else {
    ctx.check('env-key-ref', `${sp}.name`, src.name ?? '', checkDns1123Subdomain(String(src.name ?? '')));
    if (!src.key) ctx.required('env-key-ref', `${sp}.key`);
    else ctx.check('env-key-ref', `${sp}.key`, src.key, checkConfigMapKey(String(src.key)));
  }
}
