import { readDocuments, SourceFile } from './input';
import { printable } from './io';
import { formatFinding, ParsedDocument, refusalFinding, validateInputs, ValidationFinding, ValidationSeverity } from '../validation/engine';

/** Options of `cdk8s-daemonsets check`. */
export interface CheckOptions {
  /** Any warning fails the check (exit code 1). */
  readonly warningsAsErrors?: boolean;
  /** Host access in the manifests is intended: the validator's `hostAccessOptedIn`. */
  readonly hostAccessOptedIn?: boolean;
  /** The Kubernetes release to check against: the validator's `kubernetesVersion`. */
  readonly kubernetesVersion?: string;
  /** Warning rule ids not to report: the validator's `suppress`. */
  readonly suppress?: string[];
}

/** A finding, the input it came from, and where in it: the field's key, or the document when the field is missing. */
export interface FileFinding extends ValidationFinding {
  readonly file: string;
  /** 1-based line in `file`. */
  readonly line: number;
  /** 1-based column in `file`. */
  readonly column: number;
}

/** What `check` found, in output order, and the exit code it means. */
export interface CheckResult {
  readonly findings: FileFinding[];
  readonly errors: number;
  readonly warnings: number;
  readonly files: number;
  readonly objects: number;
  readonly warningsAsErrors: boolean;
  readonly exitCode: number;
}

/** Exit code of a check that could not run: some YAML does not parse. */
const EXIT_UNPARSED = 2;

interface Located {
  readonly file: string;
  readonly document: ParsedDocument;
}

/**
 * Validates every document of every source in one `validateAll` call, so a Namespace or
 * ServiceAccount in one file counts for a DaemonSet in another (as `kubectl apply -f a -f b`).
 * A List's items are objects of their own. When some document does not parse (a syntax error,
 * an alias bomb), nothing is validated: the result holds one `yaml-parse` error per such
 * document and exit code 2.
 */
export function checkSources(sources: SourceFile[], options: CheckOptions = {}): CheckResult {
  const located: Located[] = [];
  const unparsed: FileFinding[] = [];
  for (const source of sources) {
    for (const d of readDocuments(source)) {
      if (d.error !== undefined) {
        unparsed.push({ ...refusalFinding(d.label, d.error), file: source.name, line: d.errorLine ?? 1, column: 1 });
        // kubectl stops at the first document it refuses.
        break;
      } else if (d.value !== null && d.value !== undefined) {
        // Empty documents (a trailing `---`) are skipped, as kubectl skips them.
        located.push({ file: source.name, document: d });
      }
    }
  }
  const warningsAsErrors = options.warningsAsErrors === true;
  if (unparsed.length > 0) {
    return { findings: unparsed, errors: unparsed.length, warnings: 0, files: sources.length, objects: 0, warningsAsErrors, exitCode: EXIT_UNPARSED };
  }
  const { hostAccessOptedIn, kubernetesVersion, suppress } = options;
  const validationOptions = { hostAccessOptedIn, kubernetesVersion, suppress };
  const validated = validateInputs(located.map(l => ({ manifest: l.document.value as any, label: l.document.label, options: validationOptions })));
  const fileOrder = new Map(sources.map((s, i) => [s.name, i]));
  const findings = validated.findings.flatMap((fs, i) => located[i].document.positionsOf(fs.map(fieldOf))
    .map((position, j) => ({ ...fs[j], file: located[i].file, ...position })))
    // Array.prototype.sort is stable, so document and rule order survive within each group.
    .sort((a, b) => fileOrder.get(a.file)! - fileOrder.get(b.file)! || severityRank(a) - severityRank(b));
  const errors = findings.filter(f => f.severity === ValidationSeverity.ERROR).length;
  const warnings = findings.length - errors;
  return {
    findings,
    errors,
    warnings,
    files: sources.length,
    objects: validated.objects,
    warningsAsErrors,
    exitCode: errors > 0 || (warningsAsErrors && warnings > 0) ? 1 : 0,
  };
}

/** The field a finding is about: its path, in a List item when the finding names one (`(List … items[3])`). */
function fieldOf(f: ValidationFinding): { path: string; item?: number } {
  const item = /items\[([0-9]+)\]\)$/.exec(f.resource);
  return { path: f.path === '(document)' ? '' : f.path, item: item ? Number(item[1]) : undefined };
}

function severityRank(f: ValidationFinding): number {
  return f.severity === ValidationSeverity.ERROR ? 0 : 1;
}

/** One line per finding, `<file>:<line>:<column>: <severity> <Kind ns/name>: <path>: <message> (<rule>)`, then a summary line. */
export function formatCheckText(result: CheckResult): string {
  const lines = result.findings.map(f => printable(`${f.file}:${f.line}:${f.column}: ${f.severity} ${formatFinding(f)}`));
  lines.push(summaryLine(result));
  return lines.join('\n') + '\n';
}

/** `2 errors, 1 warning in 1 file (3 objects)`, the last line of the text output. */
export function summaryLine(r: CheckResult): string {
  const strict = r.warningsAsErrors && r.warnings > 0 ? ' (warnings count as errors)' : '';
  return `${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}${strict} in ${plural(r.files, 'file')} (${plural(r.objects, 'object')})`;
}

/** The machine-readable form: every finding with its file, and the counts. */
export function formatCheckJson(result: CheckResult): string {
  const { findings, errors, warnings, files, objects, exitCode } = result;
  const ordered = findings.map(({ file, line, column, severity, resource, path, message, rule, fix, details }) => (
    { file, line, column, severity, resource, path, message, rule, fix, ...details ? { details } : {} }
  ));
  return JSON.stringify({ findings: ordered, errors, warnings, files, objects, exitCode }, undefined, 2) + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
