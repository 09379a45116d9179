import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DaemonSetFacts, daemonSetFacts, daemonSetsOf } from './daemon-set';
import { hostPortText, NodePorts } from './host-ports';
import { CoverageInputError, yamlDocuments } from './input';
import { CoverageNode, NodeInventory, ParsedNode } from './inventory';
import { SelectionPart } from './node-selection';
import { coverageMarkdown, coverageText } from './render';
import { Amounts, formatAmount, RESOURCES } from './resources';
import { taintText } from './taints';
import { VIRTUAL_NODE_LABELS } from '../scheduling';

/**
 * Whether a DaemonSet runs a pod on a node.
 */
export enum PlacementStatus {
  /** The DaemonSet controller places a pod on the node and it can start there. */
  RUNS = 'runs',
  /** The DaemonSet controller places no pod on the node (nodeName, node selection or an untolerated taint). */
  NOT_PLACED = 'not-placed',
  /** The controller places a pod, but it never starts: a host port is taken, the node lacks room, or the node is virtual. */
  CANNOT_START = 'cannot-start',
}

/**
 * What keeps a pod off a node, or keeps it from starting there.
 */
export enum PlacementReasonKind {
  /** `spec.template.spec.nodeName` names another node. */
  NODE_NAME = 'nodeName',
  /** A `nodeSelector` label the node lacks or has another value of. */
  NODE_SELECTOR = 'nodeSelector',
  /** No required node affinity term matches the node. */
  NODE_AFFINITY = 'nodeAffinity',
  /** A `NoSchedule` or `NoExecute` taint no toleration (the template's or the controller's) tolerates. */
  TAINT = 'taint',
  /** A host port (same protocol, overlapping address) bound by another listed DaemonSet's pod on the node. */
  HOST_PORT = 'hostPort',
  /** The node's allocatable cpu, memory or ephemeral-storage, less what earlier listed DaemonSets request there, is less than the pod requests. */
  INSUFFICIENT_RESOURCES = 'insufficientResources',
  /** The node's allocatable pod count is used up by earlier listed DaemonSets. */
  TOO_MANY_PODS = 'tooManyPods',
  /** The node is a virtual-kubelet or EKS Fargate node, which runs no DaemonSet pod. */
  VIRTUAL_NODE = 'virtualNode',
}

/**
 * One reason a DaemonSet does not run on a node.
 */
export interface PlacementReason {
  /** What kind of reason it is. */
  readonly kind: PlacementReasonKind;
  /**
   * What the reason is about, briefly, as the tables show it: the requirement
   * (`nodeSelector kubernetes.io/os=linux`, `nodeAffinity type NotIn [virtual-kubelet]`), the
   * taint (`taint nvidia.com/gpu=present:NoSchedule`), the port (`host port TCP/9100`) or the
   * resource (`memory`).
   */
  readonly subject: string;
  /** The whole reason: what the DaemonSet requires and what the node has instead. */
  readonly message: string;
}

/**
 * Whether one DaemonSet runs on one node, and if not, why.
 */
export interface DaemonPlacement {
  /** The node's name. */
  readonly node: string;
  /** The DaemonSet's id (`CoverageDaemonSet.id`). */
  readonly daemonSet: string;
  /** Whether a pod is placed and can start. */
  readonly status: PlacementStatus;
  /** Why not (empty when it runs): every failed selection part and untolerated taint, or every start-up problem. */
  readonly reasons: PlacementReason[];
}

/**
 * One DaemonSet of the coverage.
 */
export interface CoverageDaemonSet {
  /** `name`, or `namespace/name` when the manifest gives a namespace: how placements and tables name it. */
  readonly id: string;
  /** `metadata.name`. */
  readonly name: string;
  /**
   * `metadata.namespace`.
   *
   * @default - the manifest gives none (kubectl applies it to the current namespace)
   */
  readonly namespace?: string;
  /** Whether its node selection can pick a Linux node (false for a Windows-only DaemonSet, which no Linux node expects). */
  readonly targetsLinux: boolean;
}

/**
 * Which nodes get a pod of which DaemonSet, why the others do not, and which pods cannot start,
 * decided before deploying from the manifests and a node inventory.
 *
 * Placement follows the DaemonSet controller (`NodeShouldRunDaemonPod`): `nodeName`,
 * `nodeSelector`, required node affinity (`matchExpressions` with In, NotIn, Exists,
 * DoesNotExist, Gt, Lt; `matchFields` on `metadata.name`), and `NoSchedule`/`NoExecute` taints
 * against the template's tolerations plus those the controller adds to every daemon pod
 * (not-ready and unreachable NoExecute; disk-, memory-, pid-pressure and unschedulable
 * NoSchedule; network-unavailable NoSchedule on the host network). `PreferNoSchedule` never
 * blocks. Start-up follows the scheduler's NodePorts and NodeResourcesFit filters, over the
 * listed DaemonSets only, in the order given: a pod that does not fit is Pending and holds nothing.
 * Other pods on the node (not in the inventory) use ports and resources too, so a pod that fits
 * here may still not fit there.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/daemon/daemon_controller.go
 */
export class NodeCoverage {
  /**
   * Coverage of the DaemonSets among parsed manifests (other kinds are skipped; a `List` stands
   * for its items).
   *
   * @param inventory the nodes
   * @param manifests parsed objects, e.g. `ApiObject.toJson()` or the documents of a YAML file
   * @throws if no manifest is a DaemonSet
   */
  public static analyze(inventory: NodeInventory, manifests: Array<{ [key: string]: any }>): NodeCoverage {
    const daemonSets = daemonSetsOf(manifests);
    if (daemonSets.length === 0) throw new CoverageInputError('no DaemonSet among the manifests');
    return new NodeCoverage(inventory, daemonSets.map(daemonSetFacts));
  }

  /**
   * Coverage of the DaemonSets in a multi-document YAML (or JSON) text, such as a
   * `dist/*.k8s.yaml` file.
   *
   * @throws if the text does not parse, or holds no DaemonSet
   */
  public static analyzeYaml(inventory: NodeInventory, yaml: string): NodeCoverage {
    return NodeCoverage.analyze(inventory, yamlDocuments(yaml) as Array<{ [key: string]: any }>);
  }

  /**
   * Coverage of the DaemonSets synthesized under constructs: an App, a Chart, or this library's
   * daemons (`NodeDaemonSet` and the presets), each read from its `ApiObject`'s JSON.
   *
   * @throws if no DaemonSet is found under them
   */
  public static analyzeConstructs(inventory: NodeInventory, scopes: IConstruct[]): NodeCoverage {
    const objects = scopes.flatMap(s => s.node.findAll()).filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'DaemonSet');
    return NodeCoverage.analyze(inventory, [...new Set(objects)].map(o => o.toJson()));
  }

  /** The nodes, in inventory order. */
  public readonly nodes: CoverageNode[];
  /** The DaemonSets, in the order given. */
  public readonly daemonSets: CoverageDaemonSet[];
  /** One placement per node and DaemonSet: node by node, each in DaemonSet order. */
  public readonly placements: DaemonPlacement[];

  private constructor(inventory: NodeInventory, facts: DaemonSetFacts[]) {
    this.nodes = inventory.nodes;
    this.daemonSets = facts.map(f => ({ id: f.id, name: f.name, namespace: f.namespace, targetsLinux: f.targetsLinux }));
    this.placements = placeAll(inventory._parsed, facts);
  }

  /**
   * The placement of one DaemonSet on one node.
   *
   * @param node the node's name
   * @param daemonSet the DaemonSet's id (`name`, or `namespace/name`)
   * @throws if no such node or DaemonSet was analyzed
   */
  public placement(node: string, daemonSet: string): DaemonPlacement {
    const n = this.nodes.findIndex(x => x.name === node);
    const d = this.daemonSets.findIndex(x => x.id === daemonSet);
    if (n < 0) throw new Error(`no node ${node} in the inventory`);
    if (d < 0) throw new Error(`no DaemonSet ${daemonSet} was analyzed (ids: ${this.daemonSets.map(x => x.id).join(', ')})`);
    return this.placements[n * this.daemonSets.length + d];
  }

  /**
   * The placements that leave a node without a running daemon it should have: on nodes that
   * expect daemons (`CoverageNode.expectsDaemons`), of DaemonSets that target Linux, every
   * placement that does not run.
   */
  public get gaps(): DaemonPlacement[] {
    const expects = new Set(this.nodes.filter(n => n.expectsDaemons).map(n => n.name));
    const linux = new Set(this.daemonSets.filter(d => d.targetsLinux).map(d => d.id));
    return this.placements.filter(p => p.status !== PlacementStatus.RUNS && expects.has(p.node) && linux.has(p.daemonSet));
  }

  /**
   * The coverage as a terminal table: a row per node (name, status, OS/architecture), a column
   * per DaemonSet; each cell is ✓ (runs), `✗ <subjects>` (no pod) or `Pending: <subjects>`
   * (cannot start), naming what each reason is about; then the summary line.
   */
  public toText(): string {
    return coverageText(this);
  }

  /** The same table in GitHub-flavoured Markdown, then the summary line. */
  public toMarkdown(): string {
    return coverageMarkdown(this);
  }

  /** The one-line summary: how many pods run, are not placed, cannot start, and the gaps. */
  public get summary(): string {
    const counts = new Map<PlacementStatus, number>();
    for (const p of this.placements) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
    const count = (s: PlacementStatus) => counts.get(s) ?? 0;
    const gaps = this.gaps.length;
    return `${plural(this.nodes.length, 'node')} × ${plural(this.daemonSets.length, 'DaemonSet')}: `
      + `${plural(count(PlacementStatus.RUNS), 'pod')} run, ${count(PlacementStatus.NOT_PLACED)} not placed, ${count(PlacementStatus.CANNOT_START)} cannot start; `
      + `${gaps === 0 ? 'every' : `${plural(gaps, 'gap')} on`} schedulable Linux node${gaps === 0 ? ' runs every Linux daemon' : 's (a daemon missing or Pending)'}`;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const NO_REASONS: PlacementReason[] = [];
/** At most this many earlier DaemonSets are named in a resource reason. */
const NAMED_EARLIER = 3;
const SELECTION_KINDS: { [part in SelectionPart]: PlacementReasonKind } = {
  [SelectionPart.NODE_NAME]: PlacementReasonKind.NODE_NAME,
  [SelectionPart.NODE_SELECTOR]: PlacementReasonKind.NODE_SELECTOR,
  [SelectionPart.NODE_AFFINITY]: PlacementReasonKind.NODE_AFFINITY,
};

/**
 * Places every DaemonSet on every node. The controller's predicate depends only on the labels
 * (and name) a DaemonSet's selection reads and on the node's taints, so its verdict is kept per
 * DaemonSet under that key, and the nodes of one pool share it. DaemonSets whose selections read
 * the same labels share the node's key string, built once per node.
 */
function placeAll(nodes: readonly ParsedNode[], facts: readonly DaemonSetFacts[]): DaemonPlacement[] {
  const shapes = [...new Set(facts.map(f => f.selection.shape))];
  const shapeOf = facts.map(f => shapes.indexOf(f.selection.shape));
  const readers = shapes.map(shape => facts.find(f => f.selection.shape === shape)!.selection);
  const verdicts = facts.map(() => new Map<string, PlacementReason[]>());
  const placements: DaemonPlacement[] = [];
  for (const parsed of nodes) {
    const keys = readers.map(r => `${r.keyOf(parsed.node)}\u0002${parsed.taintKey}`);
    const start = new NodeStart(parsed);
    facts.forEach((ds, i) => {
      let notPlaced = verdicts[i].get(keys[shapeOf[i]]);
      if (notPlaced === undefined) {
        notPlaced = placementReasons(parsed, ds);
        verdicts[i].set(keys[shapeOf[i]], notPlaced);
      }
      if (notPlaced.length > 0) {
        placements.push({ node: parsed.node.name, daemonSet: ds.id, status: PlacementStatus.NOT_PLACED, reasons: notPlaced });
        return;
      }
      const problems = start.tryStart(ds);
      const status = problems.length > 0 ? PlacementStatus.CANNOT_START : PlacementStatus.RUNS;
      placements.push({ node: parsed.node.name, daemonSet: ds.id, status, reasons: problems });
    });
  }
  return placements;
}

/** The pods placed on one node so far, in order: what the next one finds taken. */
class NodeStart {
  private readonly ports = new NodePorts();
  private readonly used: Amounts = { 'cpu': 0, 'memory': 0, 'ephemeral-storage': 0 };
  private readonly running: string[] = [];

  constructor(private readonly parsed: ParsedNode) {}

  /** Why the DaemonSet's pod cannot start here (empty: it starts, and holds its ports and requests). */
  public tryStart(ds: DaemonSetFacts): PlacementReason[] {
    const node = this.parsed.node;
    const conflicts = this.ports.conflicts(ds.hostPorts);
    const misfits = fitReasons(this.parsed, ds, this.used, this.running);
    // Most pods start, and then nothing is allocated for reasons.
    if (!node.virtualNode && conflicts.length === 0 && misfits.length === 0) {
      this.ports.bind(ds.hostPorts, ds.id);
      for (const r of RESOURCES) this.used[r] += ds.requests[r];
      this.running.push(ds.id);
      return NO_REASONS;
    }
    const reasons: PlacementReason[] = node.virtualNode ? [{
      kind: PlacementReasonKind.VIRTUAL_NODE,
      subject: 'virtual node',
      message: `${virtualLabel(node)} runs no DaemonSet pod (keep daemons off it with required node affinity, the nodeAffinity default of this library's constructs)`,
    }] : [];
    for (const c of conflicts) {
      reasons.push({ kind: PlacementReasonKind.HOST_PORT, subject: `host port ${hostPortText(c.port)} (${c.owner})`, message: `host port ${hostPortText(c.port)} is taken by ${c.owner} (didn't have free ports)` });
    }
    return [...reasons, ...misfits];
  }
}

/** The DaemonSet controller's predicate: why it places no pod on the node (empty: it places one). */
function placementReasons(parsed: ParsedNode, ds: DaemonSetFacts): PlacementReason[] {
  const reasons: PlacementReason[] = ds.selection.reasons(parsed.node)
    .map(r => ({ kind: SELECTION_KINDS[r.part], subject: r.subject, message: r.message }));
  for (const t of ds.tolerations.untolerated(parsed.blockingTaints)) {
    reasons.push({ kind: PlacementReasonKind.TAINT, subject: `taint ${taintText(t)}`, message: `untolerated taint ${taintText(t)}` });
  }
  return reasons.length > 0 ? reasons : NO_REASONS;
}

/** `a virtual-kubelet node (type=virtual-kubelet)`. */
function virtualLabel(node: CoverageNode): string {
  const l = VIRTUAL_NODE_LABELS.find(v => node.labels[v.key] === v.value)!;
  return `${l.value === 'fargate' ? 'an EKS Fargate' : 'a virtual-kubelet'} node (${l.key}=${l.value})`;
}

/** NodeResourcesFit: room for one more pod, and each requested resource within what is left. */
function fitReasons(parsed: ParsedNode, ds: DaemonSetFacts, used: Amounts, running: readonly string[]): PlacementReason[] {
  const allocatable = parsed.allocatable;
  if (!allocatable) return NO_REASONS;
  let reasons: PlacementReason[] | undefined;
  const after = () => (running.length === 0 ? '' : ` after ${running.slice(0, NAMED_EARLIER).join(', ')}${running.length > NAMED_EARLIER ? ` and ${running.length - NAMED_EARLIER} more` : ''}`);
  if (running.length + 1 > allocatable.pods) {
    (reasons ??= []).push({ kind: PlacementReasonKind.TOO_MANY_PODS, subject: 'pods', message: `Too many pods: the node allows ${allocatable.pods}${after()}` });
  }
  for (const r of RESOURCES) {
    const want = ds.requests[r];
    const free = allocatable.amounts[r] - used[r];
    if (want > 0 && want > free) {
      (reasons ??= []).push({
        kind: PlacementReasonKind.INSUFFICIENT_RESOURCES,
        subject: `${r} (needs ${formatAmount(r, want)}, ${formatAmount(r, Math.max(free, 0))} left)`,
        message: `Insufficient ${r}: the pod requests ${formatAmount(r, want)}, ${formatAmount(r, Math.max(free, 0))} of the node's ${formatAmount(r, allocatable.amounts[r])} allocatable is left${after()}`,
      });
    }
  }
  return reasons ?? NO_REASONS;
}
