import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkLabelMap, promDuration, promString } from './prometheus-values';
import { PrometheusRule, PrometheusRuleSpecGroupsRules, PrometheusRuleSpecGroupsRulesExpr } from '../imports/monitoring.coreos.com';
import { renderableMap } from '../internal/cdk8s-keys';
import { assertValid, propError } from '../internal/errors';
import { checkLabelValue } from '../validation';

/**
 * Alerts every DaemonSet deserves, from kube-state-metrics series, in a PrometheusRule scoped to
 * this DaemonSet (its namespace and name):
 *
 * - `DaemonSetPodsNotScheduled`: nodes that should run a pod have none
 *   (`kube_daemonset_status_desired_number_scheduled` − `current_number_scheduled` > 0);
 * - `DaemonSetPodsMisscheduled`: pods run on nodes that should not run them (`number_misscheduled` > 0);
 * - `DaemonSetRolloutStuck`: fewer pods run the current template than should
 *   (`updated_number_scheduled` < `desired_number_scheduled`) and not one more was updated for `rolloutStuckFor`;
 * - `DaemonSetPodsNotReady`: pods are not ready (`desired_number_scheduled` − `number_ready` > 0)
 *   while no rollout is under way (a rollout's unready pods are the rollout alert's business);
 * - on NodeExporterDaemonSet scraped through its monitor, `NodeExporterDown`: a node's exporter
 *   fails its scrapes (`up == 0`).
 *
 * Each alert carries `summary`, `description` and `runbook` annotations: what broke, what it
 * costs, and where to look first.
 *
 * @see https://github.com/kubernetes/kube-state-metrics/blob/main/docs/metrics/workload/daemonset-metrics.md
 */
export interface DaemonSetAlertsOptions {
  /**
   * Labels of the PrometheusRule object, for the Prometheus `ruleSelector` to pick it up
   * (kube-prometheus-stack selects `release: <its release name>`).
   *
   * @default - the daemon's labels only
   */
  readonly labels?: { [key: string]: string };
  /**
   * Labels added to every alert, e.g. `{ team: 'platform' }` for Alertmanager routing.
   *
   * @default - none
   */
  readonly alertLabels?: { [key: string]: string };
  /**
   * The `severity` label of the alerts.
   *
   * @default 'warning'
   */
  readonly severity?: string;
  /**
   * The `job` label of the kube-state-metrics series (kube-prometheus and kube-prometheus-stack
   * scrape kube-state-metrics as `kube-state-metrics`).
   *
   * @default 'kube-state-metrics'
   */
  readonly kubeStateMetricsJob?: string;
  /**
   * How long nodes may lack their pod before `DaemonSetPodsNotScheduled` fires.
   *
   * @default Duration.minutes(10)
   */
  readonly notScheduledFor?: Duration;
  /**
   * How long pods may run on nodes that should not run them before `DaemonSetPodsMisscheduled` fires.
   *
   * @default Duration.minutes(15)
   */
  readonly misscheduledFor?: Duration;
  /**
   * How long a rollout may go without updating one more pod before `DaemonSetRolloutStuck` fires.
   *
   * @default Duration.minutes(30)
   */
  readonly rolloutStuckFor?: Duration;
  /**
   * How long pods may stay unready, outside a rollout, before `DaemonSetPodsNotReady` fires.
   *
   * @default Duration.minutes(15)
   */
  readonly notReadyFor?: Duration;
  /**
   * How long a node's exporter may fail its scrapes before `NodeExporterDown` fires
   * (NodeExporterDaemonSet with a `serviceMonitor` or `podMonitor`).
   *
   * @default Duration.minutes(15)
   */
  readonly exporterDownFor?: Duration;
}

/** The DaemonSet the alerts watch. @internal */
export interface AlertsTarget {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  /** The exporter-down alert: its name and the `up` series' job, when the daemon is scraped through its monitor. */
  readonly exporterDown?: { readonly alert: string; readonly job: string };
}

/** `kube_daemonset_<metric>` of this DaemonSet, as kube-state-metrics exports it. */
function ksm(selector: string, metric: string): string {
  return `kube_daemonset_${metric}{${selector}}`;
}

/**
 * The PrometheusRule with the DaemonSet health alerts (see DaemonSetAlertsOptions).
 * @internal
 */
export function createDaemonSetAlerts(scope: Construct, target: AlertsTarget, options: DaemonSetAlertsOptions): ApiObject {
  const namespace = target.namespace;
  if (namespace === undefined) {
    throw propError(scope, 'prometheusRule', options, 'the alerts select the DaemonSet by namespace: set metadata.namespace or the Chart\'s namespace');
  }
  const severity = options.severity ?? 'warning';
  assertValid(scope, 'prometheusRule.severity', severity, checkLabelValue(severity));
  const job = options.kubeStateMetricsJob ?? 'kube-state-metrics';
  if (typeof job !== 'string' || job === '') throw propError(scope, 'prometheusRule.kubeStateMetricsJob', job, 'must be a job name');
  const alertLabels = { ...checkLabelMap(scope, 'prometheusRule.alertLabels', options.alertLabels ?? {}), severity };
  const forOf = (prop: keyof DaemonSetAlertsOptions, fallback: Duration) =>
    promDuration(scope, `prometheusRule.${prop}`, (options[prop] as Duration | undefined) ?? fallback);

  const sel = `job=${promString(job)},namespace=${promString(namespace)},daemonset=${promString(target.name)}`;
  const ds = 'DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }}';
  const desired = ksm(sel, 'status_desired_number_scheduled');
  const updated = ksm(sel, 'status_updated_number_scheduled');
  const stuckWindow = forOf('rolloutStuckFor', Duration.minutes(30));
  const rollingOut = `${updated} < ${desired}`;

  const rules: PrometheusRuleSpecGroupsRules[] = [
    alert('DaemonSetPodsNotScheduled', `${desired} - ${ksm(sel, 'status_current_number_scheduled')} > 0`, forOf('notScheduledFor', Duration.minutes(10)), {
      summary: `${ds} has nodes without its pod.`,
      description: `{{ $value }} node(s) that should run a pod of ${ds} run none: the daemon's work (metrics, logs, storage) is missing there.`,
      runbook: 'kubectl describe daemonset shows the nodes it wants; kubectl get events for FailedCreate or FailedScheduling names why: '
        + 'a taint the pods do not tolerate, too little CPU or memory left on the node, a host port already taken, or Pod Security admission refusing the pod.',
    }),
    alert('DaemonSetPodsMisscheduled', `${ksm(sel, 'status_number_misscheduled')} > 0`, forOf('misscheduledFor', Duration.minutes(15)), {
      summary: `${ds} runs pods on nodes that should not run them.`,
      description: `{{ $value }} pod(s) of ${ds} run on nodes its node selector, affinity or tolerations no longer admit.`,
      runbook: 'Compare the node labels and taints (kubectl describe node) with the DaemonSet\'s nodeSelector, affinity and tolerations: '
        + 'a node label changed, or a NoSchedule taint was added without eviction. Fix the selector or the node; the controller then removes the pods.',
    }),
    alert('DaemonSetRolloutStuck', `(${rollingOut}) and changes(${updated}[${stuckWindow}]) == 0`, undefined, {
      summary: `The rollout of ${ds} is stuck.`,
      description: `{{ $value }} pod(s) of ${ds} run the current template, fewer than the nodes that should, and none was updated for ${stuckWindow}: nodes keep the previous version.`,
      runbook: 'kubectl rollout status daemonset shows where it waits; kubectl get pods -o wide finds the new pod that is not ready or not running '
        + '(image pull errors, crash loops, a failing readiness probe). Fix it, or kubectl rollout undo daemonset to go back.',
    }),
    alert('DaemonSetPodsNotReady', `(${desired} - ${ksm(sel, 'status_number_ready')} > 0) unless (${rollingOut})`, forOf('notReadyFor', Duration.minutes(15)), {
      summary: `${ds} has pods that are not ready.`,
      description: `{{ $value }} pod(s) of ${ds} are not ready, outside any rollout: those nodes run without a working daemon.`,
      runbook: 'kubectl get pods -o wide lists the unready pods and their nodes; kubectl describe pod shows the failing probe or the waiting reason, '
        + 'and kubectl logs (with --previous after a restart) why the daemon is unhealthy.',
    }),
  ];
  if (target.exporterDown) {
    const up = `up{job=${promString(target.exporterDown.job)},namespace=${promString(namespace)}}`;
    rules.push(alert(target.exporterDown.alert, `${up} == 0`, forOf('exporterDownFor', Duration.minutes(15)), {
      summary: 'An exporter of {{ $labels.namespace }}/{{ $labels.job }} fails its scrapes.',
      description: 'Prometheus cannot scrape {{ $labels.job }} on node {{ $labels.instance }}: that node\'s metrics are missing, and alerts on them are blind.',
      runbook: 'Check the pod on that node (kubectl get pods -o wide --field-selector spec.nodeName=<node>): not running, or its port refused. '
        + 'Behind kube-rbac-proxy, a 401 or 403 in Prometheus\' target page means Prometheus\' token is not accepted or may not get /metrics.',
    }));
  } else if (options.exporterDownFor !== undefined) {
    throw propError(scope, 'prometheusRule.exporterDownFor', promDuration(scope, 'prometheusRule.exporterDownFor', options.exporterDownFor),
      'the exporter-down alert needs a NodeExporterDaemonSet scraped through its serviceMonitor or podMonitor');
  }
  const labels = renderableMap('/metadata/labels', { ...target.labels, ...checkLabelMap(scope, 'prometheusRule.labels', options.labels ?? {}) });
  const ruleLabels = rules.map((r, i) => renderableMap(`/spec/groups/0/rules/${i}/labels`, { ...alertLabels, ...r.labels }));
  const prometheusRule = new PrometheusRule(scope, 'PrometheusRule', {
    metadata: { name: target.name, namespace, labels: labels.map },
    spec: { groups: [{ name: `${namespace}.${target.name}.daemonset`, rules: rules.map((r, i) => ({ ...r, labels: ruleLabels[i].map })) }] },
  });
  prometheusRule.addJsonPatch(...labels.patches, ...ruleLabels.flatMap(l => l.patches));
  return prometheusRule;

  function alert(name: string, expr: string, forDuration: string | undefined, annotations: { [key: string]: string }): PrometheusRuleSpecGroupsRules {
    return { alert: name, expr: PrometheusRuleSpecGroupsRulesExpr.fromString(expr), for: forDuration, annotations };
  }
}
