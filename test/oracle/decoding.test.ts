/**
 * kubectl's reading of manifest bytes, from kubectl's own code (the oracle decodes with
 * cli-runtime's resource builder, sigs.k8s.io/yaml over go-yaml and apimachinery's unstructured
 * decoder, as `kubectl apply -f` does), against what `DaemonSetValidator.validateYaml` checks.
 *
 * For each input: the objects kubectl would send (or its refusal) are recorded in
 * decoding-expected.json, so a change in kubectl's decoding shows as a diff; and validateYaml's
 * findings must equal validateAll's findings on kubectl's objects (a refusal by kubectl must be an
 * error), except for the `decoding:` entries of known-gaps.json. The fault kinds are those of
 * issue 9; each case says what kubectl does, as the oracle answered.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KnownGap, readKnownGaps, RECORDING, recordKnownGaps } from './compare';
import { describeWithOracle, OracleAnswer } from './oracle';
import { DaemonSetValidator } from '../../src';

interface DecodingCase {
  readonly id: string;
  /** What kubectl does with the bytes, as the oracle answered (recorded in decoding-expected.json). */
  readonly kubectl: string;
  readonly input: string | Buffer;
}

/** A DaemonSet whose first container's securityContext and extra lines are the case's. */
function daemonSet(containers: string, extra = ''): string {
  return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: monitoring
spec:
  selector:
    matchLabels: {app: node-agent}
  template:
    metadata:
      labels: {app: node-agent}
    spec:
${extra}      containers:
${containers}`;
}

const AGENT = '      - name: agent\n        image: registry.example.com/node-agent:2.4.1\n';

const CASES: DecodingCase[] = [
  {
    id: 'items-on-a-daemonset',
    kubectl: 'any object with an items array is a list: kubectl applies the ConfigMap in items and drops the DaemonSet',
    input: daemonSet(AGENT + '        securityContext: {privileged: true}\n') + 'items:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: cfg, namespace: monitoring}}\n',
  },
  {
    id: 'items-empty',
    kubectl: 'a Namespace with items: [] is an empty list: kubectl applies nothing',
    input: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: Bad_Name}\nitems: []\n',
  },
  {
    id: 'merge-key-after-explicit-key',
    kubectl: 'a << after an explicit key overrides it (go-yaml applies merges in document order): the exporter runs privileged',
    input: daemonSet(`${AGENT}        securityContext: &sc {privileged: true}
      - name: exporter
        image: registry.example.com/exporter:1.0.0
        securityContext:
          privileged: false
          <<: *sc
`),
  },
  {
    id: 'merge-key-twice',
    kubectl: 'a second << in one mapping overrides the first: the shipper gets runAsUser -1 (refused by the server)',
    input: daemonSet(`${AGENT}        securityContext: &a {runAsUser: 1000}
      - name: exporter
        image: registry.example.com/exporter:1.0.0
        securityContext: &b {runAsUser: -1}
      - name: shipper
        image: registry.example.com/shipper:1.0.0
        securityContext:
          <<: *a
          <<: *b
`),
  },
  ...[['cr', '\r'], ['nel', '\u0085'], ['ls', '\u2028'], ['ps', '\u2029']].map(([name, brk]) => ({
    id: `comment-ends-at-${name}`,
    kubectl: `a ${name.toUpperCase()} ends the comment (libyaml line break): the text after it is a key, the container runs privileged`,
    input: daemonSet(`${AGENT}        securityContext:
          runAsNonRoot: true # hardened${brk}          privileged: true
`),
  })),
  {
    id: 'unquoted-timestamps',
    kubectl: 'unquoted dates, date-times and H:MM values stay strings (sigs.k8s.io/yaml keeps the source text)',
    input: daemonSet(`${AGENT}        env:
        - {name: SINCE, value: 2024-01-01}
        - {name: AT, value: 2024-01-01 10:00:00}
        - {name: WINDOW, value: 10:30}
`),
  },
  {
    id: 'octal-modes',
    kubectl: 'both 0644 (YAML 1.1) and 0o644 read as 420',
    input: daemonSet(`${AGENT}        volumeMounts: [{name: a, mountPath: /a}, {name: b, mountPath: /b}]
`, '      volumes:\n      - {name: a, configMap: {name: cfg, defaultMode: 0644}}\n      - {name: b, configMap: {name: cfg, defaultMode: 0o644}}\n'),
  },
  {
    id: 'yaml11-booleans',
    kubectl: 'yes and on are booleans (YAML 1.1): the server refuses a boolean env value',
    input: daemonSet(`${AGENT}        env:
        - {name: ENABLED, value: yes}
        - {name: DEBUG, value: on}
`),
  },
  {
    id: 'duplicate-key',
    kubectl: 'a key twice in one mapping: the last one wins, no error (the container runs privileged)',
    input: daemonSet(`      - name: agent
        image: registry.example.com/node-agent:2.4.1
        securityContext: {privileged: false}
        securityContext: {privileged: true}
`),
  },
  {
    id: 'duplicate-key-json',
    kubectl: 'a key twice in a JSON object: the last one wins (the name Bad_Name is refused by the server)',
    input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "name": "Bad_Name"}}',
  },
  {
    id: 'utf16-bom',
    kubectl: 'UTF-16LE with a byte order mark, as PowerShell writes it: refused ("incomplete UTF-16 character"), kubectl splits documents on raw bytes first',
    input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(daemonSet(AGENT + '        securityContext: {privileged: true}\n'), 'utf16le')]),
  },
  {
    id: 'invalid-utf8',
    kubectl: 'a byte that is not UTF-8 inside a value: refused ("invalid leading UTF-8 octet")',
    input: Buffer.concat([Buffer.from(daemonSet(AGENT + '        env: [{name: A, value: "x')), Buffer.from([0xff]), Buffer.from('"}]\n')]),
  },
  {
    id: 'document-start-with-content',
    kubectl: 'a "---" line with content after it: refused ("invalid Yaml document separator")',
    input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: first, namespace: monitoring}\n--- {apiVersion: v1, kind: ConfigMap, metadata: {name: Bad_Name}}\n',
  },
  {
    id: 'separator-with-comment',
    kubectl: '"--- # text" separates documents',
    input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: first, namespace: monitoring}\n--- # second\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n',
  },
  {
    id: 'many-aliases',
    kubectl: 'a list of 1000 items that each merge one anchor is normal',
    input: 'apiVersion: v1\nkind: List\nitems:\n- &cm {apiVersion: v1, kind: ConfigMap, metadata: {name: cm-0, namespace: monitoring}}\n'
      + Array.from({ length: 999 }, (_, i) => `- {<<: *cm, metadata: {name: cm-${i + 1}, namespace: monitoring}}\n`).join(''),
  },
  {
    id: 'alias-bomb',
    kubectl: 'a billion-laughs document: refused ("document contains excessive aliasing")',
    input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a ["x","x","x","x","x","x","x","x","x"]\n'
      + Array.from({ length: 8 }, (_, i) => `  ${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill('*' + String.fromCharCode(97 + i)).join(',')}]\n`).join(''),
  },
];

const EXPECTED_FILE = path.join(__dirname, 'decoding-expected.json');

describeWithOracle('kubectl decoding, compared with validateYaml', (o) => {
  let answers: OracleAnswer[] = [];
  beforeAll(() => {
    answers = o.run(CASES.map(c => ({ id: c.id, input: c.input })));
  });

  test('kubectl decodes each input as recorded in decoding-expected.json', () => {
    const now = Object.fromEntries(CASES.map((c, i) => [c.id, kubectlReading(answers[i])]));
    if (RECORDING) fs.writeFileSync(EXPECTED_FILE, JSON.stringify(now, null, 1) + '\n');
    expect(now).toEqual(JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8')));
  });

  test('validateYaml checks what kubectl would apply, but for the known gaps', () => {
    const gaps: KnownGap[] = CASES.flatMap((c, i) => {
      const text = typeof c.input === 'string' ? c.input : c.input.toString('utf8');
      const ours = findings(DaemonSetValidator.validateYaml(text));
      const answer = answers[i];
      const kubectls = answer.kubectlError !== undefined ? ['error (kubectl refuses the file)'] : findings(DaemonSetValidator.validateAll(answer.objects.map(x => x.decoded as any)));
      const agreeing = answer.kubectlError !== undefined ? ours.some(f => f.startsWith('error ')) : same(ours, kubectls);
      if (agreeing) return [];
      return [{
        key: `decoding:${c.id}`,
        area: 'decoding',
        case: c.id,
        oracle: { accepted: answer.kubectlError === undefined, fields: kubectls },
        validator: { accepted: !ours.some(f => f.startsWith('error ')), fields: ours },
      }];
    }).sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    if (RECORDING) recordKnownGaps(['decoding:'], gaps);
    expect(gaps).toEqual(readKnownGaps().filter(g => g.key.startsWith('decoding:')));
  });
});

/** What kubectl sends: each object's JSON, or its refusal. */
function kubectlReading(answer: OracleAnswer): unknown {
  if (answer.kubectlError !== undefined) return { refused: answer.kubectlError };
  const objects = answer.objects.map(x => x.decoded);
  // A long list is recorded by its length and its ends, to keep the file readable.
  return objects.length <= 5 ? { objects } : { count: objects.length, first: objects[0], last: objects[objects.length - 1] };
}

/** Findings as `severity rule path`, sorted: what both readings must produce alike. */
function findings(list: Array<{ severity: string; rule: string; path: string }>): string[] {
  return list.map(f => `${f.severity} ${f.rule} ${f.path}`).sort();
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
