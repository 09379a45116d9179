// Validates 10,000 DaemonSet manifests on one core and reports time and heap (target < 1 s);
// then NodeCoverage over 5,000 nodes (bench/coverage.ts).
import { addCoverageTasks } from './coverage';
import { DaemonSetValidator } from '../src';
import { baseDaemonSet } from '../test/validation/base';

const COUNT = 10_000;

function manifests(): any[] {
  return Array.from({ length: COUNT }, (_, i) => {
    const ds = baseDaemonSet();
    ds.metadata.name = `agent-${i}`;
    if (i % 10 === 0) ds.spec.template.spec.containers[0].ports[0].name = 'metrics-exporter-x';
    return ds;
  });
}

/** tinybench is ESM-only; ts-node compiles this file to CommonJS, where `import()` would become `require()`. */
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<typeof import('tinybench', { with: { 'resolution-mode': 'import' } })>;

async function main(): Promise<void> {
  const { Bench } = await importEsm('tinybench');
  const input = manifests();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const bench = new Bench({ iterations: 10, warmupIterations: 2 });
  let findings = 0;
  bench.add(`validate ${COUNT} DaemonSets`, () => {
    findings = 0;
    for (const m of input) findings += DaemonSetValidator.validate(m).length;
  });
  bench.add(`validateAll ${COUNT} DaemonSets`, () => {
    findings = DaemonSetValidator.validateAll(input).length;
  });
  // NodeCoverage (bench/coverage.ts): its tasks and their report.
  const coverageReport = addCoverageTasks(bench);
  await bench.run();
  const heapAfter = process.memoryUsage().heapUsed;
  for (const task of bench.tasks) {
    const r: any = task.result;
    const mean = r?.latency?.mean ?? r?.mean;
    const p99 = r?.latency?.p99 ?? r?.p99;
    console.log(`${task.name}: mean ${mean?.toFixed(1)} ms, p99 ${p99?.toFixed(1)} ms`);
  }
  console.log(`findings per run: ${findings}`);
  for (const line of coverageReport()) console.log(line);
  console.log(`heap: ${(heapBefore / 2 ** 20).toFixed(1)} MiB before, ${(heapAfter / 2 ** 20).toFixed(1)} MiB after`);
}

void main();
