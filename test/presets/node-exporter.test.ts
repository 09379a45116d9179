import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NodeExporterDaemonSet, NodeExporterDaemonSetProps, PodSecurityLevel, ServiceIpFamilyPolicy } from '../../src';
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
      'prometheus.io/scrape': 'true', 'prometheus.io/port': '9200', 'prometheus.io/path': '/metrics',
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

  test('the collectors of the image\'s own release are accepted, 1.12.1\'s newest among them', () => {
    const newest = ['bcachefs', 'dmmultipath', 'kernel_hung', 'nvmesubsystem'];
    expect(render({ enabledCollectors: newest }).container.args).toEqual(expect.arrayContaining(newest.map(c => `--collector.${c}`)));
    expect(render({ image: 'prom/node-exporter:v1.5.0', disabledCollectors: ['selinux', 'cgroups'] }).container.args)
      .toEqual(expect.arrayContaining(['--no-collector.selinux', '--no-collector.cgroups']));
  });

  test('the systemd and logind collectors get the node\'s D-Bus system socket, read-only, and only they', () => {
    const { container, manifests } = render({ enabledCollectors: ['systemd'] });
    expect(container.volumeMounts).toContainEqual({ name: 'dbus', mountPath: '/var/run/dbus/system_bus_socket', readOnly: true });
    expect(podSpec(manifests).volumes).toContainEqual({ name: 'dbus', hostPath: { path: '/var/run/dbus/system_bus_socket', type: 'Socket' } });
    expect(render({ enabledCollectors: ['logind'] }).container.volumeMounts.map((m: any) => m.name)).toContain('dbus');
    expect(render({ enabledCollectors: ['processes'] }).container.volumeMounts.map((m: any) => m.name)).not.toContain('dbus');
  });

  test('Go regular expressions node-exporter accepts pass, (?<name>) from the release built with Go 1.22', () => {
    const args = render({ mountPointsExclude: '^/(?P<top>dev|proc)(?P<top>/|$)\\z', extraArgs: ['--collector.netdev.device-exclude=^(?<kind>veth|cali)[a-f0-9]{0,15}$'] }).container.args;
    expect(args).toContain('--collector.netdev.device-exclude=^(?<kind>veth|cali)[a-f0-9]{0,15}$');
    expect(render({ image: 'prom/node-exporter:v1.8.0', fsTypesExclude: '^(?<t>tmpfs)$' }).container.args).toContain('--collector.filesystem.fs-types-exclude=^(?<t>tmpfs)$');
    // node-exporter anchors the systemd unit filters as ^(?:<value>)$, which balances this one.
    expect(render({ extraArgs: ['--collector.systemd.unit-include=a)|(b'] }).container.args).toContain('--collector.systemd.unit-include=a)|(b');
    // Not a group: an escaped parenthesis, and one inside a character class.
    expect(render({ image: 'prom/node-exporter:v1.7.0', fsTypesExclude: '^\\(?<x>[(?<]$' }).container.args).toContain('--collector.filesystem.fs-types-exclude=^\\(?<x>[(?<]$');
  });

  test('an old flag name the image\'s release still accepts passes, for the validator to warn about', () => {
    const chart = Testing.chart();
    new NodeExporterDaemonSet(chart, 'ne', { extraArgs: ['--collector.diskstats.ignored-devices=^ram'] });
    expect(podSpec(synth(chart)).containers[0].args).toContain('--collector.diskstats.ignored-devices=^ram');
    const strict = Testing.chart();
    strict.node.setContext('cdk8s-daemonsets:warningsAsErrors', true);
    new NodeExporterDaemonSet(strict, 'ne', { extraArgs: ['--collector.diskstats.ignored-devices=^ram'] });
    expect(() => synth(strict)).toThrow(/node-exporter-deprecated-flag/);
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
      // node-exporter 1.12.1: "--collector.filesystem.ignored-mount-points and --collector.filesystem.mount-points-exclude are mutually exclusive".
      ['the old filesystem flag beside the new one the preset sets', { extraArgs: ['--collector.filesystem.ignored-mount-points=^/x'] },
        /extraArgs\[0\]: Invalid value: .*refuses it together with --collector\.filesystem\.mount-points-exclude \("mutually exclusive"\) and exits; for the filesystem filters use mountPointsExclude/],
      ['an include filter beside the exclude filter the preset sets', { extraArgs: ['--collector.filesystem.mount-points-include=^/data'] },
        /extraArgs\[0\]: Invalid value: .*refuses it together with --collector\.filesystem\.mount-points-exclude/],
      ['the old fs-types flag beside fsTypesExclude', { fsTypesExclude: '^tmpfs$', extraArgs: ['--collector.filesystem.ignored-fs-types=^x$'] },
        /extraArgs\[0\]: Invalid value: .*together with --collector\.filesystem\.fs-types-exclude/],
      // node-exporter 1.12.1: "--collector.systemd.unit-whitelist and --collector.systemd.unit-include are mutually exclusive".
      ['an old systemd filter name beside its new name', { extraArgs: ['--collector.systemd.unit-include=kubelet.service', '--collector.systemd.unit-whitelist=x'] },
        /extraArgs\[1\]: Invalid value: .*refuses it together with --collector\.systemd\.unit-include \("mutually exclusive"\) and exits; drop one of them/],
      // node-exporter 1.0.0 renamed it (device-blacklist, then device-exclude in 1.1.0): 1.12.1 exits with "unknown long flag".
      ['netdev\'s 0.x flag name on a 1.x image', { extraArgs: ['--collector.netdev.ignored-devices=^lo$'] },
        /extraArgs\[0\]: Invalid value: .*node-exporter 1\.0\.0 and later do not know this flag and exit at start: use --collector\.netdev\.device-exclude/],
      ['a new flag name on an old image', { image: 'prom/node-exporter:v1.0.1', extraArgs: ['--collector.diskstats.device-exclude=^sd'] },
        /extraArgs\[0\]: Invalid value: .*node-exporter 1\.0\.1 does not know this flag \(added in 1\.4\.0\)/],
      ['a flag twice in extraArgs', { extraArgs: ['--web.max-requests=5', '--web.max-requests=6'] }, /extraArgs\[1\]: Invalid value: .*this flag is already in extraArgs/],
      ['a version that is no release', { version: 'banana' }, /version: Invalid value: "banana": must be a release version/],
      ['a mount point expression that does not compile', { mountPointsExclude: '^(/x' }, /mountPointsExclude: Invalid value: "\^\(\/x": is not a valid Go \(RE2\) regular expression, so node-exporter would panic at start: error parsing regexp: missing closing \)/],
      // JavaScript compiles these; Go's regexp (RE2) does not, and node-exporter panics in regexp.MustCompile.
      ['a lookahead in mountPointsExclude', { mountPointsExclude: '^/(?!data)' }, /mountPointsExclude: Invalid value: .*invalid or unsupported Perl syntax: `\(\?!`/],
      ['a backreference in fsTypesExclude', { fsTypesExclude: '^(ext)\\1$' }, /fsTypesExclude: Invalid value: .*invalid escape sequence: `\\1`/],
      ['a lookbehind in a device filter of extraArgs', { extraArgs: ['--collector.netdev.device-exclude=(?<!eth)0'] }, /extraArgs\[0\]: Invalid value: .*error parsing regexp: invalid named capture: `\(\?<!eth\)0`/],
      ['an unbalanced systemd unit filter', { extraArgs: ['--collector.systemd.unit-include=(a'] }, /extraArgs\[0\]: Invalid value: .*missing closing \): `\^\(\?:\(a\)\$`/],
      ['a filter that only balances inside the systemd collector\'s anchoring', { extraArgs: ['--collector.netdev.device-include=a)|(b'] }, /extraArgs\[0\]: Invalid value: .*unexpected \)/],
      ['(?<name>) on a release built with Go older than 1.22', { image: 'prom/node-exporter:v1.7.0', mountPointsExclude: '^/(?<top>[a-z]+)/' },
        /mountPointsExclude: Invalid value: .*uses a named group \(\?<name>\.\.\.\), which this node-exporter release \(built with Go older than 1\.22\) refuses: write \(\?P<name>\.\.\.\)/],
      ['a release older than the preset supports', { image: 'prom/node-exporter:v0.16.0' }, /image: Invalid value: "prom\/node-exporter:v0\.16\.0": node-exporter 0\.16\.0 is older than 0\.17\.0, the first release with --path\.rootfs/],
      ['a version older than the preset supports', { image: 'example.com/ne:custom', version: '0.15.2' }, /version: Invalid value: "0\.15\.2": node-exporter 0\.15\.2 is older than 0\.17\.0/],
      ['a collector newer than the image (enabling)', { image: 'quay.io/prometheus/node-exporter:v1.10.1', enabledCollectors: ['kernel_hung'] },
        /enabledCollectors\[0\]: Invalid value: "kernel_hung": node-exporter 1\.10\.1 has no kernel_hung collector \(added in 1\.11\.0\) and exits on --collector\.kernel_hung/],
      ['a collector newer than the image (disabling)', { image: 'prom/node-exporter:v1.5.0', disabledCollectors: ['watchdog'] },
        /disabledCollectors\[0\]: Invalid value: "watchdog": node-exporter 1\.5\.0 has no watchdog collector \(added in 1\.8\.0\) and exits on --no-collector\.watchdog/],
      ['a file system type expression on two lines', { fsTypesExclude: '^tmpfs$\n^x$' }, /fsTypesExclude: Invalid value: .*must be a one-line regular expression/],
      ['Bidirectional on the root mount', { hostRootFsMountPropagation: kplus.MountPropagation.BIDIRECTIONAL }, /hostRootFsMountPropagation: Invalid value: "Bidirectional": would need a privileged container/],
      ['a flag the construct sets', { extraArgs: ['--path.procfs=/proc'] }, /extraArgs\[0\]: Invalid value: "--path.procfs=\/proc": this flag is already set/],
      ['a collector both on and off', { enabledCollectors: ['wifi'], disabledCollectors: ['wifi'] }, /disabledCollectors\[0\]: Invalid value: "wifi": a collector cannot be both enabled and disabled/],
      ['a malformed collector name', { enabledCollectors: ['Bad Name'] }, /enabledCollectors\[0\]: Invalid value: "Bad Name": not a node-exporter collector/],
      ['user acknowledgements as a string (JavaScript)', { acknowledgedWarnings: 'x' as any }, /acknowledgedWarnings: Invalid value: a string of 1 character: must be a list/],
      ['user mounts as a string (JavaScript)', { hostPathMounts: 'x' as any }, /hostPathMounts: Invalid value: a string of 1 character: must be a list/],
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
    expect(ds.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9100', 'prometheus.io/path': '/metrics' });
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

describe('listening, mount propagation and extra host mounts (issue 14)', () => {
  const build = (props: NodeExporterDaemonSetProps) => {
    const chart = Testing.chart();
    new NodeExporterDaemonSet(chart, 'ne', props);
    return Testing.synth(chart);
  };
  const container = (props: NodeExporterDaemonSetProps) => build(props).find(m => m.kind === 'DaemonSet').spec.template.spec.containers[0];

  test('listenOnAllInterfaces binds every interface, IPv4 and IPv6 (Go\'s empty host), instead of the node IP', () => {
    expect(container({}).args).toContain('--web.listen-address=[$(HOST_IP)]:9100');
    expect(container({ listenOnAllInterfaces: true, port: 9200 }).args).toContain('--web.listen-address=:9200');
  });

  test('dual-stack: a headless Service with endpoints of both families', () => {
    const svc = build({ listenOnAllInterfaces: true, service: { ipFamilyPolicy: ServiceIpFamilyPolicy.PREFER_DUAL_STACK } }).find(m => m.kind === 'Service');
    expect(svc.spec).toMatchObject({ clusterIP: 'None', ipFamilyPolicy: 'PreferDualStack' });
    expect(svc.spec.ports).toEqual([expect.objectContaining({ name: 'metrics', port: 9100 })]);
  });

  test('/proc and /sys mount propagation, as the root mount has', () => {
    const mounts = container({
      hostProcFsMountPropagation: kplus.MountPropagation.HOST_TO_CONTAINER,
      hostSysFsMountPropagation: kplus.MountPropagation.HOST_TO_CONTAINER,
    }).volumeMounts;
    expect(mounts.filter((m: any) => ['/host/proc', '/host/sys', '/host/root'].includes(m.mountPath)).map((m: any) => m.mountPropagation))
      .toEqual(['HostToContainer', 'HostToContainer', 'HostToContainer']);
    expect(container({}).volumeMounts.find((m: any) => m.mountPath === '/host/proc').mountPropagation).toBeUndefined();
  });

  test.each(['hostProcFsMountPropagation', 'hostSysFsMountPropagation'])('%s Bidirectional is refused', prop => {
    expect(() => build({ [prop]: kplus.MountPropagation.BIDIRECTIONAL })).toThrow(new RegExp(`${prop}: Invalid value: "Bidirectional": would need a privileged container`));
  });

  test('the chart\'s extraHostVolumeMounts are hostPathMounts: type, read-only and propagation included', () => {
    const chart = Testing.chart();
    new NodeExporterDaemonSet(chart, 'ne', {
      hostPathMounts: [{ name: 'nvme', hostPath: '/run/nvme', mountPath: '/host/run/nvme', type: kplus.HostPathVolumeType.DIRECTORY, propagation: kplus.MountPropagation.HOST_TO_CONTAINER }],
    });
    const pod = Testing.synth(chart).find(m => m.kind === 'DaemonSet').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'nvme', hostPath: { path: '/run/nvme', type: 'Directory' } });
    expect(pod.containers[0].volumeMounts[0]).toEqual({ name: 'nvme', mountPath: '/host/run/nvme', readOnly: true, mountPropagation: 'HostToContainer' });
  });
});

describe('the Service (issue 14)', () => {
  test('portName names the container port and the Service port', () => {
    const { manifests, container } = render({ portName: 'http-metrics' });
    expect(container.ports).toEqual([{ name: 'http-metrics', containerPort: 9100, hostPort: 9100, protocol: 'TCP' }]);
    expect(byKind(manifests, 'Service').spec.ports).toEqual([expect.objectContaining({ name: 'http-metrics', targetPort: 'http-metrics' })]);
  });

  test('a portName that is no port name', () => {
    expect(renderError({ portName: 'Metrics_Port' })).toMatch(/portName: Invalid value: "Metrics_Port"/);
  });

  test('service.enabled false turns the Service off', () => {
    expect(render({ service: { enabled: false } }).manifests.filter(m => m.kind === 'Service')).toEqual([]);
  });
});
