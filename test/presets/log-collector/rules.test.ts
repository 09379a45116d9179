import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { chart, collector } from './helpers';
import {
  BufferStorageType, DaemonSetUpdateStrategy, LogCollectorEngine, LogOutput, LogParserFormat, LogstashProtocol,
} from '../../../src';
import { synth } from '../../helpers/synth';

/** The synth-time checks of issue 4 §7, and the prop checks around them: each throws a propError naming the prop. */
describe('LogCollectorDaemonSet checks', () => {
  describe('a writable path inside a read-only mount', () => {
    test('stateDirectory on the read-only /var/log mount', () => {
      expect(() => collector(chart(), { stateDirectory: '/var/log' }))
        .toThrow(/\[test\/logs\] stateDirectory: Invalid value: "\/var\/log": .*dedicated directory, not the shared directory \/var\/log/);
      expect(() => collector(chart(), { stateDirectory: '/var/log', hostPathMounts: [{ name: 'l', hostPath: '/var/log/x', mountPath: '/var/log/x' }] }))
        .toThrow(/stateDirectory: Invalid value: "\/var\/log"/);
    });

    test('a state directory inside a read-only user mount', () => {
      expect(() => collector(chart(), { stateDirectory: '/data/logs', hostPathMounts: [{ name: 'd', hostPath: '/data/logs', mountPath: '/data/logs' }] }))
        .toThrow(/\[test\/logs\] stateDirectory \(tail DB\): Invalid value: "\/data\/logs\/tail-containers.db": .*read-only mount \/data\/logs/);
    });

    test('stateDirectory shadowed by a read-only user mount', () => {
      expect(() => collector(chart(), { hostPathMounts: [{ name: 'st', hostPath: '/var/lib/fluent-bit', mountPath: '/var/lib/fluent-bit' }] }))
        .toThrow(/stateDirectory \(tail DB\): Invalid value:.*read-only mount \/var\/lib\/fluent-bit \(hostPath \/var\/lib\/fluent-bit\)/);
    });

    test('Fluentd buffers too', () => {
      expect(() => collector(chart(), { engine: LogCollectorEngine.FLUENTD, stateDirectory: '/data/logs', hostPathMounts: [{ name: 'd', hostPath: '/data/logs', mountPath: '/data/logs' }] }))
        .toThrow(/stateDirectory \(pos_file\): Invalid value: "\/data\/logs\/tail-containers.pos"/);
    });

    test('a state directory nested under /var/log gets its own writable mount and passes', () => {
      const c = chart();
      collector(c, { stateDirectory: '/var/log/fluent-bit-state' });
      expect(synth(c).find(m => m.kind === 'DaemonSet').spec.template.spec.containers[0].volumeMounts)
        .toContainEqual({ name: 'state', mountPath: '/var/log/fluent-bit-state', readOnly: false });
    });
  });

  describe('tail tag and Kube_Tag_Prefix out of step', () => {
    test('a prefix that does not follow the tag', () => {
      expect(() => collector(chart(), { tag: 'k8s', engine: LogCollectorEngine.fluentBit({ kubeTagPrefix: 'kube.var.log.containers.' }) }))
        .toThrow(/engine.kubeTagPrefix: Invalid value: "kube.var.log.containers.": must be "k8s.var.log.containers."/);
    });

    test('a tag with a wildcard', () => {
      expect(() => collector(chart(), { tag: 'kube.*' })).toThrow(/tag: Invalid value: "kube.\*"/);
    });

    test('Fluentd is never offered Fluent Bit settings: they live on LogCollectorEngine.fluentBit()', () => {
      // @ts-expect-error kubeTagPrefix is a FluentBitOptions prop; FluentdOptions has no such prop.
      const engine = LogCollectorEngine.fluentd({ kubeTagPrefix: 'kubernetes.var.log.containers.' });
      expect(engine._fluentBit).toBeUndefined();
      expect(LogCollectorEngine.fluentBit({ memBufLimit: Size.mebibytes(1) })._fluentd).toBeUndefined();
    });

    test('journald tag equal to the container tag', () => {
      expect(() => collector(chart(), { journald: { tag: 'kube' } })).toThrow(/journald.tag: Invalid value: "kube": must differ/);
    });
  });

  describe('metadata enrichment without RBAC', () => {
    test('the token switched off', () => {
      expect(() => collector(chart(), { automountServiceAccountToken: false }))
        .toThrow(/automountServiceAccountToken: Invalid value: false: Kubernetes metadata enrichment calls the API server/);
    });

    test('without enrichment the token may be off', () => {
      expect(() => collector(chart(), { automountServiceAccountToken: false, kubernetesMetadata: { enabled: false } })).not.toThrow();
    });

    test('kubernetes filter options with the filter off', () => {
      const engine = LogCollectorEngine.fluentBit({ kubernetesFilter: { useKubelet: true } });
      expect(() => collector(chart(), { kubernetesMetadata: { enabled: false }, engine }))
        .toThrow(/engine.kubernetesFilter: Invalid value: .*kubernetesMetadata.enabled false turns off/);
    });
  });

  describe('memory buffers above the memory limit', () => {
    test('storageMaxChunksUp that cannot fit', () => {
      expect(() => collector(chart(), { engine: LogCollectorEngine.fluentBit({ storageMaxChunksUp: 128 }) }))
        .toThrow(/resources.memory.limit: Invalid value: "256Mi": the buffers may take 261 MiB \(storageMaxChunksUp 128 x 2 MiB chunks.*at least 311Mi/);
    });

    test('memBufLimit per input with memory storage', () => {
      const engine = LogCollectorEngine.fluentBit({ memBufLimit: Size.mebibytes(110) });
      expect(() => collector(chart(), { storageType: BufferStorageType.MEMORY, engine, journald: {} }))
        .toThrow(/the buffers may take 220 MiB \(memBufLimit per input\)/);
    });

    test('Fluentd memory buffers', () => {
      expect(() => collector(chart(), {
        engine: LogCollectorEngine.FLUENTD,
        storageType: BufferStorageType.MEMORY,
        outputs: [LogOutput.elasticsearch({ host: 'es', totalLimitSize: Size.mebibytes(400) })],
      })).toThrow(/the buffers may take 400 MiB \(totalLimitSize per output/);
    });

    test('a larger limit makes room', () => {
      const resources = { memory: { request: Size.mebibytes(128), limit: Size.mebibytes(320) } };
      expect(() => collector(chart(), { engine: LogCollectorEngine.fluentBit({ storageMaxChunksUp: 128 }), resources })).not.toThrow();
    });

    test('no memory limit at all', () => {
      expect(() => collector(chart(), { resources: { memory: { request: Size.mebibytes(128) } } }))
        .toThrow(/resources.memory.limit: Invalid value: null: a log collector needs a memory limit/);
    });
  });

  describe('unbounded retries with a memory buffer', () => {
    test('retryForever with BufferStorageType.MEMORY', () => {
      expect(() => collector(chart(), { storageType: BufferStorageType.MEMORY, outputs: [LogOutput.elasticsearch({ host: 'es', retryForever: true })] }))
        .toThrow(/outputs\[0\].retryForever: Invalid value: true: unbounded retries with a memory buffer/);
    });

    test('retryLimit must be a positive whole number, and not with retryForever', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.stdout({ retryLimit: 0 })] })).toThrow(/outputs\[0\].retryLimit: Invalid value: 0/);
      expect(() => collector(chart(), { outputs: [LogOutput.stdout({ retryLimit: 3, retryForever: true })] })).toThrow(/cannot be set with retryForever/);
    });
  });

  describe('inline credentials', () => {
    test('user:password@ in a host', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'elastic:changeme@es' })] }))
        .toThrow(/outputs\[0\].host: Invalid value: "\*\*\*@es": must be a bare host name/);
    });

    test('an Authorization header in plain headers', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.http({ host: 'h', headers: { Authorization: 'Bearer abc' } })] }))
        .toThrow(/outputs\[0\].headers\[Authorization\]: Invalid value: \*\*\* \(\d+ characters\): carries a credential inline \(the header Authorization\)/);
    });

    test('a bearer value under another header name', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.http({ host: 'h', headers: { 'X-Custom': 'Basic dXNlcjpwYXNz' } })] }))
        .toThrow(/carries a credential inline \(Basic\)/);
    });

    test('a password in extraParameters', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { HTTP_Passwd: 'changeme' } })] }))
        .toThrow(/outputs\[0\].extraParameters\[HTTP_Passwd\]: Invalid value: \*\*\* \(\d+ characters?\): carries a credential inline \(the parameter HTTP_Passwd\)/);
    });

    test('a URL with user info in extraParameters', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.http({ host: 'h', extraParameters: { proxy: 'http://u:p@proxy:3128' } })] }))
        .toThrow(/extraParameters\[proxy\]: Invalid value: "http:\/\/\*\*\*@proxy:3128": carries a credential inline \(user:password@\)/);
    });

    test('an environment reference is fine', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { Cloud_Auth: '${CLOUD_AUTH}' } })] })).not.toThrow();
    });

    test('a password without a user', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', httpPasswd: { name: 's', key: 'p' } })] }))
        .toThrow(/outputs\[0\].httpPasswd: Invalid value: .*requires httpUser/);
    });

    test('Logstash tcp has no authentication', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.logstash({ host: 'ls', protocol: LogstashProtocol.TCP, httpUser: { name: 's', key: 'u' } })] }))
        .toThrow(/tcp input has no authentication/);
    });

    test('two AWS identities', () => {
      expect(() => collector(chart(), {
        outputs: [
          LogOutput.s3({ bucket: 'aaa', region: 'eu-west-1', awsAccessKeyId: { name: 'a', key: 'id' }, awsSecretAccessKey: { name: 'a', key: 's' } }),
          LogOutput.s3({ bucket: 'bbb', region: 'eu-west-1', awsAccessKeyId: { name: 'b', key: 'id' }, awsSecretAccessKey: { name: 'b', key: 's' } }),
        ],
      })).toThrow(/outputs\[1\].awsAccessKeyId: Invalid value.*one AWS identity per collector/);
    });

    test('a bad Secret name', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', httpUser: { name: 'Bad_Name', key: 'u' } })] }))
        .toThrow(/outputs\[0\].httpUser.name: Invalid value: "Bad_Name"/);
    });
  });

  describe('other props', () => {
    test('at least one output', () => {
      expect(() => collector(chart(), { outputs: [] })).toThrow(/outputs: Invalid value: \[\]: give at least one LogOutput/);
    });

    test('a surge would put two collectors on one offset DB', () => {
      const surge = { maxUnavailable: kplus.PercentOrAbsolute.absolute(0), maxSurge: kplus.PercentOrAbsolute.absolute(1) };
      expect(() => collector(chart(), { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate(surge) }))
        .toThrow(/updateStrategy.maxSurge: Invalid value: "above 0": two collectors on one node would share the offset database/);
    });

    test('extraParameters may not repeat a typed key', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { host: 'other' } })] }))
        .toThrow(/outputs\[0\].extraParameters: Invalid value: "host": is already set/);
      expect(() => collector(chart(), { engine: LogCollectorEngine.FLUENTD, outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { port: '1' } })] }))
        .toThrow(/outputs\[0\].extraParameters: Invalid value: "port": is already set/);
    });

    test.each([
      [{ excludeNamespaces: ['Kube_System'] }, /excludeNamespaces\[0\]: Invalid value/],
      [{ excludePaths: ['relative/*.log'] }, /excludePaths\[0\]: Invalid value.*absolute/],
      [{ excludePaths: ['/a,b'] }, /excludePaths\[0\]: Invalid value.*no white space/],
      [{ stateDirectory: 'var/lib/x' }, /stateDirectory: Invalid value.*absolute/],
      [{ stateDirectory: '/' }, /stateDirectory: Invalid value: "\/"/],
      [{ dockerDataRoot: '/data/docker' }, /dockerDataRoot: Invalid value.*DOCKER only/],
      [{ logLevel: 'verbose' }, /logLevel: Invalid value: "verbose"/],
      [{ metricsPort: 70000 }, /metricsPort: Invalid value: 70000/],
      [{ engine: LogCollectorEngine.fluentBit({ storageMaxChunksUp: 0 }) }, /engine.storageMaxChunksUp: Invalid value: 0/],
      [{ journald: { systemdUnits: [] } }, /journald.systemdUnits: Invalid value/],
      [{ journald: { systemdUnits: ['kubelet service'] } }, /journald.systemdUnits\[0\]: Invalid value/],
      [{ parsers: [{ name: 'bad name', format: LogParserFormat.JSON }] }, /parsers\[0\].name: Invalid value/],
      [{ parsers: [{ name: 'r', format: LogParserFormat.REGEX }] }, /parsers\[0\].regex: Invalid value: null: is required/],
      [{ parsers: [{ name: 'r', format: LogParserFormat.REGEX, regex: '^(.*)$' }] }, /needs at least one named capture/],
      [{ parsers: [{ name: 'j', format: LogParserFormat.JSON, timeFormat: '%s' }] }, /parsers\[0\].timeFormat: Invalid value.*requires timeKey/],
    ])('%p is rejected', (props, error) => {
      expect(() => collector(chart(), props as any)).toThrow(error);
    });

    test.each([
      [LogOutput.kafka({ brokers: [], topic: 't' }), /outputs\[0\].brokers/],
      [LogOutput.kafka({ brokers: ['k:9092'], topic: 'bad topic' }), /outputs\[0\].topic/],
      [LogOutput.kafka({ brokers: ['k:9092'], topic: 't', saslMechanism: 'GSSAPI' }), /outputs\[0\].saslMechanism/],
      [LogOutput.s3({ bucket: 'B', region: 'eu-west-1' }), /outputs\[0\].bucket/],
      [LogOutput.s3({ bucket: 'bucket', region: 'europe' }), /outputs\[0\].region/],
      [LogOutput.http({ host: 'h', uri: 'ingest' }), /outputs\[0\].uri/],
      [LogOutput.elasticsearch({ host: 'es', port: 0 }), /outputs\[0\].port/],
      [LogOutput.elasticsearch({ host: 'es', index: 'a', logstashPrefix: 'b' }), /outputs\[0\].logstashPrefix/],
      [LogOutput.loki({ host: 'l', labels: { 'bad-label': 'x' } }), /outputs\[0\].labels/],
      [LogOutput.stdout({ match: 'kube.* ' }), /outputs\[0\].match/],
      [LogOutput.elasticsearch({ host: 'es', tls: { caFile: 'ca.crt' } }), /outputs\[0\].tls.caFile/],
    ])('output %# is rejected', (output, error) => {
      expect(() => collector(chart(), { outputs: [output] })).toThrow(error);
    });

    test('logfmt parsers with Fluentd', () => {
      expect(() => collector(chart(), { engine: LogCollectorEngine.FLUENTD, parsers: [{ name: 'kv', format: LogParserFormat.LOGFMT }] }))
        .toThrow(/Fluentd has no built-in logfmt parser/);
    });
  });
});
