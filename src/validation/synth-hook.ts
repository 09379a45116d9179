import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DaemonSetValidator } from './daemon-set-validator';
import { ValidationFinding, ValidationOptions, ValidationSeverity } from './finding';
import { parseKubernetesVersion } from './kubernetes-version';
import { RULES_BY_ID } from './rules';
import { Ctx, resourceName } from './rules/context';
import { checkHostPortConflicts } from './rules/ports';

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

/**
 * The context key that sets the Kubernetes release the synth-time validation checks against
 * (`ValidationOptions.kubernetesVersion`): `app.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.30')`,
 * or `cdk8s synth --context cdk8s-daemonsets:kubernetesVersion=1.30`. Default 1.27 (cdk8s-plus-27's
 * API level); a value outside 1.27 to 1.37 fails synth.
 */
export const KUBERNETES_VERSION_CONTEXT = 'cdk8s-daemonsets:kubernetesVersion';

const printed = new Set<string>();

/** Kinds other constructs of the App may hold that the cross-object checks read. */
const REFERENCED_KINDS = new Set(['Namespace', 'ServiceAccount', 'ConfigMap', 'Secret']);

/** The construct prop that sets the field a rule reports, for the error text. */
const PROP_HINTS: { [rule: string]: string } = {
  'surge-with-host-port': 'updateStrategy',
  'host-port-conflict': 'port, metricsPort or ports[].number; or nodeSelector / nodeAffinity',
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
 * (warning rule ids to silence, as an array or a comma-separated string; errors and rollout failures cannot be)
 * and `cdk8s-daemonsets:kubernetesVersion` (the release to check against, default 1.27).
 * @internal
 */
export function addSynthValidation(scope: IConstruct, objects: () => ApiObject[], options: ValidationOptions): void {
  addHostPortCheck(scope);
  scope.node.addValidation({
    validate: () => {
      const strict = strictMode(scope.node.tryGetContext(WARNINGS_AS_ERRORS_CONTEXT), process.env.CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS);
      const suppressed = suppressedRules(scope.node.tryGetContext(SUPPRESS_RULES_CONTEXT));
      if (strict.error) suppressed.errors.push(strict.error);
      const version = kubernetesVersionOf(scope.node.tryGetContext(KUBERNETES_VERSION_CONTEXT));
      if (typeof version === 'object') return [...suppressed.errors, version.error];
      const own = objects();
      const ownJson = own.map(o => o.toJson());
      const others = scope.node.root.node.findAll()
        .filter((c): c is ApiObject => c instanceof ApiObject && REFERENCED_KINDS.has(c.kind) && !own.includes(c))
        .map(o => o.toJson());
      const suppress = [...options.suppress ?? [], ...suppressed.ids];
      const kubernetesVersion = version ?? options.kubernetesVersion;
      const findings = DaemonSetValidator.validateAll([...ownJson, ...others], { ...options, suppress, kubernetesVersion })
        .filter(f => ownJson.some(o => resourceName(o) === f.resource));
      return [...suppressed.errors, ...reportFindings(scope, findings, strict.on)];
    },
  });
}

const HOST_PORT_CHECKED = new WeakSet<IConstruct>();

/**
 * The App-wide host-port check (`host-port-conflict`), added once per Chart: every DaemonSet of
 * the App takes part, each serialized once, and the chart reports the conflicts of its own
 * DaemonSets. Per Chart rather than per App because `chart.toJson()` validates only the chart,
 * and per Chart rather than per daemon so that synth stays linear in the number of daemons.
 */
function addHostPortCheck(scope: IConstruct): void {
  const chart = Chart.of(scope);
  if (HOST_PORT_CHECKED.has(chart)) return;
  HOST_PORT_CHECKED.add(chart);
  chart.node.addValidation({
    validate: () => {
      const daemonSets = chart.node.root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'DaemonSet').map(o => {
        const manifest = o.toJson();
        return { manifest, ctx: new Ctx(RULES_BY_ID, resourceName(manifest), {}), own: Chart.of(o) === chart };
      });
      checkHostPortConflicts(daemonSets);
      return daemonSets.filter(d => d.own).flatMap(d => d.ctx.findings.map(withFix));
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

/** The release of the context value (a string, or a number as `--context k=1.30` can give), or why it is none. */
function kubernetesVersionOf(value: unknown): string | undefined | { error: string } {
  if (value === undefined || value === null || value === '') return undefined;
  // A number lost its trailing zero (1.3 for 1.30): every supported minor has two digits.
  const release = parseKubernetesVersion(typeof value === 'number' ? value.toFixed(2) : value);
  return typeof release === 'string' ? { error: `${KUBERNETES_VERSION_CONTEXT}: ${release}` } : release.version;
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

/** The finding line, then what to do about it. */
function withFix(f: ValidationFinding): string {
  return f.fix ? `${formatFinding(f)}; fix: ${f.fix}` : formatFinding(f);
}

/**
 * `Kind ns/name: path: message (rule id; prop: …)`, the shape of the API server's own messages.
 * Plain YAML has no construct props, so the CLI asks for the line without the prop hint.
 */
export function formatFinding(f: ValidationFinding, withPropHint = true): string {
  const hint = withPropHint ? PROP_HINTS[f.rule] : undefined;
  return `${f.resource}: ${f.path}: ${f.message} (${f.rule}${hint ? `; prop: ${hint}` : ''})`;
}
