import { LogParserFormat } from './engine';

/**
 * Kubernetes metadata enrichment of container logs (Fluent Bit `kubernetes` filter, Fluentd
 * `kubernetes_metadata` filter). It reads pods and namespaces from the API server, so it adds
 * a ClusterRole and mounts the ServiceAccount token. Fluent Bit's own settings of the filter are
 * `FluentBitOptions.kubernetesFilter`.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/filters/kubernetes
 * @see https://github.com/fabric8io/fluent-plugin-kubernetes_metadata_filter
 */
export interface KubernetesMetadataOptions {
  /**
   * Enrich records with pod, namespace, labels and container metadata.
   *
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * When the `log` field holds JSON, lift its keys into the record (`Merge_Log`; Fluentd: a
   * `parser` filter on `log`).
   *
   * @default true
   */
  readonly mergeLog?: boolean;
  /**
   * Keep the original `log` field after merging it (`Keep_Log`).
   *
   * @default false
   */
  readonly keepLog?: boolean;
  /**
   * Add the pod's labels (`Labels`; Fluentd `skip_labels false`).
   *
   * @default true
   */
  readonly labels?: boolean;
}

/**
 * The systemd journal input (kubelet and container-runtime logs). Mounts `/run/log/journal` and
 * `/etc/machine-id` read-only (`/var/log/journal` is under the `/var/log` mount).
 *
 * @see https://docs.fluentbit.io/manual/pipeline/inputs/systemd
 * @see https://github.com/fluent-plugin-systemd/fluent-plugin-systemd
 */
export interface JournaldOptions {
  /**
   * The systemd units to read (`Systemd_Filter _SYSTEMD_UNIT=<unit>`).
   *
   * @default - `kubelet.service` and the runtime's unit (`containerd.service`, `crio.service`, `docker.service`; all three for AUTO)
   */
  readonly systemdUnits?: string[];
  /**
   * The tag prefix of journal records (Fluent Bit `host.*` expands to the unit name; Fluentd
   * tags them `<tag>.journal`).
   *
   * @default 'host'
   */
  readonly tag?: string;
  /**
   * Start at the end of the journal the first time (later starts resume at the saved cursor).
   *
   * @default true
   */
  readonly readFromTail?: boolean;
}

/**
 * A custom parser. Fluent Bit: a `[PARSER]` a pod selects with the `fluentbit.io/parser`
 * annotation. Fluentd: a `parser` filter on the `log` field of container records (records it
 * does not match pass unchanged).
 *
 * @see https://docs.fluentbit.io/manual/pipeline/parsers/configuring-parser
 * @see https://docs.fluentd.org/filter/parser
 */
export interface LogParser {
  /** The parser name: 1 to 63 letters, digits, `_` and `-`, unique among the parsers. */
  readonly name: string;
  /** The format. */
  readonly format: LogParserFormat;
  /**
   * The regular expression, with named captures (`Regex`). Required with `LogParserFormat.REGEX` only.
   * Both engines use Onigmo (Ruby) syntax. It is checked by compiling it with JavaScript's
   * engine after translating the Onigmo syntax JavaScript lacks (comments, inline options, atomic
   * groups, possessive and stacked quantifiers, quantified anchors, `(?'name'...)`; escapes such
   * as `\h`, `\A`, `\z` pass): nothing Onigmo accepts is refused, and unbalanced groups and
   * brackets are caught, but not every Onigmo error, so test the expression against a sample line.
   *
   * @default - none
   * @throws if it has no named capture, does not compile, spans lines or starts or ends with white space
   */
  readonly regex?: string;
  /**
   * The field holding the record's time (`Time_Key`): 1 to 255 letters, digits and `_ . @ $ / -`.
   *
   * @default - the record keeps the time it was read
   */
  readonly timeKey?: string;
  /**
   * strptime format of `timeKey` (`Time_Format`), e.g. `%Y-%m-%dT%H:%M:%S.%L%z`.
   *
   * @default - none
   */
  readonly timeFormat?: string;
  /**
   * Keep `timeKey` in the record after parsing it (`Time_Keep`).
   *
   * @default false
   */
  readonly timeKeep?: boolean;
}
