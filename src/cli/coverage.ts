import { SourceFile, UsageError } from './input';
import { printable } from './io';
import { NodeCoverage, NodeInventory } from '../coverage';
import { CoverageInputError, yamlDocuments } from '../coverage/input';

/** Options of `cdk8s-daemonsets coverage`. */
export interface CoverageOptions {
  /** `text`, `json` or `markdown`. */
  readonly format: string;
  /** Exit 1 when a node that expects daemons lacks a running pod of a Linux DaemonSet. */
  readonly requireAll?: boolean;
}

/** What `coverage` prints and the exit code it means. */
export interface CoverageRun {
  readonly output: string;
  readonly exitCode: number;
}

/**
 * Reads the node inventory and every document of the manifest files as kubectl reads them, the
 * way `check` reads them (an object with `items` stands for its items, other kinds are skipped),
 * and renders the coverage. Input it cannot use (a file kubectl refuses, an inventory that is not
 * a node list, no DaemonSet in the files) is a UsageError naming the file, the document and the line.
 */
export function coverageOf(nodes: SourceFile, manifests: SourceFile[], options: CoverageOptions): CoverageRun {
  const inventory = inputOf(nodes.name, () => NodeInventory.fromYaml(nodes.text));
  const documents = manifests.flatMap(source => inputOf(source.name, () => yamlDocuments(source)))
    .filter((v): v is { [key: string]: any } => v !== null && typeof v === 'object' && !Array.isArray(v));
  const coverage = inputOf(manifests.map(m => m.name).join(', '), () => NodeCoverage.analyze(inventory, documents));
  const exitCode = options.requireAll && coverage.gaps.length > 0 ? 1 : 0;
  return { output: render(coverage, options.format, exitCode), exitCode };
}

/** Runs `read`, turning the library's input errors into one-line UsageErrors that name the file. */
function inputOf<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof CoverageInputError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

function render(coverage: NodeCoverage, format: string, exitCode: number): string {
  if (format === 'markdown') return coverage.toMarkdown();
  if (format === 'json') {
    const { nodes, daemonSets, placements, summary } = coverage;
    return JSON.stringify({
      nodes: nodes.map(({ name, status, os, arch, virtualNode, expectsDaemons }) => ({ name, status, os, arch, virtualNode, expectsDaemons })),
      daemonSets,
      placements,
      gaps: coverage.gaps.length,
      summary,
      exitCode,
    }, undefined, 2) + '\n';
  }
  return coverage.toText().split('\n').map(printable).join('\n');
}
