/**
 * Validation of rendered Prometheus Operator objects against the `openAPIV3Schema` of the CRDs
 * they belong to (src/imports/crds/, the pinned operator release), with ajv. Closer to the API
 * server than plain JSON Schema in two ways: a field the schema does not list is an error (as
 * `kubectl apply`'s default strict field validation makes it; the server would prune it), and
 * `x-kubernetes-list-type: map|set` lists must not repeat an entry. Patterns are Go regular
 * expressions, evaluated with re2js (a port of Go's regexp/syntax) as the server evaluates them.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { RE2JS } from 're2js';
import { parse } from 'yaml';

const CRD_DIR = path.join(__dirname, '..', '..', 'src', 'imports', 'crds');
const FILES: { [kind: string]: string } = {
  ServiceMonitor: 'monitoring.coreos.com_servicemonitors.yaml',
  PodMonitor: 'monitoring.coreos.com_podmonitors.yaml',
  PrometheusRule: 'monitoring.coreos.com_prometheusrules.yaml',
};

/** The CRD of a kind, as committed. */
export function crdOf(kind: string): any {
  return parse(fs.readFileSync(path.join(CRD_DIR, FILES[kind]), 'utf8'));
}

/** Every object schema that lists its properties refuses others, unless it preserves unknown fields. */
function strict(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, strict(s)])) : strict(v);
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

/**
 * `pattern` as the API server evaluates it: Go's RE2 (`(?i)` and the like), unanchored. ajv
 * keys its pattern cache by `toString()`, so each engine object names its pattern.
 */
function goRegExp(pattern: string) {
  const re = RE2JS.compile(pattern);
  return { test: (s: string) => re.matcher(s).find(), toString: () => `re2:${pattern}` };
}

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, code: { regExp: goRegExp as any } });
ajv.addKeyword({
  keyword: 'x-kubernetes-list-type',
  type: 'array',
  validate: function unique(listType: string, data: unknown[], parent: any) {
    if (listType !== 'map' && listType !== 'set') return true;
    const keys: string[] = parent?.['x-kubernetes-list-map-keys'] ?? [];
    const ids = data.map(item => JSON.stringify(listType === 'map' ? keys.map(k => (item as any)?.[k]) : item));
    return new Set(ids).size === ids.length;
  },
});
const validators = new Map<string, ValidateFunction>();

/** The schema errors of a rendered object (empty when valid), by the CRD of its kind. */
export function crdSchemaErrors(obj: any): string[] {
  const kind = obj?.kind;
  if (!FILES[kind]) throw new Error(`no CRD for kind ${kind}`);
  let validate = validators.get(kind);
  if (!validate) {
    const version = crdOf(kind).spec.versions.find((v: any) => `monitoring.coreos.com/${v.name}` === obj.apiVersion);
    if (!version) throw new Error(`the ${kind} CRD serves no ${obj.apiVersion}`);
    validate = ajv.compile(strict(version.schema.openAPIV3Schema));
    validators.set(kind, validate);
  }
  return validate(obj) ? [] : (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
}
