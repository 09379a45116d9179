import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { apiStatus, DEPRECATED_KEYS, deprecatedKey, REMOVED_APIS, removalMessage, resolve } from '../../src/validation/removed-apis';

const find = (apiVersion: string, kind: string) => REMOVED_APIS.find(a => `${a.group}/${a.version}` === apiVersion && a.kind === kind)!;

describe('apiStatus', () => {
  test('a DaemonSet of apps/v1beta2 is removed since 1.16 and moves to apps/v1 by its apiVersion alone', () => {
    const { status, api } = apiStatus('apps/v1beta2', 'DaemonSet', '1.30');
    expect(status).toBe('removed');
    expect(api).toMatchObject({ removedIn: '1.16', successor: 'apps/v1', migration: 'apiVersion', changes: [] });
  });

  test('an extensions/v1beta1 DaemonSet needs its selector from the template labels and its old OnDelete default kept', () => {
    const { api } = apiStatus('extensions/v1beta1', 'DaemonSet', '1.27');
    expect(api!.migration).toBe('rewrite');
    expect(api!.changes.join('\n')).toMatch(/spec\.selector.*template labels/);
    expect(api!.changes.join('\n')).toMatch(/OnDelete/);
    expect(api!.changes.join('\n')).toMatch(/templateGeneration/);
  });

  test('PodSecurityPolicy has no successor: the entry says so and points to Pod Security admission', () => {
    const { status, api } = apiStatus('policy/v1beta1', 'PodSecurityPolicy', '1.27');
    expect(status).toBe('removed');
    expect(api!.successor).toBeUndefined();
    expect(api!.migration).toBe('none');
    expect(api!.note).toMatch(/Pod Security admission/);
    expect(api!.note).toMatch(/pod-security\.kubernetes\.io\/enforce/);
  });

  test('RBAC v1beta1 moves to v1 by its apiVersion alone (removed in 1.22)', () => {
    for (const kind of ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']) {
      expect(apiStatus('rbac.authorization.k8s.io/v1beta1', kind, '1.27')).toEqual({
        status: 'removed',
        api: expect.objectContaining({ removedIn: '1.22', successor: 'rbac.authorization.k8s.io/v1', migration: 'apiVersion' }),
      });
    }
  });

  test('a version is deprecated from its deprecating release and removed from its removing release', () => {
    expect(apiStatus('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.28').status).toBe('unlisted');
    expect(apiStatus('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.29').status).toBe('deprecated');
    expect(apiStatus('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 'v1.31.4').status).toBe('deprecated');
    expect(apiStatus('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.32').status).toBe('removed');
  });

  test('served versions, and kinds a version never had, are unlisted', () => {
    expect(apiStatus('apps/v1', 'DaemonSet', '1.37')).toEqual({ status: 'unlisted' });
    // apps/v1beta1 never had DaemonSets (kubectl: no matches for kind); the table does not invent a removal.
    expect(apiStatus('apps/v1beta1', 'DaemonSet', '1.37')).toEqual({ status: 'unlisted' });
    expect(apiStatus('v1', 'ConfigMap', '1.37')).toEqual({ status: 'unlisted' });
  });

  test('a release that is not major.minor is refused with the value', () => {
    expect(() => apiStatus('apps/v1', 'DaemonSet', 'latest')).toThrow(/not a Kubernetes release: "latest"/);
  });
});

describe('resolve', () => {
  test('follows a successor that was removed too: extensions/v1beta1 PodSecurityPolicy ends with no successor', () => {
    const r = resolve(find('extensions/v1beta1', 'PodSecurityPolicy'), '1.27');
    expect(r.apiVersion).toBeUndefined();
    expect(r.migration).toBe('none');
    expect(r.notes.join(' ')).toMatch(/Pod Security admission/);
  });

  test('moves flowcontrol betas to v1beta3 before 1.29 and to v1 from 1.29, with the field rename', () => {
    const v1beta1 = find('flowcontrol.apiserver.k8s.io/v1beta1', 'PriorityLevelConfiguration');
    expect(resolve(v1beta1, '1.27')).toMatchObject({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', migration: 'rewrite' });
    expect(resolve(v1beta1, '1.29')).toMatchObject({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', migration: 'rewrite' });
    expect(resolve(v1beta1, '1.33').changes.join(' ')).toMatch(/nominalConcurrencyShares/);
  });

  test('keeps a one-hop successor as it is', () => {
    expect(resolve(find('apps/v1beta2', 'DaemonSet'), '1.30')).toEqual({ apiVersion: 'apps/v1', migration: 'apiVersion', changes: [], notes: [] });
  });
});

describe('removalMessage', () => {
  test('is the text kube-apiserver sends for a deprecated version', () => {
    // As kubectl printed it against a 1.21 cluster (helm chart issue logs): warnings.go:70.
    expect(removalMessage(find('policy/v1beta1', 'PodDisruptionBudget')))
      .toBe('policy/v1beta1 PodDisruptionBudget is deprecated in v1.21+, unavailable in v1.25+; use policy/v1 PodDisruptionBudget');
    expect(removalMessage(find('rbac.authorization.k8s.io/v1beta1', 'ClusterRole')))
      .toBe('rbac.authorization.k8s.io/v1beta1 ClusterRole is deprecated in v1.17+, unavailable in v1.22+; use rbac.authorization.k8s.io/v1 ClusterRole');
  });

  test('names what to do instead when there is no successor', () => {
    expect(removalMessage(find('policy/v1beta1', 'PodSecurityPolicy'))).toMatch(/^policy\/v1beta1 PodSecurityPolicy is deprecated in v1\.21\+, unavailable in v1\.25\+; There is no successor API/);
  });
});

describe('REMOVED_APIS', () => {
  const release = (r: string) => r.split('.').map(Number);
  const before = (a: string, b: string) => release(a)[0] < release(b)[0] || (release(a)[0] === release(b)[0] && release(a)[1] <= release(b)[1]);

  test('holds every group/version/kind of the deprecation guide once', () => {
    const keys = REMOVED_APIS.map(a => `${a.group}/${a.version}/${a.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    // The guide's sections v1.16 … v1.32, kind by kind.
    const guide: { [release: string]: string[] } = {
      1.16: ['extensions/v1beta1/NetworkPolicy', 'extensions/v1beta1/PodSecurityPolicy', 'extensions/v1beta1/DaemonSet', 'apps/v1beta2/DaemonSet',
        'extensions/v1beta1/Deployment', 'apps/v1beta1/Deployment', 'apps/v1beta2/Deployment', 'apps/v1beta1/StatefulSet', 'apps/v1beta2/StatefulSet',
        'extensions/v1beta1/ReplicaSet', 'apps/v1beta2/ReplicaSet'],
      1.22: ['admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration',
        'apiextensions.k8s.io/v1beta1/CustomResourceDefinition', 'apiregistration.k8s.io/v1beta1/APIService', 'authentication.k8s.io/v1beta1/TokenReview',
        'authorization.k8s.io/v1beta1/LocalSubjectAccessReview', 'authorization.k8s.io/v1beta1/SelfSubjectAccessReview', 'authorization.k8s.io/v1beta1/SubjectAccessReview',
        'certificates.k8s.io/v1beta1/CertificateSigningRequest', 'coordination.k8s.io/v1beta1/Lease', 'extensions/v1beta1/Ingress', 'networking.k8s.io/v1beta1/Ingress',
        'networking.k8s.io/v1beta1/IngressClass', 'rbac.authorization.k8s.io/v1beta1/ClusterRole', 'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding',
        'rbac.authorization.k8s.io/v1beta1/Role', 'rbac.authorization.k8s.io/v1beta1/RoleBinding', 'scheduling.k8s.io/v1beta1/PriorityClass',
        'storage.k8s.io/v1beta1/CSIDriver', 'storage.k8s.io/v1beta1/CSINode', 'storage.k8s.io/v1beta1/StorageClass', 'storage.k8s.io/v1beta1/VolumeAttachment'],
      1.25: ['batch/v1beta1/CronJob', 'discovery.k8s.io/v1beta1/EndpointSlice', 'events.k8s.io/v1beta1/Event', 'autoscaling/v2beta1/HorizontalPodAutoscaler',
        'policy/v1beta1/PodDisruptionBudget', 'policy/v1beta1/PodSecurityPolicy', 'node.k8s.io/v1beta1/RuntimeClass'],
      1.26: ['flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema', 'flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration', 'autoscaling/v2beta2/HorizontalPodAutoscaler'],
      1.27: ['storage.k8s.io/v1beta1/CSIStorageCapacity'],
      1.29: ['flowcontrol.apiserver.k8s.io/v1beta2/FlowSchema', 'flowcontrol.apiserver.k8s.io/v1beta2/PriorityLevelConfiguration'],
      1.32: ['flowcontrol.apiserver.k8s.io/v1beta3/FlowSchema', 'flowcontrol.apiserver.k8s.io/v1beta3/PriorityLevelConfiguration'],
    };
    for (const [removedIn, gvks] of Object.entries(guide)) {
      for (const gvk of gvks) expect({ gvk, removedIn: REMOVED_APIS.find(a => `${a.group}/${a.version}/${a.kind}` === gvk)?.removedIn }).toEqual({ gvk, removedIn });
    }
  });

  test('every entry is consistent: deprecated before removed, a successor served before the removal, changes where a rewrite is needed', () => {
    for (const a of REMOVED_APIS) {
      const at = `${a.group}/${a.version} ${a.kind}`;
      expect({ at, ordered: before(a.deprecatedIn, a.removedIn) }).toEqual({ at, ordered: true });
      if (a.migration === 'none') {
        expect({ at, successor: a.successor, note: typeof a.note }).toEqual({ at, successor: undefined, note: 'string' });
      } else {
        expect({ at, successor: typeof a.successor, since: typeof a.successorSince }).toEqual({ at, successor: 'string', since: 'string' });
        // flowcontrol v1beta1 named v1beta3 (1.26) as its successor then; v1 is the one served today.
        if (!(a.group === 'flowcontrol.apiserver.k8s.io' && a.version === 'v1beta1')) {
          expect({ at, servedFirst: before(a.successorSince!, a.removedIn) }).toEqual({ at, servedFirst: true });
        }
      }
      expect({ at, changes: a.migration === 'rewrite' || a.migration === 'manual' ? a.changes.length > 0 : a.changes.length === 0 }).toEqual({ at, changes: true });
      expect(a.source).toMatch(/^https:\/\//);
    }
  });
});

describe('deprecatedKey', () => {
  test('finds node labels by exact key, and only as node labels', () => {
    expect(deprecatedKey('beta.kubernetes.io/os', 'node-label')).toMatchObject({ replacement: 'kubernetes.io/os', message: 'deprecated since v1.14; use "kubernetes.io/os" instead' });
    expect(deprecatedKey('kubernetes.io/os', 'node-label')).toBeUndefined();
    expect(deprecatedKey('beta.kubernetes.io/os', 'pod-annotation')).toBeUndefined();
  });

  test('finds per-container annotations by prefix plus a container name', () => {
    expect(deprecatedKey('container.apparmor.security.beta.kubernetes.io/cilium-agent', 'pod-annotation'))
      .toMatchObject({ since: '1.30', when: 'field-unset', replacement: 'containers[*].securityContext.appArmorProfile' });
    expect(deprecatedKey('container.apparmor.security.beta.kubernetes.io/', 'pod-annotation')).toBeUndefined();
  });

  test('knows the keys the precision corpus makes kube-apiserver warn about, with its words', () => {
    // Recorded from kube-apiserver v1.37.2's pod warnings (pkg/api/pod.GetWarningsForPodTemplate)
    // run over test/validation/corpus: the key and the text after "<path>: ".
    const printed: Array<[string, 'pod-annotation' | 'node-label', string]> = [
      ['container.apparmor.security.beta.kubernetes.io/cilium-agent', 'pod-annotation', 'deprecated since v1.30; use the "appArmorProfile" field instead'],
      ['scheduler.alpha.kubernetes.io/critical-pod', 'pod-annotation', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
      ['seccomp.security.alpha.kubernetes.io/pod', 'pod-annotation', 'non-functional in v1.27+; use the "seccompProfile" field instead'],
      ['beta.kubernetes.io/os', 'node-label', 'deprecated since v1.14; use "kubernetes.io/os" instead'],
      ['beta.kubernetes.io/arch', 'node-label', 'deprecated since v1.14; use "kubernetes.io/arch" instead'],
    ];
    for (const [key, place, message] of printed) expect({ key, message: deprecatedKey(key, place)?.message }).toEqual({ key, message });
  });

  test('every key that has a replacement can be rewritten or says why not', () => {
    const withoutRewrite = DEPRECATED_KEYS.filter(d => d.replacement !== undefined && d.rewrite === undefined).map(d => d.key);
    // The control-plane label is not a rename kubelets apply everywhere: kubeadm dropped the master label in 1.24, other distributions set both.
    expect(withoutRewrite).toEqual(['node-role.kubernetes.io/master']);
  });
});

/** The newest k8s.io module `name` in the Go module cache, if Go has downloaded one (the oracle's build does). */
function goModule(name: string): string | undefined {
  const cache = process.env.GOMODCACHE ?? join(process.env.GOPATH ?? join(homedir(), 'go'), 'pkg', 'mod');
  const dir = join(cache, 'k8s.io');
  if (!existsSync(dir)) return undefined;
  const minor = (d: string) => d.split('@v0.')[1].split('.').map(Number);
  const versions = readdirSync(dir).filter(d => new RegExp(`^${name}@v0\\.\\d+\\.\\d+$`).test(d))
    .sort((a, b) => minor(a)[0] - minor(b)[0] || minor(a)[1] - minor(b)[1]);
  return versions.length > 0 ? join(dir, versions[versions.length - 1]) : undefined;
}

/** Every beta package of a module with generated lifecycle code: its directory. */
function betaPackages(root: string, depth = 4): string[] {
  if (depth === 0 || !statSync(root).isDirectory()) return [];
  const here = existsSync(join(root, 'zz_generated.prerelease-lifecycle.go')) && /beta\d*$/.test(root) ? [root] : [];
  return [...here, ...readdirSync(root).filter(d => !d.startsWith('.') && d !== 'testdata').flatMap(d => betaPackages(join(root, d), depth - 1))];
}

/** `APILifecycle{Deprecated,Removed,Replacement}` of every type of one beta package. */
function lifecycleOf(dir: string) {
  const text = readFileSync(join(dir, 'zz_generated.prerelease-lifecycle.go'), 'utf8');
  const group = /const GroupName = "([^"]*)"/.exec(readFileSync(join(dir, 'register.go'), 'utf8'))![1];
  const version = dir.split('/').pop()!;
  const release = (kind: string, fn: string) => {
    const m = new RegExp(`func \\(in \\*${kind}\\) APILifecycle${fn}\\(\\) \\(major, minor int\\) \\{\\s*return (\\d+), (\\d+)`).exec(text);
    return m ? `${m[1]}.${m[2]}` : undefined;
  };
  const kinds = [...new Set([...text.matchAll(/func \(in \*(\w+)\) APILifecycleRemoved/g)].map(m => m[1]))].filter(k => !k.endsWith('List'));
  return kinds.map(kind => {
    const replacement = new RegExp(`func \\(in \\*${kind}\\) APILifecycleReplacement\\(\\) schema\\.GroupVersionKind \\{\\s*return schema\\.GroupVersionKind\\{Group: "([^"]*)", Version: "([^"]*)"`).exec(text);
    return { group, version, kind, deprecatedIn: release(kind, 'Deprecated'), removedIn: release(kind, 'Removed'), successor: replacement ? `${replacement[1] ? replacement[1] + '/' : ''}${replacement[2]}` : undefined };
  });
}

const modules = ['api', 'apiextensions-apiserver'].map(goModule).filter((m): m is string => m !== undefined);
const againstLifecycle = modules.length > 0 ? test : test.skip;
if (modules.length === 0) console.info('removed-apis: no k8s.io/api module in the Go module cache (GOMODCACHE); the check against its prerelease lifecycle was skipped');

describe('against k8s.io/api (the release each type stops being served, from its generated lifecycle code)', () => {
  /** Subresource and review payload types: never written in a manifest. */
  const NOT_MANIFESTS = new Set(['Scale', 'DeploymentRollback', 'Eviction', 'AdmissionReview', 'APIGroupDiscovery', 'ConversionReview']);

  againstLifecycle('every beta type removed by the module\'s release is in the table with the same releases and successor', () => {
    const moduleRelease = Number(/@v0\.(\d+)\./.exec(modules[0])![1]);
    const checked: string[] = [];
    for (const dir of modules.flatMap(m => betaPackages(m))) {
      for (const t of lifecycleOf(dir)) {
        if (NOT_MANIFESTS.has(t.kind) || !t.removedIn || Number(t.removedIn.split('.')[1]) > moduleRelease) continue;
        const ours = REMOVED_APIS.find(a => a.group === t.group && a.version === t.version && a.kind === t.kind);
        const at = `${t.group}/${t.version} ${t.kind}`;
        expect({ at, deprecatedIn: ours?.deprecatedIn, removedIn: ours?.removedIn })
          .toEqual({ at, deprecatedIn: t.deprecatedIn, removedIn: t.removedIn });
        if (t.successor) expect({ at, successor: ours?.successor }).toEqual({ at, successor: t.successor });
        checked.push(at);
      }
    }
    // Not a test that passes on an empty module: the 1.16 and 1.22 removals alone are dozens.
    expect(checked.length).toBeGreaterThan(30);
  });
});
