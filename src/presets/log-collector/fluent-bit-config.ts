import { fluentBitSection as section, onOff } from './conf-text';
import { BufferStorageType, ContainerRuntime, LogParserFormat } from './engine';
import { LogstashProtocol } from './output';
import { CollectorPlan, CONTAINER_LOG_DIR, PlannedOutput, s3FileBytes, s3UploadSeconds, secretHeaderEnv } from './plan';
import { propError, Where } from '../../internal/errors';

/** Where the generated files are mounted; the image's own `/fluent-bit/etc/parsers.conf` stays visible beside it. */
export const FLUENT_BIT_CONFIG_DIR = '/fluent-bit/etc/conf';
export const FLUENT_BIT_MAIN_FILE = 'fluent-bit.conf';
const CUSTOM_PARSERS_FILE = 'custom_parsers.conf';

/** The files Fluent Bit reads, rendered deterministically from the plan. @internal */
export function renderFluentBitConfig(at: Where, plan: CollectorPlan): { [file: string]: string } {
  const files: { [file: string]: string } = {
    [FLUENT_BIT_MAIN_FILE]: [service(plan), ...inputs(plan), ...filters(plan), ...plan.outputs.map(o => output(at, plan, o))].join('\n\n') + '\n',
  };
  if (plan.parsers.length > 0) files[CUSTOM_PARSERS_FILE] = parsers(plan) + '\n';
  return files;
}

/** The tail `DB`, the journal cursor and `storage.path`: every path Fluent Bit writes. @internal */
export function fluentBitWritablePaths(plan: CollectorPlan): Array<[string, string]> {
  return [
    ['stateDirectory (tail DB)', tailDb(plan)],
    ...plan.journald ? [['stateDirectory (systemd DB)', `${plan.stateDirectory}/systemd.db`] as [string, string]] : [],
    ...plan.storageType === BufferStorageType.FILESYSTEM ? [['stateDirectory (storage.path)', storagePath(plan)] as [string, string]] : [],
    ...plan.outputs.filter(o => o.spec.kind === 's3').map(o => [`outputs (${o.id} store_dir)`, s3StoreDir(plan, o)] as [string, string]),
  ];
}

const tailDb = (plan: CollectorPlan) => `${plan.stateDirectory}/tail-containers.db`;
const storagePath = (plan: CollectorPlan) => `${plan.stateDirectory}/storage/`;
const s3StoreDir = (plan: CollectorPlan, o: PlannedOutput) => `${plan.stateDirectory}/s3/${o.id}`;
const env = (name: string) => `\${${name}}`;
/**
 * A size as a byte count. Fluent Bit reads `K`, `M` and `G` as ×1000 (`flb_utils_size_to_bytes`),
 * so `5M` would be 5,000,000 bytes, not the 5 MiB a cdk8s Size means.
 */
const bytes = (n: number) => String(n);

function service(plan: CollectorPlan): string {
  const fs = plan.storageType === BufferStorageType.FILESYSTEM;
  return section('SERVICE', [
    ['Flush', plan.flushSeconds],
    // Below the pod's 30 s termination grace, so buffered records are flushed before SIGKILL.
    ['Grace', 5],
    ['Daemon', 'Off'],
    ['Log_Level', plan.logLevel],
    ['Parsers_File', '/fluent-bit/etc/parsers.conf'],
    ['Parsers_File', plan.parsers.length > 0 ? `${FLUENT_BIT_CONFIG_DIR}/${CUSTOM_PARSERS_FILE}` : undefined],
    ['HTTP_Server', 'On'],
    ['HTTP_Listen', '0.0.0.0'],
    ['HTTP_Port', plan.metricsPort],
    ['Health_Check', 'On'],
    ['storage.path', fs ? storagePath(plan) : undefined],
    ['storage.sync', fs ? 'normal' : undefined],
    ['storage.checksum', fs ? 'Off' : undefined],
    ['storage.max_chunks_up', fs ? plan.storageMaxChunksUp : undefined],
    ['storage.backlog.mem_limit', fs ? bytes(plan.storageBacklogMemLimitBytes) : undefined],
    ['storage.metrics', 'On'],
  ]);
}

/** `docker, cri` tries both formats; a single runtime gets its own parser only. */
function multilineParser(runtime: ContainerRuntime): string {
  if (runtime === ContainerRuntime.DOCKER) return 'docker';
  if (runtime === ContainerRuntime.AUTO) return 'docker, cri';
  return 'cri';
}

function inputs(plan: CollectorPlan): string[] {
  const memory = plan.storageType === BufferStorageType.MEMORY;
  const buffering: Array<[string, string | undefined]> = [
    ['Mem_Buf_Limit', memory ? bytes(plan.memBufLimitBytes) : undefined],
    ['storage.type', plan.storageType],
  ];
  const out = [section('INPUT', [
    ['Name', 'tail'],
    ['Alias', 'containers'],
    ['Tag', `${plan.tag}.*`],
    ['Path', `${CONTAINER_LOG_DIR}/*.log`],
    ['Exclude_Path', plan.excludePaths.join(',')],
    ['multiline.parser', multilineParser(plan.runtime)],
    ['DB', tailDb(plan)],
    ['DB.locking', 'true'],
    ['Read_from_Head', onOff(plan.readFromHead)],
    ['Skip_Long_Lines', onOff(plan.skipLongLines)],
    ['Refresh_Interval', 10],
    ...buffering,
  ])];
  if (plan.journald) {
    out.push(section('INPUT', [
      ['Name', 'systemd'],
      ['Alias', 'journald'],
      ['Tag', `${plan.journald.tag}.*`],
      ...plan.journald.units.map(u => ['Systemd_Filter', `_SYSTEMD_UNIT=${u}`] as [string, string]),
      ['Systemd_Filter_Type', 'Or'],
      ['Read_From_Tail', onOff(plan.journald.readFromTail)],
      ['DB', `${plan.stateDirectory}/systemd.db`],
      ...buffering,
    ]));
  }
  return out;
}

function filters(plan: CollectorPlan): string[] {
  const m = plan.metadata;
  if (!m) return [];
  return [section('FILTER', [
    ['Name', 'kubernetes'],
    ['Alias', 'kubernetes-metadata'],
    ['Match', `${plan.tag}.*`],
    ['Kube_Tag_Prefix', plan.kubeTagPrefix],
    ['Merge_Log', onOff(m.mergeLog)],
    ['Keep_Log', onOff(m.keepLog)],
    ['Labels', onOff(m.labels)],
    ['Annotations', onOff(m.annotations)],
    ['K8S-Logging.Parser', onOff(m.k8sLoggingParser)],
    ['K8S-Logging.Exclude', onOff(m.k8sLoggingExclude)],
    ['Use_Kubelet', m.useKubelet ? 'On' : undefined],
    ['Kubelet_Host', m.useKubelet ? env('HOST_IP') : undefined],
    ['Kubelet_Port', m.useKubelet ? 10250 : undefined],
  ])];
}

type Entries = Array<[string, string | number | undefined]>;

function tls(o: PlannedOutput): Entries {
  const t = o.spec.tls;
  if (!t) return [];
  return [
    ['tls', 'On'],
    ['tls.verify', onOff(t.verify ?? true)],
    ['tls.ca_file', t.caFile],
    ['tls.vhost', t.serverName],
  ];
}

function basicAuth(o: PlannedOutput): Entries {
  return [
    ['HTTP_User', o.spec.httpUser ? env(`${o.envPrefix}HTTP_USER`) : undefined],
    ['HTTP_Passwd', o.spec.httpPasswd ? env(`${o.envPrefix}HTTP_PASSWD`) : undefined],
  ];
}

function pluginEntries(plan: CollectorPlan, o: PlannedOutput): Entries {
  const s = o.spec;
  switch (s.kind) {
    case 'elasticsearch':
    case 'opensearch':
      return [
        ['Name', s.kind === 'elasticsearch' ? 'es' : 'opensearch'],
        ['Host', s.host], ['Port', s.port ?? 9200],
        ...(s.index !== undefined
          ? [['Index', s.index]] as Entries
          : [['Logstash_Format', 'On'], ['Logstash_Prefix', s.logstashPrefix ?? 'logstash']] as Entries),
        ['Suppress_Type_Name', 'On'],
        // Kubernetes labels such as app.kubernetes.io/name would otherwise be mapping conflicts.
        ['Replace_Dots', 'On'],
        // A retried chunk then overwrites its own documents instead of duplicating them.
        ['Generate_ID', 'On'],
        ['Trace_Error', 'On'],
        ...basicAuth(o), ...tls(o),
      ];
    case 'loki':
      return [
        ['Name', 'loki'], ['Host', s.host], ['Port', s.port ?? 3100],
        ['Labels', lokiLabels(plan, o)],
        ['Tenant_ID', s.tenantId],
        ['Line_Format', 'json'],
        ['HTTP_User', s.httpUser ? env(`${o.envPrefix}HTTP_USER`) : undefined],
        ['HTTP_Passwd', s.httpPasswd ? env(`${o.envPrefix}HTTP_PASSWD`) : undefined],
        ...tls(o),
      ];
    case 'forward':
      return [
        ['Name', 'forward'], ['Host', s.host], ['Port', s.port ?? 24224],
        ['Shared_Key', s.sharedKey ? env(`${o.envPrefix}SHARED_KEY`) : undefined],
        ['Self_Hostname', s.sharedKey ? env('NODE_NAME') : undefined],
        ...tls(o),
      ];
    case 'logstash':
      return s.protocol === LogstashProtocol.TCP
        ? [['Name', 'tcp'], ['Host', s.host], ['Port', s.port ?? 5000], ['Format', 'json_lines'],
          ['json_date_key', '@timestamp'], ['json_date_format', 'iso8601'], ...tls(o)]
        : [['Name', 'http'], ['Host', s.host], ['Port', s.port ?? 8080], ['URI', '/'], ['Format', 'json'],
          ['json_date_key', '@timestamp'], ['json_date_format', 'iso8601'], ...basicAuth(o), ...tls(o)];
    case 'kafka':
      return [
        ['Name', 'kafka'], ['Brokers', s.brokers!.join(',')], ['Topics', s.topic], ['Format', 'json'],
        ...kafkaSecurity(o),
      ];
    case 's3':
      return [
        ['Name', 's3'], ['bucket', s.bucket], ['region', s.region],
        ['total_file_size', bytes(s3FileBytes(s))],
        ['upload_timeout', `${s3UploadSeconds(s)}s`],
        ['store_dir', s3StoreDir(plan, o)],
        ['store_dir_limit_size', bytes(o.totalLimitBytes)],
        ['use_put_object', 'On'],
        ['compression', 'gzip'],
        ['s3_key_format', '/$TAG/%Y/%m/%d/%H_%M_%S-$UUID.gz'],
      ];
    case 'http':
      return [
        ['Name', 'http'], ['Host', s.host], ['Port', s.port ?? (s.tls ? 443 : 80)], ['URI', s.uri ?? '/'],
        ['Format', s.format ?? 'json_lines'],
        ...Object.keys(s.headers ?? {}).sort().map(h => ['Header', `${h} ${s.headers![h]}`] as [string, string]),
        ...Object.keys(s.secretHeaders ?? {}).sort().map(h => ['Header', `${h} ${env(secretHeaderEnv(o, h))}`] as [string, string]),
        ...basicAuth(o), ...tls(o),
      ];
    case 'stdout':
      return [['Name', 'stdout'], ['Format', 'json_lines']];
  }
}

function lokiLabels(plan: CollectorPlan, o: PlannedOutput): string {
  const labels: { [k: string]: string } = { job: 'fluent-bit' };
  if (plan.metadata) {
    labels.namespace = "$kubernetes['namespace_name']";
    labels.container = "$kubernetes['container_name']";
  }
  Object.assign(labels, o.spec.labels);
  return Object.keys(labels).map(k => `${k}=${labels[k]}`).join(', ');
}

/** librdkafka takes TLS and SASL as `rdkafka.*` properties, not Fluent Bit's `tls.*` keys. */
function kafkaSecurity(o: PlannedOutput): Entries {
  const s = o.spec;
  const sasl = s.saslUsername !== undefined;
  const protocol = sasl ? (s.tls ? 'SASL_SSL' : 'SASL_PLAINTEXT') : (s.tls ? 'SSL' : undefined);
  return [
    ['rdkafka.security.protocol', protocol],
    ['rdkafka.sasl.mechanism', sasl ? s.saslMechanism ?? 'PLAIN' : undefined],
    ['rdkafka.sasl.username', sasl ? env(`${o.envPrefix}SASL_USERNAME`) : undefined],
    ['rdkafka.sasl.password', s.saslPassword ? env(`${o.envPrefix}SASL_PASSWORD`) : undefined],
    ['rdkafka.ssl.ca.location', s.tls?.caFile],
    ['rdkafka.enable.ssl.certificate.verification', s.tls && s.tls.verify === false ? 'false' : undefined],
  ];
}

function output(at: Where, plan: CollectorPlan, o: PlannedOutput): string {
  const [name, ...plugin] = pluginEntries(plan, o);
  const entries: Entries = [
    name,
    ['Alias', o.id],
    ['Match', o.match ?? '*'],
    ...plugin,
    ['Retry_Limit', o.retryForever ? 'no_limits' : o.retryLimit],
    // The s3 output buffers in its own store_dir (store_dir_limit_size); with storage.total_limit_size
    // too, Fluent Bit warns at start to use store_dir_limit_size instead.
    ['storage.total_limit_size', plan.storageType === BufferStorageType.FILESYSTEM && o.spec.kind !== 's3' ? bytes(o.totalLimitBytes) : undefined],
  ];
  const taken = new Set(entries.filter(e => e[1] !== undefined).map(([k]) => k.toLowerCase()));
  for (const key of Object.keys(o.spec.extraParameters ?? {}).sort()) {
    if (taken.has(key.toLowerCase())) {
      throw propError(at, `outputs[${plan.outputs.indexOf(o)}].extraParameters`, key, 'is already set by the typed options');
    }
    entries.push([key, o.spec.extraParameters![key]]);
  }
  return section('OUTPUT', entries);
}

function parsers(plan: CollectorPlan): string {
  return plan.parsers.map(p => section('PARSER', [
    ['Name', p.name],
    ['Format', p.format === LogParserFormat.REGEX ? 'regex' : p.format],
    ['Regex', p.regex],
    ['Time_Key', p.timeKey],
    ['Time_Format', p.timeFormat],
    ['Time_Keep', p.timeKey !== undefined ? onOff(p.timeKeep ?? false) : undefined],
  ])).join('\n\n');
}
