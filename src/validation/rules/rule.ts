import { ValidationRule, ValidationSeverity } from '../finding';

/**
 * One validation rule: its id, severity, what it catches, how to fix it, the Kubernetes source it
 * follows, the linter checks it matches, and the module that defines and checks it. Checks report
 * through the value (`ctx.invalid(PORT_NAME, path, value, detail)`), never through a string id,
 * so the compiler finds every use and a rule's code is in the file its id names in docs/rules.md.
 */
export interface Rule extends ValidationRule {
  /** The module that defines the rule and runs its check, relative to the package root (`src/validation/rules/ports.ts`). */
  readonly file: string;
  /** Other rule ids that silence this one too (see `RuleOptions.silencedBy`). */
  readonly silencedBy: readonly string[];
  /** The Kubernetes releases it applies to; undefined for every supported release. */
  readonly kubernetes?: string;
  /** What it is known to miss or over-report; undefined when nothing is known. */
  readonly limits?: string;
}

/**
 * A value that breaks a rule, and why (in the API server's words): what a pure check returns,
 * so the validator and a construct's prop check report the same rule with the same text.
 */
export interface Violation {
  readonly rule: Rule;
  readonly reason: string;
}

/** What a rule is beyond its text. */
export interface RuleOptions {
  /** The kube-linter, kube-score and Polaris checks it matches, as `tool:check-id`. */
  readonly linterIds?: string[];
  /** A warning that is silent when the caller opted into host access. */
  readonly hostAccess?: boolean;
  /** A warning that describes a rollout or scheduling failure: the library's constructs fail synth on it. */
  readonly rolloutFailure?: boolean;
  /** Other rule ids that silence this one too (`suppress`, `acknowledgedWarnings`): ids of findings folded into it. */
  readonly silencedBy?: string[];
  /** The Kubernetes releases the rule applies to, when not every supported one (`1.29+`, `before 1.32`). */
  readonly kubernetes?: string;
  /** What the rule is known to miss or over-report, for docs/rules.md. */
  readonly limits?: string;
}

/**
 * The rules of one API area, defined in the area's module and listed under the area's name in
 * docs/rules.md, in definition order:
 *
 *   const PORTS = new RuleArea('ports', 'src/validation/rules/ports.ts');
 *   export const PORT_NAME = PORTS.error('port-name', 'summary', 'fix', SRC.NAMES);
 */
export class RuleArea {
  /** Every rule of the area, in definition order. */
  public readonly rules: Rule[] = [];

  /**
   * @param name the heading in docs/rules.md
   * @param file the module that calls this constructor, relative to the package root
   */
  constructor(public readonly name: string, public readonly file: string) {}

  /** A rule for what the API server (or the pod's admission) refuses. */
  public error(id: string, summary: string, fix: string, source: string, options: RuleOptions = {}): Rule {
    return this.add(ValidationSeverity.ERROR, id, summary, fix, source, options);
  }

  /** A rule for what the API server accepts but is a known fault. */
  public warning(id: string, summary: string, fix: string, source: string, options: RuleOptions = {}): Rule {
    return this.add(ValidationSeverity.WARNING, id, summary, fix, source, options);
  }

  private add(severity: ValidationSeverity, id: string, summary: string, fix: string, source: string, options: RuleOptions): Rule {
    const rule: Rule = Object.freeze({
      id,
      severity,
      area: this.name,
      summary,
      fix,
      source,
      linterIds: Object.freeze([...options.linterIds ?? []]) as string[],
      hostAccess: options.hostAccess ?? false,
      rolloutFailure: options.rolloutFailure ?? false,
      file: this.file,
      silencedBy: Object.freeze([...options.silencedBy ?? []]),
      kubernetes: options.kubernetes,
      limits: options.limits,
    });
    this.rules.push(rule);
    return rule;
  }
}

const K8S = 'https://github.com/kubernetes/kubernetes/blob/master/pkg/apis';
/** Where the rules come from, so docs/rules.md can link each one. */
export const SRC = {
  APPS: `${K8S}/apps/validation/validation.go`,
  CORE: `${K8S}/core/validation/validation.go`,
  META: 'https://github.com/kubernetes/apimachinery/blob/master/pkg/api/validation/objectmeta.go',
  NAMES: 'https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go',
  QUANTITY: 'https://github.com/kubernetes/apimachinery/blob/master/pkg/api/resource/quantity.go',
  WARNINGS: 'https://github.com/kubernetes/kubernetes/blob/master/pkg/api/pod/warnings.go',
  PSS: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
  DEPRECATIONS: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-16',
  DAEMONSET: 'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  TAINTS: 'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions',
  SURGE: 'https://github.com/kubernetes/kubernetes/issues/106417',
  NODE_PORTS: 'https://github.com/kubernetes/kubernetes/blob/master/pkg/scheduler/framework/plugins/nodeports/node_ports.go',
  DNS: 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy',
  RESOURCES: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  SECURITY: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  RBAC: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
  PROBES: 'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
  PRIORITY: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/',
  IMAGES: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
  NODE_EXPORTER: 'https://github.com/prometheus/node_exporter/blob/master/CHANGELOG.md',
  LABELS: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/',
  FEATURE_GATES: 'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/',
  FIELD_VALIDATION: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
  PSA_LABELS: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/#pod-security-admission-labels-for-namespaces',
  COMMAND: 'https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#run-a-command-in-a-shell',
  API_GROUPS: 'https://kubernetes.io/docs/reference/using-api/#api-groups',
  SECRETS: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
};
