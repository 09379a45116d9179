/**
 * docs/helm-migration.md: the coverage figures are recounted from its tables, and every prop a
 * "prop" row names is in the API reference (API.md), so the guide cannot promise a prop that
 * does not exist.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'helm-migration.md'), 'utf8');
const api = readFileSync(join(__dirname, '..', '..', 'API.md'), 'utf8');
const STATUSES = ['prop', 'alternative', 'pending', 'not planned'];
const DEPLOYMENTS: Array<[string, string]> = [
  ['prometheus-node-exporter chart', '## prometheus-node-exporter chart'],
  ['fluent-bit chart', '## fluent-bit chart'],
  ['kube-prometheus node-exporter', '## kube-prometheus node-exporter'],
];

/** The rows of the value table under `heading`: [value, status, replacement]. */
function rows(heading: string): string[][] {
  const section = doc.slice(doc.indexOf(heading) + heading.length).split('\n## ')[0];
  return section.split('\n')
    .filter(l => l.startsWith('| ') && !l.startsWith('| value') && !l.startsWith('| ---'))
    .map(l => l.slice(2, -2).split(' | ').map(c => c.trim()));
}

function counts(table: string[][]): number[] {
  return STATUSES.map(s => table.filter(r => r[1] === s).length);
}

const percent = (n: number, total: number) => `${n} (${Math.floor((100 * n) / total)}%)`;

test.each(DEPLOYMENTS)('every %s row has a known status', (_name, heading) => {
  const table = rows(heading);
  expect(table.length).toBeGreaterThan(20);
  for (const r of table) expect(STATUSES).toContain(r[1]);
  for (const r of table.filter(x => x[1] === 'not planned')) expect(r[3]).not.toBe('');
});

test('the coverage table is the count of the rows', () => {
  const totals = [0, 0, 0, 0];
  const expected = DEPLOYMENTS.map(([name, heading]) => {
    const c = counts(rows(heading));
    c.forEach((n, i) => totals[i] += n);
    return row(name, c);
  });
  expected.push(row('all three', totals));
  for (const line of expected) expect(doc).toContain(line);
});

function row(name: string, [prop, alternative, pending, notPlanned]: number[]): string {
  const total = prop + alternative + pending + notPlanned;
  return `| ${name} | ${total} | ${prop} | ${alternative} | ${pending} | ${notPlanned} | ${percent(prop + alternative, total)} | ${percent(prop + alternative + pending, total)} |`;
}

test('every prop a "prop" row names is in API.md', () => {
  const missing: string[] = [];
  for (const [, heading] of DEPLOYMENTS) {
    for (const r of rows(heading).filter(x => x[1] === 'prop')) {
      for (const code of r[2].match(/`[^`]+`/g) ?? []) {
        // Each name of a dotted path or object key (`service.ipFamilyPolicy` → service, ipFamilyPolicy),
        // leaving out quoted values and members of library classes (`kplus.PercentOrAbsolute.percent`).
        const text = code.slice(1, -1).replace(/'[^']*'/g, '').replace(/\b[A-Z]\w*\.\w+/g, '');
        for (const name of text.split(/[.:({ ,]/).filter(n => /^[a-z][A-Za-z]+$/.test(n))) {
          if (!new RegExp(`\\b${name}\\b`).test(api)) missing.push(`${r[0]}: ${name}`);
        }
      }
    }
  }
  expect(missing).toEqual([]);
});
