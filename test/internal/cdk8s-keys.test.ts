/**
 * Map keys named like Object.prototype members (`constructor`, `__proto__`, `toString`,
 * `hasOwnProperty`, `valueOf`) in every prop that becomes a map of a manifest. cdk8s itself
 * cannot render two of them (first block); the library puts every key Kubernetes takes into the
 * YAML (kube-apiserver's own validation, through the oracle, accepts it) and refuses the others
 * with a prop error naming the prop, the value and the rule.
 */
import { ApiObject, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonNamespace, NodeDaemonSet, NodeDaemonSetProps, NodeExporterDaemonSet } from '../../src';
import { renderableMap } from '../../src/internal/cdk8s-keys';
import { OBJECT_META_FIELDS } from '../../src/node-daemon-set';
import { loadSchema, RELEASES } from '../../src/validation/field-schemas';
import { describeWithOracle } from '../oracle/oracle';

/** A map with one own key, defined (not assigned, which would set the prototype for `__proto__`). */
function mapOf(key: string, value: unknown): any {
  return Object.defineProperty({}, key, { value, enumerable: true, writable: true, configurable: true });
}

const KEYS = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];

describe('what cdk8s 2 itself does with such keys (the reason for src/internal/cdk8s-keys.ts)', () => {
  function rawConfigMap(data: any): ApiObject {
    return new ApiObject(new Chart(Testing.app(), 'c'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data });
  }

  test('a `constructor` key fails the synth with "can\'t render non-simple object", naming no prop', () => {
    expect(() => rawConfigMap(mapOf('constructor', 'x')).toJson()).toThrow("can't render non-simple object of type 'undefined'");
  });

  test('a `__proto__` key vanishes from the manifest', () => {
    expect(Object.keys(rawConfigMap(mapOf('__proto__', 'x')).toJson().data ?? {})).toEqual([]);
  });

  test('a JSON patch cannot write a `__proto__` key (fast-json-patch refuses the path)', () => {
    const obj = rawConfigMap({ a: 'b' });
    obj.addJsonPatch(JsonPatch.add('/data/__proto__', 'x'));
    expect(() => obj.toJson()).toThrow(/__proto__/);
  });
});

describe('renderableMap', () => {
  test('hands a `constructor` entry to cdk8s under a stand-in key and moves it back with a patch', () => {
    const obj = new ApiObject(new Chart(Testing.app(), 'c'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    const labels = renderableMap('/metadata/labels', { constructor: 'x', a: 'b' });
    obj.metadata.addLabel('later', 'kept');
    for (const [k, v] of Object.entries(labels.map)) obj.metadata.addLabel(k, v);
    obj.addJsonPatch(...labels.patches);
    expect(obj.toJson().metadata.labels).toEqual({ a: 'b', later: 'kept', constructor: 'x' });
  });

  test('leaves other maps alone, and refuses `__proto__`, which no patch can write', () => {
    const map = { toString: 'x' };
    expect(renderableMap('/p', map)).toEqual({ map, patches: [] });
    expect(() => renderableMap('/p', mapOf('__proto__', 'x'))).toThrow("cdk8s cannot render the key '__proto__' at /p");
  });
});

/** The daemon's manifests, with `key: 'v'` in the map `where` puts it. */
function daemonWith(where: string, key: string): any[] {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'agents' });
  const props: any = { metadata: { name: 'agent' }, image: 'registry.example/agent:1.2.3' };
  const map = mapOf(key, 'v');
  switch (where) {
    case 'metadata.labels': props.metadata.labels = map; break;
    case 'metadata.annotations': props.metadata.annotations = map; break;
    case 'podMetadata.labels': props.podMetadata = { labels: map }; break;
    case 'podMetadata.annotations': props.podMetadata = { annotations: map }; break;
    case 'nodeSelector': props.nodeSelector = map; break;
    case 'envVariables': props.envVariables = mapOf(key, kplus.EnvValue.fromValue('v')); break;
    case 'configDirectory.files': props.configDirectory = { mountPath: '/etc/agent', files: map }; break;
    case 'service.labels': props.service = { labels: map }; props.ports = [{ number: 9100, name: 'metrics' }]; break;
    case 'service.annotations': props.service = { annotations: map }; props.ports = [{ number: 9100, name: 'metrics' }]; break;
    default: throw new Error(where);
  }
  new NodeDaemonSet(chart, 'agent', props as NodeDaemonSetProps);
  return Testing.synth(chart);
}

/** Where each map lands in the manifests, and whether its keys are label keys (qualified names, so `__proto__` is invalid). */
const PLACES: Array<[string, (m: any[]) => any, boolean]> = [
  ['metadata.labels', m => byKind(m, 'DaemonSet').metadata.labels, true],
  ['metadata.annotations', m => byKind(m, 'DaemonSet').metadata.annotations, true],
  ['podMetadata.labels', m => byKind(m, 'DaemonSet').spec.template.metadata.labels, true],
  ['podMetadata.annotations', m => byKind(m, 'DaemonSet').spec.template.metadata.annotations, true],
  ['nodeSelector', m => byKind(m, 'DaemonSet').spec.template.spec.nodeSelector, true],
  ['envVariables', m => Object.fromEntries(byKind(m, 'DaemonSet').spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value])), false],
  ['configDirectory.files', m => byKind(m, 'ConfigMap').data, false],
  ['service.labels', m => byKind(m, 'Service').metadata.labels, true],
  ['service.annotations', m => byKind(m, 'Service').metadata.annotations, true],
];

function byKind(manifests: any[], kind: string): any {
  return manifests.find(m => m.kind === kind);
}

describe.each(PLACES)('%s', (where, find, qualifiedNames) => {
  test.each(KEYS.filter(k => !(qualifiedNames && k === '__proto__')))('a %s key comes out in the manifest', (key) => {
    const found = find(daemonWith(where, key));
    expect(Object.prototype.hasOwnProperty.call(found, key)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(found, key)!.value).toBe('v');
  });

  if (qualifiedNames) {
    test('a __proto__ key (no qualified name) is a prop error naming the prop, the key and the rule', () => {
      expect(() => daemonWith(where, '__proto__')).toThrow(new RegExp(`\\[c/agent\\] ${where.replace('.', '\\.')}( key)?: Invalid value: "__proto__": name part must consist of alphanumeric characters`));
    });
  }
});

test('annotation keys are refused with the API server\'s rule at construction, as label keys are', () => {
  expect(() => daemonWith('metadata.annotations', '-bad')).toThrow(/metadata\.annotations: Invalid value: "-bad": .*\(metadata-annotations\)/);
});

test.each(['constructor', '__proto__', 'toString', 'labelz'])('metadata.%s, no field of ObjectMeta, is a prop error (it used to crash in cdk8s or vanish)', (key) => {
  const chart = new Chart(Testing.app(), 'c');
  const metadata = Object.assign(mapOf(key, 'x'), { name: 'agent' });
  expect(() => new NodeDaemonSet(chart, 'agent', { metadata, image: 'registry.example/agent:1.2.3' }))
    .toThrow(`[c/agent] metadata.${key}: Invalid value: "x": is no field of ObjectMeta`);
});

test('every ObjectMeta field, as Kubernetes\' generated schemas hold them at each release, is a metadata field the construct takes', () => {
  for (const { file } of RELEASES) expect([...OBJECT_META_FIELDS].sort()).toEqual(Object.keys(loadSchema(file).types['meta.v1.ObjectMeta']).sort());
});

test('podMetadata takes labels and annotations only: any other field would not reach the pod template (cdk8s-plus drops it)', () => {
  const chart = new Chart(Testing.app(), 'c');
  expect(() => new NodeDaemonSet(chart, 'agent', { podMetadata: { finalizers: ['example.com/keep'] }, image: 'registry.example/agent:1.2.3' }))
    .toThrow('[c/agent] podMetadata.finalizers: Invalid value: ["example.com/keep"]: is not rendered into the pod template, which takes only labels and annotations');
  const taken = new Chart(Testing.app(), 'd');
  new NodeDaemonSet(taken, 'agent', { podMetadata: { labels: { team: 'a' }, annotations: { note: 'b' } }, image: 'registry.example/agent:1.2.3' });
  const template = Testing.synth(taken).find(o => o.kind === 'DaemonSet').spec.template.metadata;
  expect(template.labels.team).toBe('a');
  expect(template.annotations.note).toBe('b');
});

test('DaemonNamespace labels and the monitoring objects keep a `constructor` key', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'monitoring' });
  const key = () => mapOf('constructor', 'v');
  const exporter = new NodeExporterDaemonSet(chart, 'node-exporter', {
    metadata: { name: 'node-exporter' },
    serviceMonitor: { labels: key() },
    networkPolicy: { podSelector: key(), namespaceSelector: key() },
    prometheusRule: { labels: key(), alertLabels: key() },
  });
  new DaemonNamespace(chart, 'ns', { name: 'monitoring', labels: key(), daemons: [exporter] });
  const manifests = Testing.synth(chart);
  const policy = byKind(manifests, 'NetworkPolicy').spec.ingress[0].from[0];
  const rule = byKind(manifests, 'PrometheusRule');
  const maps = [
    byKind(manifests, 'Namespace').metadata.labels,
    byKind(manifests, 'ServiceMonitor').metadata.labels,
    policy.podSelector.matchLabels,
    policy.namespaceSelector.matchLabels,
    rule.metadata.labels,
    ...rule.spec.groups[0].rules.map((r: any) => r.labels),
  ];
  expect(maps.length).toBe(10); // five alert rules
  expect(maps.map(labels => Object.getOwnPropertyDescriptor(labels, 'constructor')?.value)).toEqual(maps.map(() => 'v'));
});

describeWithOracle('kube-apiserver accepts what the library writes for a `constructor` key', (o) => {
  test('labels, annotations, the node selector and the ConfigMap of one daemon', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'agents' });
    const key = mapOf('constructor', 'v');
    new NodeDaemonSet(chart, 'agent', {
      metadata: { name: 'agent', labels: key, annotations: key },
      podMetadata: { labels: key, annotations: key },
      nodeSelector: key,
      configDirectory: { mountPath: '/etc/agent', files: key },
      image: 'registry.example/agent:1.2.3',
    });
    const [answer] = o.run([{ id: 'constructor', input: Yaml.stringify(...Testing.synth(chart)) }]);
    expect(answer.kubectlError).toBeUndefined();
    const ds = answer.objects.find(x => x.kind === 'DaemonSet')!;
    expect(ds.server.errors).toEqual([]);
    expect(ds.server.accepted).toBe(true);
    const decoded = ds.decoded as any;
    expect([decoded.metadata.labels.constructor, decoded.metadata.annotations.constructor, decoded.spec.template.metadata.labels.constructor,
      decoded.spec.template.metadata.annotations.constructor, decoded.spec.template.spec.nodeSelector.constructor]).toEqual(['v', 'v', 'v', 'v', 'v']);
    expect(answer.objects.find(x => x.kind === 'ConfigMap')!.server.accepted).toBe(true);
  });

  test('the API server refuses a `__proto__` annotation key, as the construct does', () => {
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  annotations:\n    __proto__: v\n';
    const [answer] = o.run([{ id: 'proto', input: manifest }]);
    expect(answer.objects[0].server.errors.map(e => `${e.field}: ${e.detail}`)).toEqual([
      expect.stringMatching(/^metadata\.annotations: name part must consist of alphanumeric characters/),
    ]);
  });
});
