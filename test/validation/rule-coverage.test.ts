import * as fs from 'fs';
import * as path from 'path';
import { DaemonSetValidator } from '../../src';

function testSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '__snapshots__' ? [] : testSources(p);
    return p.endsWith('.ts') && p !== __filename ? [fs.readFileSync(p, 'utf8')] : [];
  });
}

test('every rule of the catalogue is exercised by name in some test', () => {
  const sources = testSources(path.join(__dirname, '..')).join('\n');
  // The whole id, not a prefix of a longer one (host-network vs host-network-dns-policy).
  const untested = DaemonSetValidator.rules().map(r => r.id).filter(id => !new RegExp(`(?<![a-z-])${id}(?![a-z-])`).test(sources));
  expect(untested).toEqual([]);
});
