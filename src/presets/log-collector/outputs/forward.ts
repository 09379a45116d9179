import { checkEndpoint, checkTls, fluentBitEnv, fluentBitTls, fluentdEnv, OutputPlugin, PlannedOutput } from './plugin';
import { LogOutputOptions, LogOutputTls, SecretKeySelector } from './shared';
import { FluentdBlock as Block } from '../conf-text';

/**
 * A Fluent forward-protocol output, to a Fluentd or Fluent Bit aggregator.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs/forward
 * @see https://docs.fluentd.org/output/forward
 */
export interface ForwardOutputOptions extends LogOutputOptions {
  /** Host name or IP of the aggregator. */
  readonly host: string;
  /**
   * TCP port.
   *
   * @default 24224
   */
  readonly port?: number;
  /**
   * The shared key of the forward protocol's authentication (`Shared_Key`, `<security>
   * shared_key`). Use it with `tls`: the key authenticates, it does not encrypt.
   *
   * @default - no authentication
   */
  readonly sharedKey?: SecretKeySelector;
  /**
   * TLS.
   *
   * @default - plain TCP
   */
  readonly tls?: LogOutputTls;
}

/** A Fluentd aggregator or Fluent Bit over the forward protocol (`forward`). @internal */
export function forwardOutput(options: ForwardOutputOptions): OutputPlugin {
  return {
    kind: 'forward',
    options,
    check: c => {
      checkEndpoint(c, 'forward', options.host, options.port);
      checkTls(c, 'forward', options.tls);
    },
    secrets: o => [['sharedKey', `${o.envPrefix}SHARED_KEY`, options.sharedKey]],
    fluentBit: (_plan, o) => [
      ['Name', 'forward'], ['Host', options.host], ['Port', options.port ?? 24224],
      ['Shared_Key', options.sharedKey ? fluentBitEnv(`${o.envPrefix}SHARED_KEY`) : undefined],
      ['Self_Hostname', options.sharedKey ? fluentBitEnv('NODE_NAME') : undefined],
      ...fluentBitTls(options.tls),
    ],
    fluentd: (_plan, o, b) => forwardTo(o, b, { ...options, port: options.port ?? 24224 }),
  };
}

/** Fluentd's `forward` output to one server: the forward output, and Logstash's `tcp` input with the `fluent` codec. @internal */
export function forwardTo(o: PlannedOutput, b: Block, to: { host: string; port: number; tls?: LogOutputTls; sharedKey?: SecretKeySelector }): Block {
  b.param('@type', 'forward')
    .param('transport', to.tls ? 'tls' : undefined)
    .param('tls_cert_path', to.tls?.caFile)
    .param('tls_insecure_mode', to.tls && to.tls.verify === false ? true : undefined);
  if (to.sharedKey) {
    b.section(new Block('security').param('self_hostname', fluentdEnv('NODE_NAME')).param('shared_key', fluentdEnv(`${o.envPrefix}SHARED_KEY`)));
  }
  return b.section(new Block('server').param('host', to.host).param('port', to.port));
}
