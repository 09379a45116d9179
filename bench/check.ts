/**
 * `npm run bench:check`: `cdk8s-daemonsets check` on one 10,000-document, 20 MB file against
 * the baseline of issue 9 (js-yaml's loadAll plus each document validated against the
 * Kubernetes JSON schema with kubernetes-models), measured in the same run; peak RSS of each;
 * then a 40 MB `kubectl get pods -o yaml` List. Each measurement runs in a child process of its
 * own (bench/check-child.ts) on a JavaScript build of src/ (`.bench-js/`), as the package runs
 * lib/; the median CPU time (user + system, which other work on a shared machine disturbs less
 * than wall time) of BENCH_ROUNDS (default 3) interleaved rounds is reported, with its spread.
 *
 * Targets: check within 2.5 × the baseline, peak RSS ≤ 700 MiB; the 40 MB List under 1.5 GiB.
 * Exits 1 naming each target it misses.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, statSync, writeFileSync } from 'fs';
import * as os from 'os';
import { join } from 'path';
import { stringify } from 'yaml';

const ROOT = join(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MiB = 1024 * 1024;

/** One DaemonSet as a real node agent's manifest looks, about 2 KB; every tenth has errors, every one a few warnings. */
function daemonSet(i: number): string {
  const portName = i % 10 === 0 ? 'metrics-exporter-x' : 'metrics';
  return `# node agent of pool ${i % 17}
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent-${i}
  namespace: monitoring
  labels:
    app.kubernetes.io/name: node-agent
    app.kubernetes.io/instance: agent-${i}
    app.kubernetes.io/version: "2.4.1"
  annotations:
    description: "collects node metrics for pool ${i % 17}"
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: node-agent
      app.kubernetes.io/instance: agent-${i}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate: {maxUnavailable: 10%}
  minReadySeconds: 10
  template:
    metadata:
      labels:
        app.kubernetes.io/name: node-agent
        app.kubernetes.io/instance: agent-${i}
    spec:
      serviceAccountName: node-agent
      automountServiceAccountToken: false
      priorityClassName: system-node-critical
      nodeSelector:
        kubernetes.io/os: linux
      tolerations:
      - operator: Exists
        effect: NoSchedule
      securityContext:
        runAsNonRoot: true
        runAsUser: 65534
        seccompProfile: {type: RuntimeDefault}
      containers:
      - name: agent
        image: registry.example.com/node-agent:2.4.1
        args: [--path.procfs=/host/proc, --path.sysfs=/host/sys, "--web.listen-address=:9100"]
        env:
        - name: NODE_NAME
          valueFrom:
            fieldRef: {fieldPath: spec.nodeName}
        ports:
        - name: ${portName}
          containerPort: 9100
        resources:
          requests: {cpu: 100m, memory: 64Mi}
          limits: {memory: 128Mi}
        readinessProbe:
          httpGet: {path: /metrics, port: 9100}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
        volumeMounts:
        - {name: proc, mountPath: /host/proc, readOnly: true}
        - {name: sys, mountPath: /host/sys, readOnly: true}
      volumes:
      - name: proc
        hostPath: {path: /proc}
      - name: sys
        hostPath: {path: /sys}
`;
}

/** One pod as `kubectl get pods -o yaml` lists it: managed fields, owner, status. */
function pod(i: number): object {
  const name = `node-agent-${(i * 7919).toString(36)}`;
  const time = '2026-12-01T10:00:00Z';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'monitoring',
      uid: `0000${i}-aaaa-bbbb-cccc-dddddddddddd`,
      resourceVersion: String(100000 + i),
      creationTimestamp: time,
      generateName: 'node-agent-',
      labels: { 'app.kubernetes.io/name': 'node-agent', 'controller-revision-hash': '6d9f8b7c5', 'pod-template-generation': '3' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'node-agent', uid: 'ffff-eeee', controller: true, blockOwnerDeletion: true }],
      managedFields: [{
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        manager: 'kube-controller-manager',
        operation: 'Update',
        time,
        fieldsV1: { 'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app.kubernetes.io/name': {} }, 'f:ownerReferences': {} }, 'f:spec': { 'f:affinity': {}, 'f:containers': {} } },
      }],
    },
    spec: {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [`node-${i}`] }] }] } } },
      containers: [{
        name: 'agent',
        image: 'registry.example.com/node-agent:2.4.1',
        imagePullPolicy: 'IfNotPresent',
        args: ['--path.procfs=/host/proc'],
        ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
        volumeMounts: [{ name: 'proc', mountPath: '/host/proc', readOnly: true }, { name: 'kube-api-access-x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      }],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      hostNetwork: true,
      nodeName: `node-${i}`,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: 'node-agent',
      terminationGracePeriodSeconds: 30,
      tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' }],
      volumes: [{ name: 'proc', hostPath: { path: '/proc', type: '' } }, { name: 'kube-api-access-x', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] } }],
    },
    status: {
      conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(type => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: time })),
      containerStatuses: [{ name: 'agent', ready: true, restartCount: 0, started: true, image: 'registry.example.com/node-agent:2.4.1', imageID: `registry.example.com/node-agent@sha256:${'a'.repeat(64)}`, containerID: `containerd://${'b'.repeat(64)}`, state: { running: { startedAt: time } } }],
      hostIP: `10.0.${i % 250}.${i % 200}`,
      podIP: `10.0.${i % 250}.${i % 200}`,
      phase: 'Running',
      qosClass: 'Burstable',
      startTime: time,
    },
  };
}

/** A child process (bench/check-child.ts) running one task: its wall time and peak RSS. */
function measure(task: string, file: string): { ms: number; rssMiB: number; result: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=4096', join(ROOT, '.bench-js', 'bench', 'check-child.js'), task, file], { encoding: 'utf8', cwd: ROOT, maxBuffer: 1024 * MiB });
  if (r.status !== 0) throw new Error(`bench child ${task} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const lib = ['-p', 'tsconfig.json', '--outDir', '.bench-js', '--declaration', 'false', '--inlineSources', 'false', '--inlineSourceMap', 'false'];
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), ...lib], { cwd: ROOT, stdio: 'inherit' });
  const child = ['--outDir', '.bench-js', '--rootDir', '.', '--module', 'commonjs', '--target', 'es2022', '--esModuleInterop', '--skipLibCheck', '--types', 'node', '--ignoreConfig'];
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), ...child, 'bench/check-child.ts'], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(os.tmpdir(), 'cdk8s-daemonsets-bench-'));
  const many = join(dir, 'daemonsets-10k.yaml');
  writeFileSync(many, Array.from({ length: 10_000 }, (_, i) => daemonSet(i)).join('---\n'));
  const pods = join(dir, 'pods-list.yaml');
  const count = 9_600;
  writeFileSync(pods, stringify({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: Array.from({ length: count }, (_, i) => pod(i)) }, { lineWidth: 0 }));
  const rows: string[] = [];
  const missed: string[] = [];
  const runs: Record<string, Array<{ ms: number; rssMiB: number; result: string }>> = { baseline: [], check: [], pods: [] };
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, so load on the shared machine weighs on both alike.
    runs.baseline.push(measure('baseline', many));
    runs.check.push(measure('check', many));
    runs.pods.push(measure('check', pods));
  }
  const stat = (k: string) => {
    const ms = runs[k].map(r => r.ms);
    return { ms: median(ms), min: Math.min(...ms), max: Math.max(...ms), rss: Math.max(...runs[k].map(r => r.rssMiB)), result: runs[k][0].result };
  };
  const [base, check, list] = ['baseline', 'check', 'pods'].map(stat);
  const size = (f: string) => `${(statSync(f).size / MiB).toFixed(1)} MiB`;
  rows.push(`| js-yaml \`loadAll\` + kubernetes-models \`validate()\` per document (baseline) | ${size(many)}, 10,000 documents | ${base.ms} ms (${base.min}–${base.max}) | ${base.rss} MiB | ${base.result} |`);
  rows.push(`| \`cdk8s-daemonsets check\` | ${size(many)}, 10,000 documents | ${check.ms} ms (${check.min}–${check.max}) | ${check.rss} MiB | ${check.result} |`);
  rows.push(`| \`cdk8s-daemonsets check\` of a \`kubectl get pods -o yaml\` List | ${size(pods)}, ${count} pods | ${list.ms} ms (${list.min}–${list.max}) | ${list.rss} MiB | ${list.result} |`);
  const ratio = check.ms / base.ms;
  if (ratio > 2.5) missed.push(`check takes ${ratio.toFixed(2)} × the baseline (target ≤ 2.5 ×)`);
  if (check.rss > 700) missed.push(`check's peak RSS is ${check.rss} MiB (target ≤ 700 MiB)`);
  if (list.rss > 1536) missed.push(`the List's peak RSS is ${list.rss} MiB (target < 1.5 GiB)`);
  console.log(`Median of ${ROUNDS} rounds, CPU time (user + system) of a child process each (min–max); peak RSS is the largest of the rounds.`);
  console.log(`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, load average ${os.loadavg()[0].toFixed(1)}, ${new Date().toISOString()}\n`);
  console.log('| task | input | time | peak RSS | result |\n|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  console.log(`\ncheck / baseline: ${ratio.toFixed(2)} × (target ≤ 2.5 ×)`);
  for (const m of missed) console.error(`target missed: ${m}`);
  process.exitCode = missed.length > 0 ? 1 : 0;
}

main();
