/**
 * Which nodes a pod template selects: `nodeName`, `nodeSelector` and required node affinity, as
 * the DaemonSet controller evaluates them (`nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)`
 * in k8s.io/component-helpers, with labels.Requirement semantics from k8s.io/apimachinery), plus
 * a static question the node inventory is not needed for: can two selections ever pick the same node?
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
 * @see https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/apimachinery/pkg/labels/selector.go
 */
import { checkLabelValue, checkQualifiedName } from '../validation/names';
import { list, map } from '../validation/rules/context';

/** The OS label every node carries; node daemons in this library target Linux unless told otherwise. */
export const OS_LABEL = 'kubernetes.io/os';

/** The one node field a `matchFields` requirement can name. */
const NAME_FIELD = 'metadata.name';
const LABEL_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
/** What `strconv.ParseInt(s, 10, 64)` accepts. */
const INT = /^[+-]?[0-9]+$/;
const INT64_MAX = BigInt('9223372036854775807');
const INT64_MIN = -INT64_MAX - BigInt(1);

/** One requirement on a node label (`matchExpressions`, `nodeSelector`) or on the node name (`matchFields`, `nodeName`). */
export interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
  /** A field requirement (the node name) rather than a label requirement. */
  readonly field: boolean;
  /** How the reasons name it: `nodeSelector kubernetes.io/os=linux`, `type NotIn [virtual-kubelet]`. */
  readonly text: string;
}

/** A conjunction of requirements: the node selector and one affinity term, ANDed. */
interface Clause {
  readonly requirements: readonly Requirement[];
  /** `term 1`, or undefined for the clause without affinity. */
  readonly term?: string;
}

/** The node the requirement reads: its name and labels. */
export interface SelectableNode {
  readonly name: string;
  readonly labels: { readonly [key: string]: string };
}

/**
 * A pod template's node selection, parsed once. The terms of required node affinity are ORed;
 * within one term, and with the `nodeSelector`, requirements are ANDed. A term that does not
 * parse matches no node (the DaemonSet controller ignores the parse error); an empty term is
 * skipped, and required affinity without a usable term matches no node.
 */
export class NodeSelection {
  /** Parses the selection of a pod spec (the DaemonSet's `spec.template.spec`). */
  public static of(pod: { [key: string]: any }): NodeSelection {
    const selector = Object.entries(map(pod.nodeSelector)).map(([key, value]) => selectorRequirement(key, value));
    const nodeName = typeof pod.nodeName === 'string' && pod.nodeName !== '' ? pod.nodeName : undefined;
    // A required affinity that is present but holds no usable term matches no node; an absent one matches every node.
    const required: unknown = map(map(pod.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution;
    const hasAffinity = required !== null && typeof required === 'object' && !Array.isArray(required);
    const terms: ParsedTerm[] = [];
    list(map(required).nodeSelectorTerms).forEach((raw, i) => {
      const term = map(raw);
      if (list(term.matchExpressions).length === 0 && list(term.matchFields).length === 0) return;
      terms.push(parseTerm(term, `term ${i}`));
    });
    return new NodeSelection(nodeName, selector, hasAffinity ? terms : undefined);
  }

  /** The label keys the selection reads. */
  private readonly keys: readonly string[];
  /** Whether the selection reads the node's name (`nodeName`, `matchFields`). */
  private readonly readsName: boolean;

  private constructor(
    /** `spec.template.spec.nodeName`, which the controller compares with the node's name. */
    private readonly nodeName: string | undefined,
    private readonly selector: readonly Requirement[],
    /** Undefined without required node affinity; else its usable terms. */
    private readonly terms: readonly ParsedTerm[] | undefined,
  ) {
    const all = [...selector, ...(terms ?? []).flatMap(t => t.requirements)];
    this.keys = [...new Set(all.filter(r => !r.field).map(r => r.key))];
    this.readsName = nodeName !== undefined || all.some(r => r.field);
  }

  /** Which labels (and whether the name) the selection reads: selections with the same shape key nodes alike. */
  public get shape(): string {
    return JSON.stringify([this.readsName, this.keys]);
  }

  /**
   * What of the node the selection reads, as a string: two nodes with the same key get the same
   * reasons (the names of nodes in one pool differ, their relevant labels do not).
   */
  public keyOf(node: SelectableNode): string {
    let key = this.readsName ? node.name : '';
    for (const k of this.keys) key += Object.prototype.hasOwnProperty.call(node.labels, k) ? `\u0000${node.labels[k]}` : '\u0001';
    return key;
  }

  /**
   * Why the node is not selected, one reason per failed part (`nodeName`, `nodeSelector`, node
   * affinity); empty when it is selected.
   */
  public reasons(node: SelectableNode): SelectionReason[] {
    const reasons: SelectionReason[] = [];
    if (this.nodeName !== undefined && this.nodeName !== node.name) {
      reasons.push({ part: SelectionPart.NODE_NAME, subject: `nodeName ${this.nodeName}`, message: `nodeName is ${JSON.stringify(this.nodeName)}` });
    }
    for (const r of this.selector) {
      if (!matches(r, node)) reasons.push({ part: SelectionPart.NODE_SELECTOR, subject: r.text, message: `${r.text}: ${mismatch(r, node)}` });
    }
    if (this.terms !== undefined && !this.terms.some(t => t.problem === undefined && t.requirements.every(r => matches(r, node)))) {
      reasons.push({ part: SelectionPart.NODE_AFFINITY, subject: this.affinitySubject(node), message: this.affinityMismatch(node) });
    }
    return reasons;
  }

  /**
   * Whether some node could be selected by both this selection and `other`, judged from the
   * requirements alone (any labels a node could carry): false only when they provably pick
   * disjoint nodes (`kubernetes.io/os=linux` against `=windows`, `gpu In [true]` against
   * `gpu DoesNotExist`, two different `nodeName`s).
   */
  public canShareNodeWith(other: NodeSelection): boolean {
    return this.clauses().some(a => other.clauses().some(b => satisfiable([...a.requirements, ...b.requirements])));
  }

  /** Whether some node with all of `labels` could be selected (`{ 'kubernetes.io/os': 'linux' }`: does it target Linux at all). */
  public canSelectNodeWith(labels: { [key: string]: string }): boolean {
    const extra = Object.entries(labels).map(([k, v]) => selectorRequirement(k, v));
    return this.clauses().some(c => satisfiable([...c.requirements, ...extra]));
  }

  /** The alternatives the selection allows: the selector and nodeName ANDed with each usable affinity term. */
  private clauses(): Clause[] {
    const base = [...this.selector, ...this.nodeName !== undefined ? [fieldIn(this.nodeName, 'nodeName')] : []];
    if (this.terms === undefined) return [{ requirements: base }];
    return this.terms.filter(t => t.problem === undefined).map(t => ({ requirements: [...base, ...t.requirements], term: t.label }));
  }

  /** `nodeAffinity type NotIn [virtual-kubelet]` for one term, `nodeAffinity (none of 2 terms)` for several. */
  private affinitySubject(node: SelectableNode): string {
    const terms = this.terms ?? [];
    if (terms.length !== 1) return `nodeAffinity (${terms.length === 0 ? 'no usable term' : `none of ${terms.length} terms`})`;
    const failed = terms[0].problem === undefined ? terms[0].requirements.find(r => !matches(r, node)) : undefined;
    return failed ? `nodeAffinity ${failed.text}` : 'nodeAffinity (term 0 does not parse)';
  }

  private affinityMismatch(node: SelectableNode): string {
    const terms = this.terms ?? [];
    if (terms.length === 0) return 'required node affinity has no term with requirements, so it matches no node';
    const why = terms.map(t => {
      if (t.problem !== undefined) return `${t.label} does not parse (${t.problem}), so it matches no node`;
      const failed = t.requirements.find(r => !matches(r, node))!;
      return `${t.label}: ${failed.text}: ${mismatch(failed, node)}`;
    });
    return terms.length === 1 ? `required node affinity ${why[0]}` : `no required node affinity term matches: ${why.join('; ')}`;
  }
}

/** Which part of the selection a node failed. */
export enum SelectionPart {
  NODE_NAME = 'nodeName',
  NODE_SELECTOR = 'nodeSelector',
  NODE_AFFINITY = 'nodeAffinity',
}

/** Why a node is not selected. */
export interface SelectionReason {
  readonly part: SelectionPart;
  /** The requirement that failed, briefly. */
  readonly subject: string;
  readonly message: string;
}

interface ParsedTerm {
  readonly label: string;
  readonly requirements: readonly Requirement[];
  /** Why the term does not parse (then it matches no node). */
  readonly problem?: string;
}

function selectorRequirement(key: string, value: unknown): Requirement {
  const v = String(value);
  return { key, operator: 'In', values: [v], field: false, text: `nodeSelector ${key}=${v}` };
}

function fieldIn(name: string, via: string): Requirement {
  return { key: NAME_FIELD, operator: 'In', values: [name], field: true, text: `${via} ${name}` };
}

function parseTerm(term: { [key: string]: any }, label: string): ParsedTerm {
  const requirements: Requirement[] = [];
  const problems: string[] = [];
  for (const [field, items] of [[false, term.matchExpressions], [true, term.matchFields]] as const) {
    list(items).forEach((raw, i) => {
      const r = map(raw);
      const values = list(r.values).map(v => String(v));
      const where = `${field ? 'matchFields' : 'matchExpressions'}[${i}]`;
      const problem = requirementProblem(r, values, field);
      if (problem !== undefined) problems.push(`${where}: ${problem}`);
      else requirements.push({ key: r.key, operator: r.operator, values, field, text: `${r.key} ${r.operator}${values.length ? ` [${values.join(', ')}]` : ''}` });
    });
  }
  return { label, requirements, problem: problems.length > 0 ? problems.join(', ') : undefined };
}

/**
 * Why a node selector requirement does not parse (the checks of `labels.NewRequirement` for
 * `matchExpressions`, of the field selector for `matchFields`), or undefined when it parses.
 */
export function requirementProblem(r: { [key: string]: any }, values: string[], field: boolean): string | undefined {
  return field ? fieldProblem(r, values) : labelProblem(r, values);
}

/** `labels.NewRequirement`'s checks: a valid key, the value count the operator needs, integer values for Gt/Lt, valid label values. */
function labelProblem(r: { [key: string]: any }, values: string[]): string | undefined {
  if (!LABEL_OPERATORS.includes(r.operator)) return `operator ${JSON.stringify(r.operator)} is not one of ${LABEL_OPERATORS.join(', ')}`;
  const keyProblem = checkQualifiedName(r.key);
  if (keyProblem) return `key ${JSON.stringify(r.key)}: ${keyProblem}`;
  if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) return `${r.operator} needs values`;
  if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) return `${r.operator} takes no values`;
  if ((r.operator === 'Gt' || r.operator === 'Lt') && (values.length !== 1 || parseInt64(values[0]) === undefined)) return `${r.operator} needs exactly one integer value`;
  const bad = values.find(v => checkLabelValue(v) !== undefined);
  return bad === undefined ? undefined : `value ${JSON.stringify(bad)} is not a label value`;
}

/** `nodeSelectorRequirementsAsFieldSelector`: In or NotIn with exactly one value. */
function fieldProblem(r: { [key: string]: any }, values: string[]): string | undefined {
  if (r.operator !== 'In' && r.operator !== 'NotIn') return `operator ${JSON.stringify(r.operator)} is not In or NotIn`;
  return values.length === 1 ? undefined : 'needs exactly one value';
}

/** `strconv.ParseInt(s, 10, 64)`, or undefined when it fails. */
function parseInt64(s: string): bigint | undefined {
  if (!INT.test(s)) return undefined;
  const n = BigInt(s);
  return n > INT64_MAX || n < INT64_MIN ? undefined : n;
}

/** The value the requirement reads from the node, or undefined when the node has no such label. */
function valueOf(r: Requirement, node: SelectableNode): string | undefined {
  if (r.field) return r.key === NAME_FIELD ? node.name : '';
  return Object.prototype.hasOwnProperty.call(node.labels, r.key) ? node.labels[r.key] : undefined;
}

/** `labels.Requirement.Matches` (and the field selector's equality for `matchFields`). */
export function matches(r: Requirement, node: SelectableNode): boolean {
  const value = valueOf(r, node);
  switch (r.operator) {
    case 'In': return value !== undefined && r.values.includes(value);
    case 'NotIn': return value === undefined || !r.values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt':
    case 'Lt': {
      const have = value === undefined ? undefined : parseInt64(value);
      const want = parseInt64(r.values[0]);
      if (have === undefined || want === undefined) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default: return false;
  }
}

/** What the node has instead, for a requirement it fails. */
function mismatch(r: Requirement, node: SelectableNode): string {
  const value = valueOf(r, node);
  if (r.field) return `the node is ${node.name}`;
  if (value === undefined) return `the node has no ${r.key} label`;
  if ((r.operator === 'Gt' || r.operator === 'Lt') && parseInt64(value) === undefined) return `the node has ${r.key}=${value}, not an integer`;
  return `the node has ${r.key}=${value}`;
}

/**
 * Whether some node could meet every requirement: per key, the label (or the name) must be able
 * to take one value that every requirement on that key accepts, or be absent when none needs it.
 */
function satisfiable(requirements: readonly Requirement[]): boolean {
  const byKey = new Map<string, Requirement[]>();
  for (const r of requirements) {
    const id = `${r.field ? 'field' : 'label'}:${r.key}`;
    byKey.set(id, [...byKey.get(id) ?? [], r]);
  }
  return [...byKey.values()].every(keySatisfiable);
}

function keySatisfiable(rs: Requirement[]): boolean {
  // A node always has a name; a label may be absent, which NotIn and DoesNotExist accept.
  const mustExist = rs[0].field || rs.some(r => ['In', 'Exists', 'Gt', 'Lt'].includes(r.operator));
  if (!mustExist) return true;
  if (rs.some(r => r.operator === 'DoesNotExist')) return false;
  const excluded = new Set(rs.filter(r => r.operator === 'NotIn').flatMap(r => r.values));
  const numeric = rs.filter(r => r.operator === 'Gt' || r.operator === 'Lt');
  const accepts = (v: string) => !excluded.has(v) && numeric.every(r => matches(r, { name: v, labels: { [r.key]: v } }));
  const inSets = rs.filter(r => r.operator === 'In').map(r => r.values);
  if (inSets.length > 0) return inSets[0].some(v => inSets.every(s => s.includes(v)) && accepts(v));
  if (numeric.length === 0) return true;
  // Label values that parse as integers are non-negative (a label value starts with an alphanumeric).
  let low = BigInt(-1);
  let high = INT64_MAX;
  for (const r of numeric) {
    const bound = parseInt64(r.values[0])!;
    if (r.operator === 'Gt' && bound > low) low = bound;
    if (r.operator === 'Lt' && bound - BigInt(1) < high) high = bound - BigInt(1);
  }
  // Enough integers in [low+1, high] that the excluded values cannot cover them all.
  return high - low > BigInt(excluded.size);
}
