import { ValidationFinding, ValidationOptions, ValidationSeverity } from './finding';

/**
 * Checks Kubernetes manifests the way kube-apiserver would, plus known DaemonSet faults.
 *
 * Errors are what the API server rejects (same field paths as its messages); warnings are
 * accepted by the API server but known to break or weaken the daemon. Every rule is listed
 * in docs/rules.md.
 */
export class DaemonSetValidator {
  /**
   * Validate one manifest object (the JSON form of one Kubernetes object).
   *
   * @param manifest the parsed object, e.g. `ApiObject.toJson()` or one YAML document
   * @returns every finding, errors and warnings, in field order; empty when the object is valid
   */
  public static validate(manifest: { [key: string]: any }, options: ValidationOptions = {}): ValidationFinding[] {
    const findings: ValidationFinding[] = [];
    const resource = `${manifest.kind} ${manifest.metadata?.namespace ? manifest.metadata.namespace + '/' : ''}${manifest.metadata?.name}`;
    if (manifest.kind === 'DaemonSet') {
      const selector = manifest.spec?.selector?.matchLabels ?? {};
      const labels = manifest.spec?.template?.metadata?.labels ?? {};
      for (const [k, v] of Object.entries(selector)) {
        if (labels[k] !== v) {
          findings.push({
            severity: ValidationSeverity.ERROR,
            rule: 'selector-matches-template',
            path: 'spec.template.metadata.labels',
            message: `Invalid value: selector does not match template labels (missing ${k}=${v})`,
            resource,
          });
        }
      }
    }
    const suppressed = new Set(options.suppress ?? []);
    return findings.filter(f => f.severity === ValidationSeverity.ERROR || !suppressed.has(f.rule));
  }

  private constructor() {}
}
