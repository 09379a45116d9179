import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DaemonSetValidator } from './daemon-set-validator';
import { ValidationFinding, ValidationOptions, ValidationSeverity } from './finding';
import { formatFinding } from './format';
import { resourceName } from './rules/context';

/**
 * The context key that turns validation warnings into synth errors:
 * `app.node.setContext(WARNINGS_AS_ERRORS_CONTEXT, true)`, or set the environment variable
 * `CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS=1`.
 */
export const WARNINGS_AS_ERRORS_CONTEXT = 'cdk8s-daemonsets:warningsAsErrors';

/**
 * The context key that silences warning rules at synth time, for every construct of the App:
 * an array of rule ids or a comma-separated string, e.g.
 * `app.node.setContext(SUPPRESS_RULES_CONTEXT, ['env-reference-missing'])` when the Secrets the
 * daemons read are created outside the App. It works in strict mode too (`WARNINGS_AS_ERRORS_CONTEXT`).
 * Errors and rollout failures cannot be suppressed: naming one, or an id that is no rule, fails synth.
 */
export const SUPPRESS_RULES_CONTEXT = 'cdk8s-daemonsets:suppressRules';

const printed = new Set<string>();

/** Kinds other constructs of the App may hold that the cross-object checks read. */
const REFERENCED_KINDS = new Set(['Namespace', 'ServiceAccount', 'ConfigMap', 'Secret']);

/** The construct prop that sets the field a rule reports, for the error text. */
const PROP_HINTS: { [rule: string]: string } = {
  'surge-with-host-port': 'updateStrategy',
  'namespace-pod-security': 'metadata.namespace, or the Namespace\'s pod-security.kubernetes.io/enforce label',
  'resource-request-above-limit': 'resources',
  'resource-quantity': 'resources',
  'host-network-host-port': 'ports[].hostPort',
  'port-name': 'ports[].name',
  'selector-matches-template': 'name / metadata.name',
  'mount-propagation': 'hostPathMounts[].propagation or privileged',
  'priority-class-missing': 'priorityClassName',
  'node-selector-os-missing': 'nodeSelector',
  'mutable-image-tag': 'image',
  'resources-missing': 'resources',
  'memory-limit-missing': 'resources',
  'readiness-probe-missing': 'readiness',
  'readiness-gate-missing': 'readiness or minReadySeconds',
  'default-namespace': 'metadata.namespace',
};

/**
 * Validates the objects a construct synthesizes, at synth time (`node.addValidation`): errors,
 * and warnings that describe a rollout or scheduling failure, fail synth (cdk8s prefixes each
 * with the construct path and each ends with the rule's fix); other warnings print once to
 * stderr. Namespaces, ServiceAccounts, ConfigMaps and Secrets elsewhere in the App take part in
 * the cross-object checks.
 *
 * Context keys: `cdk8s-daemonsets:warningsAsErrors` (`true`: every warning fails synth; or the
 * environment variable `CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS=1`) and `cdk8s-daemonsets:suppressRules`
 * (warning rule ids to silence, as an array or a comma-separated string; errors and rollout failures cannot be).
 * @internal
 */
export function addSynthValidation(scope: IConstruct, objects: () => ApiObject[], options: ValidationOptions): void {
  scope.node.addValidation({
    validate: () => {
      const strict = strictMode(scope.node.tryGetContext(WARNINGS_AS_ERRORS_CONTEXT), process.env.CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS);
      const suppressed = suppressedRules(scope.node.tryGetContext(SUPPRESS_RULES_CONTEXT));
      if (strict.error) suppressed.errors.push(strict.error);
      const own = objects();
      const ownJson = own.map(o => o.toJson());
      const others = scope.node.root.node.findAll()
        .filter((c): c is ApiObject => c instanceof ApiObject && REFERENCED_KINDS.has(c.kind) && !own.includes(c))
        .map(o => o.toJson());
      const suppress = [...options.suppress ?? [], ...suppressed.ids];
      const findings = DaemonSetValidator.validateAll([...ownJson, ...others], { ...options, suppress })
        .filter(f => ownJson.some(o => resourceName(o) === f.resource));
      return [...suppressed.errors, ...reportFindings(scope, findings, strict.on)];
    },
  });
}

/**
 * Strict mode from the context key (true, or a string from `cdk8s synth --context`) and the
 * environment variable: 'true'/'1' and 'false'/'0' are understood; anything else is an error
 * rather than a silent "off", since strict mode is what a CI relies on.
 */
function strictMode(context: unknown, env: string | undefined): { on: boolean; error?: string } {
  const parse = (v: unknown): boolean | undefined => {
    if (v === undefined || v === '' || v === false || v === 'false' || v === '0' || v === 0) return false;
    if (v === true || v === 'true' || v === '1' || v === 1) return true;
    return undefined;
  };
  const fromContext = parse(context);
  const fromEnv = parse(env);
  const error = fromContext === undefined ? `${WARNINGS_AS_ERRORS_CONTEXT}: must be true or false, not ${JSON.stringify(context)}`
    : fromEnv === undefined ? `CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS: must be 1 or 0 (or true or false), not ${JSON.stringify(env)}` : undefined;
  return { on: fromContext === true || fromEnv === true, error };
}

/** The rule ids of the suppress context value, and an error for each that is no warning rule. */
function suppressedRules(value: unknown): { ids: string[]; errors: string[] } {
  if (value === undefined || value === null) return { ids: [], errors: [] };
  const raw = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!raw) return { ids: [], errors: [`${SUPPRESS_RULES_CONTEXT}: must be an array of rule ids or a comma-separated string, not ${JSON.stringify(value)}`] };
  const ids = raw.map(id => String(id).trim()).filter(id => id !== '');
  const errors = ids.flatMap(id => {
    const problem = silenceableWarningProblem(id);
    return problem ? [`${SUPPRESS_RULES_CONTEXT}: "${id}" ${problem}`] : [];
  });
  return { ids, errors };
}

/**
 * Why a rule id cannot be silenced (suppressed App-wide or acknowledged by a daemon), or
 * undefined when it can: only warnings can, and not those describing a rollout failure, which the
 * library's constructs refuse.
 * @internal
 */
export function silenceableWarningProblem(id: string): string | undefined {
  const rule = DaemonSetValidator.rules().find(r => r.id === id);
  if (!rule) return 'is not a rule id (see docs/rules.md)';
  if (rule.severity === ValidationSeverity.ERROR) return 'is an error rule; errors cannot be silenced';
  if (rule.rolloutFailure) return 'describes a rollout failure, which cannot be silenced';
  return undefined;
}

/** Splits findings into synth errors (returned) and warnings (printed once to stderr). */
function reportFindings(scope: IConstruct, findings: ValidationFinding[], strict: boolean): string[] {
  const rolloutFailures = new Set(DaemonSetValidator.rules().filter(r => r.rolloutFailure).map(r => r.id));
  const errors: string[] = [];
  for (const f of findings) {
    if (f.severity === ValidationSeverity.ERROR || strict || rolloutFailures.has(f.rule)) {
      errors.push(withFix(f));
      continue;
    }
    const line = `[${scope.node.path}] warning ${withFix(f)}`;
    if (!printed.has(line)) {
      printed.add(line);
      process.stderr.write(line + '\n');
    }
  }
  return errors;
}

/** The finding line with the prop that sets its field, then what to do about it. */
function withFix(f: ValidationFinding): string {
  return formatFinding(f, PROP_HINTS[f.rule]);
}
