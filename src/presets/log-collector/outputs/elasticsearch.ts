import {
  basicAuthSecrets, checkCredentialPair, checkEndpoint, checkTls, fluentBitBasicAuth, fluentBitTls, fluentdEnv, OutputPlugin, scheme,
} from './plugin';
import { LogOutputOptions, LogOutputTls, SecretKeySelector } from './shared';
import { propError } from '../../../internal/errors';

/**
 * An Elasticsearch or OpenSearch output.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs/elasticsearch
 * @see https://github.com/uken/fluent-plugin-elasticsearch#configuration
 */
export interface ElasticsearchOutputOptions extends LogOutputOptions {
  /** Host name, IPv4 or IPv6 address of the cluster (a Service name such as `elasticsearch-master.logging`), without brackets. */
  readonly host: string;
  /**
   * TCP port.
   *
   * @default 9200
   */
  readonly port?: number;
  /**
   * A fixed index to write to (`Index` / `index_name`): an Elasticsearch index name (lower
   * case, no `\ / * ? " < > | , #` or space, not starting with `_ - +`). Without it, daily indices
   * `<logstashPrefix>-YYYY.MM.DD` are written (`Logstash_Format On`).
   *
   * @default - daily logstash-format indices
   */
  readonly index?: string;
  /**
   * Prefix of the daily indices (`Logstash_Prefix` / `logstash_prefix`), when `index` is not set.
   *
   * @default 'logstash'
   */
  readonly logstashPrefix?: string;
  /**
   * Basic-auth user (`HTTP_User` / `user`).
   *
   * @default - no authentication
   */
  readonly httpUser?: SecretKeySelector;
  /**
   * Basic-auth password (`HTTP_Passwd` / `password`). Requires `httpUser`.
   *
   * @default - no authentication
   */
  readonly httpPasswd?: SecretKeySelector;
  /**
   * TLS (`https`).
   *
   * @default - plain HTTP
   */
  readonly tls?: LogOutputTls;
}

/** Elasticsearch index names: lower case, no `\ / * ? " < > | , #` or space, not starting with `_ - +`, at most 255 bytes. */
const ES_INDEX = /^[a-z0-9][a-z0-9._+-]*$/;

/** Elasticsearch (`opensearch: false`) or OpenSearch, which share their options and most parameters. @internal */
export function searchEngineOutput(options: ElasticsearchOutputOptions, opensearch: boolean): OutputPlugin {
  const kind = opensearch ? 'opensearch' : 'elasticsearch';
  return {
    kind,
    options,
    fluentdVariant: opensearch ? 'opensearch' : 'elasticsearch8',
    check: c => {
      checkEndpoint(c, kind, options.host, options.port);
      checkTls(c, kind, options.tls);
      if (options.index !== undefined && options.logstashPrefix !== undefined) {
        throw propError(c.at, `${c.prop}.logstashPrefix`, options.logstashPrefix, 'cannot be set with index');
      }
      for (const [k, v, max] of [['index', options.index, 255], ['logstashPrefix', options.logstashPrefix, 244]] as Array<[string, string | undefined, number]>) {
        if (v !== undefined && (typeof v !== 'string' || !ES_INDEX.test(v) || v.length > max)) {
          throw propError(c.at, `${c.prop}.${k}`, v, `must be an Elasticsearch index name of at most ${max} characters: lower case letters, digits, . _ - +, starting with a letter or digit (no \\ / * ? " < > | , # or space)`);
        }
      }
      checkCredentialPair(c, 'httpUser', options.httpUser, 'httpPasswd', options.httpPasswd);
    },
    secrets: o => basicAuthSecrets(o, options.httpUser, options.httpPasswd),
    fluentBit: (_plan, o) => [
      ['Name', opensearch ? 'opensearch' : 'es'],
      ['Host', options.host], ['Port', options.port ?? 9200],
      ...options.index !== undefined
        ? [['Index', options.index]] as Array<[string, string]>
        : [['Logstash_Format', 'On'], ['Logstash_Prefix', options.logstashPrefix ?? 'logstash']] as Array<[string, string]>,
      ['Suppress_Type_Name', 'On'],
      // Kubernetes labels such as app.kubernetes.io/name would otherwise be mapping conflicts.
      ['Replace_Dots', 'On'],
      // A retried chunk then overwrites its own documents instead of duplicating them.
      ['Generate_ID', 'On'],
      ['Trace_Error', 'On'],
      ...fluentBitBasicAuth(o, options.httpUser, options.httpPasswd), ...fluentBitTls(options.tls),
    ],
    fluentd: (_plan, o, b) => b.param('@type', kind)
      .param('host', options.host).param('port', options.port ?? 9200).param('scheme', scheme(options.tls))
      .param('ssl_verify', options.tls ? options.tls.verify ?? true : undefined)
      .param('ca_file', options.tls?.caFile)
      .param('user', options.httpUser ? fluentdEnv(`${o.envPrefix}HTTP_USER`) : undefined)
      .param('password', options.httpPasswd ? fluentdEnv(`${o.envPrefix}HTTP_PASSWD`) : undefined)
      .param('index_name', options.index)
      .param('logstash_format', options.index === undefined ? true : undefined)
      .param('logstash_prefix', options.index === undefined ? options.logstashPrefix ?? 'logstash' : undefined)
      .param('include_tag_key', true)
      .param('suppress_type_name', true)
      // Behind a Service, sniffed node addresses are unreachable: keep the configured host, reconnect on errors.
      .param('reconnect_on_error', true)
      .param('reload_on_failure', true)
      .param('reload_connections', false)
      .param('request_timeout', '30s'),
  };
}
