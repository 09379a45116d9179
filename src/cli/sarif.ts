import { sep } from 'path';
import { CheckResult } from './check';
import { DaemonSetValidator, ValidationRule, ValidationSeverity } from '../validation/engine';

/** The SARIF version `--format sarif` writes, and the schema it follows. */
const SARIF_VERSION = '2.1.0';
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * `check`'s findings as a SARIF 2.1.0 log, for code-scanning tools: one run, the rules that
 * fired (with their summary, fix and source), and one result per finding at its file, line and
 * column. File names are given as the user gave them (relative URIs), so a tool resolves them
 * against the directory the check ran in.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export function formatCheckSarif(result: CheckResult, toolVersion: string): string {
  const catalogue = new Map(DaemonSetValidator.rules().map(r => [r.id, r]));
  const ruleIds = [...new Set(result.findings.map(f => f.rule))];
  const rules = ruleIds.map(id => sarifRule(id, catalogue.get(id)));
  const results = result.findings.map(f => ({
    ruleId: f.rule,
    ruleIndex: ruleIds.indexOf(f.rule),
    level: f.severity === ValidationSeverity.ERROR ? 'error' : 'warning',
    message: { text: `${f.resource}: ${f.path === '' ? '' : `${f.path}: `}${f.message}` },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: fileUri(f.file) },
        region: { startLine: f.line, startColumn: f.column },
      },
      logicalLocations: [{ name: f.path === '' ? f.resource : f.path, fullyQualifiedName: `${f.resource}/${f.path}`, kind: 'member' }],
    }],
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [{
      tool: { driver: { name: 'cdk8s-daemonsets', semanticVersion: toolVersion, informationUri: 'https://github.com/cdk8s-daemonsets/cdk8s-daemonsets', rules } },
      results,
      invocations: [{ executionSuccessful: result.exitCode !== 2, exitCode: result.exitCode }],
    }],
  };
  return JSON.stringify(log, undefined, 2) + '\n';
}

function sarifRule(id: string, rule: ValidationRule | undefined): object {
  if (rule === undefined) return { id };
  return {
    id,
    shortDescription: { text: rule.summary },
    help: { text: rule.fix },
    helpUri: rule.source,
    defaultConfiguration: { level: rule.severity === ValidationSeverity.ERROR ? 'error' : 'warning' },
    properties: { area: rule.area, linterIds: rule.linterIds },
  };
}

/**
 * A relative URI reference for a file name as the user gave it (`-` is stdin). A backslash
 * separates folders on Windows only: elsewhere it is part of a name, and is percent-encoded.
 */
function fileUri(file: string): string {
  const separators = sep === '\\' ? /[\\/]/ : /\//;
  if (file === '-') return 'stdin';
  const path = file.split(separators).map(encodeURIComponent).join('/');
  return file.startsWith('/') ? `file://${path}` : path;
}
