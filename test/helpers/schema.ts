/**
 * Schema conformance against the official Kubernetes OpenAPI schemas shipped in
 * `kubernetes-models`: types, enums and required fields (not the API server's semantic rules,
 * which DaemonSetValidator checks).
 */

interface ModelClass {
  new (data: any): { validate(): void };
}

/** The kubernetes-models class for an object's apiVersion and kind, e.g. `kubernetes-models/apps/v1/DaemonSet`. */
export function modelFor(manifest: any): ModelClass {
  const [group, version] = String(manifest.apiVersion).includes('/') ? String(manifest.apiVersion).split('/') : ['', manifest.apiVersion];
  const path = ['kubernetes-models', group, version, manifest.kind].filter(Boolean).join('/');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path);
  return mod[manifest.kind] as ModelClass;
}

/** Throws, naming the object, when a manifest breaks its Kubernetes JSON schema. */
export function assertSchemaValid(manifest: any): void {
  const Model = modelFor(manifest);
  try {
    new Model(manifest).validate();
  } catch (e) {
    throw new Error(`${manifest.kind} ${manifest.metadata?.name}: ${(e as Error).message}`);
  }
}

/** Expects every manifest to conform to the official Kubernetes JSON schema for its kind. */
export function expectValidManifests(manifests: any[]): void {
  expect(manifests.length).toBeGreaterThan(0);
  for (const m of manifests) expect(() => assertSchemaValid(m)).not.toThrow();
}
