/**
 * Puts the modules an App loads together into one file each, after jsii has compiled lib/ and
 * projenrc/lazy-index.ts has made the entry point lazy:
 * - lib/bundle.js: what `require('cdk8s-daemonsets')` loads (NodeDaemonSet, what its constructors
 *   need and the construct side of validation: about fifty files);
 * - lib/engine-bundle.js: what the App's first synth adds (the validator the synth hook loads:
 *   the YAML reader, the rule registry, the field schemas' index: about twenty more).
 *
 * Why: on Node 20 each CommonJS file costs a fixed ~0.1 ms to resolve, read and compile besides
 * its size; one file instead of fifty took the library's own share of the load time from ~21 to
 * ~17 ms (`npm run bench`, module load, against `require('cdk8s-plus-27')`).
 *
 * How, keeping one copy of every module:
 * - a bundle (esbuild) holds each of its modules as it was, evaluated on its first use, and
 *   exports a table `{ "validation/index": () => exports, ... }`; a module of an earlier bundle
 *   is read from that bundle's table;
 * - each bundled module's own file becomes a one-line stand-in returning the bundle's copy, so
 *   the modules that stay files (the presets, the CLI, monitoring, field schemas by release) get
 *   the same objects (rule handles, classes, the synth hook's per-App state);
 * - lib/index.js reads the first table instead of requiring stand-ins, and keeps its export
 *   getters in the form Node's ESM loader reads (projenrc/lazy-index.ts).
 * The .d.ts files, the jsii assembly and every module path are unchanged.
 *
 * Usage (the post-compile task, after lazy-index): `ts-node projenrc/eager-bundle.ts lib`
 */
import { execFileSync } from 'child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';
import { build, Plugin } from 'esbuild';

/** A bundle: its file in lib/, and the module whose loading decides what it holds. */
interface BundleSpec {
  readonly file: string;
  readonly loadedBy: string;
}

/** The bundles, in load order: each holds what its module loads that no earlier one holds. */
export const BUNDLES: readonly BundleSpec[] = [
  { file: 'bundle.js', loadedBy: 'index' },
  { file: 'engine-bundle.js', loadedBy: 'validation/daemon-set-validator' },
];

/** The bundle `require('cdk8s-daemonsets')` loads. */
export const BUNDLE = BUNDLES[0].file;

/**
 * The library's modules that loading module `entry` of `lib` loads, as paths relative to lib
 * without `.js` (entry included), each with the names it exports (`__esModule` among them when
 * TypeScript marked it).
 */
export function loadedModules(lib: string, entry: string): Map<string, string[]> {
  const root = resolve(lib);
  const script = `require(${JSON.stringify(join(root, `${entry}.js`))});
    const names = m => [...m.exports.__esModule === true ? ['__esModule'] : [], ...Object.keys(m.exports)];
    process.stdout.write(JSON.stringify(Object.values(require.cache).map(m => [m.filename, names(m)])));`;
  const loaded: Array<[string, string[]]> = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  return new Map(loaded.filter(([f]) => f.startsWith(root + sep)).map(([f, names]) => [moduleName(root, f), names]));
}

function moduleName(root: string, file: string): string {
  return relative(root, file).split(sep).join('/').replace(/\.js$/, '');
}

/** `./x` or `../x` from `fromDir` to `file`. */
function requirePath(fromDir: string, file: string): string {
  const rel = relative(fromDir, file).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** The file a relative `require` names, as Node resolves it (`./x` → x.js or x/index.js). */
function resolveModule(dir: string, request: string): string {
  const base = resolve(dir, request);
  for (const candidate of [base, `${base}.js`, join(base, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`eager-bundle: cannot resolve ${request} from ${dir}`);
}

/**
 * Builds the bundles of lib/, turns their modules' files into stand-ins and points lib/index.js
 * at the first bundle. Run once per compile: a second run finds lib/index.js reading the bundle
 * and leaves lib/ as it is.
 * @throws Error if index.js still requires a bundled module in a form this script does not know
 */
export async function bundleEager(lib: string): Promise<void> {
  const root = resolve(lib);
  if (readFileSync(join(root, 'index.js'), 'utf8').includes(`require("./${BUNDLE}")`)) {
    process.stderr.write(`eager-bundle: ${join(lib, 'index.js')} already reads lib/${BUNDLE}; compile again to rebuild it\n`);
    return;
  }
  // Every bundle's modules are decided on the files as jsii wrote them, before any becomes a stand-in.
  const owner = new Map<string, string>();
  const exported = new Map<string, string[]>();
  const groups = BUNDLES.map(spec => {
    const loaded = loadedModules(root, spec.loadedBy);
    const modules = [...loaded.keys()].filter(m => m !== 'index' && !owner.has(m)).sort();
    modules.forEach(m => {
      owner.set(m, spec.file);
      exported.set(m, loaded.get(m)!);
    });
    return { spec, modules };
  });
  for (const { spec, modules } of groups) await buildBundle(root, spec.file, modules, owner);
  for (const [m, file] of owner) {
    const path = join(root, `${m}.js`);
    writeFileSync(path, [
      '"use strict";',
      `// Bundled into lib/${file} (projenrc/eager-bundle.ts): this file returns the bundle's copy, the one every module shares.`,
      `module.exports = require(${JSON.stringify(requirePath(dirname(path), join(root, file)))})[${JSON.stringify(m)}]();`,
      // Never run: the names, in the form cjs-module-lexer reads, for `import { Name } from` this file.
      `0 && (module.exports = { ${exported.get(m)!.join(', ')} });`,
      '',
    ].join('\n'));
    rmSync(`${path}.map`, { force: true });
  }
  const index = join(root, 'index.js');
  writeFileSync(index, pointAtBundle(readFileSync(index, 'utf8'), path => moduleName(root, resolveModule(root, path)), owner));
}

/** lib/`file`: `modules` and a table of them; a module of another bundle is read from that bundle's table, any other stays a file. */
async function buildBundle(root: string, file: string, modules: readonly string[], owner: ReadonlyMap<string, string>): Promise<void> {
  const plugin: Plugin = {
    name: 'bundles-share-modules',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, args => {
        // A table read below names a bundle by its path from lib/, where every bundle is.
        if (args.namespace === 'other-bundle') return { path: args.path, external: true };
        const resolved = resolveModule(args.resolveDir, args.path);
        const m = moduleName(root, resolved);
        const holder = owner.get(m);
        if (holder === file) return { path: resolved };
        if (holder !== undefined) return { path: m, namespace: 'other-bundle', pluginData: holder };
        return { path: requirePath(root, resolved), external: true };
      });
      b.onLoad({ filter: /.*/, namespace: 'other-bundle' }, args => ({
        contents: `module.exports = require(${JSON.stringify(`./${args.pluginData}`)})[${JSON.stringify(args.path)}]();`,
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
  const table = modules.map(m => `  ${JSON.stringify(m)}: () => require(${JSON.stringify(`./${m}`)}),`).join('\n');
  await build({
    stdin: { contents: `module.exports = {\n${table}\n};\n`, resolveDir: root, sourcefile: `${file.replace(/\.js$/, '')}-table.js`, loader: 'js' },
    outfile: join(root, file),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    // The jsii source maps of the inputs carry through: a stack trace still maps to src/*.ts.
    sourcemap: 'linked',
    sourcesContent: true,
    plugins: [plugin],
    logLevel: 'warning',
  });
}

/**
 * lib/index.js with `var m_1 = require("./x");` of each module of the first bundle read from its table.
 * @param js the entry point as lazy-index leaves it
 * @param nameOf the module a relative require path of index.js names
 * @param owner the bundle file of each bundled module
 */
export function pointAtBundle(js: string, nameOf: (path: string) => string, owner: ReadonlyMap<string, string>): string {
  const out = js.replace(/^var (\w+) = require\("(\.[^"]+)"\);$/gm, (line, variable: string, path: string) => {
    const name = nameOf(path);
    return owner.get(name) === BUNDLE ? `var ${variable} = require("./${BUNDLE}")[${JSON.stringify(name)}]();` : line;
  });
  const left = [...out.matchAll(/require\("(\.[^"]+)"\)/g)].map(m => m[1]).filter(p => owner.get(nameOf(p)) === BUNDLE);
  if (left.length > 0) throw new Error(`eager-bundle: index.js still requires ${left.join(', ')} in a form this script does not know`);
  return out;
}

if (require.main === module) {
  bundleEager(process.argv[2] ?? 'lib').catch(e => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
