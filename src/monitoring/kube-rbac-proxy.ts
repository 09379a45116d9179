import { Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { PolicyRule } from '../companions';
import { checkPortNumber, DaemonContainerProps } from '../container';
import { assertValid, propError, Where } from '../internal/errors';
import { checkImageReference } from '../internal/image';
import { kplus } from '../internal/kplus-adapter';
import { checkDns1123Subdomain } from '../validation';

/** The kube-rbac-proxy release kube-prometheus and the prometheus-node-exporter chart pin. */
export const KUBE_RBAC_PROXY_IMAGE = 'quay.io/brancz/kube-rbac-proxy:v0.22.1';
/** The image's user: distroless `nonroot`. */
const NONROOT = 65532;
const TLS_DIR = '/etc/kube-rbac-proxy/tls';
/**
 * TLS 1.2 suites with forward secrecy and AEAD only (Go's names); TLS 1.3 suites are not
 * configurable in Go and are all of that kind.
 */
const CIPHER_SUITES = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
];

/**
 * Serve the metrics through kube-rbac-proxy, as kube-prometheus does: the exporter listens on
 * `127.0.0.1` only, and a kube-rbac-proxy sidecar serves the node's IP on the daemon's `port`
 * over TLS. Each request must carry a bearer token that the API server accepts (TokenReview) and
 * whose user may `get` the `/metrics` non-resource URL (SubjectAccessReview); only `/metrics` is
 * proxied. Prometheus' ClusterRole in kube-prometheus and kube-prometheus-stack grants that.
 *
 * @see https://github.com/brancz/kube-rbac-proxy
 */
export interface KubeRbacProxyOptions {
  /**
   * The kube-rbac-proxy image.
   *
   * @default 'quay.io/brancz/kube-rbac-proxy:v0.22.1'
   */
  readonly image?: string;
  /**
   * The loopback port the exporter moves to (`127.0.0.1:<upstreamPort>`), which only the proxy
   * reaches.
   *
   * @default - the daemon's port + 1 (9101 for node-exporter, as kube-prometheus)
   * @throws if it equals the daemon's port or `healthPort`
   */
  readonly upstreamPort?: number;
  /**
   * The port of the proxy's own `/healthz` (`--proxy-endpoints-port`, HTTPS), which the probes
   * read: the exporter on loopback is out of the kubelet's reach. On the host network it is a
   * port of the node.
   *
   * @default - the daemon's port + 2
   * @throws if it equals the daemon's port or `upstreamPort`
   */
  readonly healthPort?: number;
  /**
   * The name of a `kubernetes.io/tls` Secret (keys `tls.crt`, `tls.key`) in the daemon's
   * namespace with the proxy's certificate, e.g. from cert-manager. Give the monitor a
   * `tlsConfig` that verifies it.
   *
   * @default - a self-signed certificate made at every start (monitors then skip verification)
   */
  readonly tlsSecretName?: string;
  /**
   * CPU and memory of the proxy container.
   *
   * @default - requests 10m CPU and 40Mi memory, limits 20m CPU and 40Mi memory
   */
  readonly resources?: kplus.ContainerResources;
}

/** The proxy sidecar and what the daemon needs beside it. @internal */
export interface KubeRbacProxySpec {
  readonly sidecar: DaemonContainerProps;
  /** TokenReview and SubjectAccessReview: what the proxy asks the API server. */
  readonly rules: PolicyRule[];
  /** Where the exporter listens: loopback only. */
  readonly upstreamAddress: string;
}

/** What the proxy asks the API server: who sent the token, and may they get /metrics. @internal */
export const KUBE_RBAC_PROXY_RULES: PolicyRule[] = [
  { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
  { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
];

/** Where the proxy serves the exporter's metrics. @internal */
export interface ProxiedPort {
  /** The daemon's metrics port: the proxy serves it, the exporter moves to loopback. */
  readonly port: number;
  /** The name of the proxy's container port, which the Service and monitors use. */
  readonly name: string;
  /** Listen on the node's primary IP (host network), rather than every address of the pod's network namespace. */
  readonly onNodeIp: boolean;
}

/**
 * The kube-rbac-proxy sidecar in front of an exporter: TLS on `served.port` of the node IP or
 * every address, to `http://127.0.0.1:<upstreamPort>/`, hardened like the exporter by the
 * library's container defaults. `scope` and `id` name the Secret volume when `tlsSecretName` is given.
 * @internal
 */
export function kubeRbacProxy(scope: Construct, id: string, at: Where, served: ProxiedPort, options: KubeRbacProxyOptions): KubeRbacProxySpec {
  const port = served.port;
  const image = options.image ?? KUBE_RBAC_PROXY_IMAGE;
  assertValid(at, 'kubeRbacProxy.image', image, checkImageReference(image));
  const upstreamPort = options.upstreamPort ?? port + 1;
  const healthPort = options.healthPort ?? port + 2;
  checkPortNumber(at, 'kubeRbacProxy.upstreamPort', upstreamPort);
  checkPortNumber(at, 'kubeRbacProxy.healthPort', healthPort);
  if (upstreamPort === port) throw propError(at, 'kubeRbacProxy.upstreamPort', upstreamPort, 'must differ from port, where the proxy listens');
  if (healthPort === port || healthPort === upstreamPort) {
    throw propError(at, 'kubeRbacProxy.healthPort', healthPort, `must differ from port (${port}) and upstreamPort (${upstreamPort})`);
  }
  if (options.tlsSecretName !== undefined) assertValid(at, 'kubeRbacProxy.tlsSecretName', options.tlsSecretName, checkDns1123Subdomain(options.tlsSecretName));
  const tls = options.tlsSecretName === undefined ? [] : [`--tls-cert-file=${TLS_DIR}/tls.crt`, `--tls-private-key-file=${TLS_DIR}/tls.key`];
  const health = { port: healthPort, scheme: kplus.ConnectionScheme.HTTPS };
  return {
    upstreamAddress: `127.0.0.1:${upstreamPort}`,
    rules: KUBE_RBAC_PROXY_RULES,
    sidecar: {
      name: 'kube-rbac-proxy',
      image,
      args: [
        // IPv6-safe brackets; otherwise every address, IPv4 and IPv6.
        `--secure-listen-address=${served.onNodeIp ? '[$(HOST_IP)]' : ''}:${port}`,
        `--upstream=http://127.0.0.1:${upstreamPort}/`,
        '--allow-paths=/metrics',
        `--proxy-endpoints-port=${healthPort}`,
        '--tls-min-version=VersionTLS12',
        `--tls-cipher-suites=${CIPHER_SUITES.join(',')}`,
        ...tls,
      ],
      envVariables: served.onNodeIp ? { HOST_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP) } : undefined,
      ports: [
        { name: served.name, number: port, protocol: kplus.Protocol.TCP },
        { name: 'proxy-health', number: healthPort, protocol: kplus.Protocol.TCP },
      ],
      readiness: kplus.Probe.fromHttpGet('/healthz', health),
      liveness: kplus.Probe.fromHttpGet('/healthz', { ...health, periodSeconds: Duration.seconds(30), failureThreshold: 5 }),
      runAsUser: NONROOT,
      runAsGroup: NONROOT,
      resources: options.resources ?? {
        cpu: { request: kplus.Cpu.millis(10), limit: kplus.Cpu.millis(20) },
        memory: { request: Size.mebibytes(40), limit: Size.mebibytes(40) },
      },
      volumeMounts: options.tlsSecretName === undefined ? undefined : [{
        volume: kplus.Volume.fromSecret(scope, `${id}KubeRbacProxyTls`, kplus.Secret.fromSecretName(scope, `${id}KubeRbacProxyTlsSecret`, options.tlsSecretName), { name: 'kube-rbac-proxy-tls' }),
        mountPath: TLS_DIR,
      }],
    },
  };
}
