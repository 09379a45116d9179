/**
 * The Kubernetes release the validator checks against (`ValidationOptions.kubernetesVersion`,
 * the `cdk8s-daemonsets:kubernetesVersion` context key, `check --kubernetes-version`): which
 * API versions are served, which fields strict decoding knows, which feature gates are on by
 * default, and which Pod Security policy version `latest` means.
 */

/** The oldest supported minor: cdk8s-plus-27's API level, the library's default. */
export const OLDEST_MINOR = 27;
/** The newest supported minor: the release the test oracle pins (k8s.io/kubernetes v1.37.2). */
export const NEWEST_MINOR = 37;
/** The release checked when none is given: cdk8s-plus-27's API level. */
export const DEFAULT_KUBERNETES_VERSION = '1.27';

/** A supported release: `1.N` as written, and its minor number. */
export interface KubernetesRelease {
  /** `1.30`. */
  readonly version: string;
  readonly minor: number;
}

/**
 * Reads a release as users write it: `1.30`, `v1.30` or `v1.30.2` (the patch is ignored).
 *
 * @returns the release, or why it is not a supported one
 */
export function parseKubernetesVersion(value: unknown): KubernetesRelease | string {
  const m = typeof value === 'string' ? /^v?1\.(\d+)(?:\.\d+)?$/.exec(value.trim()) : null;
  if (!m) return `must be a Kubernetes release such as "1.30" (1.${OLDEST_MINOR} to 1.${NEWEST_MINOR}), not ${JSON.stringify(value)}`;
  const minor = Number(m[1]);
  if (minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
    return `1.${minor} is not supported: use 1.${OLDEST_MINOR} to 1.${NEWEST_MINOR}`;
  }
  return { version: `1.${minor}`, minor };
}

/**
 * The release of `kubernetesVersion`, the default when it is undefined.
 *
 * @throws Error naming `kubernetesVersion`, the bad value and the supported range
 */
export function kubernetesRelease(kubernetesVersion: string | undefined): KubernetesRelease {
  const parsed = parseKubernetesVersion(kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
  if (typeof parsed === 'string') throw new Error(`kubernetesVersion: ${parsed}`);
  return parsed;
}
