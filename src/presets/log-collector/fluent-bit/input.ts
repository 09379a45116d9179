import { checkPortNumber } from '../../../container';
import { propError, Where } from '../../../internal/errors';
import { kplus } from '../../../internal/kplus-adapter';
import type { Entries } from '../outputs/plugin';
import { SecretKeySelector } from '../outputs/shared';

/**
 * Options every extra input shares.
 */
export interface FluentBitInputOptions {
  /**
   * The port it listens on, in the pod (and on the node with `hostPort`).
   *
   * @default - the input's usual port: 24224 forward, 9880 http, 5140 syslog
   */
  readonly port?: number;
  /**
   * The tag of its records (`Tag`), which outputs' `match` select.
   *
   * @default - forward: the senders' own tags; http: the request path; syslog: `syslog`
   */
  readonly tag?: string;
  /**
   * Also bind the port on the node (`hostPort`), so a pod can send to its own node's collector
   * at the downward API's `status.hostIP`. Otherwise reach it through the Service (set
   * `service: { headless: false, internalTrafficPolicy: LOCAL }` for node-local delivery).
   *
   * @default false
   */
  readonly hostPort?: boolean;
}

/**
 * Options of a `forward` input (the Fluent forward protocol, from Fluentd, Fluent Bit or a
 * logging library).
 */
export interface FluentBitForwardInputOptions extends FluentBitInputOptions {
  /**
   * The shared key senders authenticate with (`Shared_Key`), from a Secret.
   *
   * @default - no authentication
   */
  readonly sharedKey?: SecretKeySelector;
}

/**
 * Options of a `syslog` input.
 */
export interface FluentBitSyslogInputOptions extends FluentBitInputOptions {
  /**
   * Listen on UDP instead of TCP (`Mode udp`).
   *
   * @default false
   */
  readonly udp?: boolean;
  /**
   * The parser of the messages (`Parser`): `syslog-rfc5424`, `syslog-rfc3164`, or a custom parser's name.
   *
   * @default 'syslog-rfc5424'
   */
  readonly parser?: string;
}

/** A Fluent Bit input beside the container logs, as the pipeline renders it. @internal */
export interface InputPlugin {
  readonly name: string;
  readonly options: FluentBitInputOptions;
  readonly defaultPort: number;
  readonly protocol: kplus.Protocol;
  /** The container port's name: at most 15 characters. */
  readonly portName: string;
  readonly defaultTag?: string;
  /** The Secret-backed variable, for a forward input's shared key. */
  readonly secret?: SecretKeySelector;
  /** The parser the input names, checked against the known ones. */
  readonly parser?: string;
  entries(envPrefix: string): Entries;
}

/**
 * An input the collector listens on besides the container logs, with its container port and
 * Service port.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/inputs
 */
export class FluentBitInput {
  /** The forward protocol (`forward`), on TCP 24224 by default. */
  public static forward(options: FluentBitForwardInputOptions = {}): FluentBitInput {
    return new FluentBitInput({
      name: 'forward',
      options: { ...options },
      defaultPort: 24224,
      protocol: kplus.Protocol.TCP,
      portName: 'forward',
      secret: options.sharedKey,
      entries: prefix => [['Shared_Key', options.sharedKey ? `\${${prefix}SHARED_KEY}` : undefined]],
    });
  }

  /** JSON over HTTP (`http`), on TCP 9880 by default: `POST /<tag>`. */
  public static http(options: FluentBitInputOptions = {}): FluentBitInput {
    return new FluentBitInput({ name: 'http', options: { ...options }, defaultPort: 9880, protocol: kplus.Protocol.TCP, portName: 'http-input', entries: () => [] });
  }

  /** Syslog over TCP (or UDP), on 5140 by default (`syslog`). */
  public static syslog(options: FluentBitSyslogInputOptions = {}): FluentBitInput {
    const udp = options.udp ?? false;
    const parser = options.parser ?? 'syslog-rfc5424';
    return new FluentBitInput({
      name: 'syslog',
      options: { ...options },
      defaultPort: 5140,
      protocol: udp ? kplus.Protocol.UDP : kplus.Protocol.TCP,
      portName: udp ? 'syslog-udp' : 'syslog-tcp',
      defaultTag: 'syslog',
      parser,
      entries: () => [['Mode', udp ? 'udp' : 'tcp'], ['Parser', parser]],
    });
  }

  /** The Fluent Bit plugin: `forward`, `http` or `syslog`. */
  public readonly name: string;

  private constructor(private readonly plugin: InputPlugin) {
    this.name = plugin.name;
  }

  /** @internal */
  public get _plugin(): InputPlugin {
    return this.plugin;
  }
}

const TAG = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** An input's port, tag and flags, checked. @internal */
export function checkInput(at: Where, prop: string, input: FluentBitInput): { port: number; tag?: string } {
  if (!(input instanceof FluentBitInput)) throw propError(at, prop, input ?? null, 'must be made by FluentBitInput.forward(), .http() or .syslog()');
  const p = input._plugin;
  const port = p.options.port ?? p.defaultPort;
  checkPortNumber(at, `${prop}.port`, port);
  const tag = p.options.tag ?? p.defaultTag;
  if (tag !== undefined && (typeof tag !== 'string' || !TAG.test(tag))) throw propError(at, `${prop}.tag`, tag, 'must be dot-separated words of letters, digits, _ and -');
  if (p.options.hostPort !== undefined && typeof p.options.hostPort !== 'boolean') throw propError(at, `${prop}.hostPort`, p.options.hostPort, 'must be true or false');
  return { port, tag };
}
