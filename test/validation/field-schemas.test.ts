/**
 * The strict-field schemas (src/validation/field-schemas/, written by
 * scripts/generate-field-schemas.ts from the Kubernetes OpenAPI v3 spec), checked against two
 * other generated sources: the spec of k8s.io/kubernetes v1.37.2 in the Go module cache (the
 * oracle's), and cdk8s-plus-27's types, which cdk8s generated from the Kubernetes 1.27 spec.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compact, readSpec } from '../../scripts/generate-field-schemas';
import { DaemonSetValidator } from '../../src';
import { loadSchema, RELEASES } from '../../src/validation/field-schemas';

test('every supported release has a schema; 1.27 and 1.28, which the Go module proxy does not serve, take 1.29\'s', () => {
  expect(RELEASES.map(r => `1.${r.minor}:${r.file}`)).toEqual([
    '1.27:v1-29', '1.28:v1-29', '1.29:v1-29', '1.30:v1-30', '1.31:v1-31', '1.32:v1-32', '1.33:v1-33', '1.34:v1-34', '1.35:v1-35', '1.36:v1-36', '1.37:v1-37',
  ]);
  expect(RELEASES.filter(r => r.from !== undefined).map(r => r.minor)).toEqual([27, 28]);
});

const moduleDir = goModuleDir('k8s.io/kubernetes@v1.37.2');
(moduleDir ? test : test.skip)('the committed 1.37 schema is the generator\'s output for the v1.37.2 spec in the Go module cache', () => {
  expect(JSON.parse(JSON.stringify(compact(readSpec(moduleDir!))))).toEqual(loadSchema('v1-37'));
});
if (!moduleDir) console.info('field-schemas: k8s.io/kubernetes@v1.37.2 is not in the Go module cache (npm run oracle:build fetches it); the check against its spec was skipped');

/** The Go module cache's directory of `module@version`, if Go is installed and has it. */
function goModuleDir(moduleAtVersion: string): string | undefined {
  try {
    const cache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
    const dir = path.join(cache, moduleAtVersion);
    return fs.existsSync(path.join(dir, 'api', 'openapi-spec', 'v3')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * cdk8s-plus-27's generated `toJson_<Type>` functions (lib/imports/k8s.js) as a type graph: each
 * type's JSON field names, and the type of the fields that hold objects.
 */
function cdk8sPlus27Types(): Map<string, Map<string, string | undefined>> {
  const source = fs.readFileSync(require.resolve('cdk8s-plus-27/lib/imports/k8s.js'), 'utf8');
  const types = new Map<string, Map<string, string | undefined>>();
  for (const m of source.matchAll(/function toJson_(\w+)\(obj\) \{[\s\S]*?const result = \{([\s\S]*?)\n {4}\};/g)) {
    const fields = new Map<string, string | undefined>();
    for (const line of m[2].matchAll(/^ {8}'([^']+)': (.*),$/gm)) fields.set(line[1], /toJson_(\w+)/.exec(line[2])?.[1]);
    types.set(m[1], fields);
  }
  return types;
}

/** An object with every field of `type` set: objects filled in turn (a type already on the path is left empty), scalars as null. */
function everyField(types: Map<string, Map<string, string | undefined>>, type: string, seen: string[] = []): any {
  const out: any = {};
  for (const [field, inner] of types.get(type) ?? []) {
    out[field] = inner === undefined || seen.includes(inner) ? null : everyField(types, inner, [...seen, type]);
  }
  return out;
}

describe('no false unknown field at the default release, 1.27: every field of cdk8s-plus-27\'s 1.27 types is known', () => {
  const types = cdk8sPlus27Types();
  test.each([
    ['apps/v1', 'DaemonSet'], ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'], ['v1', 'Pod'], ['v1', 'Namespace'], ['v1', 'ServiceAccount'],
    ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'Service'], ['v1', 'ResourceQuota'], ['v1', 'LimitRange'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'], ['rbac.authorization.k8s.io/v1', 'Role'],
    ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['scheduling.k8s.io/v1', 'PriorityClass'], ['networking.k8s.io/v1', 'NetworkPolicy'], ['policy/v1', 'PodDisruptionBudget'],
  ])('%s %s', (apiVersion, kind) => {
    const manifest = { ...everyField(types, `Kube${kind}Props`), apiVersion, kind };
    // The generated props have no status: every spec and metadata field, to the leaves.
    expect(JSON.stringify(manifest).length).toBeGreaterThan(kind === 'Namespace' ? 300 : 200);
    expect(DaemonSetValidator.validate(manifest, { kubernetesVersion: '1.27' }).filter(f => f.rule === 'unknown-field').map(f => f.path)).toEqual([]);
  });
});

test('what 1.27 and 1.28 miss by taking 1.29\'s schema: the fields 1.29 has beyond cdk8s-plus-27\'s 1.27 types, exactly', () => {
  const types = cdk8sPlus27Types();
  const schema = loadSchema('v1-29');
  const extra = new Set<string>();
  const seen = new Set<string>();
  const walk = (ours: string, theirs: string, root: boolean): void => {
    if (seen.has(`${ours}|${theirs}`) || !types.has(theirs)) return;
    seen.add(`${ours}|${theirs}`);
    for (const [field, type] of Object.entries(schema.types[ours])) {
      // The generated props have no apiVersion, kind (set by the class) or status.
      if (root && ['apiVersion', 'kind', 'status'].includes(field)) continue;
      if (!types.get(theirs)!.has(field)) extra.add(`${ours}.${field}`);
      else if (type !== '' && types.get(theirs)!.get(field)) walk(type.replace(/^[[{]/, ''), types.get(theirs)!.get(field)!, false);
    }
  };
  for (const [gvk, type] of Object.entries(schema.kinds)) walk(type, `Kube${gvk.split(' ')[1]}Props`, true);
  // restartPolicy (1.28) and sleep (1.29) are unknown fields at 1.27 (and sleep at 1.28) through
  // field-needs-release's `since`; the embedded PVC's apiVersion, kind and status exist in 1.27
  // too (cdk8s' props leave them out). The rest pass at 1.27 and 1.28 although their API server
  // refuses them: the missed errors of the stand-in.
  expect([...extra].sort()).toEqual([
    'core.v1.Container.restartPolicy',
    'core.v1.EphemeralContainer.restartPolicy',
    'core.v1.LifecycleHandler.sleep',
    'core.v1.PersistentVolumeClaim.apiVersion',
    'core.v1.PersistentVolumeClaim.kind',
    'core.v1.PersistentVolumeClaim.status',
    'core.v1.PersistentVolumeClaimSpec.volumeAttributesClassName',
    'core.v1.PodAffinityTerm.matchLabelKeys',
    'core.v1.PodAffinityTerm.mismatchLabelKeys',
    'core.v1.VolumeProjection.clusterTrustBundle',
  ]);
});
