/**
 * The Go test tools under oracle/ (the Kubernetes oracle, and oracle/prometheus): built by
 * `npm run oracle:build` (test/oracle/build-oracle.ts, which `npm test` runs first) into a cache
 * keyed by their sources and the Go version. The tests only look the binary up: a Go build takes
 * half a minute with warm Go caches and many minutes without, which no test file should pay.
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** One Go module of this repository that builds into one test tool. */
export interface GoTool {
  /** What the skip message calls it, e.g. `the Kubernetes oracle`. */
  readonly title: string;
  /** The module's folder. */
  readonly dir: string;
  /** The folder holding one build per source hash. */
  readonly cacheRoot: string;
  /** The binary's file name. */
  readonly binaryName: string;
}

export type GoToolBinary =
  | { readonly available: true; readonly binary: string }
  | { readonly available: false; readonly reason: string };

let go: string | null | undefined;

/** `go version`, or undefined without Go on PATH (asked once per process). */
export function goVersion(): string | undefined {
  if (go === undefined) {
    const result = spawnSync('go', ['version'], { encoding: 'utf8' });
    go = result.status === 0 ? result.stdout.trim() : null;
  }
  return go ?? undefined;
}

/** Where the build of the current sources lives: a new source file or Go version is a new build. */
function binaryPath(tool: GoTool, version: string): string {
  const hash = createHash('sha256').update(version);
  for (const name of fs.readdirSync(tool.dir).filter(n => /\.go$|^go\.(mod|sum)$/.test(n)).sort()) {
    hash.update(name).update('\0').update(fs.readFileSync(path.join(tool.dir, name))).update('\0');
  }
  return path.join(tool.cacheRoot, hash.digest('hex').slice(0, 16), tool.binaryName);
}

/** The built binary for the current sources; otherwise why not, and how to build it. */
export function findGoTool(tool: GoTool): GoToolBinary {
  const version = goVersion();
  if (version === undefined) {
    return { available: false, reason: 'Go is not installed (no `go` on PATH); install Go 1.26 or newer, then run `npm run oracle:build`' };
  }
  const binary = binaryPath(tool, version);
  if (fs.existsSync(binary)) return { available: true, binary };
  return { available: false, reason: `${tool.title} is not built for the current sources (${binary}): run \`npm run oracle:build\`` };
}

/**
 * Builds the binary for the current sources unless the cache has it (into a temporary name,
 * then renamed, so a concurrent build never leaves half a file). Undefined without Go; throws
 * when the build fails, since a broken tool must not look like a skip.
 */
export function buildGoTool(tool: GoTool): string | undefined {
  const version = goVersion();
  if (version === undefined) return undefined;
  const binary = binaryPath(tool, version);
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  const tmp = `${binary}.${process.pid}.tmp`;
  try {
    execFileSync('go', ['build', '-trimpath', '-o', tmp, '.'], { cwd: tool.dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e: any) {
    throw new Error(`building ${tool.title} (go build in ${tool.dir}) failed:\n${e.stderr ?? e.message}`);
  }
  fs.renameSync(tmp, binary);
  return binary;
}
