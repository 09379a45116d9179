/** The tag of an image reference (`quay.io/x/y:v1.2.3@sha256:…` → `v1.2.3`), if it has one. */
export function imageTag(image: string): string | undefined {
  return /^[^@]*?:([^/:@]+)(@.*)?$/.exec(image)?.[1];
}
