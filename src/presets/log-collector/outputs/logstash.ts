import { forwardTo } from './forward';
import { httpTo } from './http';
import { basicAuthSecrets, checkCredentialPair, checkEndpoint, checkTls, fluentBitBasicAuth, fluentBitTls, OutputPlugin, scheme } from './plugin';
import { LogOutputOptions, LogOutputTls, SecretKeySelector } from './shared';
import { propError } from '../../../internal/errors';
import { urlHost } from '../../config-values';

/**
 * How records reach a Logstash input.
 */
export enum LogstashProtocol {
  /**
   * JSON over HTTP, to Logstash's `http` input (`input { http { port => 8080 } }`), with
   * retries on failed requests. The default.
   */
  HTTP = 'http',
  /**
   * Over TCP, to Logstash's `tcp` input: JSON lines from Fluent Bit
   * (`tcp { codec => json_lines }`), the forward protocol from Fluentd
   * (`tcp { codec => fluent }`).
   */
  TCP = 'tcp',
}

/**
 * A Logstash aggregator output. Logstash is not a node agent: it runs centrally and the
 * collectors ship to it.
 *
 * @see https://www.elastic.co/guide/en/logstash/current/plugins-inputs-http.html
 * @see https://www.elastic.co/guide/en/logstash/current/plugins-inputs-tcp.html
 */
export interface LogstashOutputOptions extends LogOutputOptions {
  /** Host name or IP of Logstash. */
  readonly host: string;
  /**
   * The Logstash input the collector talks to.
   *
   * @default LogstashProtocol.HTTP
   */
  readonly protocol?: LogstashProtocol;
  /**
   * TCP port of the Logstash input.
   *
   * @default 8080 for HTTP, 5000 for TCP
   */
  readonly port?: number;
  /**
   * Basic-auth user of the HTTP input (`user` in Logstash). HTTP only.
   *
   * @default - no authentication
   */
  readonly httpUser?: SecretKeySelector;
  /**
   * Basic-auth password of the HTTP input. Requires `httpUser`.
   *
   * @default - no authentication
   */
  readonly httpPasswd?: SecretKeySelector;
  /**
   * TLS (the input's `ssl_enabled`).
   *
   * @default - plain text
   */
  readonly tls?: LogOutputTls;
}

/** A Logstash aggregator's `http` input (Fluent Bit and Fluentd `http`) or `tcp` input (Fluent Bit `tcp`, Fluentd `forward`). @internal */
export function logstashOutput(options: LogstashOutputOptions): OutputPlugin {
  const tcp = options.protocol === LogstashProtocol.TCP;
  const port = options.port ?? (tcp ? 5000 : 8080);
  const jsonDates: Array<[string, string]> = [['json_date_key', '@timestamp'], ['json_date_format', 'iso8601']];
  return {
    kind: 'logstash',
    options,
    check: c => {
      checkEndpoint(c, 'logstash', options.host, options.port);
      checkTls(c, 'logstash', options.tls);
      checkCredentialPair(c, 'httpUser', options.httpUser, 'httpPasswd', options.httpPasswd);
      if (tcp && options.httpUser) {
        throw propError(c.at, `${c.prop}.httpUser`, options.httpUser, "Logstash's tcp input has no authentication; use LogstashProtocol.HTTP");
      }
    },
    secrets: o => basicAuthSecrets(o, options.httpUser, options.httpPasswd),
    fluentBit: (_plan, o) => tcp
      ? [['Name', 'tcp'], ['Host', options.host], ['Port', port], ['Format', 'json_lines'], ...jsonDates, ...fluentBitTls(options.tls)]
      : [['Name', 'http'], ['Host', options.host], ['Port', port], ['URI', '/'], ['Format', 'json'], ...jsonDates,
        ...fluentBitBasicAuth(o, options.httpUser, options.httpPasswd), ...fluentBitTls(options.tls)],
    fluentd: (_plan, o, b) => tcp
      ? forwardTo(o, b, { host: options.host, port, tls: options.tls })
      : httpTo(o, b, {
        endpoint: `${scheme(options.tls)}://${urlHost(options.host)}:${port}/`,
        jsonArray: true,
        headers: [],
        tls: options.tls,
        httpUser: options.httpUser,
        httpPasswd: options.httpPasswd,
      }),
  };
}
