import { NodeSelection, SelectionPart } from '../../src/coverage/node-selection';

const node = (labels: { [k: string]: string }, name = 'n1') => ({ name, labels });
const expr = (key: string, operator: string, values?: string[]) => ({ key, operator, values });
/** A pod whose required node affinity has these terms. */
const required = (...terms: any[]) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
});
const selects = (pod: any, labels: { [k: string]: string }, name?: string) => NodeSelection.of(pod).reasons(node(labels, name)).length === 0;

describe('labels.Requirement.Matches, operator by operator', () => {
  const one = (e: any) => required({ matchExpressions: [e] });
  test('In: the label is present with one of the values', () => {
    expect(selects(one(expr('zone', 'In', ['a', 'b'])), { zone: 'b' })).toBe(true);
    expect(selects(one(expr('zone', 'In', ['a'])), { zone: 'c' })).toBe(false);
    expect(selects(one(expr('zone', 'In', ['a'])), {})).toBe(false);
  });
  test('NotIn: an absent label matches', () => {
    expect(selects(one(expr('type', 'NotIn', ['virtual-kubelet'])), {})).toBe(true);
    expect(selects(one(expr('type', 'NotIn', ['virtual-kubelet'])), { type: 'virtual-kubelet' })).toBe(false);
  });
  test('Exists and DoesNotExist look at the key only (an empty value exists)', () => {
    expect(selects(one(expr('node-role.kubernetes.io/control-plane', 'Exists')), { 'node-role.kubernetes.io/control-plane': '' })).toBe(true);
    expect(selects(one(expr('gpu', 'DoesNotExist')), { gpu: '' })).toBe(false);
    expect(selects(one(expr('gpu', 'DoesNotExist')), {})).toBe(true);
  });
  test('Gt and Lt compare int64s; a label that is no integer never matches', () => {
    expect(selects(one(expr('disks', 'Gt', ['1'])), { disks: '2' })).toBe(true);
    expect(selects(one(expr('disks', 'Gt', ['2'])), { disks: '2' })).toBe(false);
    expect(selects(one(expr('disks', 'Lt', ['10'])), { disks: '9' })).toBe(true);
    expect(selects(one(expr('disks', 'Lt', ['10'])), { disks: 'many' })).toBe(false);
    expect(selects(one(expr('disks', 'Gt', ['1'])), {})).toBe(false);
    // strconv.ParseInt: beyond int64 is an error, so no match.
    expect(selects(one(expr('disks', 'Gt', ['1'])), { disks: '9223372036854775808' })).toBe(false);
    expect(selects(one(expr('disks', 'Gt', ['9223372036854775806'])), { disks: '9223372036854775807' })).toBe(true);
  });
  test('matchFields: metadata.name In or NotIn one value', () => {
    const byName = (op: string) => required({ matchFields: [expr('metadata.name', op, ['worker-1'])] });
    expect(selects(byName('In'), {}, 'worker-1')).toBe(true);
    expect(selects(byName('In'), {}, 'worker-2')).toBe(false);
    expect(selects(byName('NotIn'), {}, 'worker-2')).toBe(true);
  });
});

describe('terms, selector and nodeName', () => {
  test('terms are ORed; the expressions of a term are ANDed', () => {
    const pod = required(
      { matchExpressions: [expr('zone', 'In', ['a']), expr('disk', 'In', ['ssd'])] },
      { matchExpressions: [expr('zone', 'In', ['b'])] },
    );
    expect(selects(pod, { zone: 'a', disk: 'ssd' })).toBe(true);
    expect(selects(pod, { zone: 'a', disk: 'hdd' })).toBe(false);
    expect(selects(pod, { zone: 'b' })).toBe(true);
  });

  test('nodeSelector is ANDed with the affinity', () => {
    const pod = { nodeSelector: { 'kubernetes.io/os': 'linux' }, ...required({ matchExpressions: [expr('zone', 'In', ['a'])] }) };
    expect(NodeSelection.of(pod).reasons(node({ 'kubernetes.io/os': 'windows', 'zone': 'b' })).map(r => r.part)).toEqual([SelectionPart.NODE_SELECTOR, SelectionPart.NODE_AFFINITY]);
  });

  test('an empty term is skipped; required affinity with no usable term matches no node', () => {
    expect(selects(required({}, { matchExpressions: [expr('zone', 'In', ['a'])] }), { zone: 'a' })).toBe(true);
    const none = NodeSelection.of(required({})).reasons(node({}));
    expect(none.map(r => r.message)).toEqual(['required node affinity has no term with requirements, so it matches no node']);
    expect(selects({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } } }, {})).toBe(false);
    // No required affinity at all selects every node.
    expect(selects({ affinity: { nodeAffinity: {} } }, {})).toBe(true);
  });

  test('a term that does not parse matches no node, whatever the others do', () => {
    const pod = required({ matchExpressions: [expr('zone', 'Gt', ['a'])] }, { matchExpressions: [expr('zone', 'Exists')] });
    expect(selects(pod, { zone: '5' })).toBe(true);
    const reasons = NodeSelection.of(pod).reasons(node({}));
    expect(reasons[0].message).toBe('no required node affinity term matches: term 0 does not parse (matchExpressions[0]: Gt needs exactly one integer value), '
      + 'so it matches no node; term 1: zone Exists: the node has no zone label');
    for (const bad of [expr('zone', 'In', []), expr('zone', 'Exists', ['x']), expr('bad key!', 'Exists'), expr('zone', 'Near'), expr('zone', 'In', ['not valid!'])]) {
      expect(selects(required({ matchExpressions: [bad] }), { 'zone': 'x', 'bad key!': 'x' })).toBe(false);
    }
    expect(selects(required({ matchFields: [expr('metadata.name', 'In', ['a', 'b'])] }), {}, 'a')).toBe(false);
    expect(selects(required({ matchFields: [expr('metadata.name', 'Exists')] }), {}, 'a')).toBe(false);
  });

  test('nodeName: the controller compares it with the node name', () => {
    expect(NodeSelection.of({ nodeName: 'worker-2' }).reasons(node({}, 'worker-1'))).toEqual([
      { part: SelectionPart.NODE_NAME, subject: 'nodeName worker-2', message: 'nodeName is "worker-2"' },
    ]);
    expect(selects({ nodeName: 'worker-1' }, {}, 'worker-1')).toBe(true);
  });
});

describe('canShareNodeWith: can two selections ever pick the same node', () => {
  const linux = { nodeSelector: { 'kubernetes.io/os': 'linux' } };
  const share = (a: any, b: any) => NodeSelection.of(a).canShareNodeWith(NodeSelection.of(b));
  test('different values of one selector label keep them apart', () => {
    expect(share(linux, { nodeSelector: { 'kubernetes.io/os': 'windows' } })).toBe(false);
    expect(share(linux, linux)).toBe(true);
    expect(share(linux, {})).toBe(true);
    expect(share(linux, { nodeSelector: { pool: 'gpu' } })).toBe(true);
  });
  test('In against NotIn, DoesNotExist, disjoint sets', () => {
    const gpu = required({ matchExpressions: [expr('pool', 'In', ['gpu'])] });
    expect(share(gpu, required({ matchExpressions: [expr('pool', 'NotIn', ['gpu'])] }))).toBe(false);
    expect(share(gpu, required({ matchExpressions: [expr('pool', 'DoesNotExist')] }))).toBe(false);
    expect(share(gpu, required({ matchExpressions: [expr('pool', 'In', ['cpu', 'gpu'])] }))).toBe(true);
    expect(share(gpu, required({ matchExpressions: [expr('pool', 'In', ['cpu'])] }))).toBe(false);
    expect(share(required({ matchExpressions: [expr('pool', 'NotIn', ['gpu'])] }), required({ matchExpressions: [expr('pool', 'DoesNotExist')] }))).toBe(true);
  });
  test('integer ranges', () => {
    const gt = (n: string) => required({ matchExpressions: [expr('disks', 'Gt', [n])] });
    const lt = (n: string) => required({ matchExpressions: [expr('disks', 'Lt', [n])] });
    expect(share(gt('3'), lt('5'))).toBe(true);
    expect(share(gt('3'), lt('4'))).toBe(false);
    expect(share(gt('3'), { ...lt('5'), nodeSelector: { disks: '4' } })).toBe(true);
    expect(share(gt('3'), { nodeSelector: { disks: 'four' } })).toBe(false);
    expect(share(lt('1'), required({ matchExpressions: [expr('disks', 'NotIn', ['0'])] }))).toBe(false);
  });
  test('any pair of ORed terms sharing a node is enough; nodeName and matchFields', () => {
    const either = required({ matchExpressions: [expr('pool', 'In', ['a'])] }, { matchExpressions: [expr('pool', 'In', ['b'])] });
    expect(share(either, { nodeSelector: { pool: 'b' } })).toBe(true);
    expect(share(either, { nodeSelector: { pool: 'c' } })).toBe(false);
    expect(share({ nodeName: 'n1' }, { nodeName: 'n2' })).toBe(false);
    expect(share({ nodeName: 'n1' }, required({ matchFields: [expr('metadata.name', 'NotIn', ['n1'])] }))).toBe(false);
    expect(share({ nodeName: 'n1' }, required({ matchFields: [expr('metadata.name', 'In', ['n1'])] }))).toBe(true);
  });
  test('a selection that matches no node shares none', () => {
    expect(share(required({}), {})).toBe(false);
    expect(NodeSelection.of({ nodeSelector: { 'kubernetes.io/os': 'windows' } }).canSelectNodeWith({ 'kubernetes.io/os': 'linux' })).toBe(false);
  });
});
