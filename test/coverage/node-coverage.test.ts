import { readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import {
  DaemonNamespace, LogCollectorDaemonSet, LogOutput, NodeCoverage, NodeDaemonSet, NodeExporterDaemonSet, NodeInventory,
  PlacementReasonKind, PlacementStatus,
} from '../../src';
import { daemonSet, nodeList } from '../helpers/coverage';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const inventory = NodeInventory.fromYaml(fixture('nodes.yaml'));
/** The DaemonSets of the fixture cluster, one file per namespace as a cdk8s app writes them (with a Namespace and a ConfigMap beside them). */
const DIST = ['monitoring', 'logging', 'kube-system', 'storage', 'windows'].map(ns => fixture(`dist/${ns}.k8s.yaml`));
const coverage = NodeCoverage.analyzeYaml(inventory, DIST.join('---\n'));

/** The DaemonSets in the order the cells below list them. */
const DS = ['monitoring/node-exporter', 'logging/fluent-bit', 'kube-system/nvidia-device-plugin', 'monitoring/windows-exporter', 'monitoring/legacy-node-exporter', 'storage/csi-node'];
/** The order of the files: legacy-node-exporter comes after node-exporter, so it is the one left without port 9100. */
const ORDER = ['monitoring/node-exporter', 'monitoring/legacy-node-exporter', 'logging/fluent-bit', 'kube-system/nvidia-device-plugin', 'storage/csi-node', 'monitoring/windows-exporter'];
const RUNS = '✓';
const PORT_9100 = 'Pending: host port TCP/9100 (monitoring/node-exporter)';
const NO_GPU = '✗ nodeSelector nvidia.com/gpu.present=true';
const NOT_WINDOWS = '✗ nodeSelector kubernetes.io/os=windows';
const NO_DISKS = 'nodeAffinity (none of 2 terms)';

/**
 * Every cell of the fixture cluster, as the DaemonSet controller and the scheduler decide it: ✓,
 * `✗ <subjects>` (no pod) or `Pending: <subjects>` (placed, cannot start). Columns in DS order.
 */
const EXPECTED: { [node: string]: string[] } = {
  // The control-plane taint: node-exporter tolerates everything, fluent-bit tolerates it by key.
  'cp-1': [RUNS, RUNS, `${NO_GPU}, taint node-role.kubernetes.io/control-plane:NoSchedule`,
    `${NOT_WINDOWS}, taint node-role.kubernetes.io/control-plane:NoSchedule`, PORT_9100,
    `✗ ${NO_DISKS}, taint node-role.kubernetes.io/control-plane:NoSchedule`],
  // NoExecute: legacy-node-exporter tolerates every NoSchedule taint, but not this one.
  'etcd-1': [RUNS, '✗ taint node-role.kubernetes.io/etcd=true:NoExecute', `${NO_GPU}, taint node-role.kubernetes.io/etcd=true:NoExecute`,
    `${NOT_WINDOWS}, taint node-role.kubernetes.io/etcd=true:NoExecute`, '✗ taint node-role.kubernetes.io/etcd=true:NoExecute',
    `✗ ${NO_DISKS}, taint node-role.kubernetes.io/etcd=true:NoExecute`],
  // csi-node's second term (matchFields metadata.name In [worker-1]) picks this node by name.
  'worker-1': [RUNS, RUNS, NO_GPU, NOT_WINDOWS, PORT_9100, RUNS],
  // The amd64-only affinity keeps legacy-node-exporter off; `disks Gt 0` lets csi-node in.
  'worker-arm-1': [RUNS, RUNS, NO_GPU, NOT_WINDOWS, '✗ nodeAffinity kubernetes.io/arch In [amd64]', RUNS],
  // A Linux pod without an OS selector lands on the Windows node (tolerating its taint by operator Exists).
  'win-1': ['✗ nodeSelector kubernetes.io/os=linux', '✗ nodeSelector kubernetes.io/os=linux, taint os=windows:NoSchedule',
    `${NO_GPU}, taint os=windows:NoSchedule`, RUNS, RUNS, `✗ nodeSelector kubernetes.io/os=linux, ${NO_DISKS}, taint os=windows:NoSchedule`],
  // Fargate: the default affinity keeps node-exporter off; legacy-node-exporter gets placed and never starts.
  'fargate-ip-10-0-141-17.eu-west-1.compute.internal': ['✗ nodeAffinity eks.amazonaws.com/compute-type NotIn [fargate]',
    '✗ taint eks.amazonaws.com/compute-type=fargate:NoSchedule', `${NO_GPU}, taint eks.amazonaws.com/compute-type=fargate:NoSchedule`,
    `${NOT_WINDOWS}, taint eks.amazonaws.com/compute-type=fargate:NoSchedule`, 'Pending: virtual node',
    `✗ ${NO_DISKS}, taint eks.amazonaws.com/compute-type=fargate:NoSchedule`],
  'virtual-node-aci-linux': ['✗ nodeAffinity type NotIn [virtual-kubelet]', '✗ taint virtual-kubelet.io/provider=azure:NoSchedule',
    `${NO_GPU}, taint virtual-kubelet.io/provider=azure:NoSchedule`, `${NOT_WINDOWS}, taint virtual-kubelet.io/provider=azure:NoSchedule`,
    'Pending: virtual node', `✗ ${NO_DISKS}, taint virtual-kubelet.io/provider=azure:NoSchedule`],
  // The GPU pool's custom taint: only the daemons that tolerate it (or everything) get in.
  'gpu-1': [RUNS, '✗ taint nvidia.com/gpu=present:NoSchedule', RUNS, `${NOT_WINDOWS}, taint nvidia.com/gpu=present:NoSchedule`,
    PORT_9100, '✗ taint nvidia.com/gpu=present:NoSchedule'],
  // Cordoned: the controller's own unschedulable toleration keeps daemons coming.
  'worker-cordoned': [RUNS, RUNS, NO_GPU, NOT_WINDOWS, PORT_9100, `✗ ${NO_DISKS}`],
  // NotReady: the controller tolerates not-ready NoExecute, not the NoSchedule taint next to it.
  'worker-notready': [RUNS, '✗ taint node.kubernetes.io/not-ready:NoSchedule', `${NO_GPU}, taint node.kubernetes.io/not-ready:NoSchedule`,
    `${NOT_WINDOWS}, taint node.kubernetes.io/not-ready:NoSchedule`, PORT_9100, `✗ ${NO_DISKS}, taint node.kubernetes.io/not-ready:NoSchedule`],
  // network-unavailable is tolerated for host-network pods only (windows-exporter and csi-node are, fluent-bit is not).
  'worker-netunavail': [RUNS, '✗ taint node.kubernetes.io/network-unavailable:NoSchedule',
    `${NO_GPU}, taint node.kubernetes.io/network-unavailable:NoSchedule`, NOT_WINDOWS, PORT_9100, RUNS],
  // PreferNoSchedule never blocks.
  'worker-prefer': [RUNS, RUNS, NO_GPU, NOT_WINDOWS, PORT_9100, RUNS],
  // 300Mi allocatable: node-exporter's 180Mi (its limit, as its request) leaves 120Mi for fluent-bit's 128Mi; disks=0 is not Gt 0.
  'small-1': [RUNS, 'Pending: memory (needs 128Mi, 120Mi left)', NO_GPU, NOT_WINDOWS, PORT_9100, `✗ ${NO_DISKS}`],
};

function cell(node: string, ds: string): string {
  const p = coverage.placement(node, ds);
  if (p.status === PlacementStatus.RUNS) return p.reasons.length === 0 ? RUNS : 'runs with reasons?';
  return `${p.status === PlacementStatus.NOT_PLACED ? '✗' : 'Pending:'} ${p.reasons.map(r => r.subject).join(', ')}`;
}

describe('NodeCoverage over a mixed cluster', () => {
  test('reads every node and DaemonSet in input order', () => {
    expect(coverage.nodes.map(n => n.name)).toEqual(Object.keys(EXPECTED));
    expect(coverage.daemonSets.map(d => d.id)).toEqual(ORDER);
    expect(coverage.placements).toHaveLength(13 * 6);
  });

  test.each(Object.keys(EXPECTED))('%s: every DaemonSet placed, or not and why', node => {
    expect(DS.map(ds => cell(node, ds))).toEqual(EXPECTED[node]);
  });

  test('the reasons name what the DaemonSet requires and what the node has', () => {
    const reasons = (node: string, ds: string) => coverage.placement(node, ds).reasons.map(r => `${r.kind}: ${r.message}`);
    expect(reasons('win-1', 'monitoring/node-exporter')).toEqual(['nodeSelector: nodeSelector kubernetes.io/os=linux: the node has kubernetes.io/os=windows']);
    expect(reasons('cp-1', 'storage/csi-node')).toEqual([
      'nodeAffinity: no required node affinity term matches: term 0: storage.example.com/disks Gt [0]: the node has no storage.example.com/disks label; '
      + 'term 1: metadata.name In [worker-1]: the node is cp-1',
      'taint: untolerated taint node-role.kubernetes.io/control-plane:NoSchedule',
    ]);
    expect(reasons('small-1', 'logging/fluent-bit')).toEqual([
      "insufficientResources: Insufficient memory: the pod requests 128Mi, 120Mi of the node's 300Mi allocatable is left after monitoring/node-exporter",
    ]);
    expect(reasons('worker-1', 'monitoring/legacy-node-exporter')).toEqual([
      "hostPort: host port TCP/9100 is taken by monitoring/node-exporter (didn't have free ports)",
    ]);
    expect(reasons('fargate-ip-10-0-141-17.eu-west-1.compute.internal', 'monitoring/legacy-node-exporter')[0]).toMatch(/^virtualNode: an EKS Fargate node \(eks.amazonaws.com\/compute-type=fargate\) runs no DaemonSet pod/);
  });

  test('nodes: status as kubectl shows it, OS, architecture, virtual, and which expect every daemon', () => {
    const node = (name: string) => coverage.nodes.find(n => n.name === name)!;
    expect(node('worker-cordoned').status).toBe('Ready,SchedulingDisabled');
    expect(node('worker-notready').status).toBe('NotReady');
    expect([node('worker-arm-1').os, node('worker-arm-1').arch]).toEqual(['linux', 'arm64']);
    expect(coverage.nodes.filter(n => n.virtualNode).map(n => n.name)).toEqual(['fargate-ip-10-0-141-17.eu-west-1.compute.internal', 'virtual-node-aci-linux']);
    expect(coverage.nodes.filter(n => !n.expectsDaemons).map(n => n.name)).toEqual([
      'win-1', 'fargate-ip-10-0-141-17.eu-west-1.compute.internal', 'virtual-node-aci-linux', 'worker-cordoned',
    ]);
    expect(node('gpu-1').taints).toEqual([{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }]);
  });

  test('gaps: what a schedulable Linux node lacks, never a Windows-only DaemonSet', () => {
    expect(coverage.daemonSets.filter(d => !d.targetsLinux).map(d => d.id)).toEqual(['monitoring/windows-exporter']);
    const gaps = coverage.gaps;
    expect(gaps.every(g => g.daemonSet !== 'monitoring/windows-exporter' && g.status !== PlacementStatus.RUNS)).toBe(true);
    expect(gaps.filter(g => g.node === 'worker-1').map(g => g.daemonSet)).toEqual(['monitoring/legacy-node-exporter', 'kube-system/nvidia-device-plugin']);
    expect(gaps.some(g => g.node === 'worker-cordoned' || g.node === 'win-1')).toBe(false);
    expect(gaps).toHaveLength(27);
  });

  test('text: a row per node, a column per DaemonSet, then the summary', () => {
    const lines = coverage.toText().split('\n');
    expect(lines[0]).toMatch(/^NODE {3,}STATUS {3,}OS\/ARCH {3,}monitoring\/node-exporter {3,}monitoring\/legacy-node-exporter {3,}logging\/fluent-bit {3,}kube-system/);
    expect(lines[1]).toMatch(/^cp-1 +Ready +linux\/amd64 +✓ +Pending: host port TCP\/9100 \(monitoring\/node-exporter\) +✓ +✗ nodeSelector nvidia.com\/gpu.present=true, taint/);
    // Columns line up: every row starts its STATUS column where the header does.
    const statusAt = lines[0].indexOf('STATUS');
    expect(lines.slice(1, 14).every(l => l[statusAt - 1] === ' ' && l[statusAt] !== ' ')).toBe(true);
    expect(lines[lines.length - 2]).toBe('13 nodes × 6 DaemonSets: 22 pods run, 45 not placed, 11 cannot start; 27 gaps on schedulable Linux nodes (a daemon missing or Pending)');
  });

  test('Markdown: a GitHub table, pipes escaped', () => {
    const md = coverage.toMarkdown().split('\n');
    expect(md[0]).toBe(`| NODE | STATUS | OS/ARCH | ${ORDER.join(' | ')} |`);
    expect(md[1]).toBe('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    expect(md[4]).toBe(`| worker-1 | Ready | linux/amd64 | ✓ | ${PORT_9100} | ✓ | ${NO_GPU} | ✓ | ${NOT_WINDOWS} |`);
    const piped = NodeCoverage.analyze(NodeInventory.fromObject(nodeList([{ name: 'a|b', labels: { 'kubernetes.io/os': 'linux' } }])), [daemonSet('x', {})]);
    expect(piped.toMarkdown().split('\n')[2]).toBe('| a\\|b | Unknown | linux/? | ✓ |');
  });

  test('placement() names what it does not know', () => {
    expect(() => coverage.placement('nope', 'logging/fluent-bit')).toThrow('no node nope in the inventory');
    expect(() => coverage.placement('cp-1', 'fluent-bit')).toThrow(/no DaemonSet fluent-bit was analyzed \(ids: monitoring\/node-exporter, /);
  });
});

describe('NodeCoverage inputs', () => {
  test('parsed objects, a List of DaemonSets, other kinds skipped', () => {
    const inv = NodeInventory.fromObject(nodeList([{ name: 'n1', labels: { 'kubernetes.io/os': 'linux' } }]));
    const c = NodeCoverage.analyze(inv, [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } },
      { apiVersion: 'v1', kind: 'List', items: [daemonSet('a', {}), { kind: 'ConfigMap' }, daemonSet('b', { nodeName: 'n2' })] }]);
    expect(c.daemonSets.map(d => d.id)).toEqual(['a', 'b']);
    expect(c.placement('n1', 'b')).toEqual({ node: 'n1', daemonSet: 'b', status: PlacementStatus.NOT_PLACED, reasons: [{ kind: PlacementReasonKind.NODE_NAME, subject: 'nodeName n2', message: 'nodeName is "n2"' }] });
  });

  test('no DaemonSet at all is an error, not an empty table', () => {
    const inv = NodeInventory.fromObject(nodeList([{ name: 'n1', labels: {} }]));
    expect(() => NodeCoverage.analyze(inv, [{ kind: 'ConfigMap' }])).toThrow('no DaemonSet among the manifests');
    expect(() => NodeCoverage.analyzeYaml(inv, 'kind: [')).toThrow(/^YAML document 1: line [0-9]+: the YAML does not parse: /);
  });

  test('this library\'s constructs: an App, a Chart or a daemon; the default affinity keeps them off virtual nodes', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'monitoring');
    new DaemonNamespace(chart, 'ns', { name: 'monitoring' });
    const exporter = new NodeExporterDaemonSet(chart, 'exporter', { metadata: { namespace: 'monitoring' } });
    const logs = new LogCollectorDaemonSet(chart, 'logs', {
      metadata: { namespace: 'monitoring' },
      outputs: [LogOutput.loki({ host: 'loki.monitoring.svc' })],
    });
    for (const scopes of [[app], [chart], [exporter, logs]]) {
      const c = NodeCoverage.analyzeConstructs(inventory, scopes);
      expect(c.daemonSets.map(d => d.name)).toEqual([exporter.daemonSet.name, logs.daemonSet.name]);
      const id = c.daemonSets[0].id;
      expect(c.placement('virtual-node-aci-linux', id).reasons.map(r => r.subject)).toEqual(['nodeAffinity type NotIn [virtual-kubelet]']);
      expect(c.placement('fargate-ip-10-0-141-17.eu-west-1.compute.internal', id).status).toBe(PlacementStatus.NOT_PLACED);
      expect(c.placement('etcd-1', id).status).toBe(PlacementStatus.RUNS);
      expect(c.placement('win-1', id).reasons.map(r => r.subject)).toEqual(['nodeSelector kubernetes.io/os=linux']);
    }
  });

  test('constructs without a DaemonSet', () => {
    const chart = Testing.chart();
    new DaemonNamespace(chart, 'ns', { name: 'monitoring' });
    expect(() => NodeCoverage.analyzeConstructs(inventory, [chart])).toThrow('no DaemonSet among the manifests');
  });

  test('a NodeDaemonSet given twice (and its App) counts once', () => {
    const chart = Testing.chart();
    const agent = new NodeDaemonSet(chart, 'agent', { image: 'registry.example.com/agent:1.0.0', runAsUser: 65534 });
    const c = NodeCoverage.analyzeConstructs(inventory, [agent, agent, chart]);
    expect(c.daemonSets.map(d => d.name)).toEqual([agent.daemonSet.name]);
  });
});
