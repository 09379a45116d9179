/**
 * The Prometheus oracle (oracle/prometheus/, Go, built from Prometheus' own code): what
 * Prometheus makes of a PrometheusRule spec and of relabelings. `npm run oracle:build` builds it
 * into a cache keyed by its sources; `describeWithPrometheus` skips (and says why and how to
 * build it) when it is not built.
 */
import { spawnSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { findGoTool, GoTool } from '../helpers/go-tool';

export const PROMETHEUS_ORACLE: GoTool = {
  title: 'the Prometheus oracle',
  dir: path.join(__dirname, '..', '..', 'oracle', 'prometheus'),
  cacheRoot: path.join(os.homedir(), '.cache', 'cdk8s-daemonsets', 'prometheus-oracle'),
  binaryName: 'prometheus-oracle',
};

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

function run(bin: string, cases: PrometheusCase[]): PrometheusAnswer[] {
  const result = spawnSync(bin, [], { input: cases.map(c => JSON.stringify(c)).join('\n') + '\n', encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`the Prometheus oracle failed (exit ${result.status}): ${result.stderr}`);
  return result.stdout.split('\n').filter(l => l !== '').map(l => JSON.parse(l) as PrometheusAnswer);
}

/** `describe` with the oracle when it is built; otherwise skipped, saying why. */
export function describeWithPrometheus(name: string, fn: (check: PrometheusCheck) => void): void {
  const found = process.env.CDK8S_DAEMONSETS_ORACLE === 'skip'
    ? { available: false as const, reason: 'CDK8S_DAEMONSETS_ORACLE=skip' }
    : findGoTool(PROMETHEUS_ORACLE);
  if (!found.available) {
    process.stderr.write(`[prometheus oracle] skipped "${name}": ${found.reason}\n`);
    describe.skip(name, () => it('needs the Prometheus oracle', () => undefined));
    return;
  }
  describe(name, () => fn(cases => run(found.binary, cases)));
}
