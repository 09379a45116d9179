import { Duration, Size } from 'cdk8s';
import { OutputSpec } from './output-spec';

/**
 * A key of a Kubernetes Secret, read into the collector's environment
 * (`env[].valueFrom.secretKeyRef`) so the value never appears in a manifest or ConfigMap.
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables
 */
export interface SecretKeySelector {
  /** The Secret's name, in the collector's namespace. */
  readonly name: string;
  /** The key in the Secret's `data`. */
  readonly key: string;
}

/**
 * TLS towards an output. Giving this struct turns TLS on.
 *
 * @see https://docs.fluentbit.io/manual/administration/transport-security
 */
export interface LogOutputTls {
  /**
   * Verify the server's certificate (Fluent Bit `tls.verify`, Fluentd `ssl_verify` /
   * `tls_verify_mode`). Turning it off allows a man in the middle.
   *
   * @default true
   */
  readonly verify?: boolean;
  /**
   * Absolute path, in the container, of a PEM file of CA certificates to trust (mount it with
   * `volumeMounts`).
   *
   * @default - the image's system CA bundle
   * @throws if not an absolute path of letters, digits and `/ . _ - + @ : ~`
   */
  readonly caFile?: string;
  /**
   * The server name sent for SNI and checked against the certificate (Fluent Bit `tls.vhost`).
   *
   * @default - the output's host
   * @throws if not a DNS name, with Fluentd (its output plugins have no such setting), or on a Fluent Bit Kafka output
   */
  readonly serverName?: string;
}

/**
 * Options every output shares.
 */
export interface LogOutputOptions {
  /**
   * Which records go to this output, as a tag pattern in the engine's syntax (Fluent Bit:
   * `kube.*`; Fluentd: `kubernetes.**`).
   *
   * @default - every record (`*` for Fluent Bit, `**` for Fluentd)
   */
  readonly match?: string;
  /**
   * How many times a failed flush is retried before the chunk is dropped (Fluent Bit
   * `Retry_Limit`, Fluentd `retry_max_times`). Bounded so an unreachable backend cannot hold
   * buffers forever.
   *
   * @default 5
   * @throws if not a whole number of at least 1
   */
  readonly retryLimit?: number;
  /**
   * Retry failed flushes forever (`Retry_Limit False`, `retry_forever true`). Requires
   * `BufferStorageType.FILESYSTEM`: with a memory buffer, an outage fills memory, pauses the
   * inputs and loses everything on restart.
   *
   * @default false
   */
  readonly retryForever?: boolean;
  /**
   * The most this output may buffer (Fluent Bit `storage.total_limit_size` on disk, for S3
   * `store_dir_limit_size`; Fluentd buffer `total_limit_size`, in memory with a memory buffer).
   * Oldest chunks are dropped first.
   *
   * @default - 1 GiB with a filesystem buffer; 32 MiB with a Fluentd memory buffer
   */
  readonly totalLimitSize?: Size;
  /**
   * More plugin parameters, by their documented name, for what the typed options do not
   * cover. Values are one line each; Fluent Bit gets them as given, Fluentd single-quoted when
   * its parser would otherwise misread them. Refer to a Secret through the environment
   * (`${VAR}` for Fluent Bit, `"#{ENV['VAR']}"` for Fluentd) with `envVariables`.
   *
   * @default - none
   * @throws if a parameter is already set by the typed options (names compared without case, Fluentd's `<buffer>` included), is a directive (`@include`, `@INCLUDE`, `@type`, ...), names a credential (user, password, token, secret, auth, `*_key`) with a literal value, or a value spans lines, contains `#{` (Fluentd) or is quoted
   */
  readonly extraParameters?: { [name: string]: string };
}

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

/**
 * A Grafana Loki output. With Fluentd, it needs an image with `fluent-plugin-grafana-loki`
 * (give `image`).
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs/loki
 * @see https://grafana.com/docs/loki/latest/send-data/fluentd/
 */
export interface LokiOutputOptions extends LogOutputOptions {
  /** Host name or IP of Loki (its distributor or gateway). */
  readonly host: string;
  /**
   * TCP port.
   *
   * @default 3100
   */
  readonly port?: number;
  /**
   * Extra stream labels, name → value. Values may use Fluent Bit record accessors
   * (`$kubernetes['labels']['app']`), which Fluentd gets translated to its own syntax
   * (`$.kubernetes.labels.app`); with Fluentd, its own syntax is accepted too. Static values are
   * non-empty, without `, = # { }`, quotes or backslashes. Keep labels few: every distinct value
   * set is a stream.
   *
   * @default - `job`, plus `namespace` and `container` from the Kubernetes metadata
   */
  readonly labels?: { [name: string]: string };
  /**
   * The tenant (`X-Scope-OrgID`, `tenant_id`) in a multi-tenant Loki.
   *
   * @default - no tenant header
   */
  readonly tenantId?: string;
  /**
   * Basic-auth user.
   *
   * @default - no authentication
   */
  readonly httpUser?: SecretKeySelector;
  /**
   * Basic-auth password. Requires `httpUser`.
   *
   * @default - no authentication
   */
  readonly httpPasswd?: SecretKeySelector;
  /**
   * TLS.
   *
   * @default - plain HTTP
   */
  readonly tls?: LogOutputTls;
}

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

/**
 * An Amazon S3 output. Credentials come from the pod's IAM role (IRSA, EKS Pod Identity) or,
 * when given, from a Secret as `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs/s3
 * @see https://github.com/fluent/fluent-plugin-s3
 */
export interface S3OutputOptions extends LogOutputOptions {
  /** The bucket name. */
  readonly bucket: string;
  /** The bucket's AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * Size of the objects written (Fluent Bit `total_file_size`).
   *
   * @default Size.mebibytes(50)
   */
  readonly totalFileSize?: Size;
  /**
   * Longest time before a partial object is uploaded (`upload_timeout`, Fluentd `timekey`).
   *
   * @default Duration.minutes(10)
   */
  readonly uploadTimeout?: Duration;
  /**
   * Access key id. Give it with `awsSecretAccessKey`, or neither (IAM role).
   *
   * @default - the pod's IAM role
   */
  readonly awsAccessKeyId?: SecretKeySelector;
  /**
   * Secret access key.
   *
   * @default - the pod's IAM role
   */
  readonly awsSecretAccessKey?: SecretKeySelector;
}

/**
 * The body format of an HTTP output.
 */
export enum HttpOutputFormat {
  /** One JSON array per request. */
  JSON = 'json',
  /** One JSON object per line. */
  JSON_LINES = 'json_lines',
}

/**
 * A generic HTTP output.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs/http
 * @see https://docs.fluentd.org/output/http
 */
export interface HttpOutputOptions extends LogOutputOptions {
  /** Host name or IP. */
  readonly host: string;
  /**
   * TCP port.
   *
   * @default 443 with `tls`, else 80
   */
  readonly port?: number;
  /**
   * Request path.
   *
   * @default '/'
   */
  readonly uri?: string;
  /**
   * Body format.
   *
   * @default HttpOutputFormat.JSON_LINES
   */
  readonly format?: HttpOutputFormat;
  /**
   * Plain request headers, name → value. Credentials (Authorization, API keys, tokens, cookies) belong in `secretHeaders`.
   *
   * @default - none
   * @throws if a name is not an RFC 7230 token or is also in `secretHeaders`, a header looks like a credential, or a value spans lines or contains `#{`
   */
  readonly headers?: { [name: string]: string };
  /**
   * Request headers whose values come from Secrets, name → Secret key.
   *
   * @default - none
   * @throws if a name is not an RFC 7230 token, or two names differ only in case or punctuation
   */
  readonly secretHeaders?: { [name: string]: SecretKeySelector };
  /**
   * Basic-auth user.
   *
   * @default - no authentication
   */
  readonly httpUser?: SecretKeySelector;
  /**
   * Basic-auth password. Requires `httpUser`.
   *
   * @default - no authentication
   */
  readonly httpPasswd?: SecretKeySelector;
  /**
   * TLS.
   *
   * @default - plain HTTP
   */
  readonly tls?: LogOutputTls;
}

/**
 * Where the collector ships records. Credentials are Secret references only; retries are
 * bounded unless `retryForever` is set.
 */
export class LogOutput {
  /** Elasticsearch (Fluent Bit `es`, Fluentd `elasticsearch`). */
  public static elasticsearch(options: ElasticsearchOutputOptions): LogOutput {
    return new LogOutput({ kind: 'elasticsearch', ...options });
  }

  /** OpenSearch (Fluent Bit `opensearch`, Fluentd `opensearch`). */
  public static opensearch(options: ElasticsearchOutputOptions): LogOutput {
    return new LogOutput({ kind: 'opensearch', ...options });
  }

  /** Grafana Loki (Fluent Bit `loki`, Fluentd `loki` from fluent-plugin-grafana-loki). */
  public static loki(options: LokiOutputOptions): LogOutput {
    return new LogOutput({ kind: 'loki', ...options });
  }

  /** A Fluentd or Fluent Bit aggregator, over the forward protocol. */
  public static forward(options: ForwardOutputOptions): LogOutput {
    return new LogOutput({ kind: 'forward', ...options });
  }

  /** A Logstash aggregator's `http` or `tcp` input. */
  public static logstash(options: LogstashOutputOptions): LogOutput {
    return new LogOutput({ kind: 'logstash', ...options });
  }

  /** Apache Kafka (Fluent Bit `kafka`, Fluentd `kafka2`). */
  public static kafka(options: KafkaOutputOptions): LogOutput {
    return new LogOutput({ kind: 'kafka', ...options });
  }

  /** Amazon S3 (`s3`). */
  public static s3(options: S3OutputOptions): LogOutput {
    return new LogOutput({ kind: 's3', ...options });
  }

  /** Any HTTP endpoint (`http`). */
  public static http(options: HttpOutputOptions): LogOutput {
    return new LogOutput({ kind: 'http', ...options });
  }

  /** The collector's own stdout, for debugging (`stdout`). */
  public static stdout(options: LogOutputOptions = {}): LogOutput {
    return new LogOutput({ kind: 'stdout', ...options });
  }

  /** The output kind: `elasticsearch`, `opensearch`, `loki`, `forward`, `logstash`, `kafka`, `s3`, `http` or `stdout`. */
  public readonly kind: string;

  private constructor(private readonly spec: OutputSpec) {
    this.kind = spec.kind;
  }

  /** @internal */
  public get _spec(): OutputSpec {
    return this.spec;
  }
}
