export { NodeDaemonSet, NodeDaemonSetOptions, NodeDaemonSetProps } from './node-daemon-set';
export {
  ContainerSecurityOptions, DaemonContainerOptions, DaemonContainerProps, DaemonMountOptions,
  DaemonVolumeMount, HostPathMount, ScratchDirectory, SeccompProfileType,
} from './container';
export { ConfigDirectory, DaemonSetServiceOptions, PolicyRule } from './companions';
export { TaintEffect, Toleration, TolerationOperator } from './scheduling';
export { DaemonSetRollingUpdateOptions, DaemonSetUpdateStrategy } from './update-strategy';
export { PodSecurityLevel } from './security';
export * from './validation';
export { NodeExporterDaemonSet, NodeExporterDaemonSetProps } from './presets/node-exporter';
