/**
 * The test oracle (oracle/, a Go program built from Kubernetes' own code): built by
 * `npm run oracle:build` into a cache keyed by its sources, then run in batch mode so thousands
 * of cases cost one process.
 *
 * Tests that need it call `oracle()`: `{ available: false, reason }` when Go is not installed or
 * the oracle is not built, so the suite says it skipped them, why, and how to build it, instead
 * of failing or passing silently.
 */
import { spawnSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { findGoTool, GoTool } from '../helpers/go-tool';

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
  readonly pod?: {
    readonly accepted: boolean;
    readonly errors: OracleFieldError[];
    readonly warnings: string[];
    /**
     * A DaemonSet's pod: seconds after which the taint manager evicts it from a node with the
     * `node.kubernetes.io/not-ready` or `unreachable` NoExecute taint (null: never; no key: at once).
     */
    readonly evictionSeconds?: { readonly [taintKey: string]: number | null };
  };
  readonly podSecurity?: OraclePodSecurity;
  readonly defaulted?: unknown;
  /** The accepted object as the create path leaves it (fields of disabled feature gates dropped); with `RunOptions.defaulted`. */
  readonly stored?: unknown;
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
  /** Whether answers carry `server.defaulted` and `server.stored` (large: off by default). */
  readonly defaulted?: boolean;
}

/**
 * The oracle binary, built by `npm run oracle:build` into `$CDK8S_DAEMONSETS_ORACLE_CACHE`
 * (default `~/.cache/cdk8s-daemonsets/oracle`) under a hash of the Go sources and the Go version;
 * Go keeps its module and build caches as usual.
 */
export const KUBERNETES_ORACLE: GoTool = {
  title: 'the Kubernetes oracle',
  dir: ORACLE_DIR,
  cacheRoot: process.env.CDK8S_DAEMONSETS_ORACLE_CACHE ?? path.join(os.homedir(), '.cache', 'cdk8s-daemonsets', 'oracle'),
  binaryName: 'oracle',
};

let cached: Oracle | undefined;

/** The oracle when `npm run oracle:build` built it for the current sources; otherwise why not. */
export function oracle(): Oracle {
  if (cached) return cached;
  const found = findGoTool(KUBERNETES_ORACLE);
  cached = found.available
    ? { available: true, binary: found.binary, run: (cases, options) => runOracle(found.binary, cases, options) }
    : found;
  return cached;
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
  const args = ['-batch', `-defaulted=${options.defaulted === true}`, ...(options.kubernetesVersion ? ['-kubernetes-version', options.kubernetesVersion] : [])];
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
