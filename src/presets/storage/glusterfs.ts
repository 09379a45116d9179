import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { storageDaemonDefaults } from './storage-daemon';
import { assertValid, childPath, propError } from '../../internal/errors';
import { kplus } from '../../internal/kplus-adapter';
import { plainProps } from '../../internal/shape';
import { NodeDaemonSet, NodeDaemonSetOptions, NodeDaemonSetProps } from '../../node-daemon-set';
import { DaemonSetUpdateStrategy } from '../../update-strategy';
import { checkLabelValue, checkQualifiedName, MEMORY_LIMIT_MISSING } from '../../validation';
import { presetProps, withPresetDefaults } from '../preset-defaults';

/** The last versioned gluster-centos release: the gluster-kubernetes templates only ever named `latest`. */
const DEFAULT_IMAGE = 'docker.io/gluster/gluster-centos:gluster4u1_centos7';
/** Where the host's /dev is mounted: bind-mounting it over /dev breaks privileged containers on CRI-O (gluster-kubernetes 2f1114a). */
const HOST_DEV_DIR = '/mnt/host-dev';
const PROBE_SCRIPT = '/usr/local/bin/status-probe.sh';
/** The image's CMD: systemd, which starts glusterd and the units the image enabled. */
const INIT = '/usr/sbin/init';
/** The gluster-block units the image enables (gluster-containers CentOS/Dockerfile); tcmu-runner starts only as their dependency. */
const BLOCK_UNITS = ['gluster-blockd.service', 'gluster-block-setup.service'];

/**
 * Props of `GlusterfsDaemonSet`. Every shared `NodeDaemonSetOptions` prop overrides the
 * preset's default for it.
 */
export interface GlusterfsDaemonSetProps extends NodeDaemonSetOptions {
  /**
   * The glusterd image: a systemd-based image running glusterd (and gluster-blockd), as the
   * gluster-containers project builds it.
   *
   * @default 'docker.io/gluster/gluster-centos:gluster4u1_centos7'
   */
  readonly image?: string;
  /**
   * The node label key that marks storage nodes; `gk-deploy` labels each topology node with it.
   *
   * @default 'storagenode'
   */
  readonly storageNodeLabelKey?: string;
  /**
   * The value of the storage node label. Give each GlusterFS cluster its own value (gk-deploy
   * `--daemonset-label`) so several can run in one Kubernetes cluster.
   *
   * @default 'glusterfs'
   */
  readonly storageNodeLabelValue?: string;
  /**
   * Run gluster-blockd (block volumes over iSCSI/tcmu-runner). Needs the `target_core_user`
   * kernel module on the host. The image enables its systemd units and reads no setting to turn
   * them off, so `false` masks `gluster-blockd.service` and `gluster-block-setup.service` (links
   * to `/dev/null` in `/etc/systemd/system`) in the container's command before systemd starts,
   * and the probes stop checking gluster-blockd (`GLUSTER_BLOCKD_STATUS_PROBE_ENABLE=0`).
   *
   * @default true
   */
  readonly glusterBlock?: boolean;
  /**
   * How many gluster-block volumes' libgfapi handles gluster-blockd keeps open (`GB_GLFS_LRU_COUNT`), 1 to 512.
   *
   * @default 15
   * @throws if not a whole number from 1 to 512, or given with `glusterBlock: false`
   */
  readonly glusterBlockLruCount?: number;
  /**
   * How many failed probes (25 seconds apart) restart glusterd. The default tolerates about 21
   * minutes of brick start-up, as gluster-kubernetes does: a restart mid-recovery only makes it longer.
   *
   * @default 50
   * @throws if not a whole number from 1 to 10000
   */
  readonly probeFailureThreshold?: number;
}

/**
 * The GlusterFS node daemon (glusterd, bricks and gluster-blockd) on every node labelled
 * `storagenode=glusterfs`, as gluster-kubernetes runs it for heketi: host network, privileged
 * root container, the host directories glusterd keeps its state in, the host's `/dev` at
 * `/mnt/host-dev`, `/lib/modules` read-only, probes that tolerate slow brick start-up, and the
 * pod labels `glusterfs=pod` and `glusterfs-node=pod` heketi finds the pods by.
 *
 * Pods are replaced only when an operator deletes them (`OnDelete`): a rolling update would
 * restart bricks node after node without waiting for self-heal. Set `updateStrategy` to change it.
 *
 * Its pods need a namespace whose Pod Security level is `privileged` (`podSecurityLevel`).
 * The host must have the `dm_snapshot`, `dm_mirror` and `dm_thin_pool` kernel modules loaded,
 * `mount.glusterfs` (glusterfs-fuse) installed, and a raw block device for heketi. GlusterFS
 * and gluster-kubernetes are no longer developed: treat this as a compatibility construct.
 *
 * @see https://github.com/gluster/gluster-kubernetes/blob/master/deploy/kube-templates/glusterfs-daemonset.yaml
 */
export class GlusterfsDaemonSet extends NodeDaemonSet {
  constructor(scope: Construct, id: string, props: GlusterfsDaemonSetProps = {}) {
    super(scope, id, glusterfsProps(childPath(scope, id), props));
  }
}

function glusterfsProps(at: string, props: GlusterfsDaemonSetProps): NodeDaemonSetProps {
  props = plainProps(at, props);
  const labelKey = props.storageNodeLabelKey ?? 'storagenode';
  const labelValue = props.storageNodeLabelValue ?? 'glusterfs';
  assertValid(at, 'storageNodeLabelKey', labelKey, checkQualifiedName(labelKey));
  assertValid(at, 'storageNodeLabelValue', labelValue, labelValue === '' ? 'must not be empty' : checkLabelValue(labelValue));
  const lruCount = props.glusterBlockLruCount ?? 15;
  if (!Number.isInteger(lruCount) || lruCount < 1 || lruCount > 512) {
    throw propError(at, 'glusterBlockLruCount', lruCount, 'must be a whole number from 1 to 512');
  }
  const failureThreshold = props.probeFailureThreshold ?? 50;
  if (!Number.isInteger(failureThreshold) || failureThreshold < 1 || failureThreshold > 10000) {
    throw propError(at, 'probeFailureThreshold', failureThreshold, 'must be a whole number from 1 to 10000');
  }
  const block = props.glusterBlock ?? true;
  if (!block && props.glusterBlockLruCount !== undefined) {
    throw propError(at, 'glusterBlockLruCount', props.glusterBlockLruCount, 'configures gluster-blockd, which glusterBlock: false turns off');
  }
  const probe = (kind: string) => kplus.Probe.fromCommand(
    ['/bin/bash', '-c', `if command -v ${PROBE_SCRIPT}; then ${PROBE_SCRIPT} ${kind}; else systemctl status glusterd.service; fi`],
    {
      initialDelaySeconds: Duration.seconds(40),
      periodSeconds: Duration.seconds(25),
      timeoutSeconds: Duration.seconds(3),
      failureThreshold,
    });
  const rw = (name: string, path: string, mountPath: string = path) => ({ name, hostPath: path, mountPath, readOnly: false });
  const ro = (name: string, path: string) => ({ name, hostPath: path, mountPath: path, readOnly: true });

  const merged = withPresetDefaults(at, storageDaemonDefaults({
    // glusterd's memory grows with bricks and volumes; an OOM kill takes the node's bricks down,
    // so gluster-kubernetes sets no limit (set `resources.memory` to impose one).
    acknowledgedWarnings: [MEMORY_LIMIT_MISSING.id],
    nodeSelector: { [labelKey]: labelValue },
    podMetadata: { labels: { 'glusterfs': 'pod', 'glusterfs-node': 'pod' } },
    updateStrategy: DaemonSetUpdateStrategy.onDelete(),
    resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(100) } },
    // systemd in the image needs a private, writable /run.
    scratchDirectories: [{ name: 'glusterfs-run', mountPath: '/run' }],
    hostPathMounts: [
      rw('glusterfs-heketi', '/var/lib/heketi'),
      rw('glusterfs-lvm', '/run/lvm'),
      rw('glusterfs-etc', '/etc/glusterfs'),
      rw('glusterfs-logs', '/var/log/glusterfs'),
      rw('glusterfs-config', '/var/lib/glusterd'),
      rw('glusterfs-host-dev', '/dev', HOST_DEV_DIR),
      rw('glusterfs-misc', '/var/lib/misc/glusterfsd'),
      rw('glusterfs-sys-class', '/sys/class'),
      rw('glusterfs-sys-module', '/sys/module'),
      ro('glusterfs-cgroup', '/sys/fs/cgroup'),
      ro('glusterfs-ssl', '/etc/ssl'),
    ],
    envVariables: {
      HOST_DEV_DIR: kplus.EnvValue.fromValue(HOST_DEV_DIR),
      GLUSTER_BLOCKD_STATUS_PROBE_ENABLE: kplus.EnvValue.fromValue(block ? '1' : '0'),
      GB_GLFS_LRU_COUNT: kplus.EnvValue.fromValue(String(lruCount)),
      TCMU_LOGDIR: kplus.EnvValue.fromValue('/var/log/glusterfs/gluster-block'),
    },
    readiness: probe('readiness'),
    liveness: probe('liveness'),
  }), props);

  return presetProps(merged, {
    image: props.image ?? DEFAULT_IMAGE,
    name: 'glusterfs',
    component: 'storage',
    // The image's entrypoint (update-params.sh) runs first and execs these arguments, its CMD's place.
    args: block ? undefined : ['/bin/bash', '-c', `${BLOCK_UNITS.map(u => `ln -sf /dev/null /etc/systemd/system/${u}`).join(' && ')} && exec ${INIT}`],
    // Declared so the node ports glusterd binds are visible to validators; bricks use 49152-49251.
    ports: [
      { name: 'glusterd', number: 24007, protocol: kplus.Protocol.TCP },
      { name: 'glusterd-mgmt', number: 24008, protocol: kplus.Protocol.TCP },
    ],
  });
}
