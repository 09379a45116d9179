import { Duration, Size } from 'cdk8s';
import * as fc from 'fast-check';
import {
  BAD_RUNS, badCase, badNumber, configFiles, configMapKey, dnsLabel, dnsSubdomain, expectPropError, expectValidAndDeterministic, host, hostName,
  hostPort, imageRef, namespace, newChart, notAString, opt, poisoned, poisonedLine, port, quietStderr, RUNS, safePath, secretRef, unprivilegedPort,
} from './arbitraries';
import {
  BufferStorageType, ContainerRuntime, HttpOutputFormat, LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogCollectorEngine, LogOutput,
  LogParserFormat, LogstashProtocol,
} from '../../../src';
import { allBlocks, get, parseFluentBit, parseFluentd, param } from '../log-collector/helpers';

quietStderr();

const PATH = 'test/logs';

/** What an arbitrary output needs to know about the collector it goes into. */
interface Ctx {
  readonly fluentBit: boolean;
  readonly filesystem: boolean;
}

// ---------------------------------------------------------------------------------------------
// Valid outputs

const tls = (ctx: Ctx, serverName: boolean) => fc.record({
  verify: opt(fc.boolean()),
  caFile: opt(safePath),
  serverName: ctx.fluentBit && serverName ? opt(hostName) : fc.constant(undefined),
}, { requiredKeys: [] });

/** A value Fluent Bit or Fluentd reads literally: one line, never `#{`, never quoted at both ends for Fluentd; quotes, `#`, `[`, `<` inside. */
const freeText = fc.stringMatching(/^[A-Za-z0-9._\/=;:,-]([A-Za-z0-9 ._\/=;:,#"'<>[\]{}()|*!-]{0,20}[A-Za-z0-9._\/=;:,-])?$/)
  .filter(v => !v.includes('#{') && !/\b(basic|bearer|token|digest)\s+\S/i.test(v) && !/:\/\/[^/\s:@]+:[^/\s@]+@/.test(v));

function common(ctx: Ctx) {
  return fc.record({
    match: opt(ctx.fluentBit ? fc.constantFrom('*', 'kube.*', 'host.*', 'kube.var.log.containers.*') : fc.constantFrom('**', 'kubernetes.**', 'host.**', '{kubernetes,host}.**')),
    limit: ctx.filesystem
      ? fc.oneof(fc.record({ retryLimit: opt(fc.integer({ min: 1, max: 1_000_000 })) }, { requiredKeys: [] }), fc.constant({ retryForever: true }))
      : fc.record({ retryLimit: opt(fc.integer({ min: 1, max: 1_000_000 })) }, { requiredKeys: [] }),
    // A Fluentd memory buffer counts against the memory limit: keep the sum under it.
    totalLimitSize: opt(fc.integer({ min: 1, max: ctx.filesystem || ctx.fluentBit ? 4096 : 64 }).map(n => Size.mebibytes(n))),
    extraParameters: opt(fc.dictionary(fc.stringMatching(/^x_opt_[a-z0-9]{1,6}$/), freeText.filter(v => ctx.fluentBit || !/^["']|["']$/.test(v)), { maxKeys: 2 })),
  }, { requiredKeys: ['limit'] }).map(({ limit, ...rest }) => ({ ...rest, ...limit }));
}

const userPass = fc.oneof(
  fc.constant({}),
  fc.record({ httpUser: secretRef }),
  fc.record({ httpUser: secretRef, httpPasswd: secretRef }),
);
const esIndex = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/);

function outputOf(ctx: Ctx): fc.Arbitrary<LogOutput> {
  const c = common(ctx);
  const search = (kind: 'elasticsearch' | 'opensearch') => fc.tuple(c, userPass, fc.record({
    host,
    port: opt(port),
    naming: fc.oneof(fc.constant({}), esIndex.map(index => ({ index })), esIndex.map(logstashPrefix => ({ logstashPrefix }))),
    tls: opt(tls(ctx, true)),
  }, { requiredKeys: ['host', 'naming'] })).map(([o, auth, { naming, ...s }]) => LogOutput[kind]({ ...o, ...auth, ...naming, ...s }));
  const staticLabel = fc.stringMatching(/^[A-Za-z0-9._\/:;@-]{1,20}$/);
  const accessor = ctx.fluentBit
    ? fc.constantFrom("$kubernetes['labels']['app']", "$kubernetes['namespace_name']", "$kubernetes['labels']['app.kubernetes.io/name']", '$stream')
    : fc.constantFrom("$kubernetes['labels']['app']", '$.kubernetes.pod_name', "$kubernetes['labels']['app.kubernetes.io/name']", '$stream');
  const loki = fc.tuple(c, userPass, fc.record({
    host,
    port: opt(port),
    labels: opt(fc.dictionary(fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/).filter(k => !['job', 'namespace', 'container'].includes(k)), fc.oneof(staticLabel, accessor), { maxKeys: 3 })),
    tenantId: opt(fc.stringMatching(/^[A-Za-z0-9!._*()-]{1,30}$/).filter(t => t !== '.' && t !== '..')),
    tls: opt(tls(ctx, true)),
  }, { requiredKeys: ['host'] })).map(([o, auth, s]) => LogOutput.loki({ ...o, ...auth, ...s }));
  const forward = fc.tuple(c, fc.record({ host, port: opt(port), sharedKey: opt(secretRef), tls: opt(tls(ctx, true)) }, { requiredKeys: ['host'] }))
    .map(([o, s]) => LogOutput.forward({ ...o, ...s }));
  const logstash = fc.oneof(
    fc.tuple(c, userPass, fc.record({ host, port: opt(port), tls: opt(tls(ctx, true)) }, { requiredKeys: ['host'] }))
      .map(([o, auth, s]) => LogOutput.logstash({ ...o, ...auth, ...s, protocol: LogstashProtocol.HTTP })),
    fc.tuple(c, fc.record({ host, port: opt(port), tls: opt(tls(ctx, true)) }, { requiredKeys: ['host'] }))
      .map(([o, s]) => LogOutput.logstash({ ...o, ...s, protocol: LogstashProtocol.TCP })),
  );
  const kafka = fc.tuple(c, fc.record({
    brokers: fc.array(hostPort, { minLength: 1, maxLength: 3 }),
    topic: fc.stringMatching(/^[A-Za-z0-9._-]{1,30}$/).filter(t => t !== '.' && t !== '..'),
    sasl: fc.oneof(fc.constant({}), fc.record({ saslUsername: secretRef, saslPassword: secretRef, saslMechanism: opt(fc.constantFrom('PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512')) }, { requiredKeys: ['saslUsername', 'saslPassword'] })),
    tls: opt(tls(ctx, false)),
  }, { requiredKeys: ['brokers', 'topic', 'sasl'] })).map(([o, { sasl, ...s }]) => LogOutput.kafka({ ...o, ...sasl, ...s }));
  // One AWS identity per collector: every S3 output that names one names the same.
  const AWS = { awsAccessKeyId: { name: 'aws-credentials', key: 'access-key-id' }, awsSecretAccessKey: { name: 'aws-credentials', key: 'secret-access-key' } };
  const s3 = fc.tuple(c, fc.record({
    bucket: fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/),
    region: fc.constantFrom('eu-west-1', 'us-east-2', 'ap-southeast-1'),
    totalFileSize: opt(fc.integer({ min: 1, max: 512 }).map(n => Size.mebibytes(n))),
    uploadTimeout: opt(fc.integer({ min: 1, max: 86400 }).map(n => Duration.seconds(n))),
    aws: fc.boolean(),
  }, { requiredKeys: ['bucket', 'region', 'aws'] })).map(([o, { aws, ...s }]) => LogOutput.s3({ ...o, ...s, ...aws ? AWS : {} }));
  const headerName = fc.constantFrom('X-Scope', 'X-Request-Source', 'X-Tenant', 'Content-Language', 'X-Cluster_Name');
  const secretHeaderName = fc.constantFrom('Authorization', 'X-Api-Key', 'X-Auth-Token');
  const http = fc.tuple(c, userPass, fc.record({
    host,
    port: opt(port),
    uri: opt(fc.stringMatching(/^\/[A-Za-z0-9._~!$&()*+,;=:@%/?-]{0,20}$/)),
    format: opt(fc.constantFrom(HttpOutputFormat.JSON, HttpOutputFormat.JSON_LINES)),
    headers: opt(fc.dictionary(headerName, freeText, { maxKeys: 3 })),
    secretHeaders: opt(fc.dictionary(secretHeaderName, secretRef, { maxKeys: 2 })),
    tls: opt(tls(ctx, true)),
  }, { requiredKeys: ['host'] })).map(([o, auth, s]) => LogOutput.http({ ...o, ...auth, ...s }));
  const stdout = c.map(o => LogOutput.stdout(o));
  return fc.oneof(search('elasticsearch'), search('opensearch'), loki, forward, logstash, kafka, s3, http, stdout);
}

// ---------------------------------------------------------------------------------------------
// Valid collectors

const tag = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}(\.[A-Za-z0-9_-]{1,8}){0,2}$/);
const fieldName = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
const regex = fc.tuple(fc.uniqueArray(fieldName, { minLength: 1, maxLength: 3 }), fc.constantFrom('plain', 'onigmo', 'anchored', 'slash')).map(([fields, style]) => {
  const body = fields.map(f => `(?<${f}>[^ ]+)`).join(' ');
  if (style === 'onigmo') return `\\A(?>${body})\\s*(?<rest>.*)\\z`;
  if (style === 'anchored') return `^${body}$`;
  if (style === 'slash') return `^(?<path>/[^ ]*) ${body}$`;
  return body;
});
const parser = (fluentBit: boolean) => fc.record({
  name: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
  kind: fluentBit ? fc.constantFrom(LogParserFormat.JSON, LogParserFormat.REGEX, LogParserFormat.LOGFMT, LogParserFormat.LTSV)
    : fc.constantFrom(LogParserFormat.JSON, LogParserFormat.REGEX, LogParserFormat.LTSV),
  regex,
  time: opt(fc.record({
    timeKey: fc.stringMatching(/^[A-Za-z0-9_.@$/-]{1,20}$/),
    timeFormat: opt(fc.constantFrom('%Y-%m-%dT%H:%M:%S.%L%z', '%d/%b/%Y:%H:%M:%S %z', '%s', "%Y-%m-%d'T'%H")),
    timeKeep: opt(fc.boolean()),
  }, { requiredKeys: ['timeKey'] })),
}).map(({ kind, regex: re, time, ...p }) => ({ ...p, format: kind, ...kind === LogParserFormat.REGEX ? { regex: re } : {}, ...time }));

const runtime = fc.constantFrom(ContainerRuntime.AUTO, ContainerRuntime.CONTAINERD, ContainerRuntime.CRI_O, ContainerRuntime.DOCKER);
/** A dedicated state directory: never a system directory, never under `/var/log` or the docker root. */
const stateDirectory = fc.oneof(
  dnsLabel.map(l => `/var/lib/fb-${l}`),
  dnsLabel.map(l => `/var/lib//collector/${l}/`),
  safePath.map(p => `/data${p}`),
);
const unit = fc.stringMatching(/^[A-Za-z0-9@:._-]{1,20}\.(service|socket)$/);

const variants: { [kind: string]: string | null | undefined } = { elasticsearch: 'es8', opensearch: 'os', kafka: 'kafka', s3: 's3', loki: null };

function collectorProps(engine: LogCollectorEngine): fc.Arbitrary<LogCollectorDaemonSetProps> {
  const fluentBit = engine === LogCollectorEngine.FLUENT_BIT;
  return fc.record({
    storageType: fc.constantFrom(BufferStorageType.FILESYSTEM, BufferStorageType.MEMORY),
    runtime,
    tag: opt(tag),
    journaldTag: opt(tag),
  }).chain(({ storageType, runtime: rt, tag: t, journaldTag }) => {
    const ctx: Ctx = { fluentBit, filesystem: storageType === BufferStorageType.FILESYSTEM };
    const containerTag = t ?? (fluentBit ? 'kube' : 'kubernetes');
    return fc.record({
      outputs: fc.array(outputOf(ctx), { minLength: 1, maxLength: fluentBit ? 4 : 3 }),
      dockerDataRoot: rt === ContainerRuntime.DOCKER ? opt(fc.constantFrom('/var/lib/docker', '/data/docker/', '/srv/docker-root')) : fc.constant(undefined),
      kubeTagPrefix: fluentBit ? opt(fc.constant(`${containerTag}.var.log.containers.`)) : fc.constant(undefined),
      excludeNamespaces: opt(fc.array(namespace, { maxLength: 3 })),
      excludePaths: opt(fc.array(dnsLabel.map(l => `/var/log/containers/${l}-*_*_*.log`), { maxLength: 2 })),
      readFromHead: opt(fc.boolean()),
      fbOnly: fluentBit ? fc.record({
        skipLongLines: opt(fc.boolean()),
        memBufLimit: opt(fc.integer({ min: 1, max: 64 }).map(n => Size.mebibytes(n))),
        storageMaxChunksUp: opt(fc.integer({ min: 1, max: 64 })),
        storageBacklogMemLimit: opt(fc.integer({ min: 1, max: 16 }).map(n => Size.mebibytes(n))),
      }, { requiredKeys: [] }) : fc.constant({}),
      kubernetesMetadata: opt(fc.record({
        enabled: opt(fc.boolean()),
        mergeLog: opt(fc.boolean()),
        keepLog: opt(fc.boolean()),
        labels: opt(fc.boolean()),
        ...fluentBit ? {
          annotations: opt(fc.boolean()),
          k8sLoggingParser: opt(fc.boolean()),
          k8sLoggingExclude: opt(fc.boolean()),
          useKubelet: opt(fc.boolean()),
        } : {},
      }, { requiredKeys: [] })),
      journald: opt(fc.record({
        systemdUnits: opt(fc.array(unit, { minLength: 1, maxLength: 3 })),
        tag: fc.constant(journaldTag === containerTag ? undefined : journaldTag),
        readFromTail: opt(fc.boolean()),
      }, { requiredKeys: [] })).map(j => (j && containerTag === 'host' && j.tag === undefined ? { ...j, tag: 'journal' } : j)),
      parsers: opt(fc.uniqueArray(parser(fluentBit), { maxLength: 3, selector: p => p.name.toLowerCase() })),
      stateDirectory: opt(stateDirectory),
      flushInterval: opt(fc.integer({ min: 1, max: 3600 }).map(n => Duration.seconds(n))),
      logLevel: opt(fc.constantFrom('error', 'warn', 'info', 'debug', 'trace')),
      metricsPort: opt(unprivilegedPort),
      metricsService: opt(fc.boolean()),
      metadata: opt(fc.record({ name: opt(dnsLabel), namespace: opt(namespace) }, { requiredKeys: [] })),
    }, { requiredKeys: ['outputs', 'fbOnly'] }).map(({ fbOnly, kubeTagPrefix, kubernetesMetadata, ...p }) => {
      // Fluent Bit's own settings go on the engine; the kubernetes filter's only while the filter is on.
      const { annotations, k8sLoggingParser, k8sLoggingExclude, useKubelet, ...shared } = (kubernetesMetadata ?? {}) as any;
      const filterOn = kubernetesMetadata?.enabled !== false;
      const kubernetesFilter = filterOn ? { annotations, k8sLoggingParser, k8sLoggingExclude, useKubelet } : undefined;
      const props: LogCollectorDaemonSetProps = {
        ...p,
        kubernetesMetadata: kubernetesMetadata && shared,
        engine: fluentBit ? LogCollectorEngine.fluentBit({ ...fbOnly, kubeTagPrefix, kubernetesFilter }) : engine,
        storageType,
        containerRuntime: rt,
        tag: t,
      };
      if (fluentBit) return props;
      // Fluentd images bundle plugins: outputs from several image variants (or Loki) need an image with them all.
      const needed = new Set(props.outputs.map(o => variants[o.kind]).filter(v => v !== undefined));
      return needed.size > 1 || needed.has(null) ? { ...props, image: 'registry.example.com/fluentd-all-plugins:v1.19.3' } : props;
    });
  });
}

/** Every value in the generated config, line by line: one line each, no control characters. */
function expectWellFormedConfig(props: LogCollectorDaemonSetProps, files: { [file: string]: string }): void {
  for (const text of Object.values(files)) expect(text).not.toMatch(/[\r\t\u2028\u2029\x00]/);
  if (props.engine === LogCollectorEngine.FLUENTD) {
    const blocks = allBlocks(parseFluentd(files['fluent.conf']));
    const ids = blocks.map(b => param(b, '@id')).filter(id => id?.startsWith('out_'));
    expect(ids).toHaveLength(props.outputs.length);
    for (const [i, o] of props.outputs.entries()) {
      const block = blocks.find(b => param(b, '@id') === `out_${o.kind}_${i}`)!;
      for (const [k, v] of Object.entries((o._plugin.options as any).extraParameters ?? {})) expect(unquoteFluentd(param(block, k)!)).toEqual(v);
    }
  } else {
    const sections = parseFluentBit(files['fluent-bit.conf']);
    const outputs = sections.filter(s => s.name === 'OUTPUT');
    expect(outputs.map(s => get(s, 'Alias'))).toEqual(props.outputs.map((o, i) => `${o.kind}-${i}`));
    for (const [i, o] of props.outputs.entries()) {
      for (const [k, v] of Object.entries((o._plugin.options as any).extraParameters ?? {})) expect(get(outputs[i], k)).toEqual(v);
      for (const [h, v] of Object.entries((o._plugin.options as any).headers ?? {})) expect(outputs[i].entries).toContainEqual(['Header', `${h} ${v}`]);
    }
    if (files['custom_parsers.conf']) {
      const parsers = parseFluentBit(files['custom_parsers.conf']);
      expect(parsers.map(p => get(p, 'Regex'))).toEqual((props.parsers ?? []).map(p => p.regex));
    }
  }
}

/** Fluentd's reading of a parameter value: single-quoted strings unescape `\\` and `\'`. */
function unquoteFluentd(value: string): string {
  return /^'.*'$/.test(value) ? value.slice(1, -1).replace(/\\(['\\])/g, '$1') : value;
}

describe.each([
  ['Fluent Bit', LogCollectorEngine.FLUENT_BIT],
  ['Fluentd', LogCollectorEngine.FLUENTD],
])('LogCollectorDaemonSet (%s)', (_name, engine) => {
  test('valid props synthesize valid, schema-conformant, deterministic objects and a well-formed config', () => {
    fc.assert(fc.property(collectorProps(engine), opt(namespace), (props, ns) => {
      const manifests = expectValidAndDeterministic(chart => new LogCollectorDaemonSet(chart, 'logs', props), ns);
      expectWellFormedConfig(props, configFiles(manifests));
    }), RUNS);
  });

  const fluentBit = engine === LogCollectorEngine.FLUENT_BIT;
  const base = (extra: Partial<LogCollectorDaemonSetProps> = {}): LogCollectorDaemonSetProps => ({ engine, outputs: [LogOutput.stdout()], ...extra });
  const out = (o: LogOutput) => base({ outputs: [LogOutput.stdout(), o] });
  /** Poisons for names, hosts, tags and paths. */
  const P = ['\n', '\r', '\t', '\u2028', '"', "'", '#{', '[', '<', '>', ' ', '\\', '{', '}', ';', '$', '`'];
  const lineOnly = fluentBit ? [] : ['#{'];

  const bad = fc.oneof(
    badCase('tag', fc.oneof(poisoned(tag, { poisons: [...P, '*', '/'] }), notAString).map(v => base({ tag: v }))),
    ...fluentBit ? [badCase('engine.kubeTagPrefix', fc.oneof(poisoned(fc.constant('kube.var.log.containers.')), fc.constant('kube.'))
      .map(v => base({ engine: LogCollectorEngine.fluentBit({ kubeTagPrefix: v }) })))] : [],
    badCase('dockerDataRoot', fc.oneof(poisoned(safePath, { poisons: P }), fc.constantFrom('var/lib/docker', '/var/../docker'), notAString).map(v => base({ containerRuntime: ContainerRuntime.DOCKER, dockerDataRoot: v }))),
    badCase('excludeNamespaces[1]', fc.oneof(poisoned(namespace, { maxLength: 63, poisons: [...P, '.', '_', '/', '*', 'A'] }), notAString).map(v => base({ excludeNamespaces: ['ok', v] }))),
    badCase('excludePaths[0]', fc.oneof(poisoned(fc.constant('/var/log/containers/x-*.log'), { poisons: P.filter(p => p !== '[') }), fc.constant('x-*.log'), notAString).map(v => base({ excludePaths: [v] }))),
    badCase('logLevel', fc.oneof(poisoned(fc.constantFrom('info', 'debug')), fc.constantFrom('INFO', 'warning', 'off'), notAString).map(v => base({ logLevel: v }))),
    badCase('stateDirectory', fc.oneof(
      poisoned(fc.constant('/var/lib/fluent-bit'), { poisons: P }),
      fc.constantFrom('/', '/var', '/var/lib', '/var/log', '/etc/fb', '/var/lib/kubelet/fb', '//var//lib/', 'var/lib/fb', '/var/lib/../fb'),
      notAString,
    ).map(v => base({ stateDirectory: v }))),
    badCase('image', fc.oneof(poisoned(imageRef), notAString).map(v => base({ image: v }))),
    badCase('metricsPort', badNumber(1, 65535).map(v => base({ metricsPort: v }))),
    ...fluentBit ? [badCase('engine.storageMaxChunksUp', badNumber(1, 1_000_000).map(v => base({ engine: LogCollectorEngine.fluentBit({ storageMaxChunksUp: v }) })))] : [],
    badCase('journald.systemdUnits[0]', fc.oneof(poisoned(unit, { poisons: P.filter(p => p !== '\\') }), notAString).map(v => base({ journald: { systemdUnits: [v] } }))),
    badCase('journald.tag', fc.oneof(poisoned(tag, { poisons: [...P, '*'] }), notAString).map(v => base({ journald: { tag: v } }))),
    badCase('parsers[0].name', fc.oneof(poisoned(fc.constant('apache'), { maxLength: 63, poisons: [...P, '.', '/'] }), notAString).map(v => base({ parsers: [{ name: v, format: LogParserFormat.JSON }] }))),
    badCase('parsers[0].regex', fc.oneof(
      poisonedLine(regex, lineOnly),
      fc.constantFrom('(?<a>x', '[a-(?<b>z)', '(?<a>x)(', 'no capture', '(?<a>x)\\'),
      notAString,
    ).map(v => base({ parsers: [{ name: 'p', format: LogParserFormat.REGEX, regex: v }] }))),
    badCase('parsers[0].timeKey', fc.oneof(poisoned(fc.constant('time'), { maxLength: 255, poisons: P.filter(p => p !== '$') }), notAString)
      .map(v => base({ parsers: [{ name: 'p', format: LogParserFormat.JSON, timeKey: v }] }))),
    badCase('parsers[0].timeFormat', fc.oneof(poisonedLine(fc.constant('%Y-%m-%dT%H:%M:%S'), lineOnly), notAString)
      .map(v => base({ parsers: [{ name: 'p', format: LogParserFormat.JSON, timeKey: 'time', timeFormat: v }] }))),
    // Outputs: every string and number option of every kind.
    badCase('outputs[1].host', fc.oneof(
      poisoned(host, { maxLength: 253, poisons: [...P, '/', '@', '[', ']', ','] }),
      fc.constantFrom('https://es:9200', 'es:9200', 'user:pw@es', '[::1]', '10.0.0.256.1'),
      notAString,
    ).chain(v => fc.constantFrom(
      LogOutput.elasticsearch({ host: v }), LogOutput.opensearch({ host: v }), LogOutput.loki({ host: v }), LogOutput.forward({ host: v }),
      LogOutput.logstash({ host: v }), LogOutput.http({ host: v }),
    )).map(out)),
    badCase('outputs[1].port', badNumber(1, 65535).chain(v => fc.constantFrom(
      LogOutput.elasticsearch({ host: 'es', port: v }), LogOutput.loki({ host: 'loki', port: v }), LogOutput.forward({ host: 'fwd', port: v }),
      LogOutput.logstash({ host: 'ls', port: v, protocol: LogstashProtocol.TCP }), LogOutput.http({ host: 'web', port: v }),
    )).map(out)),
    badCase('outputs[1].retryLimit', badNumber(1, 1_000_000).map(v => out(LogOutput.stdout({ retryLimit: v })))),
    badCase('outputs[1].match', fc.oneof(poisoned(fc.constant('kube.*'), { maxLength: 255, poisons: P.filter(p => !['{', '}'].includes(p)) }), notAString).map(v => out(LogOutput.stdout({ match: v })))),
    badCase('outputs[1].index', fc.oneof(poisoned(esIndex, { maxLength: 255, poisons: [...P, '/', '*', '?', '|', ',', '#', 'A'] }), fc.constantFrom('_x', '-x', '+x'), notAString)
      .map(v => out(LogOutput.elasticsearch({ host: 'es', index: v })))),
    badCase('outputs[1].logstashPrefix', fc.oneof(poisoned(esIndex, { maxLength: 244, poisons: [...P, '/', '*', '?', '|', ',', '#', 'A'] }), notAString)
      .map(v => out(LogOutput.opensearch({ host: 'es', logstashPrefix: v })))),
    badCase('outputs[1].tenantId', fc.oneof(poisoned(fc.constant('tenant-1'), { maxLength: 150, poisons: P }), fc.constantFrom('.', '..'), notAString)
      .map(v => out(LogOutput.loki({ host: 'loki', tenantId: v })))),
    badCase('outputs[1].labels', fc.oneof(
      poisoned(fc.constant('app'), { poisons: P }).map(k => ({ [k]: 'x' })),
      fc.oneof(poisoned(fc.constant('static'), { poisons: ['\n', '\t', '"', "'", '#', '{', '}', ',', '=', '\\'] }), fc.constantFrom('$', "$kubernetes['a", '$.a b', "$kubernetes['a']\n"), notAString).map(v => ({ app: v })),
    ).map(labels => out(LogOutput.loki({ host: 'loki', labels })))),
    badCase('outputs[1].brokers', fc.oneof(
      poisoned(hostPort, { poisons: [...P, '/', '@', ','] }),
      fc.constantFrom('kafka', 'kafka:0', 'kafka:65536', 'kafka:', '::1:9092', '[kafka]:9092', 'PLAINTEXT://kafka:9092'),
      notAString,
    ).map(v => out(LogOutput.kafka({ brokers: [v], topic: 't' })))),
    badCase('outputs[1].topic', fc.oneof(poisoned(fc.constant('logs'), { maxLength: 249, poisons: [...P, '/', ',', ':'] }), fc.constantFrom('.', '..'), notAString)
      .map(v => out(LogOutput.kafka({ brokers: ['kafka:9092'], topic: v })))),
    badCase('outputs[1].saslMechanism', fc.oneof(poisoned(fc.constant('PLAIN')), fc.constantFrom('plain', 'GSSAPI', 'OAUTHBEARER'), notAString)
      .map(v => out(LogOutput.kafka({ brokers: ['kafka:9092'], topic: 't', saslUsername: { name: 's', key: 'u' }, saslPassword: { name: 's', key: 'p' }, saslMechanism: v })))),
    badCase('outputs[1].bucket', fc.oneof(poisoned(fc.constant('my-bucket'), { maxLength: 63, poisons: [...P, '/', '_', 'A'] }), fc.constantFrom('ab', 'a..b', '-ab'), notAString)
      .map(v => out(LogOutput.s3({ bucket: v, region: 'eu-west-1' })))),
    badCase('outputs[1].region', fc.oneof(poisoned(fc.constant('eu-west-1'), { poisons: P }), fc.constantFrom('EU-WEST-1', 'eu-west', 'eu_west_1'), notAString)
      .map(v => out(LogOutput.s3({ bucket: 'bucket', region: v })))),
    badCase('outputs[1].uri', fc.oneof(poisoned(fc.constant('/api/v1/logs'), { poisons: ['\n', '\t', '"', "'", '#{', '<', ' ', '\\', '{', '`'] }), fc.constant('api'), notAString)
      .map(v => out(LogOutput.http({ host: 'web', uri: v })))),
    badCase('outputs[1].headers', fc.oneof(
      poisoned(fc.constant('X-Scope'), { poisons: ['\n', '\t', '"', '#{', '[', '<', ' ', '\\', ':', '{', '@'] }).map(h => ({ [h]: 'v' })),
      fc.oneof(poisonedLine(freeText, ['#{']), notAString).map(v => ({ 'X-Scope': v })),
      fc.constantFrom({ Authorization: 'x' }, { 'X-Scope': 'Bearer abc' }),
    ).map(headers => out(LogOutput.http({ host: 'web', headers: headers as any })))),
    badCase('outputs[1].extraParameters', fc.oneof(
      poisoned(fc.constant('x_opt'), { poisons: ['\n', '\t', '"', '#{', '[', '<', ' ', '\\', ':', '{', '/'] }).map(k => ({ [k]: 'v' })),
      fc.oneof(poisonedLine(freeText, lineOnly), notAString).map(v => ({ x_opt: v })),
      fc.constantFrom({ '@include': '/etc/passwd' }, { '@INCLUDE': 'x' }, { http_passwd: 'secret' }, { x_opt: 'http://u:p@host/' }),
    ).map(extraParameters => out(LogOutput.http({ host: 'web', extraParameters: extraParameters as any })))),
    badCase('outputs[1].totalLimitSize', fc.constantFrom(Size.kibibytes(0), Size.kibibytes(0.5), Size.tebibytes(2), 'x' as any).map(v => out(LogOutput.stdout({ totalLimitSize: v })))),
    badCase('outputs[1].tls', fc.oneof(
      fc.oneof(poisoned(fc.constant('/etc/ssl/ca.pem'), { poisons: P }), fc.constant('ca.pem'), notAString).map(caFile => ({ caFile })),
      fc.oneof(poisoned(hostName, { maxLength: 253, poisons: [...P, '/', '@', ':'] }), notAString).map(serverName => ({ serverName })),
    ).map(t => out(LogOutput.elasticsearch({ host: 'es', tls: t })))),
    badCase('outputs[1].httpUser', fc.oneof(
      fc.oneof(poisoned(dnsSubdomain, { maxLength: 253, poisons: [...P, '_', 'A', '/'] }), notAString).map(name => ({ name, key: 'k' })),
      fc.oneof(poisoned(configMapKey, { maxLength: 253, poisons: [...P, '/', ':'] }), notAString, fc.constantFrom('.', '..', '..x')).map(key => ({ name: 's', key })),
      fc.constantFrom(null, 'secret', 42),
    ).map(ref => out(LogOutput.elasticsearch({ host: 'es', httpUser: ref as any })))),
  );

  test('invalid props end in a validation error naming the prop, never a crash or a broken config', () => {
    fc.assert(fc.property(bad, c => {
      expectPropError(PATH, c.prop, scope => new LogCollectorDaemonSet(scope, 'logs', c.props));
    }), BAD_RUNS);
  });
});

describe('regressions found by the properties', () => {
  test.each([
    ['tag', { tag: 42 }, /^\[test\/logs\] tag: Invalid value: 42: must be dot-separated words/],
    ['journald.tag', { journald: { tag: false } }, /^\[test\/logs\] journald.tag: Invalid value: false: must be dot-separated words/],
    ['journald.systemdUnits[0]', { journald: { systemdUnits: [7] } }, /^\[test\/logs\] journald.systemdUnits\[0\]: Invalid value: 7: must be a systemd unit name/],
    ['excludeNamespaces[0]', { excludeNamespaces: [12] }, /^\[test\/logs\] excludeNamespaces\[0\]: Invalid value: 12: must be a string \(/],
  ])('a non-string %s is refused, not coerced into the config', (_prop, props, message) => {
    expect(() => new LogCollectorDaemonSet(newChart().chart, 'logs', { outputs: [LogOutput.stdout()], ...props as any })).toThrow(message);
  });
});
