export { NodeDaemonSet, NodeDaemonSetOptions, NodeDaemonSetProps } from './node-daemon-set';
export {
  ContainerCommandOptions, ContainerEnvOptions, ContainerProbeOptions, ContainerSecurityOptions, DaemonContainerOptions,
  DaemonContainerProps, DaemonInitContainerProps, DaemonMountOptions, DaemonVolumeMount, HostPathMount, ScratchDirectory, SeccompProfileType,
} from './container';
export {
  ConfigDirectory, DaemonSetServiceOptions, IpFamily, PolicyRule, ServiceInternalTrafficPolicy, ServiceIpFamilyPolicy,
} from './companions';
export { PodDnsConfig } from './dns';
export {
  NodeAffinity, NodeSelectorOperator, NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm,
  TaintEffect, Toleration, TolerationOperator,
} from './scheduling';
export { DaemonSetRollingUpdateOptions, DaemonSetUpdateStrategy } from './update-strategy';
export { DaemonResources, DaemonResourceValues } from './resources';
export { PodSecurityLevel } from './security';
export {
  KUBERNETES_VERSION_CONTEXT, SUPPRESS_RULES_CONTEXT, ValidationFinding, ValidationFindingDetail, ValidationOptions,
  ValidationRule, ValidationSeverity, WARNINGS_AS_ERRORS_CONTEXT,
} from './validation';
export {
  DaemonSetValidationPlugin, DaemonSetValidationPluginProps, DaemonSetValidator, IValidationPluginContext, IValidationPluginReport,
  ValidationPluginViolatingResource, ValidationPluginViolation,
} from './validation/engine';
export * from './monitoring';
export * from './coverage';
export { NodeExporterDaemonSet, NodeExporterDaemonSetProps } from './presets/node-exporter';
export { GlusterfsDaemonSet, GlusterfsDaemonSetProps } from './presets/storage/glusterfs';
export { CephCsiClusterConfig, CephCsiDriver, CephCsiNodeDaemonSet, CephCsiNodeDaemonSetProps, KubeletDirectory } from './presets/storage/ceph-csi';
export { CollectdDaemonSet, CollectdDaemonSetProps } from './presets/collectd/collectd';
export {
  CollectdCpuOptions, CollectdDfOptions, CollectdDiskOptions, CollectdInterfaceOptions, CollectdLoadOptions,
  CollectdMemoryOptions, CollectdNetworkOptions, CollectdWritePrometheusOptions,
} from './presets/collectd/collectd-conf';
export * from './presets/log-collector';
export { DaemonNamespace, DaemonNamespaceProps } from './daemon-namespace';
