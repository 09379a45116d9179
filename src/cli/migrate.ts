import { Document, isAlias, isMap, isScalar, isSeq, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { parseDocuments, SourceFile } from './input';
import { imageRepository, versionAtLeast } from '../internal/image';
import { acceptsNewName, nodeExporterVersion, oldNameFor, redactText, REMOVED_DAEMONSET_VERSIONS, RENAMED_FLAGS, resourceName, shownValue, versionText } from '../validation';

/** Options of `cdk8s-daemonsets migrate`: the rewrites that change what the program is told. */
export interface MigrateOptions {
  /** `--flag` followed by a value element becomes `--flag=value`. */
  readonly joinArgs?: boolean;
  /** node-exporter's `ignored-*` flags get their new names, in containers whose image is recent enough (or of unknown version). */
  readonly renameNodeExporterFlags?: boolean;
}

/** The migrated YAML, what the user should know about it, and how many objects changed. */
export interface MigrateResult {
  readonly yaml: string;
  readonly notices: string[];
  readonly migrated: number;
}

const TARGET = 'apps/v1';
/** Alias expansions allowed when reading a node; the whole document was read with the same limit already. */
const MAX_ALIAS_COUNT = 1000;
const FLAG_ONLY = /^--[A-Za-z0-9][-.\w]*$/;
/** The node-exporter release `--rename-node-exporter-flags` suggests when the image is too old for the new names. */
const CURRENT_NODE_EXPORTER = 'v1.12.1';

/**
 * Rewrites the DaemonSets of removed API versions to apps/v1. Every other document is copied
 * byte for byte, so apps/v1 input comes back unchanged and a second run changes nothing.
 */
export function migrateYaml(source: SourceFile, options: MigrateOptions = {}): MigrateResult {
  const notices: string[] = [];
  let yaml = '';
  let copiedUpTo = 0;
  let migrated = 0;
  // Every document is read first: one that does not parse is a UsageError before anything is written.
  for (const { doc, value } of parseDocuments(source)) {
    const end = doc.range[2];
    const original = source.text.slice(copiedUpTo, end);
    copiedUpTo = end;
    const targets = removedDaemonSets(doc, value);
    if (targets.length === 0) {
      yaml += original;
      continue;
    }
    for (const { node, where } of targets) {
      const name = resourceName(node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT })) + (where ? ` (${where})` : '');
      notices.push(...migrateDaemonSet(doc, node, options).map(n => `${source.name}: ${name}: ${n}`));
      migrated++;
    }
    // lineWidth 0: folding a long argument over two lines would be legal YAML but a noisy diff.
    yaml += doc.toString({ lineWidth: 0 });
  }
  return { yaml: yaml + source.text.slice(copiedUpTo), notices, migrated };
}

function isRemovedDaemonSet(value: any): boolean {
  return value !== null && typeof value === 'object' && value.kind === 'DaemonSet' && REMOVED_DAEMONSET_VERSIONS.includes(String(value.apiVersion));
}

/**
 * The DaemonSets to migrate in one document: the document itself, or the items of a List
 * (`kind: List`, or `DaemonSetList` as `kubectl get -o yaml` writes it), edited in place.
 */
function removedDaemonSets(doc: Document, value: any): Array<{ node: YAMLMap; where?: string }> {
  if (isRemovedDaemonSet(value)) return isMap(doc.contents) ? [{ node: doc.contents }] : [];
  const isList = value !== null && typeof value === 'object' && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
  const items = isList && isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
  if (!isSeq(items)) return [];
  return items.items.flatMap((item, i) => {
    if (!isRemovedDaemonSet(value.items[i])) return [];
    // An aliased item would change its anchor too: it becomes a copy of its own.
    if (isAlias(item)) items.items[i] = doc.createNode(value.items[i], { aliasDuplicateObjects: false });
    const node = items.items[i];
    return isMap(node) ? [{ node, where: `${value.kind} items[${i}]` }] : [];
  });
}

/** The node itself, or what an alias names. */
function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/**
 * Edits one DaemonSet in place (comments survive) and returns the notices for the user. Reads go
 * through aliases and merge keys (the node's plain value); an aliased spec or update strategy is
 * written back as a copy, so the anchor it names stays as it was.
 */
function migrateDaemonSet(doc: Document, ds: YAMLMap, options: MigrateOptions): string[] {
  const value = ds.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
  const from = String(value.apiVersion);
  ds.set('apiVersion', TARGET);
  const notices = [`apiVersion ${from} -> ${TARGET}`];
  let spec = ds.get('spec', true) as Node | undefined;
  if (value.spec === null || typeof value.spec !== 'object' || Array.isArray(value.spec)) return [...notices, 'no spec to migrate'];
  if (!isMap(spec)) {
    spec = doc.createNode(value.spec, { aliasDuplicateObjects: false }) as YAMLMap;
    ds.set('spec', spec);
  }
  notices.push(...addSelector(doc, spec as YAMLMap, value.spec));
  if ((spec as YAMLMap).delete('templateGeneration')) {
    notices.push('dropped spec.templateGeneration: apps/v1 has no such field (the controller tracks revisions itself)');
  }
  if (from === 'extensions/v1beta1') notices.push(...keepOnDelete(doc, spec as YAMLMap, value.spec.updateStrategy));
  for (const { path, args, image } of containerArgs(doc, spec as YAMLMap)) {
    notices.push(...(options.joinArgs ? joinSplitArgs(args, path) : hintSplitArgs(args, path)));
    if (options.renameNodeExporterFlags) notices.push(...renameFlags(args, path, image));
  }
  return notices;
}

/**
 * apps/v1 requires a selector. Older versions defaulted it to the template labels, so the live
 * object already has exactly that selector, and the selector is immutable: copying the labels
 * is the only choice `kubectl apply` accepts.
 */
function addSelector(doc: Document, spec: YAMLMap, value: any): string[] {
  if (value.selector !== undefined && value.selector !== null) return [];
  const labels = value.template?.metadata?.labels;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels) || Object.keys(labels).length === 0) {
    return ['spec.selector is required in apps/v1 and the template has no labels to build it from: add both by hand'];
  }
  const matchLabels = { ...labels };
  const pair = doc.createPair('selector', { matchLabels }, { aliasDuplicateObjects: false });
  (pair.key as Scalar).commentBefore = ' cdk8s-daemonsets migrate: the selector the old API version defaulted; immutable once applied';
  const template = spec.items.findIndex(p => isScalar(p.key) && p.key.value === 'template');
  spec.items.splice(template >= 0 ? template : 0, 0, pair);
  // A label named like a credential (`auth-token`) is masked, as check masks it.
  return [`added spec.selector.matchLabels ${shownValue(matchLabels)} from the template labels, `
    + 'the selector the old version defaulted. The selector is immutable: it must hold only stable labels '
    + '(never a version), and those labels must stay on the template'];
}

/** extensions/v1beta1 defaulted to OnDelete, apps/v1 to RollingUpdate: keep what the cluster did. */
function keepOnDelete(doc: Document, spec: YAMLMap, value: any): string[] {
  const strategy = spec.get('updateStrategy', true);
  const plain = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  if (plain.type !== undefined && plain.type !== null) return [];
  if (isMap(strategy)) strategy.set('type', 'OnDelete');
  else spec.set('updateStrategy', doc.createNode({ ...plain, type: 'OnDelete' }, { aliasDuplicateObjects: false }));
  return ['set spec.updateStrategy.type: OnDelete, the extensions/v1beta1 default, so pods are still replaced '
    + 'only when deleted by hand. apps/v1 defaults to RollingUpdate, which replaces them on every template '
    + 'change: recommended (updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}})'];
}

interface ArgList {
  readonly path: string;
  readonly args: YAMLSeq;
  /** The container's image, if it is a string. */
  readonly image?: string;
}

/** The args lists of the pod's containers, through aliases (an aliased list is edited where its anchor is). */
function containerArgs(doc: Document, spec: YAMLMap): ArgList[] {
  const template = deref(doc, spec.get('template', true));
  const pod = isMap(template) ? deref(doc, template.get('spec', true)) : undefined;
  if (!isMap(pod)) return [];
  return ['initContainers', 'containers'].flatMap(field => {
    const containers = deref(doc, pod.get(field, true));
    if (!isSeq(containers)) return [];
    return containers.items.flatMap((node, i) => {
      const c = deref(doc, node);
      const args = isMap(c) ? deref(doc, c.get('args', true)) : undefined;
      const image = isMap(c) ? c.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }).image : undefined;
      return isSeq(args) ? [{ path: `spec.template.spec.${field}[${i}].args`, args, image: typeof image === 'string' ? image : undefined }] : [];
    });
  });
}

/** Index pairs [flag, value] where a `--flag` element is followed by its value. */
function splitPairs(args: YAMLSeq): number[] {
  const text = args.items.map(item => (isScalar(item) && typeof item.value === 'string' ? item.value : undefined));
  const starts: number[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const [flag, value] = [text[i], text[i + 1]];
    if (flag !== undefined && value !== undefined && FLAG_ONLY.test(flag) && !value.startsWith('-')) {
      starts.push(i);
      i++;
    }
  }
  return starts;
}

function joinSplitArgs(args: YAMLSeq, path: string): string[] {
  const starts = splitPairs(args);
  if (starts.length === 0) return [];
  const joined: string[] = [];
  const quoted: string[] = [];
  for (const i of [...starts].reverse()) {
    const [flag, value] = [(args.items[i] as Scalar).value, (args.items[i + 1] as Scalar).value] as string[];
    if (/^(["']).*\1$/.test(value)) quoted.push(flag);
    joined.unshift(flag);
    args.items.splice(i, 2, new Scalar(`${flag}=${value}`));
  }
  // The notice names the flags only: the file shows the values, and a value is often a credential no
  // name gives away (a Slack webhook URL after `--webhook`) that the terminal and CI log must not keep.
  const notices = [`joined ${joined.length} split flag(s) in ${path}: ${joined.join(', ')}`];
  if (quoted.length > 0) {
    notices.push(`${path}: the value of ${quoted.reverse().join(', ')} is wrapped in quotes; no shell reads args, `
      + 'so the program receives the quotes as part of the value: remove them unless it expects them');
  }
  return notices;
}

function hintSplitArgs(args: YAMLSeq, path: string): string[] {
  const count = splitPairs(args).length;
  return count === 0 ? [] : [`${path} has ${count} flag(s) whose value is the next element; --join-args writes them as --flag=value`];
}

/**
 * Renames node-exporter's old flags when the container's image accepts the new names: a release
 * that has them, or an image of unknown version. An older release refuses the new names at
 * startup, so its flags stay and the notice says to update the image first.
 */
function renameFlags(args: YAMLSeq, path: string, image: string | undefined): string[] {
  const version = nodeExporterVersion(image);
  const present = new Set(args.items.map(item => (isScalar(item) && typeof item.value === 'string' ? item.value.split('=')[0] : undefined)));
  const renamed: string[] = [];
  let needs = [0, 0, 0];
  const tooOld: string[] = [];
  const both: string[] = [];
  args.items.forEach((item, i) => {
    if (!isScalar(item) || typeof item.value !== 'string') return;
    const [flag, ...rest] = item.value.split('=');
    const rename = RENAMED_FLAGS[flag];
    if (!rename) return;
    // A name the image's release already refuses (netdev's ignored-devices on 1.0.x) becomes the name that release knows.
    const refused = version !== undefined && rename.removed !== undefined && versionAtLeast(version, rename.removed);
    const interim = refused && !acceptsNewName(version, flag) ? oldNameFor(rename.to, version) : undefined;
    if (interim) {
      args.items[i] = new Scalar([interim, ...rest].join('='));
      renamed.push(`${flag} -> ${interim}`);
    } else if (!acceptsNewName(version, flag)) {
      tooOld.push(`${flag} (${rename.to} needs ${versionText(rename.since)})`);
    } else if (present.has(rename.to)) {
      both.push(`${flag} and ${rename.to}`);
    } else {
      args.items[i] = new Scalar([rename.to, ...rest].join('='));
      renamed.push(`${flag} -> ${rename.to}`);
      if (!acceptsNewName(needs, flag)) needs = rename.since;
    }
  });
  const notices: string[] = [];
  if (renamed.length > 0) {
    notices.push(`renamed node-exporter flag(s) in ${path}: ${renamed.join(', ')}`
      + (version ? '' : `. The image's version is unknown (${image === undefined ? 'no image' : redactText(image)}); the new names need node-exporter ${versionText(needs)} or later: check the image`));
  }
  if (tooOld.length > 0) {
    notices.push(`kept node-exporter flag(s) in ${path}: ${tooOld.join(', ')}: the image ${redactText(image!)} is node-exporter ${versionText(version!)}, `
      + 'too old for the new names, which it refuses at startup. Bump the image in the input (for example to '
      + `${redactText(imageRepository(image!))}:${CURRENT_NODE_EXPORTER}) and run migrate --rename-node-exporter-flags on it again`);
  }
  if (both.length > 0) {
    notices.push(`kept node-exporter flag(s) in ${path}: ${both.join(', ')} are both set, which node-exporter refuses ("mutually exclusive"): drop the old one`);
  }
  return notices;
}
