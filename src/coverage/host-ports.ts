/**
 * The host ports a pod binds on its node, and when two pods' ports collide, as the scheduler's
 * NodePorts plugin decides it (`HostPortInfo.CheckConflict`): same protocol and port, and host
 * IPs that overlap (an empty `hostIP` is 0.0.0.0, which overlaps every address).
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/scheduler/framework/plugins/nodeports/node_ports.go
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/scheduler/framework/types.go
 */
import { list, map } from '../validation/rules/context';

const BIND_ALL = '0.0.0.0';

/** One host port a pod binds. */
export interface HostPort {
  readonly protocol: string;
  /** The host address, `0.0.0.0` when the port gives none. */
  readonly hostIP: string;
  readonly port: number;
  /** The field path of the port in the DaemonSet, for findings. */
  readonly path: string;
}

/**
 * Every host port of the pod: each non-zero `hostPort` of its containers and of its restartable
 * (sidecar) init containers, which the NodePorts plugin counts since Kubernetes 1.33.5/1.34. On
 * the host network every `containerPort` is a host port: the API server defaults `hostPort` to
 * `containerPort` there (`defaultHostNetworkPorts`).
 */
export function hostPortsOf(pod: { [key: string]: any }): HostPort[] {
  const hostNetwork = pod.hostNetwork === true;
  const ports: HostPort[] = [];
  for (const field of ['containers', 'initContainers']) {
    list(pod[field]).forEach((raw, i) => {
      const c = map(raw);
      if (field === 'initContainers' && c.restartPolicy !== 'Always') return;
      list(c.ports).forEach((rawPort, j) => {
        const p = map(rawPort);
        const port = hostNetwork && !p.hostPort ? p.containerPort : p.hostPort;
        if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0) return;
        ports.push({
          protocol: typeof p.protocol === 'string' && p.protocol !== '' ? p.protocol : 'TCP',
          hostIP: typeof p.hostIP === 'string' && p.hostIP !== '' ? p.hostIP : BIND_ALL,
          port,
          path: `spec.template.spec.${field}[${i}].ports[${j}].${p.hostPort ? 'hostPort' : 'containerPort'}`,
        });
      });
    });
  }
  return ports;
}

/** Whether two host ports cannot both be bound on one node. */
export function portsConflict(a: HostPort, b: HostPort): boolean {
  return a.port === b.port && a.protocol === b.protocol && (a.hostIP === BIND_ALL || b.hostIP === BIND_ALL || a.hostIP === b.hostIP);
}

/** `TCP/9100`, or `TCP/10.0.0.1:9100` with a host address. */
export function hostPortText(p: HostPort): string {
  return `${p.protocol}/${p.hostIP === BIND_ALL ? '' : `${p.hostIP}:`}${p.port}`;
}

/** A host port bound on a node, and the DaemonSet whose pod holds it. */
interface Bound {
  readonly port: HostPort;
  readonly owner: string;
}

const NONE: readonly Bound[] = [];

/** The host ports already bound on one node, and by whom. */
export class NodePorts {
  /** By port number: ports that can collide share it. */
  private readonly bound = new Map<number, Bound[]>();

  /** The first bound port each of `ports` collides with, and its owner. */
  public conflicts(ports: readonly HostPort[]): readonly Bound[] {
    let found: Bound[] | undefined;
    for (const p of ports) {
      const hit = this.bound.get(p.port)?.find(b => portsConflict(b.port, p));
      if (hit) (found ??= []).push({ port: p, owner: hit.owner });
    }
    return found ?? NONE;
  }

  public bind(ports: readonly HostPort[], owner: string): void {
    for (const p of ports) {
      const holders = this.bound.get(p.port);
      if (holders) holders.push({ port: p, owner });
      else this.bound.set(p.port, [{ port: p, owner }]);
    }
  }
}
