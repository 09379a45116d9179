import type { DaemonPlacement, NodeCoverage } from './node-coverage';

/** What a cell says: ✓, or `✗` (no pod) or `Pending` and what each reason is about. */
function cellText(p: DaemonPlacement): string {
  if (p.reasons.length === 0) return '✓';
  return `${p.status === 'not-placed' ? '✗' : 'Pending:'} ${p.reasons.map(r => r.subject).join(', ')}`;
}

/** The header and one row per node: node, status, OS/arch, then a cell per DaemonSet. */
function rows(c: NodeCoverage): string[][] {
  const width = c.daemonSets.length;
  const header = ['NODE', 'STATUS', 'OS/ARCH', ...c.daemonSets.map(d => d.id)];
  // Placements that share a verdict share its reasons array, so each cell text is built once.
  const texts = new Map<readonly unknown[], string>();
  const text = (p: DaemonPlacement) => {
    let t = texts.get(p.reasons);
    if (t === undefined) texts.set(p.reasons, t = cellText(p));
    return t;
  };
  return [header, ...c.nodes.map((n, i) => [
    n.name,
    n.status + (n.virtualNode ? ',Virtual' : ''),
    `${n.os ?? '?'}/${n.arch ?? '?'}`,
    ...c.placements.slice(i * width, (i + 1) * width).map(text),
  ])];
}

/**
 * Columns padded to their widest cell, separated by three spaces, as kubectl's tables are.
 * Widths count UTF-16 units: the marks (✓, ✗) and every Kubernetes name are in the BMP.
 */
export function coverageText(c: NodeCoverage): string {
  const table = rows(c);
  const widths = table[0].map((_, col) => table.reduce((w, r) => Math.max(w, r[col].length), 0));
  const lines = table.map(r => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]))).join('   ').trimEnd());
  return [...lines, '', c.summary, ''].join('\n');
}

/** A GitHub-flavoured Markdown table (pipes and backslashes in cells escaped), then the summary. */
export function coverageMarkdown(c: NodeCoverage): string {
  const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const [header, ...body] = rows(c);
  const line = (r: string[]) => `| ${r.map(escape).join(' | ')} |`;
  return [line(header), `|${header.map(() => ' --- ').join('|')}|`, ...body.map(line), '', c.summary, ''].join('\n');
}
