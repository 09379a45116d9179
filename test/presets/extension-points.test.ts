/**
 * The extension points every preset shares with NodeDaemonSet (issue 14): sidecars and init
 * containers with the library's container defaults, environment, probes, pull secrets, DNS,
 * hostUsers, Service options and pod metadata, each merged with the preset's own values by
 * its rule in MERGE_RULES.
 */
import { Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  CephCsiDriver, CephCsiNodeDaemonSet, CollectdDaemonSet, DaemonSetValidator, GlusterfsDaemonSet, IpFamily, LogCollectorDaemonSet, LogOutput,
  NodeDaemonSet, NodeDaemonSetOptions, NodeExporterDaemonSet, ServiceIpFamilyPolicy, ValidationSeverity,
} from '../../src';
import { MERGE_RULES } from '../../src/presets/preset-defaults';
import { byKind, podSpec, synth } from '../helpers/synth';

type Make = (scope: Construct, options: NodeDaemonSetOptions) => NodeDaemonSet;

const PRESETS: Array<[string, Make]> = [
  ['NodeDaemonSet', (s, o) => new NodeDaemonSet(s, 'd', { image: 'registry.example.com/agent:1.2.3', runAsUser: 10001, ports: [{ name: 'metrics', number: 8080 }], ...o })],
  ['NodeExporterDaemonSet', (s, o) => new NodeExporterDaemonSet(s, 'd', o)],
  ['LogCollectorDaemonSet', (s, o) => new LogCollectorDaemonSet(s, 'd', { outputs: [LogOutput.stdout()], ...o })],
  ['GlusterfsDaemonSet', (s, o) => new GlusterfsDaemonSet(s, 'd', o)],
  ['CephCsiNodeDaemonSet', (s, o) => new CephCsiNodeDaemonSet(s, 'd', { driver: CephCsiDriver.RBD, clusters: [{ clusterId: 'c', monitors: ['10.0.0.1'] }], ...o })],
  ['CollectdDaemonSet', (s, o) => new CollectdDaemonSet(s, 'd', o)],
];

function manifests(make: Make, options: NodeDaemonSetOptions): any[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'monitoring' });
  make(chart, options);
  return synth(chart);
}

const sidecar = { name: 'shipper', image: 'registry.example.com/shipper:2.0.0', runAsUser: 10002 };

test('every shared prop has a merge rule (the table is keyed by NodeDaemonSetOptions, so a new prop does not compile without one)', () => {
  expect(Object.keys(MERGE_RULES)).toEqual(expect.arrayContaining([
    'sidecars', 'initContainers', 'envVariables', 'envFrom', 'readiness', 'liveness', 'startup', 'imagePullSecrets', 'dnsPolicy', 'dnsConfig',
    'hostUsers', 'service', 'podMetadata', 'hostPathMounts', 'volumeMounts', 'resources',
  ]));
});

describe.each(PRESETS)('%s', (name, make) => {
  test('sidecars and init containers carry the library\'s defaults, not cdk8s-plus\'s', () => {
    const pod = podSpec(manifests(make, { sidecars: [sidecar], initContainers: [{ name: 'prepare', image: 'registry.example.com/prep:1.0.0', runAsUser: 10003, command: ['true'] }] }));
    const container = pod.containers.find((c: any) => c.name === 'shipper');
    // The user's sidecars come first, before any the preset has (ceph-csi's registrar).
    expect(pod.containers[1].name).toBe('shipper');
    for (const c of [container, pod.initContainers[0]]) {
      expect(c.imagePullPolicy).toBe('IfNotPresent');
      expect(c.resources).toEqual({});
      expect(c.startupProbe).toBeUndefined();
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        privileged: false,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      });
    }
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['prepare']);
  });

  test('addSidecar() and addInitContainer() do the same for code that builds up a daemon', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'monitoring' });
    const daemon = make(chart, {});
    daemon.addSidecar({ ...sidecar, resources: { memory: { request: Size.mebibytes(32), limit: Size.mebibytes(64) } } });
    daemon.addInitContainer({ name: 'late-init', image: 'registry.example.com/prep:1.0.0', runAsUser: 0, runAsNonRoot: false });
    const pod = podSpec(synth(chart));
    const added = pod.containers.find((c: any) => c.name === 'shipper');
    expect(added).toMatchObject({ imagePullPolicy: 'IfNotPresent', resources: { requests: { memory: '32Mi' }, limits: { memory: '64Mi' } } });
    expect(added.securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['late-init']);
    // A root init container takes the pod's runAsNonRoot away, as a root daemon does.
    expect(pod.securityContext.runAsNonRoot).toBeUndefined();
    expect(() => daemon.addSidecar(sidecar)).toThrow(/addSidecar\("shipper"\).name: Invalid value: "shipper": container names must be unique in the pod/);
  });

  test('environment variables are added after the preset\'s; envFrom and pull secrets too', () => {
    const secret = kplus.Secret.fromSecretName(new Construct(Testing.app(), 'x'), 'S', 'extra-env');
    const pod = podSpec(manifests(make, {
      envVariables: { EXTRA: kplus.EnvValue.fromValue('1') },
      envFrom: [kplus.Env.fromSecret(secret)],
      imagePullSecrets: ['registry-creds'],
    }));
    const env = pod.containers[0].env.map((e: any) => e.name);
    expect(env[env.length - 1]).toBe('EXTRA');
    expect(pod.containers[0].envFrom).toEqual([{ secretRef: { name: 'extra-env' } }]);
    expect(pod.imagePullSecrets).toEqual([{ name: 'registry-creds' }]);
  });

  test('probes, DNS and pod metadata override the preset\'s', () => {
    const m = manifests(make, {
      readiness: kplus.Probe.fromTcpSocket({ port: 1234 }),
      dnsPolicy: kplus.DnsPolicy.DEFAULT,
      dnsConfig: { options: [{ name: 'ndots', value: '2' }], searches: ['svc.example.internal'] },
      podMetadata: { labels: { team: 'platform' }, annotations: { 'example.com/owner': 'platform' } },
    });
    const pod = podSpec(m);
    expect(pod.containers[0].readinessProbe.tcpSocket.port).toBe(1234);
    expect(pod.dnsPolicy).toBe('Default');
    expect(pod.dnsConfig).toEqual({ options: [{ name: 'ndots', value: '2' }], searches: ['svc.example.internal'] });
    const template = byKind(m, 'DaemonSet').spec.template.metadata;
    expect(template.labels.team).toBe('platform');
    expect(template.annotations['example.com/owner']).toBe('platform');
  });

  test('Service options merge into the preset\'s Service (or make one)', () => {
    if (name === 'CephCsiNodeDaemonSet') {
      // The node plugin listens on no port: there is nothing for a Service to expose.
      expect(() => manifests(make, { service: {} })).toThrow(/service: Invalid value: \{\}: the daemon container has no named port to expose/);
      return;
    }
    const m = manifests(make, {
      service: { ipFamilyPolicy: ServiceIpFamilyPolicy.PREFER_DUAL_STACK, ipFamilies: [IpFamily.IPV6, IpFamily.IPV4], labels: { tier: 'node' } },
    });
    const svc = byKind(m, 'Service');
    expect(svc.spec).toMatchObject({ ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv6', 'IPv4'], clusterIP: 'None' });
    expect(svc.metadata.labels.tier).toBe('node');
    expect(svc.spec.ports.length).toBeGreaterThan(0);
  });

  test('no object the validator refuses', () => {
    const m = manifests(make, { sidecars: [sidecar], imagePullSecrets: ['creds'], service: name === 'CephCsiNodeDaemonSet' ? undefined : { labels: { a: 'b' } } });
    expect(DaemonSetValidator.validateAll(m, { hostAccessOptedIn: true }).filter(f => f.severity === ValidationSeverity.ERROR)).toEqual([]);
  });
});

describe('merge rules', () => {
  test('a preset\'s own variable cannot be overridden: it is derived from other props', () => {
    expect(() => new NodeExporterDaemonSet(Testing.chart(), 'ne', { envVariables: { HOST_IP: kplus.EnvValue.fromValue('0.0.0.0') } }))
      .toThrow(/test\/ne\] envVariables: Invalid value: "HOST_IP": the preset sets this variable itself/);
  });

  test('a user\'s variable can refer to the preset\'s, which comes first', () => {
    const pod = podSpec(manifests(PRESETS[1][1], { envVariables: { LISTEN: kplus.EnvValue.fromValue('$(HOST_IP):9100') } }));
    expect(pod.containers[0].env.map((e: any) => e.name)).toEqual(['HOST_IP', 'LISTEN']);
  });

  test('hostUsers false is refused with the host namespaces a preset needs', () => {
    expect(() => new NodeExporterDaemonSet(Testing.chart(), 'ne', { hostUsers: false }))
      .toThrow(/hostUsers: Invalid value: false: a pod in its own user namespace cannot share the node's network, PID or IPC namespace/);
  });

  test('hostUsers false where the pod shares no host namespace', () => {
    const pod = podSpec(manifests(PRESETS[5][1], { hostUsers: false }));
    expect(pod.hostUsers).toBe(false);
  });

  test.each<[string, NodeDaemonSetOptions, RegExp]>([
    ['a pull secret twice', { imagePullSecrets: ['a', 'a'] }, /imagePullSecrets\[1\]: Invalid value: "a": each Secret may be named once/],
    ['a pull secret that is no name', { imagePullSecrets: ['Bad Name'] }, /imagePullSecrets\[0\]: Invalid value/],
    ['dnsPolicy None without a nameserver', { dnsPolicy: kplus.DnsPolicy.NONE }, /dnsConfig.nameservers: Invalid value: \[\]: dnsPolicy None needs at least one nameserver/],
    ['four nameservers', { dnsConfig: { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] } }, /at most 3 nameservers/],
    ['a nameserver that is no IP', { dnsConfig: { nameservers: ['dns.example.com'] } }, /dnsConfig.nameservers\[0\]: Invalid value/],
    ['33 search domains', { dnsConfig: { searches: Array.from({ length: 33 }, (_, i) => `d${i}.example`) } }, /at most 32 search domains/],
    ['a sidecar named like the daemon', { sidecars: [{ ...sidecar, name: 'node-exporter' }] }, /sidecars\[0\].name: Invalid value: "node-exporter": container names must be unique/],
    ['an init container with a probe', { initContainers: [{ ...sidecar, readiness: kplus.Probe.fromTcpSocket({ port: 1 }) } as any] }, /initContainers\[0\].readiness: Invalid value/],
    ['traffic policy on a headless Service', { service: { internalTrafficPolicy: 'Local' as any } }, /service.internalTrafficPolicy: Invalid value: "Local": has no effect on a headless Service/],
    ['two IP families single-stack', { service: { ipFamilies: [IpFamily.IPV4, IpFamily.IPV6] } }, /two families need ipFamilyPolicy/],
  ])('refuses %s', (_name, options, error) => {
    expect(() => synth((() => {
      const chart = Testing.chart();
      new NodeExporterDaemonSet(chart, 'ne', options);
      return chart;
    })())).toThrow(error);
  });

  test('dnsPolicy None with nameservers (cdk8s-plus-27 would refuse None without its own dns props)', () => {
    const pod = podSpec(manifests(PRESETS[0][1], { dnsPolicy: kplus.DnsPolicy.NONE, dnsConfig: { nameservers: ['10.96.0.10'] } }));
    expect(pod.dnsPolicy).toBe('None');
    expect(pod.dnsConfig).toEqual({ nameservers: ['10.96.0.10'] });
  });

  test('more than 6 search domains (cdk8s-plus-27 still refuses them; the API server takes 32)', () => {
    const searches = Array.from({ length: 10 }, (_, i) => `d${i}.example`);
    expect(podSpec(manifests(PRESETS[0][1], { dnsConfig: { searches } })).dnsConfig.searches).toEqual(searches);
  });
});
