import { ValidationRule, ValidationSeverity } from '../finding';

/** One rule as the catalogue holds it: the public `ValidationRule` shape. */
export type RuleDef = ValidationRule;

interface Extra {
  readonly linterIds?: string[];
  readonly hostAccess?: boolean;
  readonly rolloutFailure?: boolean;
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
};

export function error(area: string, id: string, summary: string, fix: string, source: string, extra: Extra = {}): RuleDef {
  return def(ValidationSeverity.ERROR, area, id, summary, fix, source, extra);
}

export function warning(area: string, id: string, summary: string, fix: string, source: string, extra: Extra = {}): RuleDef {
  return def(ValidationSeverity.WARNING, area, id, summary, fix, source, extra);
}

function def(severity: ValidationSeverity, area: string, id: string, summary: string, fix: string, source: string, extra: Extra): RuleDef {
  return {
    id,
    severity,
    area,
    summary,
    fix,
    source,
    linterIds: extra.linterIds ?? [],
    hostAccess: extra.hostAccess ?? false,
    rolloutFailure: extra.rolloutFailure ?? false,
  };
}
