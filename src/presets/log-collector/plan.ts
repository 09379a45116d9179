import { Size } from 'cdk8s';
import { BufferStorageType, ContainerRuntime, LogCollectorEngine, LogParserFormat } from './engine';
import { FluentBitOptions } from './fluent-bit/options';
import { FluentBitPlan, inputSecrets, planFluentBit } from './fluent-bit/pipeline';
import { LogParser } from './inputs';
import { LogOutput } from './output';
import { inlineCredential, OutputCheck, OutputSecret, PlannedOutput, SECRET_THROUGH_ENV } from './outputs/plugin';
import { SecretKeySelector as SecretRef } from './outputs/shared';
import { LogCollectorDaemonSetProps } from './props';
import { bytes, checkConfigString, isEnvReference, MAX_COUNT, wholeSeconds } from './values';
import { checkPortNumber } from '../../container';
import { assertValid, propError, Where } from '../../internal/errors';
import { inlineCredentialIn, knownSecret } from '../../internal/redact';
import { plainProps } from '../../internal/shape';
import { checkConfigMapKey, checkDns1123Label, checkDns1123Subdomain } from '../../validation';
import { checkIntegerInRange, checkOnigmoRegex, checkSafePath, isCredentialHeader, isCredentialParameter, normalizePath } from '../config-values';

/** Where the `/var/log/containers` symlinks live; the kubernetes filter reads pod names from these file names. */
export const CONTAINER_LOG_DIR = '/var/log/containers';
const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'trace'];
const TAG = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const PARSER_NAME = /^[A-Za-z0-9_-]+$/;
const UNIT = /^[A-Za-z0-9@:._\\-]+$/;

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
  /** What only Fluent Bit has: filters, inputs, raw sections, config handling. */
  readonly fluentBit?: FluentBitPlan;
  /** Fluentd's `flush_thread_count`. */
  readonly flushThreadCount?: number;
  /** Environment variable → Secret key and the prop that gave it (`outputs[0].httpPasswd`), in a stable order. */
  readonly secretEnv: Array<[string, SecretRef, string]>;
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
  if (!(engine instanceof LogCollectorEngine)) throw propError(at, 'engine', engine, 'must be LogCollectorEngine.fluentBit(), .fluentd(), FLUENT_BIT or FLUENTD');
  const fb = engine._fluentBit;
  const fluentBit = fb !== undefined;
  const runtime = props.containerRuntime ?? ContainerRuntime.AUTO;
  if (fb?.existingConfigMap !== undefined) refuseWithExistingConfig(at, props, fb);

  const tag = props.tag ?? defaults.tag;
  if (typeof tag !== 'string' || !TAG.test(tag)) throw propError(at, 'tag', tag, 'must be dot-separated words of letters, digits, _ and - (no wildcard: `.*` is appended)');
  const kubeTagPrefix = `${tag}.var.log.containers.`;
  if (fb?.kubeTagPrefix !== undefined) {
    if (fb.kubeTagPrefix !== kubeTagPrefix) {
      throw propError(at, 'engine.kubeTagPrefix', fb.kubeTagPrefix,
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
  const k = fb?.kubernetesFilter ?? {};
  if (!metadataOn && fb?.kubernetesFilter !== undefined) {
    throw propError(at, 'engine.kubernetesFilter', fb.kubernetesFilter, 'configures the kubernetes filter, which kubernetesMetadata.enabled false turns off');
  }

  const stateDirectory = checkStateDirectory(at, props.stateDirectory ?? defaults.stateDirectory);

  const storageType = props.storageType ?? BufferStorageType.FILESYSTEM;
  const storageMaxChunksUp = fb?.storageMaxChunksUp ?? 32;
  assertValid(at, 'engine.storageMaxChunksUp', storageMaxChunksUp, checkIntegerInRange(storageMaxChunksUp, 1, MAX_COUNT));
  const logLevel = props.logLevel ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw propError(at, 'logLevel', logLevel, `must be one of ${LOG_LEVELS.join(', ')}`);
  const metricsPort = props.metricsPort ?? defaults.metricsPort;
  checkPortNumber(at, 'metricsPort', metricsPort);
  const flushSeconds = wholeSeconds(at, 'flushInterval', props.flushInterval, defaults.flushSeconds);

  if (fb?.existingConfigMap !== undefined) {
    if (!Array.isArray(props.outputs) || props.outputs.length > 0) {
      throw propError(at, 'outputs', props.outputs?.length ?? null, 'must be empty with engine.existingConfigMap: the outputs are in your configuration');
    }
  } else if (!Array.isArray(props.outputs) || props.outputs.length === 0) {
    throw propError(at, 'outputs', props.outputs ?? null, 'give at least one LogOutput: outputs is required, and a collector with no output drops every record');
  }
  props.outputs.forEach((o, i) => {
    if (!(o instanceof LogOutput)) throw propError(at, `outputs[${i}]`, o ?? null, 'must be a LogOutput, made with a factory such as LogOutput.elasticsearch({...})');
  });
  const outputs = props.outputs.map((o, i) => planOutput(at, i, o, storageType, fluentBit));
  const fluentBitPlan = fb ? planFluentBit(at, fb, `${tag}.*`, metricsPort) : undefined;
  const secretEnv = collectSecretEnv(at, [
    ...outputs.flatMap((o, i) => o.plugin.secrets(o).map(([field, name, ref]) => [`outputs[${i}].${field}`, name, ref] as OutputSecret)),
    ...fluentBitPlan ? inputSecrets(fluentBitPlan) : [],
  ]);
  const flushThreadCount = engine._fluentd?.flushThreadCount;
  if (flushThreadCount !== undefined) assertValid(at, 'engine.flushThreadCount', flushThreadCount, checkIntegerInRange(flushThreadCount, 1, 64));

  return {
    engine,
    runtime,
    tag,
    kubeTagPrefix,
    excludePaths,
    readFromHead: props.readFromHead ?? true,
    skipLongLines: fb?.skipLongLines ?? true,
    memBufLimitBytes: bytes(at, 'engine.memBufLimit', fb?.memBufLimit ?? Size.mebibytes(5)),
    metadata: metadataOn ? {
      mergeLog: m.mergeLog ?? true,
      keepLog: m.keepLog ?? false,
      labels: m.labels ?? true,
      annotations: k.annotations ?? false,
      k8sLoggingParser: k.k8sLoggingParser ?? true,
      k8sLoggingExclude: k.k8sLoggingExclude ?? true,
      useKubelet: k.useKubelet ?? false,
    } : undefined,
    journald: props.journald ? planJournald(at, props, runtime, tag) : undefined,
    parsers: checkParsers(at, props.parsers ?? [], fluentBit),
    stateDirectory,
    storageType,
    storageMaxChunksUp,
    storageBacklogMemLimitBytes: bytes(at, 'engine.storageBacklogMemLimit', fb?.storageBacklogMemLimit ?? Size.mebibytes(5)),
    flushSeconds,
    logLevel,
    metricsPort,
    outputs,
    fluentBit: fluentBitPlan,
    flushThreadCount,
    secretEnv,
  };
}

/** With a ConfigMap of the user's, the props that only shape the generated configuration would silently do nothing. */
function refuseWithExistingConfig(at: Where, props: LogCollectorDaemonSetProps, fb: FluentBitOptions): void {
  const generatedOnly: Array<[string, unknown]> = [
    ['tag', props.tag], ['excludeNamespaces', props.excludeNamespaces], ['excludePaths', props.excludePaths],
    ['readFromHead', props.readFromHead], ['parsers', props.parsers], ['storageType', props.storageType],
    ['flushInterval', props.flushInterval], ['logLevel', props.logLevel],
    ['engine.kubeTagPrefix', fb.kubeTagPrefix], ['engine.skipLongLines', fb.skipLongLines], ['engine.memBufLimit', fb.memBufLimit],
    ['engine.storageMaxChunksUp', fb.storageMaxChunksUp], ['engine.storageBacklogMemLimit', fb.storageBacklogMemLimit],
    ['engine.filters', fb.filters], ['engine.inputs', fb.inputs], ['engine.rawConfig', fb.rawConfig],
    ['kubernetesMetadata.mergeLog', props.kubernetesMetadata?.mergeLog], ['kubernetesMetadata.keepLog', props.kubernetesMetadata?.keepLog],
    ['kubernetesMetadata.labels', props.kubernetesMetadata?.labels],
  ];
  for (const [prop, value] of generatedOnly) {
    if (value !== undefined) {
      throw propError(at, prop, typeof value === 'object' ? '(given)' : value,
        'only shapes the generated configuration, and engine.existingConfigMap replaces it: set it in your ConfigMap instead');
    }
  }
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

/** What every output shares, checked here; the rest by the output's kind. */
function planOutput(at: Where, i: number, output: LogOutput, storageType: BufferStorageType, fluentBit: boolean): PlannedOutput {
  const prop = `outputs[${i}]`;
  const plugin = output._plugin;
  plainProps(at, plugin.options, prop);
  const shared = plugin.options;
  const retryLimit = shared.retryLimit ?? DEFAULT_RETRY_LIMIT;
  if (checkIntegerInRange(retryLimit, 1, MAX_COUNT)) {
    throw propError(at, `${prop}.retryLimit`, retryLimit, `must be a whole number from 1 to ${MAX_COUNT} (use retryForever for no limit)`);
  }
  const retryForever = shared.retryForever ?? false;
  if (retryForever && shared.retryLimit !== undefined) throw propError(at, `${prop}.retryLimit`, retryLimit, 'cannot be set with retryForever');
  if (retryForever && storageType === BufferStorageType.MEMORY) {
    throw propError(at, `${prop}.retryForever`, true,
      'unbounded retries with a memory buffer: during an outage the buffer fills, inputs pause and every buffered record is lost on restart; use BufferStorageType.FILESYSTEM or a retryLimit');
  }
  if (shared.match !== undefined && (typeof shared.match !== 'string' || !/^[A-Za-z0-9_.*{},-]{1,255}$/.test(shared.match))) {
    throw propError(at, `${prop}.match`, shared.match, 'must be a tag pattern (letters, digits, . _ - * and {a,b})');
  }
  const defaultLimit = storageType === BufferStorageType.MEMORY && !fluentBit ? Size.mebibytes(32) : Size.gibibytes(1);
  const check: OutputCheck = { at, prop, envPrefix: `OUTPUT_${i}_`, fluentBit };
  plugin.check(check);
  checkExtraParameters(check, shared.extraParameters ?? {});
  return {
    plugin,
    id: `${plugin.kind}-${i}`,
    envPrefix: check.envPrefix,
    match: shared.match,
    retryLimit,
    retryForever,
    totalLimitBytes: bytes(at, `${prop}.totalLimitSize`, shared.totalLimitSize ?? defaultLimit),
  };
}

/** Fluent Bit parameter names that are config directives rather than plugin parameters. */
const DIRECTIVES = /^@(include|set)$/i;

/** Parameters the typed options do not cover: one line each, no directive, no credential written into the config. */
function checkExtraParameters(c: OutputCheck, extra: { [name: string]: string }): void {
  const { at, prop, fluentBit } = c;
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
    // Before the format checks, so a credential is refused as one (and its value shown masked) whatever else is wrong with it.
    if (isCredentialParameter(name) && !envRef) throw inlineCredential(c, where, knownSecret(value), `the parameter ${name}`, SECRET_THROUGH_ENV);
    if (/^headers?$/i.test(name) && isCredentialHeader(value.split(/[\s:]/)[0])) {
      throw inlineCredential(c, where, knownSecret(value), 'an authentication header', SECRET_THROUGH_ENV);
    }
    const carrier = inlineCredentialIn(value);
    if (carrier) throw inlineCredential(c, where, value, carrier, SECRET_THROUGH_ENV);
    if (!envRef) {
      checkConfigString(at, where, value, fluentBit);
      if (!fluentBit && /^["']|["']$/.test(value)) {
        throw propError(at, where, value, 'write the value unquoted: it is quoted for Fluentd as needed (only an environment reference "#{ENV[\'VAR\']}" is passed as written)');
      }
    }
  }
}

/** Every Secret-backed variable, named after its output and field. Secret names and keys are checked here, where they become env. */
function collectSecretEnv(at: Where, secrets: OutputSecret[]): Array<[string, SecretRef, string]> {
  const env: Array<[string, SecretRef, string]> = [];
  secrets.forEach(([prop, name, ref]) => {
    if (ref === undefined) return;
    if (typeof ref !== 'object' || ref === null) {
      throw propError(at, prop, knownSecret(ref), 'must be a SecretKeySelector { name, key } naming the Secret and the key that hold the value, never the value itself');
    }
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
  });
  return env;
}
