import { ElasticsearchOutputOptions, searchEngineOutput } from './outputs/elasticsearch';
import { forwardOutput, ForwardOutputOptions } from './outputs/forward';
import { httpOutput, HttpOutputOptions } from './outputs/http';
import { kafkaOutput, KafkaOutputOptions } from './outputs/kafka';
import { logstashOutput, LogstashOutputOptions } from './outputs/logstash';
import { lokiOutput, LokiOutputOptions } from './outputs/loki';
import { OutputPlugin } from './outputs/plugin';
import { s3Output, S3OutputOptions } from './outputs/s3';
import { LogOutputOptions } from './outputs/shared';
import { stdoutOutput } from './outputs/stdout';

export { ElasticsearchOutputOptions } from './outputs/elasticsearch';
export { ForwardOutputOptions } from './outputs/forward';
export { HttpOutputFormat, HttpOutputOptions } from './outputs/http';
export { KafkaOutputOptions } from './outputs/kafka';
export { LogstashOutputOptions, LogstashProtocol } from './outputs/logstash';
export { LokiOutputOptions } from './outputs/loki';
export { S3OutputOptions } from './outputs/s3';
export { LogOutputOptions, LogOutputTls, SecretKeySelector } from './outputs/shared';

/**
 * Where the collector ships records. Credentials are Secret references only; retries are
 * bounded unless `retryForever` is set.
 */
export class LogOutput {
  /** Elasticsearch (Fluent Bit `es`, Fluentd `elasticsearch`). */
  public static elasticsearch(options: ElasticsearchOutputOptions): LogOutput {
    return new LogOutput(searchEngineOutput({ ...options }, false));
  }

  /** OpenSearch (Fluent Bit `opensearch`, Fluentd `opensearch`). */
  public static opensearch(options: ElasticsearchOutputOptions): LogOutput {
    return new LogOutput(searchEngineOutput({ ...options }, true));
  }

  /** Grafana Loki (Fluent Bit `loki`, Fluentd `loki` from fluent-plugin-grafana-loki). */
  public static loki(options: LokiOutputOptions): LogOutput {
    return new LogOutput(lokiOutput({ ...options }));
  }

  /** A Fluentd or Fluent Bit aggregator, over the forward protocol. */
  public static forward(options: ForwardOutputOptions): LogOutput {
    return new LogOutput(forwardOutput({ ...options }));
  }

  /** A Logstash aggregator's `http` or `tcp` input. */
  public static logstash(options: LogstashOutputOptions): LogOutput {
    return new LogOutput(logstashOutput({ ...options }));
  }

  /** Apache Kafka (Fluent Bit `kafka`, Fluentd `kafka2`). */
  public static kafka(options: KafkaOutputOptions): LogOutput {
    return new LogOutput(kafkaOutput({ ...options }));
  }

  /** Amazon S3 (`s3`). */
  public static s3(options: S3OutputOptions): LogOutput {
    return new LogOutput(s3Output({ ...options }));
  }

  /** Any HTTP endpoint (`http`). */
  public static http(options: HttpOutputOptions): LogOutput {
    return new LogOutput(httpOutput({ ...options }));
  }

  /** The collector's own stdout, for debugging (`stdout`). */
  public static stdout(options: LogOutputOptions = {}): LogOutput {
    return new LogOutput(stdoutOutput({ ...options }));
  }

  /** The output kind: `elasticsearch`, `opensearch`, `loki`, `forward`, `logstash`, `kafka`, `s3`, `http` or `stdout`. */
  public readonly kind: string;

  private constructor(private readonly plugin: OutputPlugin) {
    this.kind = plugin.kind;
  }

  /** @internal */
  public get _plugin(): OutputPlugin {
    return this.plugin;
  }
}
