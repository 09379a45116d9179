/**
 * The reader of manifest files (`readAsKubectl`) on inputs an attacker or a careless editor
 * writes. Each test says what kubectl does with the same bytes, as the oracle (kubectl's own
 * decoding, test/oracle) answered; test/oracle/decoding.test.ts runs the same cases against it.
 */
import { DaemonSetValidator } from '../../src';
import { readAsKubectl } from '../../src/validation/kubectl-reading';

/** A DaemonSet whose `privileged: true` follows a comment on the line before, ended by `br`. */
const PRIVILEGED_BY_COMMENT = (br: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: monitoring}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    spec:
      containers:
      - name: agent
        securityContext:
          runAsUser: 1000 # note${br}          privileged: true
        image: registry.example.com/agent:1.0.0
    metadata: {labels: {app: agent}}
`;

function only(input: string | Uint8Array): { value?: any; error?: string; errorLine?: number } {
  const docs = readAsKubectl(input);
  expect(docs).toHaveLength(1);
  return docs[0];
}

describe('control characters', () => {
  test.each([['form feed', '\f'], ['vertical tab', '\v']])('a %s that would end a comment for no one is refused, as kubectl refuses it', (_, c) => {
    // kubectl: "yaml: control characters are not allowed", nothing applied. js-yaml alone keeps
    // the character inside the comment and hides `privileged: true` from check.
    const d = only(PRIVILEGED_BY_COMMENT(c));
    expect(d.error).toMatch(/^a control character \(U\+000[BC]\), which kubectl refuses \("control characters are not allowed"\)/);
    expect(d.errorLine).toBe(11);
  });

  test('DEL and C1 characters in a value are refused; NEL, no-break space and a BOM inside a value are not', () => {
    // kubectl: go-yaml's reader allows tab, LF, CR, NEL, U+00A0–U+D7FF, U+E000–U+FFFD and above.
    const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "${v}"}\n`;
    expect(only(cm('x\u007f')).error).toMatch(/U\+007F/);
    expect(only(cm('x\u009b')).error).toMatch(/U\+009B/);
    expect(only(cm('x\u00a0\ufeff\t')).value.data.a).toBe('x\u00a0\ufeff\t');
  });
});

describe('merge keys', () => {
  test('a `!!merge` tag is refused: js-yaml would merge with the spec precedence, go-yaml in document order', () => {
    // kubectl: `? !!merge <<` merges like a plain `<<` (the container runs privileged); `!!merge x` is the key "x".
    const d = only('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: "1"\n  ? !!merge <<\n  : {a: "2"}\n');
    expect(d.error).toMatch(/^a `!!merge` tag, which check cannot read as kubectl does/);
    expect(d.errorLine).toBe(6);
    expect(only('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {!!merge x: y}\n').error).toMatch(/`!!merge` tag/);
  });

  test('a merge of null is refused with go-yaml\'s reason, not a JavaScript TypeError', () => {
    // kubectl: "map merge requires map or sequence of maps as the value".
    expect(only('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  <<: ~\n  a: b\n').error)
      .toBe('a merge key (<<) whose value is not a map or a list of maps, which kubectl refuses ("map merge requires map or sequence of maps")');
    expect(only('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  <<: [{a: b}, ~]\n').error).toMatch(/^a merge key/);
  });
});

describe('kind and apiVersion as apimachinery reads them', () => {
  const item = '{apiVersion: v1, kind: ConfigMap, metadata: {name: c, namespace: monitoring}}';

  test.each([
    ['no kind', `apiVersion: v1\nitems: [${item}]\n`, 'an object without kind'],
    ['an empty kind', `kind: ''\nitems: [${item}]\n`, 'an object without kind'],
    ['a null kind', `kind: ~\nitems: [${item}]\n`, 'an object without kind'],
    ['a number for kind', `kind: 5\nitems: [${item}]\n`, 'an object whose kind is no string'],
    ['a number for kind (no list)', 'apiVersion: v1\nkind: 5\nmetadata: {name: c}\n', 'an object whose kind is no string'],
    ['a number for apiVersion', 'apiVersion: 5\nkind: ConfigMap\nmetadata: {name: c}\n', 'an object whose apiVersion is no string'],
    ['an item without kind', 'kind: List\nitems: [{metadata: {name: c}}]\n', 'an entry of `items` without kind'],
  ])('a list or object with %s is refused, as kubectl refuses it', (_, text, reason) => {
    // kubectl: "Object 'Kind' is missing" (a list's kind too), or "cannot unmarshal number into … apiVersion".
    expect(only(text).error).toMatch(new RegExp(`^${reason.replace(/[`]/g, '.')}`));
  });

  test('a List without apiVersion is read, and validated without a finding on the List', () => {
    // kubectl: applies the ConfigMap; apimachinery needs a list's kind, not its apiVersion.
    const text = `kind: List\nitems: [${item}]\n`;
    expect(only(text).value.items[0].metadata.name).toBe('c');
    expect(DaemonSetValidator.validateYaml(text).filter(f => f.rule === 'manifest-shape')).toEqual([]);
  });

  test('a ConfigMapList gives its kind and apiVersion to items without them', () => {
    // kubectl: applies ConfigMap c.
    expect(only('apiVersion: v1\nkind: ConfigMapList\nitems: [{metadata: {name: c}}]\n').value.items[0])
      .toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
  });
});

describe('UTF-16 with a byte order mark', () => {
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;
  const le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = (text: string) => {
    const b = Buffer.from(text, 'utf16le');
    b.swap16();
    return Buffer.concat([Buffer.from([0xfe, 0xff]), b]);
  };

  test('UTF-16LE of one document is refused ("incomplete UTF-16 character")', () => {
    // kubectl adds the byte 0A to the last line, half a character that go-yaml reads and refuses.
    expect(only(le(cm('a'))).error).toMatch(/UTF-16LE .* of one document, which kubectl refuses/);
    expect(only(le(`${cm('a')}---`)).error).toMatch(/of one document/);
  });

  test.each([['---', '---\n'], ['...', '...\n'], ['--- (CRLF)', '---\r\n']])('UTF-16LE ended by a %s line: the first document alone', (_, end) => {
    // kubectl: go-yaml stops at the document end before the half character; the second is never applied.
    const d = only(le(`${cm('first')}${end}${cm('second')}`));
    expect(d.value.metadata.name).toBe('first');
  });

  test('UTF-16BE without a final newline: refused alone, its first document read when a "---" line ends it', () => {
    // kubectl: the same half character, added to a last line without the byte 0A.
    expect(only(be(cm('a').trimEnd())).error).toMatch(/UTF-16BE .* without a final newline/);
    expect(only(be(`${cm('first')}---\n${cm('second').trimEnd()}`)).value.metadata.name).toBe('first');
  });
});

describe('a list or map used as a map key', () => {
  // kubectl: "error converting YAML to JSON: yaml: invalid map key: []interface {}{"a", "b"}" (sigs.k8s.io/yaml); js-yaml made it the key "a,b".
  const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata:\n${data}`;

  test.each([
    ['an explicit list key', cm('  x: y\n  ? [a, b]\n  : v\n'), 6],
    ['an explicit map key', cm('  ? {a: 1}\n  : v\n'), 5],
    ['a block list key', cm('  ? - a\n    - b\n  : v\n'), 5],
    ['a flow list before the colon', cm('  z: {[a, b]: v}\n'), 5],
    ['an alias of a list', cm('  a: &k [x]\n  *k : v\n'), 6],
    ['a list in a list key', cm('  ? [[a], b]\n  : v\n'), 5],
  ])('%s is refused as kubectl refuses it, at the key\'s line', (_, input, line) => {
    const d = only(input);
    expect(d.error).toBe('a list or map used as a map key, which kubectl refuses ("invalid map key": JSON keys are strings); write the key as a string');
    expect(d.errorLine).toBe(line);
  });

  test('question marks, globs, aliases as values and "]:" in strings are read as usual', () => {
    const d = only(cm('  url: "http://h/?q=1"\n  glob: /var/log/*.log\n  a: &v [x]\n  b: *v\n  c: "[a]: b"\n'));
    expect(d.error).toBeUndefined();
    expect(d.value.data).toEqual({ url: 'http://h/?q=1', glob: '/var/log/*.log', a: ['x'], b: ['x'], c: '[a]: b' });
  });
});
