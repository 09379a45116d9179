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
 * The entry point with `var m_1 = require("./x")` for each lazy module turned into a stand-in
 * that requires the module at its first property read, and `__exportStar(require("./x"), exports)`
 * into a getter per name reading such a stand-in.
 *
 * Every getter keeps the form TypeScript emits, `get: function () { return m_1.Name; }`: Node's
 * `import { Name } from 'cdk8s-daemonsets'` (ESM importing CommonJS) finds the names with
 * cjs-module-lexer, which takes a getter of that form and drops any other as unsafe. (An ESM
 * importer reads every name, so it loads the lazy modules at import; `require` stays lazy.)
 *
 * @param js the CommonJS TypeScript emits for src/index.ts
 * @param exportsOf the names a module exports (for `export *`)
 */
export function lazyIndex(js: string, exportsOf: (path: string) => string[]): string {
  const standIn = (name: string, path: string) => [
    `var ${name}_module;`,
    `var ${name} = new Proxy({}, { get: function (_, key) { return (${name}_module ?? (${name}_module = require(${JSON.stringify(path)})))[key]; } });`,
  ].join('\n');
  let out = js.replace(/^var (\w+) = require\("([^"]+)"\);$/gm, (line, name: string, path: string) => isLazy(path) ? standIn(name, path) : line);
  let star = 0;
  out = out.replace(/^__exportStar\(require\("([^"]+)"\), exports\);$/gm, (line, path: string) => {
    if (!isLazy(path)) return line;
    const name = `star_${star++}`;
    const getters = exportsOf(path).filter(n => n !== '__esModule')
      .map(n => `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: function () { return ${name}.${n}; } });`);
    return [standIn(name, path), ...getters].join('\n');
  });
  const eager = [...out.replace(/^var \w+ = new Proxy\(.*$/gm, '').matchAll(/require\("([^"]+)"\)/g)]
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
