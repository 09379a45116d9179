/**
 * Prints `name@version` for each public peer dependency at the lowest or the newest version its
 * range in package.json allows, among the versions the npm registry serves.
 * Usage: `ts-node --transpile-only test/packaging/peer-versions.ts lowest|newest`
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

const which = process.argv[2];
if (which !== 'lowest' && which !== 'newest') {
  process.stderr.write('usage: peer-versions.ts lowest|newest\n');
  process.exit(2);
}
const peers: { [name: string]: string } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).peerDependencies;
const picked = Object.entries(peers).map(([name, range]) => {
  // `npm view name@range version` lists every served version in the range (a single string
  // when only one matches); ranges exclude prereleases, so x.y.z compare as numbers.
  const served = JSON.parse(execFileSync('npm', ['view', `${name}@${range}`, 'version', '--json'], { encoding: 'utf8' })) as string | string[];
  const versions = (typeof served === 'string' ? [served] : served).sort(byVersion);
  if (versions.length === 0) throw new Error(`the registry serves no ${name} in ${range}`);
  return `${name}@${which === 'lowest' ? versions[0] : versions[versions.length - 1]}`;
});
process.stdout.write(`${picked.join(' ')}\n`);

function byVersion(a: string, b: string): number {
  const [x, y] = [a, b].map(v => v.split('.').map(Number));
  return x.map((n, i) => n - y[i]).find(d => d !== 0) ?? 0;
}
