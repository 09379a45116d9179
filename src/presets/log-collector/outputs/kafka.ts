import { checkCredentialPair, checkTls, Entries, fluentBitEnv, fluentdEnv, OutputPlugin, PlannedOutput } from './plugin';
import { LogOutputOptions, LogOutputTls, SecretKeySelector } from './shared';
import { propError } from '../../../internal/errors';
import { parseHostPort } from '../../config-values';
import { FluentdBlock as Block } from '../conf-text';

/**
 * An Apache Kafka output (Fluentd: the `kafka2` image variant).
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs/kafka
 * @see https://github.com/fluent/fluent-plugin-kafka#output-plugin
 */
export interface KafkaOutputOptions extends LogOutputOptions {
  /** Bootstrap brokers, each `host:port` or `[ipv6]:port`, the port from 1 to 65535. */
  readonly brokers: string[];
  /** The topic records are written to: 1 to 249 of `[a-zA-Z0-9._-]`, not `.` or `..`. */
  readonly topic: string;
  /**
   * SASL user (SASL/PLAIN, or SCRAM with `saslMechanism`). Requires `saslPassword`.
   *
   * @default - no SASL
   */
  readonly saslUsername?: SecretKeySelector;
  /**
   * SASL password. Requires `saslUsername`.
   *
   * @default - no SASL
   */
  readonly saslPassword?: SecretKeySelector;
  /**
   * The SASL mechanism: `PLAIN`, `SCRAM-SHA-256` or `SCRAM-SHA-512`. Requires `saslUsername`.
   *
   * @default 'PLAIN'
   */
  readonly saslMechanism?: string;
  /**
   * TLS towards the brokers.
   *
   * @default - plain text
   */
  readonly tls?: LogOutputTls;
}

const KAFKA_TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** Apache Kafka (Fluent Bit `kafka`, Fluentd `kafka2`). @internal */
export function kafkaOutput(options: KafkaOutputOptions): OutputPlugin {
  return {
    kind: 'kafka',
    options,
    fluentdVariant: 'kafka2',
    check: c => {
      checkTls(c, 'kafka', options.tls);
      if (!Array.isArray(options.brokers) || options.brokers.length === 0) throw propError(c.at, `${c.prop}.brokers`, options.brokers ?? null, 'give at least one host:port broker');
      options.brokers.forEach((b, j) => {
        const parsed = parseHostPort(b, true);
        if (typeof parsed === 'string') throw propError(c.at, `${c.prop}.brokers[${j}]`, b, parsed);
      });
      const topic = options.topic;
      if (typeof topic !== 'string' || !KAFKA_TOPIC.test(topic) || topic === '.' || topic === '..') {
        throw propError(c.at, `${c.prop}.topic`, topic ?? null, 'must be a Kafka topic name: 1 to 249 letters, digits, ".", "_" or "-", not "." or ".."');
      }
      if (options.saslMechanism !== undefined && !['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'].includes(options.saslMechanism)) {
        throw propError(c.at, `${c.prop}.saslMechanism`, options.saslMechanism, 'must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512');
      }
      if (options.saslMechanism !== undefined && options.saslUsername === undefined) {
        throw propError(c.at, `${c.prop}.saslMechanism`, options.saslMechanism, 'requires saslUsername and saslPassword: without them no SASL is used');
      }
      if (options.saslUsername !== undefined && options.saslPassword === undefined) {
        throw propError(c.at, `${c.prop}.saslUsername`, options.saslUsername, 'requires saslPassword: SASL/PLAIN and SCRAM need both');
      }
      checkCredentialPair(c, 'saslUsername', options.saslUsername, 'saslPassword', options.saslPassword);
    },
    secrets: o => [
      ['saslUsername', `${o.envPrefix}SASL_USERNAME`, options.saslUsername],
      ['saslPassword', `${o.envPrefix}SASL_PASSWORD`, options.saslPassword],
    ],
    fluentBit: (_plan, o) => [
      ['Name', 'kafka'], ['Brokers', options.brokers.join(',')], ['Topics', options.topic], ['Format', 'json'],
      ...fluentBitSecurity(o, options),
    ],
    fluentd: (_plan, o, b) => {
      const scram = options.saslMechanism?.startsWith('SCRAM-') ? options.saslMechanism.replace('SCRAM-SHA-', 'sha') : undefined;
      // brokers is an array parameter: a JSON array, since Fluentd reads a value that starts with `[`
      // (an IPv6 broker `[fd00::1]:9092`, even quoted) as JSON.
      return b.param('@type', 'kafka2').json('brokers', options.brokers).param('default_topic', options.topic)
        .param('username', options.saslUsername ? fluentdEnv(`${o.envPrefix}SASL_USERNAME`) : undefined)
        .param('password', options.saslPassword ? fluentdEnv(`${o.envPrefix}SASL_PASSWORD`) : undefined)
        .param('scram_mechanism', scram)
        // SASL over TLS exactly when TLS is asked for; ruby-kafka refuses SASL over SSL without SSL settings.
        .param('sasl_over_ssl', options.saslUsername ? options.tls !== undefined : undefined)
        .param('ssl_ca_cert', options.tls?.caFile)
        // Without a CA file ruby-kafka would not use TLS at all: trust the image's system CAs instead.
        .param('ssl_ca_certs_from_system', options.tls && options.tls.caFile === undefined ? true : undefined)
        .param('ssl_verify_hostname', options.tls ? options.tls.verify ?? true : undefined)
        .section(new Block('format').param('@type', 'json'));
    },
  };
}

/** librdkafka takes TLS and SASL as `rdkafka.*` properties, not Fluent Bit's `tls.*` keys. */
function fluentBitSecurity(o: PlannedOutput, options: KafkaOutputOptions): Entries {
  const sasl = options.saslUsername !== undefined;
  const protocol = sasl ? (options.tls ? 'SASL_SSL' : 'SASL_PLAINTEXT') : (options.tls ? 'SSL' : undefined);
  return [
    ['rdkafka.security.protocol', protocol],
    ['rdkafka.sasl.mechanism', sasl ? options.saslMechanism ?? 'PLAIN' : undefined],
    ['rdkafka.sasl.username', sasl ? fluentBitEnv(`${o.envPrefix}SASL_USERNAME`) : undefined],
    ['rdkafka.sasl.password', options.saslPassword ? fluentBitEnv(`${o.envPrefix}SASL_PASSWORD`) : undefined],
    ['rdkafka.ssl.ca.location', options.tls?.caFile],
    ['rdkafka.enable.ssl.certificate.verification', options.tls && options.tls.verify === false ? 'false' : undefined],
  ];
}
