/**
 * Asserts that the npm tarball holds only what users need: the compiled library (`lib/**` .js and
 * .d.ts, and the .js.map source maps that point a stack trace at the TypeScript source: jsii would
 * inline them, separate files keep them off the load path), the jsii assembly, README, LICENSE,
 * API.md, docs/, package.json and the bundled dependencies of the CLI with what they depend on. Reads `npm pack --dry-run --json` on stdin.
 * Usage: `npm pack --dry-run --json | ts-node --transpile-only test/packaging/pack-contents.ts`
 */
import { readFileSync } from 'fs';
import { join } from 'path';

interface PackResult { readonly files: Array<{ readonly path: string }>; readonly bundled: string[] }

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
/** The bundled dependencies and, as npm bundles them, everything they depend on (js-yaml brings argparse). */
function withDependencies(names: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const own = JSON.parse(readFileSync(join(__dirname, '..', '..', 'node_modules', name, 'package.json'), 'utf8'));
    Object.keys(own.dependencies ?? {}).forEach(visit);
  };
  names.forEach(visit);
  return [...seen];
}
const bundled = withDependencies(manifest.bundledDependencies ?? []);
const allowed = [
  /^lib\/.+\.(js|js\.map|d\.ts)$/,
  /^\.jsii$/,
  /^(README\.md|LICENSE|API\.md|package\.json)$/,
  /^docs\/.+$/,
  new RegExp(`^node_modules/(${bundled.join('|')})/`),
];
const required = ['lib/index.js', 'lib/index.d.ts', manifest.bin['cdk8s-daemonsets'], '.jsii', 'README.md', 'LICENSE', 'API.md', 'package.json'];

const [pack] = JSON.parse(readFileSync(0, 'utf8')) as PackResult[];
const paths = pack.files.map(f => f.path);
const problems = [
  ...paths.filter(p => !allowed.some(re => re.test(p))).map(p => `not for users: ${p}`),
  ...required.filter(p => !paths.includes(p)).map(p => `missing: ${p}`),
  ...(pack.bundled.slice().sort().join() === bundled.slice().sort().join() ? [] : [`bundled ${pack.bundled.join()} instead of ${bundled.join()}`]),
];
if (problems.length > 0) {
  process.stderr.write(`npm pack lists what users do not need, or misses what they do:\n  ${problems.join('\n  ')}\n`);
  process.exit(1);
}
const top = [...new Set(paths.map(p => p.startsWith('node_modules/') ? p.split('/').slice(0, 2).join('/') : p.split('/')[0]))];
process.stdout.write(`npm pack: ${paths.length} files, only ${top.join(', ')}\n`);
