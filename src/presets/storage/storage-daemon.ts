/**
 * What the storage presets share: the privileged, host-network pod that a node storage daemon
 * needs, and the synth-time checks that keep escape-hatch edits from breaking it.
 */
import { ApiObject } from 'cdk8s';
import { HostPathMount } from '../../container';
import { kplus } from '../../internal/kplus-adapter';
import { NodeDaemonSet, NodeDaemonSetProps } from '../../node-daemon-set';

/**
 * The pod settings every node storage daemon needs: the host's network (bricks, monitors and
 * mounts are reached on node IPs), a privileged root container (device-mapper, LVM, `mount`,
 * kernel modules) with a writable root filesystem (these daemons write all over it), and the
 * kernel modules read-only. A preset adds its own image, mounts and arguments.
 * @internal
 */
export function storageDaemonDefaults(props: NodeDaemonSetProps): NodeDaemonSetProps {
  return {
    hostNetwork: true,
    privileged: true,
    runAsUser: 0,
    runAsNonRoot: false,
    readOnlyRootFilesystem: false,
    ...props,
    hostPathMounts: [
      ...props.hostPathMounts ?? [],
      { name: 'lib-modules', hostPath: '/lib/modules', mountPath: '/lib/modules', readOnly: true },
    ],
  };
}

/** A container of a storage daemon's pod that needs the root user and device access (CSI sidecars reaching a privileged driver's socket under SELinux). @internal */
export const PRIVILEGED_ROOT = { privileged: true, runAsUser: 0, runAsNonRoot: false } as const;

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

/** What `addPresetChecks` verifies at synth. @internal */
export interface PresetChecks {
  /** Paths the first container must mount from the same host path with Bidirectional propagation, and why. */
  readonly bidirectionalPaths?: string[];
  /** Why the paths need it, appended to the error. */
  readonly bidirectionalReason?: string;
}

/**
 * Checks the synthesized DaemonSet of a preset at synth time, after any escape-hatch edit: the
 * selector is still exactly the stable labels (it is immutable, so a label that changes between
 * library or image versions blocks the next apply), and the mounts that must propagate both
 * ways still do.
 * @internal
 */
export function addPresetChecks(daemon: NodeDaemonSet, checks: PresetChecks): void {
  daemon.node.addValidation({
    validate: () => {
      const ds = ApiObject.of(daemon.daemonSet).toJson();
      return [
        ...selectorErrors(ds, daemon.selectorLabels),
        ...bidirectionalErrors(ds, checks.bidirectionalPaths ?? [], checks.bidirectionalReason ?? ''),
      ];
    },
  });
}

function selectorErrors(ds: any, stable: { [key: string]: string }): string[] {
  const actual: { [key: string]: string } = ds.spec?.selector?.matchLabels ?? {};
  const same = Object.keys(actual).length === Object.keys(stable).length
    && Object.entries(stable).every(([k, v]) => actual[k] === v)
    && (ds.spec?.selector?.matchExpressions ?? []).length === 0;
  if (same) return [];
  return [`spec.selector: ${JSON.stringify(ds.spec?.selector)} differs from the stable selector ${JSON.stringify({ matchLabels: stable })}: `
    + 'a DaemonSet selector is immutable, so a label that changes between library or image versions (a version, a chart, a construct path) blocks every later apply (selector-stable)'];
}

function bidirectionalErrors(ds: any, paths: string[], reason: string): string[] {
  const pod = ds.spec?.template?.spec ?? {};
  const container = (pod.containers ?? [])[0] ?? {};
  const volumes: any[] = pod.volumes ?? [];
  return paths.flatMap(path => {
    const i = (container.volumeMounts ?? []).findIndex((m: any) => m.mountPath === path);
    const mount = (container.volumeMounts ?? [])[i];
    const volume = volumes.find(v => v.name === mount?.name);
    const where = `spec.template.spec.containers[0].volumeMounts[${i}]`;
    if (!mount || volume?.hostPath?.path !== path) {
      return [`spec.template.spec.containers[0].volumeMounts: ${path} must be mounted from the host path ${path} with mountPropagation Bidirectional: ${reason} (csi-kubelet-dir-bidirectional)`];
    }
    if (mount.mountPropagation !== 'Bidirectional') {
      return [`${where}.mountPropagation: ${JSON.stringify(mount.mountPropagation ?? 'None')} must be Bidirectional for ${path}: ${reason} (csi-kubelet-dir-bidirectional)`];
    }
    return [];
  });
}
