/** The tag of an image reference (`quay.io/x/y:v1.2.3@sha256:…` → `v1.2.3`), if it has one. */
export function imageTag(image: string): string | undefined {
  return /^[^@]*?:([^/:@]+)(@.*)?$/.exec(image)?.[1];
}

/** The repository of an image reference, without tag or digest (`quay.io/x/y:v1@sha256:…` → `quay.io/x/y`). */
export function imageRepository(image: string): string {
  const name = image.split('@')[0];
  const tag = imageTag(name);
  return tag === undefined ? name : name.slice(0, -(tag.length + 1));
}

/** `major.minor.patch` of a release version, `v` prefix and `-suffix` allowed (`v1.2.3-rc.0` → [1, 2, 3]). */
export function parseVersion(version?: string): number[] | undefined {
  const m = version ? /^v?(\d+)\.(\d+)\.(\d+)/.exec(version) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** The release version in an image's tag (`prom/node-exporter:v1.8.2@sha256:…` → [1, 8, 2]); undefined for `latest`, no tag, a digest only. */
export function imageVersion(image: string): number[] | undefined {
  return parseVersion(imageTag(image));
}

/** Whether `version` is `min` or later. Unknown versions count as new: the pinned defaults and current images are. */
export function versionAtLeast(version: number[] | undefined, min: number[]): boolean {
  if (!version) return true;
  for (let i = 0; i < 3; i++) {
    if (version[i] !== min[i]) return version[i] > min[i];
  }
  return true;
}

/** Whether the image is node-exporter's: its repository path ends in `node-exporter` or `node_exporter`. */
export function isNodeExporterImage(image: string): boolean {
  return /node[-_]exporter$/.test(imageRepository(image));
}

/*
 * The reference grammar of the container runtimes (distribution/reference): `[domain/]path[:tag][@digest]`,
 * path components lowercase, the domain a host name or bracketed IPv6 with an optional port.
 */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::${TAG})?(?:@${DIGEST})?$`);
/** The longest repository name the runtimes accept. */
const MAX_NAME = 255;

/**
 * An image reference the kubelet can pull; the API server accepts any string here, so a typo
 * (a quote, a space, an upper-case path) would only surface as `InvalidImageName` on every node.
 * @internal
 */
export function checkImageReference(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a string: an image reference';
  const m = REFERENCE.exec(value);
  if (!m) {
    return 'must be an image reference [registry[:port]/]repository[:tag][@digest]: lower-case repository path, a tag of letters, digits, _ . -, no white space or quotes';
  }
  if (m[1].length > MAX_NAME) return `the repository name must be at most ${MAX_NAME} characters`;
  return undefined;
}
