import { HostPort, hostPortsOf } from './host-ports';
import { NodeSelection, OS_LABEL } from './node-selection';
import { Amounts, podRequests } from './resources';
import { PodTolerations } from './taints';
import { isList, list, map, resourceName } from '../validation/engine';

/** What placement and start-up read from one DaemonSet, parsed once. */
export interface DaemonSetFacts {
  /** How tables name it: `name`, or `namespace/name` when the manifest gives a namespace. */
  readonly id: string;
  readonly name: string;
  readonly namespace?: string;
  /** `DaemonSet namespace/name`, as validation findings name it. */
  readonly resource: string;
  readonly selection: NodeSelection;
  readonly tolerations: PodTolerations;
  readonly hostPorts: readonly HostPort[];
  readonly requests: Amounts;
  /** Whether some Linux node could be selected (false for a Windows-only DaemonSet). */
  readonly targetsLinux: boolean;
}

/** Reads one DaemonSet manifest; the template's fields are read defensively (validation reports their shape). */
export function daemonSetFacts(ds: { [key: string]: any }): DaemonSetFacts {
  const metadata = map(ds.metadata);
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const pod = map(map(map(ds.spec).template).spec);
  const selection = NodeSelection.of(pod);
  return {
    id: namespace ? `${namespace}/${name}` : name,
    name,
    namespace,
    resource: resourceName(ds),
    selection,
    tolerations: PodTolerations.of(pod),
    hostPorts: hostPortsOf(pod),
    requests: podRequests(pod),
    targetsLinux: selection.canSelectNodeWith({ [OS_LABEL]: 'linux' }),
  };
}

/**
 * The DaemonSets among manifests, in order: an object with `items` (a `List`, a `DaemonSetList`,
 * any kind) stands for its items, as kubectl applies them and the validator checks them
 * (`isList`); other kinds are skipped.
 */
export function daemonSetsOf(manifests: readonly unknown[]): Array<{ [key: string]: any }> {
  const out: Array<{ [key: string]: any }> = [];
  const visit = (m: unknown) => {
    const o = map(m);
    if (o !== m) return;
    if (isList(o)) list(o.items).forEach(visit);
    else if (o.kind === 'DaemonSet') out.push(o);
  };
  list(manifests).forEach(visit);
  return out;
}
