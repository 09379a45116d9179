/**
 * The Prometheus oracle (oracle/prometheus/, Go, built from Prometheus' own code): what
 * Prometheus makes of a PrometheusRule spec and of relabelings. Built once into a cache keyed by
 * its sources; `describeWithPrometheus` skips (and says why) without Go.
 */
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const DIR = path.join(__dirname, '..', '..', 'oracle', 'prometheus');

export interface PrometheusAnswer {
  readonly id: string;
  readonly errors: string[];
  readonly rules?: Array<{ readonly name: string; readonly expr: string; readonly metrics: string[] }>;
}

export interface PrometheusCase {
  readonly id: string;
  readonly rules?: unknown;
  readonly relabelings?: unknown[];
}

export type PrometheusCheck = (cases: PrometheusCase[]) => PrometheusAnswer[];

/** The oracle binary for the current sources, built if missing; undefined without Go. */
function binary(): string | undefined {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) return undefined;
  const hash = createHash('sha256').update(go.stdout);
  for (const name of fs.readdirSync(DIR).filter(n => /\.go$|^go\.(mod|sum)$/.test(n)).sort()) {
    hash.update(name).update('\0').update(fs.readFileSync(path.join(DIR, name))).update('\0');
  }
  const dir = path.join(os.homedir(), '.cache', 'cdk8s-daemonsets', 'prometheus-oracle', hash.digest('hex').slice(0, 16));
  const bin = path.join(dir, 'prometheus-oracle');
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  try {
    execFileSync('go', ['build', '-trimpath', '-o', tmp, '.'], { cwd: DIR, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e: any) {
    throw new Error(`building the Prometheus oracle (go build in ${DIR}) failed:\n${e.stderr ?? e.message}`);
  }
  fs.renameSync(tmp, bin);
  return bin;
}

function run(bin: string, cases: PrometheusCase[]): PrometheusAnswer[] {
  const result = spawnSync(bin, [], { input: cases.map(c => JSON.stringify(c)).join('\n') + '\n', encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the Prometheus oracle failed (exit ${result.status}): ${result.stderr}`);
  return result.stdout.split('\n').filter(l => l !== '').map(l => JSON.parse(l) as PrometheusAnswer);
}

/** `describe` with the oracle when Go is installed; otherwise skipped, saying why. */
export function describeWithPrometheus(name: string, fn: (check: PrometheusCheck) => void): void {
  const bin = process.env.CDK8S_DAEMONSETS_ORACLE === 'skip' ? undefined : binary();
  if (!bin) {
    process.stderr.write(`[prometheus oracle] skipped "${name}": Go is not installed (no \`go\` on PATH)\n`);
    describe.skip(name, () => it('needs the Prometheus oracle', () => undefined));
    return;
  }
  describe(name, () => fn(cases => run(bin, cases)));
}
