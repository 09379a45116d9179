import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { BufferStorageType, ContainerRuntime, LogCollectorEngine, LogParserFormat } from './engine';
import { LogParser } from './inputs';
import { LogOutput, SecretKeySelector as SecretRef } from './output';
import { OutputSpec } from './output-spec';
import { LogCollectorDaemonSetProps } from './props';
import { checkPortNumber } from '../../container';
import { assertValid, propError, Where } from '../../internal/errors';
import { checkConfigMapKey, checkDns1123Label, checkDns1123Subdomain } from '../../validation/names';
import {
  checkConfigLine, checkDnsName, checkFluentdSafe, checkHeaderName, checkHostOrIp, checkIntegerInRange, checkOnigmoRegex,
  checkSafePath, isCredentialHeader, isCredentialParameter, normalizePath, parseHostPort,
} from '../config-values';

/** Where the `/var/log/containers` symlinks live; the kubernetes filter reads pod names from these file names. */
export const CONTAINER_LOG_DIR = '/var/log/containers';
const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'];
const TAG = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const PARSER_NAME = /^[A-Za-z0-9_-]+$/;
const UNIT = /^[A-Za-z0-9@:._\\-]+$/;

/** One output, checked, with its secret environment and limits resolved. @internal */
export interface PlannedOutput {
  readonly spec: OutputSpec;
  /** `<kind>-<index>`: Fluent Bit `Alias`, Fluentd `@id`, and the buffer directory name. */
  readonly id: string;
  /** `OUTPUT_<index>_`: prefix of this output's environment variables. */
  readonly envPrefix: string;
  readonly match?: string;
  readonly retryLimit: number;
  readonly retryForever: boolean;
  readonly totalLimitBytes: number;
}

/** Everything the renderers need, engine-neutral, every default applied and every prop checked. @internal */
export interface CollectorPlan {
  readonly engine: LogCollectorEngine;
  readonly runtime: ContainerRuntime;
  readonly tag: string;
  readonly kubeTagPrefix: string;
  readonly excludePaths: string[];
  readonly readFromHead: boolean;
  readonly skipLongLines: boolean;
  readonly memBufLimitBytes: number;
  readonly metadata?: {
    readonly mergeLog: boolean;
    readonly keepLog: boolean;
    readonly labels: boolean;
    readonly annotations: boolean;
    readonly k8sLoggingParser: boolean;
    readonly k8sLoggingExclude: boolean;
    readonly useKubelet: boolean;
  };
  readonly journald?: { readonly units: string[]; readonly tag: string; readonly readFromTail: boolean };
  readonly parsers: LogParser[];
  readonly stateDirectory: string;
  readonly storageType: BufferStorageType;
  readonly storageMaxChunksUp: number;
  readonly storageBacklogMemLimitBytes: number;
  readonly flushSeconds: number;
  readonly logLevel: string;
  readonly metricsPort: number;
  readonly outputs: PlannedOutput[];
  /** Environment variable → Secret key, in a stable order. */
  readonly secretEnv: Array<[string, SecretRef]>;
}

/** Fluent Bit's engine chunks are "never much larger than 2 MB" (buffering-and-storage docs). */
export const CHUNK_BYTES = 2 * 1024 * 1024;

/** The engine's defaults that differ. @internal */
export interface EngineDefaults {
  readonly tag: string;
  readonly stateDirectory: string;
  readonly flushSeconds: number;
  readonly metricsPort: number;
}

/** Checks the domain props and resolves every default. `self` identifies the collector's own log files (pods `<name>-<suffix>`). @internal */
export function planCollector(at: Where, props: LogCollectorDaemonSetProps, defaults: EngineDefaults,
  self: { name?: string; namespace?: string; containerName: string }): CollectorPlan {
  const engine = props.engine ?? LogCollectorEngine.FLUENT_BIT;
  const fluentBit = engine === LogCollectorEngine.FLUENT_BIT;
  const runtime = props.containerRuntime ?? ContainerRuntime.AUTO;

  const tag = props.tag ?? defaults.tag;
  if (typeof tag !== 'string' || !TAG.test(tag)) throw propError(at, 'tag', tag, 'must be dot-separated words of letters, digits, _ and - (no wildcard: `.*` is appended)');
  const kubeTagPrefix = `${tag}.var.log.containers.`;
  if (props.kubeTagPrefix !== undefined) {
    if (!fluentBit) throw propError(at, 'kubeTagPrefix', props.kubeTagPrefix, 'is a Fluent Bit setting; Fluentd reads pod names from the tag with tag_to_kubernetes_name_regexp');
    if (props.kubeTagPrefix !== kubeTagPrefix) {
      throw propError(at, 'kubeTagPrefix', props.kubeTagPrefix,
        `must be "${kubeTagPrefix}" to match the tail input's tag "${tag}.*": otherwise the kubernetes filter finds no pod in the tag and adds no metadata`);
    }
  }
  if (props.dockerDataRoot !== undefined) {
    assertValid(at, 'dockerDataRoot', props.dockerDataRoot, checkSafePath(props.dockerDataRoot));
    if (runtime !== ContainerRuntime.DOCKER) throw propError(at, 'dockerDataRoot', props.dockerDataRoot, 'applies to ContainerRuntime.DOCKER only');
  }

  const excludePaths = [selfExcludePath(self)];
  (props.excludeNamespaces ?? []).forEach((ns, i) => {
    const reason = checkDns1123Label(ns);
    if (reason) throw propError(at, `excludeNamespaces[${i}]`, ns, reason);
    excludePaths.push(`${CONTAINER_LOG_DIR}/*_${ns}_*.log`);
  });
  (props.excludePaths ?? []).forEach((p, i) => {
    assertValid(at, `excludePaths[${i}]`, p, checkSafePath(p, true));
    excludePaths.push(p);
  });

  const m = props.kubernetesMetadata ?? {};
  const metadataOn = m.enabled ?? true;
  if (!fluentBit) {
    for (const key of ['annotations', 'k8sLoggingParser', 'k8sLoggingExclude', 'useKubelet'] as const) {
      if (m[key] !== undefined) throw propError(at, `kubernetesMetadata.${key}`, m[key], 'is a Fluent Bit setting');
    }
    for (const key of ['memBufLimit', 'storageMaxChunksUp', 'storageBacklogMemLimit', 'skipLongLines'] as const) {
      if (props[key] !== undefined) throw propError(at, key, String(props[key]), 'is a Fluent Bit setting');
    }
  }
  if (metadataOn && props.automountServiceAccountToken === false) {
    throw propError(at, 'automountServiceAccountToken', false,
      'Kubernetes metadata enrichment calls the API server with the ServiceAccount token: keep the token mounted, or set kubernetesMetadata.enabled false');
  }

  const stateDirectory = checkStateDirectory(at, props.stateDirectory ?? defaults.stateDirectory);

  const storageType = props.storageType ?? BufferStorageType.FILESYSTEM;
  const storageMaxChunksUp = props.storageMaxChunksUp ?? 32;
  assertValid(at, 'storageMaxChunksUp', storageMaxChunksUp, checkIntegerInRange(storageMaxChunksUp, 1, MAX_COUNT));
  const logLevel = props.logLevel ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw propError(at, 'logLevel', logLevel, `must be one of ${LOG_LEVELS.join(', ')}`);
  const metricsPort = props.metricsPort ?? defaults.metricsPort;
  checkPortNumber(at, 'metricsPort', metricsPort);
  const flushSeconds = wholeSeconds(at, 'flushInterval', props.flushInterval, defaults.flushSeconds);

  if (!Array.isArray(props.outputs) || props.outputs.length === 0) {
    throw propError(at, 'outputs', props.outputs ?? null, 'give at least one LogOutput: outputs is required, and a collector with no output drops every record');
  }
  props.outputs.forEach((o, i) => {
    if (!(o instanceof LogOutput)) throw propError(at, `outputs[${i}]`, o ?? null, 'must be a LogOutput, made with a factory such as LogOutput.elasticsearch({...})');
  });
  const outputs = props.outputs.map((o, i) => planOutput(at, i, o._spec, storageType, fluentBit));
  const secretEnv = collectSecretEnv(at, outputs);

  return {
    engine,
    runtime,
    tag,
    kubeTagPrefix,
    excludePaths,
    readFromHead: props.readFromHead ?? true,
    skipLongLines: props.skipLongLines ?? true,
    memBufLimitBytes: bytes(at, 'memBufLimit', props.memBufLimit ?? Size.mebibytes(5)),
    metadata: metadataOn ? {
      mergeLog: m.mergeLog ?? true,
      keepLog: m.keepLog ?? false,
      labels: m.labels ?? true,
      annotations: m.annotations ?? false,
      k8sLoggingParser: m.k8sLoggingParser ?? true,
      k8sLoggingExclude: m.k8sLoggingExclude ?? true,
      useKubelet: m.useKubelet ?? false,
    } : undefined,
    journald: props.journald ? planJournald(at, props, runtime, tag) : undefined,
    parsers: checkParsers(at, props.parsers ?? [], fluentBit),
    stateDirectory,
    storageType,
    storageMaxChunksUp,
    storageBacklogMemLimitBytes: bytes(at, 'storageBacklogMemLimit', props.storageBacklogMemLimit ?? Size.mebibytes(5)),
    flushSeconds,
    logLevel,
    metricsPort,
    outputs,
    secretEnv,
  };
}

/** The collector's own container logs: `<pod>_<namespace>_<container>-<id>.log`, pods named `<daemonset>-<suffix>`. */
function selfExcludePath(self: { name?: string; namespace?: string; containerName: string }): string {
  return `${CONTAINER_LOG_DIR}/${self.name ? `${self.name}-` : ''}*_${self.namespace ?? '*'}_${self.containerName}-*.log`;
}

function planJournald(at: Where, props: LogCollectorDaemonSetProps, runtime: ContainerRuntime, containerTag: string) {
  const j = props.journald!;
  const runtimeUnits: { [runtime: string]: string[] } = {
    'auto': ['containerd.service', 'crio.service', 'docker.service'],
    'containerd': ['containerd.service'],
    'cri-o': ['crio.service'],
    'docker': ['docker.service'],
  };
  const units = j.systemdUnits ?? ['kubelet.service', ...runtimeUnits[runtime.name]];
  if (units.length === 0) throw propError(at, 'journald.systemdUnits', units, 'give at least one unit, or leave journald out');
  units.forEach((u, i) => {
    if (typeof u !== 'string' || !UNIT.test(u)) throw propError(at, `journald.systemdUnits[${i}]`, u, 'must be a systemd unit name such as kubelet.service');
  });
  const tag = j.tag ?? 'host';
  if (typeof tag !== 'string' || !TAG.test(tag)) throw propError(at, 'journald.tag', tag, 'must be dot-separated words of letters, digits, _ and -');
  if (tag === containerTag) throw propError(at, 'journald.tag', tag, 'must differ from the container-log tag, or the kubernetes filter would process journal records');
  return { units, tag, readFromTail: j.readFromTail ?? true };
}

/** Node directories a read-write hostPath must never be: the system itself, or a shared parent of other daemons' state. */
const SYSTEM_DIRS = ['/', '/var', '/var/lib', '/var/log', '/var/run', '/run', '/tmp', '/home', '/opt', '/mnt', '/srv', '/media', '/usr/local'];
/** Node trees a read-write hostPath must not reach into. */
const SYSTEM_TREES = [
  '/etc', '/proc', '/sys', '/dev', '/boot', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/root',
  '/var/lib/kubelet', '/var/lib/containerd', '/var/lib/docker', '/var/lib/etcd', '/var/lib/cni', '/run/containerd',
  '/var/run/containerd', '/run/secrets', '/var/run/secrets',
];

/** The state directory, normalized: a dedicated directory, never a system one (it is mounted read-write into a root container). */
function checkStateDirectory(at: Where, dir: unknown): string {
  assertValid(at, 'stateDirectory', dir, checkSafePath(dir));
  const path = normalizePath(dir as string);
  const tree = SYSTEM_TREES.find(t => path === t || path.startsWith(`${t}/`));
  if (SYSTEM_DIRS.includes(path) || tree) {
    throw propError(at, 'stateDirectory', dir,
      `is mounted read-write into a root container, so it must be a dedicated directory, not ${tree ? `inside the system directory ${tree}` : `the shared directory ${path}`}: use e.g. /var/lib/fluent-bit`);
  }
  return path;
}

/** An environment reference: Fluent Bit `${VAR}`, Fluentd `"#{ENV['VAR']}"`. */
const FLUENT_BIT_ENV = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;
const FLUENTD_ENV = /^"#\{ENV\[['"][A-Za-z_][A-Za-z0-9_]*['"]\]\}"$/;

/** Whether `value` only names an environment variable, in the engine's syntax. @internal */
export function isEnvReference(value: string, fluentBit: boolean): boolean {
  return (fluentBit ? FLUENT_BIT_ENV : FLUENTD_ENV).test(value);
}

/** A string prop that lands in a config file: one line, and for Fluentd without `#{`. */
function checkConfigString(at: Where, prop: string, value: unknown, fluentBit: boolean): string {
  assertValid(at, prop, value, fluentBit ? checkConfigLine(value) : checkFluentdSafe(value));
  return value as string;
}

function checkParsers(at: Where, parsers: LogParser[], fluentBit: boolean): LogParser[] {
  if (!Array.isArray(parsers)) throw propError(at, 'parsers', parsers, 'must be an array of LogParser');
  const names = new Map<string, number>();
  return parsers.map((p, i) => {
    const checked = checkParser(at, i, p, fluentBit);
    const seen = names.get(p.name.toLowerCase());
    if (seen !== undefined) {
      throw propError(at, `parsers[${i}].name`, p.name, `parsers[${seen}] has the same name: parser names must be unique (Fluentd refuses duplicated plugin ids, Fluent Bit keeps one)`);
    }
    names.set(p.name.toLowerCase(), i);
    return checked;
  });
}

const RECORD_KEY = /^[A-Za-z0-9_.@$/-]{1,255}$/;

/**
 * The parsers of the Fluent Bit image's `/fluent-bit/etc/parsers.conf` (5.1.1), which the
 * generated config loads first. Fluent Bit refuses a second parser of the same name (compared
 * case-sensitively: "parser named 'json' already exists") and stops at start.
 */
const FLUENT_BIT_IMAGE_PARSERS = new Set([
  'apache', 'apache2', 'apache_error', 'nginx', 'k8s-nginx-ingress', 'json', 'logfmt', 'docker', 'docker-daemon',
  'syslog-rfc5424', 'syslog-rfc3164-local', 'syslog-rfc3164', 'mongodb', 'envoy', 'istio-envoy-proxy', 'cri', 'kube-custom',
  'kmsg-netfilter-log',
]);

function checkParser(at: Where, i: number, p: LogParser, fluentBit: boolean): LogParser {
  const prop = `parsers[${i}]`;
  if (typeof p !== 'object' || p === null) throw propError(at, prop, p ?? null, 'must be a LogParser object');
  if (typeof p.name !== 'string' || !PARSER_NAME.test(p.name) || p.name.length > 63) {
    throw propError(at, `${prop}.name`, p.name ?? null, 'must be 1 to 63 letters, digits, _ and -');
  }
  if (fluentBit && FLUENT_BIT_IMAGE_PARSERS.has(p.name)) {
    throw propError(at, `${prop}.name`, p.name,
      'the Fluent Bit image\'s parsers.conf already has a parser of this name, and Fluent Bit stops at start on a second one: choose another name (pods select it with the fluentbit.io/parser annotation)');
  }
  if (!Object.values(LogParserFormat).includes(p.format)) throw propError(at, `${prop}.format`, p.format ?? null, 'must be a LogParserFormat');
  if ((p.format === LogParserFormat.REGEX) !== (p.regex !== undefined)) {
    throw propError(at, `${prop}.regex`, p.regex ?? null, 'is required with LogParserFormat.REGEX and only with it');
  }
  if (p.regex !== undefined) {
    checkConfigString(at, `${prop}.regex`, p.regex, fluentBit);
    if (!/\(\?(<[A-Za-z_][A-Za-z0-9_]*>|'[A-Za-z_][A-Za-z0-9_]*')/.test(p.regex)) {
      throw propError(at, `${prop}.regex`, p.regex, 'needs at least one named capture (?<name>...): captures become record fields');
    }
    assertValid(at, `${prop}.regex`, p.regex, checkOnigmoRegex(p.regex));
  }
  if (!fluentBit && p.format === LogParserFormat.LOGFMT) throw propError(at, `${prop}.format`, p.format, 'Fluentd has no built-in logfmt parser');
  if (p.timeKey !== undefined && (typeof p.timeKey !== 'string' || !RECORD_KEY.test(p.timeKey))) {
    throw propError(at, `${prop}.timeKey`, p.timeKey, 'must be a record key: 1 to 255 letters, digits and _ . @ $ / -');
  }
  if (p.timeFormat !== undefined) {
    checkConfigString(at, `${prop}.timeFormat`, p.timeFormat, fluentBit);
    if (p.timeKey === undefined) throw propError(at, `${prop}.timeFormat`, p.timeFormat, 'requires timeKey');
  }
  return p;
}

const DEFAULT_RETRY_LIMIT = 5;
/** The most retries, chunks or similar counts a prop may ask for: far beyond any useful value, and printed without an exponent. */
const MAX_COUNT = 1_000_000;
/** The kinds whose `host` is required. */
const HOST_KINDS = ['elasticsearch', 'opensearch', 'loki', 'forward', 'logstash', 'http'];

function planOutput(at: Where, i: number, spec: OutputSpec, storageType: BufferStorageType, fluentBit: boolean): PlannedOutput {
  const prop = `outputs[${i}]`;
  const retryLimit = spec.retryLimit ?? DEFAULT_RETRY_LIMIT;
  if (checkIntegerInRange(retryLimit, 1, MAX_COUNT)) {
    throw propError(at, `${prop}.retryLimit`, retryLimit, `must be a whole number from 1 to ${MAX_COUNT} (use retryForever for no limit)`);
  }
  const retryForever = spec.retryForever ?? false;
  if (retryForever && spec.retryLimit !== undefined) throw propError(at, `${prop}.retryLimit`, retryLimit, 'cannot be set with retryForever');
  if (retryForever && storageType === BufferStorageType.MEMORY) {
    throw propError(at, `${prop}.retryForever`, true,
      'unbounded retries with a memory buffer: during an outage the buffer fills, inputs pause and every buffered record is lost on restart; use BufferStorageType.FILESYSTEM or a retryLimit');
  }
  if (spec.match !== undefined && (typeof spec.match !== 'string' || !/^[A-Za-z0-9_.*{},-]{1,255}$/.test(spec.match))) {
    throw propError(at, `${prop}.match`, spec.match, 'must be a tag pattern (letters, digits, . _ - * and {a,b})');
  }
  const defaultLimit = storageType === BufferStorageType.MEMORY && !fluentBit ? Size.mebibytes(32) : Size.gibibytes(1);
  checkEndpoint(at, prop, spec, fluentBit);
  checkCredentials(at, prop, spec, fluentBit);
  return {
    spec,
    id: `${spec.kind}-${i}`,
    envPrefix: `OUTPUT_${i}_`,
    match: spec.match,
    retryLimit,
    retryForever,
    totalLimitBytes: bytes(at, `${prop}.totalLimitSize`, spec.totalLimitSize ?? defaultLimit),
  };
}

/** Fluent Bit's s3 output refuses a smaller `total_file_size` ("must be at least 1MB", out_s3/s3.c). */
const S3_MIN_FILE_BYTES = 1_000_000;
/** ...and a larger one with `use_put_object On` (`MAX_FILE_SIZE_PUT_OBJECT`; its message says "50M"). */
const S3_MAX_PUT_OBJECT_BYTES = 1_000_000_000;
const KAFKA_TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
/** Elasticsearch index names: lower case, no `\ / * ? " < > | , #` or space, not starting with `_ - +`, at most 255 bytes. */
const ES_INDEX = /^[a-z0-9][a-z0-9._+-]*$/;
/** Loki tenant IDs: at most 150 of `[A-Za-z0-9!-_.*'()]`, not `.` or `..` (`'` left out: it is Fluentd's quote). */
const LOKI_TENANT = /^[A-Za-z0-9!._*()-]{1,150}$/;
/** A Fluent Bit record accessor, `$key['sub']['key']`, or (Fluentd) `$.key.sub`. */
const FLUENT_BIT_ACCESSOR = /^\$[A-Za-z_][A-Za-z0-9_]*(\['[A-Za-z0-9_./-]+'\])*$/;
const FLUENTD_ACCESSOR = /^\$\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function checkEndpoint(at: Where, prop: string, spec: OutputSpec, fluentBit: boolean): void {
  if (HOST_KINDS.includes(spec.kind) || spec.host !== undefined) {
    if (spec.host === undefined) throw propError(at, `${prop}.host`, null, `is required for a ${spec.kind} output`);
    const reason = checkHostOrIp(spec.host);
    if (reason) throw propError(at, `${prop}.host`, typeof spec.host === 'string' ? redactUserinfo(spec.host) : spec.host, reason);
  }
  if (spec.port !== undefined) checkPortNumber(at, `${prop}.port`, spec.port);
  checkTls(at, prop, spec, fluentBit);
  if (spec.kind === 'kafka') {
    if (!Array.isArray(spec.brokers) || spec.brokers.length === 0) throw propError(at, `${prop}.brokers`, spec.brokers ?? null, 'give at least one host:port broker');
    spec.brokers.forEach((b, j) => {
      const parsed = parseHostPort(b, true);
      if (typeof parsed === 'string') throw propError(at, `${prop}.brokers[${j}]`, typeof b === 'string' ? redactUserinfo(b) : b, parsed);
    });
    if (typeof spec.topic !== 'string' || !KAFKA_TOPIC.test(spec.topic) || spec.topic === '.' || spec.topic === '..') {
      throw propError(at, `${prop}.topic`, spec.topic ?? null, 'must be a Kafka topic name: 1 to 249 letters, digits, ".", "_" or "-", not "." or ".."');
    }
    if (spec.saslMechanism !== undefined && !['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'].includes(spec.saslMechanism)) {
      throw propError(at, `${prop}.saslMechanism`, spec.saslMechanism, 'must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512');
    }
    if (spec.saslMechanism !== undefined && spec.saslUsername === undefined) {
      throw propError(at, `${prop}.saslMechanism`, spec.saslMechanism, 'requires saslUsername and saslPassword: without them no SASL is used');
    }
    if (spec.saslUsername !== undefined && spec.saslPassword === undefined) {
      throw propError(at, `${prop}.saslUsername`, spec.saslUsername, 'requires saslPassword: SASL/PLAIN and SCRAM need both');
    }
  }
  if (spec.kind === 's3') {
    if (typeof spec.bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(spec.bucket) || spec.bucket.includes('..')) {
      throw propError(at, `${prop}.bucket`, spec.bucket ?? null, 'must be an S3 bucket name');
    }
    if (typeof spec.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(spec.region)) throw propError(at, `${prop}.region`, spec.region ?? null, 'must be an AWS region such as eu-west-1');
    if (spec.totalFileSize) bytes(at, `${prop}.totalFileSize`, spec.totalFileSize);
    const fileBytes = s3FileBytes(spec);
    if (fluentBit && (fileBytes < S3_MIN_FILE_BYTES || fileBytes > S3_MAX_PUT_OBJECT_BYTES)) {
      throw propError(at, `${prop}.totalFileSize`, `${fileBytes} bytes`,
        'Fluent Bit\'s s3 output takes 1,000,000 to 1,000,000,000 bytes with use_put_object (which this preset sets), and does not start otherwise');
    }
    if (spec.uploadTimeout) wholeSeconds(at, `${prop}.uploadTimeout`, spec.uploadTimeout, 0, 86400);
  }
  if (spec.uri !== undefined && (typeof spec.uri !== 'string' || !/^\/[A-Za-z0-9._~!$&()*+,;=:@%/?-]*$/.test(spec.uri))) {
    throw propError(at, `${prop}.uri`, spec.uri, 'must be a path starting with /, of URL characters only (no white space, quotes or #)');
  }
  if (spec.index !== undefined && spec.logstashPrefix !== undefined) throw propError(at, `${prop}.logstashPrefix`, spec.logstashPrefix, 'cannot be set with index');
  for (const [k, v, max] of [['index', spec.index, 255], ['logstashPrefix', spec.logstashPrefix, 244]] as Array<[string, string | undefined, number]>) {
    if (v !== undefined && (typeof v !== 'string' || !ES_INDEX.test(v) || v.length > max)) {
      throw propError(at, `${prop}.${k}`, v, `must be an Elasticsearch index name of at most ${max} characters: lower case letters, digits, . _ - +, starting with a letter or digit (no \\ / * ? " < > | , # or space)`);
    }
  }
  if (spec.tenantId !== undefined && (typeof spec.tenantId !== 'string' || !LOKI_TENANT.test(spec.tenantId) || spec.tenantId === '.' || spec.tenantId === '..')) {
    throw propError(at, `${prop}.tenantId`, spec.tenantId, "must be a Loki tenant ID: 1 to 150 letters, digits and ! - _ . * ( ), not '.' or '..'");
  }
  for (const [k, v] of Object.entries(spec.labels ?? {})) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k)) throw propError(at, `${prop}.labels`, k, 'a Loki label name is letters, digits and _');
    const where = `${prop}.labels[${k}]`;
    assertValid(at, where, v, checkConfigLine(v));
    if (v.startsWith('$')) {
      if (!FLUENT_BIT_ACCESSOR.test(v) && (fluentBit || !FLUENTD_ACCESSOR.test(v))) {
        throw propError(at, where, v, `must be a record accessor such as $kubernetes['labels']['app']${fluentBit ? '' : ' or $.kubernetes.labels.app'}, or a static value`);
      }
    } else if (/[,="'\\#{}]/.test(v)) {
      throw propError(at, where, v, 'a static label value must not contain , = quotes, backslashes, # or braces');
    }
  }
}

function checkTls(at: Where, prop: string, spec: OutputSpec, fluentBit: boolean): void {
  const tls = spec.tls;
  if (tls === undefined) return;
  if (typeof tls !== 'object' || tls === null) throw propError(at, `${prop}.tls`, tls, 'must be a LogOutputTls object ({} for defaults)');
  if (tls.caFile !== undefined) assertValid(at, `${prop}.tls.caFile`, tls.caFile, checkSafePath(tls.caFile));
  if (tls.serverName !== undefined) {
    assertValid(at, `${prop}.tls.serverName`, tls.serverName, checkDnsName(tls.serverName));
    if (!fluentBit) {
      throw propError(at, `${prop}.tls.serverName`, tls.serverName,
        "Fluentd's output plugins have no server-name (SNI) setting: connect to a host name the certificate carries instead");
    }
    if (spec.kind === 'kafka') {
      throw propError(at, `${prop}.tls.serverName`, tls.serverName,
        'the Kafka output (librdkafka) has no server-name setting: it checks each broker\'s own name; give broker names the certificates carry');
    }
  }
  if (spec.kind === 's3' || spec.kind === 'stdout') throw propError(at, `${prop}.tls`, tls, `does not apply to a ${spec.kind} output`);
}

function inlineCredential(at: Where, prop: string, value: unknown): Error {
  return propError(at, prop, value,
    'inline credentials end up in the ConfigMap and in git: give the value as a SecretKeySelector (httpUser/httpPasswd, secretHeaders, ...) or as an environment reference');
}

/** Fluent Bit parameter names that are config directives rather than plugin parameters. */
const DIRECTIVES = /^@(include|set)$/i;

function checkCredentials(at: Where, prop: string, spec: OutputSpec, fluentBit: boolean): void {
  const secretHeaderNames = new Set(Object.keys(spec.secretHeaders ?? {}).map(h => h.toLowerCase()));
  const plainNames = new Map<string, string>();
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    assertValid(at, `${prop}.headers`, name, checkHeaderName(name));
    if (isCredentialHeader(name)) throw inlineCredential(at, `${prop}.headers`, name);
    const where = `${prop}.headers[${name}]`;
    assertValid(at, where, value, checkFluentdSafe(value));
    if (/\b(basic|bearer|token|digest)\s+\S/i.test(value)) throw inlineCredential(at, where, '***');
    const lower = name.toLowerCase();
    if (plainNames.has(lower)) throw propError(at, `${prop}.headers`, name, `duplicates the header ${plainNames.get(lower)} (header names are case-insensitive)`);
    plainNames.set(lower, name);
    if (secretHeaderNames.has(lower)) throw propError(at, `${prop}.headers`, name, 'is also in secretHeaders: give each header once');
  }
  for (const name of Object.keys(spec.secretHeaders ?? {})) assertValid(at, `${prop}.secretHeaders`, name, checkHeaderName(name));

  const extra = spec.extraParameters ?? {};
  const seen = new Map<string, string>();
  for (const [name, value] of Object.entries(extra)) {
    if (!/^@?[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name)) throw propError(at, `${prop}.extraParameters`, name, 'a parameter name is letters, digits, _ . and -');
    if (DIRECTIVES.test(name) || (name.startsWith('@') && (fluentBit || name !== '@log_level'))) {
      throw propError(at, `${prop}.extraParameters`, name, `is a config directive or a reserved parameter, not a plugin parameter${fluentBit ? '' : ' (of the @ parameters only @log_level may be given)'}`);
    }
    const lower = name.toLowerCase();
    if (seen.has(lower)) throw propError(at, `${prop}.extraParameters`, name, `duplicates ${seen.get(lower)}: parameter names are compared without case`);
    seen.set(lower, name);
    const where = `${prop}.extraParameters[${name}]`;
    if (typeof value !== 'string') throw propError(at, where, value ?? null, 'must be a string');
    const envRef = isEnvReference(value, fluentBit);
    if (!envRef) {
      checkConfigString(at, where, value, fluentBit);
      if (!fluentBit && /^["']|["']$/.test(value)) {
        throw propError(at, where, value, 'write the value unquoted: it is quoted for Fluentd as needed (only an environment reference "#{ENV[\'VAR\']}" is passed as written)');
      }
    }
    if (isCredentialParameter(name) && !envRef) throw inlineCredential(at, `${prop}.extraParameters`, name);
    if (/^headers?$/i.test(name) && (isCredentialHeader(value.split(/[\s:]/)[0]) || /["{,]\s*"?[A-Za-z-]*(auth|token|key|cookie|secret)/i.test(value))) {
      throw inlineCredential(at, where, '***');
    }
    if (/\b(basic|bearer)\s+\S/i.test(value)) throw inlineCredential(at, where, '***');
    if (/:\/\/[^/\s:@]+:[^/\s@]+@/.test(value)) throw inlineCredential(at, where, redactUserinfo(value));
  }
  const pairs: Array<[string, SecretRef | undefined, string, SecretRef | undefined]> = [
    ['httpUser', spec.httpUser, 'httpPasswd', spec.httpPasswd],
    ['saslUsername', spec.saslUsername, 'saslPassword', spec.saslPassword],
    ['awsAccessKeyId', spec.awsAccessKeyId, 'awsSecretAccessKey', spec.awsSecretAccessKey],
  ];
  for (const [userProp, user, passProp, pass] of pairs) {
    if (pass && !user) throw propError(at, `${prop}.${passProp}`, pass, `requires ${userProp}`);
    if (userProp === 'awsAccessKeyId' && user && !pass) throw propError(at, `${prop}.${userProp}`, user, `requires ${passProp}`);
  }
  if (spec.kind === 'logstash' && spec.protocol === 'tcp' && spec.httpUser) {
    throw propError(at, `${prop}.httpUser`, spec.httpUser, "Logstash's tcp input has no authentication; use LogstashProtocol.HTTP");
  }
}

function redactUserinfo(s: string): string {
  return s.replace(/\/\/[^/@\s]*@/, '//***@').replace(/^[^/@\s]*:[^/@\s]*@/, '***@');
}

/** Every Secret-backed variable, named after its output and field. Secret names and keys are checked here, where they become env. */
function collectSecretEnv(at: Where, outputs: PlannedOutput[]): Array<[string, SecretRef]> {
  const env: Array<[string, SecretRef, string]> = [];
  const add = (prop: string, name: string, ref: SecretRef | undefined) => {
    if (ref === undefined) return;
    if (typeof ref !== 'object' || ref === null) throw propError(at, prop, ref, 'must be a SecretKeySelector object { name, key }');
    if (typeof ref.name !== 'string') throw propError(at, `${prop}.name`, ref.name ?? null, 'is required: the Secret\'s name');
    assertValid(at, `${prop}.name`, ref.name, checkDns1123Subdomain(ref.name));
    if (typeof ref.key !== 'string') throw propError(at, `${prop}.key`, ref.key ?? null, 'is required: the key in the Secret\'s data');
    assertValid(at, `${prop}.key`, ref.key, checkConfigMapKey(ref.key));
    const existing = env.find(([n]) => n === name);
    if (existing && (existing[1].name !== ref.name || existing[1].key !== ref.key)) {
      const rule = name.startsWith('AWS_')
        ? `${name} is already read from another Secret key by ${existing[2]} (one AWS identity per collector)`
        : `${existing[2]} already maps to the environment variable ${name}: header names that differ only in case or punctuation collide`;
      throw propError(at, prop, ref, rule);
    }
    if (!existing) env.push([name, ref, prop]);
  };
  outputs.forEach((o, i) => {
    const s = o.spec;
    const p = `outputs[${i}]`;
    add(`${p}.httpUser`, `${o.envPrefix}HTTP_USER`, s.httpUser);
    add(`${p}.httpPasswd`, `${o.envPrefix}HTTP_PASSWD`, s.httpPasswd);
    add(`${p}.sharedKey`, `${o.envPrefix}SHARED_KEY`, s.sharedKey);
    add(`${p}.saslUsername`, `${o.envPrefix}SASL_USERNAME`, s.saslUsername);
    add(`${p}.saslPassword`, `${o.envPrefix}SASL_PASSWORD`, s.saslPassword);
    add(`${p}.awsAccessKeyId`, 'AWS_ACCESS_KEY_ID', s.awsAccessKeyId);
    add(`${p}.awsSecretAccessKey`, 'AWS_SECRET_ACCESS_KEY', s.awsSecretAccessKey);
    const seenHeaders = new Set<string>();
    Object.keys(s.secretHeaders ?? {}).sort().forEach(h => {
      const envName = secretHeaderEnv(o, h);
      if (seenHeaders.has(envName)) {
        const other = Object.keys(s.secretHeaders!).sort().find(x => x !== h && secretHeaderEnv(o, x) === envName);
        throw propError(at, `${p}.secretHeaders`, h, `maps to the environment variable ${envName}, as does secretHeaders[${other}]: header names that differ only in case or punctuation collide`);
      }
      seenHeaders.add(envName);
      add(`${p}.secretHeaders[${h}]`, envName, s.secretHeaders![h]);
    });
  });
  return env.map(([n, ref]) => [n, ref]);
}

/** The variable holding a secret header's value. @internal */
export function secretHeaderEnv(o: PlannedOutput, header: string): string {
  return `${o.envPrefix}HEADER_${header.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Object size of an S3 output. @internal */
export function s3FileBytes(spec: OutputSpec): number {
  return spec.totalFileSize ? spec.totalFileSize.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024 : 50 * 1024 * 1024;
}

/** Longest wait before an S3 object is uploaded. @internal */
export function s3UploadSeconds(spec: OutputSpec): number {
  return spec.uploadTimeout ? spec.uploadTimeout.toSeconds({ integral: false }) : 600;
}

/** A size in bytes, checked to be a whole positive number of KiB. @internal */
export function bytes(at: Where, prop: string, s: Size): number {
  if (typeof (s as Size | undefined)?.toKibibytes !== 'function') throw propError(at, prop, s ?? null, 'must be a cdk8s Size, e.g. Size.mebibytes(5)');
  const kib = s.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(kib) || kib <= 0 || kib > MAX_KIB) throw propError(at, prop, `${kib} KiB`, 'must be a whole number of KiB from 1 KiB to 1 TiB');
  return kib * 1024;
}

/** 1 TiB: no buffer or object a collector writes comes near it. */
const MAX_KIB = 1024 ** 3;

function wholeSeconds(at: Where, prop: string, d: Duration | undefined, fallback: number, max = 3600): number {
  if (d === undefined) return fallback;
  if (typeof (d as Duration | undefined)?.toSeconds !== 'function') throw propError(at, prop, d, 'must be a cdk8s Duration, e.g. Duration.seconds(5)');
  const s = d.toSeconds({ integral: false });
  if (!Number.isInteger(s) || s < 1 || s > max) throw propError(at, prop, `${s}s`, `must be a whole number of seconds from 1 to ${max}`);
  return s;
}
