/**
 * Makes the package's entry point (lib/index.js, as TypeScript emits it from src/index.ts) load
 * on first use what an App with only NodeDaemonSets never needs: the twenty modules of the log
 * collector, collectd and storage presets, NodeCoverage, DaemonNamespace, the monitoring exports
 * NodeDaemonSet does not import itself, and the validation engine (the public `DaemonSetValidator`
 * and the cdk8s-cli plugin; the synth hook loads it at the first synth). Loading them all cost over
 * half of the library's load time (`npm run bench`, module load). jsii's assembly (.jsii) and the
 * typings are unchanged: each export keeps its getter and returns the same class, only the
 * `require` moves into it.
 *
 * Usage (the post-compile task): `ts-node projenrc/lazy-index.ts lib/index.js`
 */
import { readFileSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';

/** Modules of the entry point loaded on first use. */
export function isLazy(path: string): boolean {
  return path.startsWith('./presets/') || ['./coverage', './daemon-namespace', './monitoring', './validation/engine'].includes(path);
}

/**
 * The entry point with `var m_1 = require("./x")` for each lazy module turned into a function
 * called by the export getters, and `__exportStar(require("./x"), exports)` into a getter per name.
 *
 * @param js the CommonJS TypeScript emits for src/index.ts
 * @param exportsOf the names a module exports (for `export *`)
 */
export function lazyIndex(js: string, exportsOf: (path: string) => string[]): string {
  const lazyVars: string[] = [];
  let out = js.replace(/^var (\w+) = require\("([^"]+)"\);$/gm, (line, name: string, path: string) => {
    if (!isLazy(path)) return line;
    lazyVars.push(name);
    return `var ${name}_module;\nfunction ${name}() { return ${name}_module ?? (${name}_module = require(${JSON.stringify(path)})); }`;
  });
  for (const name of lazyVars) out = out.split(`return ${name}.`).join(`return ${name}().`);
  let star = 0;
  out = out.replace(/^__exportStar\(require\("([^"]+)"\), exports\);$/gm, (line, path: string) => {
    if (!isLazy(path)) return line;
    const fn = `star_${star++}`;
    const getters = exportsOf(path).filter(n => n !== '__esModule')
      .map(n => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: function () { return ${fn}()[${JSON.stringify(n)}]; } });`);
    return [`var ${fn}_module;`, `function ${fn}() { return ${fn}_module ?? (${fn}_module = require(${JSON.stringify(path)})); }`, ...getters].join('\n');
  });
  const eager = [...out.replace(/function \w+\(\) \{ return \w+ \?\? \(\w+ = require\("[^"]+"\)\); \}/g, '').matchAll(/require\("([^"]+)"\)/g)]
    .map(m => m[1]).filter(isLazy);
  if (eager.length > 0) {
    throw new Error(`lazy-index: ${eager.join(', ')} still required eagerly; the emitted index has a form this script does not know`);
  }
  return out;
}

if (require.main === module) {
  const file = resolve(process.argv[2]);
  const js = readFileSync(file, 'utf8');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  writeFileSync(file, lazyIndex(js, path => Object.keys(require(join(dirname(file), path)))));
}
