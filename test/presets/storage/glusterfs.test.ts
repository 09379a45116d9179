import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { errorOf, expectValidExample, mountsByPath, renderChart, SURGE } from './helpers';
import { DaemonSetUpdateStrategy, GlusterfsDaemonSet, GlusterfsDaemonSetProps, PodSecurityLevel } from '../../../src';
import { findBinary, run } from '../../helpers/daemons';
import { byKind, podSpec, synthExample } from '../../helpers/synth';

function render(props: GlusterfsDaemonSetProps = {}) {
  let daemon!: GlusterfsDaemonSet;
  const manifests = renderChart(chart => { daemon = new GlusterfsDaemonSet(chart, 'gluster', props); });
  const pod = podSpec(manifests);
  return { daemon, manifests, ds: byKind(manifests, 'DaemonSet'), pod, container: pod.containers[0] };
}

describe('GlusterfsDaemonSet', () => {
  test('defaults', () => {
    expect(render().manifests).toMatchSnapshot();
  });

  test('custom', () => {
    expect(render({
      metadata: { name: 'glusterfs', namespace: 'storage' },
      image: 'registry.example.com/gluster/gluster-centos:gluster4u1_centos7-20240101',
      storageNodeLabelKey: 'example.com/storage',
      storageNodeLabelValue: 'cluster-b',
      glusterBlock: false,
      probeFailureThreshold: 10,
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate(),
      resources: { cpu: { request: kplus.Cpu.millis(500) } },
    }).manifests).toMatchSnapshot();
  });

  test('runAsNonRoot follows the user: another user than root turns it back on', () => {
    expect(render().container.securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
    expect(render({ runAsUser: 1000 }).container.securityContext).toMatchObject({ runAsUser: 1000, runAsNonRoot: true });
  });

  test('runs privileged as root on the host network, and says so', () => {
    const { daemon, pod, container } = render();
    expect(pod.hostNetwork).toBe(true);
    expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(pod.hostPID).toBe(false);
    expect(container.securityContext).toMatchObject({ privileged: true, runAsUser: 0, runAsNonRoot: false });
    expect(daemon.podSecurityLevel).toBe(PodSecurityLevel.PRIVILEGED);
  });

  test('selects storage nodes by label, and carries the labels heketi looks pods up by', () => {
    const { pod, ds } = render({ storageNodeLabelValue: 'cluster-b' });
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'storagenode': 'cluster-b' });
    expect(ds.spec.template.metadata.labels).toMatchObject({ 'glusterfs': 'pod', 'glusterfs-node': 'pod' });
    expect(ds.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'glusterfs', 'app.kubernetes.io/instance': ds.metadata.name });
  });

  test('replaces pods only when deleted, unless told otherwise', () => {
    expect(render().ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(render({ updateStrategy: DaemonSetUpdateStrategy.rollingUpdate() }).ds.spec.updateStrategy.type).toBe('RollingUpdate');
  });

  test('mounts /dev at /mnt/host-dev, modules, cgroups and certificates read-only, and a private /run', () => {
    const { pod, container } = render();
    const mounts = mountsByPath(pod, container);
    expect(mounts['/mnt/host-dev'].volume.hostPath.path).toBe('/dev');
    expect(mounts['/dev']).toBeUndefined();
    for (const path of ['/lib/modules', '/sys/fs/cgroup', '/etc/ssl']) {
      expect(mounts[path].mount.readOnly).toBe(true);
      expect(mounts[path].volume.hostPath.path).toBe(path);
    }
    for (const path of ['/var/lib/glusterd', '/etc/glusterfs', '/var/log/glusterfs', '/var/lib/heketi', '/run/lvm']) {
      expect(mounts[path].mount.readOnly).toBe(false);
    }
    expect(mounts['/run'].volume.emptyDir).toBeDefined();
    expect(container.volumeMounts.some((m: any) => m.mountPropagation)).toBe(false);
  });

  test('probes tolerate a slow brick start-up', () => {
    const { container } = render({ probeFailureThreshold: 12 });
    for (const probe of [container.livenessProbe, container.readinessProbe]) {
      expect(probe).toMatchObject({ initialDelaySeconds: 40, periodSeconds: 25, timeoutSeconds: 3, failureThreshold: 12 });
      expect(probe.exec.command.join(' ')).toContain('systemctl status glusterd.service');
    }
    expect(render().container.livenessProbe.failureThreshold).toBe(50);
  });

  test('gluster-block can be turned off: its systemd units are masked before systemd starts', () => {
    const env = (props: GlusterfsDaemonSetProps) => Object.fromEntries(render(props).container.env.map((e: any) => [e.name, e.value]));
    expect(env({ glusterBlockLruCount: 30 })).toMatchObject({ HOST_DEV_DIR: '/mnt/host-dev', GLUSTER_BLOCKD_STATUS_PROBE_ENABLE: '1', GB_GLFS_LRU_COUNT: '30' });
    // gluster-containers' image enables gluster-blockd in its Dockerfile and reads no variable to
    // turn it off (GLUSTER_BLOCK_ENABLED was reverted upstream in 2019): the prop used to set it, to no effect.
    expect(env({ glusterBlock: false })).not.toHaveProperty('GLUSTER_BLOCK_ENABLED');
    expect(env({ glusterBlock: false })).toMatchObject({ GLUSTER_BLOCKD_STATUS_PROBE_ENABLE: '0' });
    expect(render().container.args).toBeUndefined();
    const { container } = render({ glusterBlock: false });
    expect(container.command).toBeUndefined(); // the image's entrypoint, update-params.sh, still runs first
    expect(container.args).toEqual(['/bin/bash', '-c',
      'ln -sf /dev/null /etc/systemd/system/gluster-blockd.service && ln -sf /dev/null /etc/systemd/system/gluster-block-setup.service && exec /usr/sbin/init']);
  });

  test('a masked unit is one systemd will not start (systemctl --root reads the links)', () => {
    const systemctl = findBinary(['systemctl']);
    if (!systemctl) {
      process.stdout.write('glusterfs: the masking check skipped, no systemctl here\n');
      expect(systemctl).toBeUndefined();
      return;
    }
    const root = mkdtempSync(join(tmpdir(), 'gluster-'));
    mkdirSync(join(root, 'usr/lib/systemd/system'), { recursive: true });
    mkdirSync(join(root, 'etc/systemd/system/multi-user.target.wants'), { recursive: true });
    // The image's layout: gluster-blockd from its package, enabled; gluster-block-setup added in /etc.
    writeFileSync(join(root, 'usr/lib/systemd/system/gluster-blockd.service'), '[Service]\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n');
    writeFileSync(join(root, 'etc/systemd/system/gluster-block-setup.service'), '[Service]\nType=oneshot\nExecStart=/bin/true\n[Install]\nWantedBy=multi-user.target\n');
    symlinkSync('/usr/lib/systemd/system/gluster-blockd.service', join(root, 'etc/systemd/system/multi-user.target.wants/gluster-blockd.service'));
    symlinkSync('/etc/systemd/system/gluster-block-setup.service', join(root, 'etc/systemd/system/multi-user.target.wants/gluster-block-setup.service'));
    const script = render({ glusterBlock: false }).container.args[2].replace(/\/etc\//g, `${root}/etc/`).replace(/exec .*$/, 'true');
    expect(run('/bin/bash', ['-c', script]).status).toBe(0);
    for (const unit of ['gluster-blockd.service', 'gluster-block-setup.service']) {
      expect(run(systemctl, [`--root=${root}`, 'is-enabled', unit]).stdout.trim()).toBe('masked');
    }
  });

  test('the image is pinned', () => {
    expect(render().container.image).toMatch(/:gluster\du\d_centos7$/);
  });

  test('rejects a surge rollout on the host network', () => {
    expect(errorOf(() => render({ updateStrategy: SURGE }))).toMatch(/updateStrategy.maxSurge.*hostNetwork/);
  });

  test('rejects bad props, naming the construct path', () => {
    expect(errorOf(() => render({ storageNodeLabelValue: 'not a label' }))).toMatch(/^\[test\/gluster\] storageNodeLabelValue: Invalid value/);
    expect(errorOf(() => render({ storageNodeLabelKey: '-bad' }))).toMatch(/storageNodeLabelKey: Invalid value/);
    expect(errorOf(() => render({ glusterBlockLruCount: 0 }))).toMatch(/glusterBlockLruCount: Invalid value: 0/);
    expect(errorOf(() => render({ glusterBlock: false, glusterBlockLruCount: 30 }))).toMatch(/glusterBlockLruCount: Invalid value: 30: configures gluster-blockd, which glusterBlock: false turns off/);
    expect(errorOf(() => render({ probeFailureThreshold: 1.5 }))).toMatch(/probeFailureThreshold: Invalid value/);
  });

  test('fails synth when an escape hatch changes the selector', () => {
    const chart = Testing.chart();
    const daemon = new GlusterfsDaemonSet(chart, 'gluster');
    daemon.daemonSet.select(kplus.LabelSelector.of({ labels: { 'app.kubernetes.io/version': 'gluster4u1_centos7' } }));
    expect(errorOf(() => Testing.synth(chart))).toMatch(/selector-stable/);
  });

  test('example', () => {
    const manifests = synthExample('glusterfs');
    expect(manifests).toMatchSnapshot();
    expectValidExample(manifests);
    expect(byKind(manifests, 'DaemonSet').metadata).toMatchObject({ name: 'glusterfs', namespace: 'glusterfs' });
  });
});
