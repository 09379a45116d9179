/**
 * Writes src/validation/field-schemas/: for each supported Kubernetes minor release, the fields
 * kube-apiserver's strict decoding knows in the kinds the validator checks, from the Kubernetes
 * OpenAPI v3 spec (`api/openapi-spec/v3` of the k8s.io/kubernetes Go module, fetched through the
 * Go module proxy with `go mod download`, the newest patch of each minor).
 *
 *   npm run generate:field-schemas
 *
 * A minor release the module proxy does not serve takes the schema of the nearest newer release
 * it serves, and the index says so (`from`): strict-field checking at that release then knows a
 * few fields its server does not (a missed error, never a false one).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The supported minors: cdk8s-plus-27's API level up to the release the oracle pins. */
const MINORS = Array.from({ length: 11 }, (_, i) => 27 + i);

/** The kinds checked for unknown fields: DaemonSets and everything shipped beside them. */
const ROOTS: ReadonlyArray<readonly [string, string]> = [
  ['apps/v1', 'DaemonSet'], ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'],
  ['v1', 'Namespace'], ['v1', 'ServiceAccount'], ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'Service'],
  ['v1', 'Pod'], ['v1', 'ResourceQuota'], ['v1', 'LimitRange'],
  ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['scheduling.k8s.io/v1', 'PriorityClass'], ['networking.k8s.io/v1', 'NetworkPolicy'], ['policy/v1', 'PodDisruptionBudget'],
];

const OUT = path.join(__dirname, '..', 'src', 'validation', 'field-schemas');

interface SpecSchema {
  readonly '$ref'?: string;
  readonly 'allOf'?: SpecSchema[];
  readonly 'type'?: string;
  readonly 'properties'?: { [name: string]: SpecSchema };
  readonly 'items'?: SpecSchema;
  readonly 'additionalProperties'?: SpecSchema | boolean;
  readonly 'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

/** The newest patch release of each minor the Go module proxy serves. */
function servedReleases(): Map<number, string> {
  const versions = execFileSync('go', ['list', '-m', '-versions', 'k8s.io/kubernetes'], { encoding: 'utf8', cwd: '/tmp' }).trim().split(/\s+/).slice(1);
  const newest = new Map<number, string>();
  for (const v of versions) {
    const m = /^v1\.(\d+)\.(\d+)$/.exec(v);
    if (!m) continue;
    const minor = Number(m[1]);
    const current = newest.get(minor);
    if (current === undefined || Number(m[2]) > Number(/\.(\d+)$/.exec(current)![1])) newest.set(minor, v);
  }
  return newest;
}

function moduleDir(release: string): string {
  const info = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${release}`], { encoding: 'utf8', cwd: '/tmp' }));
  return info.Dir;
}

/** Every component schema of the spec's group-version files, by name. */
export function readSpec(dir: string): Map<string, SpecSchema> {
  const specDir = path.join(dir, 'api', 'openapi-spec', 'v3');
  const schemas = new Map<string, SpecSchema>();
  for (const file of fs.readdirSync(specDir).filter(f => f.endsWith('_openapi.json'))) {
    const doc = JSON.parse(fs.readFileSync(path.join(specDir, file), 'utf8'));
    for (const [name, schema] of Object.entries<SpecSchema>(doc.components?.schemas ?? {})) schemas.set(name, schema);
  }
  return schemas;
}

/** `io.k8s.api.core.v1.Container` → `core.v1.Container`. */
function shortName(ref: string): string {
  return ref.replace('#/components/schemas/', '').replace(/^io\.k8s\.api\./, '').replace(/^io\.k8s\.apimachinery\.pkg\.(apis\.)?/, '');
}

/**
 * A field's type in the compact form: `''` for a value whose inside is not checked (scalars,
 * quantities, raw JSON), `T` for an object of type T, `[T` for a list of T, `{T` for a map of T.
 */
function fieldType(schema: SpecSchema, schemas: Map<string, SpecSchema>, queue: string[]): string {
  const ref = schema.$ref ?? schema.allOf?.find(s => s.$ref)?.$ref;
  if (ref !== undefined) {
    const name = ref.replace('#/components/schemas/', '');
    if (schemas.get(name)?.properties === undefined) return '';
    queue.push(name);
    return shortName(name);
  }
  if (schema.type === 'array' && schema.items) {
    const inner = fieldType(schema.items, schemas, queue);
    return inner === '' ? '' : `[${inner}`;
  }
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    const inner = fieldType(schema.additionalProperties, schemas, queue);
    return inner === '' ? '' : `{${inner}`;
  }
  return '';
}

/** The compact form of one release (src/validation/field-schemas/index.ts's FieldSchema). */
interface Compact {
  kinds: { [gvk: string]: string };
  types: { [type: string]: { [field: string]: string } };
}

/** The compact schema of one release: the root kinds and every object type they reach. */
export function compact(schemas: Map<string, SpecSchema>): Compact {
  const kinds: { [gvk: string]: string } = {};
  const queue: string[] = [];
  for (const [apiVersion, kind] of ROOTS) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const found = [...schemas.entries()].find(([, s]) => (s['x-kubernetes-group-version-kind'] ?? [])
      .some(g => g.group === group && g.version === version && g.kind === kind));
    if (!found) throw new Error(`the spec has no ${apiVersion} ${kind}`);
    kinds[`${apiVersion} ${kind}`] = shortName(found[0]);
    queue.push(found[0]);
  }
  const types: { [type: string]: { [field: string]: string } } = {};
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (types[shortName(name)] !== undefined) continue;
    const fields: { [field: string]: string } = {};
    for (const [field, schema] of Object.entries(schemas.get(name)!.properties ?? {}).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
      fields[field] = fieldType(schema, schemas, queue);
    }
    types[shortName(name)] = fields;
  }
  const sorted: typeof types = {};
  for (const t of Object.keys(types).sort()) sorted[t] = types[t];
  return { kinds, types: sorted };
}

function main(): void {
  const served = servedReleases();
  const generated = new Map<number, { release: string; text: string }>();
  for (const minor of MINORS) {
    const release = served.get(minor);
    if (release === undefined) continue;
    process.stderr.write(`${release}…\n`);
    generated.set(minor, { release, text: JSON.stringify(compact(readSpec(moduleDir(release)))) });
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  // One data module per distinct schema: releases with the same fields share it.
  const files = new Map<string, string>();
  const index: Array<{ minor: number; release: string; from?: string; file: string }> = [];
  for (const minor of MINORS) {
    const own = generated.get(minor);
    const nearest = own ?? [...generated.entries()].filter(([m]) => m > minor).sort(([a], [b]) => a - b)[0]?.[1];
    if (!nearest) throw new Error(`no served release at or after 1.${minor}`);
    let file = files.get(nearest.text);
    if (file === undefined) {
      file = `v${nearest.release.slice(1).split('.').slice(0, 2).join('-')}`;
      files.set(nearest.text, file);
      fs.writeFileSync(path.join(OUT, `${file}.ts`), [
        `// Generated by scripts/generate-field-schemas.ts from k8s.io/kubernetes@${nearest.release} api/openapi-spec/v3. Do not edit.`,
        '/* eslint-disable */',
        "import type { FieldSchema } from './index';",
        '',
        '// A string for JSON.parse: compact in lib/ and quick to load.',
        `export const SCHEMA: FieldSchema = JSON.parse(${JSON.stringify(nearest.text)});`,
        '',
      ].join('\n'));
    }
    index.push({ minor, release: nearest.release, ...(own ? {} : { from: nearest.release }), file });
  }
  fs.writeFileSync(path.join(OUT, 'index.ts'), [
    '// Generated by scripts/generate-field-schemas.ts. Do not edit.',
    '/* eslint-disable */',
    '',
    '/** The fields strict decoding knows: the checked kinds (`apiVersion kind` → type) and each object type\'s fields (`\'\'` a value not looked into, `T` an object of type T, `[T` a list of T, `{T` a map of T). */',
    'export interface FieldSchema {',
    '  readonly kinds: { readonly [gvk: string]: string };',
    '  readonly types: { readonly [type: string]: { readonly [field: string]: string } };',
    '}',
    '',
    '/** Each supported minor release: the k8s.io/kubernetes release its schema comes from, and the data module. `from` is set when the Go module proxy does not serve the minor and the nearest newer release stands in. */',
    `export const RELEASES: ReadonlyArray<{ readonly minor: number; readonly release: string; readonly from?: string; readonly file: string }> = ${JSON.stringify(index, undefined, 2)};`,
    '',
    '/** The schema data of a file named by RELEASES, loaded on first use. */',
    'export function loadSchema(file: string): FieldSchema {',
    '  switch (file) {',
    ...[...files.values()].map(f => `    case '${f}': return require('./${f}').SCHEMA;`),
    '    default: throw new Error(`no field schema ${file}`);',
    '  }',
    '}',
    '',
  ].join('\n'));
}

if (require.main === module) main();
