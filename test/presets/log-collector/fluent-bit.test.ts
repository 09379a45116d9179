import { ApiObject, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { chart, collector, expectSnapshotAndValid, get, parseFluentBit, sectionsOf } from './helpers';
import {
  LogCollectorEngine, BufferStorageType, ContainerRuntime, HttpOutputFormat, LogOutput, LogParserFormat,
  LogstashProtocol, PodSecurityLevel,
} from '../../../src';
import { byKind, podSpec, synth } from '../../helpers/synth';

const mainConf = (c: { configFiles: { [f: string]: string } }) => c.configFiles['fluent-bit.conf'];

describe('LogCollectorDaemonSet (Fluent Bit)', () => {
  test('defaults', () => {
    expectSnapshotAndValid({});
  });

  test('custom', () => {
    expectSnapshotAndValid({
      metadata: { name: 'fluent-bit', namespace: 'observability' },
      containerRuntime: ContainerRuntime.DOCKER,
      dockerDataRoot: '/data/docker',
      tag: 'k8s',
      engine: LogCollectorEngine.fluentBit({
        kubeTagPrefix: 'k8s.var.log.containers.',
        kubernetesFilter: { annotations: true, useKubelet: true },
        storageMaxChunksUp: 16,
      }),
      excludeNamespaces: ['kube-system'],
      excludePaths: ['/var/log/containers/noisy-*.log'],
      readFromHead: false,
      kubernetesMetadata: { keepLog: true },
      journald: { systemdUnits: ['kubelet.service'] },
      parsers: [{ name: 'nginx_access', format: LogParserFormat.REGEX, regex: '^(?<remote>[^ ]*) (?<rest>.*)$', timeKey: 'time', timeFormat: '%d/%b/%Y:%H:%M:%S %z' }],
      stateDirectory: '/var/lib/fb-state',
      flushInterval: Duration.seconds(2),
      logLevel: 'warn',
      metricsPort: 2021,
      outputs: [
        LogOutput.elasticsearch({
          host: 'es',
          port: 9243,
          index: 'k8s-logs',
          httpUser: { name: 'es-credentials', key: 'username' },
          httpPasswd: { name: 'es-credentials', key: 'password' },
          tls: { caFile: '/etc/ssl/es/ca.crt', serverName: 'es.example.com' },
          retryLimit: 10,
          totalLimitSize: Size.gibibytes(2),
        }),
        LogOutput.loki({ host: 'loki-gateway', labels: { cluster: 'prod' }, tenantId: 'team-a', match: 'k8s.*' }),
        LogOutput.forward({ host: 'aggregator', sharedKey: { name: 'forward', key: 'shared-key' }, tls: { verify: false } }),
        LogOutput.logstash({ host: 'logstash', protocol: LogstashProtocol.TCP }),
        LogOutput.kafka({ brokers: ['kafka-0:9093', 'kafka-1:9093'], topic: 'logs', saslUsername: { name: 'kafka', key: 'user' }, saslPassword: { name: 'kafka', key: 'pass' }, saslMechanism: 'SCRAM-SHA-512', tls: {} }),
        LogOutput.s3({ bucket: 'my-logs', region: 'eu-west-1', uploadTimeout: Duration.minutes(5) }),
        LogOutput.http({ host: 'collector.example.com', uri: '/ingest', format: HttpOutputFormat.JSON, headers: { 'X-Source': 'k8s' }, secretHeaders: { Authorization: { name: 'http-token', key: 'header' } }, tls: {} }),
        LogOutput.stdout({ match: 'host.*' }),
      ],
    });
  });

  test('output is deterministic', () => {
    const render = () => {
      const c = chart();
      collector(c, { journald: {} });
      return JSON.stringify(synth(c));
    };
    expect(render()).toEqual(render());
  });

  describe('inputs and parsing', () => {
    test('tails /var/log/containers with offsets in the state directory and skips its own logs', () => {
      const c = chart();
      const tail = sectionsOf(mainConf(collector(c)), 'INPUT', 'tail')[0];
      expect(get(tail, 'Path')).toBe('/var/log/containers/*.log');
      expect(get(tail, 'Tag')).toBe('kube.*');
      expect(get(tail, 'DB')).toBe('/var/lib/fluent-bit/tail-containers.db');
      expect(get(tail, 'Read_from_Head')).toBe('On');
      expect(get(tail, 'storage.type')).toBe('filesystem');
      expect(get(tail, 'Exclude_Path')).toBe('/var/log/containers/*_logging_fluent-bit-*.log');
    });

    test('a named DaemonSet excludes exactly its own pods', () => {
      const c = chart();
      const tail = sectionsOf(mainConf(collector(c, { metadata: { name: 'fb', namespace: 'ops' }, excludeNamespaces: ['kube-system'] })), 'INPUT', 'tail')[0];
      expect(get(tail, 'Exclude_Path')).toBe('/var/log/containers/fb-*_ops_fluent-bit-*.log,/var/log/containers/*_kube-system_*.log');
    });

    test.each([
      [ContainerRuntime.AUTO, 'docker, cri'],
      [ContainerRuntime.CONTAINERD, 'cri'],
      [ContainerRuntime.CRI_O, 'cri'],
      [ContainerRuntime.DOCKER, 'docker'],
    ])('runtime %p parses with %p', (runtime, parser) => {
      const c = chart();
      const tail = sectionsOf(mainConf(collector(c, { containerRuntime: runtime })), 'INPUT', 'tail')[0];
      expect(get(tail, 'multiline.parser')).toBe(parser);
    });

    test('docker mounts its containers directory read-only at the same path; other runtimes do not', () => {
      const docker = chart();
      collector(docker, { containerRuntime: ContainerRuntime.DOCKER });
      const mount = podSpec(synth(docker)).containers[0].volumeMounts.find((m: any) => m.name === 'docker-containers');
      expect(mount).toEqual({ name: 'docker-containers', mountPath: '/var/lib/docker/containers', readOnly: true });
      const containerd = chart();
      collector(containerd, { containerRuntime: ContainerRuntime.CONTAINERD });
      expect(podSpec(synth(containerd)).volumes.map((v: any) => v.name)).not.toContain('docker-containers');
    });

    test('/var/log is mounted read-only and the state directory read-write, created if missing', () => {
      const c = chart();
      collector(c);
      const pod = podSpec(synth(c));
      const mounts = pod.containers[0].volumeMounts;
      expect(mounts.find((m: any) => m.mountPath === '/var/log').readOnly).toBe(true);
      expect(mounts.find((m: any) => m.mountPath === '/var/lib/fluent-bit').readOnly).toBe(false);
      expect(pod.volumes.find((v: any) => v.name === 'state').hostPath).toEqual({ path: '/var/lib/fluent-bit', type: 'DirectoryOrCreate' });
    });

    test('journald adds the systemd input with its cursor DB and read-only mounts', () => {
      const c = chart();
      const conf = mainConf(collector(c, { containerRuntime: ContainerRuntime.CONTAINERD, journald: {} }));
      const systemd = sectionsOf(conf, 'INPUT', 'systemd')[0];
      expect(systemd.entries.filter(([k]) => k === 'Systemd_Filter').map(([, v]) => v))
        .toEqual(['_SYSTEMD_UNIT=kubelet.service', '_SYSTEMD_UNIT=containerd.service']);
      expect(get(systemd, 'Systemd_Filter_Type')).toBe('Or');
      expect(get(systemd, 'DB')).toBe('/var/lib/fluent-bit/systemd.db');
      const mounts = podSpec(synth(c)).containers[0].volumeMounts;
      expect(mounts).toContainEqual({ name: 'run-journal', mountPath: '/run/log/journal', readOnly: true });
      expect(mounts).toContainEqual({ name: 'machine-id', mountPath: '/etc/machine-id', readOnly: true });
      const plain = chart();
      collector(plain);
      expect(podSpec(synth(plain)).volumes.map((v: any) => v.name)).not.toContain('machine-id');
    });

    test('custom parsers go to custom_parsers.conf, which the service loads', () => {
      const c = chart();
      const col = collector(c, { parsers: [{ name: 'kv', format: LogParserFormat.LOGFMT }] });
      expect(get(sectionsOf(mainConf(col), 'SERVICE')[0], 'Parsers_File')).toBe('/fluent-bit/etc/parsers.conf');
      expect(parseFluentBit(mainConf(col))[0].entries.filter(([k]) => k === 'Parsers_File').map(([, v]) => v))
        .toEqual(['/fluent-bit/etc/parsers.conf', '/fluent-bit/etc/conf/custom_parsers.conf']);
      expect(parseFluentBit(col.configFiles['custom_parsers.conf'])).toEqual([{ name: 'PARSER', entries: [['Name', 'kv'], ['Format', 'logfmt']] }]);
    });
  });

  describe('metadata enrichment and RBAC', () => {
    test('the kubernetes filter prefix follows the tag', () => {
      const c = chart();
      const filter = sectionsOf(mainConf(collector(c, { tag: 'k8s' })), 'FILTER', 'kubernetes')[0];
      expect(get(filter, 'Match')).toBe('k8s.*');
      expect(get(filter, 'Kube_Tag_Prefix')).toBe('k8s.var.log.containers.');
      expect(get(filter, 'Merge_Log')).toBe('On');
      expect(get(filter, 'Keep_Log')).toBe('Off');
    });

    test('grants get/list/watch on pods and namespaces only, and mounts the token', () => {
      const c = chart();
      collector(c);
      const manifests = synth(c);
      expect(byKind(manifests, 'ClusterRole').rules).toEqual([{ apiGroups: [''], resources: ['namespaces', 'pods'], verbs: ['get', 'list', 'watch'] }]);
      expect(byKind(manifests, 'ClusterRoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: byKind(manifests, 'ServiceAccount').metadata.name, namespace: 'logging' }]);
      expect(podSpec(manifests).automountServiceAccountToken).toBe(true);
    });

    test('useKubelet adds nodes and nodes/proxy get, and reads the kubelet on HOST_IP', () => {
      const c = chart();
      const conf = mainConf(collector(c, { engine: LogCollectorEngine.fluentBit({ kubernetesFilter: { useKubelet: true } }) }));
      const filter = sectionsOf(conf, 'FILTER', 'kubernetes')[0];
      expect(get(filter, 'Use_Kubelet')).toBe('On');
      expect(get(filter, 'Kubelet_Host')).toBe('${HOST_IP}');
      const manifests = synth(c);
      expect(byKind(manifests, 'ClusterRole').rules[1]).toEqual({ apiGroups: [''], resources: ['nodes', 'nodes/proxy'], verbs: ['get'] });
      expect(podSpec(manifests).containers[0].env).toContainEqual({ name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } });
      expect(podSpec(manifests).hostNetwork).toBe(false);
    });

    test('without metadata: no filter, no ClusterRole, no token', () => {
      const c = chart();
      const conf = mainConf(collector(c, { kubernetesMetadata: { enabled: false } }));
      expect(sectionsOf(conf, 'FILTER')).toEqual([]);
      const manifests = synth(c);
      expect(manifests.map(m => m.kind)).not.toContain('ClusterRole');
      expect(podSpec(manifests).automountServiceAccountToken).toBe(false);
    });

    test('a ClusterRole patched below what the filter reads fails synth', () => {
      const c = chart();
      const col = collector(c);
      col.apiObjects.find(o => o.kind === 'ClusterRole')!.addJsonPatch(JsonPatch.replace('/rules/0/verbs', ['get']));
      expect(() => synth(c)).toThrow(/needs list, watch on namespaces.*log-collector-metadata-rbac/);
    });

    test('a DaemonSet patched to drop the token fails synth', () => {
      const c = chart();
      const col = collector(c);
      ApiObject.of(col.daemonSet).addJsonPatch(JsonPatch.replace('/spec/template/spec/automountServiceAccountToken', false));
      expect(() => synth(c)).toThrow(/needs the ServiceAccount token/);
    });
  });

  describe('outputs', () => {
    test('credentials are secretKeyRef env, referenced from the config, never inline', () => {
      const c = chart();
      const col = collector(c, { outputs: [LogOutput.elasticsearch({ host: 'es', httpUser: { name: 'es-auth', key: 'user' }, httpPasswd: { name: 'es-auth', key: 'password' } })] });
      const es = sectionsOf(mainConf(col), 'OUTPUT', 'es')[0];
      expect(get(es, 'HTTP_User')).toBe('${OUTPUT_0_HTTP_USER}');
      expect(get(es, 'HTTP_Passwd')).toBe('${OUTPUT_0_HTTP_PASSWD}');
      const env = podSpec(synth(c)).containers[0].env;
      expect(env).toContainEqual({ name: 'OUTPUT_0_HTTP_PASSWD', valueFrom: { secretKeyRef: { name: 'es-auth', key: 'password' } } });
    });

    test('retries are bounded by default and storage is capped per output', () => {
      const c = chart();
      const es = sectionsOf(mainConf(collector(c)), 'OUTPUT', 'es')[0];
      expect(get(es, 'Retry_Limit')).toBe('5');
      // 1 GiB as bytes: Fluent Bit would read 1G as 1,000,000,000.
      expect(get(es, 'storage.total_limit_size')).toBe('1073741824');
      expect(get(es, 'Generate_ID')).toBe('On');
    });

    test('retryForever renders no_limits with a filesystem buffer', () => {
      const c = chart();
      const es = sectionsOf(mainConf(collector(c, { outputs: [LogOutput.elasticsearch({ host: 'es', retryForever: true })] })), 'OUTPUT', 'es')[0];
      expect(get(es, 'Retry_Limit')).toBe('no_limits');
    });

    test('TLS options', () => {
      const c = chart();
      const es = sectionsOf(mainConf(collector(c, { outputs: [LogOutput.elasticsearch({ host: 'es', tls: { verify: false, caFile: '/ca/ca.crt' } })] })), 'OUTPUT', 'es')[0];
      expect([get(es, 'tls'), get(es, 'tls.verify'), get(es, 'tls.ca_file')]).toEqual(['On', 'Off', '/ca/ca.crt']);
    });

    test('Logstash over HTTP is the http output with JSON bodies on 8080', () => {
      const c = chart();
      const http = sectionsOf(mainConf(collector(c, { outputs: [LogOutput.logstash({ host: 'logstash' })] })), 'OUTPUT', 'http')[0];
      expect([get(http, 'Host'), get(http, 'Port'), get(http, 'Format')]).toEqual(['logstash', '8080', 'json']);
    });

    test('S3 buffers under the state directory', () => {
      const c = chart();
      const s3 = sectionsOf(mainConf(collector(c, { outputs: [LogOutput.s3({ bucket: 'logs-bucket', region: 'us-east-1', awsAccessKeyId: { name: 'aws', key: 'id' }, awsSecretAccessKey: { name: 'aws', key: 'secret' } })] })), 'OUTPUT', 's3')[0];
      expect(get(s3, 'store_dir')).toBe('/var/lib/fluent-bit/s3/s3-0');
      expect(get(s3, 'upload_timeout')).toBe('600s');
      expect(podSpec(synth(c)).containers[0].env).toContainEqual({ name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'aws', key: 'id' } } });
    });

    test('extraParameters are appended', () => {
      const c = chart();
      const es = sectionsOf(mainConf(collector(c, { outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { Pipeline: 'logs' } })] })), 'OUTPUT', 'es')[0];
      expect(get(es, 'Pipeline')).toBe('logs');
    });

    test('every size is the byte count asked for: Fluent Bit reads K, M and G as powers of 1000', () => {
      const c = chart();
      const conf = mainConf(collector(c, {
        engine: LogCollectorEngine.fluentBit({ storageBacklogMemLimit: Size.kibibytes(1536) }),
        outputs: [LogOutput.s3({ bucket: 'logs-bucket', region: 'us-east-1', totalFileSize: Size.mebibytes(5), totalLimitSize: Size.gibibytes(2) })],
      }));
      expect(get(sectionsOf(conf, 'SERVICE')[0], 'storage.backlog.mem_limit')).toBe('1572864');
      const s3 = sectionsOf(conf, 'OUTPUT', 's3')[0];
      expect([get(s3, 'total_file_size'), get(s3, 'store_dir_limit_size')]).toEqual(['5242880', '2147483648']);
      // Fluent Bit 5.1.1 warns at start beside store_dir_limit_size: "Please use 'store_dir_limit_size' with s3 output instead of 'storage.total_limit_size'".
      expect(get(s3, 'storage.total_limit_size')).toBeUndefined();
    });

    test('memory storage sets Mem_Buf_Limit and drops the storage keys', () => {
      const c = chart();
      const engine = LogCollectorEngine.fluentBit({ memBufLimit: Size.mebibytes(10) });
      const conf = mainConf(collector(c, { storageType: BufferStorageType.MEMORY, engine }));
      expect(get(sectionsOf(conf, 'INPUT', 'tail')[0], 'Mem_Buf_Limit')).toBe('10485760');
      expect(get(sectionsOf(conf, 'SERVICE')[0], 'storage.path')).toBeUndefined();
      expect(get(sectionsOf(conf, 'OUTPUT', 'es')[0], 'storage.total_limit_size')).toBeUndefined();
    });
  });

  describe('operations', () => {
    test('metrics port, probes for image 5.x, Service and scrape annotations', () => {
      const c = chart();
      const col = collector(c);
      const manifests = synth(c);
      const container = podSpec(manifests).containers[0];
      expect(container.ports).toEqual([{ name: 'http', containerPort: 2020, protocol: 'TCP' }]);
      expect(container.livenessProbe.httpGet).toMatchObject({ path: '/', port: 2020 });
      expect(container.readinessProbe.httpGet).toMatchObject({ path: '/api/v2/health', port: 2020 });
      expect(byKind(manifests, 'Service').spec.ports).toEqual([{ name: 'http', port: 2020, protocol: 'TCP', targetPort: 'http' }]);
      expect(byKind(manifests, 'DaemonSet').spec.template.metadata.annotations['prometheus.io/path']).toBe('/api/v2/metrics/prometheus');
      expect(col.metricsPath).toBe('/api/v2/metrics/prometheus');
      expect(get(sectionsOf(col.configFiles['fluent-bit.conf'], 'SERVICE')[0], 'Health_Check')).toBe('On');
    });

    test('an older image gets the v1 health endpoint', () => {
      const c = chart();
      collector(c, { image: 'cr.fluentbit.io/fluent/fluent-bit:4.0.3' });
      expect(podSpec(synth(c)).containers[0].readinessProbe.httpGet.path).toBe('/api/v1/health');
    });

    test('metricsService false drops the Service', () => {
      const c = chart();
      collector(c, { metricsService: false });
      expect(synth(c).map(m => m.kind)).not.toContain('Service');
    });

    test('root only to read logs: read-only root, no escalation, drop ALL, RuntimeDefault', () => {
      const c = chart();
      const col = collector(c);
      const pod = podSpec(synth(c));
      expect(pod.containers[0].securityContext).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: false,
        runAsUser: 0,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(pod.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
      expect(col.podSecurityLevel).toBe(PodSecurityLevel.PRIVILEGED);
    });

    test('tolerates every taint, Linux only, system-node-critical, rolling without surge', () => {
      const c = chart();
      collector(c);
      const manifests = synth(c);
      const pod = podSpec(manifests);
      expect(pod.tolerations).toEqual([{ operator: 'Exists' }]);
      expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
      expect(pod.priorityClassName).toBe('system-node-critical');
      expect(byKind(manifests, 'DaemonSet').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    });

    test('memory limit and requests; no CPU limit', () => {
      const c = chart();
      collector(c);
      expect(podSpec(synth(c)).containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    });

    test('a config change changes the checksum annotation, so the pods roll', () => {
      const checksum = (logLevel: string) => {
        const c = chart();
        collector(c, { logLevel });
        return byKind(synth(c), 'DaemonSet').spec.template.metadata.annotations['checksum/config'];
      };
      expect(checksum('info')).toMatch(/^[0-9a-f]{64}$/);
      expect(checksum('info')).not.toEqual(checksum('debug'));
    });

    test('shared options override the preset prop by prop', () => {
      const c = chart();
      collector(c, { priorityClassName: 'logging-critical', resources: { cpu: { request: kplus.Cpu.millis(50) } } });
      const pod = podSpec(synth(c));
      expect(pod.priorityClassName).toBe('logging-critical');
      expect(pod.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '256Mi' } });
    });
  });

  test('public outputs', () => {
    const col = collector(Testing.chart());
    expect(col.engine.name).toBe('fluent-bit');
    expect(col.metricsPort).toBe(2020);
    expect(col.stateDirectory).toBe('/var/lib/fluent-bit');
    expect(Object.keys(col.configFiles)).toEqual(['fluent-bit.conf']);
  });
});

describe('what Fluent Bit 5.1.1 refuses at start is refused at synth', () => {
  const s3 = (totalFileSize: Size) => LogOutput.s3({ bucket: 'logs-bucket', region: 'us-east-1', totalFileSize });

  test.each([
    // flb_parser_create: "parser named 'json' already exists, skip." and the parsers file fails to load.
    ['a parser named like one of the image\'s (json)', { parsers: [{ name: 'json', format: LogParserFormat.JSON }] },
      /parsers\[0\]\.name: Invalid value: "json": the Fluent Bit image's parsers\.conf already has a parser of this name, and Fluent Bit stops at start/],
    ['a parser named like one of the image\'s (cri)', { parsers: [{ name: 'cri', format: LogParserFormat.REGEX, regex: '^(?<log>.*)$' }] }, /parsers\[0\]\.name: Invalid value: "cri"/],
    ['a parser named like one of the image\'s (k8s-nginx-ingress)', { parsers: [{ name: 'k8s-nginx-ingress', format: LogParserFormat.LTSV }] }, /parsers\[0\]\.name: Invalid value: "k8s-nginx-ingress"/],
    // out_s3: "total_file_size must be at least 1MB" (1,000,000 bytes).
    ['an S3 object under 1,000,000 bytes', { outputs: [s3(Size.kibibytes(976))] }, /outputs\[0\]\.totalFileSize: Invalid value: "999424 bytes": Fluent Bit's s3 output takes 1,000,000 to 1,000,000,000 bytes/],
    // out_s3 with use_put_object: MAX_FILE_SIZE_PUT_OBJECT (1,000,000,000 bytes).
    ['an S3 object over 1,000,000,000 bytes', { outputs: [s3(Size.mebibytes(954))] }, /outputs\[0\]\.totalFileSize: Invalid value: "1000341504 bytes"/],
  ])('%s', (_name, props, expected) => {
    expect(() => collector(chart(), props as any)).toThrow(expected);
  });

  test('a parser regex with Onigmo escapes Fluent Bit accepts (\\h, \\z) passes', () => {
    const conf = collector(chart(), { parsers: [{ name: 'hex', format: LogParserFormat.REGEX, regex: '^\\h+ (?<msg>.*)\\z' }] }).configFiles;
    expect(get(parseFluentBit(conf['custom_parsers.conf'])[0], 'Regex')).toBe('^\\h+ (?<msg>.*)\\z');
  });

  test('Fluent Bit compares parser names with case; the sizes at the bounds pass', () => {
    const conf = collector(chart(), {
      parsers: [{ name: 'JSON', format: LogParserFormat.JSON }],
      outputs: [s3(Size.kibibytes(977)), s3(Size.mebibytes(953))],
    }).configFiles;
    expect(conf['custom_parsers.conf']).toContain('Name   JSON');
    expect(sectionsOf(conf['fluent-bit.conf'], 'OUTPUT', 's3').map(o => get(o, 'total_file_size'))).toEqual(['1000448', '999292928']);
  });
});
