/**
 * What a benchmark child process does (run from the JavaScript copy of bench/build.ts), printing
 * one JSON line:
 *   load <module>                 CPU milliseconds to require the module (a fresh process each time)
 *   rss library|plain <n>         peak resident memory (KiB) after synthesizing N NodeDaemonSets (or their plain baseline)
 *   first library|plain [n]       CPU milliseconds from the first `require` to the YAML of N NodeDaemonSets (default 1; or
 *                                 their plain baseline): what `cdk8s synth` of such an App pays, validation engine and
 *                                 V8's compiling of the library included
 * CPU time (user + system, as the in-process benchmarks): other processes sharing the machine
 * stretch wall time far more (a load of 4 on 2 cores doubled it) than they do CPU time.
 */

const [mode, ...args] = process.argv.slice(2);

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

if (mode === 'load') {
  const start = process.cpuUsage();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(args[0]);
  process.stdout.write(JSON.stringify({ ms: cpuMsSince(start) }) + '\n');
} else if (mode === 'first') {
  const n = Number(args[1] ?? 1);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  const start = process.cpuUsage();
  if (args[0] === 'plain') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require('./plain') as typeof import('./plain')).plainApp(n).synthYaml();
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildApp, NODE_DAEMON_SET } = require('./scenarios') as typeof import('./scenarios');
    buildApp(NODE_DAEMON_SET, 'library', n).synthYaml();
  }
  process.stdout.write(JSON.stringify({ ms: cpuMsSince(start) }) + '\n');
} else if (mode === 'rss') {
  const n = Number(args[1]);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  // The plain baseline never loads this library; the library run never loads the baseline.
  if (args[0] === 'plain') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { plainApp } = require('./plain') as typeof import('./plain');
    plainApp(n).synthYaml();
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { buildApp, NODE_DAEMON_SET } = require('./scenarios') as typeof import('./scenarios');
    buildApp(NODE_DAEMON_SET, 'library', n).synthYaml();
  }
  process.stdout.write(JSON.stringify({ kib: process.resourceUsage().maxRSS }) + '\n');
} else {
  throw new Error(`unknown mode ${mode}`);
}
