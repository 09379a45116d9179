import { Chart } from 'cdk8s';
import * as fc from 'fast-check';
import {
  BAD_RUNS, badCase, dnsLabel, expectPropError, expectValidAndDeterministic, labelValue, newChart, notAString, poisoned, qualifiedName,
  quietStderr, RUNS,
} from './arbitraries';
import {
  CollectdDaemonSet, DaemonNamespace, DaemonNamespaceProps, GlusterfsDaemonSet, NodeDaemonSet, NodeExporterDaemonSet, PodSecurityLevel,
} from '../../../src';

quietStderr();

const ENFORCE = 'pod-security.kubernetes.io/enforce';

/** Daemons of known Pod Security level, built in the namespace. */
const DAEMONS: { [kind: string]: { level: PodSecurityLevel; add: (chart: Chart, id: string, ns: string) => NodeDaemonSet } } = {
  'restricted agent': {
    level: PodSecurityLevel.RESTRICTED,
    add: (chart, id, ns) => new NodeDaemonSet(chart, id, { image: 'registry.example.com/agent:1.0.0', runAsUser: 10001, metadata: { namespace: ns } }),
  },
  'collectd without host access': {
    level: PodSecurityLevel.RESTRICTED,
    add: (chart, id, ns) => new CollectdDaemonSet(chart, id, { df: { enabled: false }, metadata: { namespace: ns } }),
  },
  'node-exporter': { level: PodSecurityLevel.PRIVILEGED, add: (chart, id, ns) => new NodeExporterDaemonSet(chart, id, { metadata: { namespace: ns } }) },
  'glusterfs': { level: PodSecurityLevel.PRIVILEGED, add: (chart, id, ns) => new GlusterfsDaemonSet(chart, id, { metadata: { namespace: ns } }) },
};

const labels = fc.dictionary(qualifiedName.filter(k => !k.startsWith('pod-security.kubernetes.io/')), fc.oneof(labelValue, fc.constant('')), { maxKeys: 4 });

describe('DaemonNamespace', () => {
  test('valid props synthesize a schema-conformant, deterministic Namespace labelled with its daemons\' level', () => {
    // One of each kind: two node-exporters (or two glusterfs) bind the same host ports, which fails synth (host-port-conflict).
    const kindsOf = fc.uniqueArray(fc.constantFrom(...Object.keys(DAEMONS)), { maxLength: 3 });
    fc.assert(fc.property(dnsLabel, labels, kindsOf, fc.boolean(), (name, ls, kinds, later) => {
      const manifests = expectValidAndDeterministic(chart => {
        const daemons = kinds.map((k, i) => DAEMONS[k].add(chart, `d${i}`, name));
        const ns = new DaemonNamespace(chart, 'ns', { name, labels: ls, daemons: later ? [] : daemons });
        if (later) daemons.forEach(d => ns.addDaemon(d));
      });
      const namespace = manifests.find(m => m.kind === 'Namespace');
      const expected = kinds.some(k => DAEMONS[k].level === PodSecurityLevel.PRIVILEGED) ? 'privileged' : 'restricted';
      expect(namespace.metadata.name).toEqual(name);
      expect(namespace.metadata.labels).toEqual(expect.objectContaining({ ...ls, [ENFORCE]: expected }));
    }), RUNS);
  });

  const bad = fc.oneof(
    badCase('name', fc.oneof(poisoned(dnsLabel, { maxLength: 63, poisons: ['\n', '"', '#{', '[', '<', ' ', '.', '_', '/', 'A'] }), notAString, fc.constant(null)).map(v => ({ name: v }))),
    badCase('labels', fc.oneof(poisoned(qualifiedName, { maxLength: 63, poisons: ['\n', '"', '#{', '[', '<', ' ', '\\', '{'] }), fc.constantFrom('/x', 'a/', 'a/b/c', '-x'))
      .map(k => ({ name: 'ns', labels: { [k]: 'v' } }))),
    badCase('labels[k]', fc.oneof(poisoned(labelValue, { maxLength: 63, allowEmpty: true, poisons: ['\n', '"', '#{', '[', '<', ' ', '/', '\\'] }), notAString)
      .map(v => ({ name: 'ns', labels: { k: v } }))),
  );

  test('invalid props end in a validation error naming the prop, never a crash', () => {
    fc.assert(fc.property(bad, c => {
      expectPropError('test/ns', c.prop, scope => new DaemonNamespace(scope, 'ns', c.props as DaemonNamespaceProps));
    }), BAD_RUNS);
  });
});

describe('regressions found by the properties', () => {
  test('a null name is a validation error, not a TypeError', () => {
    expect(() => new DaemonNamespace(newChart().chart, 'ns', { name: null as any })).toThrow(/^\[test\/ns\] name: Invalid value: null: must be a string \(/);
  });

  test('a number as a label value is refused, not written as a YAML number', () => {
    expect(() => new DaemonNamespace(newChart().chart, 'ns', { name: 'ns', labels: { tier: 42 as any } })).toThrow(/^\[test\/ns\] labels\[tier\]: Invalid value: 42: must be a string \(/);
  });
});
