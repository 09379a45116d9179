import { get, parseFluentd, sectionsOf } from './helpers';
import { DaemonSetValidator, ValidationSeverity } from '../../../src';
import { expectValidManifests } from '../../helpers/schema';
import { byKind, podSpec, synthExample } from '../../helpers/synth';

const EXAMPLES = ['fluent-bit-elasticsearch', 'fluent-bit-loki', 'fluentd-elasticsearch', 'logstash-aggregator'];

describe.each(EXAMPLES)('example %s', (name) => {
  const manifests = synthExample(name);

  test('snapshot', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('every object passes the validator without errors and matches its schema', () => {
    for (const m of manifests) {
      expect(DaemonSetValidator.validate(m).filter(f => f.severity === ValidationSeverity.ERROR)).toEqual([]);
    }
    expectValidManifests(manifests);
  });

  test('credentials appear only as secretKeyRef', () => {
    const lines = Object.values(byKind(manifests, 'ConfigMap').data as { [f: string]: string }).flatMap(t => t.split('\n'));
    const credentials = lines.map(l => l.trim()).filter(l => /^(http_user|http_passwd|user|password)\s/i.test(l));
    expect(credentials.length > 0).toBe(name !== 'fluent-bit-loki');
    for (const l of credentials) expect(l).toMatch(/\s(\$\{OUTPUT_\d+_[A-Z_]+\}|"#\{ENV\['OUTPUT_\d+_[A-Z_]+'\]\}")$/);
    for (const e of podSpec(manifests).containers[0].env ?? []) {
      if (/USER|PASSWD|PASSWORD|KEY/.test(e.name)) expect(e.valueFrom.secretKeyRef).toBeDefined();
    }
  });
});

test('the quick start ships to Elasticsearch with offsets on the node', () => {
  const manifests = synthExample('fluent-bit-elasticsearch');
  const conf = byKind(manifests, 'ConfigMap').data['fluent-bit.conf'];
  expect(get(sectionsOf(conf, 'OUTPUT', 'es')[0], 'Host')).toBe('elasticsearch-master');
  expect(get(sectionsOf(conf, 'INPUT', 'tail')[0], 'DB')).toBe('/var/lib/fluent-bit/tail-containers.db');
});

test('the Loki example reads the journal of containerd nodes', () => {
  const conf = byKind(synthExample('fluent-bit-loki'), 'ConfigMap').data['fluent-bit.conf'];
  expect(get(sectionsOf(conf, 'INPUT', 'tail')[0], 'multiline.parser')).toBe('cri');
  expect(sectionsOf(conf, 'INPUT', 'systemd')).toHaveLength(1);
  expect(get(sectionsOf(conf, 'OUTPUT', 'loki')[0], 'Labels')).toBe("job=fluent-bit, namespace=$kubernetes['namespace_name'], container=$kubernetes['container_name'], cluster=production");
});

test('the Fluentd example uses the elasticsearch8 image over https', () => {
  const manifests = synthExample('fluentd-elasticsearch');
  expect(podSpec(manifests).containers[0].image).toBe('fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-elasticsearch8-1.1');
  const match = parseFluentd(byKind(manifests, 'ConfigMap').data['fluent.conf']).find(b => b.name === 'match' && b.arg === '**')!;
  expect(match.params).toContainEqual(['scheme', 'https']);
});

test('the Logstash example posts JSON to the http input', () => {
  const conf = byKind(synthExample('logstash-aggregator'), 'ConfigMap').data['fluent-bit.conf'];
  const http = sectionsOf(conf, 'OUTPUT', 'http')[0];
  expect([get(http, 'Host'), get(http, 'Port'), get(http, 'Retry_Limit')]).toEqual(['logstash.logging.svc.cluster.local', '8080', '10']);
});
