import { FluentdBlock as Block } from './conf-text';
import { BufferStorageType, ContainerRuntime, LogParserFormat } from './engine';
import { LogParser } from './inputs';
import { LogstashProtocol } from './output';
import { CollectorPlan, CONTAINER_LOG_DIR, isEnvReference, PlannedOutput, s3FileBytes, s3UploadSeconds, secretHeaderEnv } from './plan';
import { propError, Where } from '../../internal/errors';
import { fluentdDoubleQuotedText, fluentdValue, urlHost } from '../config-values';

/** Mounted beside the image's own files; `FLUENTD_CONF` points the image's entrypoint at it. */
export const FLUENTD_CONFIG_DIR = '/fluentd/etc/conf';
export const FLUENTD_MAIN_FILE = 'fluent.conf';

const DOCKER_TIME = '%Y-%m-%dT%H:%M:%S.%NZ';
const CRI_TIME = '%Y-%m-%dT%H:%M:%S.%N%:z';
/** The CRI line format, `<time> <stream> <F|P> <log>`, as the fluent/helm-charts fluentd chart parses it. */
const CRI_REGEXP = '/^(?<time>.+) (?<stream>stdout|stderr) (?<logtag>[FP]) (?<log>.*)$/';

/** The file Fluentd reads, rendered deterministically from the plan. @internal */
export function renderFluentdConfig(at: Where, plan: CollectorPlan): { [file: string]: string } {
  const blocks = [
    new Block('system').param('log_level', plan.logLevel),
    // Fluentd's own events would otherwise reach `<match **>` and loop through the outputs' errors.
    new Block('label', '@FLUENT_LOG').section(new Block('match', 'fluent.**').param('@type', 'stdout')),
    ...metricsSources(plan),
    tailSource(plan),
    ...plan.journald ? [journaldSource(plan)] : [],
    ...filters(plan),
    ...matches(at, plan),
  ];
  return { [FLUENTD_MAIN_FILE]: blocks.map(b => b.render()).join('\n\n') + '\n' };
}

/** The pos_file, the journal cursor and the file buffers: every path Fluentd writes. @internal */
export function fluentdWritablePaths(plan: CollectorPlan): Array<[string, string]> {
  return [
    ['stateDirectory (pos_file)', posFile(plan)],
    ...plan.journald ? [['stateDirectory (journal cursor)', cursorFile(plan)] as [string, string]] : [],
    ...plan.storageType === BufferStorageType.FILESYSTEM
      ? plan.outputs.map(o => [`outputs (${o.id} buffer)`, bufferPath(plan, o)] as [string, string]) : [],
  ];
}

const posFile = (plan: CollectorPlan) => `${plan.stateDirectory}/tail-containers.pos`;
const cursorFile = (plan: CollectorPlan) => `${plan.stateDirectory}/journald-cursor.json`;
const bufferPath = (plan: CollectorPlan, o: PlannedOutput) => `${plan.stateDirectory}/buffer/${o.id}`;
const env = (name: string) => `"#{ENV['${name}']}"`;

/** `5m`, `1g`, `512k`: the largest whole unit; Fluentd reads k, m and g as ×1024 (`Config.size_value`). */
function fluentdSize(n: number): string {
  if (n % (1024 ** 3) === 0) return `${n / 1024 ** 3}g`;
  if (n % (1024 ** 2) === 0) return `${n / 1024 ** 2}m`;
  return `${n / 1024}k`;
}

function metricsSources(plan: CollectorPlan): Block[] {
  return [
    new Block('source').param('@type', 'prometheus').param('@id', 'in_prometheus')
      .param('bind', '0.0.0.0').param('port', plan.metricsPort).param('metrics_path', '/metrics'),
    new Block('source').param('@type', 'prometheus_monitor').param('@id', 'in_prometheus_monitor'),
    new Block('source').param('@type', 'prometheus_output_monitor').param('@id', 'in_prometheus_output_monitor'),
  ];
}

function containerParse(runtime: ContainerRuntime): Block {
  const json = (b: Block, typeKey: string) => b.param(typeKey, 'json').param('time_key', 'time')
    .param('time_type', 'string').param('time_format', DOCKER_TIME);
  const cri = (b: Block, typeKey: string) => b.param(typeKey, 'regexp').param('expression', CRI_REGEXP)
    .param('time_type', 'string').param('time_format', CRI_TIME);
  if (runtime === ContainerRuntime.DOCKER) return json(new Block('parse'), '@type');
  if (runtime !== ContainerRuntime.AUTO) return cri(new Block('parse'), '@type');
  return new Block('parse').param('@type', 'multi_format')
    .section(json(new Block('pattern'), 'format'))
    .section(cri(new Block('pattern'), 'format'));
}

function tailSource(plan: CollectorPlan): Block {
  return new Block('source')
    .param('@type', 'tail')
    .param('@id', 'in_tail_containers')
    .param('path', `${CONTAINER_LOG_DIR}/*.log`)
    .json('exclude_path', plan.excludePaths)
    .param('pos_file', posFile(plan))
    // With wildcards, inode tracking keeps a rotated file from being read twice.
    .param('follow_inodes', true)
    .param('tag', `${plan.tag}.*`)
    .param('read_from_head', plan.readFromHead)
    .param('refresh_interval', 10)
    .section(containerParse(plan.runtime));
}

function journaldSource(plan: CollectorPlan): Block {
  const j = plan.journald!;
  return new Block('source')
    .param('@type', 'systemd')
    .param('@id', 'in_systemd')
    .param('tag', `${j.tag}.journal`)
    .param('path', '/var/log/journal')
    .json('matches', j.units.map(u => ({ _SYSTEMD_UNIT: u })))
    .param('read_from_head', !j.readFromTail)
    .section(new Block('storage').param('@type', 'local').param('persistent', true).param('path', cursorFile(plan)))
    .section(new Block('entry').param('fields_strip_underscores', true).param('fields_lowercase', true));
}

function parserFilter(match: string, id: string, keepKey: boolean, parse: Block): Block {
  return new Block('filter', match)
    .param('@type', 'parser')
    .param('@id', id)
    .param('key_name', 'log')
    .param('reserve_data', true)
    .param('reserve_time', true)
    .param('remove_key_name_field', !keepKey)
    .param('emit_invalid_record_to_error', false)
    .section(parse);
}

function customParse(p: LogParser): Block {
  const type = p.format === LogParserFormat.REGEX ? 'regexp' : p.format;
  return new Block('parse').param('@type', type)
    .param('expression', p.regex !== undefined ? fluentdValue(`/${p.regex}/`) : undefined)
    .param('time_key', p.timeKey)
    .param('time_format', p.timeFormat !== undefined ? fluentdValue(p.timeFormat) : undefined)
    .param('keep_time_key', p.timeKey !== undefined ? p.timeKeep ?? false : undefined);
}

/**
 * containerd and CRI-O split a line longer than their buffer (16 KiB) into records tagged `P`
 * (partial), the last one `F`. fluent-plugin-concat (2.6 in the pinned image) joins them into one
 * record per container file and stream; records without a logtag (docker's JSON) pass untouched.
 * A partial line whose end never comes (the container died mid-line) is flushed after 60 s as an
 * error event, which Fluentd logs.
 */
function criPartialLines(match: string): Block {
  return new Block('filter', match)
    .param('@type', 'concat')
    .param('@id', 'filter_cri_partial_lines')
    .param('key', 'log')
    .param('partial_key', 'logtag')
    .param('partial_value', 'P')
    .param('separator', '""')
    .param('stream_identity_key', 'stream');
}

function filters(plan: CollectorPlan): Block[] {
  const match = `${plan.tag}.**`;
  const out: Block[] = plan.runtime === ContainerRuntime.DOCKER ? [] : [criPartialLines(match)];
  const m = plan.metadata;
  if (m) {
    out.push(new Block('filter', match)
      .param('@type', 'kubernetes_metadata')
      .param('@id', 'filter_kubernetes_metadata')
      .param('skip_labels', !m.labels)
      .param('skip_master_url', true));
    if (m.mergeLog) out.push(parserFilter(match, 'filter_merge_log', m.keepLog, new Block('parse').param('@type', 'json')));
  }
  for (const p of plan.parsers) out.push(parserFilter(match, `filter_parser_${p.name}`, true, customParse(p)));
  return out;
}

/** Fluentd routes each event to the first matching `<match>`: outputs sharing a pattern are copied to, in order. */
function matches(at: Where, plan: CollectorPlan): Block[] {
  const patterns: string[] = [];
  for (const o of plan.outputs) if (!patterns.includes(o.match ?? '**')) patterns.push(o.match ?? '**');
  return patterns.map(pattern => {
    const group = plan.outputs.filter(o => (o.match ?? '**') === pattern);
    if (group.length === 1) return outputBlock(at, plan, group[0], new Block('match', pattern));
    const copy = new Block('match', pattern).param('@type', 'copy');
    for (const o of group) copy.section(outputBlock(at, plan, o, new Block('store')));
    return copy;
  });
}

function scheme(o: PlannedOutput): string {
  return o.spec.tls ? 'https' : 'http';
}

function buffer(plan: CollectorPlan, o: PlannedOutput, chunkKeys?: string): Block {
  const file = plan.storageType === BufferStorageType.FILESYSTEM;
  const b = new Block('buffer', chunkKeys)
    .param('@type', file ? 'file' : 'memory')
    .param('path', file ? bufferPath(plan, o) : undefined);
  if (o.spec.kind === 's3') {
    b.param('timekey', s3UploadSeconds(o.spec)).param('timekey_wait', 60).param('chunk_limit_size', fluentdSize(s3FileBytes(o.spec)));
  } else {
    b.param('flush_mode', 'interval').param('flush_interval', `${plan.flushSeconds}s`).param('chunk_limit_size', '8m');
  }
  return b
    .param('total_limit_size', fluentdSize(o.totalLimitBytes))
    // Backpressure stops the tail, which resumes from its pos_file: nothing is dropped.
    .param('overflow_action', 'block')
    .param('retry_type', 'exponential_backoff')
    .param('retry_max_interval', '30s')
    .param(o.retryForever ? 'retry_forever' : 'retry_max_times', o.retryForever ? true : o.retryLimit);
}

function tlsVerifyMode(o: PlannedOutput): string | undefined {
  if (!o.spec.tls) return undefined;
  return o.spec.tls.verify === false ? 'none' : 'peer';
}

function searchEngine(o: PlannedOutput, b: Block): Block {
  const s = o.spec;
  return b.param('@type', s.kind)
    .param('host', s.host).param('port', s.port ?? 9200).param('scheme', scheme(o))
    .param('ssl_verify', s.tls ? s.tls.verify ?? true : undefined)
    .param('ca_file', s.tls?.caFile)
    .param('user', s.httpUser ? env(`${o.envPrefix}HTTP_USER`) : undefined)
    .param('password', s.httpPasswd ? env(`${o.envPrefix}HTTP_PASSWD`) : undefined)
    .param('index_name', s.index)
    .param('logstash_format', s.index === undefined ? true : undefined)
    .param('logstash_prefix', s.index === undefined ? s.logstashPrefix ?? 'logstash' : undefined)
    .param('include_tag_key', true)
    .param('suppress_type_name', true)
    // Behind a Service, sniffed node addresses are unreachable: keep the configured host, reconnect on errors.
    .param('reconnect_on_error', true)
    .param('reload_on_failure', true)
    .param('reload_connections', false)
    .param('request_timeout', '30s');
}

function forwardTo(o: PlannedOutput, b: Block, defaultPort: number): Block {
  const s = o.spec;
  b.param('@type', 'forward')
    .param('transport', s.tls ? 'tls' : undefined)
    .param('tls_cert_path', s.tls?.caFile)
    .param('tls_insecure_mode', s.tls && s.tls.verify === false ? true : undefined);
  if (s.sharedKey) {
    b.section(new Block('security').param('self_hostname', env('NODE_NAME')).param('shared_key', env(`${o.envPrefix}SHARED_KEY`)));
  }
  return b.section(new Block('server').param('host', s.host).param('port', s.port ?? defaultPort));
}

/** A header's value: literal text, or the environment variable holding a Secret's value. */
type HeaderValue = { text: string } | { env: string };

/**
 * `headers` as a JSON hash inside a double-quoted value, where Fluentd expands the `#{ENV[...]}`
 * of secret headers. Literal text is JSON-escaped, then escaped for the double-quoted string
 * (`\`, `"`, `#`), so it can neither end the string nor form a `#{`.
 */
function fluentdHeaders(headers: Array<[string, HeaderValue]>): string {
  const entries = headers.map(([name, v]) => {
    const value = 'text' in v ? fluentdDoubleQuotedText(JSON.stringify(v.text)) : `\\"#{ENV['${v.env}']}\\"`;
    return `${fluentdDoubleQuotedText(JSON.stringify(name))}:${value}`;
  });
  return `"{${entries.join(',')}}"`;
}

function httpTo(o: PlannedOutput, b: Block, endpoint: string, jsonArray: boolean, headers: Array<[string, HeaderValue]>): Block {
  const s = o.spec;
  b.param('@type', 'http').param('endpoint', endpoint).param('json_array', jsonArray)
    .param('tls_verify_mode', tlsVerifyMode(o)).param('tls_ca_cert_path', s.tls?.caFile);
  if (headers.length > 0) b.param('headers', fluentdHeaders(headers));
  b.section(new Block('format').param('@type', 'json'));
  if (s.httpUser) {
    b.section(new Block('auth').param('method', 'basic')
      .param('username', env(`${o.envPrefix}HTTP_USER`))
      .param('password', s.httpPasswd ? env(`${o.envPrefix}HTTP_PASSWD`) : undefined));
  }
  return b;
}

function plugin(plan: CollectorPlan, o: PlannedOutput, b: Block): Block {
  const s = o.spec;
  switch (s.kind) {
    case 'elasticsearch':
    case 'opensearch':
      return searchEngine(o, b);
    case 'loki': {
      const labels: { [k: string]: string } = { ...s.labels };
      const accessors = Object.keys(labels).filter(k => labels[k].startsWith('$')).sort();
      const statics: { [k: string]: string } = { job: 'fluentd' };
      Object.keys(labels).filter(k => !labels[k].startsWith('$')).sort().forEach(k => statics[k] = labels[k]);
      const label = new Block('label');
      if (plan.metadata) label.param('namespace', '$.kubernetes.namespace_name').param('container', '$.kubernetes.container_name');
      accessors.forEach(k => label.param(k, fluentdAccessor(labels[k])));
      return b.param('@type', 'loki').param('url', `${scheme(o)}://${urlHost(s.host!)}:${s.port ?? 3100}`)
        .param('username', s.httpUser ? env(`${o.envPrefix}HTTP_USER`) : undefined)
        .param('password', s.httpPasswd ? env(`${o.envPrefix}HTTP_PASSWD`) : undefined)
        .param('tenant', s.tenantId)
        .param('ca_cert', s.tls?.caFile)
        .param('insecure_tls', s.tls && s.tls.verify === false ? true : undefined)
        .json('extra_labels', statics)
        .param('line_format', 'json')
        .section(plan.metadata || accessors.length > 0 ? label : undefined);
    }
    case 'forward':
      return forwardTo(o, b, 24224);
    case 'logstash':
      return s.protocol === LogstashProtocol.TCP
        ? forwardTo(o, b, 5000)
        : httpTo(o, b, `${scheme(o)}://${urlHost(s.host!)}:${s.port ?? 8080}/`, true, []);
    case 'kafka': {
      const scram = s.saslMechanism?.startsWith('SCRAM-') ? s.saslMechanism.replace('SCRAM-SHA-', 'sha') : undefined;
      // brokers is an array parameter: a JSON array, since Fluentd reads a value that starts with `[`
      // (an IPv6 broker `[fd00::1]:9092`, even quoted) as JSON.
      return b.param('@type', 'kafka2').json('brokers', s.brokers!).param('default_topic', s.topic)
        .param('username', s.saslUsername ? env(`${o.envPrefix}SASL_USERNAME`) : undefined)
        .param('password', s.saslPassword ? env(`${o.envPrefix}SASL_PASSWORD`) : undefined)
        .param('scram_mechanism', scram)
        // SASL over TLS exactly when TLS is asked for; ruby-kafka refuses SASL over SSL without SSL settings.
        .param('sasl_over_ssl', s.saslUsername ? s.tls !== undefined : undefined)
        .param('ssl_ca_cert', s.tls?.caFile)
        // Without a CA file ruby-kafka would not use TLS at all: trust the image's system CAs instead.
        .param('ssl_ca_certs_from_system', s.tls && s.tls.caFile === undefined ? true : undefined)
        .param('ssl_verify_hostname', s.tls ? s.tls.verify ?? true : undefined)
        .section(new Block('format').param('@type', 'json'));
    }
    case 's3':
      return b.param('@type', 's3').param('s3_bucket', s.bucket).param('s3_region', s.region)
        .param('path', `logs/${plan.tag}/`).param('store_as', 'gzip');
    case 'http': {
      const headers: Array<[string, HeaderValue]> = [
        ...Object.keys(s.headers ?? {}).sort().map(h => [h, { text: s.headers![h] }] as [string, HeaderValue]),
        ...Object.keys(s.secretHeaders ?? {}).sort().map(h => [h, { env: secretHeaderEnv(o, h) }] as [string, HeaderValue]),
      ];
      const port = s.port ?? (s.tls ? 443 : 80);
      return httpTo(o, b, `${scheme(o)}://${urlHost(s.host!)}:${port}${s.uri ?? '/'}`, (s.format ?? 'json_lines') === 'json', headers);
    }
    case 'stdout':
      return b.param('@type', 'stdout');
  }
}

/**
 * Fluent Bit record accessors (`$kubernetes['labels']['app']`, the documented form) in
 * Fluentd's syntax: `$.kubernetes.labels.app`, or bracket notation for keys with `.`, `/` or `-`.
 * Fluentd's own `$.a.b` passes unchanged.
 */
function fluentdAccessor(value: string): string {
  if (value.startsWith('$.')) return value;
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)((?:\['[^']+'\])*)$/.exec(value)!;
  const keys = [m[1], ...[...m[2].matchAll(/\['([^']+)'\]/g)].map(k => k[1])];
  return keys.every(k => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) ? `$.${keys.join('.')}` : `$${keys.map(k => `['${k}']`).join('')}`;
}

function outputBlock(at: Where, plan: CollectorPlan, o: PlannedOutput, b: Block): Block {
  plugin(plan, o, b).id(`out_${o.id.replace(/-/g, '_')}`);
  const buf = o.spec.kind !== 'stdout' ? buffer(plan, o, o.spec.kind === 's3' ? 'time' : undefined) : undefined;
  // A key in both <match> and <buffer> is ambiguous (Fluentd's v0.12 compatibility reads it from either): refuse both.
  const taken = new Set([...b.keys(), ...buf?.keys() ?? []].map(k => k.toLowerCase()));
  for (const key of Object.keys(o.spec.extraParameters ?? {}).sort()) {
    if (taken.has(key.toLowerCase())) {
      throw propError(at, `outputs[${plan.outputs.indexOf(o)}].extraParameters`, key, 'is already set by the typed options (in the output or its <buffer>)');
    }
    const value = o.spec.extraParameters![key];
    b.param(key, isEnvReference(value, false) ? value : fluentdValue(value));
  }
  return b.section(buf);
}
