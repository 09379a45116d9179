/**
 * Positions of findings: the indentation locator (block-style text) must give what parsing the
 * document gives, for every finding of varied manifests; where it cannot tell, it defers.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { DaemonSetValidator } from '../../src';
import { readAsKubectl } from '../../src/validation/kubectl-reading';
import { DocumentPositions } from '../../src/validation/positions';

const FIXTURES = join(__dirname, '..', 'cli', 'fixtures');

const AGENT = `# a node agent
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: monitoring
  labels: {app.kubernetes.io/name: node-agent, bad label: x}
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: other
    spec:
      hostPID: true
      containers:
      - name: agent
        image: registry.example.com/agent:latest
        args: [--a, "--b=1"]
        ports:
        - name: metrics-exporter-too-long
          containerPort: 70000
        - {name: ok, containerPort: 9101, hostPort: 9101}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
        securityContext:
          privileged: true
          capabilities: {add: [SYS_ADMIN]}
        volumeMounts:
        - {name: proc, mountPath: /host/proc}
      - name: sidecar
        image: registry.example.com/sidecar:1.0.0
        env:
        - name: A
          value: "1"
      volumes:
      - name: proc
        hostPath:
          path: /proc
      - name: root
        hostPath: {path: /}
`;

function findingsWithBothPositions(text: string): Array<{ finding: string; block: unknown; parsed: unknown }> {
  const docs = readAsKubectl(text).filter(d => d.value !== null && d.value !== undefined);
  expect(docs.every(d => d.error === undefined)).toBe(true);
  return docs.flatMap(doc => DaemonSetValidator.validateAll([doc.value as any]).map(f => {
    const item = /items\[([0-9]+)\]\)$/.exec(f.resource);
    const path = f.path === '(document)' ? '' : f.path;
    const at = (p: DocumentPositions) => p.of(path, item ? Number(item[1]) : undefined);
    return { finding: `${f.rule} ${f.path}`, block: at(new DocumentPositions(doc)), parsed: at(new DocumentPositions(doc, true)) };
  }));
}

test.each([
  ['a block-style DaemonSet with one-line flow collections', AGENT],
  ['the seed manifest', readFileSync(join(FIXTURES, 'seed-daemonset.yaml'), 'utf8')],
  ['a multi-document file', readFileSync(join(FIXTURES, 'good.yaml'), 'utf8') + '---\n' + AGENT],
  ['a List of DaemonSets', `apiVersion: v1\nkind: List\nitems:\n- ${AGENT.replace(/^# .*\n/, '').replace(/\n(?=.)/g, '\n  ')}`],
  ['block style throughout, sequences indented under their key', stringify(parse(AGENT), { indentSeq: true })],
  ['block style throughout, sequences at their key\'s indentation', stringify(parse(AGENT), { indentSeq: false })],
])('%s: the locator and the parser agree on every finding', (_name, text) => {
  const rows = findingsWithBothPositions(text);
  expect(rows.length).toBeGreaterThan(3);
  for (const row of rows) expect({ finding: row.finding, at: row.block }).toEqual({ finding: row.finding, at: row.parsed });
});

test('anchors, aliases and merge keys are left to the parser, which follows them', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  <<: &m {namespace: monitoring, name: Bad_Name}\ndata: {a: x}\n';
  const [doc] = readAsKubectl(text);
  expect(new DocumentPositions(doc).of('metadata.name')).toEqual({ line: 4, column: 34 });
});
