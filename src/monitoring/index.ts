export {
  MonitorOptions, PodMonitorOptions, RelabelAction, RelabelConfig, ScrapeEndpointOptions, ScrapeScheme, ScrapeTlsOptions, ServiceMonitorOptions,
} from './scrape-endpoint';
export { KubeRbacProxyOptions } from './kube-rbac-proxy';
export { MetricsNetworkPolicyOptions } from './network-policy';
export { DaemonSetAlertsOptions } from './daemon-set-alerts';
