import { Size } from 'cdk8s';

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
