import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DaemonSetValidator } from './daemon-set-validator';
import { ValidationFinding, ValidationOptions, ValidationSeverity } from './finding';
import { resourceName } from './rules/context';

/**
 * The context key that turns validation warnings into synth errors:
 * `app.node.setContext(WARNINGS_AS_ERRORS_CONTEXT, true)`, or set the environment variable
 * `CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS=1`.
 */
export const WARNINGS_AS_ERRORS_CONTEXT = 'cdk8s-daemonsets:warningsAsErrors';

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
 * with the construct path); other warnings print once to stderr. Namespaces, ServiceAccounts,
 * ConfigMaps and Secrets elsewhere in the App take part in the cross-object checks.
 * @internal
 */
export function addSynthValidation(scope: IConstruct, objects: () => ApiObject[], options: ValidationOptions): void {
  scope.node.addValidation({
    validate: () => {
      const strict = scope.node.tryGetContext(WARNINGS_AS_ERRORS_CONTEXT) === true
        || process.env.CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS === '1';
      const own = objects();
      const ownJson = own.map(o => o.toJson());
      const others = scope.node.root.node.findAll()
        .filter((c): c is ApiObject => c instanceof ApiObject && REFERENCED_KINDS.has(c.kind) && !own.includes(c))
        .map(o => o.toJson());
      const findings = DaemonSetValidator.validateAll([...ownJson, ...others], options)
        .filter(f => ownJson.some(o => resourceName(o) === f.resource));
      return reportFindings(scope, findings, strict);
    },
  });
}

/** Splits findings into synth errors (returned) and warnings (printed once to stderr). */
function reportFindings(scope: IConstruct, findings: ValidationFinding[], strict: boolean): string[] {
  const rolloutFailures = new Set(DaemonSetValidator.rules().filter(r => r.rolloutFailure).map(r => r.id));
  const errors: string[] = [];
  for (const f of findings) {
    if (f.severity === ValidationSeverity.ERROR || strict || rolloutFailures.has(f.rule)) {
      errors.push(formatFinding(f));
      continue;
    }
    const line = `[${scope.node.path}] warning ${formatFinding(f)}`;
    if (!printed.has(line)) {
      printed.add(line);
      process.stderr.write(line + '\n');
    }
  }
  return errors;
}

/**
 * `Kind ns/name: path: message (rule id; prop: …)`, the shape of the API server's own messages.
 * Plain YAML has no construct props, so the CLI asks for the line without the prop hint.
 */
export function formatFinding(f: ValidationFinding, withPropHint = true): string {
  const hint = withPropHint ? PROP_HINTS[f.rule] : undefined;
  return `${f.resource}: ${f.path}: ${f.message} (${f.rule}${hint ? `; prop: ${hint}` : ''})`;
}
