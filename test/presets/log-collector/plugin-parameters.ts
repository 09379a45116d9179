/**
 * The parameters each plugin documents, so a generated key with a typo fails a test. Sourced
 * from the Fluent Bit manual (docs.fluentbit.io/manual: administration/configuring-fluent-bit,
 * pipeline/inputs/tail, pipeline/inputs/systemd, pipeline/filters/kubernetes,
 * pipeline/outputs/*, administration/transport-security, pipeline/parsers) and the Fluentd
 * docs (docs.fluentd.org: input/tail, parser/*, filter/parser, output/forward, output/http,
 * output/stdout, buffer, configuration/config-file) plus each third-party plugin's README
 * (fluent-plugin-elasticsearch, fluent-plugin-opensearch, fluent-plugin-kafka, fluent-plugin-s3,
 * fluent-plugin-systemd, fluent-plugin-kubernetes_metadata_filter, fluent-plugin-prometheus,
 * fluent-plugin-multi-format-parser, fluent-plugin-grafana-loki).
 * Fluent Bit keys are case-insensitive; they are compared in lower case.
 *
 * The typed filters (grep, modify, record_modifier, nest, multiline, throttle, lua), the
 * network inputs (forward, http, syslog), `[MULTILINE_PARSER]` and `Hot_Reload` were read from
 * the Fluent Bit 5.1.1 sources instead: each plugin's `config_map[]` (plugins/filter_<name>,
 * plugins/in_<name>), filter_modify's rule parser, `flb_parser.c`'s multiline section reader and
 * `flb_config.c`; network inputs take `Listen` and `Port` through `flb_input_net_default_listener`.
 */

const FB_TLS = ['tls', 'tls.verify', 'tls.verify_hostname', 'tls.debug', 'tls.ca_file', 'tls.ca_path', 'tls.crt_file', 'tls.key_file', 'tls.key_passwd', 'tls.vhost'];
const FB_OUTPUT_COMMON = ['name', 'alias', 'match', 'match_regex', 'retry_limit', 'storage.total_limit_size', 'workers', 'log_level', ...FB_TLS];
const FB_INPUT_COMMON = ['name', 'alias', 'tag', 'log_level', 'mem_buf_limit', 'storage.type', 'storage.pause_on_chunks_overlimit', 'threaded'];
const FB_FILTER_COMMON = ['name', 'alias', 'match', 'match_regex', 'log_level'];
const FB_ES = [
  'host', 'port', 'path', 'buffer_size', 'pipeline', 'aws_auth', 'aws_region', 'aws_sts_endpoint', 'aws_role_arn',
  'aws_external_id', 'aws_service_name', 'aws_profile', 'cloud_id', 'cloud_auth', 'http_user', 'http_passwd', 'compress',
  'index', 'type', 'logstash_format', 'logstash_prefix', 'logstash_prefix_key', 'logstash_prefix_separator',
  'logstash_dateformat', 'time_key', 'time_key_format', 'time_key_nanos', 'include_tag_key', 'tag_key', 'generate_id',
  'id_key', 'write_operation', 'replace_dots', 'trace_output', 'trace_error', 'current_time_index', 'suppress_type_name',
];

/** Fluent Bit: section name (or `input:<plugin>` / `filter:<plugin>` / `output:<plugin>`) → documented keys. */
export const FLUENT_BIT_KEYS: { [section: string]: string[] } = {
  'service': [
    'flush', 'grace', 'daemon', 'dns.mode', 'log_file', 'log_level', 'parsers_file', 'plugins_file', 'streams_file',
    'http_server', 'http_listen', 'http_port', 'health_check', 'hc_errors_count', 'hc_retry_failure_count', 'hc_period',
    'coro_stack_size', 'scheduler.cap', 'scheduler.base', 'hot_reload', 'storage.path', 'storage.sync',
    'storage.checksum', 'storage.max_chunks_up', 'storage.backlog.mem_limit', 'storage.metrics',
    'storage.delete_irrecoverable_chunks',
  ],
  'input:tail': [
    ...FB_INPUT_COMMON, 'buffer_chunk_size', 'buffer_max_size', 'path', 'path_key', 'exclude_path', 'offset_key',
    'read_from_head', 'refresh_interval', 'rotate_wait', 'ignore_older', 'skip_long_lines', 'skip_empty_lines', 'db',
    'db.sync', 'db.locking', 'db.journal_mode', 'db.compare_filename', 'parser', 'key', 'inotify_watcher', 'tag_regex',
    'static_batch_size', 'file_cache_advise', 'multiline.parser', 'docker_mode', 'docker_mode_flush', 'docker_mode_parser',
    'unicode.encoding', 'generic.encoding',
  ],
  'input:systemd': [
    ...FB_INPUT_COMMON, 'path', 'max_fields', 'max_entries', 'systemd_filter', 'systemd_filter_type', 'db', 'db.sync',
    'read_from_tail', 'lowercase', 'strip_underscores',
  ],
  'filter:kubernetes': [
    ...FB_FILTER_COMMON, 'buffer_size', 'kube_url', 'kube_ca_file', 'kube_ca_path', 'kube_token_file', 'kube_tag_prefix',
    'merge_log', 'merge_parser', 'merge_log_key', 'merge_log_trim', 'keep_log', 'tls.debug', 'tls.verify', 'use_journal',
    'cache_use_docker_id', 'regex_parser', 'k8s-logging.parser', 'k8s-logging.exclude', 'labels', 'annotations',
    'kube_meta_preload_cache_dir', 'dummy_meta', 'dns_retries', 'dns_wait_time', 'use_kubelet', 'kubelet_host',
    'kubelet_port', 'kube_token_command', 'kube_token_ttl', 'kube_meta_cache_ttl', 'namespace_labels',
    'namespace_annotations', 'owner_references',
  ],
  'output:es': [...FB_OUTPUT_COMMON, ...FB_ES],
  'output:opensearch': [...FB_OUTPUT_COMMON, ...FB_ES],
  'output:loki': [
    ...FB_OUTPUT_COMMON, 'host', 'uri', 'port', 'tenant_id', 'tenant_id_key', 'labels', 'label_keys', 'label_map_path',
    'structured_metadata', 'remove_keys', 'drop_single_key', 'line_format', 'auto_kubernetes_labels', 'http_user',
    'http_passwd', 'bearer_token', 'header', 'compress',
  ],
  'output:forward': [
    ...FB_OUTPUT_COMMON, 'host', 'port', 'time_as_integer', 'upstream', 'unix_path', 'tag', 'send_options',
    'require_ack_response', 'compress', 'retain_metadata_in_forward_mode', 'shared_key', 'empty_shared_key', 'username',
    'password', 'self_hostname',
  ],
  'output:http': [
    ...FB_OUTPUT_COMMON, 'host', 'port', 'http_user', 'http_passwd', 'proxy', 'uri', 'compress', 'format',
    'allow_duplicated_headers', 'log_response_payload', 'header_tag', 'header', 'json_date_key', 'json_date_format',
    'gelf_timestamp_key', 'gelf_host_key', 'gelf_short_message_key', 'gelf_full_message_key', 'gelf_level_key',
  ],
  'output:tcp': [...FB_OUTPUT_COMMON, 'host', 'port', 'format', 'json_date_key', 'json_date_format'],
  'output:kafka': [
    ...FB_OUTPUT_COMMON, 'format', 'message_key', 'message_key_field', 'timestamp_key', 'timestamp_format', 'brokers',
    'topics', 'topic_key', 'dynamic_topic', 'queue_full_retries', 'raw_log_key',
    // librdkafka properties pass through as rdkafka.<property>; these are the ones generated.
    'rdkafka.security.protocol', 'rdkafka.sasl.mechanism', 'rdkafka.sasl.username', 'rdkafka.sasl.password',
    'rdkafka.ssl.ca.location', 'rdkafka.enable.ssl.certificate.verification',
  ],
  'output:s3': [
    ...FB_OUTPUT_COMMON, 'region', 'bucket', 'json_date_key', 'json_date_format', 'total_file_size', 'upload_chunk_size',
    'upload_timeout', 'store_dir', 'store_dir_limit_size', 's3_key_format', 's3_key_format_tag_delimiters',
    'static_file_path', 'use_put_object', 'role_arn', 'endpoint', 'sts_endpoint', 'canned_acl', 'compression',
    'content_type', 'send_content_md5', 'auto_retry_requests', 'log_key', 'preserve_data_ordering', 'storage_class',
    'retry_limit', 'external_id', 'profile',
  ],
  'output:stdout': [...FB_OUTPUT_COMMON, 'format', 'json_date_key', 'json_date_format'],
  'filter:grep': [...FB_FILTER_COMMON, 'regex', 'exclude', 'logical_op'],
  'filter:modify': [
    ...FB_FILTER_COMMON, 'set', 'add', 'remove', 'remove_wildcard', 'remove_regex', 'move_to_start', 'move_to_end', 'rename',
    'hard_rename', 'copy', 'hard_copy', 'condition',
  ],
  'filter:record_modifier': [...FB_FILTER_COMMON, 'record', 'remove_key', 'allowlist_key', 'whitelist_key', 'uuid_key'],
  'filter:nest': [...FB_FILTER_COMMON, 'operation', 'wildcard', 'nest_under', 'nested_under', 'add_prefix', 'remove_prefix'],
  'filter:multiline': [
    ...FB_FILTER_COMMON, 'debug_flush', 'buffer', 'mode', 'flush_ms', 'multiline.parser', 'multiline.key_content', 'emitter_name',
    'emitter_storage.type', 'emitter_mem_buf_limit',
  ],
  'filter:throttle': [...FB_FILTER_COMMON, 'rate', 'window', 'print_status', 'interval'],
  'filter:lua': [...FB_FILTER_COMMON, 'script', 'code', 'call', 'type_int_key', 'type_array_key', 'protected_mode', 'time_as_table', 'enable_flb_null'],
  'input:forward': [
    ...FB_INPUT_COMMON, 'listen', 'port', 'tag_prefix', 'shared_key', 'self_hostname', 'security.users', 'unix_path', 'unix_perm',
    'buffer_chunk_size', 'buffer_max_size', 'empty_shared_key', 'workers',
  ],
  'input:http': [...FB_INPUT_COMMON, 'listen', 'port', 'add_remote_addr', 'remote_addr_key', 'success_header', 'tag_key', 'successful_response_code', 'enable_health_endpoint'],
  'input:syslog': [
    ...FB_INPUT_COMMON, 'listen', 'port', 'mode', 'path', 'unix_perm', 'buffer_chunk_size', 'buffer_max_size', 'parser', 'receive_buffer_size',
    'raw_message_key', 'source_address_key', 'format',
  ],
  'multiline_parser': ['name', 'type', 'parser', 'key_content', 'key_pattern', 'key_group', 'negate', 'flush_timeout', 'rule'],
  'parser': ['name', 'format', 'regex', 'time_key', 'time_format', 'time_keep', 'time_offset', 'time_strict', 'time_system_timezone', 'types', 'decode_field', 'decode_field_as', 'skip_empty_values'],
};

const FD_PLUGIN_COMMON = ['@type', '@id', '@label', '@log_level'];
const FD_ES = [
  'host', 'port', 'hosts', 'user', 'password', 'scheme', 'path', 'index_name', 'logstash_format', 'logstash_prefix',
  'logstash_prefix_separator', 'logstash_dateformat', 'include_tag_key', 'tag_key', 'ssl_verify', 'ca_file',
  'client_cert', 'client_key', 'client_key_pass', 'ssl_version', 'suppress_type_name', 'reconnect_on_error',
  'reload_connections', 'reload_on_failure', 'reload_after', 'request_timeout', 'id_key', 'include_timestamp',
  'time_key', 'utc_index', 'target_index_key', 'log_es_400_reason', 'with_transporter_log',
  'verify_es_version_at_startup', 'default_elasticsearch_version', 'sniffer_class_name', 'pipeline',
];
const FD_BUFFER = [
  '@type', 'path', 'timekey', 'timekey_wait', 'timekey_use_utc', 'timekey_zone', 'chunk_limit_size',
  'chunk_limit_records', 'total_limit_size', 'queue_limit_length', 'chunk_full_threshold', 'compress', 'flush_mode',
  'flush_interval', 'flush_at_shutdown', 'flush_thread_count', 'flush_thread_interval', 'flush_thread_burst_interval',
  'delayed_commit_timeout', 'overflow_action', 'retry_timeout', 'retry_forever', 'retry_max_times',
  'retry_secondary_threshold', 'retry_type', 'retry_wait', 'retry_exponential_backoff_base', 'retry_max_interval',
  'retry_randomize',
];
const FD_PARSE = [
  '@type', 'types', 'time_key', 'null_value_pattern', 'null_empty_string', 'estimate_current_event', 'keep_time_key',
  'timeout', 'time_type', 'time_format', 'localtime', 'utc', 'timezone', 'expression', 'ignorecase', 'multiline',
  'json_parser', 'stream_buffer_size', 'delimiter', 'label_delimiter',
];
const FD_PATTERN = ['format', ...FD_PARSE.filter(p => p !== '@type')];

/**
 * Fluentd: `<directive>:<@type>` (or a section's path, `parent/section`) → documented parameters.
 * Sections are keyed by their own name under their plugin (`match:elasticsearch/buffer`).
 */
export const FLUENTD_PARAMS: { [block: string]: string[] } = {
  'system': ['log_level', 'root_dir', 'workers', 'suppress_repeated_stacktrace', 'emit_error_log_interval', 'suppress_config_dump', 'without_source', 'process_name', 'enable_input_metrics', 'enable_size_metrics'],
  'label': [],
  'match:stdout': [...FD_PLUGIN_COMMON, 'output_type'],
  'source:prometheus': [...FD_PLUGIN_COMMON, 'bind', 'port', 'metrics_path', 'aggregated_metrics_path', 'content_encoding'],
  'source:prometheus_monitor': [...FD_PLUGIN_COMMON, 'interval'],
  'source:prometheus_output_monitor': [...FD_PLUGIN_COMMON, 'interval', 'gauge_all'],
  'source:tail': [
    ...FD_PLUGIN_COMMON, 'tag', 'path', 'exclude_path', 'follow_inodes', 'refresh_interval', 'limit_recently_modified',
    'skip_refresh_on_startup', 'read_from_head', 'encoding', 'from_encoding', 'read_lines_limit',
    'read_bytes_limit_per_second', 'max_line_size', 'multiline_flush_interval', 'pos_file', 'pos_file_compaction_interval',
    'path_key', 'rotate_wait', 'enable_watch_timer', 'enable_stat_watcher', 'open_on_every_update',
    'emit_unmatched_lines', 'ignore_repeated_permission_error', 'path_timezone', 'glob_policy',
  ],
  'source:tail/parse': FD_PARSE,
  'parse:multi_format/pattern': FD_PATTERN,
  'source:systemd': [...FD_PLUGIN_COMMON, 'tag', 'path', 'matches', 'read_from_head', 'filters'],
  'source:systemd/storage': ['@type', 'persistent', 'path'],
  'source:systemd/entry': ['field_map', 'field_map_strict', 'fields_strip_underscores', 'fields_lowercase'],
  'filter:kubernetes_metadata': [
    ...FD_PLUGIN_COMMON, 'kubernetes_url', 'cache_size', 'cache_ttl', 'watch', 'client_cert', 'client_key', 'ca_file',
    'verify_ssl', 'tag_to_kubernetes_name_regexp', 'bearer_token_file', 'secret_dir', 'de_dot', 'de_dot_separator',
    'de_slash', 'de_slash_separator', 'annotation_match', 'skip_labels', 'skip_pod_labels', 'skip_namespace_labels',
    'skip_container_metadata', 'skip_master_url', 'skip_namespace_metadata', 'watch_retry_interval', 'stats_interval',
    'open_timeout', 'read_timeout', 'allow_orphans',
  ],
  // fluent-plugin-concat 2.6.2 (the pinned fluentd-kubernetes-daemonset image's Gemfile.lock): filter_concat.rb's config_params.
  'filter:concat': [
    ...FD_PLUGIN_COMMON, 'key', 'separator', 'n_lines', 'multiline_start_regexp', 'multiline_end_regexp',
    'continuous_line_regexp', 'stream_identity_key', 'flush_interval', 'timeout_label', 'use_first_timestamp', 'partial_key',
    'partial_value', 'keep_partial_key', 'use_partial_metadata', 'partial_metadata_format', 'keep_partial_metadata',
    'use_partial_cri_logtag', 'partial_cri_logtag_key', 'partial_cri_stream_key', 'buffer_limit_size', 'buffer_overflow_method',
  ],
  'filter:parser': [
    ...FD_PLUGIN_COMMON, 'key_name', 'reserve_time', 'reserve_data', 'remove_key_name_field', 'replace_invalid_sequence',
    'inject_key_prefix', 'hash_value_field', 'emit_invalid_record_to_error',
  ],
  'filter:parser/parse': FD_PARSE,
  'match:copy': [...FD_PLUGIN_COMMON, 'copy_mode'],
  'match:elasticsearch': [...FD_PLUGIN_COMMON, ...FD_ES],
  'match:opensearch': [...FD_PLUGIN_COMMON, ...FD_ES.filter(p => !/elasticsearch|sniffer|log_es_400/.test(p)), 'log_os_400_reason'],
  'match:loki': [
    ...FD_PLUGIN_COMMON, 'url', 'username', 'password', 'bearer_token_file', 'tenant', 'extra_labels', 'line_format',
    'remove_keys', 'drop_single_key', 'extract_kubernetes_labels', 'include_thread_label', 'ca_cert', 'cert', 'key',
    'insecure_tls', 'custom_headers',
  ],
  'match:loki/label': ['*'],
  'match:forward': [
    ...FD_PLUGIN_COMMON, 'transport', 'tls_version', 'tls_ciphers', 'tls_insecure_mode', 'tls_allow_self_signed_cert',
    'tls_verify_hostname', 'tls_cert_path', 'tls_client_cert_path', 'tls_client_private_key_path', 'send_timeout',
    'connect_timeout', 'hard_timeout', 'heartbeat_type', 'heartbeat_interval', 'recover_wait', 'phi_failure_detector',
    'phi_threshold', 'require_ack_response', 'ack_response_timeout', 'expire_dns_cache', 'dns_round_robin',
    'ignore_network_errors_at_startup', 'compress', 'keepalive', 'keepalive_timeout', 'verify_connection_at_startup',
  ],
  'match:forward/security': ['self_hostname', 'shared_key'],
  'match:forward/server': ['host', 'port', 'name', 'weight', 'standby', 'shared_key', 'username', 'password'],
  'match:http': [
    ...FD_PLUGIN_COMMON, 'endpoint', 'http_method', 'proxy', 'content_type', 'json_array', 'headers',
    'headers_from_placeholders', 'open_timeout', 'read_timeout', 'ssl_timeout', 'tls_ca_cert_path',
    'tls_client_cert_path', 'tls_private_key_path', 'tls_private_key_passphrase', 'tls_verify_mode', 'tls_version',
    'tls_ciphers', 'error_response_as_unrecoverable', 'retryable_response_codes', 'compress',
  ],
  'match:http/auth': ['method', 'username', 'password'],
  'match:kafka2': [
    ...FD_PLUGIN_COMMON, 'brokers', 'topic', 'topic_key', 'default_topic', 'default_message_key', 'partition_key',
    'exclude_topic_key', 'use_default_for_unknown_topic', 'username', 'password', 'scram_mechanism', 'sasl_over_ssl',
    'ssl_ca_cert', 'ssl_ca_certs_from_system', 'ssl_client_cert', 'ssl_client_cert_key', 'ssl_verify_hostname', 'required_acks',
    'compression_codec', 'max_send_retries', 'get_kafka_client_log',
  ],
  'match:s3': [
    ...FD_PLUGIN_COMMON, 'aws_key_id', 'aws_sec_key', 's3_bucket', 's3_region', 's3_endpoint', 'path',
    's3_object_key_format', 'store_as', 'time_slice_format', 'use_server_side_encryption', 'check_bucket',
    'check_object', 'force_path_style', 'storage_class', 'acl', 'auto_create_bucket',
  ],
  'buffer': FD_BUFFER,
  'format': ['@type', 'add_newline', 'json_parser', 'delimiter'],
};
