import { Chart, Duration } from 'cdk8s';
import { DAEMONS, errorOf, expectSchemaValid, render } from './helpers';
import { describeWithPrometheus } from './prometheus-oracle';
import { NodeDaemonSet, NodeExporterDaemonSet } from '../../src';
import { byKind } from '../helpers/synth';

/**
 * The kube-state-metrics DaemonSet series (kube-state-metrics docs/metrics/workload/daemonset-metrics.md,
 * unchanged since v2.0): the alerts may use no other.
 */
const KSM_DAEMONSET_SERIES = [
  'kube_daemonset_status_current_number_scheduled', 'kube_daemonset_status_desired_number_scheduled',
  'kube_daemonset_status_number_available', 'kube_daemonset_status_number_misscheduled', 'kube_daemonset_status_number_ready',
  'kube_daemonset_status_number_unavailable', 'kube_daemonset_status_observed_generation', 'kube_daemonset_status_updated_number_scheduled',
];

function rulesOf(manifests: any[]): any[] {
  return byKind(manifests, 'PrometheusRule').spec.groups.flatMap((g: any) => g.rules);
}

const exporter = (props: object = {}) => render(s => new NodeExporterDaemonSet(s, 'node-exporter', {
  metadata: { name: 'node-exporter' }, serviceMonitor: {}, prometheusRule: {}, ...props,
}));

describe('prometheusRule', () => {
  test('the alerts, scoped to the DaemonSet by job, namespace and name', () => {
    const manifests = exporter();
    const rule = byKind(manifests, 'PrometheusRule');
    expect(rule.metadata).toMatchObject({ name: 'node-exporter', namespace: 'monitoring' });
    expect(rule.spec.groups.map((g: any) => g.name)).toEqual(['monitoring.node-exporter.daemonset']);
    expect(rulesOf(manifests).map(r => [r.alert, r.for, r.labels])).toEqual([
      ['DaemonSetPodsNotScheduled', '10m', { severity: 'warning' }],
      ['DaemonSetPodsMisscheduled', '15m', { severity: 'warning' }],
      ['DaemonSetRolloutStuck', undefined, { severity: 'warning' }],
      ['DaemonSetPodsNotReady', '15m', { severity: 'warning' }],
      ['NodeExporterDown', '15m', { severity: 'warning' }],
    ]);
    const sel = '{job="kube-state-metrics",namespace="monitoring",daemonset="node-exporter"}';
    expect(rulesOf(manifests)[0].expr).toBe(`kube_daemonset_status_desired_number_scheduled${sel} - kube_daemonset_status_current_number_scheduled${sel} > 0`);
    expect(rulesOf(manifests)[4].expr).toBe('up{job="node-exporter",namespace="monitoring"} == 0');
    for (const r of rulesOf(manifests)) expect(Object.keys(r.annotations).sort()).toEqual(['description', 'runbook', 'summary']);
    expectSchemaValid(manifests);
    expect(manifests).toMatchSnapshot();
  });

  test('thresholds, severity and labels are props', () => {
    const rules = rulesOf(exporter({
      prometheusRule: {
        notScheduledFor: Duration.minutes(5),
        misscheduledFor: Duration.hours(1),
        rolloutStuckFor: Duration.hours(2),
        notReadyFor: Duration.seconds(90),
        exporterDownFor: Duration.minutes(3),
        severity: 'critical',
        alertLabels: { team: 'platform' },
        kubeStateMetricsJob: 'ksm',
      },
    }));
    expect(rules.map(r => r.for)).toEqual(['5m', '1h', undefined, '1m30s', '3m']);
    expect(rules[2].expr).toContain('changes(kube_daemonset_status_updated_number_scheduled{job="ksm",namespace="monitoring",daemonset="node-exporter"}[2h]) == 0');
    for (const r of rules) expect(r.labels).toEqual({ team: 'platform', severity: 'critical' });
  });

  test('a jobLabel the pods lack, named like an Object.prototype member, falls back to the default job as any other missing label does', () => {
    // Prometheus names the job from the jobLabel's value; without it, a PodMonitor's job is <namespace>/<name>, a ServiceMonitor's the Service name.
    expect(rulesOf(exporter({ serviceMonitor: undefined, podMonitor: { jobLabel: 'toString' } }))[4].expr).toBe('up{job="monitoring/node-exporter",namespace="monitoring"} == 0');
    expect(rulesOf(exporter({ serviceMonitor: { jobLabel: 'constructor' } }))[4].expr).toBe('up{job="node-exporter",namespace="monitoring"} == 0');
    expect(rulesOf(exporter({ serviceMonitor: undefined, podMonitor: { jobLabel: 'not-a-label' } }))[4].expr).toBe('up{job="monitoring/node-exporter",namespace="monitoring"} == 0');
  });

  test('the exporter-down alert follows the monitor\'s job, and only node-exporter has it', () => {
    const viaPods = rulesOf(exporter({ serviceMonitor: undefined, podMonitor: {} }));
    expect(viaPods[4].expr).toBe('up{job="node-exporter",namespace="monitoring"} == 0');
    expect(rulesOf(exporter({ serviceMonitor: undefined })).map(r => r.alert)).not.toContain('NodeExporterDown');
    for (const [, make] of DAEMONS.slice(1)) {
      expect(rulesOf(render(s => make(s, { serviceMonitor: {}, prometheusRule: {} }))).map(r => r.alert)).not.toContain('NodeExporterDown');
    }
  });

  test('names that would break out of a PromQL string stay inside it', () => {
    const rules = rulesOf(exporter({ prometheusRule: { kubeStateMetricsJob: 'a"} or vector(1) #' } }));
    expect(rules[1].expr).toBe('kube_daemonset_status_number_misscheduled{job="a\\"} or vector(1) #",namespace="monitoring",daemonset="node-exporter"} > 0');
  });

  test.each<[string, (s: any) => unknown, RegExp]>([
    ['no namespace', s => new NodeDaemonSet(new Chart(s.node.root, 'plain'), 'agent', { image: 'example.com/a:v1', prometheusRule: {} }),
      /prometheusRule: Invalid value: .*select the DaemonSet by namespace/],
    ['exporterDownFor without the exporter alert', s => new NodeExporterDaemonSet(s, 'ne', { prometheusRule: { exporterDownFor: Duration.minutes(1) } }),
      /prometheusRule\.exporterDownFor: Invalid value: "1m": the exporter-down alert needs a NodeExporterDaemonSet scraped through its serviceMonitor or podMonitor/],
    ['a bad severity', s => new NodeExporterDaemonSet(s, 'ne', { prometheusRule: { severity: 'very bad' } }), /prometheusRule\.severity: Invalid value: "very bad"/],
    ['a zero duration', s => new NodeExporterDaemonSet(s, 'ne', { prometheusRule: { notReadyFor: Duration.seconds(0) } }), /prometheusRule\.notReadyFor: Invalid value: "0ms"/],
  ])('refuses %s', (_what, build, message) => {
    expect(errorOf(build)).toMatch(message);
  });
});

describeWithPrometheus('the alerts, loaded by Prometheus 3.16\'s own rule loader (rulefmt, as promtool check rules)', check => {
  const specs = [
    ['node-exporter', byKind(exporter(), 'PrometheusRule').spec],
    ['escaped job', byKind(exporter({ prometheusRule: { kubeStateMetricsJob: 'a"} or vector(1) #' } }), 'PrometheusRule').spec],
    ...DAEMONS.slice(1).map(([name, make]) => [name, byKind(render(s => make(s, { prometheusRule: {} })), 'PrometheusRule').spec]),
  ] as Array<[string, any]>;
  const answers = check(specs.map(([id, rules]) => ({ id, rules })));

  test.each(specs.map(([id], i) => [id, answers[i]] as const))('%s: no error, and only kube-state-metrics series (and up)', (_id, answer) => {
    expect(answer.errors).toEqual([]);
    const metrics = [...new Set(answer.rules!.flatMap(r => r.metrics))];
    expect(metrics.filter(m => m !== 'up' && !KSM_DAEMONSET_SERIES.includes(m))).toEqual([]);
  });

  test('Prometheus parses the escaped job back to the value given (the quote does not end the string)', () => {
    const misscheduled = answers[1].rules!.find(r => r.name === 'DaemonSetPodsMisscheduled')!;
    expect(misscheduled.expr).toBe('kube_daemonset_status_number_misscheduled{daemonset="node-exporter",job="a\\"} or vector(1) #",namespace="monitoring"} > 0');
    expect(misscheduled.metrics).toEqual(['kube_daemonset_status_number_misscheduled']);
  });

  test('a broken rule is refused (the oracle can fail)', () => {
    const [answer] = check([{ id: 'broken', rules: { groups: [{ name: 'g', rules: [{ alert: 'X', expr: 'up ==', annotations: { a: '{{ $labels' } }] }] } }]);
    expect(answer.errors.length).toBeGreaterThanOrEqual(2);
  });
});
