import { Duration, Size } from 'cdk8s';
import { allBlocks, chart, collector, expectSnapshotAndValid, FluentdBlock, param, parseFluentd } from './helpers';
import {
  BufferStorageType, ContainerRuntime, LogCollectorEngine, LogOutput, LogParserFormat,
  LogstashProtocol,
} from '../../../src';
import { byKind, podSpec, synth } from '../../helpers/synth';

const FLUENTD = { engine: LogCollectorEngine.FLUENTD };
const conf = (c: { configFiles: { [f: string]: string } }) => parseFluentd(c.configFiles['fluent.conf']);
const find = (blocks: FluentdBlock[], name: string, type?: string) =>
  allBlocks(blocks).filter(b => b.name === name && (type === undefined || param(b, '@type') === type));

describe('LogCollectorDaemonSet (Fluentd)', () => {
  test('defaults', () => {
    expectSnapshotAndValid(FLUENTD);
  });

  test('custom', () => {
    expectSnapshotAndValid({
      ...FLUENTD,
      image: 'registry.example.com/fluentd-all-plugins:1.19.3',
      metadata: { name: 'fluentd', namespace: 'logging' },
      containerRuntime: ContainerRuntime.CONTAINERD,
      tag: 'k8s',
      excludeNamespaces: ['kube-system'],
      kubernetesMetadata: { keepLog: true, labels: false },
      journald: { readFromTail: false },
      parsers: [{ name: 'access', format: LogParserFormat.REGEX, regex: '^(?<method>\\S+) (?<path>\\S+)$' }],
      stateDirectory: '/var/lib/fluentd-state',
      flushInterval: Duration.seconds(10),
      outputs: [
        LogOutput.opensearch({ host: 'opensearch', httpUser: { name: 'os', key: 'user' }, httpPasswd: { name: 'os', key: 'password' }, tls: { caFile: '/certs/ca.pem' } }),
        LogOutput.loki({ host: 'loki', labels: { app: "$kubernetes['labels']['app']", cluster: 'prod' }, tenantId: 'ops' }),
        LogOutput.forward({ host: 'aggregator', sharedKey: { name: 'fwd', key: 'key' }, tls: {}, match: 'host.**' }),
        LogOutput.logstash({ host: 'logstash', httpUser: { name: 'ls', key: 'u' }, httpPasswd: { name: 'ls', key: 'p' } }),
        LogOutput.kafka({ brokers: ['kafka:9093'], topic: 'logs', saslUsername: { name: 'k', key: 'u' }, saslPassword: { name: 'k', key: 'p' }, saslMechanism: 'SCRAM-SHA-256', tls: {} }),
        LogOutput.s3({ bucket: 'archive', region: 'eu-central-1', totalFileSize: Size.mebibytes(100), retryForever: true }),
        LogOutput.http({ host: 'ingest', secretHeaders: { 'X-Api-Key': { name: 'ingest', key: 'key' } }, headers: { 'X-Source': 'k8s' } }),
        LogOutput.stdout({ match: 'debug.**' }),
      ],
    });
  });

  test('the image variant follows the output', () => {
    const image = (output: LogOutput) => {
      const c = chart();
      collector(c, { ...FLUENTD, outputs: [output] });
      return podSpec(synth(c)).containers[0].image;
    };
    expect(image(LogOutput.elasticsearch({ host: 'es' }))).toBe('fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-elasticsearch8-1.1');
    expect(image(LogOutput.opensearch({ host: 'os' }))).toBe('fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-opensearch-1.1');
    expect(image(LogOutput.kafka({ brokers: ['k:9092'], topic: 't' }))).toBe('fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-kafka2-1.1');
    expect(image(LogOutput.s3({ bucket: 'bkt', region: 'us-east-1' }))).toBe('fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-s3-1.1');
    expect(image(LogOutput.forward({ host: 'f' }))).toBe('fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-forward-1.1');
  });

  test('outputs from two variants, or Loki, need an explicit image', () => {
    expect(() => collector(chart(), { ...FLUENTD, outputs: [LogOutput.elasticsearch({ host: 'es' }), LogOutput.kafka({ brokers: ['k:9092'], topic: 't' })] }))
      .toThrow(/image: Invalid value: null: the outputs need plugins from several fluentd-kubernetes-daemonset variants \(elasticsearch8, kafka2\)/);
    expect(() => collector(chart(), { ...FLUENTD, outputs: [LogOutput.loki({ host: 'loki' })] }))
      .toThrow(/image: Invalid value: null: outputs\[0\] \(loki\) needs a Fluentd image with its plugin/);
    expect(() => collector(chart(), { ...FLUENTD, image: 'grafana/fluent-plugin-loki:3.5.0', outputs: [LogOutput.loki({ host: 'loki' })] })).not.toThrow();
  });

  test('the image entrypoint reads the generated file; /tmp is a scratch emptyDir', () => {
    const c = chart();
    collector(c, FLUENTD);
    const pod = podSpec(synth(c));
    const main = pod.containers[0];
    expect(main.command).toBeUndefined();
    expect(main.env).toContainEqual({ name: 'FLUENTD_CONF', value: 'conf/fluent.conf' });
    expect(main.env).toContainEqual({ name: 'K8S_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } });
    expect(main.volumeMounts).toContainEqual({ name: 'config', mountPath: '/fluentd/etc/conf', readOnly: true });
    expect(main.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp', readOnly: false });
    expect(pod.volumes.find((v: any) => v.name === 'state').hostPath).toEqual({ path: '/var/lib/fluentd', type: 'DirectoryOrCreate' });
  });

  test('tail: pos_file in the state directory, inode tracking, own logs excluded', () => {
    const c = chart();
    const tail = find(conf(collector(c, { ...FLUENTD, excludeNamespaces: ['kube-system'] })), 'source', 'tail')[0];
    expect(param(tail, 'pos_file')).toBe('/var/lib/fluentd/tail-containers.pos');
    expect(param(tail, 'follow_inodes')).toBe('true');
    expect(param(tail, 'read_from_head')).toBe('true');
    expect(param(tail, 'tag')).toBe('kubernetes.*');
    expect(JSON.parse(param(tail, 'exclude_path')!)).toEqual(['/var/log/containers/*_logging_fluentd-*.log', '/var/log/containers/*_kube-system_*.log']);
  });

  test.each([
    [ContainerRuntime.AUTO, 'multi_format'],
    [ContainerRuntime.CONTAINERD, 'regexp'],
    [ContainerRuntime.CRI_O, 'regexp'],
    [ContainerRuntime.DOCKER, 'json'],
  ])('runtime %p parses with %p', (runtime, type) => {
    const c = chart();
    const tail = find(conf(collector(c, { ...FLUENTD, containerRuntime: runtime })), 'source', 'tail')[0];
    expect(param(tail.children[0], '@type')).toBe(type);
  });

  test('metadata filter, merge of JSON logs, and RBAC', () => {
    const c = chart();
    const blocks = conf(collector(c, FLUENTD));
    expect(find(blocks, 'filter', 'kubernetes_metadata')[0].arg).toBe('kubernetes.**');
    const merge = find(blocks, 'filter', 'parser')[0];
    expect([param(merge, 'key_name'), param(merge, 'reserve_data'), param(merge, 'remove_key_name_field')]).toEqual(['log', 'true', 'true']);
    const manifests = synth(c);
    expect(byKind(manifests, 'ClusterRole').rules).toEqual([{ apiGroups: [''], resources: ['namespaces', 'pods'], verbs: ['get', 'list', 'watch'] }]);
    expect(podSpec(manifests).automountServiceAccountToken).toBe(true);
  });

  test('CRI partial lines (P ... F) are joined into one record before any other filter; docker needs none', () => {
    for (const runtime of [ContainerRuntime.AUTO, ContainerRuntime.CONTAINERD, ContainerRuntime.CRI_O]) {
      const filters = conf(collector(chart(), { ...FLUENTD, containerRuntime: runtime })).filter(b => b.name === 'filter');
      expect(filters.map(f => param(f, '@type'))).toEqual(['concat', 'kubernetes_metadata', 'parser']);
      // fluent-plugin-concat 2.6.2: records whose logtag is P are buffered per tag and stream until one that is not;
      // records without a logtag (docker JSON, in AUTO) pass through.
      expect(filters[0].arg).toBe('kubernetes.**');
      expect(filters[0].params).toEqual([
        ['@type', 'concat'], ['@id', 'filter_cri_partial_lines'], ['key', 'log'], ['partial_key', 'logtag'], ['partial_value', 'P'],
        ['separator', '""'], ['stream_identity_key', 'stream'],
      ]);
    }
    const docker = conf(collector(chart(), { ...FLUENTD, containerRuntime: ContainerRuntime.DOCKER }));
    expect(find(docker, 'filter', 'concat')).toEqual([]);
  });

  test('a value that starts with [ is never written bare: Kafka brokers are a JSON array', () => {
    const text = collector(chart(), {
      ...FLUENTD,
      image: 'example.com/fluentd:1.19.3',
      outputs: [LogOutput.kafka({ brokers: ['[fd00::1]:9092', 'kafka-0.kafka:9092'], topic: 'logs' })],
    }).configFiles['fluent.conf'];
    // Fluentd 1.19.3 reads `brokers [fd00::1]:9092,...` as a JSON array and fails ("got incomplete JSON array
    // configuration"); quoted, the array parameter still JSON-parses the text. A JSON array is read as given.
    expect(text).toContain('brokers ["[fd00::1]:9092","kafka-0.kafka:9092"]');
  });

  test('a parser regex with Onigmo escapes both engines accept', () => {
    const text = collector(chart(), { ...FLUENTD, parsers: [{ name: 'hex', format: LogParserFormat.REGEX, regex: '^\\h+ (?<msg>.*)\\z' }] }).configFiles['fluent.conf'];
    expect(text).toContain('expression /^\\h+ (?<msg>.*)\\z/');
  });

  test('own events go to stdout through @FLUENT_LOG, never to the outputs', () => {
    const c = chart();
    const label = conf(collector(c, FLUENTD)).find(b => b.name === 'label')!;
    expect(label.arg).toBe('@FLUENT_LOG');
    expect(label.children[0]).toMatchObject({ name: 'match', arg: 'fluent.**', params: [['@type', 'stdout']] });
  });

  test('file buffers under the state directory, bounded retries', () => {
    const c = chart();
    const es = find(conf(collector(c, FLUENTD)), 'match', 'elasticsearch')[0];
    const buffer = es.children.find(b => b.name === 'buffer')!;
    expect(param(buffer, '@type')).toBe('file');
    expect(param(buffer, 'path')).toBe('/var/lib/fluentd/buffer/elasticsearch-0');
    expect(param(buffer, 'retry_max_times')).toBe('5');
    expect(param(buffer, 'retry_forever')).toBeUndefined();
    expect(param(buffer, 'total_limit_size')).toBe('1g');
  });

  test('memory buffers are capped at 32 MiB per output', () => {
    const c = chart();
    const es = find(conf(collector(c, { ...FLUENTD, storageType: BufferStorageType.MEMORY })), 'match', 'elasticsearch')[0];
    const buffer = es.children.find(b => b.name === 'buffer')!;
    expect([param(buffer, '@type'), param(buffer, 'path'), param(buffer, 'total_limit_size')]).toEqual(['memory', undefined, '32m']);
  });

  test('credentials come from the environment', () => {
    const c = chart();
    const es = find(conf(collector(c, { ...FLUENTD, outputs: [LogOutput.elasticsearch({ host: 'es', httpUser: { name: 'e', key: 'u' }, httpPasswd: { name: 'e', key: 'p' } })] })), 'match', 'elasticsearch')[0];
    expect(param(es, 'user')).toBe('"#{ENV[\'OUTPUT_0_HTTP_USER\']}"');
    expect(param(es, 'password')).toBe('"#{ENV[\'OUTPUT_0_HTTP_PASSWD\']}"');
  });

  test('outputs with one pattern share a copy; Logstash TCP is the forward protocol', () => {
    const c = chart();
    const blocks = conf(collector(c, { ...FLUENTD, outputs: [LogOutput.forward({ host: 'a' }), LogOutput.logstash({ host: 'ls', protocol: LogstashProtocol.TCP })] }));
    const copy = find(blocks, 'match', 'copy')[0];
    expect(copy.arg).toBe('**');
    expect(copy.children.map(s => [s.name, param(s, '@type')])).toEqual([['store', 'forward'], ['store', 'forward']]);
    expect(copy.children[1].children.find(b => b.name === 'server')!.params).toEqual([['host', 'ls'], ['port', '5000']]);
  });

  test('metrics on 24231 with probes and a Service', () => {
    const c = chart();
    const col = collector(c, FLUENTD);
    const manifests = synth(c);
    const main = podSpec(manifests).containers[0];
    expect(main.ports).toEqual([{ name: 'metrics', containerPort: 24231, protocol: 'TCP' }]);
    expect(main.readinessProbe.httpGet).toMatchObject({ path: '/metrics', port: 24231 });
    expect(main.livenessProbe).toMatchObject({ periodSeconds: 30, failureThreshold: 5 });
    expect(byKind(manifests, 'Service').spec.ports[0]).toMatchObject({ name: 'metrics', port: 24231 });
    expect(param(find(conf(col), 'source', 'prometheus')[0], 'port')).toBe('24231');
    expect(main.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } });
  });
});
