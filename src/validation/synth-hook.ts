import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DaemonSetValidator } from './daemon-set-validator';
import { ValidationFinding, ValidationOptions, ValidationSeverity } from './finding';

/**
 * The context key that turns validation warnings into synth errors:
 * `app.node.setContext(WARNINGS_AS_ERRORS_CONTEXT, true)`, or set the environment variable
 * `CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS=1`.
 */
export const WARNINGS_AS_ERRORS_CONTEXT = 'cdk8s-daemonsets:warningsAsErrors';

const printed = new Set<string>();

/**
 * Validates the objects a construct synthesizes, at synth time (`node.addValidation`): errors
 * fail synth (cdk8s prefixes each with the construct path); warnings print once to stderr.
 * @internal
 */
export function addSynthValidation(scope: IConstruct, objects: () => ApiObject[], options: ValidationOptions): void {
  scope.node.addValidation({
    validate: () => {
      const strict = scope.node.tryGetContext(WARNINGS_AS_ERRORS_CONTEXT) === true
        || process.env.CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS === '1';
      const errors: string[] = [];
      for (const obj of objects()) {
        for (const f of DaemonSetValidator.validate(obj.toJson(), options)) {
          if (f.severity === ValidationSeverity.ERROR || strict) {
            errors.push(formatFinding(f));
          } else {
            const line = `[${scope.node.path}] warning ${formatFinding(f)}`;
            if (!printed.has(line)) {
              printed.add(line);
              process.stderr.write(line + '\n');
            }
          }
        }
      }
      return errors;
    },
  });
}

/** `Kind ns/name: path: message (rule id)`, the shape of the API server's own messages. */
export function formatFinding(f: ValidationFinding): string {
  return `${f.resource}: ${f.path}: ${f.message} (${f.rule})`;
}
