import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { createDaemonSetAlerts, DaemonSetAlertsOptions } from './daemon-set-alerts';
import { createMetricsNetworkPolicy, MetricsNetworkPolicyOptions } from './network-policy';
import { createPodMonitor } from './pod-monitor';
import { MetricsEndpoint, PodMonitorOptions, ServiceMonitorOptions } from './scrape-endpoint';
import { createServiceMonitor } from './service-monitor';
import { propError } from '../internal/errors';
import { ContainerSpec } from '../internal/kplus-adapter';

/** The monitoring options every daemon shares (NodeDaemonSetOptions). @internal */
export interface MonitoringOptions {
  readonly serviceMonitor?: ServiceMonitorOptions;
  readonly podMonitor?: PodMonitorOptions;
  readonly networkPolicy?: MetricsNetworkPolicyOptions;
  readonly prometheusRule?: DaemonSetAlertsOptions;
}

/** What the monitoring objects need from their daemon. @internal */
export interface MonitoredDaemon {
  readonly name: string;
  /** The namespace the objects land in, the Chart's when metadata names none. */
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  readonly podLabels: { [key: string]: string };
  readonly selectorLabels: { [key: string]: string };
  readonly containers: ContainerSpec[];
  /** The Service's port names, when the daemon has a Service. */
  readonly servicePorts?: string[];
  /** The preset's metrics endpoint. */
  readonly endpoint?: MetricsEndpoint;
  /** The name of the alert on `up == 0`, for an exporter scraped through its monitor. */
  readonly exporterDownAlert?: string;
}

/**
 * The `prometheus.io/*` pod annotations, the one scrape-annotation rule of every daemon: the
 * pods carry them (never the Service, so a Prometheus with both the stock pod and service
 * endpoint jobs scrapes once), and only when no ServiceMonitor or PodMonitor scrapes the daemon
 * and the endpoint needs no token (annotation-driven jobs send none).
 * @internal
 */
export function scrapeAnnotations(daemon: Pick<MonitoredDaemon, 'containers' | 'endpoint'>, options: MonitoringOptions): { [key: string]: string } {
  const endpoint = daemon.endpoint;
  if (!endpoint || endpoint.authenticated || options.serviceMonitor || options.podMonitor) return {};
  const port = portNumber(daemon.containers, endpoint.port);
  return port === undefined ? {} : { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(port), 'prometheus.io/path': endpoint.path };
}

/** The ServiceMonitor or PodMonitor, NetworkPolicy and PrometheusRule the options ask for. @internal */
export function createMonitoring(scope: Construct, daemon: MonitoredDaemon, options: MonitoringOptions): ApiObject[] {
  const objects: ApiObject[] = [];
  const { serviceMonitor, podMonitor } = options;
  if (serviceMonitor && podMonitor) {
    throw propError(scope, 'podMonitor', podMonitor, 'serviceMonitor is set too: Prometheus would scrape every pod twice; keep one');
  }
  let job: string | undefined;
  if (serviceMonitor) {
    if (!daemon.servicePorts) throw propError(scope, 'serviceMonitor', serviceMonitor, 'a ServiceMonitor selects a Service, and this daemon has none: turn the Service on, or use podMonitor');
    const target = { ...daemon, serviceSelector: daemon.selectorLabels, servicePorts: daemon.servicePorts };
    objects.push(createServiceMonitor(scope, target, serviceMonitor));
    job = daemon.labels[serviceMonitor.jobLabel ?? 'app.kubernetes.io/name'] ?? daemon.name;
  }
  if (podMonitor) {
    const containerPorts = daemon.containers.flatMap(c => c.ports.map(p => p.name).filter((n): n is string => n !== undefined));
    objects.push(createPodMonitor(scope, { ...daemon, podSelector: daemon.selectorLabels, containerPorts }, podMonitor));
    job = daemon.podLabels[podMonitor.jobLabel ?? 'app.kubernetes.io/name'] ?? `${daemon.namespace ?? 'default'}/${daemon.name}`;
  }
  if (options.networkPolicy) {
    const portName = serviceMonitor?.port ?? podMonitor?.port ?? daemon.endpoint?.port;
    const port = portName === undefined ? undefined : portNumber(daemon.containers, portName);
    if (port === undefined) {
      throw propError(scope, 'networkPolicy', options.networkPolicy, 'the daemon serves no metrics port to admit Prometheus to: name it with serviceMonitor.port or podMonitor.port');
    }
    objects.push(createMetricsNetworkPolicy(scope, { ...daemon, podSelector: daemon.selectorLabels, port }, options.networkPolicy));
  }
  if (options.prometheusRule) {
    const exporterDown = daemon.exporterDownAlert && job !== undefined ? { alert: daemon.exporterDownAlert, job } : undefined;
    objects.push(createDaemonSetAlerts(scope, { ...daemon, exporterDown }, options.prometheusRule));
  }
  return objects;
}

/** The number of the container port named `name`, in any container of the pod. */
function portNumber(containers: ContainerSpec[], name: string): number | undefined {
  return containers.flatMap(c => c.ports).find(p => p.name === name)?.number;
}
