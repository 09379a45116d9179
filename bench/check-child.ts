/**
 * One measurement of bench/check.ts, in a process of its own so its peak RSS is its own:
 * `baseline FILE` (js-yaml's loadAll, then each document against its Kubernetes JSON schema with
 * kubernetes-models) or `check FILE` (the CLI's `check`, built into `.bench-js/`, where this file is built too). Prints one JSON
 * line: CPU milliseconds (and wall) from reading the file to the result, peak RSS, and what came out.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';

const [task, file] = process.argv.slice(2);

async function main(): Promise<string> {
  if (task === 'baseline') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('js-yaml') as typeof import('js-yaml');
    const docs = yaml.loadAll(readFileSync(file, 'utf8')) as any[];
    let invalid = 0;
    for (const doc of docs) {
      const [group, version] = String(doc.apiVersion).includes('/') ? String(doc.apiVersion).split('/') : ['', doc.apiVersion];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Model = require(['kubernetes-models', group, version, doc.kind].filter(Boolean).join('/'))[doc.kind];
      try {
        new Model(doc).validate();
      } catch {
        invalid++;
      }
    }
    return `${docs.length} documents, ${invalid} invalid`;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { run } = require(join(__dirname, '..', 'cli', 'main.js')) as typeof import('../src/cli/main');
  let out = '';
  const code = await run(['check', file], {
    readFile: path => readFileSync(path),
    readStdin: async () => '',
    writeFile: () => undefined,
    stdout: text => { out += Buffer.from(text).toString('utf8'); },
    stderr: () => undefined,
  });
  return `exit ${code}: ${out.trimEnd().split('\n').pop()}`;
}

const started = process.cpuUsage();
const wallStart = performance.now();
void main().then(result => {
  // CPU time of this process (user + system): helpers sharing the machine weigh on it less than on wall time.
  const cpu = process.cpuUsage(started);
  const ms = Math.round((cpu.user + cpu.system) / 1000);
  const wallMs = Math.round(performance.now() - wallStart);
  const rssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ ms, wallMs, rssMiB, result })}\n`);
});
