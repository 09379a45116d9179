import { Size } from 'cdk8s';
import { propError } from './internal/errors';
import { kplus } from './internal/kplus-adapter';
import { instanceProp } from './internal/shape';

/**
 * Requests and limits in plain units: CPU in millicores (a number), memory and ephemeral
 * storage as `cdk8s.Size`. Unset values stay unset (no limit, or no request).
 *
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export interface DaemonResourceValues {
  /**
   * CPU the scheduler reserves on each node, in millicores (`100` is `100m`, a tenth of a core).
   *
   * @default - no CPU request
   */
  readonly cpuRequestMillicores?: number;
  /**
   * CPU the container is throttled at, in millicores.
   *
   * @default - no CPU limit
   */
  readonly cpuLimitMillicores?: number;
  /**
   * Memory the scheduler reserves on each node (`Size.mebibytes(64)`).
   *
   * @default - no memory request
   */
  readonly memoryRequest?: Size;
  /**
   * Memory above which the container is killed (OOMKilled).
   *
   * @default - no memory limit
   */
  readonly memoryLimit?: Size;
  /**
   * Node-local scratch space (writable layer, logs, `emptyDir`) the scheduler reserves.
   *
   * @default - no ephemeral-storage request
   */
  readonly ephemeralStorageRequest?: Size;
  /**
   * Node-local scratch space above which the kubelet evicts the pod.
   *
   * @default - no ephemeral-storage limit
   */
  readonly ephemeralStorageLimit?: Size;
}

/**
 * Container resources from plain numbers and `cdk8s.Size`, so an app needs no cdk8s-plus import
 * (nor the cdk8s-plus major this library is built on) to size a daemon. The result is the
 * `ContainerResources` every `resources` prop takes; a `kplus.ContainerResources` written by
 * hand works as before.
 *
 * @example
 * import { Size } from 'cdk8s';
 * import { DaemonResources, NodeExporterDaemonSet } from 'cdk8s-daemonsets';
 *
 * new NodeExporterDaemonSet(chart, 'node-exporter', {
 *   resources: DaemonResources.of({ cpuRequestMillicores: 50, memoryLimit: Size.mebibytes(64) }),
 * });
 */
export class DaemonResources {
  /**
   * Requests and limits from plain values.
   *
   * @throws when a millicore value is not a whole number >= 0, or a size is not a `cdk8s.Size`
   */
  public static of(values: DaemonResourceValues): kplus.ContainerResources {
    const where = 'DaemonResources.of';
    const cpu = (prop: 'cpuRequestMillicores' | 'cpuLimitMillicores') => {
      const n = values[prop];
      if (n === undefined) return undefined;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        throw propError(where, prop, n, 'must be a whole number of millicores >= 0 (1000 is one core)');
      }
      return kplus.Cpu.millis(n);
    };
    const size = (prop: 'memoryRequest' | 'memoryLimit' | 'ephemeralStorageRequest' | 'ephemeralStorageLimit') => {
      instanceProp(where, prop, values[prop], Size, 'Size.mebibytes() (or another cdk8s Size factory)');
      return values[prop];
    };
    // A resource left out stays undefined, so a preset keeps its own default for it.
    const pair = <T>(request?: T, limit?: T) => request === undefined && limit === undefined ? undefined : { request, limit };
    return {
      cpu: pair(cpu('cpuRequestMillicores'), cpu('cpuLimitMillicores')),
      memory: pair(size('memoryRequest'), size('memoryLimit')),
      ephemeralStorage: pair(size('ephemeralStorageRequest'), size('ephemeralStorageLimit')),
    };
  }

  private constructor() {}
}
