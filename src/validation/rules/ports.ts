import { hostPortsOf, hostPortText, portsConflict } from '../../coverage/host-ports';
import { NodeSelection } from '../../coverage/node-selection';
import { checkPortName } from '../names';
import type { PodFacts } from './containers';
import { Ctx, isInt, list, map, resourceName } from './context';
import { Rule, RuleArea, SRC } from './rule';
import { INT32_FIELD } from './types';

export const PORT_AREA = new RuleArea('ports', 'src/validation/rules/ports.ts');
export const PORT_NAME = PORT_AREA.error('port-name', 'A port name that is not an IANA service name (1–15 of `[a-z0-9-]`, a letter, no `--`, no `-` at either end).', 'Shorten or lowercase the name, e.g. `metrics`.', SRC.NAMES, { linterIds: ['kube-linter:invalid-target-ports', 'kube-score:container-ports-check'] });
export const PORT_NAME_DUPLICATE = PORT_AREA.error('port-name-duplicate', 'Two ports of one container with the same name.', 'Name every port differently.', SRC.CORE, { linterIds: ['kube-score:container-ports-check'] });
export const CONTAINER_PORT = PORT_AREA.error('container-port', '`containerPort` missing, 0, or outside 1–65535.', 'Use a port from 1 to 65535.', SRC.CORE, { linterIds: ['kube-score:container-ports-check'] });
export const HOST_PORT_RANGE = PORT_AREA.error('host-port-range', 'A non-zero `hostPort` outside 1–65535.', 'Use a port from 1 to 65535, or 0 for none.', SRC.CORE);
export const PORT_PROTOCOL = PORT_AREA.error('port-protocol', '`protocol` other than TCP, UDP or SCTP (case-sensitive).', 'Use TCP, UDP or SCTP.', SRC.CORE);
export const HOST_PORT_DUPLICATE = PORT_AREA.error('host-port-duplicate', 'The same protocol/hostIP/hostPort twice among the pod\'s containers.', 'Give each host port to one container only.', SRC.CORE);
export const HOST_NETWORK_HOST_PORT = PORT_AREA.error('host-network-host-port', 'With `hostNetwork: true`, a non-zero `hostPort` that differs from `containerPort`.', 'Set `hostPort` equal to `containerPort` (or leave it out).', SRC.CORE);
export const HOST_PORT_CONFLICT = PORT_AREA.error('host-port-conflict', 'Two DaemonSets bind the same host port and protocol (on overlapping host addresses; on the host network every `containerPort` is a host port), and their node selection (`nodeSelector`, required node affinity, `nodeName`) does not keep them apart: on every node that selects both, the pod created second stays Pending ("didn\'t have free ports").', 'Give one of them another port: the presets\' `port` prop (NodeExporterDaemonSet `port`, LogCollectorDaemonSet `metricsPort`, CollectdDaemonSet `writePrometheus.port`) or `ports[].number`; or select disjoint nodes with `nodeSelector` / `nodeAffinity`.', SRC.NODE_PORTS);
export const HOST_PORT = PORT_AREA.warning('host-port', 'A `hostPort` on a pod without hostNetwork: it reserves the port on every node.', 'Use a Service, or opt in explicitly through the `ports[].hostPort` prop.', SRC.PSS, { linterIds: ['polaris:hostPortSet'], hostAccess: true });
export const DUPLICATE_CONTAINER_PORT = PORT_AREA.warning('duplicate-container-port', 'The same containerPort and protocol twice in one container (the API server warns).', 'Remove the duplicate.', SRC.WARNINGS);
export const HOST_IP_WITHOUT_HOST_PORT = PORT_AREA.warning('host-ip-without-host-port', '`hostIP` without `hostPort` does nothing (the API server warns).', 'Set `hostPort` or remove `hostIP`.', SRC.WARNINGS);
export const SSH_PORT = PORT_AREA.warning('ssh-port', 'The container exposes TCP port 22.', 'Do not run SSH in a node daemon.', SRC.SECURITY, { linterIds: ['kube-linter:ssh-port'] });

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];

/** Why `value` is no port number (1–65535), or undefined: the check of every port field and port prop. */
export function portNumberProblem(value: unknown): string | undefined {
  return isInt(value) && value >= 1 && value <= 65535 ? undefined : 'must be between 1 and 65535, inclusive';
}

/** Why a host port cannot go with its container port, or undefined: under hostNetwork they must be equal. */
export function hostNetworkPortProblem(hostPort: unknown, containerPort: unknown): string | undefined {
  return hostPort && hostPort !== containerPort ? 'must match `containerPort` when `hostNetwork` is true' : undefined;
}

/** Reports an int port outside 1–65535 under `rule`; `required` makes 0/absent Required. */
function checkPortNumber(ctx: Ctx, rule: Rule, path: string, value: unknown, required: boolean): void {
  if (value === undefined || value === 0) {
    if (required) ctx.required(rule, path);
    return;
  }
  // Ports are int32: anything else fails to decode (HTTP 400, no path) before the range is checked.
  if (!isInt(value) || value > 2147483647 || value < -2147483648) return ctx.invalid(INT32_FIELD, path, value, 'must be a 32-bit integer (the API server refuses to decode anything else)');
  ctx.check(rule, path, value, portNumberProblem(value));
}

export function checkPorts(ctx: Ctx, c: any, path: string, init: boolean, facts: PodFacts): void {
  const names = new Set<string>();
  const seen = new Set<string>();
  const hostPorts = init ? new Set<string>() : facts.hostPorts;
  list(c.ports).forEach((raw, j) => {
    const p = map(raw);
    const pp = `${path}.ports[${j}]`;
    if (p.name !== undefined) {
      ctx.check(PORT_NAME, `${pp}.name`, p.name, typeof p.name === 'string' ? checkPortName(p.name) : 'must be a string');
      if (names.has(p.name)) ctx.duplicate(PORT_NAME_DUPLICATE, `${pp}.name`, p.name);
      names.add(p.name);
    }
    checkPortNumber(ctx, CONTAINER_PORT, `${pp}.containerPort`, p.containerPort, true);
    checkPortNumber(ctx, HOST_PORT_RANGE, `${pp}.hostPort`, p.hostPort, false);
    const protocol = p.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) ctx.notSupported(PORT_PROTOCOL, `${pp}.protocol`, protocol, PROTOCOLS);
    if (facts.hostNetwork && !init) ctx.check(HOST_NETWORK_HOST_PORT, `${pp}.hostPort`, p.hostPort, hostNetworkPortProblem(p.hostPort, p.containerPort));
    if (p.hostPort) {
      const key = `${protocol}/${p.hostIP ?? ''}/${p.hostPort}`;
      if (hostPorts.has(key)) ctx.duplicate(HOST_PORT_DUPLICATE, `${pp}.hostPort`, key);
      hostPorts.add(key);
      if (!facts.hostNetwork) ctx.report(HOST_PORT, `${pp}.hostPort`, `hostPort ${p.hostPort} binds the port on every node`);
    } else if (p.hostIP) {
      ctx.report(HOST_IP_WITHOUT_HOST_PORT, `${pp}.hostIP`, 'hostIP is ignored without hostPort');
    }
    const portKey = `${p.containerPort}/${protocol}`;
    if (seen.has(portKey)) ctx.report(DUPLICATE_CONTAINER_PORT, pp, `duplicate port definition ${portKey}`);
    seen.add(portKey);
    if (p.containerPort === 22 && protocol === 'TCP') ctx.report(SSH_PORT, `${pp}.containerPort`, 'port 22 is SSH');
  });
}

/** At most this many other DaemonSets are named in one finding. */
const NAMED_OTHERS = 3;

/**
 * Host ports two DaemonSets of the set both bind, when some node could select both (decided
 * from their node selection alone: tolerations never keep two daemons apart, an untainted node
 * tolerates both). Reported on each DaemonSet at its own port, naming the others.
 */
export function checkHostPortConflicts(daemonSets: ReadonlyArray<{ readonly manifest: any; readonly ctx: Ctx }>): void {
  const pods = daemonSets.map(d => map(map(map(d.manifest.spec).template).spec));
  const hostPorts = pods.map(pod => hostPortsOf(pod));
  const bySlot = new Map<string, number[]>();
  hostPorts.forEach((ports, i) => new Set(ports.map(p => `${p.protocol}/${p.port}`)).forEach(slot => {
    const members = bySlot.get(slot);
    if (members) members.push(i);
    else bySlot.set(slot, [i]);
  }));
  // Node selections are parsed only for the DaemonSets that share a slot; identical ones share a verdict.
  const selections = new Map<number, { key: string; selection: NodeSelection }>();
  const selectionOf = (i: number) => {
    let s = selections.get(i);
    if (!s) {
      const pod = pods[i];
      const required = map(map(pod.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution;
      const key = JSON.stringify([pod.nodeName, pod.nodeSelector, required]);
      selections.set(i, s = { key, selection: NodeSelection.of(pod) });
    }
    return s;
  };
  const verdicts = new Map<string, boolean>();
  const share = (i: number, j: number) => {
    const [a, b] = [selectionOf(i), selectionOf(j)];
    const key = JSON.stringify([a.key, b.key].sort());
    if (!verdicts.has(key)) verdicts.set(key, a.selection.canShareNodeWith(b.selection));
    return verdicts.get(key)!;
  };
  const selectors = pods.map(pod => map(pod.nodeSelector));
  const slotSelectors = new Map<string, SelectorIndex>();
  hostPorts.forEach((ports, i) => ports.forEach(port => {
    const slot = `${port.protocol}/${port.port}`;
    const members = bySlot.get(slot) ?? [];
    if (members.length < 2) return;
    let index = slotSelectors.get(slot);
    if (!index) slotSelectors.set(slot, index = new SelectorIndex(members, selectors));
    const others = index.admitted(i, selectors[i]).filter(j => hostPorts[j].some(p => portsConflict(p, port)) && share(i, j));
    if (others.length === 0) return;
    const named = others.slice(0, NAMED_OTHERS).map(j => resourceName(daemonSets[j].manifest)).join(', ')
      + (others.length > NAMED_OTHERS ? ` and ${others.length - NAMED_OTHERS} more` : '');
    daemonSets[i].ctx.report(HOST_PORT_CONFLICT, port.path, `host port ${hostPortText(port)} is also bound by ${named}, and their node selection lets both `
      + 'run on one node, where the pod created second stays Pending ("didn\'t have free ports"): move one of them to another port (the presets\' `port` prop)');
  }));
}

/**
 * The DaemonSets of one host-port slot by `nodeSelector` label: a node has one value per label, so
 * two nodeSelectors that give one label different values never meet. Each DaemonSet is paired
 * only with those its nodeSelector admits, which keeps N storage daemons on one port but on
 * disjoint node pools linear instead of N × N node-selection checks.
 */
class SelectorIndex {
  /** label → value → members with that value; label → members without the label. */
  private readonly byValue = new Map<string, Map<string, number[]>>();
  private readonly without = new Map<string, number[]>();

  constructor(private readonly members: number[], private readonly selectors: ReadonlyArray<{ [key: string]: any }>) {}

  /** The members whose nodeSelector does not contradict `selector`, in member order. */
  public admitted(self: number, selector: { [key: string]: any }): number[] {
    let best = this.members;
    for (const [label, value] of Object.entries(selector)) {
      const same = this.valuesOf(label).get(String(value)) ?? [];
      const without = this.without.get(label)!;
      if (same.length + without.length < best.length) best = [...same, ...without].sort((x, y) => x - y);
    }
    return best.filter(j => j !== self);
  }

  private valuesOf(label: string): Map<string, number[]> {
    let values = this.byValue.get(label);
    if (values) return values;
    values = new Map();
    const without: number[] = [];
    for (const j of this.members) {
      const sel = this.selectors[j];
      if (!Object.prototype.hasOwnProperty.call(sel, label)) {
        without.push(j);
        continue;
      }
      const v = String(sel[label]);
      const same = values.get(v);
      if (same) same.push(j);
      else values.set(v, [j]);
    }
    this.byValue.set(label, values);
    this.without.set(label, without);
    return values;
  }
}
