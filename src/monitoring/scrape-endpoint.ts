import { Duration } from 'cdk8s';
import { checkLabelMap, checkRelabelRegex, promDuration } from './prometheus-values';
import { assertValid, propError, Where } from '../internal/errors';
import { lookupTable } from '../internal/lookup';
import { inlineCredentialIn } from '../internal/redact';
import { arrayProp, stringArrayProp } from '../internal/shape';
import { SecretKeySelector } from '../presets/log-collector/output';
import { checkQualifiedName } from '../validation';

/**
 * The protocol Prometheus scrapes with.
 */
export enum ScrapeScheme {
  /** Plain HTTP. */
  HTTP = 'http',
  /** HTTP over TLS. */
  HTTPS = 'https',
}

/**
 * What a relabeling does (Prometheus `relabel_config.action`).
 *
 * @see https://prometheus.io/docs/prometheus/latest/configuration/configuration/#relabel_config
 */
export enum RelabelAction {
  /** Write `replacement` (with the regex's groups) to `targetLabel`. */
  REPLACE = 'replace',
  /** Keep only targets or series whose joined `sourceLabels` match `regex`. */
  KEEP = 'keep',
  /** Drop targets or series whose joined `sourceLabels` match `regex`. */
  DROP = 'drop',
  /** Write the hash of the joined `sourceLabels`, modulo `modulus`, to `targetLabel`. */
  HASHMOD = 'hashmod',
  /** Copy the labels whose names match `regex` to the names `replacement` makes. */
  LABELMAP = 'labelmap',
  /** Remove the labels whose names match `regex`. */
  LABELDROP = 'labeldrop',
  /** Remove the labels whose names do not match `regex`. */
  LABELKEEP = 'labelkeep',
  /** Write the joined `sourceLabels` in lower case to `targetLabel` (Prometheus 2.36 and later). */
  LOWERCASE = 'lowercase',
  /** Write the joined `sourceLabels` in upper case to `targetLabel` (Prometheus 2.36 and later). */
  UPPERCASE = 'uppercase',
  /** Keep targets whose joined `sourceLabels` equal `targetLabel`'s value (Prometheus 2.41 and later). */
  KEEPEQUAL = 'keepequal',
  /** Drop targets whose joined `sourceLabels` equal `targetLabel`'s value (Prometheus 2.41 and later). */
  DROPEQUAL = 'dropequal',
}

/**
 * One relabeling step, with Prometheus' field names (camelCase, as the Prometheus Operator spells them).
 *
 * @see https://prometheus.io/docs/prometheus/latest/configuration/configuration/#relabel_config
 */
export interface RelabelConfig {
  /**
   * What the step does.
   *
   * @default RelabelAction.REPLACE
   */
  readonly action?: RelabelAction;
  /**
   * Labels whose values are joined with `separator` and matched against `regex`.
   *
   * @default - none
   */
  readonly sourceLabels?: string[];
  /**
   * What joins the `sourceLabels` values.
   *
   * @default ';'
   */
  readonly separator?: string;
  /**
   * The label written by `replace`, `hashmod`, `lowercase` and `uppercase`, or compared by `keepequal` and `dropequal`.
   *
   * @default - none; required by the actions that write or compare it
   */
  readonly targetLabel?: string;
  /**
   * A Go (RE2) regular expression, anchored at both ends.
   *
   * @default '(.*)'
   * @throws if Go's `regexp` refuses it (Prometheus would refuse the whole configuration)
   */
  readonly regex?: string;
  /**
   * The modulus of `hashmod`.
   *
   * @default - none; required by `hashmod`
   */
  readonly modulus?: number;
  /**
   * What `replace` writes; `$1`, `${name}` refer to the regex's groups.
   *
   * @default '$1'
   */
  readonly replacement?: string;
}

/**
 * TLS settings of the scrape (`tlsConfig` of the endpoint).
 */
export interface ScrapeTlsOptions {
  /**
   * Skip verifying the target's certificate. Needed for a self-signed certificate (kube-rbac-proxy
   * without `tlsSecret`): the connection is encrypted, but a machine posing as the node would
   * receive the bearer token.
   *
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
  /**
   * The name the target's certificate must carry, sent for SNI.
   *
   * @default - the target's address
   */
  readonly serverName?: string;
  /**
   * A Secret key with the PEM CA certificate that signed the target's certificate, in the
   * monitor's namespace.
   *
   * @default - the system roots of Prometheus' image
   */
  readonly caSecret?: SecretKeySelector;
}

/**
 * How Prometheus scrapes the daemon's metrics endpoint: what ServiceMonitor and PodMonitor share.
 *
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.Endpoint
 */
export interface ScrapeEndpointOptions {
  /**
   * The named container port (PodMonitor) or Service port (ServiceMonitor) to scrape.
   *
   * @default - the preset's metrics port; required on a NodeDaemonSet
   * @throws if no port of that name exists
   */
  readonly port?: string;
  /**
   * The HTTP path of the metrics.
   *
   * @default - the preset's metrics path; '/metrics' on a NodeDaemonSet
   */
  readonly path?: string;
  /**
   * How often Prometheus scrapes.
   *
   * @default - Prometheus' global `scrape_interval`
   */
  readonly interval?: Duration;
  /**
   * How long a scrape may take. The operator refuses a monitor whose `scrapeTimeout` exceeds its `interval`.
   *
   * @default - Prometheus' global `scrape_timeout`
   * @throws if longer than `interval`
   */
  readonly scrapeTimeout?: Duration;
  /**
   * The scrape protocol.
   *
   * @default - ScrapeScheme.HTTPS behind kube-rbac-proxy, else ScrapeScheme.HTTP
   */
  readonly scheme?: ScrapeScheme;
  /**
   * TLS settings, for `https`.
   *
   * @default - none; `{ insecureSkipVerify: true }` behind kube-rbac-proxy with its self-signed certificate
   */
  readonly tlsConfig?: ScrapeTlsOptions;
  /**
   * A Secret key holding the bearer token Prometheus sends (`authorization.credentials`), in the
   * monitor's namespace. Behind kube-rbac-proxy, use it when Prometheus refuses file access from
   * monitors (`arbitraryFSAccessThroughSMs.deny`): the Secret must hold a token of a
   * ServiceAccount allowed to `get` the `/metrics` non-resource URL.
   *
   * @default - none; behind kube-rbac-proxy, Prometheus' own ServiceAccount token (`bearerTokenFile`)
   */
  readonly bearerTokenSecret?: SecretKeySelector;
  /**
   * Keep the labels the target exposes when they clash with the target's labels (`honorLabels`).
   *
   * @default false
   */
  readonly honorLabels?: boolean;
  /**
   * Relabelings of the target, applied after the one that sets `instance` to the node name.
   *
   * @default - none
   */
  readonly relabelings?: RelabelConfig[];
  /**
   * Relabelings of each scraped series, before it is stored (`metricRelabelings`): drop series here.
   *
   * @default - none
   */
  readonly metricRelabelings?: RelabelConfig[];
}

/**
 * What the ServiceMonitor and PodMonitor objects carry besides the endpoint.
 */
export interface MonitorOptions extends ScrapeEndpointOptions {
  /**
   * Labels of the monitor object, for the Prometheus `serviceMonitorSelector` /
   * `podMonitorSelector` to pick it up (kube-prometheus-stack selects `release: <its release name>`).
   *
   * @default - the daemon's labels only
   */
  readonly labels?: { [key: string]: string };
  /**
   * The label of the Service (ServiceMonitor) or pod (PodMonitor) whose value becomes the `job` label.
   *
   * @default 'app.kubernetes.io/name'
   */
  readonly jobLabel?: string;
}

/**
 * A ServiceMonitor selecting exactly the daemon's Service, on its metrics port by name.
 */
export interface ServiceMonitorOptions extends MonitorOptions {}

/**
 * A PodMonitor selecting exactly the daemon's pods, on the container port by name.
 */
export interface PodMonitorOptions extends MonitorOptions {}

/** The metrics endpoint a construct serves, as the preset knows it. @internal */
export interface MetricsEndpoint {
  /** The port name. */
  readonly port: string;
  readonly path: string;
  /** Behind kube-rbac-proxy: https, with Prometheus' token. */
  readonly authenticated: boolean;
}

/** The endpoint fields both monitor kinds share, checked, before they are typed per kind. @internal */
export interface EndpointFields {
  readonly port: string;
  readonly path: string;
  readonly interval?: string;
  readonly scrapeTimeout?: string;
  readonly scheme: ScrapeScheme;
  readonly tls?: { insecureSkipVerify?: boolean; serverName?: string; ca?: SecretKeySelector };
  readonly bearerTokenFile?: string;
  readonly bearerTokenSecret?: SecretKeySelector;
  readonly honorLabels?: boolean;
  readonly relabelings: RelabelConfig[];
  readonly metricRelabelings: RelabelConfig[];
}

/** Where the kubelet mounts a pod's ServiceAccount token: Prometheus' own, in Prometheus' pod. */
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Sets `instance` to the node's name, so every series of one node shares it with node-exporter's. */
export const NODE_NAME_AS_INSTANCE: RelabelConfig = {
  action: RelabelAction.REPLACE,
  sourceLabels: ['__meta_kubernetes_pod_node_name'],
  targetLabel: 'instance',
};

/** The endpoint of a monitor: the user's options over the preset's endpoint, checked. @internal */
export function endpointFields(where: Where, prop: string, options: ScrapeEndpointOptions, endpoint: MetricsEndpoint | undefined): EndpointFields {
  const port = options.port ?? endpoint?.port;
  if (port === undefined) throw propError(where, `${prop}.port`, null, 'name the port to scrape: this daemon has no preset metrics port');
  const path = options.path ?? endpoint?.path ?? '/metrics';
  if (typeof path !== 'string' || !/^\/[\x21-\x7e]*$/.test(path)) throw propError(where, `${prop}.path`, path, 'must be an absolute URL path without spaces');
  const credential = inlineCredentialIn(path);
  if (credential) {
    throw propError(where, `${prop}.path`, path, `carries a credential inline (the query parameter ${credential}), which would be written into the monitor: `
      + 'give the token as bearerTokenSecret, a SecretKeySelector Prometheus reads it from');
  }
  const interval = options.interval === undefined ? undefined : promDuration(where, `${prop}.interval`, options.interval);
  const scrapeTimeout = options.scrapeTimeout === undefined ? undefined : promDuration(where, `${prop}.scrapeTimeout`, options.scrapeTimeout);
  const ms = (d: Duration) => d.toMilliseconds({ integral: false });
  if (options.interval && options.scrapeTimeout && ms(options.scrapeTimeout) > ms(options.interval)) {
    throw propError(where, `${prop}.scrapeTimeout`, scrapeTimeout, `must not exceed interval (${interval}): the Prometheus Operator refuses such a monitor`);
  }
  const authenticated = endpoint?.authenticated ?? false;
  const scheme = options.scheme ?? (authenticated ? ScrapeScheme.HTTPS : ScrapeScheme.HTTP);
  if (!Object.values(ScrapeScheme).includes(scheme)) throw propError(where, `${prop}.scheme`, scheme, 'must be a ScrapeScheme');
  if (authenticated && scheme !== ScrapeScheme.HTTPS) {
    throw propError(where, `${prop}.scheme`, scheme, 'kube-rbac-proxy serves only https: Prometheus must scrape with https');
  }
  if (options.tlsConfig && scheme !== ScrapeScheme.HTTPS) throw propError(where, `${prop}.tlsConfig`, options.tlsConfig, 'applies to https scrapes only: set scheme to ScrapeScheme.HTTPS');
  const tls = options.tlsConfig ?? (authenticated ? { insecureSkipVerify: true } : undefined);
  if (options.bearerTokenSecret) checkSecretKey(where, `${prop}.bearerTokenSecret`, options.bearerTokenSecret);
  if (options.tlsConfig?.caSecret) checkSecretKey(where, `${prop}.tlsConfig.caSecret`, options.tlsConfig.caSecret);
  if (tls?.insecureSkipVerify && tls.caSecret) throw propError(where, `${prop}.tlsConfig`, 'insecureSkipVerify with caSecret', 'a CA to verify with and no verification contradict each other: keep one');
  return {
    port,
    path,
    interval,
    scrapeTimeout,
    scheme,
    tls: tls ? { insecureSkipVerify: tls.insecureSkipVerify, serverName: tls.serverName, ca: tls.caSecret } : undefined,
    // kube-rbac-proxy reviews the token Prometheus sends: its own ServiceAccount's, as kube-prometheus does.
    bearerTokenFile: authenticated && !options.bearerTokenSecret ? SERVICE_ACCOUNT_TOKEN : undefined,
    bearerTokenSecret: options.bearerTokenSecret,
    honorLabels: options.honorLabels,
    relabelings: [NODE_NAME_AS_INSTANCE, ...checkRelabelings(where, `${prop}.relabelings`, options.relabelings)],
    metricRelabelings: checkRelabelings(where, `${prop}.metricRelabelings`, options.metricRelabelings),
  };
}

/** The labels of a monitor object: the daemon's, then the user's; keys and values checked. @internal */
export function monitorLabels(
  where: Where, prop: string, daemonLabels: { [key: string]: string }, options: MonitorOptions,
): { [key: string]: string } {
  return { ...daemonLabels, ...checkLabelMap(where, `${prop}.labels`, options.labels ?? {}) };
}

/** The `jobLabel`, checked. @internal */
export function jobLabelOf(where: Where, prop: string, options: MonitorOptions): string {
  const label = options.jobLabel ?? 'app.kubernetes.io/name';
  assertValid(where, `${prop}.jobLabel`, label, checkQualifiedName(label));
  return label;
}

function checkSecretKey(where: Where, prop: string, ref: SecretKeySelector): void {
  if (typeof ref?.name !== 'string' || ref.name === '' || typeof ref.key !== 'string' || ref.key === '') {
    throw propError(where, prop, ref ?? null, 'must name a Secret and a key in it');
  }
}

/** Actions that write `targetLabel`, and those that compare it: Prometheus refuses them without one. */
const NEEDS_TARGET: string[] = [
  RelabelAction.REPLACE, RelabelAction.HASHMOD, RelabelAction.LOWERCASE, RelabelAction.UPPERCASE, RelabelAction.KEEPEQUAL, RelabelAction.DROPEQUAL,
];
/** The fields each restricted action allows, beside `action` (Prometheus refuses any other). */
const ONLY_FIELDS: { [action: string]: Array<keyof RelabelConfig> } = lookupTable({
  [RelabelAction.KEEPEQUAL]: ['sourceLabels', 'targetLabel'],
  [RelabelAction.DROPEQUAL]: ['sourceLabels', 'targetLabel'],
  [RelabelAction.LABELDROP]: ['regex'],
  [RelabelAction.LABELKEEP]: ['regex'],
  [RelabelAction.LOWERCASE]: ['sourceLabels', 'separator', 'targetLabel', 'regex', 'modulus'],
  [RelabelAction.UPPERCASE]: ['sourceLabels', 'separator', 'targetLabel', 'regex', 'modulus'],
});

/**
 * Prometheus' own checks of a relabel config (`relabel.Config.Validate`), so no configuration it
 * refuses leaves synth: Prometheus would refuse the whole generated configuration.
 */
function checkRelabelings(where: Where, prop: string, configs: RelabelConfig[] | undefined): RelabelConfig[] {
  return arrayProp(where, prop, configs).map((c, i) => {
    const at = `${prop}[${i}]`;
    const action = c.action ?? RelabelAction.REPLACE;
    if (!Object.values(RelabelAction).includes(action)) throw propError(where, `${at}.action`, action, 'must be a RelabelAction');
    stringArrayProp(where, `${at}.sourceLabels`, c.sourceLabels);
    if (NEEDS_TARGET.includes(action) && !c.targetLabel) throw propError(where, `${at}.targetLabel`, null, `the ${action} action needs a targetLabel`);
    if (action === RelabelAction.HASHMOD && !(Number.isInteger(c.modulus) && c.modulus! > 0)) {
      throw propError(where, `${at}.modulus`, c.modulus ?? null, 'the hashmod action needs a positive whole modulus');
    }
    const allowed = ONLY_FIELDS[action];
    const extra = allowed && (Object.keys(c) as Array<keyof RelabelConfig>).find(k => k !== 'action' && c[k] !== undefined && !allowed.includes(k));
    if (extra) throw propError(where, `${at}.${extra}`, c[extra], `Prometheus refuses ${extra} on the ${action} action (it takes ${allowed.join(', ')})`);
    if (c.regex !== undefined) assertValid(where, `${at}.regex`, c.regex, typeof c.regex === 'string' ? checkRelabelRegex(c.regex) : 'must be a string');
    return c;
  });
}

/**
 * The endpoint fields that are typed alike in ServiceMonitor and PodMonitor (no generated enum
 * inside), as the L1 structs of both kinds accept them.
 * @internal
 */
export function sharedEndpointFields(e: EndpointFields) {
  return {
    port: e.port,
    path: e.path,
    interval: e.interval,
    scrapeTimeout: e.scrapeTimeout,
    honorLabels: e.honorLabels,
    authorization: e.bearerTokenSecret ? { type: 'Bearer', credentials: { name: e.bearerTokenSecret.name, key: e.bearerTokenSecret.key } } : undefined,
    tlsConfig: e.tls ? {
      insecureSkipVerify: e.tls.insecureSkipVerify,
      serverName: e.tls.serverName,
      ca: e.tls.ca ? { secret: { name: e.tls.ca.name, key: e.tls.ca.key } } : undefined,
    } : undefined,
  };
}

/** Relabelings as one monitor kind types them (`actions` is its generated enum); none when empty. @internal */
export function relabelingsOf<E extends { [k: string]: string }>(configs: RelabelConfig[], actions: E) {
  return configs.length === 0 ? undefined : configs.map(r => ({
    sourceLabels: r.sourceLabels,
    separator: r.separator,
    targetLabel: r.targetLabel,
    regex: r.regex,
    modulus: r.modulus,
    replacement: r.replacement,
    action: r.action === undefined ? undefined : enumMember(actions, r.action),
  }));
}

/** The member of a generated string enum whose value is `value` (the generated enums repeat our values). @internal */
export function enumMember<E extends { [k: string]: string }>(e: E, value: string): E[keyof E] {
  const member = Object.values(e).find(v => v === value);
  if (member === undefined) throw new Error(`${value} is not among ${Object.values(e).join(', ')}`);
  return member as E[keyof E];
}
