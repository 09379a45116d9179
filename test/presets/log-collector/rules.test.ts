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
        .toThrow(/test\/logs: invalid stateDirectory "\/var\/log": .*dedicated directory, not the shared directory \/var\/log/);
      expect(() => collector(chart(), { stateDirectory: '/var/log', hostPathMounts: [{ name: 'l', hostPath: '/var/log/x', mountPath: '/var/log/x' }] }))
        .toThrow(/invalid stateDirectory "\/var\/log"/);
    });

    test('a state directory inside a read-only user mount', () => {
      expect(() => collector(chart(), { stateDirectory: '/data/logs', hostPathMounts: [{ name: 'd', hostPath: '/data/logs', mountPath: '/data/logs' }] }))
        .toThrow(/test\/logs: invalid stateDirectory \(tail DB\) "\/data\/logs\/tail-containers.db": .*read-only mount \/data\/logs/);
    });

    test('stateDirectory shadowed by a read-only user mount', () => {
      expect(() => collector(chart(), { hostPathMounts: [{ name: 'st', hostPath: '/var/lib/fluent-bit', mountPath: '/var/lib/fluent-bit' }] }))
        .toThrow(/invalid stateDirectory \(tail DB\).*read-only mount \/var\/lib\/fluent-bit \(hostPath \/var\/lib\/fluent-bit\)/);
    });

    test('Fluentd buffers too', () => {
      expect(() => collector(chart(), { engine: LogCollectorEngine.FLUENTD, stateDirectory: '/data/logs', hostPathMounts: [{ name: 'd', hostPath: '/data/logs', mountPath: '/data/logs' }] }))
        .toThrow(/invalid stateDirectory \(pos_file\) "\/data\/logs\/tail-containers.pos"/);
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
        .toThrow(/invalid engine.kubeTagPrefix "kube.var.log.containers.": must be "k8s.var.log.containers."/);
    });

    test('a tag with a wildcard', () => {
      expect(() => collector(chart(), { tag: 'kube.*' })).toThrow(/invalid tag "kube.\*"/);
    });

    test('Fluentd is never offered Fluent Bit settings: they live on LogCollectorEngine.fluentBit()', () => {
      // @ts-expect-error kubeTagPrefix is a FluentBitOptions prop; FluentdOptions has no such prop.
      const engine = LogCollectorEngine.fluentd({ kubeTagPrefix: 'kubernetes.var.log.containers.' });
      expect(engine._fluentBit).toBeUndefined();
      expect(LogCollectorEngine.fluentBit({ memBufLimit: Size.mebibytes(1) })._fluentd).toBeUndefined();
    });

    test('journald tag equal to the container tag', () => {
      expect(() => collector(chart(), { journald: { tag: 'kube' } })).toThrow(/invalid journald.tag "kube": must differ/);
    });
  });

  describe('metadata enrichment without RBAC', () => {
    test('the token switched off', () => {
      expect(() => collector(chart(), { automountServiceAccountToken: false }))
        .toThrow(/invalid automountServiceAccountToken false: Kubernetes metadata enrichment calls the API server/);
    });

    test('without enrichment the token may be off', () => {
      expect(() => collector(chart(), { automountServiceAccountToken: false, kubernetesMetadata: { enabled: false } })).not.toThrow();
    });

    test('kubernetes filter options with the filter off', () => {
      const engine = LogCollectorEngine.fluentBit({ kubernetesFilter: { useKubelet: true } });
      expect(() => collector(chart(), { kubernetesMetadata: { enabled: false }, engine }))
        .toThrow(/invalid engine.kubernetesFilter .*kubernetesMetadata.enabled false turns off/);
    });
  });

  describe('memory buffers above the memory limit', () => {
    test('storageMaxChunksUp that cannot fit', () => {
      expect(() => collector(chart(), { engine: LogCollectorEngine.fluentBit({ storageMaxChunksUp: 128 }) }))
        .toThrow(/invalid resources.memory.limit "256Mi": the buffers may take 261 MiB \(storageMaxChunksUp 128 x 2 MiB chunks.*at least 311Mi/);
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
        .toThrow(/invalid resources.memory.limit null: a log collector needs a memory limit/);
    });
  });

  describe('unbounded retries with a memory buffer', () => {
    test('retryForever with BufferStorageType.MEMORY', () => {
      expect(() => collector(chart(), { storageType: BufferStorageType.MEMORY, outputs: [LogOutput.elasticsearch({ host: 'es', retryForever: true })] }))
        .toThrow(/invalid outputs\[0\].retryForever true: unbounded retries with a memory buffer/);
    });

    test('retryLimit must be a positive whole number, and not with retryForever', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.stdout({ retryLimit: 0 })] })).toThrow(/invalid outputs\[0\].retryLimit 0/);
      expect(() => collector(chart(), { outputs: [LogOutput.stdout({ retryLimit: 3, retryForever: true })] })).toThrow(/cannot be set with retryForever/);
    });
  });

  describe('inline credentials', () => {
    test('user:password@ in a host', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'elastic:changeme@es' })] }))
        .toThrow(/invalid outputs\[0\].host "\*\*\*@es": must be a bare host name/);
    });

    test('an Authorization header in plain headers', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.http({ host: 'h', headers: { Authorization: 'Bearer abc' } })] }))
        .toThrow(/invalid outputs\[0\].headers\[Authorization\] \*\*\* \(\d+ characters\): carries a credential inline \(the header Authorization\)/);
    });

    test('a bearer value under another header name', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.http({ host: 'h', headers: { 'X-Custom': 'Basic dXNlcjpwYXNz' } })] }))
        .toThrow(/carries a credential inline/);
    });

    test('a password in extraParameters', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { HTTP_Passwd: 'changeme' } })] }))
        .toThrow(/invalid outputs\[0\].extraParameters\[HTTP_Passwd\] \*\*\* \(\d+ characters?\): carries a credential inline \(the parameter HTTP_Passwd\)/);
    });

    test('a URL with user info in extraParameters', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.http({ host: 'h', extraParameters: { proxy: 'http://u:p@proxy:3128' } })] }))
        .toThrow(/extraParameters\[proxy\] "http:\/\/\*\*\*@proxy:3128": carries a credential inline \(user:password@\)/);
    });

    test('an environment reference is fine', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { Cloud_Auth: '${CLOUD_AUTH}' } })] })).not.toThrow();
    });

    test('a password without a user', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', httpPasswd: { name: 's', key: 'p' } })] }))
        .toThrow(/invalid outputs\[0\].httpPasswd .*requires httpUser/);
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
      })).toThrow(/invalid outputs\[1\].awsAccessKeyId.*one AWS identity per collector/);
    });

    test('a bad Secret name', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', httpUser: { name: 'Bad_Name', key: 'u' } })] }))
        .toThrow(/invalid outputs\[0\].httpUser.name "Bad_Name"/);
    });
  });

  describe('other props', () => {
    test('at least one output', () => {
      expect(() => collector(chart(), { outputs: [] })).toThrow(/invalid outputs \[\]: give at least one LogOutput/);
    });

    test('a surge would put two collectors on one offset DB', () => {
      const surge = { maxUnavailable: kplus.PercentOrAbsolute.absolute(0), maxSurge: kplus.PercentOrAbsolute.absolute(1) };
      expect(() => collector(chart(), { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate(surge) }))
        .toThrow(/invalid updateStrategy.maxSurge "above 0": two collectors on one node would share the offset database/);
    });

    test('extraParameters may not repeat a typed key', () => {
      expect(() => collector(chart(), { outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { host: 'other' } })] }))
        .toThrow(/invalid outputs\[0\].extraParameters "host": is already set/);
      expect(() => collector(chart(), { engine: LogCollectorEngine.FLUENTD, outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { port: '1' } })] }))
        .toThrow(/invalid outputs\[0\].extraParameters "port": is already set/);
    });

    test.each([
      [{ excludeNamespaces: ['Kube_System'] }, /invalid excludeNamespaces\[0\]/],
      [{ excludePaths: ['relative/*.log'] }, /invalid excludePaths\[0\].*absolute/],
      [{ excludePaths: ['/a,b'] }, /invalid excludePaths\[0\].*no white space/],
      [{ stateDirectory: 'var/lib/x' }, /invalid stateDirectory.*absolute/],
      [{ stateDirectory: '/' }, /invalid stateDirectory "\/"/],
      [{ dockerDataRoot: '/data/docker' }, /invalid dockerDataRoot.*DOCKER only/],
      [{ logLevel: 'verbose' }, /invalid logLevel "verbose"/],
      [{ metricsPort: 70000 }, /invalid metricsPort 70000/],
      [{ engine: LogCollectorEngine.fluentBit({ storageMaxChunksUp: 0 }) }, /invalid engine.storageMaxChunksUp 0/],
      [{ journald: { systemdUnits: [] } }, /invalid journald.systemdUnits/],
      [{ journald: { systemdUnits: ['kubelet service'] } }, /invalid journald.systemdUnits\[0\]/],
      [{ parsers: [{ name: 'bad name', format: LogParserFormat.JSON }] }, /invalid parsers\[0\].name/],
      [{ parsers: [{ name: 'r', format: LogParserFormat.REGEX }] }, /invalid parsers\[0\].regex null: is required/],
      [{ parsers: [{ name: 'r', format: LogParserFormat.REGEX, regex: '^(.*)$' }] }, /needs at least one named capture/],
      [{ parsers: [{ name: 'j', format: LogParserFormat.JSON, timeFormat: '%s' }] }, /invalid parsers\[0\].timeFormat.*requires timeKey/],
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
