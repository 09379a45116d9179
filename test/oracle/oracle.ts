/**
 * The test oracle (oracle/, a Go program built from Kubernetes' own code): built once into a
 * cache keyed by its sources, then run in batch mode so thousands of cases cost one process.
 *
 * Tests that need it call `oracle()`: `{ available: false, reason }` when Go is not installed,
 * so the suite says it skipped them and why, instead of failing or passing silently.
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The oracle module's folder in this repository. */
export const ORACLE_DIR = path.join(__dirname, '..', '..', 'oracle');

/** One field error of kube-apiserver (k8s.io/apimachinery field.Error). */
export interface OracleFieldError {
  readonly type: string;
  readonly field: string;
  readonly badValue?: unknown;
  readonly detail?: string;
  readonly origin?: string;
  readonly message: string;
}

/** An unknown or duplicate field refused by fieldValidation=Strict. */
export interface OracleStrictError {
  readonly type: 'unknown' | 'duplicate' | 'other';
  readonly field: string;
  readonly detail: string;
}

export interface OraclePodSecurity {
  readonly version: string;
  readonly level: 'privileged' | 'baseline' | 'restricted';
  readonly baseline: Array<{ reason: string; detail?: string }>;
  readonly restricted: Array<{ reason: string; detail?: string }>;
}

/** What kube-apiserver answers to a create of one object. */
export interface OracleServerAnswer {
  readonly served: boolean;
  readonly decodeError?: string;
  readonly strict: OracleStrictError[];
  readonly validated: boolean;
  readonly errors: OracleFieldError[];
  readonly warnings: string[];
  readonly accepted: boolean;
  /** The server's answer when the controller creates a pod from the (accepted) template. */
  readonly pod?: { readonly accepted: boolean; readonly errors: OracleFieldError[]; readonly warnings: string[] };
  readonly podSecurity?: OraclePodSecurity;
  readonly defaulted?: unknown;
}

/** One object as kubectl decodes and sends it, with the server's answer. */
export interface OracleObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly decoded: unknown;
  readonly server: OracleServerAnswer;
}

/** The oracle's answer to one input (one file, or one batch case). */
export interface OracleAnswer {
  readonly id: string;
  readonly release: string;
  readonly kubectlError?: string;
  readonly objects: OracleObject[];
  readonly oracleError?: string;
}

export interface OracleCase {
  readonly id: string;
  /** A file given to `kubectl apply -f`: YAML or JSON text, one or more documents, or its bytes. */
  readonly input: string | Buffer;
}

export type Oracle =
  | { readonly available: true; readonly binary: string; run(cases: OracleCase[], options?: RunOptions): OracleAnswer[] }
  | { readonly available: false; readonly reason: string };

export interface RunOptions {
  /** The Pod Security version to evaluate (`v1.N`); default the release the oracle pins. */
  readonly kubernetesVersion?: string;
}

let cached: Oracle | undefined;

/**
 * The oracle, built if its sources changed since the last build on this machine. The binary is
 * kept in `$CDK8S_DAEMONSETS_ORACLE_CACHE` (default `~/.cache/cdk8s-daemonsets/oracle`) under a
 * hash of the Go sources and the Go version; Go keeps its module and build caches as usual.
 * Throws when Go is installed but the build fails (a broken oracle must not look like a skip).
 */
export function oracle(): Oracle {
  if (cached) return cached;
  const go = goVersion();
  if (go === undefined) {
    cached = { available: false, reason: 'Go is not installed (no `go` on PATH); install Go 1.26 or newer to run the Kubernetes oracle tests' };
    return cached;
  }
  const binary = buildOracle(go);
  cached = { available: true, binary, run: (cases, options) => runOracle(binary, cases, options) };
  return cached;
}

function goVersion(): string | undefined {
  const result = spawnSync('go', ['version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** The cached binary for the current sources, built (into a temporary name, then renamed) if missing. */
export function buildOracle(go: string): string {
  const dir = path.join(cacheRoot(), sourceHash(go));
  const binary = path.join(dir, 'oracle');
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${binary}.${process.pid}.tmp`;
  try {
    execFileSync('go', ['build', '-trimpath', '-o', tmp, '.'], { cwd: ORACLE_DIR, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e: any) {
    throw new Error(`building the Kubernetes oracle (go build in ${ORACLE_DIR}) failed:\n${e.stderr ?? e.message}`);
  }
  fs.renameSync(tmp, binary);
  return binary;
}

function cacheRoot(): string {
  return process.env.CDK8S_DAEMONSETS_ORACLE_CACHE ?? path.join(os.homedir(), '.cache', 'cdk8s-daemonsets', 'oracle');
}

/** A hash of every file of the Go module and of the Go version: a new source or toolchain is a new build. */
function sourceHash(go: string): string {
  const hash = createHash('sha256').update(go);
  for (const name of fs.readdirSync(ORACLE_DIR).filter(n => /\.go$|^go\.(mod|sum)$/.test(n)).sort()) {
    hash.update(name).update('\0').update(fs.readFileSync(path.join(ORACLE_DIR, name))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** Cases per oracle process: keeps each answer under Node's string size limit on large runs. */
const CHUNK = 5000;

/** Runs the oracle in batch mode (one process per 5000 cases); the answers come back in case order. */
function runOracle(binary: string, cases: OracleCase[], options: RunOptions = {}): OracleAnswer[] {
  const answers: OracleAnswer[] = [];
  for (let i = 0; i < cases.length; i += CHUNK) answers.push(...runBatch(binary, cases.slice(i, i + CHUNK), options));
  return answers;
}

function runBatch(binary: string, cases: OracleCase[], options: RunOptions): OracleAnswer[] {
  const args = ['-batch', '-defaulted=false', ...(options.kubernetesVersion ? ['-kubernetes-version', options.kubernetesVersion] : [])];
  const input = cases.map(c => JSON.stringify(typeof c.input === 'string'
    ? { id: c.id, input: c.input }
    : { id: c.id, inputBase64: c.input.toString('base64') })).join('\n') + '\n';
  const result = spawnSync(binary, args, { input, encoding: 'utf8', maxBuffer: 2 * 1024 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`the oracle failed (exit ${result.status}): ${result.stderr || result.error?.message}`);
  }
  const answers = result.stdout.split('\n').filter(l => l !== '').map(l => JSON.parse(l) as OracleAnswer);
  if (answers.length !== cases.length) throw new Error(`the oracle answered ${answers.length} of ${cases.length} cases`);
  const failed = answers.find(a => a.oracleError !== undefined);
  if (failed) throw new Error(`the oracle failed on case ${failed.id}: ${failed.oracleError}`);
  return answers;
}

/**
 * `describe` when the oracle is available; otherwise `describe.skip`, after printing once why
 * the oracle tests do not run (jest also counts them as skipped).
 */
export function describeWithOracle(name: string, fn: (run: Extract<Oracle, { available: true }>) => void): void {
  const o = oracleOrSkip();
  if (!o.available) {
    process.stderr.write(`[oracle] skipped "${name}": ${o.reason}\n`);
    describe.skip(name, () => it('needs the Kubernetes oracle', () => undefined));
    return;
  }
  describe(name, () => fn(o));
}

function oracleOrSkip(): Oracle {
  // A forced skip, to check the skip path itself: CDK8S_DAEMONSETS_ORACLE=skip.
  if (process.env.CDK8S_DAEMONSETS_ORACLE === 'skip') return { available: false, reason: 'CDK8S_DAEMONSETS_ORACLE=skip' };
  return oracle();
}
