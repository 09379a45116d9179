import { Testing } from 'cdk8s';
import {
  NodeAffinity, NodeCoverage, NodeDaemonSet, NodeExporterDaemonSet, NodeInventory, NodeSelectorOperator as Op, PlacementStatus,
} from '../src';
import { nodeList } from './helpers/coverage';
import { podSpec, synth } from './helpers/synth';

const IMAGE = 'registry.example.com/agent:1.0.0';
const EXCLUSIONS = [
  { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
  { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
];

function affinityOf(nodeAffinity?: NodeAffinity, nodeSelector?: { [k: string]: string }): any {
  const chart = Testing.chart();
  new NodeDaemonSet(chart, 'agent', { image: IMAGE, runAsUser: 65534, nodeAffinity, nodeSelector });
  return podSpec(synth(chart)).affinity;
}

function propError(nodeAffinity: NodeAffinity, nodeSelector?: { [k: string]: string }): string {
  try {
    affinityOf(nodeAffinity, nodeSelector);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('nodeAffinity prop', () => {
  test('default: one required term keeping off virtual-kubelet and EKS Fargate nodes', () => {
    const required = { nodeSelectorTerms: [{ matchExpressions: EXCLUSIONS }] };
    expect(affinityOf()).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } });
  });

  test('the exclusions are ANDed into every required term, after the user\'s expressions; terms stay ORed', () => {
    const a = affinityOf({
      required: [
        { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: Op.IN, values: ['eu-west-1a'] }] },
        { matchFields: [{ key: 'metadata.name', operator: Op.IN, values: ['edge-1'] }] },
      ],
      preferred: [{ weight: 20, preference: { matchExpressions: [{ key: 'disktype', operator: Op.EXISTS }] } }],
    });
    expect(a.nodeAffinity).toEqual({
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] }, ...EXCLUSIONS] },
          { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['edge-1'] }], matchExpressions: EXCLUSIONS },
        ],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, preference: { matchExpressions: [{ key: 'disktype', operator: 'Exists' }] } }],
    });
  });

  test('excludeVirtualNodes: false renders only what the user asked for', () => {
    expect(affinityOf({ excludeVirtualNodes: false })).toBeUndefined();
    expect(affinityOf({ excludeVirtualNodes: false, required: [{ matchExpressions: [{ key: 'type', operator: Op.IN, values: ['virtual-kubelet'] }] }] }))
      .toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'type', operator: 'In', values: ['virtual-kubelet'] }] }] } } });
  });

  test('a Fargate node matching one of the user\'s terms still gets no pod (every term carries the exclusions)', () => {
    const chart = Testing.chart();
    new NodeDaemonSet(chart, 'agent', {
      image: IMAGE,
      runAsUser: 65534,
      nodeAffinity: { required: [{ matchExpressions: [{ key: 'zone', operator: Op.IN, values: ['a'] }] }, { matchExpressions: [{ key: 'zone', operator: Op.IN, values: ['b'] }] }] },
    });
    const linux = { 'kubernetes.io/os': 'linux' };
    const inventory = NodeInventory.fromObject(nodeList([
      { name: 'a-1', labels: { ...linux, zone: 'a' } },
      { name: 'b-1', labels: { ...linux, zone: 'b' } },
      { name: 'fargate-a', labels: { ...linux, 'zone': 'a', 'eks.amazonaws.com/compute-type': 'fargate' } },
      { name: 'c-1', labels: { ...linux, zone: 'c' } },
    ]));
    const c = NodeCoverage.analyzeConstructs(inventory, [chart]);
    expect(c.placements.map(p => `${p.node} ${p.status}`)).toEqual(['a-1 runs', 'b-1 runs', 'fargate-a not-placed', 'c-1 not-placed']);
    expect(c.placement('fargate-a', c.daemonSets[0].id).reasons[0].message).toBe('no required node affinity term matches: '
      + 'term 0: eks.amazonaws.com/compute-type NotIn [fargate]: the node has eks.amazonaws.com/compute-type=fargate; term 1: zone In [b]: the node has zone=a');
    expect(c.placement('a-1', c.daemonSets[0].id).status).toBe(PlacementStatus.RUNS);
  });

  test('presets take it like every shared prop', () => {
    const chart = Testing.chart();
    new NodeExporterDaemonSet(chart, 'exporter', { nodeAffinity: { required: [{ matchExpressions: [{ key: 'monitored', operator: Op.EXISTS }] }] } });
    expect(podSpec(synth(chart)).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms)
      .toEqual([{ matchExpressions: [{ key: 'monitored', operator: 'Exists' }, ...EXCLUSIONS] }]);
  });

  test.each<[string, NodeAffinity, string]>([
    ['an empty term', { required: [{}] }, 'nodeAffinity.required[0]: Invalid value: {}: an empty term matches no node: give it matchExpressions or matchFields'],
    ['In without values', { required: [{ matchExpressions: [{ key: 'zone', operator: Op.IN }] }] }, 'nodeAffinity.required[0].matchExpressions[0]: Invalid value: {"key":"zone","operator":"In"}: In needs values'],
    ['Exists with values', { required: [{ matchExpressions: [{ key: 'zone', operator: Op.EXISTS, values: ['a'] }] }] }, 'Exists takes no values'],
    ['Gt with a word', { required: [{ matchExpressions: [{ key: 'disks', operator: Op.GT, values: ['two'] }] }] }, 'Gt needs exactly one integer value'],
    ['an unknown operator', { required: [{ matchExpressions: [{ key: 'zone', operator: 'Near' as Op }] }] }, 'operator "Near" is not one of In, NotIn, Exists, DoesNotExist, Gt, Lt'],
    ['a bad key', { required: [{ matchExpressions: [{ key: 'not a key', operator: Op.EXISTS }] }] }, 'key "not a key": name part must consist of alphanumeric characters'],
    ['a bad value', { required: [{ matchExpressions: [{ key: 'zone', operator: Op.IN, values: ['a b'] }] }] }, 'value "a b" is not a label value'],
    ['a field other than the name', { required: [{ matchFields: [{ key: 'spec.unschedulable', operator: Op.IN, values: ['true'] }] }] },
      'nodeAffinity.required[0].matchFields[0].key: Invalid value: "spec.unschedulable": the only node field is metadata.name'],
    ['two names in matchFields', { required: [{ matchFields: [{ key: 'metadata.name', operator: Op.IN, values: ['a', 'b'] }] }] }, 'needs exactly one value'],
    ['a term that can match no node', { required: [{ matchExpressions: [{ key: 'zone', operator: Op.IN, values: ['a'] }, { key: 'zone', operator: Op.DOES_NOT_EXIST }] }] },
      'nodeAffinity.required[0]: Invalid value: {"matchExpressions":[{"key":"zone","operator":"In","values":["a"]},{"key":"zone","operator":"DoesNotExist"}]}: the term can match no node'],
    ['a term selecting only Fargate nodes', { required: [{ matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: Op.IN, values: ['fargate'] }] }] },
      'the term matches only virtual-kubelet or EKS Fargate nodes, which excludeVirtualNodes keeps off: set nodeAffinity.excludeVirtualNodes to false'],
    ['a weight of 0', { preferred: [{ weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: Op.EXISTS }] } }] }, 'nodeAffinity.preferred[0].weight: Invalid value: 0: must be a whole number from 1 to 100'],
    ['required that is no list', { required: 'zone=a' as any }, 'nodeAffinity.required'],
  ])('refuses %s, naming the prop', (_, affinity, message) => {
    expect(propError(affinity)).toContain(message);
  });

  test('refuses a nodeSelector that only the excluded virtual nodes match, with no affinity terms of its own', () => {
    expect(propError({}, { 'eks.amazonaws.com/compute-type': 'fargate' }))
      .toContain('no node can match both the nodeSelector {"kubernetes.io/os":"linux","eks.amazonaws.com/compute-type":"fargate"} and a required term');
    expect(affinityOf({}, { 'eks.amazonaws.com/compute-type': 'ec2' })).toBeDefined();
    expect(affinityOf({ excludeVirtualNodes: false }, { 'eks.amazonaws.com/compute-type': 'fargate' })).toBeUndefined();
  });

  test('refuses a nodeSelector and required affinity that no node can match together', () => {
    expect(propError({ required: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: Op.IN, values: ['windows'] }] }] }))
      .toContain('no node can match both the nodeSelector {"kubernetes.io/os":"linux"} and a required term');
    expect(affinityOf({ required: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: Op.IN, values: ['windows'] }] }] }, { 'kubernetes.io/os': 'windows' })).toBeDefined();
  });
});
