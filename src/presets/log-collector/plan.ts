import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { BufferStorageType, ContainerRuntime, LogCollectorEngine, LogParserFormat } from './engine';
import { LogParser } from './inputs';
import { SecretKeySelector } from './output';
import { OutputSpec } from './output-spec';
import { LogCollectorDaemonSetProps } from './props';
import { checkAbsolutePath, checkPortNumber } from '../../container';
import { propError, Where } from '../../internal/errors';
import { checkDns1123Label, checkDns1123Subdomain } from '../../validation/names';

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
  readonly secretEnv: Array<[string, SecretKeySelector]>;
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
  if (!TAG.test(tag)) throw propError(at, 'tag', tag, 'must be dot-separated words of letters, digits, _ and - (no wildcard: `.*` is appended)');
  const kubeTagPrefix = `${tag}.var.log.containers.`;
  if (props.kubeTagPrefix !== undefined) {
    if (!fluentBit) throw propError(at, 'kubeTagPrefix', props.kubeTagPrefix, 'is a Fluent Bit setting; Fluentd reads pod names from the tag with tag_to_kubernetes_name_regexp');
    if (props.kubeTagPrefix !== kubeTagPrefix) {
      throw propError(at, 'kubeTagPrefix', props.kubeTagPrefix,
        `must be "${kubeTagPrefix}" to match the tail input's tag "${tag}.*": otherwise the kubernetes filter finds no pod in the tag and adds no metadata`);
    }
  }
  if (props.dockerDataRoot !== undefined) {
    checkAbsolutePath(at, 'dockerDataRoot', props.dockerDataRoot);
    if (runtime !== ContainerRuntime.DOCKER) throw propError(at, 'dockerDataRoot', props.dockerDataRoot, 'applies to ContainerRuntime.DOCKER only');
  }

  const excludePaths = [selfExcludePath(self)];
  (props.excludeNamespaces ?? []).forEach((ns, i) => {
    const reason = checkDns1123Label(ns);
    if (reason) throw propError(at, `excludeNamespaces[${i}]`, ns, reason);
    excludePaths.push(`${CONTAINER_LOG_DIR}/*_${ns}_*.log`);
  });
  (props.excludePaths ?? []).forEach((p, i) => {
    checkAbsolutePath(at, `excludePaths[${i}]`, p);
    if (/[\s,]/.test(p)) throw propError(at, `excludePaths[${i}]`, p, 'must not contain spaces or commas (the list separator)');
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

  const stateDirectory = props.stateDirectory ?? defaults.stateDirectory;
  checkAbsolutePath(at, 'stateDirectory', stateDirectory);
  if (stateDirectory === '/') throw propError(at, 'stateDirectory', stateDirectory, 'must be a dedicated directory, not the node root');

  const storageType = props.storageType ?? BufferStorageType.FILESYSTEM;
  const storageMaxChunksUp = props.storageMaxChunksUp ?? 32;
  if (!Number.isInteger(storageMaxChunksUp) || storageMaxChunksUp < 1) {
    throw propError(at, 'storageMaxChunksUp', storageMaxChunksUp, 'must be a whole number of at least 1');
  }
  const logLevel = props.logLevel ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw propError(at, 'logLevel', logLevel, `must be one of ${LOG_LEVELS.join(', ')}`);
  const metricsPort = props.metricsPort ?? defaults.metricsPort;
  checkPortNumber(at, 'metricsPort', metricsPort);
  const flushSeconds = wholeSeconds(at, 'flushInterval', props.flushInterval, defaults.flushSeconds);

  if (props.outputs.length === 0) throw propError(at, 'outputs', [], 'give at least one LogOutput: a collector with no output drops every record');
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
    parsers: (props.parsers ?? []).map((p, i) => checkParser(at, i, p, fluentBit)),
    stateDirectory: stateDirectory.replace(/\/+$/, ''),
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
    if (!UNIT.test(u)) throw propError(at, `journald.systemdUnits[${i}]`, u, 'must be a systemd unit name such as kubelet.service');
  });
  const tag = j.tag ?? 'host';
  if (!TAG.test(tag)) throw propError(at, 'journald.tag', tag, 'must be dot-separated words of letters, digits, _ and -');
  if (tag === containerTag) throw propError(at, 'journald.tag', tag, 'must differ from the container-log tag, or the kubernetes filter would process journal records');
  return { units, tag, readFromTail: j.readFromTail ?? true };
}

function checkParser(at: Where, i: number, p: LogParser, fluentBit: boolean): LogParser {
  const prop = `parsers[${i}]`;
  if (!PARSER_NAME.test(p.name)) throw propError(at, `${prop}.name`, p.name, 'must be letters, digits, _ and -');
  if ((p.format === LogParserFormat.REGEX) !== (p.regex !== undefined)) {
    throw propError(at, `${prop}.regex`, p.regex ?? null, 'is required with LogParserFormat.REGEX and only with it');
  }
  if (p.regex !== undefined) {
    if (/[\r\n]/.test(p.regex)) throw propError(at, `${prop}.regex`, p.regex, 'must be one line');
    if (!/\(\?<[A-Za-z_][A-Za-z0-9_]*>/.test(p.regex)) throw propError(at, `${prop}.regex`, p.regex, 'needs at least one named capture (?<name>...): captures become record fields');
  }
  if (!fluentBit && p.format === LogParserFormat.LOGFMT) throw propError(at, `${prop}.format`, p.format, 'Fluentd has no built-in logfmt parser');
  if (p.timeFormat !== undefined && p.timeKey === undefined) throw propError(at, `${prop}.timeFormat`, p.timeFormat, 'requires timeKey');
  return p;
}

const DEFAULT_RETRY_LIMIT = 5;

function planOutput(at: Where, i: number, spec: OutputSpec, storageType: BufferStorageType, fluentBit: boolean): PlannedOutput {
  const prop = `outputs[${i}]`;
  const retryLimit = spec.retryLimit ?? DEFAULT_RETRY_LIMIT;
  if (!Number.isInteger(retryLimit) || retryLimit < 1) throw propError(at, `${prop}.retryLimit`, retryLimit, 'must be a whole number of at least 1 (use retryForever for no limit)');
  const retryForever = spec.retryForever ?? false;
  if (retryForever && spec.retryLimit !== undefined) throw propError(at, `${prop}.retryLimit`, retryLimit, 'cannot be set with retryForever');
  if (retryForever && storageType === BufferStorageType.MEMORY) {
    throw propError(at, `${prop}.retryForever`, true,
      'unbounded retries with a memory buffer: during an outage the buffer fills, inputs pause and every buffered record is lost on restart; use BufferStorageType.FILESYSTEM or a retryLimit');
  }
  if (spec.match !== undefined && !/^[A-Za-z0-9_.*{},-]+$/.test(spec.match)) throw propError(at, `${prop}.match`, spec.match, 'must be a tag pattern (letters, digits, . _ - * and {a,b})');
  const defaultLimit = storageType === BufferStorageType.MEMORY && !fluentBit ? Size.mebibytes(32) : Size.gibibytes(1);
  checkEndpoint(at, prop, spec);
  checkCredentials(at, prop, spec);
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

function checkEndpoint(at: Where, prop: string, spec: OutputSpec): void {
  if (spec.host !== undefined) {
    if (/[@/:\s]/.test(spec.host) || spec.host.length === 0) {
      throw propError(at, `${prop}.host`, redactUserinfo(spec.host),
        'must be a bare host name or IP (no scheme, port, path or user:password@; credentials go in Secret references)');
    }
  }
  if (spec.port !== undefined) checkPortNumber(at, `${prop}.port`, spec.port);
  if (spec.tls?.caFile !== undefined) checkAbsolutePath(at, `${prop}.tls.caFile`, spec.tls.caFile);
  if (spec.kind === 'kafka') {
    if ((spec.brokers ?? []).length === 0) throw propError(at, `${prop}.brokers`, [], 'give at least one host:port broker');
    spec.brokers!.forEach((b, j) => {
      if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(b)) throw propError(at, `${prop}.brokers[${j}]`, redactUserinfo(b), 'must be host:port');
    });
    if (!/^[A-Za-z0-9._-]{1,249}$/.test(spec.topic ?? '')) throw propError(at, `${prop}.topic`, spec.topic, 'must be a Kafka topic name');
    if (spec.saslMechanism !== undefined && !['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'].includes(spec.saslMechanism)) {
      throw propError(at, `${prop}.saslMechanism`, spec.saslMechanism, 'must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512');
    }
  }
  if (spec.kind === 's3') {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(spec.bucket ?? '')) throw propError(at, `${prop}.bucket`, spec.bucket, 'must be an S3 bucket name');
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(spec.region ?? '')) throw propError(at, `${prop}.region`, spec.region, 'must be an AWS region such as eu-west-1');
    if (spec.totalFileSize) bytes(at, `${prop}.totalFileSize`, spec.totalFileSize);
    if (spec.uploadTimeout) wholeSeconds(at, `${prop}.uploadTimeout`, spec.uploadTimeout, 0);
  }
  if (spec.uri !== undefined && !/^\/\S*$/.test(spec.uri)) throw propError(at, `${prop}.uri`, spec.uri, 'must be a path starting with /');
  if (spec.index !== undefined && spec.logstashPrefix !== undefined) throw propError(at, `${prop}.logstashPrefix`, spec.logstashPrefix, 'cannot be set with index');
  for (const [k, v] of Object.entries({ index: spec.index, logstashPrefix: spec.logstashPrefix, tenantId: spec.tenantId })) {
    if (v !== undefined && !/^[A-Za-z0-9._%{}-]+$/.test(v)) throw propError(at, `${prop}.${k}`, v, 'must be one word (letters, digits, . _ - %)');
  }
  for (const [k, v] of Object.entries(spec.labels ?? {})) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k)) throw propError(at, `${prop}.labels`, k, 'a Loki label name is letters, digits and _');
    if (/[,\r\n]/.test(v)) throw propError(at, `${prop}.labels[${k}]`, v, 'must not contain commas or newlines');
  }
}

/** Names of parameters and headers that carry credentials. */
const CREDENTIAL_NAME = /passw|secret|token|api[-_.]?key|shared[-_.]?key|credential|authorization|^auth$|cloud[-_.]auth|aws[-_.](key|sec)|sasl[-_.](username|password)/i;
/** A value that only names an environment variable (Fluent Bit `${VAR}`, Fluentd `#{ENV['VAR']}`). */
const ENV_REFERENCE = /^(\$\{[A-Za-z_][A-Za-z0-9_]*\}|"?#\{ENV\[['"][A-Za-z_][A-Za-z0-9_]*['"]\]\}"?)$/;

function checkCredentials(at: Where, prop: string, spec: OutputSpec): void {
  const inline = (p: string, name: string) => propError(at, p, name,
    'inline credentials end up in the ConfigMap and in git: give the value as a SecretKeySelector (httpUser/httpPasswd, secretHeaders, ...) or as an environment reference');
  for (const [name, value] of Object.entries(spec.headers ?? {})) {
    if (CREDENTIAL_NAME.test(name) || /^(basic|bearer)\s/i.test(value)) throw inline(`${prop}.headers`, name);
    if (/[\r\n"\\]|#\{/.test(value) || /[\s:"]/.test(name)) throw propError(at, `${prop}.headers[${name}]`, value, 'a header name is one token and its value one line without quotes, backslashes or #{');
  }
  for (const [name, value] of Object.entries(spec.extraParameters ?? {})) {
    if (!/^[A-Za-z0-9_.@-]+$/.test(name)) throw propError(at, `${prop}.extraParameters`, name, 'a parameter name is letters, digits, _ . - and @');
    if (/[\r\n]/.test(value)) throw propError(at, `${prop}.extraParameters[${name}]`, value, 'must be one line');
    if (CREDENTIAL_NAME.test(name) && !ENV_REFERENCE.test(value.trim())) throw inline(`${prop}.extraParameters`, name);
    if (/:\/\/[^/\s:@]+:[^/\s@]+@/.test(value)) throw inline(`${prop}.extraParameters[${name}]`, redactUserinfo(value));
  }
  const pairs: Array<[string, SecretKeySelector | undefined, string, SecretKeySelector | undefined]> = [
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
function collectSecretEnv(at: Where, outputs: PlannedOutput[]): Array<[string, SecretKeySelector]> {
  const env: Array<[string, SecretKeySelector]> = [];
  const add = (prop: string, name: string, ref: SecretKeySelector | undefined) => {
    if (!ref) return;
    const reason = checkDns1123Subdomain(ref.name);
    if (reason) throw propError(at, `${prop}.name`, ref.name, reason);
    if (!/^[-._a-zA-Z0-9]+$/.test(ref.key)) throw propError(at, `${prop}.key`, ref.key, 'a Secret key is letters, digits, -, _ and .');
    const existing = env.find(([n]) => n === name);
    if (existing && (existing[1].name !== ref.name || existing[1].key !== ref.key)) {
      throw propError(at, prop, ref, `${name} is already read from another Secret key (one AWS identity per collector)`);
    }
    if (!existing) env.push([name, ref]);
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
    Object.keys(s.secretHeaders ?? {}).sort().forEach(h => {
      if (/[\s:]/.test(h)) throw propError(at, `${p}.secretHeaders`, h, 'a header name is one token');
      add(`${p}.secretHeaders[${h}]`, secretHeaderEnv(o, h), s.secretHeaders![h]);
    });
  });
  return env;
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
  const kib = s.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(kib) || kib <= 0) throw propError(at, prop, kib, 'must be a whole, positive number of KiB');
  return kib * 1024;
}

function wholeSeconds(at: Where, prop: string, d: Duration | undefined, fallback: number): number {
  if (d === undefined) return fallback;
  const s = d.toSeconds({ integral: false });
  if (!Number.isInteger(s) || s < 1) throw propError(at, prop, s, 'must be a whole number of seconds, at least 1');
  return s;
}

/** `5M`, `1G`, `512K`: the largest whole binary unit, as both engines read sizes (×1024). @internal */
export function sizeString(n: number, units: [string, string, string] = ['K', 'M', 'G']): string {
  const [k, m, g] = units;
  if (n % (1024 ** 3) === 0) return `${n / 1024 ** 3}${g}`;
  if (n % (1024 ** 2) === 0) return `${n / 1024 ** 2}${m}`;
  return `${n / 1024}${k}`;
}
