import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { init, parse } from 'cjs-module-lexer';
import { buildJs, shapeAsLib } from '../../bench/build';
import { BUNDLE, pointAtBundle } from '../../projenrc/eager-bundle';

const ROOT = join(__dirname, '..', '..');

/**
 * What a fresh Node process sees of a JavaScript copy of src/ (the tree at argv[1]): which of the
 * library's files `require` of the entry point loads, the YAML of every bench scenario (each
 * preset and NodeDaemonSet, two instances each), a prop error, and whether modules loaded
 * later (the engine, a preset) share the objects of the ones loaded first.
 */
const PROBE = `
const root = process.argv[1];
process.stderr.write = () => true;
const lib = require(root + '/src/index.js');
const loaded = Object.keys(require.cache).filter(f => f.startsWith(root + '/src/')).map(f => f.slice(root.length + 5)).sort();
const { buildApp, NODE_DAEMON_SET, PRESETS } = require(root + '/bench/scenarios.js');
const firstSynth = buildApp(NODE_DAEMON_SET, 'library', 1).synthYaml();
const loadedBySynth = Object.keys(require.cache).filter(f => f.startsWith(root + '/src/')).map(f => f.slice(root.length + 5)).sort();
const yaml = [NODE_DAEMON_SET, ...PRESETS].map(s => buildApp(s, 'library', 2).synthYaml());
const { App, Chart } = require('cdk8s');
let error;
try {
  new lib.NodeDaemonSet(new Chart(new App(), 'c'), 'bad', { image: 'example.com/agent:v1.2.3', metadata: { name: 'Bad_Name' } });
} catch (e) { error = e.message; }
lib.DaemonSetValidator.rules();
const rule = require(root + '/src/validation/daemon-set-validator.js').findRule('metadata-name');
const shared = rule === require(root + '/src/validation/rules/metadata.js').METADATA_NAME
  && require(root + '/src/validation/index.js').METADATA_NAME === rule
  && lib.NodeExporterDaemonSet.prototype instanceof lib.NodeDaemonSet;
process.stdout.write(JSON.stringify({ loaded, loadedBySynth, yaml, error, shared }));
`;

interface Probe {
  readonly loaded: string[];
  readonly loadedBySynth: string[];
  readonly yaml: string[];
  readonly error: string;
  readonly shared: boolean;
}

let dir: string;
let files: Probe;
let shaped: Probe;
let shapedIndex: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eager-bundle-'));
  // Packages resolve from the project's node_modules, as they do for lib/.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // The same transpiled copy of src/ shaped as lib/ with and without the bundles.
  const plain = await buildJs(join(dir, 'files'), false);
  cpSync(plain, join(dir, 'shaped'), { recursive: true });
  await shapeAsLib(join(dir, 'files', 'src'), false);
  await shapeAsLib(join(dir, 'shaped', 'src'));
  shapedIndex = readFileSync(join(dir, 'shaped', 'src', 'index.js'), 'utf8');
  const probe = (tree: string): Probe => JSON.parse(execFileSync(process.execPath, ['-e', PROBE, join(dir, tree)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  files = probe('files');
  shaped = probe('shaped');
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('require of the shaped entry point reads two of the library\'s files, the index and the bundle; file by file it reads about fifty', () => {
  expect(shaped.loaded).toEqual([BUNDLE, 'index.js']);
  expect(files.loaded.length).toBeGreaterThan(40);
  expect(files.loaded).not.toContain('presets/node-exporter.js');
  expect(files.loaded).toEqual(expect.arrayContaining(['node-daemon-set.js', 'validation/synth-hook.js', 'validation/rules/volumes.js']));
});

test('a one-daemon App\'s first synth adds the engine bundle and the field schemas of its release', () => {
  expect(shaped.loadedBySynth).toEqual([BUNDLE, 'engine-bundle.js', 'index.js', expect.stringMatching(/^validation\/field-schemas\/v1-\d+\.js$/)]);
  expect(files.loadedBySynth.length).toBeGreaterThan(files.loaded.length + 15);
});

test('the bundle changes nothing an App sees: the same YAML for NodeDaemonSet and every preset, made after the validator was loaded, the same prop error', () => {
  expect(shaped.yaml).toEqual(files.yaml);
  expect(shaped.yaml).toHaveLength(7);
  expect(shaped.yaml[0]).toContain('kind: DaemonSet');
  expect(shaped.error).toBe(files.error);
  expect(shaped.error).toMatch(/^\[c\/bad\] metadata\.name: Invalid value: "Bad_Name".*\(metadata-name\)/);
});

test('modules loaded later get the bundle\'s copy of a bundled module (one rule object, one class), through its file or the bundle', () => {
  expect(files.shared).toBe(true);
  expect(shaped.shared).toBe(true);
  // The stand-in a bundled module's file becomes.
  expect(readFileSync(join(dir, 'shaped', 'src', 'validation', 'index.js'), 'utf8')).toContain(`require("../${BUNDLE}")["validation/index"]()`);
});

test('`import { Name } from` still finds every export of the shaped entry point (cjs-module-lexer, as Node reads it)', async () => {
  await init();
  const { exports: found } = parse(shapedIndex);
  expect(found).toEqual(expect.arrayContaining(['NodeDaemonSet', 'DaemonSetValidator', 'ValidationSeverity', 'NodeExporterDaemonSet', 'LogOutput']));
  expect(shapedIndex).toContain(`var node_daemon_set_1 = require("./${BUNDLE}")["node-daemon-set"]();`);
});

test('a bundled module\'s own file still names its exports for `import { Name } from` it (deep imports from ESM)', async () => {
  await init();
  const standIn = (path: string) => parse(readFileSync(join(dir, 'shaped', 'src', path), 'utf8')).exports;
  const original = (path: string) => parse(readFileSync(join(dir, 'files', 'src', path), 'utf8')).exports;
  for (const path of ['node-daemon-set.js', 'validation/index.js', 'validation/rules/metadata.js', 'validation/daemon-set-validator.js']) {
    // Every name the lexer found in the file jsii wrote; `export *` ones, which it could only follow, are listed too.
    expect(standIn(path)).toEqual(expect.arrayContaining(original(path)));
  }
  expect(standIn('validation/index.js')).toEqual(expect.arrayContaining(['__esModule', 'METADATA_NAME', 'checkDns1123Label']));
});

test('an entry point requiring a bundled module in a form the script does not know is refused, not shipped', () => {
  const bundled = new Map([['node-daemon-set', BUNDLE], ['validation/yaml', 'engine-bundle.js']]);
  const nameOf = (path: string) => path.replace(/^\.\//, '');
  expect(pointAtBundle('var a_1 = require("./node-daemon-set");\n', nameOf, bundled)).toBe(`var a_1 = require("./${BUNDLE}")["node-daemon-set"]();\n`);
  expect(pointAtBundle('var a_1 = require("./presets/x");\n', nameOf, bundled)).toBe('var a_1 = require("./presets/x");\n');
  // A module of a later bundle loads on first use through its file.
  expect(pointAtBundle('var a_1 = require("./validation/yaml");\n', nameOf, bundled)).toBe('var a_1 = require("./validation/yaml");\n');
  expect(() => pointAtBundle('const { A } = require("./node-daemon-set");\n', nameOf, bundled)).toThrow(/still requires \.\/node-daemon-set/);
});
