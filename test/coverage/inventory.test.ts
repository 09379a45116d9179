import { NodeCoverage, NodeInventory, PlacementStatus } from '../../src';
import { daemonSet, nodeList } from '../helpers/coverage';

describe('NodeInventory', () => {
  test('the API\'s NodeList (items without kind), a single Node, several documents', () => {
    const list = { apiVersion: 'v1', kind: 'NodeList', items: [{ metadata: { name: 'a', labels: { 'kubernetes.io/os': 'linux' } } }] };
    expect(NodeInventory.fromObject(list).nodes.map(n => [n.name, n.os, n.status])).toEqual([['a', 'linux', 'Unknown']]);
    expect(NodeInventory.fromObject({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'b' } }).nodes[0].name).toBe('b');
    const yaml = 'apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\napiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: b}}\n';
    expect(NodeInventory.fromYaml(yaml).nodes.map(n => n.name)).toEqual(['a', 'b']);
    expect(NodeInventory.fromYaml(JSON.stringify(list)).nodes.map(n => n.name)).toEqual(['a']);
  });

  test.each([
    ['kind: DaemonSet\nmetadata: {name: x}\n', 'not a node list: found kind DaemonSet; expected what `kubectl get nodes -o json` (or -o yaml) writes: a List or NodeList of Nodes'],
    // kubectl: json: cannot unmarshal array into Go value of type unstructured.detector
    ['- a\n- b\n', 'YAML document 1: line 1: the document is a list, not an object, which kubectl refuses ("cannot unmarshal array")'],
    ['kind: List\nitems: [{kind: Pod, metadata: {name: p}}]\n', 'not a node list: items[0]: a Pod, not a Node'],
    ['kind: List\nitems: [{kind: Node, metadata: {}}]\n', 'items[0]: a Node needs metadata.name'],
    ['kind: List\nitems: [{kind: Node, metadata: {name: a}}, {kind: Node, metadata: {name: a}}]\n', 'items[1]: node a appears twice'],
    ['kind: List\nitems: []\n', 'the node list holds no node'],
    ['kind: List\nitems: [{kind: Node, metadata: {name: a}, spec: {taints: [{key: x, effect: Sometimes}]}}]\n',
      'items[0]: node a: spec.taints[0] needs a key and an effect of NoSchedule, PreferNoSchedule, NoExecute, not {"key":"x","effect":"Sometimes"}'],
    // The API server keeps spec.taints a list (NodeSpec.Taints []Taint): anything else is no inventory it wrote.
    ['kind: List\nitems: [{kind: Node, metadata: {name: a}, spec: {taints: {key: x, effect: NoSchedule}}}]\n',
      'items[0]: node a: spec.taints must be a list, not {"key":"x","effect":"NoSchedule"}'],
    // kubectl: yaml: line 3: did not find expected node content
    ['kind: List\nitems: [\n', /^YAML document 1: line 3: the YAML does not parse: .*\(column 1\)$/],
  ])('refuses %j', (yaml, message) => {
    expect(() => NodeInventory.fromYaml(yaml)).toThrow(message);
  });

  test('a node without status.allocatable is not judged for room; one with it is', () => {
    const needy = daemonSet('needy', { containers: [{ name: 'a', image: 'x:1', resources: { requests: { cpu: '2' } } }] });
    const inv = NodeInventory.fromObject(nodeList([
      { name: 'unknown', labels: {} },
      { name: 'small', labels: {}, allocatable: { cpu: '1', memory: '1Gi', pods: '110' } },
      { name: 'full', labels: {}, allocatable: { cpu: '4', memory: '1Gi', pods: '0' } },
    ]));
    const c = NodeCoverage.analyze(inv, [needy]);
    expect(c.placement('unknown', 'needy').status).toBe(PlacementStatus.RUNS);
    expect(c.placement('small', 'needy').reasons.map(r => r.message)).toEqual(["Insufficient cpu: the pod requests 2, 1 of the node's 1 allocatable is left"]);
    expect(c.placement('full', 'needy').reasons.map(r => `${r.kind} ${r.subject}`)).toEqual(['tooManyPods pods']);
  });
});
