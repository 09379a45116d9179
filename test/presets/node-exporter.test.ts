import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NodeExporterDaemonSet, NodeExporterDaemonSetProps, PodSecurityLevel } from '../../src';
import { byKind, podSpec, synth, synthExample } from '../helpers/synth';

function render(props: NodeExporterDaemonSetProps = {}) {
  const chart = Testing.chart();
  const exporter = new NodeExporterDaemonSet(chart, 'ne', props);
  const manifests = synth(chart);
  return { exporter, manifests, container: podSpec(manifests).containers[0] };
}

function renderError(props: NodeExporterDaemonSetProps): string {
  try {
    render(props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the construct to reject its props');
}

describe('NodeExporterDaemonSet', () => {
  test('defaults', () => {
    expect(render().manifests).toMatchSnapshot();
  });

  test('custom', () => {
    expect(render({
      metadata: { name: 'node-exporter', namespace: 'monitoring' },
      image: 'quay.io/prometheus/node-exporter:v1.12.1-distroless',
      port: 9200,
      hostRootFsMountPropagation: kplus.MountPropagation.NONE,
      fsTypesExclude: '^(tmpfs|overlay)$',
      enabledCollectors: ['systemd', 'processes'],
      disabledCollectors: ['wifi', 'hwmon'],
      textfileDirectory: '/var/lib/node_exporter/textfile_collector',
      extraArgs: ['--web.max-requests=20'],
      runAsUser: 65532,
      runAsGroup: 65532,
      resources: { memory: { request: Size.mebibytes(64), limit: Size.mebibytes(64) } },
    }).manifests).toMatchSnapshot();
  });

  test('pins a current node-exporter image', () => {
    expect(render().container.image).toBe('quay.io/prometheus/node-exporter:v1.12.1');
  });

  test('one port prop drives the listen address, ports, probes, Service and scrape annotation', () => {
    const { manifests, container, exporter } = render({ port: 9200 });
    expect(exporter.port).toBe(9200);
    expect(container.args).toContain('--web.listen-address=[$(HOST_IP)]:9200');
    expect(container.ports).toEqual([{ name: 'metrics', containerPort: 9200, hostPort: 9200, protocol: 'TCP' }]);
    expect(container.readinessProbe.httpGet.port).toBe(9200);
    expect(container.livenessProbe.httpGet.port).toBe(9200);
    expect(byKind(manifests, 'Service').spec.ports).toEqual([{ name: 'metrics', port: 9200, targetPort: 'metrics', protocol: 'TCP' }]);
    expect(byKind(manifests, 'DaemonSet').spec.template.metadata.annotations).toEqual({
      'prometheus.io/scrape': 'true', 'prometheus.io/port': '9200',
    });
  });

  test('probes / on the port, liveness more leniently than readiness', () => {
    const { container } = render();
    expect(container.readinessProbe).toEqual({ httpGet: { path: '/', port: 9100, scheme: 'HTTP' }, failureThreshold: 3 });
    expect(container.livenessProbe).toEqual({ httpGet: { path: '/', port: 9100, scheme: 'HTTP' }, failureThreshold: 5, periodSeconds: 30 });
  });

  test('without host network, listens on every address of the pod', () => {
    expect(render({ hostNetwork: false }).container.args).toContain('--web.listen-address=:9100');
  });

  test('runAsUser 0 is enough to run as root', () => {
    expect(render({ runAsUser: 0 }).container.securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
  });

  test('listens on the node IP from the downward API', () => {
    expect(render().container.env).toEqual([{ name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }]);
  });

  test('host network and PID, not IPC; never privileged; user 65534', () => {
    const { manifests, container, exporter } = render();
    const spec = podSpec(manifests);
    expect([spec.hostNetwork, spec.hostPID, spec.hostIPC]).toEqual([true, true, false]);
    expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(container.securityContext).toMatchObject({
      privileged: false,
      runAsUser: 65534,
      runAsGroup: 65534,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(exporter.podSecurityLevel).toBe(PodSecurityLevel.PRIVILEGED);
  });

  test('every argument is one --flag=value element', () => {
    for (const arg of render().container.args) expect(arg).toMatch(/^--[a-z.-]+=\S+$/);
  });

  test('mounts /proc, /sys and / read-only, / with HostToContainer propagation', () => {
    const { manifests, container } = render();
    expect(container.volumeMounts).toEqual([
      { name: 'proc', mountPath: '/host/proc', readOnly: true },
      { name: 'sys', mountPath: '/host/sys', readOnly: true },
      { name: 'root', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
    ]);
    expect(podSpec(manifests).volumes.map((v: any) => v.hostPath.path)).toEqual(['/proc', '/sys', '/']);
    expect(container.args).toEqual(expect.arrayContaining(['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--path.rootfs=/host/root', '--path.udev.data=/host/root/run/udev/data']));
  });

  test('without the root mount, --path.rootfs and --path.udev.data go too', () => {
    const { container } = render({ hostRootFsMount: false });
    expect(container.volumeMounts.map((m: any) => m.name)).toEqual(['proc', 'sys']);
    expect(container.args.some((a: string) => a.startsWith('--path.rootfs') || a.startsWith('--path.udev.data'))).toBe(false);
  });

  test('spells the filesystem flags for the image version, never both names', () => {
    const current = render().container.args;
    expect(current.filter((a: string) => a.startsWith('--collector.filesystem.mount-points-exclude='))).toHaveLength(1);
    expect(current.some((a: string) => a.includes('ignored-mount-points'))).toBe(false);
    const old = render({ image: 'prom/node-exporter:v1.1.2', fsTypesExclude: '^tmpfs$' }).container.args;
    expect(old.filter((a: string) => a.startsWith('--collector.filesystem.ignored-mount-points='))).toHaveLength(1);
    expect(old).toContain('--collector.filesystem.ignored-fs-types=^tmpfs$');
    expect(old.some((a: string) => a.includes('-exclude='))).toBe(false);
    expect(old.some((a: string) => a.startsWith('--path.udev.data'))).toBe(false);
  });

  test('an old version given by prop acknowledges the deprecation warning the validator cannot know is wrong', () => {
    const chart = Testing.chart();
    chart.node.setContext('cdk8s-daemonsets:warningsAsErrors', true);
    new NodeExporterDaemonSet(chart, 'ne', { metadata: { namespace: 'monitoring' }, image: 'registry.example.com/ne:custom', version: '1.1.0' });
    const args = podSpec(synth(chart)).containers[0].args;
    expect(args.some((a: string) => a.startsWith('--collector.filesystem.ignored-mount-points='))).toBe(true);
  });

  test('the version prop wins over a tag that is not a version', () => {
    const args = render({ image: 'registry.example.com/ne@sha256:' + 'a'.repeat(64), version: '1.1.0' }).container.args;
    expect(args.some((a: string) => a.startsWith('--collector.filesystem.ignored-mount-points='))).toBe(true);
  });

  test('collector and textfile props become flags and a read-only mount', () => {
    const { container, manifests } = render({ enabledCollectors: ['systemd'], disabledCollectors: ['wifi'], textfileDirectory: '/var/lib/ne' });
    expect(container.args).toEqual(expect.arrayContaining(['--collector.systemd', '--no-collector.wifi', '--collector.textfile.directory=/host/textfile']));
    expect(container.volumeMounts).toContainEqual({ name: 'textfile', mountPath: '/host/textfile', readOnly: true });
    expect(podSpec(manifests).volumes).toContainEqual({ name: 'textfile', hostPath: { path: '/var/lib/ne', type: '' } });
  });

  test('requests and limits by default, memory request = limit', () => {
    const { resources } = render().container;
    expect(resources).toEqual({ requests: { cpu: '100m', memory: '180Mi' }, limits: { cpu: '250m', memory: '180Mi' } });
  });

  test('a user resource overrides only that resource', () => {
    const { resources } = render({ resources: { cpu: { request: kplus.Cpu.millis(150) } } }).container;
    expect(resources).toEqual({ requests: { cpu: '150m', memory: '180Mi' }, limits: { memory: '180Mi' } });
  });

  test('shared options override the preset prop by prop', () => {
    const { manifests } = render({ hostIPC: true, priorityClassName: 'system-cluster-critical', nodeSelector: { monitored: 'yes' } });
    const spec = podSpec(manifests);
    expect(spec.hostIPC).toBe(true);
    expect(spec.hostNetwork).toBe(true);
    expect(spec.priorityClassName).toBe('system-cluster-critical');
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'monitored': 'yes' });
  });

  test('a headless Service selects the exporter pods', () => {
    const { manifests, exporter } = render();
    const service = byKind(manifests, 'Service');
    expect(service.spec.clusterIP).toBe('None');
    expect(service.spec.selector).toEqual(exporter.selectorLabels);
    expect(exporter.selectorLabels).toEqual({ 'app.kubernetes.io/name': 'node-exporter', 'app.kubernetes.io/instance': byKind(manifests, 'DaemonSet').metadata.name });
  });

  describe('rejects bad props', () => {
    test.each<[string, NodeExporterDaemonSetProps, RegExp]>([
      ['port 0', { port: 0 }, /^\[test\/ne\] port: Invalid value: 0: must be between 1 and 65535, inclusive \(container-port\)/],
      ['port 70000', { port: 70000 }, /^\[test\/ne\] port: Invalid value: 70000/],
      ['a flag and its value in two arguments', { extraArgs: ['--collector.textfile.directory', '/x'] }, /extraArgs\[0\]: Invalid value: "--collector.textfile.directory": a flag and its value belong in one argument/],
      ['the deprecated filesystem flag', { extraArgs: ['--collector.filesystem.ignored-mount-points=^/x'] }, /extraArgs\[0\]: Invalid value: .*renamed to --collector\.filesystem\.mount-points-exclude in node-exporter 1\.2\.0/],
      ['a new flag name on an old image', { image: 'prom/node-exporter:v1.0.1', extraArgs: ['--collector.diskstats.device-exclude=^sd'] },
        /extraArgs\[0\]: Invalid value: .*node-exporter 1\.0\.1 does not know this flag \(added in 1\.4\.0\)/],
      ['a flag twice in extraArgs', { extraArgs: ['--web.max-requests=5', '--web.max-requests=6'] }, /extraArgs\[1\]: Invalid value: .*this flag is already in extraArgs/],
      ['a version that is no release', { version: 'banana' }, /version: Invalid value: "banana": must be a release version/],
      ['a mount point expression that does not compile', { mountPointsExclude: '^(/x' }, /mountPointsExclude: Invalid value: "\^\(\/x": is not a valid regular expression/],
      ['a file system type expression on two lines', { fsTypesExclude: '^tmpfs$\n^x$' }, /fsTypesExclude: Invalid value: .*must be a one-line regular expression/],
      ['Bidirectional on the root mount', { hostRootFsMountPropagation: kplus.MountPropagation.BIDIRECTIONAL }, /hostRootFsMountPropagation: Invalid value: "Bidirectional": would need a privileged container/],
      ['a flag the construct sets', { extraArgs: ['--path.procfs=/proc'] }, /extraArgs\[0\]: Invalid value: "--path.procfs=\/proc": this flag is already set/],
      ['a collector both on and off', { enabledCollectors: ['wifi'], disabledCollectors: ['wifi'] }, /disabledCollectors\[0\]: Invalid value: "wifi": a collector cannot be both enabled and disabled/],
      ['a malformed collector name', { enabledCollectors: ['Bad Name'] }, /enabledCollectors\[0\]: Invalid value: "Bad Name": not a node-exporter collector/],
      ['user acknowledgements as a string (JavaScript)', { acknowledgedWarnings: 'x' as any }, /acknowledgedWarnings: Invalid value: "x": must be a list/],
      ['user mounts as a string (JavaScript)', { hostPathMounts: 'x' as any }, /hostPathMounts: Invalid value: "x": must be a list/],
      ['a misspelt collector', { disabledCollectors: ['wfi'] }, /disabledCollectors\[0\]: Invalid value: "wfi": not a node-exporter collector .* use extraArgs/],
      ['an argument that is not a flag', { extraArgs: ['verbose'] }, /extraArgs\[0\]: Invalid value: "verbose": each argument must be one --flag/],
      ['a collector named twice', { enabledCollectors: ['systemd', 'systemd'] }, /enabledCollectors\[1\]: Invalid value: "systemd": each collector may be named once/],
      ['an extra flag that undoes a disabled collector', { disabledCollectors: ['wifi'], extraArgs: ['--collector.wifi'] }, /extraArgs\[0\]: Invalid value: "--collector.wifi": this flag is already set/],
      ['a relative textfile directory', { textfileDirectory: 'textfiles' }, /textfileDirectory: Invalid value: "textfiles": must be an absolute path/],
      ['an empty textfile directory', { textfileDirectory: '' }, /textfileDirectory: Invalid value: "": must be an absolute path/],
      ['a root mount propagation without the root mount', { hostRootFsMount: false, hostRootFsMountPropagation: kplus.MountPropagation.NONE }, /hostRootFsMountPropagation: Invalid value: "None": has no effect/],
      ['a user mount with a relative path, named by its own index', { hostPathMounts: [{ name: 'dev', hostPath: 'dev', mountPath: '/host/dev' }] }, /hostPathMounts\[0\]\.hostPath: Invalid value: "dev"/],
    ])('%s', (_what, props, expected) => {
      expect(renderError(props)).toMatch(expected);
    });
  });
});

describe('the node-exporter examples', () => {
  test('seed-node-exporter', () => {
    expect(synthExample('seed-node-exporter')).toMatchSnapshot();
  });

  test('seed-node-exporter keeps the seed\'s intent', () => {
    const manifests = synthExample('seed-node-exporter');
    const ds = byKind(manifests, 'DaemonSet');
    const spec = ds.spec.template.spec;
    const container = spec.containers[0];
    expect(ds.metadata).toMatchObject({ name: 'node-exporter', namespace: 'monitoring', labels: { name: 'node-exporter' } });
    expect(ds.spec.template.metadata.labels.name).toBe('node-exporter');
    expect(ds.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9100' });
    expect([spec.hostPID, spec.hostIPC, spec.hostNetwork]).toEqual([true, true, true]);
    expect(container.resources.requests.cpu).toBe('150m');
    expect(container.ports[0]).toMatchObject({ containerPort: 9100, protocol: 'TCP' });
    expect(container.securityContext.privileged).toBe(false);
    expect(spec.volumes.map((v: any) => v.hostPath.path).sort()).toEqual(['/', '/dev', '/proc', '/sys']);
    expect(container.args).toContain('--collector.filesystem.mount-points-exclude=^/(sys|proc|dev|host|etc)($|/)');
    expect(byKind(manifests, 'Namespace').metadata).toMatchObject({ name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } });
  });

  test('node-exporter (defaults)', () => {
    expect(synthExample('node-exporter')).toMatchSnapshot();
  });
});
