import { cli, documents, fixture, fixtureText, withoutPositions } from './fake-io';
import { DaemonSetValidator } from '../../src';
import { migrateYaml } from '../../src/cli/migrate';

const SEED = fixture('seed-daemonset.yaml');
const ALL_REWRITES = ['--join-args', '--rename-node-exporter-flags'];

const migrate = (name: string, options = {}) => migrateYaml({ name, text: fixtureText(name) }, options);
/** The seed manifest with another node-exporter image. */
const seedWithImage = (image: string) => fixtureText('seed-daemonset.yaml').replace('image: prom/node-exporter:v0.15.2', `image: ${image}`);
const KEPT_NOTICE = 'kept node-exporter flag(s) in spec.template.spec.containers[0].args: --collector.filesystem.ignored-mount-points '
  + '(--collector.filesystem.mount-points-exclude needs 1.2.0): the image prom/node-exporter:v0.15.2 is node-exporter 0.15.2, '
  + 'too old for the new names, which it refuses at startup. Bump the image in the input (for example to prom/node-exporter:v1.12.1) '
  + 'and run migrate --rename-node-exporter-flags on it again';

describe('migrate the seed manifest', () => {
  const result = migrate('seed-daemonset.yaml', { joinArgs: true, renameNodeExporterFlags: true });
  const [ds] = documents(result.yaml);
  const container = ds.spec.template.spec.containers[0];

  test('is apps/v1 with a selector equal to the template labels', () => {
    expect(ds.apiVersion).toBe('apps/v1');
    expect(ds.spec.selector).toEqual({ matchLabels: { name: 'node-exporter' } });
    expect(ds.spec.template.metadata.labels).toEqual({ name: 'node-exporter' });
  });

  test('keeps extensions/v1beta1\'s OnDelete behaviour explicitly', () => {
    expect(ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('joins split flags, and keeps the old node-exporter flag name: the image, 0.15.2, refuses the new one', () => {
    expect(container.args).toEqual([
      '--path.procfs=/host/proc',
      '--path.sysfs=/host/sys',
      '--collector.filesystem.ignored-mount-points="^/(sys|proc|dev|host|etc)($|/)"',
    ]);
  });

  test('keeps the image', () => {
    expect(container.image).toBe('prom/node-exporter:v0.15.2');
  });

  test('changes nothing else', () => {
    const expected = structuredClone(documents(fixtureText('seed-daemonset.yaml'))[0]);
    expected.apiVersion = 'apps/v1';
    expected.spec.selector = { matchLabels: { name: 'node-exporter' } };
    expected.spec.updateStrategy = { type: 'OnDelete' };
    expected.spec.template.spec.containers[0].args = container.args;
    expect(ds).toEqual(expected);
  });

  test('passes the validator with no error', () => {
    expect(DaemonSetValidator.validateAll([ds]).filter(f => f.severity === 'error')).toEqual([]);
  });

  test('says what it decided for the user: selector, OnDelete, quotes, image version', () => {
    const notices = result.notices.join('\n');
    expect(result.migrated).toBe(1);
    expect(notices).toContain('added spec.selector.matchLabels {"name":"node-exporter"} from the template labels');
    expect(notices).toContain('The selector is immutable');
    expect(notices).toContain('set spec.updateStrategy.type: OnDelete');
    expect(notices).toContain('RollingUpdate');
    expect(notices).toContain('the value of --collector.filesystem.ignored-mount-points is wrapped in quotes');
    expect(result.notices).toContain(`seed-daemonset.yaml: DaemonSet monitoring/node-exporter: ${KEPT_NOTICE}`);
    expect(notices).not.toContain('renamed node-exporter flag');
  });

  test('says why in the YAML too, above the selector', () => {
    expect(result.yaml).toContain('  # cdk8s-daemonsets migrate: the selector the old API version defaulted; immutable once applied\n  selector:\n');
  });
});

describe('migrate options', () => {
  test('without --join-args the split args stay, with a hint', () => {
    const result = migrate('seed-daemonset.yaml');
    const [ds] = documents(result.yaml);
    expect(ds.spec.template.spec.containers[0].args).toEqual(documents(fixtureText('seed-daemonset.yaml'))[0].spec.template.spec.containers[0].args);
    expect(result.notices.join('\n')).toContain('spec.template.spec.containers[0].args has 3 flag(s) whose value is the next element; --join-args');
  });

  test('--rename-node-exporter-flags alone renames the flag element and leaves its value element (image 1.2.0)', () => {
    const result = migrateYaml({ name: '-', text: seedWithImage('prom/node-exporter:v1.2.0') }, { renameNodeExporterFlags: true });
    const [ds] = documents(result.yaml);
    expect(ds.spec.template.spec.containers[0].args.slice(4)).toEqual(['--collector.filesystem.mount-points-exclude', '"^/(sys|proc|dev|host|etc)($|/)"']);
    expect(result.notices).toContain('-: DaemonSet monitoring/node-exporter: renamed node-exporter flag(s) in spec.template.spec.containers[0].args: '
      + '--collector.filesystem.ignored-mount-points -> --collector.filesystem.mount-points-exclude');
  });

  test('--rename-node-exporter-flags keeps the old names for an image older than 1.2.0 and says to bump it', () => {
    const result = migrate('seed-daemonset.yaml', { renameNodeExporterFlags: true });
    const [ds] = documents(result.yaml);
    expect(ds.spec.template.spec.containers[0].args.slice(4)).toEqual(['--collector.filesystem.ignored-mount-points', '"^/(sys|proc|dev|host|etc)($|/)"']);
    expect(result.notices).toContain(`seed-daemonset.yaml: DaemonSet monitoring/node-exporter: ${KEPT_NOTICE}`);
  });

  test('--rename-node-exporter-flags: 1.1.2 is too old too, and the bump keeps the image\'s registry', () => {
    const result = migrateYaml({ name: '-', text: seedWithImage(`quay.io/prometheus/node-exporter:v1.1.2@sha256:${'a'.repeat(64)}`) }, { renameNodeExporterFlags: true });
    expect(documents(result.yaml)[0].spec.template.spec.containers[0].args[4]).toBe('--collector.filesystem.ignored-mount-points');
    expect(result.notices.join('\n')).toContain('Bump the image in the input (for example to quay.io/prometheus/node-exporter:v1.12.1)');
  });

  test('--rename-node-exporter-flags: netdev\'s ignored-devices, which 1.0.x already refuses, becomes the name 1.0.x knows', () => {
    const text = seedWithImage('prom/node-exporter:v1.0.1').replace('- --collector.filesystem.ignored-mount-points', '- --collector.netdev.ignored-devices');
    const result = migrateYaml({ name: '-', text }, { renameNodeExporterFlags: true });
    expect(documents(result.yaml)[0].spec.template.spec.containers[0].args[4]).toBe('--collector.netdev.device-blacklist');
    expect(result.notices.join('\n')).toContain('--collector.netdev.ignored-devices -> --collector.netdev.device-blacklist');
  });

  test('--rename-node-exporter-flags renames for an image of unknown version, with a notice to check it', () => {
    const result = migrateYaml({ name: '-', text: seedWithImage('prom/node-exporter:latest') }, { renameNodeExporterFlags: true });
    expect(documents(result.yaml)[0].spec.template.spec.containers[0].args[4]).toBe('--collector.filesystem.mount-points-exclude');
    expect(result.notices).toContain('-: DaemonSet monitoring/node-exporter: renamed node-exporter flag(s) in spec.template.spec.containers[0].args: '
      + '--collector.filesystem.ignored-mount-points -> --collector.filesystem.mount-points-exclude. '
      + 'The image\'s version is unknown (prom/node-exporter:latest); the new names need node-exporter 1.2.0 or later: check the image');
  });

  test('--rename-node-exporter-flags renames for an image that is not node-exporter\'s (unknown version)', () => {
    const result = migrateYaml({ name: '-', text: seedWithImage('example.com/monitoring-agent:v0.1.0') }, { renameNodeExporterFlags: true });
    expect(documents(result.yaml)[0].spec.template.spec.containers[0].args[4]).toBe('--collector.filesystem.mount-points-exclude');
  });

  test('--rename-node-exporter-flags: diskstats was renamed in 1.4.0, so a 1.3.1 image keeps it', () => {
    const text = seedWithImage('prom/node-exporter:v1.3.1').replace('- --path.procfs\n', '- --collector.diskstats.ignored-devices=^ram\n            - --path.procfs\n');
    const result = migrateYaml({ name: '-', text }, { renameNodeExporterFlags: true });
    const args = documents(result.yaml)[0].spec.template.spec.containers[0].args;
    expect(args[0]).toBe('--collector.diskstats.ignored-devices=^ram');
    expect(args[5]).toBe('--collector.filesystem.mount-points-exclude');
    expect(result.notices.join('\n')).toContain('--collector.diskstats.ignored-devices (--collector.diskstats.device-exclude needs 1.4.0)');
  });

  test('--rename-node-exporter-flags leaves an old name whose new name is set too, and says to drop it', () => {
    const text = seedWithImage('prom/node-exporter:v1.8.2').replace('- --path.procfs\n', '- --collector.filesystem.mount-points-exclude=^/sys\n            - --path.procfs\n');
    const result = migrateYaml({ name: '-', text }, { renameNodeExporterFlags: true });
    const args = documents(result.yaml)[0].spec.template.spec.containers[0].args;
    expect(args[0]).toBe('--collector.filesystem.mount-points-exclude=^/sys');
    expect(args[5]).toBe('--collector.filesystem.ignored-mount-points');
    expect(result.notices.join('\n')).toContain('--collector.filesystem.ignored-mount-points and --collector.filesystem.mount-points-exclude are both set, which node-exporter refuses ("mutually exclusive"): drop the old one');
  });

  test('a flag followed by another flag is not joined', () => {
    const text = 'apiVersion: apps/v1beta2\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {app: a}}\n'
      + '  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers:\n        - name: a\n          image: a:1\n'
      + '          args: [--verbose, --port, "80", --dry-run]\n';
    const [ds] = documents(migrateYaml({ name: '-', text }, { joinArgs: true }).yaml);
    expect(ds.spec.template.spec.containers[0].args).toEqual(['--verbose', '--port=80', '--dry-run']);
  });
});

describe('migrate a stream of several documents', () => {
  const result = migrate('mixed-legacy.yaml', { joinArgs: true });
  const docs = documents(result.yaml);

  test('migrates every legacy DaemonSet and nothing else', () => {
    expect(result.migrated).toBe(2);
    expect(docs.map(d => `${d.apiVersion} ${d.kind}`)).toEqual(['v1 ConfigMap', 'apps/v1 DaemonSet', 'apps/v1 DaemonSet', 'extensions/v1beta1 Deployment']);
  });

  test('copies other documents byte for byte, comments and odd spacing included', () => {
    const blocks = fixtureText('mixed-legacy.yaml').split('---\n');
    const out = result.yaml.split('---\n');
    expect(out[0]).toBe(blocks[0]);
    expect(out[3]).toBe(blocks[3]);
  });

  test('apps/v1beta2: drops templateGeneration, keeps its selector and its (RollingUpdate) default strategy', () => {
    const fluentd = docs[1];
    expect(fluentd.spec.templateGeneration).toBeUndefined();
    expect(fluentd.spec.selector).toEqual({ matchLabels: { app: 'fluentd' } });
    expect(fluentd.spec.updateStrategy).toBeUndefined();
    expect(fluentd.spec.template.spec.containers[0].args).toEqual(['--config=/etc/fluent/fluent.conf']);
  });

  test('extensions/v1beta1 with a strategy but no type gets OnDelete, the type it defaulted to', () => {
    expect(docs[2].spec.updateStrategy).toEqual({ type: 'OnDelete', rollingUpdate: { maxUnavailable: 2 } });
  });

  test('keeps YAML 1.1 strings as strings', () => {
    expect(docs[0].data.enabled).toBe('yes');
  });
});

describe('idempotence', () => {
  test('apps/v1 input comes back unchanged, byte for byte', () => {
    for (const name of ['good.yaml']) {
      const result = migrate(name, { joinArgs: true, renameNodeExporterFlags: true });
      expect(result.yaml).toBe(fixtureText(name));
      expect(result.migrated).toBe(0);
      expect(result.notices).toEqual([]);
    }
  });

  test('migrating the output again changes nothing', () => {
    for (const name of ['seed-daemonset.yaml', 'mixed-legacy.yaml']) {
      const once = migrate(name, { joinArgs: true, renameNodeExporterFlags: true }).yaml;
      expect(migrateYaml({ name, text: once }, { joinArgs: true, renameNodeExporterFlags: true }).yaml).toBe(once);
    }
  });

  test('the output is the same on every run', () => {
    expect(migrate('mixed-legacy.yaml').yaml).toBe(migrate('mixed-legacy.yaml').yaml);
  });
});

describe('the migrate command', () => {
  test('writes YAML to stdout, notices and the validation of the output to stderr; exit 0 without errors', async () => {
    const r = await cli(['migrate', SEED, ...ALL_REWRITES]);
    expect(r.code).toBe(0);
    expect(documents(r.stdout)[0].apiVersion).toBe('apps/v1');
    const stderr = withoutPositions(r.stderr).trimEnd().split('\n');
    expect(stderr[0]).toBe(`notice: ${SEED}: DaemonSet monitoring/node-exporter: apiVersion extensions/v1beta1 -> apps/v1`);
    expect(stderr).toContain(`notice: ${SEED}: DaemonSet monitoring/node-exporter: ${KEPT_NOTICE}`);
    expect(stderr).toContain('<stdout>: warning DaemonSet monitoring/node-exporter: spec.template.spec.priorityClassName: no priorityClassName (priority-class-missing); fix: Use `system-node-critical` (the `priorityClassName` prop default).');
    expect(stderr[stderr.length - 1]).toMatch(/^0 errors, \d+ warnings in 1 file \(1 object\)$/);
  });

  test('findings on stdout output name <stdout> at the lines of the YAML written there (the input\'s lines moved); an unchanged file keeps its name', async () => {
    const r = await cli(['migrate', SEED, ...ALL_REWRITES]);
    const lineOf = (path: string) => Number(new RegExp(`^<stdout>:(\\d+):\\d+: warning [^:]+: ${path.replace(/[.[\]]/g, '\\$&')}: `, 'm').exec(r.stderr)![1]);
    const written = r.stdout.split('\n');
    const input = fixtureText('seed-daemonset.yaml').split('\n');
    const requests = lineOf('spec.template.spec.containers[0].resources.requests');
    const arg = lineOf('spec.template.spec.containers[0].args[2]');
    expect(written[requests - 1]).toMatch(/^\s+requests:/);
    expect(written[arg - 1]).toContain('- --collector.filesystem.ignored-mount-points=');
    // The migrated DaemonSet gained selector lines: the input has other lines there.
    expect(input[requests - 1]).not.toMatch(/requests:/);
    // Notices name the input (they are about its objects, with no line); no finding does.
    expect(r.stderr.split('\n').filter(l => l.startsWith(`${SEED}:`))).toEqual([]);

    const unchanged = await cli(['migrate', fixture('good.yaml')]);
    expect(unchanged.stdout).toBe(fixtureText('good.yaml'));
    expect(unchanged.stderr).not.toContain('<stdout>');
  });

  test('reads stdin without a file, writes -o', async () => {
    const r = await cli(['migrate', '-o', 'out.yaml', ...ALL_REWRITES], fixtureText('seed-daemonset.yaml'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.written.get('out.yaml')).toBe(migrate('seed-daemonset.yaml', { joinArgs: true, renameNodeExporterFlags: true }).yaml);
    expect(r.stderr).toContain('notice: -: DaemonSet monitoring/node-exporter: ');
    expect(withoutPositions(r.stderr)).toContain('out.yaml: warning DaemonSet monitoring/node-exporter: ');
  });

  test('--host-access-opted-in applies to the validation of the output', async () => {
    const plain = await cli(['migrate', SEED]);
    const optedIn = await cli(['migrate', SEED, '--host-access-opted-in']);
    expect(plain.stderr).toContain('(host-access);');
    expect(optedIn.stderr).not.toContain('(host-access);');
  });

  test('exit 1 when the output still has errors', async () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: DaemonSet\nmetadata: {name: bare, namespace: x}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: "a:1"}]\n';
    const r = await cli(['migrate'], text);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the template has no labels to build it from');
    expect(withoutPositions(r.stderr)).toContain('<stdout>: error DaemonSet x/bare: spec.template.metadata.labels: Invalid value: {}: `selector` does not match template `labels`: `spec.selector` is missing (selector-required); fix: Set `spec.selector.matchLabels` to a stable subset of the template labels.');
  });

  test('says so when there is nothing to migrate', async () => {
    const r = await cli(['migrate', fixture('good.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(fixtureText('good.yaml'));
    expect(r.stderr).toContain('no removed or deprecated API version, no deprecated node label; nothing changed');
  });

  test('a file that does not parse: exit 2, nothing on stdout', async () => {
    const r = await cli(['migrate'], 'a: [\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('removed and deprecated APIs of other kinds', () => {
  const run = (text: string, kubernetesVersion?: string) => migrateYaml({ name: 'in.yaml', text }, { kubernetesVersion });
  const STREAM = `apiVersion: rbac.authorization.k8s.io/v1beta1  # the RBAC beta, removed in 1.22
kind: ClusterRole
metadata: {name: node-agent}
rules: [{apiGroups: [""], resources: [nodes], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1beta1
kind: ClusterRoleBinding
metadata: {name: node-agent}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-agent}
subjects: [{kind: ServiceAccount, name: node-agent, namespace: monitoring}]
---
apiVersion: apps/v1beta2
kind: Deployment
metadata: {name: exporter-proxy, namespace: monitoring}
spec:
  selector: {matchLabels: {app: proxy}}
  template:
    metadata: {labels: {app: proxy}}
    spec:
      containers: [{name: proxy, image: "registry.example.com/proxy:1.2.0"}]
---
apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: node-agent}
spec: {privileged: true}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: metrics, namespace: monitoring}
spec: {backend: {serviceName: metrics, servicePort: 9100}}
`;

  test('rewrites the apiVersion-only successors (RBAC v1beta1, apps/v1beta2 Deployment), keeping comments', () => {
    const result = run(STREAM);
    expect(documents(result.yaml).map(d => `${d.apiVersion} ${d.kind}`)).toEqual([
      'rbac.authorization.k8s.io/v1 ClusterRole',
      'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
      'apps/v1 Deployment',
      'policy/v1beta1 PodSecurityPolicy',
      'extensions/v1beta1 Ingress',
    ]);
    expect(result.yaml).toContain('# the RBAC beta, removed in 1.22');
    expect(result.migrated).toBe(3);
  });

  test('says what it cannot: PodSecurityPolicy has no successor, an Ingress changes shape', () => {
    const { notices } = run(STREAM);
    expect(notices).toContain('in.yaml: ClusterRole node-agent: apiVersion rbac.authorization.k8s.io/v1beta1 -> rbac.authorization.k8s.io/v1');
    expect(notices).toContain('in.yaml: Deployment monitoring/exporter-proxy: apiVersion apps/v1beta2 -> apps/v1');
    expect(notices.find(n => n.includes('PodSecurityPolicy'))).toMatch(/^in\.yaml: PodSecurityPolicy node-agent: left as it is: policy\/v1beta1 PodSecurityPolicy has no successor API \(removed in 1\.25\): .*Pod Security admission/);
    expect(notices.find(n => n.includes('Ingress'))).toMatch(/left as it is: extensions\/v1beta1 Ingress -> networking\.k8s\.io\/v1 needs more than the apiVersion \(removed in 1\.22\): `spec\.backend` is renamed `spec\.defaultBackend`/);
  });

  test('the output has no removed API the migration could fix: only the two it left', () => {
    const findings = DaemonSetValidator.validateYaml(run(STREAM).yaml).filter(f => f.rule === 'api-version-removed');
    expect(findings.map(f => f.resource)).toEqual(['PodSecurityPolicy node-agent', 'Ingress monitoring/metrics']);
  });

  test('a kind deprecated but still served at the target release moves too; at an older target it stays', () => {
    const flow = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: agents}\nspec: {priorityLevelConfiguration: {name: workload-low}}\n';
    expect(documents(run(flow, '1.29').yaml)[0].apiVersion).toBe('flowcontrol.apiserver.k8s.io/v1');
    const old = run(flow, '1.28');
    expect({ yaml: old.yaml, notices: old.notices, migrated: old.migrated }).toEqual({ yaml: flow, notices: [], migrated: 0 });
  });

  test('a second run changes nothing', () => {
    const once = run(STREAM).yaml;
    expect(run(once).yaml).toBe(once);
  });
});

describe('deprecated node labels', () => {
  const DS = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: sriov, namespace: kube-system}
spec:
  selector: {matchLabels: {app: sriov}}
  template:
    metadata:
      labels: {app: sriov}
      annotations: {scheduler.alpha.kubernetes.io/critical-pod: ""}
    spec:
      nodeSelector:
        beta.kubernetes.io/os: linux   # the kubelet sets both
        beta.kubernetes.io/arch: amd64
      affinity:
        nodeAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 1
            preference:
              matchExpressions: [{key: failure-domain.beta.kubernetes.io/zone, operator: In, values: [a]}, {key: beta.kubernetes.io/os, operator: In, values: [linux]}]
      containers: [{name: sriov, image: "registry.example.com/sriov:3.6.2"}]
`;

  test('renames beta.kubernetes.io/os and arch, wherever a node label key goes, keeping the comment', () => {
    const result = migrateYaml({ name: 'ds.yaml', text: DS });
    const pod = documents(result.yaml)[0].spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
    expect(pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions.map((e: any) => e.key))
      .toEqual(['failure-domain.beta.kubernetes.io/zone', 'kubernetes.io/os']);
    expect(result.yaml).toContain('kubernetes.io/os: linux # the kubelet sets both');
    expect(result.migrated).toBe(1);
  });

  test('leaves the zone label and the critical-pod annotation, saying what to do', () => {
    const { notices } = migrateYaml({ name: 'ds.yaml', text: DS });
    expect(notices).toEqual([
      'ds.yaml: DaemonSet kube-system/sriov: renamed deprecated node label key(s), which the kubelet sets next to the new ones: '
        + 'spec.template.spec.nodeSelector: beta.kubernetes.io/os -> kubernetes.io/os, spec.template.spec.nodeSelector: beta.kubernetes.io/arch -> kubernetes.io/arch, '
        + 'spec.template.spec.affinity.nodeAffinity: beta.kubernetes.io/os -> kubernetes.io/os',
      'ds.yaml: DaemonSet kube-system/sriov: left as it is: spec.template.spec.affinity.nodeAffinity: failure-domain.beta.kubernetes.io/zone '
        + '(deprecated since v1.17; use "topology.kubernetes.io/zone" instead): check that every node has the new label first',
      'ds.yaml: DaemonSet kube-system/sriov: left as it is: spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: '
        + 'non-functional in v1.16+; use the "priorityClassName" field instead (by hand: drop the annotation and set `priorityClassName: system-node-critical` when none is set)',
    ]);
  });

  test('the validator\'s deprecated-node-label warnings go but the zone\'s', () => {
    const labels = (text: string) => DaemonSetValidator.validateYaml(text).filter(f => f.rule === 'deprecated-node-label').map(f => f.path);
    expect(labels(DS)).toHaveLength(4);
    expect(labels(migrateYaml({ name: 'ds.yaml', text: DS }).yaml)).toEqual([
      'spec.template.spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].key',
    ]);
  });
});

describe('the --kubernetes-version flag', () => {
  const APPARMOR = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: monitoring}\nspec:\n  securityContext: {appArmorProfile: {type: RuntimeDefault}}\n  containers: [{name: a, image: "busybox:1.36"}]\n';

  test('check: the default, 1.27, does not know the AppArmor field; 1.30 does', async () => {
    const old = await cli(['check', '-'], APPARMOR);
    expect(old.stdout).toContain('spec.securityContext.appArmorProfile: unknown field "spec.securityContext.appArmorProfile" (unknown-field)');
    expect(old.code).toBe(1);
    expect((await cli(['check', '--kubernetes-version', '1.30', '-'], APPARMOR)).stdout).not.toContain('unknown-field');
  });

  test('an unsupported release: exit 2, naming the range', async () => {
    const r = await cli(['check', '--kubernetes-version', '1.26', '-'], APPARMOR);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--kubernetes-version <release>' argument '1.26' is invalid. 1.26 is not supported: use 1.27 to 1.37");
  });

  test('migrate: moves what the named release deprecated', async () => {
    const r = await cli(['migrate', '--kubernetes-version', '1.29', '-'], 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: agents}\nspec: {priorityLevelConfiguration: {name: workload-low}}\n');
    expect(r.stdout).toContain('apiVersion: flowcontrol.apiserver.k8s.io/v1\n');
  });
});
