import { ImagePullPolicy } from 'cdk8s-plus-27';
import { errorOf, expectSchemaValid, render } from './helpers';
import { DaemonSetValidator, NodeExporterDaemonSet, NodeExporterDaemonSetProps, ScrapeScheme } from '../../src';
import { byKind, podSpec } from '../helpers/synth';

function proxied(props: NodeExporterDaemonSetProps = {}) {
  return render(s => new NodeExporterDaemonSet(s, 'node-exporter', { metadata: { name: 'node-exporter' }, kubeRbacProxy: {}, ...props }));
}

/**
 * The flags kube-rbac-proxy 0.21/0.22 accepts that the sidecar uses, as its `--help` (README,
 * "All command line flags") lists them; it exits on an unknown flag.
 */
const PROXY_FLAGS = ['--secure-listen-address', '--upstream', '--allow-paths', '--proxy-endpoints-port', '--tls-min-version',
  '--tls-cipher-suites', '--tls-cert-file', '--tls-private-key-file'];
/** Go's crypto/tls names of TLS 1.2 ECDHE AEAD suites (`tls.CipherSuites()`). */
const GO_SUITES = ['TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'];

describe('NodeExporterDaemonSet with kubeRbacProxy', () => {
  const manifests = proxied({ serviceMonitor: {} });
  const spec = podSpec(manifests);
  const [exporter, proxy] = spec.containers;

  test('the whole output', () => {
    expect(manifests).toMatchSnapshot();
    expectSchemaValid(manifests);
  });

  test('node-exporter listens on loopback only, with no port for the node and no probe the kubelet could not reach', () => {
    expect(exporter.args).toContain('--web.listen-address=127.0.0.1:9101');
    expect(exporter.ports).toBeUndefined();
    expect(exporter.readinessProbe).toBeUndefined();
    expect(exporter.env).toBeUndefined();
  });

  test('the proxy serves the node IP and port over TLS, only /metrics, to the exporter on loopback', () => {
    expect(proxy.name).toBe('kube-rbac-proxy');
    expect(proxy.image).toBe('quay.io/brancz/kube-rbac-proxy:v0.22.1');
    expect(proxy.args).toEqual([
      '--secure-listen-address=[$(HOST_IP)]:9100',
      '--upstream=http://127.0.0.1:9101/',
      '--allow-paths=/metrics',
      '--proxy-endpoints-port=9102',
      '--tls-min-version=VersionTLS12',
      `--tls-cipher-suites=${GO_SUITES.join(',')}`,
    ]);
    expect(proxy.args.map((a: string) => a.split('=')[0]).filter((f: string) => !PROXY_FLAGS.includes(f))).toEqual([]);
    expect(proxy.env).toEqual([{ name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }]);
    expect(proxy.ports).toEqual([
      { name: 'https', containerPort: 9100, hostPort: 9100, protocol: 'TCP' },
      { name: 'proxy-health', containerPort: 9102, hostPort: 9102, protocol: 'TCP' },
    ]);
    expect(proxy.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 9102, scheme: 'HTTPS' });
    expect(proxy.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 9102, scheme: 'HTTPS' });
  });

  test('the proxy is hardened like the exporter, with requests and limits', () => {
    expect(proxy.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsGroup: 65532,
      runAsNonRoot: true,
      runAsUser: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(proxy.resources).toEqual({ requests: { cpu: '10m', memory: '40Mi' }, limits: { cpu: '20m', memory: '40Mi' } });
  });

  test('TokenReview and SubjectAccessReview are granted to the pods, whose token is mounted', () => {
    expect(byKind(manifests, 'ClusterRole').rules).toEqual([
      { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
      { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
    ]);
    expect(byKind(manifests, 'ClusterRoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'node-exporter', namespace: 'monitoring' }]);
    expect(spec.automountServiceAccountToken).toBe(true);
  });

  test('the Service and the ServiceMonitor use the proxy\'s https port, with Prometheus\' token', () => {
    expect(byKind(manifests, 'Service').spec.ports).toEqual([{ name: 'https', port: 9100, targetPort: 'https', protocol: 'TCP' }]);
    expect(byKind(manifests, 'ServiceMonitor').spec.endpoints[0]).toMatchObject({
      port: 'https', scheme: 'https', bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token', tlsConfig: { insecureSkipVerify: true },
    });
  });

  test('no scrape annotations: the annotation-driven jobs send no token', () => {
    expect(Object.keys(byKind(proxied(), 'DaemonSet').spec.template.metadata.annotations ?? {})).toEqual([]);
  });

  test('the validator finds nothing but the acknowledged exporter readiness (host access opted in, as the construct does)', () => {
    const findings = DaemonSetValidator.validateAll(manifests, { hostAccessOptedIn: true });
    expect(findings.map(f => `${f.rule} ${f.path}`)).toEqual(['readiness-probe-missing spec.template.spec.containers[0].readinessProbe']);
  });

  test('one port prop drives the proxy, the Service and the monitor; the exporter moves to port + 1', () => {
    const moved = proxied({ port: 9200, serviceMonitor: {} });
    const [e, p] = podSpec(moved).containers;
    expect(e.args).toContain('--web.listen-address=127.0.0.1:9201');
    expect(p.args.slice(0, 4)).toEqual(['--secure-listen-address=[$(HOST_IP)]:9200', '--upstream=http://127.0.0.1:9201/', '--allow-paths=/metrics', '--proxy-endpoints-port=9202']);
    expect(byKind(moved, 'Service').spec.ports[0].port).toBe(9200);
  });

  test('a TLS Secret is mounted and used', () => {
    const p = podSpec(proxied({ kubeRbacProxy: { tlsSecretName: 'node-exporter-tls' } }));
    expect(p.containers[1].args).toEqual(expect.arrayContaining([
      '--tls-cert-file=/etc/kube-rbac-proxy/tls/tls.crt', '--tls-private-key-file=/etc/kube-rbac-proxy/tls/tls.key',
    ]));
    expect(p.containers[1].volumeMounts).toEqual([{ name: 'kube-rbac-proxy-tls', mountPath: '/etc/kube-rbac-proxy/tls', readOnly: true }]);
    expect(p.volumes).toContainEqual({ name: 'kube-rbac-proxy-tls', secret: { secretName: 'node-exporter-tls' } });
  });

  test('portName names the proxy\'s port, the Service port and the monitor\'s endpoint', () => {
    const named = proxied({ portName: 'http-metrics', serviceMonitor: {} });
    expect(podSpec(named).containers[1].ports[0]).toMatchObject({ name: 'http-metrics', containerPort: 9100 });
    expect(byKind(named, 'Service').spec.ports).toEqual([{ name: 'http-metrics', port: 9100, targetPort: 'http-metrics', protocol: 'TCP' }]);
    expect(byKind(named, 'ServiceMonitor').spec.endpoints[0].port).toBe('http-metrics');
  });

  test('listenOnAllInterfaces moves the proxy to every address; node-exporter stays on loopback', () => {
    const [e, p] = podSpec(proxied({ listenOnAllInterfaces: true })).containers;
    expect(e.args).toContain('--web.listen-address=127.0.0.1:9101');
    expect(p.args[0]).toBe('--secure-listen-address=:9100');
    expect(p.env).toBeUndefined();
  });

  test('the proxy is a preset sidecar: after the user\'s, with the merged pull policy and no cdk8s-plus defaults', () => {
    const withSidecar = podSpec(proxied({
      imagePullPolicy: ImagePullPolicy.ALWAYS,
      sidecars: [{ name: 'textfile-writer', image: 'example.com/textfile-writer:1.0.0' }],
    }));
    expect(withSidecar.containers.map((c: any) => [c.name, c.imagePullPolicy])).toEqual([
      ['node-exporter', 'Always'], ['textfile-writer', 'IfNotPresent'], ['kube-rbac-proxy', 'Always'],
    ]);
    expect(proxy.imagePullPolicy).toBe('IfNotPresent');
    expect(proxy.startupProbe).toBeUndefined();
  });

  test('off the host network, the proxy listens on every pod address', () => {
    expect(podSpec(proxied({ hostNetwork: false })).containers[1].args[0]).toBe('--secure-listen-address=:9100');
  });

  test.each<[string, NodeExporterDaemonSetProps, RegExp]>([
    ['upstreamPort = port', { kubeRbacProxy: { upstreamPort: 9100 } }, /kubeRbacProxy\.upstreamPort: Invalid value: 9100: must differ from port/],
    ['healthPort = upstreamPort', { kubeRbacProxy: { upstreamPort: 9300, healthPort: 9300 } }, /kubeRbacProxy\.healthPort: Invalid value: 9300: must differ from port \(9100\) and upstreamPort \(9300\)/],
    ['healthPort = port', { kubeRbacProxy: { healthPort: 9100 } }, /kubeRbacProxy\.healthPort: Invalid value: 9100/],
    ['port + 2 out of range', { port: 65534 }, /kubeRbacProxy\.healthPort: Invalid value: 65536/],
    ['an invalid image reference', { kubeRbacProxy: { image: 'quay.io/Brancz/kube-rbac-proxy:v0.22.1' } }, /kubeRbacProxy\.image/],
    ['a bad Secret name', { kubeRbacProxy: { tlsSecretName: 'Not_A_Name' } }, /kubeRbacProxy\.tlsSecretName: Invalid value: "Not_A_Name"/],
    ['http behind the proxy', { serviceMonitor: { scheme: ScrapeScheme.HTTP } }, /serviceMonitor\.scheme: Invalid value: "http": kube-rbac-proxy serves only https/],
    ['a PodMonitor without a token Secret', { podMonitor: {} }, /podMonitor\.bearerTokenSecret: Invalid value: null: .*a PodMonitor can only send one from a Secret/],
  ])('refuses %s', (_what, props, message) => {
    expect(errorOf(s => new NodeExporterDaemonSet(s, 'ne', { kubeRbacProxy: {}, ...props }))).toMatch(message);
  });

  test('a PodMonitor with a token Secret sends it', () => {
    const monitor = byKind(proxied({ podMonitor: { bearerTokenSecret: { name: 'prometheus-token', key: 'token' } } }), 'PodMonitor');
    expect(monitor.spec.podMetricsEndpoints[0]).toMatchObject({
      port: 'https', scheme: 'https', authorization: { type: 'Bearer', credentials: { name: 'prometheus-token', key: 'token' } },
    });
  });
});
