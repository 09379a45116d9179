import { Ctx, list, map } from './context';
import { RuleArea, SRC } from './rule';
import { imageTag, imageVersion, isNodeExporterImage, versionAtLeast } from '../../internal/image';
import { lookupTable } from '../../internal/lookup';
import { redactText, shownArg } from '../../internal/redact';

/**
 * A renamed node-exporter flag: its new name, the first release that accepts the new name, and
 * for an old name a release refused outright (no deprecation period), that release.
 */
export interface RenamedFlag {
  readonly to: string;
  readonly since: number[];
  /** The first release that refuses the old name ("unknown long flag"); undefined while it is still accepted (to 1.12.1). */
  readonly removed?: number[];
  /** The first release that accepts the old name, when it is itself a rename of an older one. */
  readonly introduced?: number[];
}

/**
 * node-exporter flags that were renamed, old name → new name and release (CHANGELOG: filesystem
 * 1.2.0, netdev 1.1.0, diskstats 1.4.0, qdisc 1.7.0), checked against the real binaries
 * (test/validation/node-exporter-flags.test.ts runs Debian's and the Go module's node_exporter).
 * The validator and `cdk8s-daemonsets migrate` both read it.
 */
export const RENAMED_FLAGS: { [flag: string]: RenamedFlag } = lookupTable({
  // Deprecated in these releases and still accepted by 1.12.1 (source of each release tag);
  // listed before the older names of the same flags, so the too-new advice names a name the release accepts.
  '--collector.netdev.device-blacklist': { to: '--collector.netdev.device-exclude', since: [1, 1, 0], introduced: [1, 0, 0] },
  '--collector.netdev.device-whitelist': { to: '--collector.netdev.device-include', since: [1, 1, 0], introduced: [1, 0, 0] },
  '--collector.systemd.unit-blacklist': { to: '--collector.systemd.unit-exclude', since: [1, 1, 0] },
  '--collector.systemd.unit-whitelist': { to: '--collector.systemd.unit-include', since: [1, 1, 0] },
  '--collector.qdisk.device-exclude': { to: '--collector.qdisc.device-exclude', since: [1, 7, 0] },
  '--collector.qdisk.device-include': { to: '--collector.qdisc.device-include', since: [1, 7, 0] },
  '--collector.filesystem.ignored-mount-points': { to: '--collector.filesystem.mount-points-exclude', since: [1, 2, 0] },
  '--collector.filesystem.ignored-fs-types': { to: '--collector.filesystem.fs-types-exclude', since: [1, 2, 0] },
  // 1.0.0 renamed it to device-blacklist without a deprecation period (CHANGELOG 1.0.0, #1279):
  // node_exporter 1.0.0 and later exit with "unknown long flag" on it (so do 1.5.0 and 1.12.1).
  '--collector.netdev.ignored-devices': { to: '--collector.netdev.device-exclude', since: [1, 1, 0], removed: [1, 0, 0] },
  '--collector.diskstats.ignored-devices': { to: '--collector.diskstats.device-exclude', since: [1, 4, 0] },
});

export const LINT_AREA = new RuleArea('other objects and arguments', 'src/validation/rules/lint.ts');
export const NODE_EXPORTER_DEPRECATED_FLAG = LINT_AREA.warning('node-exporter-deprecated-flag', `An old node-exporter flag name (${Object.keys(RENAMED_FLAGS).map(f => `\`${f.slice('--collector.'.length)}\``).join(', ')}) with an image of the release that renamed it or later, or of unknown version (\`latest\`, no tag, not a node-exporter image): deprecated, and refused from 2.0. netdev's \`ignored-devices\` is refused already from 1.0.0 (renamed to \`device-blacklist\`, then \`device-exclude\` in 1.1.0): the binary exits at startup ("unknown long flag"), reported whatever the image. Set together with its new name, node-exporter exits ("mutually exclusive").`, 'Use the flag named in the message and drop the old one (`cdk8s-daemonsets migrate --rename-node-exporter-flags`).', SRC.NODE_EXPORTER, { limits: 'The release is read from the image tag of a node-exporter image only; a mirror under another name counts as unknown (current). Debian\'s prometheus-node-exporter 1.5.0 build refuses netdev\'s device-blacklist/whitelist and systemd\'s unit-blacklist/whitelist, which upstream releases (the images) accept.' });
export const NODE_EXPORTER_FLAG_TOO_NEW = LINT_AREA.warning('node-exporter-flag-too-new', 'A new node-exporter flag name (mount-points-exclude, fs-types-exclude, device-exclude) with a node-exporter image older than the release that introduced it (filesystem flags 1.2.0, netdev 1.1.0, diskstats 1.4.0): the binary exits at startup ("unknown long flag").', 'Update the image (for example to `quay.io/prometheus/node-exporter:v1.12.1`), or use the old name the message gives.', SRC.NODE_EXPORTER);
export const ARG_QUOTED_VALUE = LINT_AREA.warning('arg-quoted-value', 'An `args`/`command` item whose value is wrapped in quotes (`"^/(sys|proc)($|/)"`, `--flag="x"`, `--flag=\'x\'`): no shell runs, so the quotes become part of the value. Not when the command is a shell, PowerShell (`powershell`, `pwsh`) or `cmd`, which parse quotes themselves.', 'Drop the inner quotes: YAML quoting alone is enough (`- \'^/(sys|proc)($|/)\'`).', SRC.COMMAND, { limits: 'The shell is recognised by the command\'s first item only; an entrypoint script that hands its arguments to a shell is not known.' });
export const FLAG_VALUE_IN_ONE_ARGUMENT = LINT_AREA.warning('flag-value-in-one-argument', 'An argument like `--flag value` (space inside one list item): the program receives one unknown flag.', 'Write `--flag=value`, or put flag and value in separate list items.', SRC.DAEMONSET);
export const SERVICE_TYPE_EXPOSED = LINT_AREA.warning('service-type-exposed', 'A Service of type NodePort or LoadBalancer in front of a node daemon.', 'Use ClusterIP (or headless) and scrape through the cluster network.', SRC.RBAC, { linterIds: ['kube-linter:exposed-services', 'kube-score:service-type'] });
export const RBAC_WILDCARD = LINT_AREA.warning('rbac-wildcard', 'A Role/ClusterRole rule with `*` in verbs, resources or apiGroups, or a binding to cluster-admin.', 'List the exact verbs and resources the daemon uses.', SRC.RBAC, { linterIds: ['kube-linter:wildcard-in-rules', 'kube-linter:cluster-admin-role-binding', 'polaris:clusterrolebindingClusterAdmin', 'polaris:rolebindingClusterAdminClusterRole', 'polaris:rolebindingClusterAdminRole'] });
export const RBAC_SECRETS = LINT_AREA.warning('rbac-secrets', 'A role rule that can get, list or watch Secrets: `secrets` (or `*`) in the core group (`""`, or `*`).', 'Node agents need pods/nodes/namespaces metadata, not Secrets.', SRC.RBAC, { linterIds: ['kube-linter:access-to-secrets'], limits: 'Reads each rule alone: aggregated ClusterRoles, `resourceNames` and the binding\'s scope are not considered.' });
export const RBAC_CREATE_PODS = LINT_AREA.warning('rbac-create-pods', 'A role rule that can create pods or pod controllers, in the group that serves them (core pods and replicationcontrollers, apps/extensions deployments, daemonsets, replicasets, apps statefulsets, batch jobs and cronjobs; `*` resources or groups included).', 'Remove create on workloads.', SRC.RBAC, { linterIds: ['kube-linter:access-to-create-pods'], limits: 'Reads each rule alone; custom resources whose operator creates pods are not known.' });
export const RBAC_EXEC = LINT_AREA.warning('rbac-exec', 'A role rule that grants pods/exec or pods/attach in the core group.', 'Remove exec/attach.', SRC.RBAC, { linterIds: ['polaris:clusterrolePodExecAttach', 'polaris:rolePodExecAttach', 'polaris:clusterrolebindingPodExecAttach', 'polaris:rolebindingClusterRolePodExecAttach', 'polaris:rolebindingRolePodExecAttach'] });
export const CONFIG_MAP_CREDENTIALS = LINT_AREA.warning('config-map-credentials', 'A ConfigMap key named like a credential, or a PEM private key in a value.', 'Move it to a Secret.', SRC.SECURITY, { linterIds: ['polaris:sensitiveConfigmapContent'] });

/**
 * The old name of `newFlag` that a release before the rename accepts: not yet refused, and
 * already there (node-exporter 1.0.x knows netdev's device-blacklist, 0.18 its ignored-devices).
 */
export function oldNameFor(newFlag: string, version: number[]): string | undefined {
  return Object.keys(RENAMED_FLAGS).find(old => {
    const r = RENAMED_FLAGS[old];
    return r.to === newFlag && !(r.removed && versionAtLeast(version, r.removed)) && !(r.introduced && !versionAtLeast(version, r.introduced));
  });
}

/**
 * The version of a container's node-exporter image: undefined when unknown (no version tag, or not
 * a node-exporter image, which may wrap any release).
 */
export function nodeExporterVersion(image: unknown): number[] | undefined {
  return typeof image === 'string' && isNodeExporterImage(image) ? imageVersion(image) : undefined;
}

/** Whether a node-exporter of this version (undefined: unknown, counted as current) accepts the new name of `oldFlag`. */
export function acceptsNewName(version: number[] | undefined, oldFlag: string): boolean {
  return versionAtLeast(version, RENAMED_FLAGS[oldFlag].since);
}

/** `1.2.0`. */
export function versionText(version: number[]): string {
  return version.join('.');
}
const CREDENTIAL_KEY = /(password|passwd|token|bearer|secret|api[_-]?key|access[_-]?key|private[_-]?key)/i;
const WORKLOADS = ['pods', 'deployments', 'daemonsets', 'statefulsets', 'replicasets', 'replicationcontrollers', 'jobs', 'cronjobs'];
/** The API groups that serve each resource the RBAC rules look for (`extensions` served the apps kinds before 1.16). */
const RESOURCE_GROUPS: { readonly [resource: string]: readonly string[] } = lookupTable({
  'secrets': [''],
  'pods': [''],
  'pods/exec': [''],
  'pods/attach': [''],
  'replicationcontrollers': [''],
  'deployments': ['apps', 'extensions'],
  'daemonsets': ['apps', 'extensions'],
  'statefulsets': ['apps'],
  'replicasets': ['apps', 'extensions'],
  'jobs': ['batch'],
  'cronjobs': ['batch'],
});

/** Programs that parse their arguments as a shell does (quotes included): POSIX shells, PowerShell and cmd, by path or name. */
const SHELLS = /(^|[\\/])(sh|bash|ash|dash|zsh|ksh|powershell(\.exe)?|pwsh(\.exe)?|cmd(\.exe)?)$/i;
/** A whole item, or the value after `--flag=`, wrapped in a matching pair of quotes. */
const QUOTED_VALUE = /^(--?[A-Za-z][-.\w]*=)?(["'])[^]*\2$/;

/** Argument faults: node-exporter flag names the image's release refuses, `--flag value` in one item, quotes around a value. */
export function checkArgs(ctx: Ctx, c: any, path: string): void {
  // `sh -c '…'` hands the items to a shell, which does strip quotes.
  const shell = typeof list(c.command)[0] === 'string' && SHELLS.test(list(c.command)[0]);
  const flags = new Set(['command', 'args'].flatMap(field => list(c[field]).filter((a): a is string => typeof a === 'string').map(flagName)));
  for (const field of ['command', 'args']) {
    const items = list(c[field]);
    items.forEach((a, i) => {
      if (typeof a !== 'string') return;
      checkRenamedFlag(ctx, c.image, flagName(a), flags, `${path}.${field}[${i}]`);
      if (/^--?[A-Za-z][-.\w]*\s+\S/.test(a) && !a.includes('=')) {
        ctx.report(FLAG_VALUE_IN_ONE_ARGUMENT, `${path}.${field}[${i}]`, `${shownArg(items, i)} is one argument; write ${redactText(a.replace(/\s+/, '='))}`);
      }
      const quoted = shell ? null : QUOTED_VALUE.exec(a);
      if (quoted) {
        const flagPart = quoted[1] ?? '';
        const unquoted = flagPart + a.slice(flagPart.length + 1, -1);
        const write = shownArg(items, i).startsWith('***') ? 'write it without them' : `write ${shownArg([...items.slice(0, i), unquoted], i)}`;
        ctx.report(ARG_QUOTED_VALUE, `${path}.${field}[${i}]`, `${shownArg(items, i)}: no shell runs, so the program receives the quotes; ${write}`);
      }
    });
  }
}

function flagName(arg: string): string {
  return arg.split(/[= ]/)[0];
}

/**
 * An old node-exporter flag name where the image's release knows the new one (or its version is
 * unknown), a new name the image's release does not know yet, and either next to the other name.
 */
function checkRenamedFlag(ctx: Ctx, image: unknown, flag: string, flags: Set<string>, at: string): void {
  const version = nodeExporterVersion(image);
  const release = version ? `the image is ${imageTag(String(image))}` : '';
  const renamed = RENAMED_FLAGS[flag];
  if (renamed?.removed && versionAtLeast(version, renamed.removed)) {
    const use = version && !acceptsNewName(version, flag) ? oldNameFor(renamed.to, version) : renamed.to;
    ctx.report(NODE_EXPORTER_DEPRECATED_FLAG, at, `${flag} is refused by node-exporter ${versionText(renamed.removed)} and later${release ? ` (${release})` : ''}, which exit at startup ("unknown long flag"): use ${use}`);
  } else if (renamed && acceptsNewName(version, flag)) {
    const both = flags.has(renamed.to) ? `; ${renamed.to} is set too, and node-exporter refuses both together ("mutually exclusive"): drop ${flag}` : '';
    ctx.report(NODE_EXPORTER_DEPRECATED_FLAG, at, `${flag} was renamed to ${renamed.to} in node-exporter ${versionText(renamed.since)}${release ? ` (${release})` : ''}${both}`);
  }
  const newer = Object.values(RENAMED_FLAGS).find(r => r.to === flag);
  if (version && newer && !versionAtLeast(version, newer.since)) {
    const old = oldNameFor(flag, version);
    const fix = old && flags.has(old) ? `${old} is set too: drop ${flag}` : `${old ? `use ${old}, or ` : ''}update the image (for example to v1.12.1)`;
    ctx.report(NODE_EXPORTER_FLAG_TOO_NEW, at, `${flag} needs node-exporter ${versionText(newer.since)} or later, but ${release}, which exits at startup ("unknown long flag"): ${fix}`);
  }
}

/** Warnings for the companion kinds a node daemon ships with. */
export function checkCompanion(ctx: Ctx, m: any): void {
  const kind = m.kind;
  if (kind === 'Service' && ['NodePort', 'LoadBalancer'].includes(map(m.spec).type)) {
    ctx.report(SERVICE_TYPE_EXPOSED, 'spec.type', `type ${map(m.spec).type} exposes the daemon outside the cluster`);
  }
  if (kind === 'Role' || kind === 'ClusterRole') checkRules(ctx, m.rules);
  if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && map(m.roleRef).name === 'cluster-admin') {
    ctx.report(RBAC_WILDCARD, 'roleRef.name', 'binds cluster-admin');
  }
  if (kind === 'ConfigMap') {
    for (const [k, v] of Object.entries(map(m.data))) {
      if (CREDENTIAL_KEY.test(k) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(String(v))) ctx.report(CONFIG_MAP_CREDENTIALS, `data[${k}]`, 'looks like a credential');
    }
  }
}

function checkRules(ctx: Ctx, rules: unknown): void {
  list(rules).forEach((raw, i) => {
    const r = map(raw);
    const verbs = list(r.verbs);
    const p = `rules[${i}]`;
    if ([...verbs, ...list(r.resources), ...list(r.apiGroups)].includes('*')) ctx.report(RBAC_WILDCARD, p, 'wildcard in rule');
    const reads = verbs.some(v => ['get', 'list', 'watch', '*'].includes(v));
    if (reads && reaches(r, 'secrets', true)) ctx.report(RBAC_SECRETS, p, 'can read Secrets');
    if (verbs.some(v => v === 'create' || v === '*') && WORKLOADS.some(res => reaches(r, res, true))) ctx.report(RBAC_CREATE_PODS, p, 'can create pods or workloads');
    if (reaches(r, 'pods/exec', false) || reaches(r, 'pods/attach', false)) ctx.report(RBAC_EXEC, p, 'grants pods/exec or pods/attach');
  });
}

/**
 * Whether a policy rule reaches a resource: it names the resource (or `*` when `wildcard`) in an
 * API group that serves it (or `*`). `resources: ["*"]` in a CRD's group reaches no Secret.
 */
function reaches(rule: any, resource: string, wildcard: boolean): boolean {
  const resources = list(rule.resources);
  if (!resources.includes(resource) && !(wildcard && resources.includes('*'))) return false;
  const groups = list(rule.apiGroups);
  return groups.includes('*') || RESOURCE_GROUPS[resource].some(g => groups.includes(g));
}
