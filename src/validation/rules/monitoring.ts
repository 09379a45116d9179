import { Ctx, list, map } from './context';
import { RuleArea } from './rule';
import { selectorMatches } from './selector';

/**
 * Prometheus Operator monitors and metrics NetworkPolicies checked against the other objects of
 * the set: what the API server accepts but leaves Prometheus without data, or the daemon without
 * the protection asked for.
 */
export const MONITORING_AREA = new RuleArea('monitoring', 'src/validation/rules/monitoring.ts');
const OPERATOR = 'https://prometheus-operator.dev/docs/developer/troubleshooting/#troubleshooting-servicemonitor-changes';
const NETPOL = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

export const MONITOR_SELECTS_NOTHING = MONITORING_AREA.warning('monitor-selects-nothing', 'A ServiceMonitor whose selector matches no Service, or a PodMonitor whose selector matches no workload\'s pod labels, among the validated objects in the namespaces it looks in (its own unless `namespaceSelector` says otherwise): Prometheus gets no target from it.', 'Select the daemon\'s labels (`NodeDaemonSet.selectorLabels`); with the constructs, use the `serviceMonitor` / `podMonitor` props.', OPERATOR);
export const MONITOR_PORT_MISSING = MONITORING_AREA.warning('monitor-port-missing', 'A ServiceMonitor endpoint whose `port` names no port of the Services it selects, or a PodMonitor endpoint whose `port` names no container port of the pods it selects: the operator keeps no target, and the metrics are silently missing.', 'Name the Service port (`spec.ports[].name`) or container port (`ports[].name`) the metrics are served on.', OPERATOR);
export const MONITOR_SCRAPE_TIMEOUT = MONITORING_AREA.warning('monitor-scrape-timeout', 'A monitor endpoint whose `scrapeTimeout` is longer than its `interval`: the Prometheus Operator refuses the monitor and scrapes none of its targets.', 'Make `scrapeTimeout` at most `interval`.', OPERATOR);
export const NETWORK_POLICY_HOST_NETWORK = MONITORING_AREA.warning('network-policy-host-network', 'A NetworkPolicy selecting pods that run on the host network: most CNI plugins (Calico, Cilium, and others) do not apply NetworkPolicy to them, so the policy protects nothing.', 'Protect a host-network daemon another way (node-exporter: `kubeRbacProxy`, which authenticates every scrape), or run it off the host network.', NETPOL);

/** A workload's pod template labels and spec, with its namespace. */
interface Pods {
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  readonly spec: any;
}

const MONITORS = ['ServiceMonitor', 'PodMonitor'];

/** The monitoring checks across the objects of one set. */
export function checkMonitoring(objects: ReadonlyArray<{ readonly manifest: any; readonly ctx: Ctx }>): void {
  const services = objects.map(o => o.manifest).filter(m => m.kind === 'Service');
  const pods: Pods[] = objects.map(o => o.manifest).filter(m => map(map(m.spec).template).spec !== undefined).map(m => ({
    namespace: m.metadata?.namespace ?? 'default',
    labels: map(map(m.spec.template.metadata).labels),
    spec: map(m.spec.template.spec),
  }));
  for (const { manifest: m, ctx } of objects) {
    if (MONITORS.includes(m.kind) && String(m.apiVersion).startsWith('monitoring.coreos.com/')) {
      checkMonitor(ctx, m, services, pods);
    } else if (m.kind === 'NetworkPolicy') {
      checkNetworkPolicy(ctx, m, pods);
    }
  }
}

function checkMonitor(ctx: Ctx, monitor: any, services: any[], pods: Pods[]): void {
  const spec = map(monitor.spec);
  const isService = monitor.kind === 'ServiceMonitor';
  const endpointsField = isService ? 'endpoints' : 'podMetricsEndpoints';
  list(spec[endpointsField]).forEach((e, i) => checkScrapeTimeout(ctx, map(e), `spec.${endpointsField}[${i}]`));
  const inScope = namespaceScope(monitor);
  const candidates = isService
    ? services.map(s => ({ namespace: s.metadata?.namespace ?? 'default', labels: map(s.metadata?.labels), ports: list(map(s.spec).ports).map(p => map(p).name) }))
    : pods.map(p => ({ ...p, ports: list(p.spec.containers).flatMap(c => list(map(c).ports).map(port => map(port).name)) }));
  // Without any object of the selected kind in the set, nothing can be said: the Service or pods may be applied from elsewhere.
  if (candidates.length === 0) return;
  const selected = candidates.filter(c => inScope(c.namespace) && selects(spec.selector, c.labels));
  if (selected.length === 0) {
    ctx.report(MONITOR_SELECTS_NOTHING, 'spec.selector', `matches no ${isService ? 'Service' : 'pod template'} among the objects${describeScope(monitor)}`);
    return;
  }
  list(spec[endpointsField]).forEach((e, i) => {
    const port = map(e).port;
    if (typeof port !== 'string' || port === '') return;
    if (!selected.some(c => c.ports.includes(port))) {
      const known = [...new Set(selected.flatMap(c => c.ports).filter(p => typeof p === 'string'))];
      ctx.report(MONITOR_PORT_MISSING, `spec.${endpointsField}[${i}].port`,
        `no ${isService ? 'port of the selected Services' : 'container port of the selected pods'} is named "${port}" (named ports: ${known.join(', ') || 'none'})`);
    }
  });
}

/** A label selector as monitors and NetworkPolicies read it: an empty one selects everything. */
function selects(selector: unknown, labels: { [key: string]: string }): boolean {
  const s = map(selector);
  return (Object.keys(map(s.matchLabels)).length === 0 && list(s.matchExpressions).length === 0) || selectorMatches(s, labels);
}

/** Which namespaces a monitor looks in: `any`, the `matchNames`, or its own. */
function namespaceScope(monitor: any): (namespace: string) => boolean {
  const ns = map(map(monitor.spec).namespaceSelector);
  if (ns.any === true) return () => true;
  const names = list(ns.matchNames);
  if (names.length > 0) return n => names.includes(n);
  const own = monitor.metadata?.namespace ?? 'default';
  return n => n === own;
}

function describeScope(monitor: any): string {
  const ns = map(map(monitor.spec).namespaceSelector);
  if (ns.any === true) return '';
  const names = list(ns.matchNames);
  return names.length > 0 ? ` in namespaces ${names.join(', ')}` : ` in namespace ${monitor.metadata?.namespace ?? 'default'}`;
}

/** A Prometheus duration in milliseconds (`1h30m`, `500ms`), or undefined when it does not parse. */
function durationMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(value);
  if (!m || value === '') return undefined;
  const sizes = [31_536_000_000, 604_800_000, 86_400_000, 3_600_000, 60_000, 1000, 1];
  return sizes.reduce((sum, size, i) => sum + Number(m[i + 1] ?? 0) * size, 0);
}

function checkScrapeTimeout(ctx: Ctx, endpoint: any, path: string): void {
  const interval = durationMs(endpoint.interval);
  const timeout = durationMs(endpoint.scrapeTimeout);
  if (interval !== undefined && timeout !== undefined && timeout > interval) {
    ctx.report(MONITOR_SCRAPE_TIMEOUT, `${path}.scrapeTimeout`, `${endpoint.scrapeTimeout} is longer than the interval ${endpoint.interval}`);
  }
}

function checkNetworkPolicy(ctx: Ctx, policy: any, pods: Pods[]): void {
  const namespace = policy.metadata?.namespace ?? 'default';
  const hostNetwork = pods.some(p => p.namespace === namespace && p.spec.hostNetwork === true && selects(map(policy.spec).podSelector, p.labels));
  if (hostNetwork) {
    ctx.report(NETWORK_POLICY_HOST_NETWORK, 'spec.podSelector', 'selects host-network pods, which most CNI plugins leave outside NetworkPolicy: the policy has no effect on them');
  }
}
