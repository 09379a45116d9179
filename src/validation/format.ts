import { ValidationFinding } from './finding';

/**
 * One problem, from a construct prop or a synthesized object: where it is, what is wrong with
 * which value, the rule it breaks and how to fix it.
 */
export interface Problem {
  /** The object, as `Kind namespace/name`; absent for a construct prop. */
  readonly resource?: string;
  /** The field path (`spec.template.spec.containers[0].ports[0].name`) or the prop (`ports[0].name`). */
  readonly path: string;
  /** `Invalid value: "x": why`, in the API server's words. */
  readonly message: string;
  /** The rule id. */
  readonly rule: string;
  /** The construct prop that sets the field, when the problem is in a synthesized object. */
  readonly prop?: string;
  /** What to do about it. */
  readonly fix?: string;
}

/**
 * The one format of every error and finding: `[Kind ns/name: ]path: message (rule[; prop: p])[; fix: …]`.
 * cdk8s puts the construct path in front of synth errors (`[chart/agent] …`); construct errors and
 * printed warnings carry it the same way, and the CLI puts the file name there.
 */
export function formatProblem(p: Problem): string {
  const where = p.resource ? `${p.resource}: ${p.path}` : p.path;
  const fix = p.fix ? `; fix: ${p.fix}` : '';
  return `${where}: ${p.message} (${p.rule}${p.prop ? `; prop: ${p.prop}` : ''})${fix}`;
}

/** A finding in the one format; `prop` names the construct prop that sets its field, when known. */
export function formatFinding(f: ValidationFinding, prop?: string): string {
  return formatProblem({ ...f, prop });
}
