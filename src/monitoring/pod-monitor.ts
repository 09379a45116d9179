import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  endpointFields, enumMember, jobLabelOf, MetricsEndpoint, monitorLabels, PodMonitorOptions, relabelingsOf, sharedEndpointFields,
} from './scrape-endpoint';
import {
  PodMonitor, PodMonitorSpecPodMetricsEndpointsMetricRelabelingsAction, PodMonitorSpecPodMetricsEndpointsRelabelingsAction,
  PodMonitorSpecPodMetricsEndpointsScheme,
} from '../imports/monitoring.coreos.com';
import { renderableMap } from '../internal/cdk8s-keys';
import { propError } from '../internal/errors';

/** What a PodMonitor needs from its daemon. @internal */
export interface PodMonitorTarget {
  readonly name: string;
  readonly namespace?: string;
  readonly labels: { [key: string]: string };
  /** The DaemonSet's selector labels: exactly its pods. */
  readonly podSelector: { [key: string]: string };
  /** The names of the pod's container ports. */
  readonly containerPorts: string[];
  readonly endpoint?: MetricsEndpoint;
}

/**
 * A PodMonitor selecting exactly the daemon's pods (its DaemonSet selector, in its own namespace,
 * which is the monitor's), scraping the named container port.
 * @internal
 */
export function createPodMonitor(scope: Construct, target: PodMonitorTarget, options: PodMonitorOptions): ApiObject {
  const e = endpointFields(scope, 'podMonitor', options, target.endpoint);
  if (!target.containerPorts.includes(e.port)) {
    throw propError(scope, 'podMonitor.port', e.port, `no container of the pod has a port of that name (its ports: ${target.containerPorts.join(', ') || 'none'})`);
  }
  if (e.bearerTokenFile) {
    // A PodMonitor endpoint has no bearerTokenFile: Prometheus can only send a token read from a Secret.
    throw propError(scope, 'podMonitor.bearerTokenSecret', null,
      'kube-rbac-proxy needs a bearer token, and a PodMonitor can only send one from a Secret: give a Secret key holding the token of a ServiceAccount allowed to get /metrics, or use serviceMonitor');
  }
  const labels = renderableMap('/metadata/labels', monitorLabels(scope, 'podMonitor', target.labels, options));
  const monitor = new PodMonitor(scope, 'PodMonitor', {
    metadata: { name: target.name, namespace: target.namespace, labels: labels.map },
    spec: {
      jobLabel: jobLabelOf(scope, 'podMonitor', options),
      selector: { matchLabels: target.podSelector },
      podMetricsEndpoints: [{
        ...sharedEndpointFields(e),
        scheme: enumMember(PodMonitorSpecPodMetricsEndpointsScheme, e.scheme),
        relabelings: relabelingsOf(e.relabelings, PodMonitorSpecPodMetricsEndpointsRelabelingsAction),
        metricRelabelings: relabelingsOf(e.metricRelabelings, PodMonitorSpecPodMetricsEndpointsMetricRelabelingsAction),
      }],
    },
  });
  monitor.addJsonPatch(...labels.patches);
  return monitor;
}
