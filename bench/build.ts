/**
 * A JavaScript copy of src/ and bench/ for the benchmarks that run in child processes (module load,
 * peak memory, the CLI): ts-node would load the TypeScript compiler into them and blur the figures.
 * Transpiled file by file as `jsii` emits lib/ (source maps in separate files, which Node does not
 * read, so none here), into bench/.js/ inside the checkout: packages resolve from the project's
 * node_modules exactly as they do for lib/ (a symlinked node_modules would add path resolution).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import * as ts from 'typescript';
import { bundleEager } from '../projenrc/eager-bundle';
import { lazyIndex } from '../projenrc/lazy-index';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Transpiles src/ and bench/ into `out` (emptied first), file by file as jsii compiles lib/, and,
 * unless `shape` is false, shapes src/ there as the post-compile task shapes lib/: the entry point
 * loading presets and the engine on first use (projenrc/lazy-index.ts), and what it loads in one
 * file (projenrc/eager-bundle.ts). Returns `out`.
 */
export async function buildJs(out = join(ROOT, 'bench', '.js'), shape = true): Promise<string> {
  rmSync(out, { recursive: true, force: true });
  for (const file of [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'bench'))]) {
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  // The CLI reads its version from the package.json two levels above src/cli.
  writeFileSync(join(out, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  if (shape) await shapeAsLib(join(out, 'src'));
  return out;
}

/** What the post-compile task does to lib/, done to a transpiled copy of src/ (without the bundles if `bundle` is false). */
export async function shapeAsLib(src: string, bundle = true): Promise<void> {
  const index = join(src, 'index.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  writeFileSync(index, lazyIndex(readFileSync(index, 'utf8'), path => Object.keys(require(join(ROOT, 'src', path)))));
  if (bundle) await bundleEager(src);
}
