/**
 * A JavaScript copy of src/ and bench/ for the benchmarks that run in child processes (module load,
 * peak memory, the CLI): ts-node would load the TypeScript compiler into them and blur the figures.
 * Transpiled file by file with inline source maps and sources, as `jsii` emits lib/ (and as the
 * jsii-built cdk8s and cdk8s-plus-27 ship); the copy links the project's node_modules.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(entry => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Transpiles src/ and bench/ into a new temporary directory and returns it. */
export function buildJs(): string {
  const out = mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-bench-'));
  for (const file of [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'bench'))]) {
    const js = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, inlineSourceMap: true, inlineSources: true },
    }).outputText;
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, js);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  // The CLI reads its version from the package.json two levels above src/cli.
  writeFileSync(join(out, 'package.json'), readFileSync(join(ROOT, 'package.json')));
  return out;
}
