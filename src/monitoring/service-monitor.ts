import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  endpointFields, enumMember, jobLabelOf, MetricsEndpoint, monitorLabels, relabelingsOf, ServiceMonitorOptions, sharedEndpointFields,
} from './scrape-endpoint';
import {
  ServiceMonitor, ServiceMonitorSpecEndpoints, ServiceMonitorSpecEndpointsMetricRelabelingsAction, ServiceMonitorSpecEndpointsRelabelingsAction,
  ServiceMonitorSpecEndpointsScheme,
} from '../imports/monitoring.coreos.com';
import { renderableMap } from '../internal/cdk8s-keys';
import { propError } from '../internal/errors';

/** What a ServiceMonitor needs from its daemon. @internal */
export interface ServiceMonitorTarget {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  /** The Service's labels that tell it apart from every other Service of its namespace. */
  readonly serviceSelector: { [key: string]: string };
  /** The names of the Service's ports. */
  readonly servicePorts: string[];
  readonly endpoint?: MetricsEndpoint;
}

/**
 * A ServiceMonitor selecting exactly the daemon's Service (its name and instance labels, in its
 * own namespace, which is the monitor's), scraping the named port.
 * @internal
 */
export function createServiceMonitor(scope: Construct, target: ServiceMonitorTarget, options: ServiceMonitorOptions): ApiObject {
  const e = endpointFields(scope, 'serviceMonitor', options, target.endpoint);
  if (!target.servicePorts.includes(e.port)) {
    throw propError(scope, 'serviceMonitor.port', e.port, `the Service has no port of that name (its ports: ${target.servicePorts.join(', ') || 'none'})`);
  }
  const endpoint: ServiceMonitorSpecEndpoints = {
    ...sharedEndpointFields(e),
    scheme: enumMember(ServiceMonitorSpecEndpointsScheme, e.scheme),
    bearerTokenFile: e.bearerTokenFile,
    relabelings: relabelingsOf(e.relabelings, ServiceMonitorSpecEndpointsRelabelingsAction),
    metricRelabelings: relabelingsOf(e.metricRelabelings, ServiceMonitorSpecEndpointsMetricRelabelingsAction),
  };
  const labels = renderableMap('/metadata/labels', monitorLabels(scope, 'serviceMonitor', target.labels, options));
  const monitor = new ServiceMonitor(scope, 'ServiceMonitor', {
    metadata: { name: target.name, namespace: target.namespace, labels: labels.map },
    spec: {
      jobLabel: jobLabelOf(scope, 'serviceMonitor', options),
      selector: { matchLabels: target.serviceSelector },
      endpoints: [endpoint],
    },
  });
  monitor.addJsonPatch(...labels.patches);
  return monitor;
}
