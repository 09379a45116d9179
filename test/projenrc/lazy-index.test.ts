import { readFileSync } from 'fs';
import { join } from 'path';
import { init, parse } from 'cjs-module-lexer';
import * as ts from 'typescript';
import { isLazy, lazyIndex } from '../../projenrc/lazy-index';

const SRC = join(__dirname, '..', '..', 'src');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (path: string) => require(join(SRC, path));

/** src/index.ts as TypeScript emits it for lib/, made lazy. */
function lazySource(): string {
  const js = ts.transpileModule(readFileSync(join(SRC, 'index.ts'), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  return lazyIndex(js, path => Object.keys(load(path)));
}

/** The lazy entry point, run with a require that records what it loads. */
function lazyEntry(): { exports: any; required: string[] } {
  const required: string[] = [];
  const exports: any = {};
  new Function('require', 'exports', lazySource())((path: string) => { required.push(path); return load(path); }, exports);
  return { exports, required };
}

test('loading the entry point loads no preset, coverage, DaemonNamespace, monitoring export or validation engine; each loads on first use', () => {
  const { exports, required } = lazyEntry();
  expect(required).toContain('./node-daemon-set');
  expect(required.filter(isLazy)).toEqual([]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect(exports.CollectdDaemonSet).toBe(require(join(SRC, 'presets', 'collectd', 'collectd')).CollectdDaemonSet);
  expect(required.filter(isLazy)).toEqual(['./presets/collectd/collectd']);
  expect(typeof exports.DaemonSetValidator.validate).toBe('function');
  expect(required.filter(isLazy)).toEqual(['./presets/collectd/collectd', './validation/engine']);
});

test('every export of the eager entry point is there, the same value, `export *` ones included', () => {
  const { exports } = lazyEntry();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const eager = require(join(SRC, 'index'));
  expect(Object.keys(exports).sort()).toEqual(Object.keys(eager).filter(k => k !== '__esModule').sort());
  for (const name of Object.keys(eager).filter(k => k !== '__esModule')) expect(exports[name]).toBe(eager[name]);
  expect(exports.LogOutput).toBe(eager.LogOutput);
});

test('an entry point that still requires a preset eagerly is refused, not shipped', () => {
  expect(() => lazyIndex('const x = require("./presets/other");\n', () => [])).toThrow(/\.\/presets\/other still required eagerly/);
  expect(() => lazyIndex('const x = require("./validation/engine");\n', () => [])).toThrow(/\.\/validation\/engine still required eagerly/);
});

test('`import { Name } from` the package finds every export: Node reads CommonJS names with cjs-module-lexer, which drops getters of other forms', async () => {
  await init();
  const { exports: found, reexports } = parse(lazySource());
  // Node follows a re-export to the module's own names.
  const reexported = reexports.flatMap(path => Object.keys(load(path)));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const eager = Object.keys(require(join(SRC, 'index'))).filter(k => k !== '__esModule');
  expect(eager.filter(name => !found.includes(name) && !reexported.includes(name))).toEqual([]);
  expect(found).toEqual(expect.arrayContaining(['DaemonSetValidator', 'NodeCoverage', 'CollectdDaemonSet', 'LogOutput']));
});
