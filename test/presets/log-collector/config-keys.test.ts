import { Duration, Size } from 'cdk8s';
import { allBlocks, chart, collector, FluentdBlock, get, param, parseFluentBit, parseFluentd } from './helpers';
import { FLUENT_BIT_KEYS, FLUENTD_PARAMS } from './plugin-parameters';
import {
  BufferStorageType, ContainerRuntime, FluentBitConfigReload, FluentBitFilter, FluentBitGrepLogicalOp, FluentBitInput, FluentBitLuaScript,
  FluentBitModifyCondition, FluentBitMultilineParser, LogCollectorDaemonSetProps, LogCollectorEngine, LogOutput, LogParserFormat,
  LogstashProtocol,
} from '../../../src';

const secret = (name: string) => ({ name, key: 'value' });

/** Every output kind, with every option that changes the generated keys (Fluentd has no tls.serverName). */
const allOutputs = (fluentBit: boolean) => [
  LogOutput.elasticsearch({ host: 'es', index: 'logs', httpUser: secret('a'), httpPasswd: secret('b'), tls: { verify: false, caFile: '/ca.crt', serverName: fluentBit ? 'es.x' : undefined } }),
  LogOutput.elasticsearch({ host: 'es2', logstashPrefix: 'k8s' }),
  LogOutput.opensearch({ host: 'os', httpUser: secret('c'), httpPasswd: secret('d'), tls: {} }),
  LogOutput.loki({ host: 'loki', labels: { app: "$kubernetes['labels']['app']", cluster: 'x' }, tenantId: 't', httpUser: secret('e'), httpPasswd: secret('f'), tls: { verify: false, caFile: '/ca.crt' } }),
  LogOutput.forward({ host: 'fwd', sharedKey: secret('g'), tls: { verify: false, caFile: '/ca.crt' } }),
  LogOutput.logstash({ host: 'ls', httpUser: secret('h'), httpPasswd: secret('i'), tls: { verify: false, caFile: '/ca.crt' } }),
  LogOutput.logstash({ host: 'ls', protocol: LogstashProtocol.TCP, tls: {} }),
  LogOutput.kafka({ brokers: ['k:9093'], topic: 'logs', saslUsername: secret('j'), saslPassword: secret('k'), saslMechanism: 'SCRAM-SHA-512', tls: { verify: false, caFile: '/ca.crt' } }),
  LogOutput.s3({ bucket: 'bucket', region: 'eu-west-1', awsAccessKeyId: secret('l'), awsSecretAccessKey: secret('m'), uploadTimeout: Duration.minutes(1) }),
  LogOutput.http({ host: 'h', uri: '/x', headers: { 'X-A': 'b' }, secretHeaders: { 'X-Key': secret('n') }, httpUser: secret('o'), httpPasswd: secret('p'), tls: { verify: false, caFile: '/ca.crt' } }),
  LogOutput.stdout({ retryForever: true }),
];

const FEATURES: Partial<LogCollectorDaemonSetProps> = {
  journald: {},
  parsers: [
    { name: 'r', format: LogParserFormat.REGEX, regex: '^(?<a>.*)$', timeKey: 'time', timeFormat: '%s', timeKeep: true },
    { name: 'l', format: LogParserFormat.LTSV },
  ],
  excludeNamespaces: ['kube-system'],
};

/** `section:plugin` keys a Fluent Bit config uses that its plugin does not document. */
function unknownFluentBitKeys(text: string): string[] {
  const unknown: string[] = [];
  for (const s of parseFluentBit(text)) {
    const kind = s.name.toLowerCase();
    const table = ['service', 'parser', 'multiline_parser'].includes(kind) ? kind : `${kind}:${get(s, 'Name')}`;
    const allowed = FLUENT_BIT_KEYS[table];
    if (!allowed) {
      unknown.push(`[${s.name}] ${get(s, 'Name')}: no such plugin in the table`);
      continue;
    }
    for (const [key] of s.entries) if (!allowed.includes(key.toLowerCase())) unknown.push(`${table}: ${key}`);
  }
  return unknown;
}

function fluentdTable(block: FluentdBlock, parent?: string): string {
  if (block.name === 'buffer' || block.name === 'format') return block.name;
  if (parent === undefined || block.name === 'store') {
    return ['system', 'label'].includes(block.name) ? block.name : `${block.name === 'store' ? 'match' : block.name}:${param(block, '@type')}`;
  }
  if (block.name === 'pattern') return 'parse:multi_format/pattern';
  return `${parent}/${block.name}`;
}

/** Parameters a Fluentd config uses that its plugin or section does not document. */
function unknownFluentdParams(text: string): string[] {
  const unknown: string[] = [];
  const walk = (blocks: FluentdBlock[], parent?: string) => {
    for (const b of blocks) {
      const table = fluentdTable(b, parent === 'label' ? undefined : parent);
      const allowed = FLUENTD_PARAMS[table];
      if (!allowed) unknown.push(`<${b.name}> ${table}: no such plugin or section in the table`);
      else if (!allowed.includes('*')) for (const [key] of b.params) if (!allowed.includes(key)) unknown.push(`${table}: ${key}`);
      walk(b.children, table);
    }
  };
  walk(parseFluentd(text));
  return unknown;
}

describe('generated configuration keys are documented plugin parameters', () => {
  test.each([
    ['auto, filesystem', { containerRuntime: ContainerRuntime.AUTO }],
    ['docker, memory, kubelet metadata', {
      containerRuntime: ContainerRuntime.DOCKER,
      storageType: BufferStorageType.MEMORY,
      engine: LogCollectorEngine.fluentBit({ kubernetesFilter: { useKubelet: true, annotations: true } }),
    }],
  ])('Fluent Bit: %s', (_, extra) => {
    const outputs = (extra as any).storageType === BufferStorageType.MEMORY ? allOutputs(true).slice(0, -1) : allOutputs(true);
    const col = collector(chart(), { ...FEATURES, ...extra, outputs } as LogCollectorDaemonSetProps);
    const files = col.configFiles;
    expect(Object.keys(files).sort()).toEqual(['custom_parsers.conf', 'fluent-bit.conf']);
    const sections = parseFluentBit(files['fluent-bit.conf']);
    expect(sections.map(s => `${s.name}:${get(s, 'Name') ?? ''}`)).toEqual([
      'SERVICE:', 'INPUT:tail', 'INPUT:systemd', 'FILTER:kubernetes',
      ...['es', 'es', 'opensearch', 'loki', 'forward', 'http', 'tcp', 'kafka', 's3', 'http', 'stdout'].slice(0, outputs.length).map(n => `OUTPUT:${n}`),
    ]);
    expect(unknownFluentBitKeys(files['fluent-bit.conf'])).toEqual([]);
    expect(unknownFluentBitKeys(files['custom_parsers.conf'])).toEqual([]);
  });

  test('Fluent Bit: every typed filter, every extra input, hot reload', () => {
    const engine = LogCollectorEngine.fluentBit({
      filters: [
        FluentBitFilter.multiline({ parsers: [FluentBitMultilineParser.JAVA, FluentBitMultilineParser.custom({ name: 'c', rules: [{ state: 'start_state', regex: '^x' }] })] }),
        FluentBitFilter.grep({ regex: [{ key: 'log', pattern: 'a' }], logicalOp: FluentBitGrepLogicalOp.OR }),
        FluentBitFilter.modify({
          set: { a: 'b' },
          add: { c: 'd' },
          remove: ['e'],
          renameKeys: { f: 'g' },
          hardRenameKeys: { h: 'i' },
          copyKeys: { j: 'k' },
          hardCopyKeys: { l: 'm' },
          conditions: [FluentBitModifyCondition.keyValueMatches('n', '^o')],
        }),
        FluentBitFilter.recordModifier({ records: { p: 'q' }, allowlistKeys: ['p', 'log'], uuidKey: 'id' }),
        FluentBitFilter.nest({ wildcards: ['r*'], nestUnder: 's', removePrefix: 'r' }),
        FluentBitFilter.lift({ nestedUnder: 's', addPrefix: 't' }),
        FluentBitFilter.throttle({ rate: 10, printStatus: true }),
        FluentBitFilter.lua({ script: FluentBitLuaScript.fromInline('function f(tag, ts, r) return 0, ts, r end'), call: 'f', timeAsTable: true }),
      ],
      inputs: [FluentBitInput.forward({ sharedKey: secret('u') }), FluentBitInput.http({ tag: 'v' }), FluentBitInput.syslog({ udp: true, parser: 'syslog-rfc3164' })],
      configReload: FluentBitConfigReload.hotReload(),
    });
    const files = collector(chart(), { engine, outputs: [LogOutput.stdout()] }).configFiles;
    expect(Object.keys(files).sort()).toEqual(['custom_parsers.conf', 'filter-7.lua', 'fluent-bit.conf']);
    const sections = parseFluentBit(files['fluent-bit.conf']).map(s => `${s.name}:${get(s, 'Name') ?? ''}`);
    expect(sections).toEqual([
      'SERVICE:', 'INPUT:tail', 'INPUT:forward', 'INPUT:http', 'INPUT:syslog', 'FILTER:multiline', 'FILTER:kubernetes',
      'FILTER:grep', 'FILTER:modify', 'FILTER:record_modifier', 'FILTER:nest', 'FILTER:nest', 'FILTER:throttle', 'FILTER:lua', 'OUTPUT:stdout',
    ]);
    expect(unknownFluentBitKeys(files['fluent-bit.conf'])).toEqual([]);
    expect(unknownFluentBitKeys(files['custom_parsers.conf'])).toEqual([]);
  });

  test.each([
    ['auto, filesystem', {}],
    ['containerd, memory, flush threads', { containerRuntime: ContainerRuntime.CONTAINERD, storageType: BufferStorageType.MEMORY, flushThreads: 4 }],
    ['docker, no metadata', { containerRuntime: ContainerRuntime.DOCKER, kubernetesMetadata: { enabled: false } }],
  ])('Fluentd: %s', (_, extra) => {
    const memory = (extra as any).storageType === BufferStorageType.MEMORY;
    const outputs = memory ? allOutputs(false).slice(0, -1) : allOutputs(false);
    const col = collector(chart(), {
      ...FEATURES,
      ...extra,
      parsers: FEATURES.parsers,
      outputs,
      engine: LogCollectorEngine.fluentd({ flushThreadCount: (extra as any).flushThreads }),
      image: 'example.com/fluentd:1.19.3',
      resources: { memory: { limit: Size.gibibytes(1) } },
    } as LogCollectorDaemonSetProps);
    const text = col.configFiles['fluent.conf'];
    const directives = parseFluentd(text).map(b => `${b.name}:${param(b, '@type') ?? b.arg ?? ''}`);
    expect(directives.slice(0, 7)).toEqual([
      'system:', 'label:@FLUENT_LOG', 'source:prometheus', 'source:prometheus_monitor', 'source:prometheus_output_monitor', 'source:tail', 'source:systemd',
    ]);
    expect(allBlocks(parseFluentd(text)).filter(b => b.name === 'store').length).toBe(outputs.length);
    expect(unknownFluentdParams(text)).toEqual([]);
  });

  test('the check catches a misspelt key', () => {
    const text = collector(chart()).configFiles['fluent-bit.conf'].replace('Kube_Tag_Prefix', 'Kube_Tag_Prefx');
    expect(unknownFluentBitKeys(text)).toEqual(['filter:kubernetes: Kube_Tag_Prefx']);
    const fd = collector(chart(), { engine: LogCollectorEngine.FLUENTD }).configFiles['fluent.conf'].replace('pos_file', 'posfile');
    expect(unknownFluentdParams(fd)).toEqual(['source:tail: posfile']);
  });
});
