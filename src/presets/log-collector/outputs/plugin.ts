/**
 * The interface every output kind implements (one module per kind: its options, checks, and its
 * Fluent Bit and Fluentd rendering), and the checks and config entries several kinds share.
 * @internal
 */
import { LogOutputOptions, LogOutputTls, SecretKeySelector } from './shared';
import { checkPortNumber } from '../../../container';
import { assertValid, propError, Where } from '../../../internal/errors';
import { checkDnsName, checkHostOrIp, checkSafePath } from '../../config-values';
import { FluentdBlock, onOff } from '../conf-text';
import type { CollectorPlan } from '../plan';

/** `key value` lines of a Fluent Bit section; an undefined value leaves its line out. @internal */
export type Entries = Array<[string, string | number | undefined]>;

/** Where a kind's checks point, and which engine reads the result. @internal */
export interface OutputCheck {
  readonly at: Where;
  /** The output's prop, `outputs[<index>]`. */
  readonly prop: string;
  /** `OUTPUT_<index>_`: prefix of the output's environment variables. */
  readonly envPrefix: string;
  readonly fluentBit: boolean;
}

/** A Secret-backed environment variable of an output: the prop it comes from, the variable, the Secret key. @internal */
export type OutputSecret = [prop: string, envName: string, ref: SecretKeySelector | undefined];

/** One output, checked, with what every output shares resolved. @internal */
export interface PlannedOutput {
  readonly plugin: OutputPlugin;
  /** `<kind>-<index>`: Fluent Bit `Alias`, Fluentd `@id`, and the buffer directory name. */
  readonly id: string;
  /** `OUTPUT_<index>_`: prefix of this output's environment variables. */
  readonly envPrefix: string;
  readonly match?: string;
  readonly retryLimit: number;
  readonly retryForever: boolean;
  readonly totalLimitBytes: number;
}

/**
 * An output kind, bound to the options the user gave. The plan checks what every output shares
 * (match, retries, limits, extra parameters) and asks the kind for the rest.
 * @internal
 */
export interface OutputPlugin {
  /** `elasticsearch`, `loki`, ...: `LogOutput.kind`, and the prefix of the output's id. */
  readonly kind: string;
  /** The options every kind shares. */
  readonly options: LogOutputOptions;
  /**
   * The fluentd-kubernetes-daemonset image variant that has the Fluentd plugin; undefined for a
   * core plugin (any variant has it), null when no variant has it.
   */
  readonly fluentdVariant?: string | null;
  /** The plugin buffers in its own directory: no `storage.total_limit_size`. */
  readonly fluentBitOwnBuffer?: boolean;
  /**
   * How Fluentd buffers this output: undefined for chunks flushed every `flushInterval`, `null`
   * for no buffer, or the chunk keys and flush parameters of a time-sliced buffer.
   */
  readonly fluentdBuffer?: { readonly chunkKeys: string; flush(o: PlannedOutput, b: FluentdBlock): FluentdBlock } | null;
  /** Checks the kind's own options (throws `propError`). */
  check(c: OutputCheck): void;
  /** The Secret-backed variables, in a stable order. */
  secrets(o: PlannedOutput): OutputSecret[];
  /** The `[OUTPUT]` entries from `Name` on (Alias, Match, retries and limits are added around them). */
  fluentBit(plan: CollectorPlan, o: PlannedOutput): Entries;
  /** Paths the Fluent Bit plugin writes itself, besides the engine's storage: `[what, path]`. */
  fluentBitWritablePaths?(plan: CollectorPlan, o: PlannedOutput): Array<[string, string]>;
  /** Fills the Fluentd `<match>` or `<store>` block from `@type` on. */
  fluentd(plan: CollectorPlan, o: PlannedOutput, b: FluentdBlock): FluentdBlock;
}

/** A host name or IP an output connects to (required), and its port when given. @internal */
export function checkEndpoint(c: OutputCheck, kind: string, host: unknown, port: number | undefined): void {
  if (host === undefined) throw propError(c.at, `${c.prop}.host`, null, `is required for a ${kind} output`);
  const reason = checkHostOrIp(host);
  if (reason) throw propError(c.at, `${c.prop}.host`, host, reason);
  if (port !== undefined) checkPortNumber(c.at, `${c.prop}.port`, port);
}

/** The TLS options; `serverName` only where the engine and the kind can send one. @internal */
export function checkTls(c: OutputCheck, kind: string, tls: LogOutputTls | undefined): void {
  if (tls === undefined) return;
  if (typeof tls !== 'object' || tls === null) throw propError(c.at, `${c.prop}.tls`, tls, 'must be a LogOutputTls object ({} for defaults)');
  if (tls.caFile !== undefined) assertValid(c.at, `${c.prop}.tls.caFile`, tls.caFile, checkSafePath(tls.caFile));
  if (tls.serverName !== undefined) {
    assertValid(c.at, `${c.prop}.tls.serverName`, tls.serverName, checkDnsName(tls.serverName));
    if (!c.fluentBit) {
      throw propError(c.at, `${c.prop}.tls.serverName`, tls.serverName,
        "Fluentd's output plugins have no server-name (SNI) setting: connect to a host name the certificate carries instead");
    }
    if (kind === 'kafka') {
      throw propError(c.at, `${c.prop}.tls.serverName`, tls.serverName,
        'the Kafka output (librdkafka) has no server-name setting: it checks each broker\'s own name; give broker names the certificates carry');
    }
  }
}

/** A kind without TLS settings refuses a `tls` a JavaScript caller passed anyway. @internal */
export function refuseTls(c: OutputCheck, kind: string, options: object): void {
  const tls = (options as { tls?: unknown }).tls;
  if (tls !== undefined) throw propError(c.at, `${c.prop}.tls`, tls, `does not apply to a ${kind} output`);
}

/** How a Fluent Bit or Fluentd parameter reads a Secret instead: through the container's environment. @internal */
export const SECRET_THROUGH_ENV = 'put it in a Secret, pass it as an environment variable (envVariables with kplus.EnvValue.fromSecretValue) '
  + 'and refer to it as ${VAR} (Fluent Bit) or "#{ENV[\'VAR\']}" (Fluentd)';

/**
 * The error for a credential written into a prop that lands in the ConfigMap (and so in git and
 * in every `kubectl get configmap`): names what carries it and the Secret reference to use instead.
 * `value` is shown with its credential parts masked: a value refused for its name is passed as a `knownSecret`. @internal
 */
export function inlineCredential(c: OutputCheck, prop: string, value: unknown, carrier: string, alternative: string): Error {
  return propError(c.at, prop, value, `carries a credential inline (${carrier}), which would be written into the ConfigMap: ${alternative}`);
}

/** A password without its user. @internal */
export function checkCredentialPair(c: OutputCheck, userProp: string, user: unknown, passProp: string, pass: unknown): void {
  if (pass && !user) throw propError(c.at, `${c.prop}.${passProp}`, pass, `requires ${userProp}`);
}

/** `${VAR}`: how Fluent Bit reads a variable. @internal */
export const fluentBitEnv = (name: string) => `\${${name}}`;
/** `"#{ENV['VAR']}"`: how Fluentd reads a variable. @internal */
export const fluentdEnv = (name: string) => `"#{ENV['${name}']}"`;

/** Fluent Bit's `tls.*` entries. @internal */
export function fluentBitTls(tls: LogOutputTls | undefined): Entries {
  if (!tls) return [];
  return [
    ['tls', 'On'],
    ['tls.verify', onOff(tls.verify ?? true)],
    ['tls.ca_file', tls.caFile],
    ['tls.vhost', tls.serverName],
  ];
}

/** Basic auth of an HTTP-based Fluent Bit output, read from the output's variables. @internal */
export function fluentBitBasicAuth(o: PlannedOutput, user?: SecretKeySelector, pass?: SecretKeySelector): Entries {
  return [
    ['HTTP_User', user ? fluentBitEnv(`${o.envPrefix}HTTP_USER`) : undefined],
    ['HTTP_Passwd', pass ? fluentBitEnv(`${o.envPrefix}HTTP_PASSWD`) : undefined],
  ];
}

/** The variables of basic-auth credentials. @internal */
export function basicAuthSecrets(o: PlannedOutput, user?: SecretKeySelector, pass?: SecretKeySelector): OutputSecret[] {
  return [['httpUser', `${o.envPrefix}HTTP_USER`, user], ['httpPasswd', `${o.envPrefix}HTTP_PASSWD`, pass]];
}

/** `https` with TLS, else `http`. @internal */
export function scheme(tls: LogOutputTls | undefined): string {
  return tls ? 'https' : 'http';
}
