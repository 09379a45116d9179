import { parseManifests, SourceFile } from './input';
import { DaemonSetValidator, ValidationFinding, ValidationSeverity } from '../validation';
import { resourceName } from '../validation/rules/context';
import { formatFinding } from '../validation/synth-hook';

/** Options of `cdk8s-daemonsets check`. */
export interface CheckOptions {
  /** Any warning fails the check (exit code 1). */
  readonly warningsAsErrors?: boolean;
  /** Host access in the manifests is intended: the validator's `hostAccessOptedIn`. */
  readonly hostAccessOptedIn?: boolean;
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

interface Located {
  readonly file: string;
  readonly manifest: any;
}

/**
 * Validates every document of every source in one `validateAll` call, so a Namespace or
 * ServiceAccount in one file counts for a DaemonSet in another (as `kubectl apply -f a -f b`).
 * Throws UsageError when a source does not parse.
 */
export function checkSources(sources: SourceFile[], options: CheckOptions = {}): CheckResult {
  const located: Located[] = sources.flatMap(s => parseManifests(s).map(manifest => ({ file: s.name, manifest })));
  const raw = DaemonSetValidator.validateAll(located.map(l => l.manifest), { hostAccessOptedIn: options.hostAccessOptedIn });
  const fileOrder = sources.map(s => s.name);
  const findings = attributeToFiles(raw, located)
    // Array.prototype.sort is stable, so document and rule order survive within each group.
    .sort((a, b) => fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || severityRank(a) - severityRank(b));
  const errors = findings.filter(f => f.severity === ValidationSeverity.ERROR).length;
  const warnings = findings.length - errors;
  const warningsAsErrors = options.warningsAsErrors === true;
  return {
    findings,
    errors,
    warnings,
    files: sources.length,
    objects: located.length,
    warningsAsErrors,
    exitCode: errors > 0 || (warningsAsErrors && warnings > 0) ? 1 : 0,
  };
}

/**
 * validateAll returns findings in object order but names objects, not inputs, so walk the
 * objects alongside: two files may hold objects of the same name.
 */
function attributeToFiles(findings: ValidationFinding[], located: Located[]): FileFinding[] {
  const names = located.map(l => resourceName(l.manifest));
  let cursor = 0;
  return findings.map(f => {
    const next = names.indexOf(f.resource, cursor);
    cursor = next >= 0 ? next : cursor;
    const at = next >= 0 ? next : Math.max(0, names.indexOf(f.resource));
    return { ...f, file: located[at]?.file ?? '' };
  });
}

function severityRank(f: ValidationFinding): number {
  return f.severity === ValidationSeverity.ERROR ? 0 : 1;
}

/** One line per finding, `<file>: <severity> <Kind ns/name>: <path>: <message> (<rule>)`, then a summary line. */
export function formatCheckText(result: CheckResult): string {
  const lines = result.findings.map(f => `${f.file}: ${f.severity} ${formatFinding(f, false)}`);
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
    file: f.file, severity: f.severity, resource: f.resource, path: f.path, message: f.message, rule: f.rule,
  }));
  return JSON.stringify({ findings: ordered, errors, warnings, files, objects, exitCode }, undefined, 2) + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
