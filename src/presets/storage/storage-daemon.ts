/**
 * What the storage presets share: the privileged, host-network pod that a node storage daemon
 * needs, and the synth-time check that keeps escape-hatch edits from breaking its mounts.
 */
import { HostPathMount } from '../../container';
import { kplus } from '../../internal/kplus-adapter';
import { NodeDaemonSet, NodeDaemonSetOptions } from '../../node-daemon-set';
import { addSynthCheck, bidirectionalMountsCheck } from '../../validation';

/**
 * The pod settings every node storage daemon needs: the host's network (bricks, monitors and
 * mounts are reached on node IPs), a privileged root container (device-mapper, LVM, `mount`,
 * kernel modules) with a writable root filesystem (these daemons write all over it), and the
 * kernel modules read-only. A preset adds its own defaults (mounts, resources, ...) before the merge.
 * @internal
 */
export function storageDaemonDefaults(defaults: NodeDaemonSetOptions): NodeDaemonSetOptions {
  return {
    hostNetwork: true,
    privileged: true,
    runAsUser: 0,
    readOnlyRootFilesystem: false,
    ...defaults,
    hostPathMounts: [
      ...defaults.hostPathMounts ?? [],
      { name: 'lib-modules', hostPath: '/lib/modules', mountPath: '/lib/modules', readOnly: true },
    ],
  };
}

/** A container of a storage daemon's pod that needs the root user and device access (CSI sidecars reaching a privileged driver's socket under SELinux). @internal */
export const PRIVILEGED_ROOT = { privileged: true, runAsUser: 0 } as const;

/** A host directory mounted at the same path with `Bidirectional` propagation. @internal */
export function bidirectionalMount(name: string, path: string): HostPathMount {
  return {
    name,
    hostPath: path,
    mountPath: path,
    readOnly: false,
    propagation: kplus.MountPropagation.BIDIRECTIONAL,
    // Directory, not DirectoryOrCreate: a wrong kubeletDir then fails the pod loudly instead of
    // mounting an empty directory the kubelet never uses.
    type: kplus.HostPathVolumeType.DIRECTORY,
  };
}

/**
 * Checks at synth time, after any escape-hatch edit, that each of `paths` is still mounted from
 * the same host path with `Bidirectional` propagation in the daemon container; `reason` says why
 * the daemon needs it.
 * @internal
 */
export function addBidirectionalCheck(daemon: NodeDaemonSet, paths: string[], reason: string): void {
  addSynthCheck(daemon, bidirectionalMountsCheck(paths, reason));
}
