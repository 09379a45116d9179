import { readDocuments, SourceFile } from './input';
import { printable } from './io';
import { formatFinding, validateInputs, ValidationFinding, ValidationSeverity, yamlParseFinding } from '../validation';

/** Options of `cdk8s-daemonsets check`. */
export interface CheckOptions {
  /** Any warning fails the check (exit code 1). */
  readonly warningsAsErrors?: boolean;
  /** Host access in the manifests is intended: the validator's `hostAccessOptedIn`. */
  readonly hostAccessOptedIn?: boolean;
  /** The Kubernetes release to check against: the validator's `kubernetesVersion`. */
  readonly kubernetesVersion?: string;
}

/** A finding and the input it came from. */
export interface FileFinding extends ValidationFinding {
  readonly file: string;
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
  readonly label: string;
  readonly manifest: any;
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
        unparsed.push({ ...yamlParseFinding(d.label, d.error), file: source.name });
      } else if (d.value !== null && d.value !== undefined) {
        // Empty documents (a trailing `---`) are skipped, as kubectl skips them.
        located.push({ file: source.name, label: d.label, manifest: d.value });
      }
    }
  }
  const warningsAsErrors = options.warningsAsErrors === true;
  if (unparsed.length > 0) {
    return { findings: unparsed, errors: unparsed.length, warnings: 0, files: sources.length, objects: 0, warningsAsErrors, exitCode: EXIT_UNPARSED };
  }
  const validationOptions = { hostAccessOptedIn: options.hostAccessOptedIn, kubernetesVersion: options.kubernetesVersion };
  const validated = validateInputs(located.map(l => ({ manifest: l.manifest, label: l.label, options: validationOptions })));
  const fileOrder = sources.map(s => s.name);
  const findings = validated.findings.flatMap((fs, i) => fs.map(f => ({ ...f, file: located[i].file })))
    // Array.prototype.sort is stable, so document and rule order survive within each group.
    .sort((a, b) => fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || severityRank(a) - severityRank(b));
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

function severityRank(f: ValidationFinding): number {
  return f.severity === ValidationSeverity.ERROR ? 0 : 1;
}

/** One line per finding, `<file>: <severity> <Kind ns/name>: <path>: <message> (<rule>)`, then a summary line. */
export function formatCheckText(result: CheckResult): string {
  const lines = result.findings.map(f => printable(`${f.file}: ${f.severity} ${formatFinding(f)}`));
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
  const ordered = findings.map(f => ({
    file: f.file,
    severity: f.severity,
    resource: f.resource,
    path: f.path,
    message: f.message,
    rule: f.rule,
    fix: f.fix,
    ...f.details ? { details: f.details } : {},
  }));
  return JSON.stringify({ findings: ordered, errors, warnings, files, objects, exitCode }, undefined, 2) + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
