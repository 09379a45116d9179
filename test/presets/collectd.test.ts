import { Testing } from 'cdk8s';
import { CollectdDaemonSet, CollectdDaemonSetProps, PodSecurityLevel } from '../../src';
import { parseCollectdConf } from '../helpers/collectd-conf';
import { byKind, podSpec, synth, synthExample } from '../helpers/synth';
import { expectValidExample, SURGE } from './storage/helpers';

function render(props: CollectdDaemonSetProps = {}) {
  const chart = Testing.chart();
  const collectd = new CollectdDaemonSet(chart, 'collectd', props);
  const manifests = synth(chart);
  const pod = podSpec(manifests);
  return { collectd, manifests, pod, ds: byKind(manifests, 'DaemonSet'), container: pod.containers[0], conf: parseCollectdConf(byKind(manifests, 'ConfigMap').data['collectd.conf']) };
}

function errorOf(props: CollectdDaemonSetProps): string {
  try {
    render(props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}


const opt = (entries: Array<[string, string[]]>, key: string) => entries.filter(([k]) => k === key).map(([, v]) => v);

describe('CollectdDaemonSet', () => {
  test('defaults', () => {
    expect(render().manifests).toMatchSnapshot();
  });

  test('runAsUser 0 alone runs collectd as root (runAsNonRoot follows it)', () => {
    expect(render({ runAsUser: 0 }).container.securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
  });

  test('custom', () => {
    expect(render({
      metadata: { name: 'collectd', namespace: 'monitoring' },
      image: 'registry.example.com/collectd:5.12.0-1',
      collectdPath: '/usr/sbin/collectd',
      intervalSeconds: 60,
      cpu: { reportByCpu: false, valuesPercentage: true },
      memory: { valuesPercentage: true },
      load: { reportRelative: true },
      disk: { disks: ['/^nvme[0-9]+n[0-9]+$/', 'sda'] },
      df: { mountPoints: ['/', '/var/lib/'], valuesPercentage: true },
      networkInterfaces: { enabled: true, interfaces: ['eth0'] },
      writePrometheus: { port: 9200, service: false },
      network: { server: '192.0.2.10', port: 25827 },
      runAsUser: 65534,
      runAsGroup: 65534,
    }).manifests).toMatchSnapshot();
  });

  test('the generated collectd.conf parses, loads each configured plugin once and nothing else', () => {
    const { conf } = render({ networkInterfaces: { enabled: true }, network: { server: 'collectd.example.com' }, writePrometheus: {} });
    const loaded = opt(conf.options, 'LoadPlugin').map(v => v[0]);
    expect(loaded).toEqual(['cpu', 'memory', 'load', 'disk', 'df', 'interface', 'network', 'write_prometheus']);
    expect(Object.keys(conf.blocks)).toEqual(loaded);
    expect(opt(conf.options, 'Include')).toEqual([['/run/collectd/hostname.conf']]);
    expect(opt(conf.options, 'Interval')).toEqual([['10']]);
    expect(opt(conf.options, 'BaseDir')).toEqual([['/var/lib/collectd']]);
    expect(opt(conf.blocks.network, 'Server')).toEqual([['collectd.example.com', '25826']]);
    expect(opt(conf.blocks.write_prometheus, 'Port')).toEqual([['9103']]);
    expect(opt(conf.blocks.df, 'MountPoint')).toEqual([['/hostfs']]);
    expect(opt(conf.blocks.interface, 'Interface')).toEqual([['lo']]);
    expect(opt(conf.blocks.interface, 'IgnoreSelected')).toEqual([['true']]);
  });

  test('plugin options reach the config, quoted and escaped', () => {
    const { conf } = render({
      cpu: { reportByCpu: false, valuesPercentage: true },
      disk: { disks: ['/^sd"x[0-9]\\.$/'], ignoreSelected: true },
      df: { mountPoints: ['/', '/var/'] },
      load: { enabled: false },
      memory: { enabled: false },
    });
    expect(opt(conf.blocks.cpu, 'ReportByCpu')).toEqual([['false']]);
    expect(opt(conf.blocks.cpu, 'ValuesPercentage')).toEqual([['true']]);
    expect(opt(conf.blocks.disk, 'Disk')).toEqual([['/^sd"x[0-9]\\.$/']]);
    expect(opt(conf.blocks.disk, 'IgnoreSelected')).toEqual([['true']]);
    expect(opt(conf.blocks.df, 'MountPoint')).toEqual([['/hostfs'], ['/hostfs/var']]);
    expect(conf.blocks.load).toBeUndefined();
    expect(conf.blocks.memory).toBeUndefined();
  });

  test('the config is deterministic, and a change rolls the pods', () => {
    const a = render();
    expect(render().manifests).toEqual(a.manifests);
    const b = render({ intervalSeconds: 20 });
    expect(b.ds.spec.template.metadata.annotations['checksum/config']).not.toBe(a.ds.spec.template.metadata.annotations['checksum/config']);
  });

  test('scrape mode: a metrics port, TCP probes, a headless Service and scrape annotations', () => {
    const { manifests, container, ds, collectd } = render();
    expect(container.ports).toEqual([{ name: 'metrics', containerPort: 9103, protocol: 'TCP' }]);
    expect(container.readinessProbe.tcpSocket.port).toBe(9103);
    expect(container.livenessProbe.tcpSocket.port).toBe(9103);
    const service = byKind(manifests, 'Service');
    expect(service.spec).toMatchObject({ clusterIP: 'None', ports: [{ name: 'metrics', port: 9103 }] });
    expect(ds.spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9103' });
    expect(collectd.metricsPort).toBe(9103);
    expect(render({ writePrometheus: { service: false } }).manifests.some(m => m.kind === 'Service')).toBe(false);
  });

  test('push mode: no port, no Service, no write_prometheus', () => {
    const { manifests, container, conf, collectd } = render({ network: { server: 'collectd.example.com' } });
    expect(container.ports).toBeUndefined();
    expect(manifests.some(m => m.kind === 'Service')).toBe(false);
    expect(conf.blocks.write_prometheus).toBeUndefined();
    expect(collectd.metricsPort).toBeUndefined();
  });

  test('hardened by default: non-root, read-only root, nothing added, no host namespaces', () => {
    const { pod, container } = render();
    expect(container.securityContext).toMatchObject({
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.securityContext.capabilities.add).toBeUndefined();
    expect(pod).toMatchObject({ hostNetwork: false, hostPID: false, hostIPC: false });
  });

  test('only df mounts the host, read-only; without it the pods are restricted', () => {
    const { pod, container, collectd } = render();
    expect(pod.volumes.filter((v: any) => v.hostPath)).toEqual([{ name: 'hostfs', hostPath: { path: '/', type: '' } }]);
    expect(container.volumeMounts.find((m: any) => m.name === 'hostfs')).toMatchObject({ mountPath: '/hostfs', readOnly: true, mountPropagation: 'HostToContainer' });
    expect(collectd.podSecurityLevel).toBe(PodSecurityLevel.PRIVILEGED);
    const bare = render({ df: { enabled: false } });
    expect(bare.pod.volumes.filter((v: any) => v.hostPath)).toEqual([]);
    expect(bare.collectd.podSecurityLevel).toBe(PodSecurityLevel.RESTRICTED);
  });

  test('the interface plugin puts the pod on the host network, and refuses hostNetwork false', () => {
    const { pod } = render({ networkInterfaces: { enabled: true } });
    expect(pod.hostNetwork).toBe(true);
    expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(errorOf({ networkInterfaces: { enabled: true }, hostNetwork: false })).toMatch(/hostNetwork: Invalid value: false: the interface plugin/);
  });

  test('reports under the node name', () => {
    const { container } = render();
    expect(container.command[2]).toMatch(/Hostname "%s".*"\$NODE_NAME" > \/run\/collectd\/hostname.conf && exec \/opt\/collectd\/sbin\/collectd -f -C \/etc\/collectd-cdk8s\/collectd.conf$/);
    expect(container.env).toContainEqual({ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } });
  });

  test('rejects a surge rollout on the host network, allows it without', () => {
    expect(errorOf({ networkInterfaces: { enabled: true }, updateStrategy: SURGE })).toMatch(/maxSurge.*hostNetwork/);
    expect(render({ updateStrategy: SURGE }).ds.spec.updateStrategy.rollingUpdate.maxSurge).toBe(1);
  });

  test('the selector is stable across images', () => {
    const a = render().ds.spec.selector.matchLabels;
    expect(render({ image: 'docker.io/intel/observability-collectd:1.1' }).ds.spec.selector.matchLabels).toEqual(a);
    expect(Object.keys(a).sort()).toEqual(['app.kubernetes.io/instance', 'app.kubernetes.io/name']);
  });

  test('rejects bad props', () => {
    expect(errorOf({ intervalSeconds: 0 })).toMatch(/^\[test\/collectd\] intervalSeconds: Invalid value: 0/);
    expect(errorOf({ writePrometheus: { port: 70000 } })).toMatch(/writePrometheus.port: Invalid value: 70000/);
    expect(errorOf({ network: { server: 'bad host' } })).toMatch(/network.server: Invalid value/);
    expect(errorOf({ network: { server: 'a', port: 0 } })).toMatch(/network.port: Invalid value: 0/);
    expect(errorOf({ df: { mountPoints: ['var'] } })).toMatch(/df.mountPoints\[0\]: Invalid value/);
    expect(errorOf({ df: { mountPoints: [] } })).toMatch(/df.mountPoints: Invalid value/);
    expect(errorOf({ disk: { disks: ['/[/'] } })).toMatch(/disk.disks: Invalid value: "\/\[\/": is not a valid regular expression/);
    expect(errorOf({ collectdPath: 'collectd' })).toMatch(/collectdPath: Invalid value/);
    const off = { enabled: false };
    expect(errorOf({ cpu: off, memory: off, load: off, disk: off, df: off }))
      .toMatch(/plugins: Invalid value/);
  });

  test.each<[string, CollectdDaemonSetProps, RegExp]>([
    ['network server in brackets', { network: { server: '[::1]' } }, /network\.server: Invalid value: "\[::1\]": .*without brackets/],
    ['network server :::::', { network: { server: ':::::' } }, /network\.server: Invalid value: ":::::"/],
    ['network server with a newline', { network: { server: 'a\n</Plugin>' } }, /network\.server: Invalid value/],
    ['network without server (JavaScript)', { network: {} as any }, /network\.server: Invalid value: null: is required/],
    ['network not an object (JavaScript)', { network: 'host' as any }, /network: Invalid value: "host": must be a CollectdNetworkOptions/],
    ['a disk regex with (?', { disk: { disks: ['/^(?:sd)a$/'] } }, /disk\.disks: Invalid value: "\/\^\(\?:sd\)a\$\/": uses "\(\?"/],
    ['a disk regex with \\d', { disk: { disks: ['/^sd\\d$/'] } }, /disk\.disks: Invalid value: .*backslash escape such as \\d/],
    ['a disk regex with a lazy quantifier', { disk: { disks: ['/^sd.+?$/'] } }, /disk\.disks: Invalid value: .*lazy quantifier/],
    ['an interface regex with \\s', { networkInterfaces: { enabled: true, interfaces: ['/^eth\\s/'] } }, /networkInterfaces\.interfaces: Invalid value/],
    ['a disk name with a newline', { disk: { disks: ['sda\n</Plugin>'] } }, /disk\.disks: Invalid value: "sda\\n<\/Plugin>": must be one line/],
    ['a disk name with a space', { disk: { disks: ['sd a'] } }, /disk\.disks: Invalid value: "sd a": must be a device name/],
    ['ignoreSelected false without disks', { disk: { ignoreSelected: false } }, /disk\.ignoreSelected: Invalid value: false: applies to disks/],
    ['ignoreSelected true without disks', { disk: { ignoreSelected: true } }, /disk\.ignoreSelected: Invalid value: true/],
    ['intervalSeconds 1e21', { intervalSeconds: 1e21 }, /intervalSeconds: Invalid value: 1e\+21: must be a whole number from 1 to 86400/],
    ['intervalSeconds a day and more', { intervalSeconds: 86401 }, /intervalSeconds: Invalid value: 86401/],
    ['collectdPath with a shell command', { collectdPath: '/bin/x;id>/tmp/p' }, /collectdPath: Invalid value: "\/bin\/x;id>\/tmp\/p": must be an absolute path of letters/],
    ['collectdPath with $()', { collectdPath: '/bin/$(id)' }, /collectdPath: Invalid value/],
    ['collectdPath with ..', { collectdPath: '/bin/../x' }, /collectdPath: Invalid value/],
    ['a df mount point with a quote', { df: { mountPoints: ['/var/"x'] } }, /df\.mountPoints\[0\]: Invalid value/],
    ['a df mount point with a newline', { df: { mountPoints: ['/var\n'] } }, /df\.mountPoints\[0\]: Invalid value/],
  ])('rejects %s', (_, props, expected) => {
    const message = errorOf(props);
    expect(message).toMatch(/^\[test\/collectd\] [^ ]+: Invalid value: /);
    expect(message).toMatch(expected);
  });

  test('IPv6 and IPv4 servers are written bare', () => {
    expect(opt(render({ network: { server: '::1' } }).conf.blocks.network, 'Server')).toEqual([['::1', '25826']]);
    expect(opt(render({ network: { server: '2001:db8::10', port: 25827 } }).conf.blocks.network, 'Server')).toEqual([['2001:db8::10', '25827']]);
  });

  test('example custom-agent (generic NodeDaemonSet)', () => {
    const manifests = synthExample('custom-agent');
    expect(manifests).toMatchSnapshot();
    expectValidExample(manifests);
    expect(byKind(manifests, 'ClusterRole').rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'patch'] }]);
  });

  test.each(['collectd-push', 'collectd-scrape'])('example %s', (name) => {
    const manifests = synthExample(name);
    expect(manifests).toMatchSnapshot();
    expectValidExample(manifests);
    expect(() => parseCollectdConf(byKind(manifests, 'ConfigMap').data['collectd.conf'])).not.toThrow();
  });
});
