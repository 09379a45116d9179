import { readFileSync } from 'fs';
import { refusalFinding, validateInputs, ValidationInput } from './daemon-set-validator';
import { readDocuments } from './documents';
import { ValidationFinding, ValidationSeverity } from './finding';
import { parseKubernetesVersion } from './kubernetes-version';
import { silenceableWarningProblem } from './synth-hook';

/**
 * The `properties` of the plugin's entry in `cdk8s.yaml` (`validations:`).
 */
export interface DaemonSetValidationPluginProps {
  /**
   * Fail the validation on warnings too, not only on errors.
   *
   * @default false
   */
  readonly warningsAsErrors?: boolean;
  /**
   * Host namespaces, hostPath volumes, host ports, privileged containers and root users in the
   * manifests are intended: their warnings are silent (`ValidationOptions.hostAccessOptedIn`).
   *
   * @default false
   */
  readonly hostAccessOptedIn?: boolean;
  /**
   * Warning rule ids (docs/rules.md) not to report, as `ValidationOptions.suppress`.
   *
   * @default - every warning is reported
   * @throws if an id is not a warning rule, or describes a rollout failure
   */
  readonly suppress?: string[];
  /**
   * The Kubernetes release to check against, as `ValidationOptions.kubernetesVersion`: `1.N`
   * from 1.27 to 1.37 (`v1.N` and `1.N.P` read as `1.N`).
   *
   * @default "1.27"
   * @throws if it is not a supported release
   */
  readonly kubernetesVersion?: string;
}

/**
 * One resource in violation of a rule, in the shape of cdk8s-cli's `ValidationViolatingResource`.
 */
export interface ValidationPluginViolatingResource {
  /** The object's `metadata.name` (cdk8s-cli maps it to the construct path from its construct metadata). */
  readonly resourceName: string;
  /** The field paths of the finding, in the API server's syntax. */
  readonly locations: string[];
  /** The manifest file the object is in. */
  readonly manifestPath: string;
}

/**
 * One violation, in the shape of cdk8s-cli's `ValidationViolation`.
 */
export interface ValidationPluginViolation {
  /** `<rule id> (<severity>)`. */
  readonly ruleName: string;
  /** `<Kind namespace/name>: <field path>: <message>`. */
  readonly recommendation: string;
  /** The rule's fix. */
  readonly fix: string;
  /** The object in violation. */
  readonly violatingResources: ValidationPluginViolatingResource[];
}

/**
 * The part of cdk8s-cli's `ValidationReport` the plugin uses.
 */
export interface IValidationPluginReport {
  /** Adds a violation to the report. */
  addViolation(violation: ValidationPluginViolation): void;
  /**
   * Submits the report.
   *
   * @param status `success` or `failure`
   * @param metadata counts shown in the report's summary
   */
  submit(status: string, metadata?: { [key: string]: string }): void;
}

/**
 * The part of cdk8s-cli's `ValidationContext` the plugin uses (cdk8s-cli hands its own object,
 * which has this shape; cdk8s-cli's types are not part of this library's API).
 */
export interface IValidationPluginContext {
  /** Paths of the manifest files `cdk8s synth` wrote. */
  readonly manifests: string[];
  /** The report to fill. */
  readonly report: IValidationPluginReport;
}

/**
 * A cdk8s-cli validation plugin: `cdk8s synth --validate` runs `DaemonSetValidator` on every
 * manifest it synthesized, objects written without this library (raw `ApiObject`s, imported
 * charts) included, all files together as one set (`validateAll`). Each finding is a violation
 * with its rule id and severity, the object, the field path, the message and the rule's fix;
 * cdk8s-cli adds the construct path from its construct metadata. The validation fails on an
 * error (or, with `warningsAsErrors`, on a warning) and on YAML that does not parse.
 *
 * In `cdk8s.yaml` (`version` must be exact; `package` may also be a local path starting with `./`):
 *
 * ```yaml
 * validations:
 *   - package: cdk8s-daemonsets
 *     version: 0.0.0
 *     class: DaemonSetValidationPlugin
 *     properties:
 *       warningsAsErrors: false
 *       hostAccessOptedIn: true
 *       suppress: [env-reference-missing]
 *       kubernetesVersion: "1.30"
 * ```
 *
 * @see https://cdk8s.io/docs/latest/cli/synth/#validation
 */
export class DaemonSetValidationPlugin {
  private readonly props: DaemonSetValidationPluginProps;

  /**
   * @param props the `properties` of the `cdk8s.yaml` entry
   * @throws if `suppress` names an id that is not a warning rule, or a rollout failure, or
   * `kubernetesVersion` is not a supported release
   */
  constructor(props: DaemonSetValidationPluginProps = {}) {
    (props.suppress ?? []).forEach((id, i) => {
      const problem = silenceableWarningProblem(id);
      if (problem) throw new Error(`DaemonSetValidationPlugin properties.suppress[${i}]: "${id}" ${problem}`);
    });
    if (props.kubernetesVersion !== undefined) {
      const release = parseKubernetesVersion(props.kubernetesVersion);
      if (typeof release === 'string') throw new Error(`DaemonSetValidationPlugin properties.kubernetesVersion: ${release}`);
    }
    this.props = props;
  }

  /**
   * Validates `context.manifests` and submits the report (cdk8s-cli calls this).
   */
  public async validate(context: IValidationPluginContext): Promise<void> {
    const findings = this.check(context.manifests);
    for (const { finding: f, manifestPath, resourceName } of findings) {
      context.report.addViolation({
        ruleName: `${f.rule} (${f.severity})`,
        recommendation: f.path ? `${f.resource}: ${f.path}: ${f.message}` : `${f.resource}: ${f.message}`,
        fix: f.fix ?? '',
        violatingResources: [{ resourceName, manifestPath, locations: [f.path || '(document)'] }],
      });
    }
    const errors = findings.filter(({ finding }) => finding.severity === ValidationSeverity.ERROR).length;
    const warnings = findings.length - errors;
    const failed = errors > 0 || (this.props.warningsAsErrors === true && warnings > 0);
    context.report.submit(failed ? 'failure' : 'success', { errors: String(errors), warnings: String(warnings) });
  }

  /** The findings of every document of every manifest file, validated together. */
  private check(manifests: string[]): Array<{ finding: ValidationFinding; manifestPath: string; resourceName: string }> {
    const parseErrors: Array<{ finding: ValidationFinding; manifestPath: string; resourceName: string }> = [];
    const located: Array<{ input: ValidationInput; manifestPath: string }> = [];
    const { hostAccessOptedIn, suppress, kubernetesVersion } = this.props;
    const options = { hostAccessOptedIn, suppress, kubernetesVersion };
    for (const manifestPath of manifests) {
      const bytes = readFileSync(manifestPath);
      const documents = readDocuments({ name: manifestPath, text: bytes.toString('utf8'), bytes });
      // kubectl refuses a file with a document it cannot decode, so nothing else of it is checked (as `check` does).
      const refused = documents.filter(d => d.error !== undefined);
      for (const { label, error, errorLine } of refused) {
        parseErrors.push({ finding: refusalFinding(label, `line ${errorLine}: ${error}`), manifestPath, resourceName: label });
      }
      if (refused.length > 0) continue;
      for (const { label, value } of documents) {
        if (value !== null && value !== undefined) located.push({ input: { manifest: value, label, options }, manifestPath });
      }
    }
    const run = validateInputs(located.map(l => l.input));
    return [...parseErrors, ...run.findings.flatMap((findings, i) => findings.map(finding => ({
      finding,
      manifestPath: located[i].manifestPath,
      resourceName: objectName(located[i].input.manifest) ?? located[i].input.label,
    })))];
  }
}

/** The object's `metadata.name`: cdk8s-cli's construct metadata is keyed by it. */
function objectName(manifest: unknown): string | undefined {
  const name = (manifest as any)?.metadata?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
