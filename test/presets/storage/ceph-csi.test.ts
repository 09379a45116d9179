import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { errorOf, expectValidExample, mountsByPath, renderChart, SURGE } from './helpers';
import {
  CephCsiDriver, CephCsiNodeDaemonSet, CephCsiNodeDaemonSetProps, DaemonSetUpdateStrategy, KubeletDirectory, PodSecurityLevel,
} from '../../../src';
import { byKind, podSpec, synthExample } from '../../helpers/synth';

const CLUSTERS = [{ clusterId: 'ceph-a', monitors: ['192.0.2.1:6789', '[2001:db8::1]:3300', 'mon.example.com'] }];

function render(props: Partial<CephCsiNodeDaemonSetProps> = {}) {
  let daemon!: CephCsiNodeDaemonSet;
  const manifests = renderChart(chart => {
    daemon = new CephCsiNodeDaemonSet(chart, 'csi', { driver: CephCsiDriver.RBD, clusters: CLUSTERS, ...props });
  });
  const pod = podSpec(manifests);
  return { daemon, manifests, ds: byKind(manifests, 'DaemonSet'), pod, plugin: pod.containers[0], registrar: pod.containers[1] };
}

/** Every host path and path-bearing argument of the pod, with their sources. */
function kubeletPaths(pod: any): string[] {
  const args = pod.containers.flatMap((c: any) => c.args ?? []).filter((a: string) => a.includes('/'));
  const hostPaths = pod.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path);
  const mountPaths = pod.containers.flatMap((c: any) => c.volumeMounts.map((m: any) => m.mountPath));
  return [...args, ...hostPaths, ...mountPaths];
}

describe('CephCsiNodeDaemonSet', () => {
  test('defaults (RBD)', () => {
    expect(render().manifests).toMatchSnapshot();
  });

  test('defaults (CephFS)', () => {
    expect(render({ driver: CephCsiDriver.CEPHFS }).manifests).toMatchSnapshot();
  });

  test('custom', () => {
    expect(render({
      metadata: { name: 'csi-rbdplugin', namespace: 'rook-ceph' },
      driverName: 'rook-ceph.rbd.csi.ceph.com',
      kubeletDir: KubeletDirectory.K0S,
      image: 'quay.io/cephcsi/cephcsi:v3.17.0',
      registrarImage: 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.14.0',
      seLinuxHostMount: true,
      logLevel: 5,
      clusters: [{ clusterId: 'ceph-a', monitors: ['192.0.2.1:6789'], rbdRadosNamespace: 'tenant-a', cephFsSubvolumeGroup: 'csi' }],
      tolerations: [],
      updateStrategy: DaemonSetUpdateStrategy.onDelete(),
    }).manifests).toMatchSnapshot();
  });

  test('the driver picks the plugin name, type and driver-specific mounts', () => {
    const rbd = render();
    expect(rbd.plugin.name).toBe('csi-rbdplugin');
    expect(rbd.plugin.args).toEqual(expect.arrayContaining(['--type=rbd', '--drivername=rbd.csi.ceph.com', '--pluginpath=/var/lib/kubelet/plugins']));
    expect(mountsByPath(rbd.pod, rbd.plugin)['/var/log/ceph']).toBeDefined();
    const fs = render({ driver: CephCsiDriver.CEPHFS });
    expect(fs.plugin.name).toBe('csi-cephfsplugin');
    expect(fs.plugin.args).toEqual(expect.arrayContaining(['--type=cephfs', '--drivername=cephfs.csi.ceph.com']));
    expect(mountsByPath(fs.pod, fs.plugin)['/csi/mountinfo'].volume.hostPath.path).toBe('/var/lib/kubelet/plugins/cephfs.csi.ceph.com/mountinfo');
    expect(fs.ds.spec.template.metadata.labels.app).toBe('csi-cephfsplugin');
  });

  test('the kubelet pods and plugins directories propagate both ways and must already exist', () => {
    const { pod, plugin } = render();
    const mounts = mountsByPath(pod, plugin);
    for (const dir of ['/var/lib/kubelet/pods', '/var/lib/kubelet/plugins']) {
      expect(mounts[dir].mount.mountPropagation).toBe('Bidirectional');
      expect(mounts[dir].volume.hostPath).toEqual({ path: dir, type: 'Directory' });
    }
    expect(plugin.volumeMounts.filter((m: any) => m.mountPropagation === 'Bidirectional')).toHaveLength(2);
  });

  test('kubeletDir moves every derived mount', () => {
    const underDefault = (p: string) => /(^|=)\/var\/lib\/kubelet\//.test(p);
    const dflt = kubeletPaths(render().pod).filter(underDefault);
    expect(dflt.length).toBeGreaterThanOrEqual(8);
    for (const dir of [KubeletDirectory.MICROK8S, KubeletDirectory.K0S, KubeletDirectory.K3S_BEFORE_0_10, '/data/kubelet/']) {
      const { daemon, pod } = render({ kubeletDir: dir });
      const paths = kubeletPaths(pod);
      expect(paths.filter(underDefault)).toEqual([]);
      const base = dir.replace(/\/$/, '');
      expect(paths.filter(p => p.includes(`${base}/`))).toEqual(dflt.map(p => p.replace('/var/lib/kubelet/', `${base}/`)));
      expect(daemon.kubeletDir).toBe(base);
    }
  });

  test('the registrar registers the socket at its kubelet path', () => {
    const { registrar, pod } = render({ kubeletDir: KubeletDirectory.MICROK8S, driverName: 'ceph.rbd.csi.ceph.com' });
    expect(registrar.name).toBe('driver-registrar');
    expect(registrar.image).toMatch(/csi-node-driver-registrar:v\d+\.\d+\.\d+$/);
    expect(registrar.args).toContain('--kubelet-registration-path=/var/snap/microk8s/common/var/lib/kubelet/plugins/ceph.rbd.csi.ceph.com/csi.sock');
    const mounts = mountsByPath(pod, registrar);
    expect(mounts['/registration'].volume.hostPath).toEqual({ path: '/var/snap/microk8s/common/var/lib/kubelet/plugins_registry', type: 'Directory' });
    expect(mounts['/csi'].volume.hostPath.path).toBe('/var/snap/microk8s/common/var/lib/kubelet/plugins/ceph.rbd.csi.ceph.com');
    expect(registrar.securityContext.privileged).toBe(true);
  });

  test('host network, host PID, privileged with SYS_ADMIN, and says so', () => {
    const { daemon, pod, plugin } = render();
    expect(pod).toMatchObject({ hostNetwork: true, hostPID: true, dnsPolicy: 'ClusterFirstWithHostNet', priorityClassName: 'system-node-critical' });
    expect(plugin.securityContext).toMatchObject({ privileged: true, capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] } });
    expect(daemon.podSecurityLevel).toBe(PodSecurityLevel.PRIVILEGED);
  });

  test('renders config.json from the typed clusters, and rolls pods when it changes', () => {
    const a = render();
    const config = byKind(a.manifests, 'ConfigMap');
    expect(JSON.parse(config.data['config.json'])).toEqual([{ clusterID: 'ceph-a', monitors: CLUSTERS[0].monitors }]);
    expect(mountsByPath(a.pod, a.plugin)['/etc/ceph-csi-config'].volume.configMap.name).toBe(config.metadata.name);
    const b = render({ clusters: [{ clusterId: 'ceph-a', monitors: ['192.0.2.9:6789'] }] });
    expect(b.ds.spec.template.metadata.annotations['checksum/config']).not.toBe(a.ds.spec.template.metadata.annotations['checksum/config']);
  });

  test('grants the node plugin read access through its own ServiceAccount', () => {
    const { manifests, pod } = render();
    expect(pod.automountServiceAccountToken).toBe(true);
    const role = byKind(manifests, 'ClusterRole');
    expect(role.rules).toContainEqual(expect.objectContaining({ resources: expect.arrayContaining(['secrets', 'nodes']), verbs: ['get'] }));
    expect(JSON.stringify(role.rules)).not.toMatch(/"(update|delete|\*)"/);
  });

  test('mounts /etc/selinux only when asked', () => {
    expect(mountsByPath(render().pod, render().plugin)['/etc/selinux']).toBeUndefined();
    const r = render({ seLinuxHostMount: true });
    expect(mountsByPath(r.pod, r.plugin)['/etc/selinux'].mount.readOnly).toBe(true);
  });

  test('rejects Bidirectional propagation without privileged', () => {
    expect(errorOf(() => render({ privileged: false }))).toMatch(/Bidirectional mount propagation is available only to privileged containers \(privileged: true\) \(mount-propagation\)/);
  });

  test('rejects a surge rollout on the host network', () => {
    expect(errorOf(() => render({ updateStrategy: SURGE }))).toMatch(/maxSurge.*hostNetwork/);
  });

  test('fails synth when an escape hatch drops Bidirectional from a kubelet directory', () => {
    const chart = Testing.chart();
    const daemon = new CephCsiNodeDaemonSet(chart, 'csi', { driver: CephCsiDriver.RBD, clusters: CLUSTERS });
    const mounts = ApiObject.of(daemon.daemonSet).toJson().spec.template.spec.containers[0].volumeMounts;
    const i = mounts.findIndex((m: any) => m.mountPath === '/var/lib/kubelet/pods');
    ApiObject.of(daemon.daemonSet).addJsonPatch(JsonPatch.remove(`/spec/template/spec/containers/0/volumeMounts/${i}/mountPropagation`));
    expect(errorOf(() => Testing.synth(chart))).toMatch(/volumeMounts\[\d+\]\.mountPropagation: Invalid value: "None": must be Bidirectional for \/var\/lib\/kubelet\/pods.*\(csi-kubelet-dir-bidirectional; /);
  });

  test('fails synth when an escape hatch removes a kubelet directory mount', () => {
    const chart = Testing.chart();
    const daemon = new CephCsiNodeDaemonSet(chart, 'csi', { driver: CephCsiDriver.CEPHFS, clusters: CLUSTERS });
    const mounts = ApiObject.of(daemon.daemonSet).toJson().spec.template.spec.containers[0].volumeMounts;
    const i = mounts.findIndex((m: any) => m.mountPath === '/var/lib/kubelet/plugins');
    ApiObject.of(daemon.daemonSet).addJsonPatch(JsonPatch.remove(`/spec/template/spec/containers/0/volumeMounts/${i}`));
    expect(errorOf(() => Testing.synth(chart))).toMatch(/\/var\/lib\/kubelet\/plugins must be mounted from the host path/);
  });

  test('the selector is stable: no version, the same for any image', () => {
    const a = render().ds.spec.selector;
    const b = render({ image: 'quay.io/cephcsi/cephcsi:v3.17.0' }).ds.spec.selector;
    expect(a).toEqual(b);
    expect(Object.keys(a.matchLabels).sort()).toEqual(['app.kubernetes.io/instance', 'app.kubernetes.io/name']);
  });

  test('rejects bad props, naming the construct path', () => {
    expect(errorOf(() => render({ clusters: [] }))).toMatch(/^\[test\/csi\] clusters: Invalid value: \[\]/);
    expect(errorOf(() => render({ clusters: [{ clusterId: 'a', monitors: [] }] }))).toMatch(/clusters\[0\]\.monitors: Invalid value/);
    expect(errorOf(() => render({ clusters: [{ clusterId: 'a', monitors: ['bad host:1'] }] }))).toMatch(/clusters\[0\]\.monitors\[0\]: Invalid value/);
    expect(errorOf(() => render({ clusters: [CLUSTERS[0], CLUSTERS[0]] }))).toMatch(/clusters\[1\]\.clusterId: Invalid value/);
    expect(errorOf(() => render({ clusters: [{ clusterId: 'a b', monitors: ['m'] }] }))).toMatch(/clusters\[0\]\.clusterId: Invalid value/);
    expect(errorOf(() => render({ kubeletDir: 'var/lib/kubelet' }))).toMatch(/kubeletDir: Invalid value/);
    expect(errorOf(() => render({ kubeletDir: '/' }))).toMatch(/kubeletDir: Invalid value: "\/": must not be the root/);
    expect(errorOf(() => render({ driverName: 'Not_A_Name' }))).toMatch(/driverName: Invalid value/);
    expect(errorOf(() => render({ logLevel: 6 }))).toMatch(/logLevel: Invalid value: 6/);
  });

  const longName = `${'a'.repeat(30)}.${'b'.repeat(32)}`;
  test.each<[string, Partial<CephCsiNodeDaemonSetProps>, RegExp]>([
    ['monitor port 0', { clusters: [{ clusterId: 'a', monitors: ['mon:0'] }] }, /clusters\[0\]\.monitors\[0\]: Invalid value: "mon:0": .*port 0 must be from 1 to 65535/],
    ['monitor port 99999', { clusters: [{ clusterId: 'a', monitors: ['mon:99999'] }] }, /clusters\[0\]\.monitors\[0\]: Invalid value: "mon:99999"/],
    ['monitor IPv4 in brackets', { clusters: [{ clusterId: 'a', monitors: ['[192.0.2.1]:6789'] }] }, /monitors\[0\].*only an IPv6 address goes in brackets/],
    ['monitor with a newline', { clusters: [{ clusterId: 'a', monitors: ['mon\n:1'] }] }, /clusters\[0\]\.monitors\[0\]: Invalid value/],
    ['driverName of 64 characters', { driverName: `${'a'.repeat(31)}.${'b'.repeat(32)}` }, /driverName: Invalid value: "a{31}\.b{32}": a CSIDriver name must be no more than 63 characters/],
    ['socket path over 107 bytes', { driverName: longName, kubeletDir: '/var/snap/microk8s/common/var/lib/kubelet' },
      /kubeletDir: Invalid value: "\/var\/snap\/microk8s\/common\/var\/lib\/kubelet": the socket path .*plugins_registry.*-reg\.sock is 1\d\d bytes; a Unix socket path must be at most 107/],
    ['kubeletDir with white space', { kubeletDir: '/var/lib/kube let' }, /kubeletDir: Invalid value: "\/var\/lib\/kube let"/],
    ['empty cephFsSubvolumeGroup', { clusters: [{ clusterId: 'a', monitors: ['m'], cephFsSubvolumeGroup: '' }] }, /clusters\[0\]\.cephFsSubvolumeGroup: Invalid value: "": must be 1 to 128/],
    ['rbdRadosNamespace with / and a newline', { clusters: [{ clusterId: 'a', monitors: ['m'], rbdRadosNamespace: 'a/b\n' }] }, /clusters\[0\]\.rbdRadosNamespace: Invalid value: "a\/b\\n"/],
    ['clusters missing (JavaScript)', { clusters: undefined }, /^\[test\/csi\] clusters: Invalid value: null: needs at least one Ceph cluster/],
    ['monitors missing (JavaScript)', { clusters: [{ clusterId: 'a' } as any] }, /clusters\[0\]\.monitors: Invalid value: null: needs at least one monitor/],
    ['a cluster undefined (JavaScript)', { clusters: [undefined as any] }, /clusters\[0\]: Invalid value: null: must be a CephCsiClusterConfig/],
    ['driver missing (JavaScript)', { driver: undefined }, /^\[test\/csi\] driver: Invalid value: null: is required: CephCsiDriver\.RBD or CephCsiDriver\.CEPHFS/],
    ['driver a string (JavaScript)', { driver: 'rbd' as any }, /driver: Invalid value: "rbd": is required/],
  ])('rejects %s', (_, props, expected) => {
    const message = errorOf(() => render(props));
    expect(message).toMatch(/^\[test\/csi\] [^ ]+: Invalid value: /);
    expect(message).toMatch(expected);
  });

  test('a 63-character driver name fits the default kubelet directory, and the sockets are under 108 bytes', () => {
    const name = `${'a'.repeat(30)}.${'b'.repeat(32)}`;
    const { registrar } = render({ driverName: name });
    expect(registrar.args).toContain(`--kubelet-registration-path=/var/lib/kubelet/plugins/${name}/csi.sock`);
    expect(render({ kubeletDir: '/var/lib//kubelet/' }).daemon.kubeletDir).toBe('/var/lib/kubelet');
  });

  test('a missing props object from JavaScript names the prop', () => {
    expect(errorOf(() => new CephCsiNodeDaemonSet(Testing.chart(), 'csi', undefined as any))).toMatch(/props: Invalid value: (null|nothing): must be an object of props/);
  });

  test.each([['ceph-rbd', 'csi-rbdplugin'], ['cephfs', 'csi-cephfsplugin']])('example %s', (name, plugin) => {
    const manifests = synthExample(name);
    expect(manifests).toMatchSnapshot();
    expectValidExample(manifests);
    expect(podSpec(manifests).containers[0].name).toBe(plugin);
  });
});
