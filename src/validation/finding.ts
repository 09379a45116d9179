/**
 * How serious a validation finding is.
 */
export enum ValidationSeverity {
  /** The API server would reject the object. Synthesis fails. */
  ERROR = 'error',
  /** The API server accepts the object, but it is a known fault (see docs/rules.md). */
  WARNING = 'warning',
}

/**
 * One problem found in a manifest.
 */
export interface ValidationFinding {
  /** Whether the API server would reject the object (`error`) or it is a known fault (`warning`). */
  readonly severity: ValidationSeverity;
  /** The rule id, as listed in docs/rules.md (for example `selector-matches-template`). */
  readonly rule: string;
  /**
   * The field path the API server would name, in its syntax:
   * dots for fields, `[i]` for list indexes, `[key]` for map keys.
   *
   * @example 'spec.template.spec.containers[0].ports[0].containerPort'
   */
  readonly path: string;
  /** What is wrong, with the bad value and the rule it breaks. */
  readonly message: string;
  /** The object the finding is about, as `Kind namespace/name` (or `Kind name`). */
  readonly resource: string;
  /**
   * How to fix it: the rule's `fix` text from the catalogue (`DaemonSetValidator.rules()`, docs/rules.md).
   *
   * @default - no fix text (findings built outside the validator)
   */
  readonly fix?: string;

  /**
   * The fields behind a finding that sums several up (`host-access` lists every host namespace,
   * hostPath volume, privileged container, added capability, custom SELinux type, root container
   * and host port of the DaemonSet), one per field, under the rule ids that name them
   * (`host-path-volume`, `privileged-container`, ...). Suppressing one of those ids drops its details.
   *
   * @default - a finding about one field
   */
  readonly details?: ValidationFindingDetail[];
}

/**
 * One field behind a finding that sums several up (`ValidationFinding.details`).
 */
export interface ValidationFindingDetail {
  /** The rule id of this field's concern, as listed in docs/rules.md (for example `writable-host-path`). */
  readonly rule: string;
  /** The field path, in the API server's syntax. */
  readonly path: string;
  /** What the field gives the pod, in a few words (`varlog (/var/log)`). */
  readonly message: string;
}

/**
 * Options for `DaemonSetValidator.validate()`.
 */
export interface ValidationOptions {
  /**
   * Warning rule ids not to report, for concerns the caller has opted into explicitly
   * (a construct that was asked for `hostNetwork` does not warn about host networking).
   *
   * @default - every warning is reported
   */
  readonly suppress?: string[];

  /**
   * Whether host access in the object (host namespaces, hostPath volumes, host ports,
   * privileged containers, added capabilities, root users) was asked for explicitly, as the
   * library's constructs ask for it through props. Host-access warnings are then silent;
   * faults (a rollout that stalls, a mutable image tag) are still reported.
   *
   * @default false
   */
  readonly hostAccessOptedIn?: boolean;

  /**
   * The Kubernetes release to check against, `1.N` (`v1.N` and `1.N.P` are read as `1.N`):
   * which API versions are served (a removed one is an error naming the release that removed
   * it), which fields are known (unknown fields are errors, as with kubectl's default strict
   * field validation), which fields a release's default feature gates drop, the env var name
   * rules (relaxed from 1.32), and the Pod Security policy version.
   *
   * @default "1.27" - cdk8s-plus-27's API level; supported: 1.27 to 1.37. An unsupported value throws.
   */
  readonly kubernetesVersion?: string;
}

/**
 * One rule of `DaemonSetValidator`, as documented in docs/rules.md.
 */
export interface ValidationRule {
  /** The stable kebab-case rule id, e.g. `selector-matches-template`. */
  readonly id: string;
  /** `error` when the API server (or the pod's admission) rejects it; `warning` for a known fault. */
  readonly severity: ValidationSeverity;
  /** The API area the rule belongs to, e.g. `ports`, `resources`. */
  readonly area: string;
  /** What the rule catches. */
  readonly summary: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** The Kubernetes source or documentation the rule follows (a URL). */
  readonly source: string;
  /**
   * The kube-linter, kube-score and Polaris checks the rule matches, as `tool:check-id`.
   * Empty when no linter checks it.
   */
  readonly linterIds: string[];
  /** Whether the warning is silent for host access the caller opted into (`hostAccessOptedIn`). */
  readonly hostAccess: boolean;
  /** Whether the warning describes a rollout or scheduling failure, which the library's own constructs refuse. */
  readonly rolloutFailure: boolean;
}
