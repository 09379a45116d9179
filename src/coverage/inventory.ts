import { CoverageInputError, yamlDocuments } from './input';
import { allocatableOf, Allocatable } from './resources';
import { Taint, taintText } from './taints';
import { OS_LABEL, TaintEffect, VIRTUAL_NODE_LABELS } from '../scheduling';
import { list, map, show } from '../validation/rules/context';

const ARCH_LABEL = 'kubernetes.io/arch';
const EFFECTS = Object.values(TaintEffect) as string[];

/**
 * A node taint, with the Kubernetes field names.
 */
export interface NodeTaint {
  /** The taint key, e.g. `node-role.kubernetes.io/control-plane`. */
  readonly key: string;
  /**
   * The taint value.
   *
   * @default - no value
   */
  readonly value?: string;
  /** What the taint does to pods that do not tolerate it. */
  readonly effect: TaintEffect;
}

/**
 * One node of the inventory, as NodeCoverage reads it.
 */
export interface CoverageNode {
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.labels`. */
  readonly labels: { [key: string]: string };
  /** `spec.taints`, in order. */
  readonly taints: NodeTaint[];
  /**
   * The STATUS column of `kubectl get nodes`: `Ready`, `NotReady` or `Unknown` (from the `Ready`
   * condition), followed by `,SchedulingDisabled` when the node is cordoned.
   */
  readonly status: string;
  /** Whether the node is cordoned (`spec.unschedulable`). The DaemonSet controller places daemon pods there all the same. */
  readonly unschedulable: boolean;
  /**
   * The `kubernetes.io/os` label.
   *
   * @default - the node has no such label
   */
  readonly os?: string;
  /**
   * The `kubernetes.io/arch` label.
   *
   * @default - the node has no such label
   */
  readonly arch?: string;
  /**
   * Whether the node cannot run a node daemon at all: a virtual-kubelet node (`type:
   * virtual-kubelet`) or an EKS Fargate node (`eks.amazonaws.com/compute-type: fargate`).
   */
  readonly virtualNode: boolean;
  /**
   * Whether every listed DaemonSet meant for Linux should have a running pod here: a Linux node
   * that is neither cordoned nor virtual. `NodeCoverage.gaps` and the CLI's `--require-all` read it.
   */
  readonly expectsDaemons: boolean;
}

/** A node with what the checks need, parsed once. */
export interface ParsedNode {
  readonly node: CoverageNode;
  readonly blockingTaints: readonly Taint[];
  /** The blocking taints as one string, for caching verdicts by node shape. */
  readonly taintKey: string;
  readonly allocatable?: Allocatable;
}

/**
 * The nodes of a cluster, read from the output of `kubectl get nodes -o json` or `-o yaml` (a
 * `List`, or the API's `NodeList`), or from Node objects.
 */
export class NodeInventory {
  /**
   * Reads a parsed node list: a `List` or `NodeList` whose items are Nodes, or one Node.
   *
   * @param nodeList the parsed JSON of `kubectl get nodes -o json`
   * @throws if the object is not a node list, a node has no name or appears twice, a taint has an
   * unknown effect, or the list holds no node
   */
  public static fromObject(nodeList: { [key: string]: any }): NodeInventory {
    return NodeInventory.fromValues([nodeList]);
  }

  /**
   * Reads the YAML or JSON text of `kubectl get nodes -o yaml` (or `-o json`); several
   * documents (Nodes or node lists) add up.
   *
   * @param text the file's text
   * @throws if the text does not parse, or as `fromObject` does
   */
  public static fromYaml(text: string): NodeInventory {
    return NodeInventory.fromValues(yamlDocuments(text));
  }

  private static fromValues(values: unknown[]): NodeInventory {
    const items: Array<{ readonly value: unknown; readonly where: string }> = [];
    values.forEach((v, d) => {
      const doc = values.length > 1 ? `document ${d + 1}: ` : '';
      const m = map(v);
      if (m !== v) throw new CoverageInputError(`not a node list: ${doc}the document is ${show(v).slice(0, 40)}, not an object`);
      if (m.kind === 'Node') return items.push({ value: m, where: doc });
      if ((m.kind === 'List' || m.kind === 'NodeList') && Array.isArray(m.items)) {
        return m.items.forEach((item: unknown, i: number) => items.push({ value: item, where: `${doc}items[${i}]: ` }));
      }
      throw new CoverageInputError(`not a node list: ${doc}found ${typeof m.kind === 'string' ? `kind ${m.kind}` : 'an object without kind'}; `
        + 'expected what `kubectl get nodes -o json` (or -o yaml) writes: a List or NodeList of Nodes');
    });
    const seen = new Set<string>();
    const nodes = items.map(({ value, where }) => {
      const parsed = parseNode(value, where);
      if (seen.has(parsed.node.name)) throw new CoverageInputError(`${where}node ${parsed.node.name} appears twice`);
      seen.add(parsed.node.name);
      return parsed;
    });
    if (nodes.length === 0) throw new CoverageInputError('the node list holds no node');
    return new NodeInventory(nodes);
  }

  /** Every node, in the order of the input. */
  public readonly nodes: CoverageNode[];

  private constructor(private readonly parsed: readonly ParsedNode[]) {
    this.nodes = parsed.map(p => p.node);
  }

  /** @internal */
  public get _parsed(): readonly ParsedNode[] {
    return this.parsed;
  }
}

function parseNode(value: unknown, where: string): ParsedNode {
  const n = map(value);
  // Items of the API's NodeList carry no kind; items of a List do.
  if (n !== value || (n.kind !== undefined && n.kind !== 'Node')) {
    throw new CoverageInputError(`not a node list: ${where}${typeof n.kind === 'string' ? `a ${n.kind}` : show(value).slice(0, 40)}, not a Node`);
  }
  const name = map(n.metadata).name;
  if (typeof name !== 'string' || name === '') throw new CoverageInputError(`${where}a Node needs metadata.name`);
  const labels: { [key: string]: string } = {};
  for (const [k, v] of Object.entries(map(map(n.metadata).labels))) labels[k] = String(v);
  const rawTaints = map(n.spec).taints;
  // The API server never returns taints that are no list; reading them as none would place daemons the taints keep off.
  if (rawTaints !== undefined && rawTaints !== null && !Array.isArray(rawTaints)) {
    throw new CoverageInputError(`${where}node ${name}: spec.taints must be a list, not ${show(rawTaints)}`);
  }
  const taints = list(rawTaints).map((raw, i) => {
    const t = map(raw);
    if (typeof t.key !== 'string' || !EFFECTS.includes(t.effect)) {
      throw new CoverageInputError(`${where}node ${name}: spec.taints[${i}] needs a key and an effect of ${EFFECTS.join(', ')}, not ${show(raw)}`);
    }
    return { key: t.key, value: typeof t.value === 'string' && t.value !== '' ? t.value : undefined, effect: t.effect as TaintEffect };
  });
  const unschedulable = map(n.spec).unschedulable === true;
  const ready = list(map(n.status).conditions).map(c => map(c)).find(c => c.type === 'Ready');
  const status = (ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown') + (unschedulable ? ',SchedulingDisabled' : '');
  const virtual = VIRTUAL_NODE_LABELS.some(l => labels[l.key] === l.value);
  const node: CoverageNode = {
    name,
    labels,
    taints,
    status,
    unschedulable,
    os: labels[OS_LABEL],
    arch: labels[ARCH_LABEL],
    virtualNode: virtual,
    expectsDaemons: labels[OS_LABEL] === 'linux' && !unschedulable && !virtual,
  };
  const blockingTaints = taints.filter(t => t.effect !== TaintEffect.PREFER_NO_SCHEDULE).map(t => ({ key: t.key, value: t.value ?? '', effect: t.effect }));
  return { node, blockingTaints, taintKey: blockingTaints.map(taintText).join('\n'), allocatable: allocatableOf(n) };
}
