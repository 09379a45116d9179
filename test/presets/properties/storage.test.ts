import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import {
  BAD_RUNS, badCase, badNumber, configFiles, dnsSubdomain, expectPropError, expectValidAndDeterministic, hostName,
  imageRef, ipv4, ipv6, labelValue, namespace, newChart, notAString, opt, poisoned, port, qualifiedName, quietStderr, RUNS, safePath,
} from './arbitraries';
import {
  CephCsiClusterConfig, CephCsiDriver, CephCsiNodeDaemonSet, CephCsiNodeDaemonSetProps, DaemonSetUpdateStrategy, GlusterfsDaemonSet,
  GlusterfsDaemonSetProps, KubeletDirectory, TolerationOperator,
} from '../../../src';

quietStderr();

const PATH = 'test/storage';

const strategy = fc.oneof(
  fc.constant(DaemonSetUpdateStrategy.onDelete()),
  fc.integer({ min: 1, max: 5 }).map(n => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(n) })),
);
const tolerations = opt(fc.array(fc.record({ key: fc.constantFrom('dedicated', 'example.com/storage'), operator: fc.constant(TolerationOperator.EXISTS) }), { maxLength: 2 }));

// ---------------------------------------------------------------------------------------------
// GlusterfsDaemonSet

const glusterProps: fc.Arbitrary<GlusterfsDaemonSetProps> = fc.record({
  image: opt(imageRef),
  storageNodeLabelKey: opt(qualifiedName),
  storageNodeLabelValue: opt(labelValue),
  glusterBlock: opt(fc.boolean()),
  glusterBlockLruCount: opt(fc.integer({ min: 1, max: 512 })),
  probeFailureThreshold: opt(fc.integer({ min: 1, max: 10000 })),
  updateStrategy: opt(strategy),
  tolerations,
  metadata: opt(fc.record({ namespace: opt(namespace) })),
}, { requiredKeys: [] })
  // glusterBlockLruCount configures gluster-blockd, so it goes only with gluster-block on.
  .map(p => (p.glusterBlock === false ? { ...p, glusterBlockLruCount: undefined } : p));

describe('GlusterfsDaemonSet', () => {
  test('valid props synthesize valid, schema-conformant, deterministic objects', () => {
    fc.assert(fc.property(glusterProps, opt(namespace), (props, ns) => {
      const manifests = expectValidAndDeterministic(chart => new GlusterfsDaemonSet(chart, 'storage', props), ns);
      const ds = manifests.find(m => m.kind === 'DaemonSet');
      const key = props.storageNodeLabelKey ?? 'storagenode';
      expect(ds.spec.template.spec.nodeSelector[key]).toEqual(key === 'kubernetes.io/os' ? 'linux' : props.storageNodeLabelValue ?? 'glusterfs');
    }), RUNS);
  });

  const bad = fc.oneof(
    badCase('storageNodeLabelKey', fc.oneof(poisoned(qualifiedName, { maxLength: 63 }), notAString, fc.constantFrom('/x', 'a/', 'a/b/c')).map(v => ({ storageNodeLabelKey: v }))),
    badCase('storageNodeLabelValue', fc.oneof(poisoned(labelValue, { maxLength: 63 }), notAString).map(v => ({ storageNodeLabelValue: v }))),
    badCase('glusterBlockLruCount', badNumber(1, 512).map(v => ({ glusterBlockLruCount: v }))),
    badCase('glusterBlockLruCount', fc.integer({ min: 1, max: 512 }).map(v => ({ glusterBlock: false, glusterBlockLruCount: v }))),
    badCase('probeFailureThreshold', badNumber(1, 10000).map(v => ({ probeFailureThreshold: v }))),
    badCase('image', fc.oneof(poisoned(imageRef), notAString).map(v => ({ image: v }))),
  );

  test('invalid props end in a validation error naming the prop, never a crash', () => {
    fc.assert(fc.property(bad, c => {
      expectPropError(PATH, c.prop, scope => new GlusterfsDaemonSet(scope, 'storage', c.props as any));
    }), BAD_RUNS);
  });
});

// ---------------------------------------------------------------------------------------------
// CephCsiNodeDaemonSet

/** Monitors as ceph-csi takes them: host, host:port, [ipv6] or [ipv6]:port. */
const monitor = fc.oneof(
  hostName, ipv4,
  fc.tuple(fc.oneof(hostName, ipv4), fc.constantFrom(6789, 3300)).map(([h, p]) => `${h}:${p}`),
  fc.tuple(ipv6, opt(port)).map(([h, p]) => (p === undefined ? `[${h}]` : `[${h}]:${p}`)),
);
const cephName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/);
const clusterId = fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/).filter(id => id !== '.' && id !== '..');
const cluster: fc.Arbitrary<CephCsiClusterConfig> = fc.record({
  clusterId,
  monitors: fc.array(monitor, { minLength: 1, maxLength: 3 }),
  cephFsSubvolumeGroup: opt(cephName),
  rbdRadosNamespace: opt(cephName),
}, { requiredKeys: ['clusterId', 'monitors'] });
const clusters = fc.uniqueArray(cluster, { minLength: 1, maxLength: 3, selector: c => c.clusterId });
const driver = fc.constantFrom(CephCsiDriver.RBD, CephCsiDriver.CEPHFS);
const kubeletDir = fc.oneof(
  fc.constantFrom(KubeletDirectory.DEFAULT, KubeletDirectory.MICROK8S, KubeletDirectory.K0S, KubeletDirectory.K3S_BEFORE_0_10, '/var/lib/kubelet/', '//var//lib/kubelet'),
  safePath.filter(p => p.replace(/\/+/g, '') !== ''),
);
const driverName = fc.oneof(fc.constant(undefined), fc.constantFrom('rook-ceph.rbd.csi.ceph.com', 'ceph.cephfs.csi.ceph.com'), dnsSubdomain.filter(n => n.length <= 63));
/** The longest socket path the construct writes: `<kubeletDir>/plugins_registry/<driverName>-reg.sock`. */
const socketFits = (dir: string, name: string) => Buffer.byteLength(`${dir.replace(/\/+/g, '/').replace(/(.)\/$/, '$1')}/plugins_registry/${name}-reg.sock`) <= 107;

const cephProps: fc.Arbitrary<CephCsiNodeDaemonSetProps> = fc.record({
  driver,
  clusters,
  image: opt(imageRef),
  registrarImage: opt(imageRef),
  driverName,
  kubeletDir: opt(kubeletDir),
  seLinuxHostMount: opt(fc.boolean()),
  logLevel: opt(fc.integer({ min: 0, max: 5 })),
  updateStrategy: opt(strategy),
  tolerations,
}, { requiredKeys: ['driver', 'clusters'] })
  .filter(p => socketFits(p.kubeletDir ?? KubeletDirectory.DEFAULT, p.driverName ?? p.driver.defaultDriverName));

describe('CephCsiNodeDaemonSet', () => {
  test('valid props synthesize valid, schema-conformant, deterministic objects', () => {
    fc.assert(fc.property(cephProps, opt(namespace), (props, ns) => {
      const manifests = expectValidAndDeterministic(chart => new CephCsiNodeDaemonSet(chart, 'storage', props), ns);
      // config.json is ceph-csi's cluster list, in order, as given.
      const config = JSON.parse(configFiles(manifests)['config.json']);
      expect(config.map((c: any) => c.clusterID)).toEqual(props.clusters.map(c => c.clusterId));
      expect(config.map((c: any) => c.monitors)).toEqual(props.clusters.map(c => c.monitors));
      const dir = (props.kubeletDir ?? KubeletDirectory.DEFAULT).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
      const ds = manifests.find(m => m.kind === 'DaemonSet');
      const paths = ds.spec.template.spec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path);
      expect(paths).toEqual(expect.arrayContaining([`${dir}/pods`, `${dir}/plugins`, `${dir}/plugins_registry`]));
    }), RUNS);
  });

  const base: CephCsiNodeDaemonSetProps = { driver: CephCsiDriver.RBD, clusters: [{ clusterId: 'c1', monitors: ['10.0.0.1:6789'] }] };
  const withCluster = (c: any) => ({ ...base, clusters: [c] });
  const bad = fc.oneof(
    badCase('driver', fc.oneof(notAString, fc.constantFrom('rbd', 'cephfs')).map(v => ({ ...base, driver: v }))),
    badCase('clusters', fc.constantFrom([], null, 'c1', {}).map(v => ({ ...base, clusters: v }))),
    badCase('clusters[0]', fc.constantFrom(null, 'c1', 42).map(v => ({ ...base, clusters: [v] }))),
    badCase('clusters[0].clusterId', fc.oneof(poisoned(clusterId, { maxLength: 64, poisons: ['\n', '\t', '"', "'", '#{', '[', '<', ' ', '/', '\\', '{', ':'] }), notAString, fc.constantFrom('.', '..'))
      .map(v => withCluster({ clusterId: v, monitors: ['m1'] }))),
    badCase('clusters[0].monitors', fc.oneof(
      poisoned(monitor, { poisons: ['\n', '\t', '"', "'", '#{', '<', ' ', '/', '\\', '{', '@', ','] }),
      fc.constantFrom('mon:0', 'mon:65536', 'mon:', '[mon]:6789', '[::1', '::1', 'mon:6789:1', 'user:pw@mon'),
      notAString,
    ).map(v => withCluster({ clusterId: 'c1', monitors: [v] }))),
    badCase('clusters[0].monitors', fc.constantFrom([], null, 'mon').map(v => withCluster({ clusterId: 'c1', monitors: v }))),
    badCase('clusters[0].cephFsSubvolumeGroup', fc.oneof(poisoned(cephName, { maxLength: 128, poisons: ['\n', '"', '#{', '[', '<', ' ', '/', '\\'] }), notAString)
      .map(v => withCluster({ clusterId: 'c1', monitors: ['m'], cephFsSubvolumeGroup: v }))),
    badCase('clusters[0].rbdRadosNamespace', fc.oneof(poisoned(cephName, { maxLength: 128, poisons: ['\n', '"', '#{', '[', '<', ' ', '/', '\\'] }), notAString)
      .map(v => withCluster({ clusterId: 'c1', monitors: ['m'], rbdRadosNamespace: v }))),
    badCase('driverName', fc.oneof(poisoned(dnsSubdomain, { maxLength: 63 }), notAString, fc.constantFrom('Rbd.csi.ceph.com', '-rbd', 'rbd.')).map(v => ({ ...base, driverName: v }))),
    badCase('kubeletDir', fc.oneof(
      poisoned(safePath, { poisons: ['\n', '\t', '"', "'", '#{', '[', '<', ' ', '\\', '$', ';', '{'] }),
      fc.constantFrom('var/lib/kubelet', '/var/lib/../kubelet', '/', '//', `/${'k'.repeat(100)}`),
      notAString,
    ).map(v => ({ ...base, kubeletDir: v }))),
    badCase('logLevel', badNumber(0, 5).map(v => ({ ...base, logLevel: v }))),
    badCase('image', fc.oneof(poisoned(imageRef), notAString).map(v => ({ ...base, image: v }))),
    badCase('registrarImage', fc.oneof(poisoned(imageRef), notAString).map(v => ({ ...base, registrarImage: v }))),
  );

  test('invalid props end in a validation error naming the prop, never a crash', () => {
    fc.assert(fc.property(bad, c => {
      expectPropError(PATH, c.prop, scope => new CephCsiNodeDaemonSet(scope, 'storage', c.props as any));
    }), BAD_RUNS);
  });

});

describe('regressions found by the properties', () => {
  test('a non-string storageNodeLabelKey is a validation error, not a TypeError', () => {
    expect(() => new GlusterfsDaemonSet(newChart().chart, 'storage', { storageNodeLabelKey: false as any }))
      .toThrow(/^\[test\/storage\] storageNodeLabelKey: Invalid value: false: must be a string \(/);
  });

  test('a bad registrarImage names registrarImage, not the sidecar it becomes', () => {
    expect(() => new CephCsiNodeDaemonSet(newChart().chart, 'storage', {
      driver: CephCsiDriver.RBD, clusters: [{ clusterId: 'c1', monitors: ['10.0.0.1'] }], registrarImage: 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.15.0\n',
    })).toThrow(/^\[test\/storage\] registrarImage: Invalid value: ".*\\n": must be an image reference/);
  });

  test.each([
    'quay.io/cephcsi/cephcsi:"v3.16.0"', 'quay.io/CephCsi/cephcsi:v3.16.0', 'quay.io/cephcsi/cephcsi:v3#{x}', '<quay.io/cephcsi/cephcsi:v3.16.0', 'quay.io/cephcsi/cephcsi:v3.16.0@sha256:short',
  ])('an image the kubelet cannot parse (%j) is refused at construction', image => {
    expect(() => new CephCsiNodeDaemonSet(newChart().chart, 'storage', { driver: CephCsiDriver.RBD, clusters: [{ clusterId: 'c1', monitors: ['m'] }], image }))
      .toThrow(/^\[test\/storage\] image: Invalid value: .*: must be an image reference/);
  });

  test.each([
    'quay.io/cephcsi/cephcsi:v3.16.0', 'localhost:5000/ceph/csi:1.0', '[fd00::1]:5000/ceph/csi:v1', 'ceph-csi:latest', `quay.io/cephcsi/cephcsi@sha256:${'a'.repeat(64)}`,
  ])('a valid image reference (%j) is accepted', image => {
    expect(() => new CephCsiNodeDaemonSet(newChart().chart, 'storage', { driver: CephCsiDriver.RBD, clusters: [{ clusterId: 'c1', monitors: ['m'] }], image })).not.toThrow();
  });
});
