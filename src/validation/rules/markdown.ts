import { Rule } from './rule';

/** docs/rules.md, generated from the rule catalogue so the two cannot drift apart. */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const out: string[] = [
    '# Validation rules',
    '',
    '<!-- Generated from the rule definitions (src/validation/rules/*.ts); test/validation/rules-doc.test.ts keeps it in step. -->',
    '<!-- Regenerate: npx ts-node --project tsconfig.dev.json bench/write-rules-doc.ts -->',
    '',
    '`DaemonSetValidator` reports **errors** for what kube-apiserver (or pod admission) rejects, at the field',
    'path the API server names, and **warnings** for what it accepts but is a known fault.',
    '',
    '- *host access*: silent when `hostAccessOptedIn` is set (the library\'s constructs add host access only through explicit props).',
    '- *rollout failure*: a warning for any YAML, but the library\'s own constructs fail synth on it.',
    '- Set `CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS=1` (or the context key `cdk8s-daemonsets:warningsAsErrors`) to fail synth on every warning.',
    '- Set the context key `cdk8s-daemonsets:suppressRules` (`SUPPRESS_RULES_CONTEXT`) to warning rule ids, as an array or a comma-separated string, to silence them at synth time, e.g. `app.node.setContext(\'cdk8s-daemonsets:suppressRules\', [\'env-reference-missing\'])` when the Secrets a daemon reads are created outside the App. `DaemonSetValidator` takes the same ids as `suppress`; one daemon silences its own with the `acknowledgedWarnings` prop. Errors and rollout failures cannot be silenced: naming one, or an unknown id, fails synth.',
    '- Every finding carries its rule\'s *fix* text (`ValidationFinding.fix`); synth errors, construct errors, printed warnings and `cdk8s-daemonsets check` lines end with it.',
    '- *code*: the module that defines the rule and runs its check; its constant is the id in capitals (`port-name` is `PORT_NAME`).',
    '',
    `${rules.length} rules: ${rules.filter(r => r.severity === 'error').length} errors, ${rules.filter(r => r.severity === 'warning').length} warnings.`,
  ];
  let area = '';
  for (const r of rules) {
    if (r.area !== area) {
      area = r.area;
      out.push('', `## ${area}`, '', '| id | severity | catches | fix | source | linters | code |', '|---|---|---|---|---|---|---|');
    }
    const flags = [r.hostAccess ? 'host access' : '', r.rolloutFailure ? 'rollout failure' : ''].filter(Boolean).join(', ');
    const severity = flags ? `${r.severity} (${flags})` : r.severity;
    const linters = r.linterIds.length ? r.linterIds.map(l => `\`${l}\``).join(', ') : '–';
    out.push(`| \`${r.id}\` | ${severity} | ${cell(r.summary)} | ${cell(r.fix)} | [source](${r.source}) | ${linters} | [${basename(r.file)}](../${r.file}) |`);
  }
  return out.join('\n') + '\n';
}

function basename(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
