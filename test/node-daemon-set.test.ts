import { ApiObject, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  DaemonSetUpdateStrategy, DaemonSetValidator, NodeDaemonSet, NodeDaemonSetProps, PodSecurityLevel, TaintEffect, TolerationOperator,
} from '../src';
import { byKind, podSpec, synth } from './helpers/synth';

const IMAGE = 'example.com/agent:v1.2.3';

function render(props: Partial<NodeDaemonSetProps> = {}) {
  const chart = Testing.chart();
  const daemon = new NodeDaemonSet(chart, 'agent', { image: IMAGE, ...props });
  return { chart, daemon, manifests: synth(chart) };
}

function renderError(props: Partial<NodeDaemonSetProps>): string {
  try {
    render(props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the construct to reject its props');
}

describe('NodeDaemonSet', () => {
  test('defaults', () => {
    expect(render().manifests).toMatchSnapshot();
  });

  test('custom', () => {
    const { manifests } = render({
      metadata: { name: 'agent', namespace: 'node-agents', labels: { team: 'platform' } },
      podMetadata: { annotations: { 'example.com/owner': 'platform' } },
      name: 'agent',
      component: 'monitoring',
      args: ['--listen=:8080'],
      envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue('info') },
      ports: [{ name: 'http', number: 8080 }],
      readiness: kplus.Probe.fromHttpGet('/ready', { port: 8080 }),
      resources: {
        cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
        memory: { request: Size.mebibytes(64), limit: Size.mebibytes(64) },
      },
      hostNetwork: true,
      hostPID: true,
      hostPathMounts: [
        { name: 'proc', hostPath: '/proc', mountPath: '/host/proc' },
        { name: 'state', hostPath: '/var/lib/agent', mountPath: '/var/lib/agent', readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE },
      ],
      scratchDirectories: [{ mountPath: '/tmp', memory: true, sizeLimit: Size.mebibytes(16) }],
      nodeSelector: { 'node-role.example.com/agent': 'true' },
      tolerations: [{ key: 'dedicated', operator: TolerationOperator.EQUAL, value: 'agents', effect: TaintEffect.NO_SCHEDULE }],
      priorityClassName: 'system-cluster-critical',
      priorityClassQuota: true,
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
      minReadySeconds: 5,
      revisionHistoryLimit: 3,
      terminationGracePeriod: Duration.seconds(10),
      capabilities: ['CAP_NET_ADMIN', 'SYS_TIME'],
      runAsUser: 1000,
      runAsGroup: 1000,
      configDirectory: { mountPath: '/etc/agent', files: { 'agent.yaml': 'level: info\n' } },
      clusterRoleRules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }],
      service: {},
      sidecars: [{ name: 'reloader', image: 'example.com/reloader:v0.4.0', args: ['--watch=/etc/agent'] }],
    });
    expect(manifests).toMatchSnapshot();
  });

  describe('the DaemonSet', () => {
    test('is apps/v1 with no replicas', () => {
      const ds = byKind(render().manifests, 'DaemonSet');
      expect(ds.apiVersion).toBe('apps/v1');
      expect(JSON.stringify(ds)).not.toMatch(/replicas/);
    });

    test('selects on the stable name and instance labels only, all present on the template', () => {
      const ds = byKind(render({ name: 'agent', metadata: { name: 'agent-a' } }).manifests, 'DaemonSet');
      expect(ds.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/instance': 'agent-a' });
      for (const [k, v] of Object.entries(ds.spec.selector.matchLabels)) {
        expect(ds.spec.template.metadata.labels[k]).toBe(v);
      }
      expect(ds.spec.template.metadata.labels['cdk8s.io/metadata.addr']).toBeUndefined();
    });

    test('user labels never override the selector labels', () => {
      const ds = byKind(render({ name: 'agent', podMetadata: { labels: { 'app.kubernetes.io/name': 'other' } } }).manifests, 'DaemonSet');
      expect(ds.spec.template.metadata.labels['app.kubernetes.io/name']).toBe('agent');
    });

    test('puts the recommended labels, version from the image tag, on every object', () => {
      const { manifests } = render({ name: 'agent', service: {}, ports: [{ name: 'http', number: 80 }], clusterRoleRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
      expect(manifests.length).toBeGreaterThanOrEqual(5);
      for (const m of manifests) {
        expect(m.metadata.labels).toMatchObject({
          'app.kubernetes.io/name': 'agent',
          'app.kubernetes.io/version': '1.2.3',
          'app.kubernetes.io/managed-by': 'cdk8s',
        });
      }
    });

    test('reads each prop once: an image getter gives the version label and the container one image', () => {
      let reads = 0;
      const props = { metadata: { name: 'agent' }, get image() { reads++; return `example.com/agent:1.${reads}.0`; } };
      const chart = Testing.chart();
      new NodeDaemonSet(chart, 'agent', props);
      const ds = byKind(synth(chart), 'DaemonSet');
      expect(ds.spec.template.spec.containers[0].image).toBe('example.com/agent:1.1.0');
      expect(ds.metadata.labels['app.kubernetes.io/version']).toBe('1.1.0');
      expect(reads).toBe(1);
    });

    test('a sidecar image getter: the image checked is the image written', () => {
      let reads = 0;
      const sidecar = { name: 'proxy', get image() { return reads++ === 0 ? 'example.com/proxy:1.0.0' : 'not a valid image ref'; } };
      const chart = Testing.chart();
      new NodeDaemonSet(chart, 'agent', { metadata: { name: 'agent' }, image: IMAGE, sidecars: [sidecar] });
      expect(byKind(synth(chart), 'DaemonSet').spec.template.spec.containers[1].image).toBe('example.com/proxy:1.0.0');
    });

    test('the selector never holds the version', () => {
      const ds = byKind(render().manifests, 'DaemonSet');
      expect(ds.spec.selector.matchLabels['app.kubernetes.io/version']).toBeUndefined();
    });

    test('rolls one node at a time with no surge by default', () => {
      expect(byKind(render().manifests, 'DaemonSet').spec.updateStrategy).toEqual({
        type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
      });
    });

    test('maxSurge alone renders maxUnavailable 0, as the API server requires', () => {
      const ds = byKind(render({ updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.percent(10) }) }).manifests, 'DaemonSet');
      expect(ds.spec.updateStrategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: '10%' });
    });

    test('onDelete renders no rollingUpdate', () => {
      const ds = byKind(render({ updateStrategy: DaemonSetUpdateStrategy.onDelete() }).manifests, 'DaemonSet');
      expect(ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    });

    test('renders revisionHistoryLimit and minReadySeconds', () => {
      const ds = byKind(render({ revisionHistoryLimit: 4, minReadySeconds: 7 }).manifests, 'DaemonSet');
      expect(ds.spec.revisionHistoryLimit).toBe(4);
      expect(ds.spec.minReadySeconds).toBe(7);
    });
  });

  describe('the pod', () => {
    test('tolerates every taint, targets Linux and runs at system-node-critical by default', () => {
      const spec = podSpec(render().manifests);
      expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
      expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
      expect(spec.priorityClassName).toBe('system-node-critical');
    });

    test('merges the node selector with the OS label', () => {
      expect(podSpec(render({ nodeSelector: { storage: 'true' } }).manifests).nodeSelector)
        .toEqual({ 'kubernetes.io/os': 'linux', 'storage': 'true' });
    });

    test('renders host namespaces with the Kubernetes field names', () => {
      const spec = podSpec(render({ hostPID: true, hostIPC: true }).manifests);
      expect(spec.hostPID).toBe(true);
      expect(spec.hostIPC).toBe(true);
      expect(spec.hostNetwork).toBe(false);
    });

    test('hostNetwork implies ClusterFirstWithHostNet and hostPort = containerPort', () => {
      const spec = podSpec(render({ hostNetwork: true, ports: [{ name: 'metrics', number: 9100 }] }).manifests);
      expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
      expect(spec.containers[0].ports[0]).toMatchObject({ containerPort: 9100, hostPort: 9100 });
    });

    test('an unnamed port leaves every name free: a port named "undefined" after it is no duplicate', () => {
      const spec = podSpec(render({ ports: [{ number: 8080 }, { name: 'undefined', number: 9100 }] }).manifests);
      expect(spec.containers[0].ports.map((p: any) => p.name)).toEqual([undefined, 'undefined']);
    });

    test('without hostNetwork, DNS is ClusterFirst and no hostPort is added', () => {
      const spec = podSpec(render({ ports: [{ name: 'metrics', number: 9100 }] }).manifests);
      expect(spec.dnsPolicy).toBe('ClusterFirst');
      expect(spec.containers[0].ports[0].hostPort).toBeUndefined();
    });

    test('none of cdk8s-plus implicit container defaults', () => {
      const container = podSpec(render({ ports: [{ name: 'http', number: 8080 }] }).manifests).containers[0];
      expect(container.resources).toEqual({});
      expect(container.imagePullPolicy).toBe('IfNotPresent');
      expect(container.startupProbe).toBeUndefined();
    });

    test('is hardened by default', () => {
      const spec = podSpec(render().manifests);
      expect(spec.containers[0].securityContext).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(spec.automountServiceAccountToken).toBe(false);
    });

    test('renders capabilities as Kubernetes spells them', () => {
      const sc = podSpec(render({ capabilities: ['CAP_NET_ADMIN', 'SYS_TIME', 'NET_ADMIN'] }).manifests).containers[0].securityContext;
      expect(sc.capabilities).toEqual({ drop: ['ALL'], add: ['NET_ADMIN', 'SYS_TIME'] });
    });

    test('runAsUser 0 turns runAsNonRoot off', () => {
      const sc = podSpec(render({ runAsUser: 0 }).manifests).containers[0].securityContext;
      expect(sc).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
    });

    test('privileged allows privilege escalation, as the API server requires', () => {
      const sc = podSpec(render({ privileged: true }).manifests).containers[0].securityContext;
      expect(sc).toMatchObject({ privileged: true, allowPrivilegeEscalation: true });
    });

    test('hostPath mounts are read-only by default and keep their propagation and type', () => {
      const spec = podSpec(render({
        hostPathMounts: [{ name: 'root', hostPath: '/', mountPath: '/host/root', propagation: kplus.MountPropagation.HOST_TO_CONTAINER, type: kplus.HostPathVolumeType.DIRECTORY }],
      }).manifests);
      expect(spec.containers[0].volumeMounts).toEqual([{ name: 'root', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' }]);
      expect(spec.volumes).toEqual([{ name: 'root', hostPath: { path: '/', type: 'Directory' } }]);
    });

    test('a scratch directory is a writable emptyDir, memory-backed on request', () => {
      const spec = podSpec(render({ scratchDirectories: [{ mountPath: '/tmp', memory: true }, { mountPath: '/cache' }] }).manifests);
      expect(spec.volumes).toEqual([{ name: 'scratch', emptyDir: { medium: 'Memory' } }, { name: 'scratch-1', emptyDir: {} }]);
      expect(spec.containers[0].volumeMounts.map((m: any) => m.readOnly)).toEqual([false, false]);
    });

    test('sidecars share hostPath volumes by name', () => {
      const spec = podSpec(render({
        hostPathMounts: [{ name: 'sock', hostPath: '/run/agent', mountPath: '/run/agent', readOnly: false }],
        sidecars: [{ name: 'helper', image: 'example.com/helper:v1.0.0', hostPathMounts: [{ name: 'sock', hostPath: '/run/agent', mountPath: '/run/agent' }] }],
      }).manifests);
      expect(spec.volumes).toHaveLength(1);
      expect(spec.containers.map((c: any) => c.name)).toEqual(['test-agent-c8bbe121', 'helper']);
      expect(spec.containers[1].securityContext.readOnlyRootFilesystem).toBe(true);
    });

    test('uses a dedicated ServiceAccount, token mounted only for RBAC rules', () => {
      const plain = render().manifests;
      expect(byKind(plain, 'ServiceAccount').automountServiceAccountToken).toBe(false);
      expect(podSpec(plain).serviceAccountName).toBe(byKind(plain, 'ServiceAccount').metadata.name);
      const rbac = render({ clusterRoleRules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }).manifests;
      expect(podSpec(rbac).automountServiceAccountToken).toBe(true);
      expect(byKind(rbac, 'ClusterRoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: byKind(rbac, 'ServiceAccount').metadata.name, namespace: 'default' }]);
      expect(byKind(rbac, 'ClusterRole').metadata.namespace).toBeUndefined();
    });

    test('cluster roles are named after namespace and name, so two namespaces never share one', () => {
      const rules = [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }];
      const names = ['n1', 'n2'].map(ns => byKind(render({ metadata: { name: 'a', namespace: ns }, clusterRoleRules: rules }).manifests, 'ClusterRole').metadata.name);
      expect(names).toEqual(['n1-a', 'n2-a']);
    });

    test("priorityClassName '' renders no priority class", () => {
      expect(podSpec(render({ priorityClassName: '' }).manifests).priorityClassName).toBeUndefined();
    });

    test('a config directory rolls the pods when its content changes', () => {
      const checksum = (content: string) => byKind(render({ configDirectory: { mountPath: '/etc/a', files: { 'a.conf': content } } }).manifests, 'DaemonSet')
        .spec.template.metadata.annotations['checksum/config'];
      expect(checksum('a=1')).toMatch(/^[0-9a-f]{64}$/);
      expect(checksum('a=1')).toBe(checksum('a=1'));
      expect(checksum('a=1')).not.toBe(checksum('a=2'));
    });

    test('a priority class quota admits the priority class in the namespace', () => {
      const quota = byKind(render({ metadata: { namespace: 'monitoring' }, priorityClassQuota: true }).manifests, 'ResourceQuota');
      expect(quota.metadata.namespace).toBe('monitoring');
      expect(quota.spec.scopeSelector.matchExpressions).toEqual([{ scopeName: 'PriorityClass', operator: 'In', values: ['system-node-critical'] }]);
    });

    test('a headless Service selects the daemon pods on named ports', () => {
      const { manifests, daemon } = render({ ports: [{ name: 'metrics', number: 9100 }, { number: 9999 }], service: {} });
      const service = byKind(manifests, 'Service');
      expect(service.spec.clusterIP).toBe('None');
      expect(service.spec.selector).toEqual(daemon.selectorLabels);
      expect(service.spec.ports).toEqual([{ name: 'metrics', port: 9100, protocol: 'TCP', targetPort: 'metrics' }]);
    });
  });

  test('does not warn about what the props chose explicitly', () => {
    const writes = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      render({ metadata: { namespace: 'agents' }, readOnlyRootFilesystem: false, priorityClassName: '' });
      const printed = writes.mock.calls.map(c => String(c[0])).join('');
      expect(printed).toMatch(/readiness-gate-missing/); // warnings are printed ...
      expect(printed).not.toMatch(/writable-root-filesystem|priority-class-missing/); // ... but not these
    } finally {
      writes.mockRestore();
    }
  });

  test('acknowledged warnings are not printed, and only warnings can be acknowledged', () => {
    const writes = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      render({ metadata: { namespace: 'acks' }, acknowledgedWarnings: ['readiness-probe-missing', 'readiness-gate-missing'] });
      const printed = writes.mock.calls.map(c => String(c[0])).join('');
      expect(printed).toMatch(/\[test\/agent\] warning .*memory-limit-missing/);
      expect(printed).not.toMatch(/readiness-probe-missing|readiness-gate-missing/);
    } finally {
      writes.mockRestore();
    }
    expect(renderError({ acknowledgedWarnings: ['selector-matches-template'] })).toMatch(/acknowledgedWarnings\[0\]: Invalid value: "selector-matches-template": is an error rule/);
    expect(renderError({ acknowledgedWarnings: ['namespace-pod-security'] })).toMatch(/acknowledgedWarnings\[0\]: Invalid value: "namespace-pod-security": describes a rollout failure/);
    expect(renderError({ acknowledgedWarnings: ['no-such-rule'] })).toMatch(/acknowledgedWarnings\[0\]: Invalid value: "no-such-rule": is not a rule id \(see docs\/rules.md\) \(prop-value\)/);
    expect(renderError({ acknowledgedWarnings: ['env-refernce-missing'] }))
      .toContain('acknowledgedWarnings[0]: Invalid value: "env-refernce-missing": is not a rule id (see docs/rules.md); did you mean "env-reference-missing"?');
  });

  test('a prop whose getter throws, or a revoked Proxy in the props, is a prop error naming it, not an error that names none', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const make = (props: object) => () => new NodeDaemonSet(Testing.chart(), 'agent', props as any);
    expect(make({ image: IMAGE, get args(): string[] { throw new Error('not ready'); } }))
      .toThrow(/\] args: Invalid value: a value that throws when read: reading it threw Error: not ready \(prop-type\)/);
    expect(make({ image: IMAGE, metadata: { labels: revoked.proxy } }))
      .toThrow(/\] metadata\.labels: Invalid value: a value that throws when read: reading it threw TypeError: .*revoked \(prop-type\)/);
  });

  describe('rejects what only a compiler would have caught (JavaScript and jsii callers), naming the prop', () => {
    test.each<[string, any, RegExp]>([
      ['a command string', { command: '/bin/agent --x' }, /\[test\/agent\] command: Invalid value: a string of 14 characters: must be a list/],
      ['a null argument', { args: ['--a', null] }, /args\[1\]: Invalid value: null: must not be empty/],
      ['a number argument', { args: [5] }, /args\[0\]: Invalid value: 5: must be a string/],
      ['a plain string environment value', { envVariables: { A: 'x' } }, /envVariables\[A\]: Invalid value: a string of 1 character: must be made by kplus\.EnvValue\.fromValue\(\)/],
      ['a plain object probe', { readiness: { httpGet: { port: 80 } } }, /readiness: Invalid value: \{"httpGet":\{"port":80\}\}: must be made by kplus\.Probe/],
      ['a number for memory', { resources: { memory: { limit: 1024 } } }, /resources\.memory\.limit: Invalid value: 1024: must be made by Size\.mebibytes\(\)/],
      ['a string for a CPU request', { resources: { cpu: { request: '100m' } } }, /resources\.cpu\.request: Invalid value: a string of 4 characters: must be made by kplus\.Cpu/],
      ['a number for the grace period', { terminationGracePeriod: 30 }, /terminationGracePeriod: Invalid value: 30: must be made by Duration\.seconds\(\)/],
      ['a null toleration', { tolerations: [null] }, /tolerations\[0\]: Invalid value: null: must not be empty/],
      ['a string for sidecars', { sidecars: 'helper' }, /sidecars: Invalid value: a string of 6 characters: must be a list/],
      ['a plain object volume', { volumeMounts: [{ volume: { name: 'v' }, mountPath: '/v' }] }, /volumeMounts\[0\]\.volume: Invalid value: \{"name":"v"\}: must be made by a kplus\.Volume factory/],
      ['a hostPath mount without hostPath', { hostPathMounts: [{ name: 'p', mountPath: '/p' }] }, /hostPathMounts\[0\]\.hostPath: Invalid value: null: must be an absolute path/],
      ['a service account name as a string', { serviceAccount: 'agent' }, /serviceAccount: Invalid value: a string of 5 characters: must be a ServiceAccount/],
      ['labels as a Map (written as {}: lost)', { metadata: { labels: new Map([['team', 'x']]) } }, /\[test\/agent\] metadata\.labels: Invalid value: .*: JSON and YAML have no Map/],
      ['acknowledged warnings as a string', { acknowledgedWarnings: 'rbac-secrets' }, /acknowledgedWarnings: Invalid value: a string of 12 characters: must be a list/],
      ['config files as null', { configDirectory: { mountPath: '/etc/a', files: null } }, /configDirectory\.files: Invalid value: null: must map file names to contents/],
    ])('%s', (_what, props, expected) => {
      expect(renderError(props)).toMatch(expected);
    });
  });

  test('a mount error names the entry the user wrote', () => {
    expect(renderError({ scratchDirectories: [{ mountPath: 'tmp' }] })).toMatch(/scratchDirectories\[0\]\.mountPath: Invalid value: "tmp"/);
    expect(renderError({ hostPathMounts: [{ name: 'a', hostPath: '/a', mountPath: '/m' }], scratchDirectories: [{ mountPath: '/m' }] }))
      .toMatch(/scratchDirectories\[0\]\.mountPath: Invalid value: "\/m": must be unique: each mountPath may be used once/);
  });

  describe('podSecurityLevel', () => {
    test('restricted for a hardened daemon', () => {
      expect(render().daemon.podSecurityLevel).toBe(PodSecurityLevel.RESTRICTED);
    });
    test('baseline for a root daemon', () => {
      expect(render({ runAsUser: 0 }).daemon.podSecurityLevel).toBe(PodSecurityLevel.BASELINE);
    });
    test('privileged with host namespaces or hostPath', () => {
      expect(render({ hostNetwork: true }).daemon.podSecurityLevel).toBe(PodSecurityLevel.PRIVILEGED);
      expect(render({ hostPathMounts: [{ name: 'p', hostPath: '/proc', mountPath: '/p' }] }).daemon.podSecurityLevel).toBe(PodSecurityLevel.PRIVILEGED);
    });
  });

  describe('values derived from metadata.name', () => {
    test('a dotted name is a valid DaemonSet name: the container name, app.kubernetes.io/name and the Service name take it with dashes', () => {
      const { manifests } = render({ metadata: { name: 'node.agent' }, ports: [{ number: 80, name: 'http' }], service: {} });
      const ds = byKind(manifests, 'DaemonSet');
      expect(ds.metadata.name).toBe('node.agent');
      expect(ds.metadata.labels['app.kubernetes.io/instance']).toBe('node.agent');
      expect(ds.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'node-agent', 'app.kubernetes.io/instance': 'node.agent' });
      expect(podSpec(manifests).containers[0].name).toBe('node-agent');
      expect(byKind(manifests, 'Service').metadata.name).toBe('node-agent');
      expect(byKind(manifests, 'ServiceAccount').metadata.name).toBe('node.agent');
    });

    test('the name prop overrides the derived container name and app.kubernetes.io/name', () => {
      const { manifests } = render({ metadata: { name: 'node.agent' }, name: 'agent' });
      expect(podSpec(manifests).containers[0].name).toBe('agent');
      expect(byKind(manifests, 'DaemonSet').spec.selector.matchLabels['app.kubernetes.io/name']).toBe('agent');
    });

    test('where no valid derived value exists, the error names the prop set, the derived use and that no prop overrides it', () => {
      expect(renderError({ metadata: { name: '9.agent' }, ports: [{ number: 80, name: 'http' }], service: {} }))
        .toBe('[test/agent] metadata.name: Invalid value: "9.agent": must start with a letter when the service prop is set: the Service takes this name '
          + '(dots become dashes), and a Service name is a DNS-1035 label, which starts with a letter; no prop overrides the Service name (metadata-name); fix: '
          + DaemonSetValidator.rules().find(r => r.id === 'metadata-name')!.fix);
    });

    test('a name over 63 characters is a valid DaemonSet name but not a label value: the fix says so, not the label rule\'s general fix', () => {
      expect(renderError({ metadata: { name: 'a'.repeat(64) } })).toBe(`[test/agent] metadata.name: Invalid value: "${'a'.repeat(64)}": must be no more than `
        + '63 characters: it is also the app.kubernetes.io/instance label (a selector label), which no prop overrides (metadata-labels); '
        + 'fix: Shorten `metadata.name` to at most 63 characters.');
    });
  });

  test('synthesizes byte-identical output twice', () => {
    expect(JSON.stringify(render({ hostNetwork: true, ports: [{ name: 'm', number: 1 }] }).manifests))
      .toBe(JSON.stringify(render({ hostNetwork: true, ports: [{ name: 'm', number: 1 }] }).manifests));
  });

  test('validates its synthesized objects at synth, naming the construct and field path', () => {
    const chart = Testing.chart();
    const daemon = new NodeDaemonSet(chart, 'agent', { image: IMAGE });
    ApiObject.of(daemon.daemonSet).addJsonPatch(JsonPatch.replace('/spec/selector/matchLabels/app.kubernetes.io~1name', 'other'));
    expect(() => synth(chart)).toThrow(/\[test\/agent\].*spec\.template\.metadata\.labels/);
  });

  test('refuses at synth a selector changed through the escape hatch, which could never be applied again', () => {
    const chart = Testing.chart();
    const daemon = new NodeDaemonSet(chart, 'agent', { image: IMAGE });
    daemon.daemonSet.select(kplus.LabelSelector.of({ labels: { 'app.kubernetes.io/version': '1.2.3' } }));
    expect(() => synth(chart)).toThrow(/\[test\/agent\] DaemonSet test-agent-c8bbe121: spec\.selector: Invalid value: .* differs from the stable selector .*\(selector-stable; prop: name \/ metadata\.name\); fix: /);
  });

  describe('rejects bad props at construction with the prop, the value and the rule', () => {
    // Each error is `[construct path] prop: Invalid value: <value>: <why> (<rule>); fix: <the rule's fix>`; a prop that
    // breaks an API-server rule carries that rule, with the validator's own words.
    test.each<[string, Partial<NodeDaemonSetProps>, RegExp, string]>([
      ['port 0', { ports: [{ number: 0 }] }, /ports\[0\]\.number: Invalid value: 0: must be between 1 and 65535, inclusive/, 'container-port'],
      ['port 70000', { ports: [{ number: 70000 }] }, /ports\[0\]\.number: Invalid value: 70000: must be between 1 and 65535/, 'container-port'],
      ['a host port out of range', { ports: [{ number: 80, hostPort: 70000 }] }, /ports\[0\]\.hostPort: Invalid value: 70000: must be between 1 and 65535/, 'host-port-range'],
      ['a port name over 15 characters', { ports: [{ number: 80, name: 'metrics-endpoint' }] }, /ports\[0\]\.name: Invalid value: "metrics-endpoint": must be no more than 15 characters/, 'port-name'],
      ['hostPort differing from the port under hostNetwork', { hostNetwork: true, ports: [{ number: 80, hostPort: 81 }] }, /ports\[0\]\.hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true/, 'host-network-host-port'],
      ['a relative hostPath', { hostPathMounts: [{ name: 'p', hostPath: 'proc', mountPath: '/p' }] }, /hostPathMounts\[0\]\.hostPath: Invalid value: "proc": must be an absolute path/, 'host-path'],
      ['a hostPath with ..', { hostPathMounts: [{ name: 'p', hostPath: '/var/../etc', mountPath: '/p' }] }, /hostPathMounts\[0\]\.hostPath: Invalid value: "\/var\/\.\.\/etc": must not contain '\.\.'/, 'host-path'],
      ['a relative mountPath', { hostPathMounts: [{ name: 'p', hostPath: '/proc', mountPath: 'p' }] }, /hostPathMounts\[0\]\.mountPath: Invalid value: "p": must be an absolute path/, 'relative-mount-path'],
      ['a duplicate mountPath', { hostPathMounts: [{ name: 'a', hostPath: '/a', mountPath: '/m' }, { name: 'b', hostPath: '/b', mountPath: '/m' }] }, /hostPathMounts\[1\]\.mountPath: Invalid value: "\/m": must be unique/, 'volume-mount-path'],
      ['a volume name reused for another path', { hostPathMounts: [{ name: 'a', hostPath: '/a', mountPath: '/m' }, { name: 'a', hostPath: '/b', mountPath: '/n' }] }, /hostPathMounts\[1\]\.name: Invalid value: "a": a volume of that name already exists/, 'volume-name-duplicate'],
      ['a volume name that is no DNS-1123 label', { hostPathMounts: [{ name: 'P', hostPath: '/a', mountPath: '/m' }] }, /hostPathMounts\[0\]\.name: Invalid value: "P": a lowercase RFC 1123 label/, 'volume-name'],
      ['maxUnavailable 0 with maxSurge 0', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(0) }) }, /updateStrategy: Invalid value: .*cannot both be 0/, 'rolling-update-both-zero'],
      ['a fractional percentage', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10.5) }) }, /updateStrategy\.maxUnavailable: Invalid value: "10\.5%": a valid percent string must be a numeric string followed by an ending '%'/, 'rolling-update-int-or-percent'],
      ['a percentage above 100', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(150) }) }, /updateStrategy\.maxUnavailable: Invalid value: "150%": must not be greater than 100%/, 'rolling-update-int-or-percent'],
      ['both maxUnavailable and maxSurge above 0', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(1), maxSurge: kplus.PercentOrAbsolute.absolute(1) }) }, /updateStrategy\.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero/, 'rolling-update-surge-and-unavailable'],
      ['maxSurge with hostNetwork', { hostNetwork: true, updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1) }) }, /updateStrategy\.maxSurge: Invalid value: 1: must be 0 for a pod with hostNetwork or a hostPort/, 'surge-with-host-port'],
      ['maxSurge with a hostPort', { ports: [{ number: 80, hostPort: 80 }], updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.percent(10) }) }, /updateStrategy\.maxSurge: Invalid value: "10%": must be 0 for a pod with hostNetwork or a hostPort/, 'surge-with-host-port'],
      ['a toleration with operator Exists and a value', { tolerations: [{ key: 'k', operator: TolerationOperator.EXISTS, value: 'v' }] }, /tolerations\[0\]\.value: Invalid value: "v": value must be empty when `operator` is 'Exists'/, 'toleration-operator'],
      ['a toleration with no key and operator Equal', { tolerations: [{ value: 'v' }] }, /tolerations\[0\]\.operator: Invalid value: "Equal": operator must be Exists when `key` is empty/, 'toleration-operator'],
      ['tolerationSeconds without NoExecute', { tolerations: [{ key: 'k', operator: TolerationOperator.EXISTS, tolerationSeconds: 30 }] }, /tolerations\[0\]\.effect: Invalid value: "": effect must be 'NoExecute'/, 'toleration-effect'],
      ['fractional tolerationSeconds', { tolerations: [{ key: 'k', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 1.5 }] }, /tolerations\[0\]\.tolerationSeconds: Invalid value: 1\.5: must be a 32-bit integer/, 'int32-field'],
      ['an invalid toleration key', { tolerations: [{ key: 'bad key', operator: TolerationOperator.EXISTS }] }, /tolerations\[0\]\.key: Invalid value: "bad key": name part must consist/, 'toleration-key'],
      ['an invalid nodeSelector key', { nodeSelector: { 'bad key!': 'x' } }, /nodeSelector: Invalid value: "bad key!": name part must consist of alphanumeric/, 'node-selector'],
      ['an invalid nodeSelector value', { nodeSelector: { role: '-x' } }, /nodeSelector\[role\]: Invalid value: "-x": a valid label must be/, 'node-selector'],
      ['a name that is not a DNS-1123 subdomain', { metadata: { name: 'Node_Exporter' } }, /metadata\.name: Invalid value: "Node_Exporter": a lowercase RFC 1123 subdomain/, 'metadata-name'],
      ['an invalid namespace', { metadata: { namespace: 'Monitoring' } }, /metadata\.namespace: Invalid value: "Monitoring": a lowercase RFC 1123 label/, 'metadata-namespace'],
      ['an invalid label', { metadata: { labels: { 'a/b/c': 'x' } } }, /metadata\.labels: Invalid value: "a\/b\/c"/, 'metadata-labels'],
      ['an invalid label value', { podMetadata: { labels: { a: '-x' } } }, /podMetadata\.labels\[a\]: Invalid value: "-x"/, 'metadata-labels'],
      ['an invalid name', { name: 'Agent' }, /\] name: Invalid value: "Agent": a lowercase RFC 1123 label/, 'container-name'],
      ['Bidirectional propagation without privileged', { hostPathMounts: [{ name: 'k', hostPath: '/var/lib/kubelet', mountPath: '/var/lib/kubelet', propagation: kplus.MountPropagation.BIDIRECTIONAL }] }, /propagation: Invalid value: "Bidirectional": Bidirectional mount propagation is available only to privileged containers/, 'mount-propagation'],
      ['runAsNonRoot with runAsUser 0', { runAsUser: 0, runAsNonRoot: true }, /runAsNonRoot: Invalid value: true: cannot be true with runAsUser 0/, 'prop-value'],
      ['a negative runAsUser', { runAsUser: -1 }, /runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive/, 'security-context-ids'],
      ['a fractional runAsGroup', { runAsGroup: 1.5 }, /runAsGroup: Invalid value: 1\.5: must be between 0 and 2147483647, inclusive/, 'security-context-ids'],
      ['privileged without privilege escalation', { privileged: true, allowPrivilegeEscalation: false }, /allowPrivilegeEscalation: Invalid value: false: cannot set `allowPrivilegeEscalation` to false and `privileged` to true/, 'privilege-escalation-conflict'],
      ['a malformed capability', { capabilities: ['net admin'] }, /capabilities\[0\]: Invalid value: "net admin": must be one Linux capability/, 'prop-value'],
      ['memory that is a fraction of a byte', { resources: { memory: { limit: Size.kibibytes(0.0001) } } }, /resources\.memory\.limit: Invalid value: "0\.0001Ki": must be a whole number of bytes/, 'fractional-bytes'],
      ['a negative CPU', { resources: { cpu: { request: kplus.Cpu.millis(-5) } } }, /resources\.cpu\.request: Invalid value: "-5m": must be greater than or equal to 0/, 'resource-negative'],
      ['a CPU amount that is no quantity', { resources: { cpu: { request: kplus.Cpu.units(Infinity) } } }, /resources\.cpu\.request: Invalid value: "Infinity": quantities must match/, 'resource-quantity'],
      ['an invalid environment variable name', { envVariables: { '1BAD': kplus.EnvValue.fromValue('x') } }, /envVariables: Invalid value: "1BAD"/, 'env-name'],
      ['a fractional minReadySeconds', { minReadySeconds: 1.5 }, /minReadySeconds: Invalid value: 1\.5: must be a 32-bit integer/, 'int32-field'],
      ['a negative revisionHistoryLimit', { revisionHistoryLimit: -1 }, /revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0/, 'non-negative-field'],
      ['a duplicate container name', { name: 'agent', sidecars: [{ name: 'agent', image: IMAGE }] }, /sidecars\[0\]\.name: Invalid value: "agent": container names must be unique/, 'container-name-duplicate'],
      ['a Service without named ports', { ports: [{ number: 80 }], service: {} }, /service: Invalid value: .*no named port/, 'prop-value'],
      ['an invalid priority class name', { priorityClassName: 'Critical!' }, /priorityClassName: Invalid value: "Critical!"/, 'pod-names'],
      ['a priority class quota without a priority class', { priorityClassName: '', priorityClassQuota: true }, /priorityClassQuota: Invalid value: true: needs a priorityClassName/, 'prop-value'],
      ['an empty image', { image: '' }, /image: Invalid value: "": an image reference is required/, 'container-image'],
      ['a sidecar without an image', { sidecars: [{ name: 's', image: '' }] }, /sidecars\[0\]\.image: Invalid value: ""/, 'container-image'],
      ['two ports of one name', { ports: [{ number: 80, name: 'http' }, { number: 81, name: 'http' }] }, /ports\[1\]\.name: Invalid value: "http": port names must be unique/, 'port-name-duplicate'],
      ['one port and protocol twice', { ports: [{ number: 80 }, { number: 80 }] }, /ports\[1\]\.number: Invalid value: 80: duplicate port and protocol in one container/, 'duplicate-container-port'],
      ['one host port in two containers', { hostNetwork: true, ports: [{ number: 80 }], sidecars: [{ name: 's', image: IMAGE, ports: [{ number: 80 }] }] },
        /sidecars\[0\]\.ports\[0\]\.hostPort: Invalid value: 80: host port TCP\/80 is already bound by container/, 'host-port-duplicate'],
      ['a scratch size limit below 1 MiB', { scratchDirectories: [{ mountPath: '/tmp', sizeLimit: Size.kibibytes(512) }] }, /scratchDirectories\[0\]\.sizeLimit: Invalid value: 512: must be a whole number of MiB/, 'prop-value'],
      ['a NaN port, printed as NaN', { ports: [{ number: NaN }] }, /ports\[0\]\.number: Invalid value: NaN:/, 'container-port'],
      ['minReadySeconds beyond int32', { minReadySeconds: 2 ** 31 }, /minReadySeconds: Invalid value: 2147483648: must be a 32-bit integer/, 'int32-field'],
      ['a negative fsGroup', { fsGroup: -1 }, /fsGroup: Invalid value: -1/, 'security-context-ids'],
      ['a fractional termination grace period', { terminationGracePeriod: Duration.millis(1500) }, /terminationGracePeriod: Invalid value: 1\.5/, 'int32-field'],
      ['an invalid component label', { component: 'Bad Value!' }, /component: Invalid value: "Bad Value!"/, 'metadata-labels'],
      ['a Service name that is not a DNS-1035 label', { metadata: { name: '9agent' }, ports: [{ number: 80, name: 'http' }], service: {} }, /metadata\.name: Invalid value: "9agent": must start with a letter when the service prop is set: the Service takes this name .*no prop overrides the Service name/, 'metadata-name'],
      ['a port exposed twice', { ports: [{ number: 80, name: 'http' }], service: { portNames: ['http', 'http'] } }, /service\.portNames\[1\]: Invalid value: "http": each port may be exposed once/, 'prop-value'],
      ['an update strategy that is a plain object (JavaScript)', { updateStrategy: { type: 'OnDelete' } as any }, /updateStrategy: Invalid value: \{"type":"OnDelete"\}: must be made by DaemonSetUpdateStrategy/, 'prop-type'],
      ['a maxSurge that is a plain number (JavaScript)', { updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: 1 as any }) }, /updateStrategy\.maxSurge: Invalid value: 1: must be made by PercentOrAbsolute/, 'prop-type'],
      ['a config file name with a slash', { configDirectory: { mountPath: '/etc/a', files: { 'a/b': 'x' } } }, /configDirectory\.files: Invalid value: "a\/b"/, 'prop-value'],
      ['an empty config directory', { configDirectory: { mountPath: '/etc/a', files: {} } }, /configDirectory\.files: Invalid value: \{\}: must hold at least one file/, 'prop-value'],
      ['config files above 1 MiB', { configDirectory: { mountPath: '/etc/a', files: { a: 'x'.repeat(1024 * 1024) } } }, /configDirectory\.files: Invalid value: "1048577 bytes": a ConfigMap holds at most 1 MiB/, 'prop-value'],
      ['a cluster role rule with no verbs', { clusterRoleRules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }] }, /clusterRoleRules\[0\]\.verbs: Invalid value: \[\]: must list at least one entry/, 'prop-value'],
    ])('%s', (_what, props, expected, rule) => {
      const message = renderError(props);
      expect(message).toMatch(expected);
      expect(message).toMatch(/^\[test\/agent\] [^ ]+: Invalid value: /);
      const fix = DaemonSetValidator.rules().find(r => r.id === rule)!.fix;
      expect(message.endsWith(` (${rule}); fix: ${fix}`)).toBe(true);
    });
  });
});
