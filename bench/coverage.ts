// NodeCoverage benchmark: 100 DaemonSets over 5,000 nodes (Kubernetes' documented largest
// cluster), target < 1 s for reading the inventory and deciding every placement.
import type { Bench } from 'tinybench' with { 'resolution-mode': 'import' };
import { NodeCoverage, NodeInventory } from '../src';

export const COVERAGE_NODES = 5_000;
export const COVERAGE_DAEMON_SETS = 100;
export const COVERAGE_TARGET_MS = 1_000;

const POOLS = ['general', 'general', 'general', 'memory', 'gpu', 'arm', 'spot', 'windows'];
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** A node of `kubectl get nodes -o json`, in one of eight pools (taints, architectures, OS, sizes as real pools have them). */
function node(i: number): any {
  const pool = POOLS[i % POOLS.length];
  const name = `ip-10-${Math.floor(i / 250)}-${i % 250}-${(i * 7) % 250}.eu-west-1.compute.internal`;
  const taints: any[] = [];
  if (pool === 'gpu') taints.push({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' });
  if (pool === 'spot') taints.push({ key: 'example.com/spot', value: 'true', effect: 'PreferNoSchedule' });
  if (pool === 'windows') taints.push({ key: 'os', value: 'windows', effect: 'NoSchedule' });
  if (i % 97 === 0) taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  if (i % 500 === 0) taints.push({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': pool === 'windows' ? 'windows' : 'linux',
        'kubernetes.io/arch': pool === 'arm' ? 'arm64' : 'amd64',
        'topology.kubernetes.io/zone': ZONES[i % ZONES.length],
        'node.kubernetes.io/instance-type': pool === 'memory' ? 'r6i.4xlarge' : 'm6i.2xlarge',
        'example.com/pool': pool,
        'example.com/disks': String(i % 4),
        ...(i % 50 === 7 ? { 'eks.amazonaws.com/compute-type': 'fargate' } : {}),
      },
    },
    spec: { taints, unschedulable: i % 97 === 0 || undefined },
    status: {
      allocatable: { 'cpu': pool === 'memory' ? '15890m' : '7910m', 'memory': pool === 'memory' ? '127512Mi' : '31482Mi', 'pods': '110', 'ephemeral-storage': '95551679124' },
      conditions: [{ type: 'Ready', status: i % 211 === 0 ? 'False' : 'True' }],
    },
  };
}

/** DaemonSets targeting nodes every way there is: selectors, ORed affinity terms, tolerations, host ports, requests. */
function daemonSet(i: number): any {
  const pod: any = {
    nodeSelector: { 'kubernetes.io/os': i % 10 === 9 ? 'windows' : 'linux' },
    tolerations: i % 3 === 0 ? [{ operator: 'Exists' }] : [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] }, { key: 'example.com/pool', operator: 'NotIn', values: [POOLS[i % POOLS.length]] }] },
            { matchExpressions: [{ key: 'example.com/disks', operator: 'Gt', values: [String(i % 3)] }] },
          ],
        },
      },
    },
    hostNetwork: i % 4 === 0,
    containers: [{
      name: `agent-${i}`,
      image: 'registry.example.com/agent:1.0.0',
      ports: [{ name: 'metrics', containerPort: 9100 + (i % 20) }],
      resources: { requests: { cpu: `${20 + (i % 5) * 20}m`, memory: `${32 + (i % 7) * 32}Mi` } },
    }],
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: `agent-${i}`, namespace: `team-${i % 10}` },
    spec: { selector: { matchLabels: { app: `agent-${i}` } }, template: { metadata: { labels: { app: `agent-${i}` } }, spec: pod } },
  };
}

/** Adds the coverage tasks to `bench` and returns what to print about them after the run. */
export function addCoverageTasks(bench: Bench): () => string[] {
  const nodeList = { apiVersion: 'v1', kind: 'List', items: Array.from({ length: COVERAGE_NODES }, (_, i) => node(i)) };
  const manifests = Array.from({ length: COVERAGE_DAEMON_SETS }, (_, i) => daemonSet(i));
  let coverage: NodeCoverage | undefined;
  const name = `coverage ${COVERAGE_DAEMON_SETS} DaemonSets × ${COVERAGE_NODES} nodes`;
  bench.add(name, () => {
    coverage = NodeCoverage.analyze(NodeInventory.fromObject(nodeList), manifests);
  });
  bench.add(`render that coverage as text (${COVERAGE_NODES} rows)`, () => {
    coverage?.toText();
  });
  return () => {
    const task = bench.tasks.find(t => t.name === name);
    const r: any = task?.result;
    const mean: number | undefined = r?.latency?.mean ?? r?.mean;
    const verdict = mean === undefined ? 'not run' : mean < COVERAGE_TARGET_MS ? 'within' : 'OVER';
    return [
      `coverage: ${coverage?.placements.length} placements, ${coverage?.gaps.length} gaps; ${verdict} the ${COVERAGE_TARGET_MS} ms target`,
    ];
  };
}
