/**
 * kubectl's reading of manifest bytes, from kubectl's own code (the oracle decodes with
 * cli-runtime's resource builder, sigs.k8s.io/yaml over go-yaml and apimachinery's unstructured
 * decoder, as `kubectl apply -f` does), against what `DaemonSetValidator.validateYaml` checks.
 *
 * For each input: the objects kubectl would send (or its refusal) are recorded in
 * decoding-expected.json, so a change in kubectl's decoding shows as a diff; and validateYaml's
 * findings must equal validateAll's findings on kubectl's objects (a refusal by kubectl must be an
 * error, and so must a case marked `checkRefuses`), except for the `decoding:` entries of
 * known-gaps.json (none now). The fault kinds are those of issue 9 and the ones found on the way;
 * each case says what kubectl does, as the oracle answered. Text inputs go through validateYaml,
 * byte inputs through `check`'s reading of files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KnownGap, readKnownGaps, RECORDING, recordKnownGaps } from './compare';
import { describeWithOracle, OracleAnswer } from './oracle';
import { DaemonSetValidator } from '../../src';
import { checkSources } from '../../src/cli/check';
import { isList, readAsKubectl } from '../../src/validation/kubectl-reading';

interface DecodingCase {
  readonly id: string;
  /** What kubectl does with the bytes, as the oracle answered (recorded in decoding-expected.json). */
  readonly kubectl: string;
  readonly input: string | Buffer;
  /**
   * Why `check` refuses a file kubectl reads (issue 9 allows "read it as kubectl does, or refuse
   * it naming file, line and reason"): the reading is one js-yaml cannot follow exactly.
   */
  readonly checkRefuses?: string;
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

/** A ConfigMap with the case's lines after its metadata. */
function configMap(extra: string, name = 'cfg'): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: monitoring}\n${extra}`;
}

function utf16be(text: string): Buffer {
  const b = Buffer.from(text, 'utf16le');
  b.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
}

const PRIVILEGED = daemonSet(AGENT + '        securityContext: {privileged: true}\n');

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
  {
    id: 'utf16le-bom-every-shape',
    kubectl: 'UTF-16LE with CRLF line ends, no final newline: refused too (kubectl adds a newline byte to the last line, half a character)',
    input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PRIVILEGED.replace(/\n/g, '\r\n').trimEnd(), 'utf16le')]),
  },
  {
    id: 'utf16be-bom',
    kubectl: 'UTF-16BE with a byte order mark: read (go-yaml decodes it), the container runs privileged',
    input: utf16be(PRIVILEGED),
  },
  {
    id: 'utf16be-two-documents',
    kubectl: 'UTF-16BE with two documents: only the first is applied (kubectl looks for "---" lines in the raw bytes and finds none; go-yaml reads one document)',
    input: utf16be(configMap('data: {a: x}\n') + '---\n' + configMap('data: {b: "y"}\n', 'Bad_Name')),
  },
  {
    id: 'utf32-bom',
    kubectl: 'UTF-32LE with a byte order mark: refused ("control characters are not allowed")',
    input: (() => {
      const cps = [...configMap('data: {a: x}\n')].map(c => c.codePointAt(0)!);
      const b = Buffer.alloc(4 + cps.length * 4);
      b.writeUInt32LE(0xfeff, 0);
      cps.forEach((c, i) => b.writeUInt32LE(c, 4 + i * 4));
      return b;
    })(),
  },
  {
    id: 'utf8-bom',
    kubectl: 'a UTF-8 byte order mark is skipped; the documents after it are read as usual',
    input: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PRIVILEGED)]),
  },
  {
    id: 'document-end-then-content',
    kubectl: 'a "..." line ends the document: kubectl applies nothing after it until the next "---" line (the Bad_Name ConfigMap is dropped)',
    input: configMap('data: {a: x}\n...\n' + configMap('', 'Bad_Name')) + '---\n' + configMap('', 'second'),
  },
  {
    id: 'yaml-directive',
    kubectl: 'a %YAML directive: refused (kubectl cuts at the "---" line and go-yaml finds the directive alone: "did not find expected <document start>")',
    input: '%YAML 1.1\n---\n' + PRIVILEGED,
  },
  {
    id: 'yaml11-scalars',
    kubectl: 'go-yaml v2 typing: y and n are booleans, 08 is 8 (no octal, so a float), 1_000 is 1000, 0x1F is 31, 1e3 is 1000, 1e400 and ._5 stay strings, timestamps and 12:30:45 stay strings',
    input: daemonSet(`${AGENT}        env:
        - {name: A, value: y}
        - {name: B, value: 12:30:45}
        - {name: C, value: 2024-01-01T10:00:00Z}
        - {name: D, value: 1e400}
        ports:
        - {containerPort: 08}
        - {containerPort: 1_000}
        - {containerPort: 0x1F}
        - {containerPort: 1e3}
`),
  },
  {
    id: 'explicit-tags',
    kubectl: '!!str 123 is a string, !!int "12" is 12, !!binary is decoded, an unknown tag is ignored',
    input: daemonSet(`${AGENT}        env:
        - {name: A, value: !!str 123}
        - {name: B, value: !custom text}
        - {name: C, value: !!binary aGVsbG8=}
        ports:
        - {containerPort: !!int "9100"}
`),
  },
  {
    id: 'infinity-value',
    kubectl: '.inf is no JSON number: refused ("json: unsupported value: +Inf")',
    input: daemonSet(`${AGENT}        ports:\n        - {containerPort: .inf}\n`),
  },
  {
    id: 'null-key',
    kubectl: 'a null map key: refused ("unsupported map key of type <nil>")',
    input: configMap('data: {~: x}\n'),
  },
  {
    id: 'sequence-key',
    kubectl: 'a list as a map key (explicit `? `): refused ("yaml: invalid map key: []interface {}{\"a\", \"b\"}")',
    input: configMap('data:\n  ? [a, b]\n  : x\n'),
  },
  {
    id: 'map-key',
    kubectl: 'a map as a map key: refused ("yaml: invalid map key: map[interface {}]interface {}{\"a\":1}")',
    input: configMap('data:\n  ? {a: 1}\n  : x\n'),
  },
  {
    id: 'flow-sequence-key',
    kubectl: 'a flow list before the colon, in a flow map: refused ("invalid map key")',
    input: configMap('data: {[a, b]: x}\n'),
  },
  {
    id: 'alias-collection-key',
    kubectl: 'an alias of a list as a map key: refused ("invalid map key")',
    input: configMap('data:\n  a: &k [x]\n  *k : y\n'),
  },
  {
    id: 'collection-key-hints-in-values',
    kubectl: 'question marks, asterisks, aliases of collections as values and "]:" inside strings: read as usual',
    input: configMap('data:\n  url: "http://h/?q=1 ? x"\n  glob: /var/log/*.log\n  a: &v [x]\n  b: *v\n  c: "[a]: b"\n  d: |\n    ? [a]\n    : b\n'),
  },
  {
    id: 'non-string-keys',
    kubectl: 'keys that are numbers or booleans become their text: yes is "true", 0x10 is "16"',
    input: configMap('data: {yes: a, 0x10: b, 1.5: c, 2024-01-01: d}\n'),
  },
  {
    id: 'items-map',
    kubectl: 'an object whose items is a map: refused ("cannot unmarshal object into ... items")',
    input: configMap('items: {a: b}\n'),
  },
  {
    id: 'items-null',
    kubectl: 'items: null is an empty list: kubectl applies nothing (the privileged DaemonSet is dropped)',
    input: PRIVILEGED + 'items: null\n',
  },
  {
    id: 'items-without-kind',
    kubectl: 'a list item with neither kind nor apiVersion takes the list\'s kind (without "List") and apiVersion',
    input: 'apiVersion: v1\nkind: ConfigMapList\nitems:\n- metadata: {name: Bad_Name, namespace: monitoring}\n',
  },
  {
    id: 'kind-list-without-items',
    kubectl: 'kind: ConfigMapList without items is no list: kubectl sends it as an object',
    input: 'apiVersion: v1\nkind: ConfigMapList\nmetadata: {name: Bad_Name}\n',
  },
  {
    id: 'json-stream',
    kubectl: 'JSON objects one after the other are a JSON stream: each is applied',
    input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "namespace": "monitoring"}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Bad_Name"}}',
  },
  {
    id: 'json-then-yaml',
    kubectl: 'one JSON object, then YAML: both applied (the decoder falls back to YAML after one JSON value)',
    input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "namespace": "monitoring"}}\n---\n' + PRIVILEGED,
  },
  {
    id: 'json-two-then-yaml',
    kubectl: 'two JSON objects, then YAML: refused (after two JSON values the stream is JSON)',
    input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}\n---\n' + PRIVILEGED,
  },
  {
    id: 'json-integral-float',
    kubectl: 'a JSON 1.0 where an integer goes: refused ("cannot unmarshal number 1.0 into ... int64")',
    input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "generation": 1.0}}',
  },
  {
    id: 'crlf-and-lone-cr',
    kubectl: 'CRLF and a lone CR both end lines, in values and comments alike',
    input: daemonSet(AGENT + '        securityContext:\r\n          runAsNonRoot: true # hardened\r          privileged: true\r\n'),
  },
  {
    id: 'nel-in-values',
    kubectl: 'NEL inside quoted and block values is a line break (folded to a space, or a newline in a block)',
    input: configMap('data:\n  a: "x\u0085y"\n  b: |\n    l1\u0085    l2\n'),
  },
  {
    id: 'ls-inside-value',
    kubectl: 'LS inside a quoted value is kept in the value (go-yaml folds it as itself)',
    input: configMap('data: {a: "x\u2028y"}\n'),
    checkRefuses: 'js-yaml cannot keep LS as a line break that stays in the value; check names the line',
  },
  {
    id: 'separator-line-with-text',
    kubectl: 'a line "---foo": refused ("invalid Yaml document separator: foo")',
    input: configMap('data: {a: x}\n') + '---foo\n',
  },
  {
    id: 'merge-sequence',
    kubectl: '<<: [*a, *b]: the earlier map wins (go-yaml applies the list last to first), then keys after the merge override',
    input: daemonSet(`      - name: agent
        image: registry.example.com/node-agent:2.4.1
        securityContext:
          <<: [{privileged: true}, {privileged: false, runAsUser: 0}]
`),
  },
  {
    id: 'merge-key-quoted',
    kubectl: 'a quoted "<<" is an ordinary key, no merge (the server refuses the unknown field)',
    input: daemonSet(`${AGENT}        securityContext:\n          "<<": {privileged: true}\n`),
  },
  {
    id: 'merge-of-a-scalar',
    kubectl: '<< of a scalar: refused ("map merge requires map or sequence of maps")',
    input: daemonSet(`${AGENT}        securityContext:\n          <<: 5\n`),
  },
  {
    id: 'duplicate-key-and-merge',
    kubectl: 'a key, a merge, the key again: document order, the last key wins',
    input: daemonSet(`${AGENT}        securityContext:\n          privileged: false\n          <<: {privileged: true}\n          privileged: true\n`),
    checkRefuses: 'js-yaml keeps one of the duplicate keys before the merge is applied, so the order is lost; check names the line',
  },
  {
    id: 'scalar-document',
    kubectl: 'a document that is a string: refused ("cannot unmarshal string into Go value of type unstructured.detector")',
    input: configMap('data: {a: x}\n') + '---\njust text\n',
  },
  {
    id: 'recursive-alias',
    kubectl: 'an anchor that contains its own alias: refused ("anchor \'a\' value contains itself")',
    input: configMap('data: &a {b: *a}\n'),
  },
  {
    id: 'anchor-redefined',
    kubectl: 'an anchor defined twice: later aliases name the later one',
    input: daemonSet(`${AGENT}        securityContext: &sc {privileged: false}\n      - name: b\n        image: registry.example.com/b:1.0.0\n        securityContext: &sc {privileged: true}\n      - name: c\n        image: registry.example.com/c:1.0.0\n        securityContext: *sc\n`),
  },
  {
    id: 'slash-escape',
    kubectl: '"\\/" in a double-quoted string (a JSON escape, not a YAML 1.1 one): refused ("found unknown escape character")',
    input: configMap('data: {a: "x\\/y"}\n'),
  },
  {
    id: 'document-end-first',
    kubectl: 'a "..." line before any content: refused ("did not find expected node content")',
    input: '...\n' + PRIVILEGED,
  },
  {
    id: 'kind-missing',
    kubectl: 'an object without kind: refused ("Object \'Kind\' is missing")',
    input: 'apiVersion: v1\nmetadata: {name: Bad_Name}\n---\n' + PRIVILEGED,
  },
  {
    id: 'json-exponent-unknown-field',
    kubectl: 'a JSON 1E2 in a field no type reads: kubectl sends 100 (the API server refuses 1E2 where an integer goes)',
    input: '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "namespace": "monitoring"}, "x": 1E2}',
    checkRefuses: 'check cannot tell the fields the server reads as integers from the others, so it refuses every whole number written as a float in JSON',
  },
  {
    id: 'form-feed-in-comment',
    kubectl: 'a form feed in a comment: refused ("control characters are not allowed"); js-yaml alone would hide the next key in the comment',
    input: daemonSet(`${AGENT}        securityContext:\n          runAsUser: 1000 # note\f          privileged: true\n`),
  },
  {
    id: 'merge-key-tagged',
    kubectl: '`? !!merge <<` merges as a plain << does: the container runs privileged',
    input: daemonSet(`${AGENT}        securityContext:\n          ? !!merge <<\n          : {privileged: true}\n`),
    checkRefuses: 'js-yaml merges on any key tagged !!merge with the spec\'s precedence before the schema sees it; go-yaml in document order',
  },
  {
    id: 'merge-of-null',
    kubectl: '<<: ~ is refused ("map merge requires map or sequence of maps as the value")',
    input: daemonSet(`${AGENT}        securityContext:\n          <<: ~\n          privileged: true\n`),
  },
  {
    id: 'list-without-kind',
    kubectl: 'an object with items but no kind: refused ("Object \'Kind\' is missing"), nothing applied',
    input: `apiVersion: v1\nitems:\n- ${PRIVILEGED.replace(/\n/g, '\n  ')}`,
  },
  {
    id: 'list-without-api-version',
    kubectl: 'a List without apiVersion: its items are applied (a list needs a kind, not an apiVersion)',
    input: `kind: List\nitems:\n- ${configMap('data: {a: x}\n').replace(/\n(?=.)/g, '\n  ')}`,
  },
  {
    id: 'utf16le-two-documents',
    kubectl: 'UTF-16LE with CRLF line ends and two documents: the first is applied alone (go-yaml stops at "---" before the half character at the end)',
    input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${PRIVILEGED}---\n${configMap('data: {b: "y"}\n', 'Bad_Name')}`.replace(/\n/g, '\r\n'), 'utf16le')]),
  },
  {
    id: 'proto-key',
    kubectl: 'a ConfigMap key __proto__ is an ordinary key',
    input: configMap('data: {__proto__: x}\n'),
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

  test('the reader decodes every object as kubectl does, and refuses every file kubectl refuses', () => {
    const mismatches = CASES.flatMap((c, i) => {
      const answer = answers[i];
      const documents = readAsKubectl(c.input);
      const refused = documents.some(d => d.error !== undefined);
      if (answer.kubectlError !== undefined || c.checkRefuses !== undefined) return refused ? [] : [{ id: c.id, kubectl: answer.kubectlError ?? 'read', ours: 'read' }];
      if (refused) return [{ id: c.id, kubectl: 'read', ours: documents.find(d => d.error !== undefined)!.error }];
      const ours = documents.flatMap(d => (d.value === null || d.value === undefined ? [] : objectsOf(d.value)));
      const theirs = answer.objects.map(x => x.decoded);
      return canonical(ours) === canonical(theirs) ? [] : [{ id: c.id, kubectl: canonical(theirs), ours: canonical(ours) }];
    });
    expect(mismatches).toEqual([]);
  });

  test('validateYaml checks what kubectl would apply, but for the known gaps', () => {
    const gaps: KnownGap[] = CASES.flatMap((c, i) => {
      // Text goes through validateYaml (the library's API); bytes through check (the CLI reads files as bytes).
      const ours = findings(typeof c.input === 'string'
        ? DaemonSetValidator.validateYaml(c.input)
        : checkSources([{ name: c.id, text: c.input.toString('utf8'), bytes: c.input }]).findings);
      const answer = answers[i];
      const kubectls = answer.kubectlError !== undefined ? ['error (kubectl refuses the file)'] : findings(DaemonSetValidator.validateAll(answer.objects.map(x => x.decoded as any)));
      const refused = ours.some(f => f.startsWith('error yaml-parse'));
      const agreeing = answer.kubectlError !== undefined || c.checkRefuses !== undefined ? refused : same(ours, kubectls);
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

/** JSON with object keys sorted, as Go's encoding/json writes maps: equal values, equal text. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (v !== null && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.keys(v).sort().map(k => [k, v[k]])) : v));
}

/** The objects kubectl sends for one decoded document: a list's items in its place (apimachinery's `IsList`). */
function objectsOf(value: unknown): unknown[] {
  return value !== null && typeof value === 'object' && isList(value) ? ((value as any).items ?? []).flatMap(objectsOf) : [value];
}

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
