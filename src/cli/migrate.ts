import {
  Document, isAlias, isMap, isScalar, isSeq, Node, parseAllDocuments, Scalar, visit, YAMLMap, YAMLSeq,
} from 'yaml';
import { parseDocuments, SourceFile, UsageError } from './input';
import { imageRepository, versionAtLeast } from '../internal/image';
import {
  acceptsNewName, apiStatus, DEPRECATED_KEYS, deprecatedKey, kubernetesRelease, nodeExporterVersion, oldNameFor, redactText, RemovedApi,
  RENAMED_FLAGS, resolve, resourceName, shownValue, versionText,
} from '../validation/engine';

/** Options of `cdk8s-daemonsets migrate`: the rewrites that change what the program is told. */
export interface MigrateOptions {
  /** `--flag` followed by a value element becomes `--flag=value`. */
  readonly joinArgs?: boolean;
  /** node-exporter's `ignored-*` flags get their new names, in containers whose image is recent enough (or of unknown version). */
  readonly renameNodeExporterFlags?: boolean;
  /** The release to migrate for: what it removed or deprecated is rewritten, to what it serves. @default "1.27" */
  readonly kubernetesVersion?: string;
}

/** The migrated file, what the user should know about it, and how many objects changed. */
export interface MigrateResult {
  /** The output's bytes: untouched documents exactly as they came, BOM, line ends and all. */
  readonly bytes: Uint8Array;
  /** The output as UTF-8 text. */
  readonly yaml: string;
  readonly notices: string[];
  readonly migrated: number;
}

const TARGET = 'apps/v1';
const FLAG_ONLY = /^--[A-Za-z0-9][-.\w]*$/;
/** The node-exporter release `--rename-node-exporter-flags` suggests when the image is too old for the new names. */
const CURRENT_NODE_EXPORTER = 'v1.12.1';

/** The DaemonSet versions migrated to apps/v1 with the selector and defaults written out (apps/v1beta1 never served DaemonSets: only the apiVersion is wrong). */
const LEGACY_DAEMONSET_VERSIONS = ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'];

/**
 * Rewrites what the target release removed or deprecated: DaemonSets of old API versions to
 * apps/v1 (selector and old defaults written out), every kind whose successor differs only in
 * `apiVersion` (RBAC v1beta1 → v1, apps/v1beta2 workloads, PriorityClass, CronJob…), and the
 * `beta.kubernetes.io/os` and `arch` node label keys (the kubelet sets both). What needs a
 * decision (an Ingress, a CRD, a PodSecurityPolicy, the deprecated annotations) is left as it is,
 * with a notice. The file is cut where kubectl cuts it (lines starting with `---`); every part
 * without such an edit is copied byte for byte (a BOM, CRLF, bytes that are not UTF-8), so a
 * second run changes nothing. A migrated part is edited with every scalar kept as its source text
 * (timestamps, `10:30`, integers beyond 2^53, quoting and block styles); only the fields it
 * rewrites change. It keeps the part's line ends, and JSON stays JSON.
 */
export function migrateYaml(source: SourceFile, options: MigrateOptions = {}): MigrateResult {
  const release = kubernetesRelease(options.kubernetesVersion).version;
  const bytes = source.bytes ?? Buffer.from(source.text, 'utf8');
  const notices: string[] = [];
  const out: Uint8Array[] = [];
  let migrated = 0;
  // Every part is read first: one that does not parse is a UsageError before anything is written.
  let line = 0;
  for (const part of parts(bytes)) {
    const text = utf8(part);
    // Parsed below the part's lines in the file, so a syntax error names the file's line.
    const docs = parseDocuments({ name: source.name, text: '\n'.repeat(line) + (text ?? Buffer.from(part).toString('utf8')) });
    line += countLines(part);
    const targets = docs.flatMap((d, i) => objectsOf(d.value, release).map(t => ({ ...t, doc: i })));
    if (targets.length === 0) {
      out.push(part);
      continue;
    }
    if (text === undefined) throw new UsageError(`${source.name}: an object to migrate in a part that is not UTF-8; save the file as UTF-8 first`);
    const edited = migratePart(text!, targets, source.name, release, options);
    notices.push(...edited.notices);
    migrated += edited.changed;
    // A part with notices only (what needs a decision) stays as it came.
    out.push(edited.changed > 0 ? Buffer.from(edited.text, 'utf8') : part);
  }
  const all = Buffer.concat(out);
  return { bytes: all, yaml: all.toString('utf8'), notices, migrated };
}

/** The parts of a file as kubectl cuts it: each `---` line starts a part. */
function parts(bytes: Uint8Array): Uint8Array[] {
  const result: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i = bytes.indexOf(0x0a, i) + 1 || bytes.length) {
    if (i > start && bytes[i] === 0x2d && bytes[i + 1] === 0x2d && bytes[i + 2] === 0x2d) {
      result.push(bytes.subarray(start, i));
      start = i;
    }
  }
  result.push(bytes.subarray(start));
  return result.filter(p => p.length > 0);
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

interface Target {
  /** Index of the document in its part. */
  readonly doc: number;
  /** The DaemonSet's plain value (YAML 1.1, merges and aliases resolved). */
  readonly value: any;
  /** The index of the DaemonSet in the List's items, or undefined for the document itself. */
  readonly item?: number;
  readonly where?: string;
}

/**
 * Edits the objects of one part. The part is parsed again with the failsafe schema, where
 * every scalar is its source text, so what is not rewritten is written back as it was.
 */
function migratePart(
  text: string, targets: Array<Target>, file: string, release: string, options: MigrateOptions,
): { text: string; notices: string[]; changed: number } {
  const docs = parseAllDocuments(text, { schema: 'failsafe', keepSourceTokens: false });
  const json = /^\uFEFF?\s*[{[]/.test(text);
  const notices: string[] = [];
  let changed = 0;
  for (const target of targets) {
    const doc = docs[target.doc];
    const copies: string[] = [];
    const node = target.item === undefined ? doc.contents : listItem(doc, target.item, copies);
    if (!isMap(node)) continue;
    const name = resourceName(target.value) + (target.where ? ` (${target.where})` : '');
    const own = unshare(doc, node);
    const result = migrateObject(doc, node, target.value, release, options, json);
    if (result.changed) changed++;
    // Copies made for an edit are news only when the edit is kept.
    notices.push(...[...(result.changed ? [...copies, ...own] : []), ...result.notices].map(n => `${file}: ${name}: ${n}`));
  }
  const style = json ? undefined : sourceStyle(text);
  let yaml = docs.map(d => (json ? asJson(d) : d.toString(style))).join('');
  if (text.startsWith('\uFEFF')) yaml = `\uFEFF${yaml}`;
  if (text.includes('\r\n')) yaml = yaml.replace(/\r?\n/g, '\r\n');
  return { text: yaml, notices, changed };
}

/**
 * How the `yaml` package writes a migrated document back so its untouched lines keep their look:
 * flow collections without inner padding (`{app: a}`, as kubectl and most editors write them),
 * and block sequences at their key's indentation (`containers:\n- name: c`) when the source's
 * first block sequence under a key is written so.
 */
function sourceStyle(text: string): { lineWidth: number; flowCollectionPadding: boolean; indentSeq: boolean } {
  const first = /^( *)[^\s#-][^\n]*:[ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*( *)- /m.exec(text);
  return { lineWidth: 0, flowCollectionPadding: false, indentSeq: first === null || first[2].length > first[1].length };
}

/** The node of a List item, made an object of its own if it is an alias. */
function listItem(doc: Document, index: number, notices: string[]): Node | undefined {
  const items = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
  if (!isSeq(items)) return undefined;
  const item = items.items[index];
  if (isAlias(item)) {
    items.items[index] = (item.resolve(doc) as Node).clone() as Node;
    notices.push(`items[${index}] was the alias *${item.source}: it is now a copy of its own, so the edit does not reach the anchor`);
  }
  return items.items[index] as Node;
}

/**
 * Makes sure no edit reaches another object through an anchor: every alias inside the
 * DaemonSet becomes a copy of what it names, and every alias elsewhere in the document that
 * names an anchor inside the DaemonSet becomes a copy too (taken before any edit).
 */
function unshare(doc: Document, ds: Node): string[] {
  const notices: string[] = [];
  const inside = new Set<Node>();
  visit(ds, { Node: (_k, n) => { inside.add(n as Node); } });
  visit(doc, {
    Alias: (_k, alias) => {
      const target = alias.resolve(doc) as Node | undefined;
      if (target === undefined) return undefined;
      if (inside.has(alias)) {
        notices.push(`the alias *${alias.source} inside it is now a copy of what it names, so the edit does not reach the anchor`);
        return target.clone() as Node;
      }
      if (inside.has(target)) {
        notices.push(`the alias *${alias.source} outside it named a part of it: that alias is now a copy, so the edit does not reach it`);
        return target.clone() as Node;
      }
      return undefined;
    },
  });
  return notices;
}

/** A document of JSON input written back as JSON: flow style, every key and new string double-quoted. */
function asJson(doc: Document): string {
  visit(doc, { Map: (_k, n) => { n.flow = true; }, Seq: (_k, n) => { n.flow = true; } });
  const yaml = doc.toString({ lineWidth: 0, defaultKeyType: 'QUOTE_DOUBLE', defaultStringType: 'QUOTE_DOUBLE' });
  return yaml;
}

function isObject(value: any): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.kind === 'string';
}

/**
 * Whether `migrate` may have to do or say something about one object: a legacy DaemonSet, an API
 * the release removed or deprecated, a deprecated node label or annotation in the pod template.
 * A false yes costs a parse: a part that ends up unchanged is copied as it came.
 */
function concerns(value: any, release: string): boolean {
  if (!isObject(value)) return false;
  if (value.kind === 'DaemonSet' && LEGACY_DAEMONSET_VERSIONS.includes(String(value.apiVersion))) return true;
  if (apiStatus(String(value.apiVersion), value.kind, release).status !== 'unlisted') return true;
  const template = JSON.stringify(value.spec?.template ?? {});
  return DEPRECATED_KEYS.some(d => template.includes(JSON.stringify(d.key)));
}

/**
 * The objects to look at in one document: the document itself, or the items of a list (any
 * kind with an `items` array is a list to kubectl), with where they are.
 */
function objectsOf(value: any, release: string): Array<Omit<Target, 'doc'>> {
  if (concerns(value, release)) return [{ value }];
  if (value === null || typeof value !== 'object' || !Array.isArray(value.items)) return [];
  return (value.items as unknown[]).flatMap((item, i) => (concerns(item, release) ? [{ value: item, item: i, where: `${value.kind} items[${i}]` }] : []));
}

/** A plain value with every scalar as its text: the failsafe schema the edits are made in has only strings. */
function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
  return value === null || value === undefined ? '' : String(value);
}

/** What migrating one object did. */
interface ObjectMigration {
  readonly changed: boolean;
  readonly notices: string[];
}

function migrateObject(doc: Document, node: YAMLMap, value: any, release: string, options: MigrateOptions, json: boolean): ObjectMigration {
  const notices: string[] = [];
  let changed = false;
  const { status, api } = apiStatus(String(value.apiVersion), value.kind, release);
  if (value.kind === 'DaemonSet' && LEGACY_DAEMONSET_VERSIONS.includes(String(value.apiVersion))) {
    notices.push(...migrateDaemonSet(doc, node, value, options, json));
    changed = true;
  } else if (status !== 'unlisted') {
    const moved = migrateApiVersion(node, api!, release);
    notices.push(...moved.notices);
    changed = moved.changed;
  }
  const labels = renameNodeLabels(doc, node);
  notices.push(...labels.notices, ...deprecatedAnnotations(value));
  return { changed: changed || labels.changed, notices };
}

/** A removed or deprecated kind whose successor differs only in `apiVersion` gets it; anything else is a notice of what to do by hand. */
function migrateApiVersion(node: YAMLMap, api: RemovedApi, release: string): ObjectMigration {
  const from = `${api.group ? `${api.group}/` : ''}${api.version}`;
  const resolution = resolve(api, release);
  if (resolution.apiVersion !== undefined && resolution.migration === 'apiVersion') {
    node.set('apiVersion', resolution.apiVersion);
    return { changed: true, notices: [`apiVersion ${from} -> ${resolution.apiVersion}`, ...resolution.notes] };
  }
  const why = resolution.apiVersion === undefined
    ? `${from} ${api.kind} has no successor API (removed in ${api.removedIn}): ${resolution.notes[resolution.notes.length - 1] ?? 'remove it'}`
    : `${from} ${api.kind} -> ${resolution.apiVersion} needs more than the apiVersion (removed in ${api.removedIn}): ${resolution.changes.join('; ')}`;
  return { changed: false, notices: [`left as it is: ${why}`, ...(resolution.apiVersion !== undefined ? resolution.notes : [])] };
}

/** The node label keys `migrate` renames: the kubelet has set both names on every node since 1.14. */
const RENAMED_NODE_LABELS = new Map(DEPRECATED_KEYS
  .filter(d => d.place === 'node-label' && d.replacement !== undefined && /kubelet sets both/.test(d.rewrite ?? ''))
  .map(d => [d.key, d.replacement!]));

/**
 * Renames `beta.kubernetes.io/os` and `arch` in the pod template's nodeSelector, node affinity
 * and topology spread constraints; other deprecated node labels get a notice (not every node has
 * their successors).
 */
function renameNodeLabels(doc: Document, node: YAMLMap): ObjectMigration {
  const spec = deref(doc, node.get('spec', true));
  const template = isMap(spec) ? deref(doc, spec.get('template', true)) : undefined;
  const pod = isMap(template) ? deref(doc, template.get('spec', true)) : undefined;
  if (!isMap(pod)) return { changed: false, notices: [] };
  const renamed: string[] = [];
  const kept: string[] = [];
  const P = 'spec.template.spec';
  const renameKey = (key: unknown, path: string, rename: (to: string) => void) => {
    if (typeof key !== 'string' || deprecatedKey(key, 'node-label') === undefined) return;
    const to = RENAMED_NODE_LABELS.get(key);
    if (to === undefined) {
      kept.push(`${path}: ${key} (${deprecatedKey(key, 'node-label')!.message})`);
      return;
    }
    rename(to);
    renamed.push(`${path}: ${key} -> ${to}`);
  };
  const selector = deref(doc, pod.get('nodeSelector', true));
  if (isMap(selector)) {
    for (const pair of [...selector.items]) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      renameKey(key, `${P}.nodeSelector`, to => {
        // Both keys set: the old one goes, the value of the new one stays.
        if (selector.has(to)) selector.delete(key);
        else (pair.key as Scalar).value = to;
      });
    }
  }
  const mapItems = (seq: unknown): YAMLMap[] => {
    const s = deref(doc, seq);
    return isSeq(s) ? s.items.map(i => deref(doc, i)).filter((i): i is YAMLMap => isMap(i)) : [];
  };
  const affinity = deref(doc, pod.get('affinity', true));
  const nodeAffinity = isMap(affinity) ? deref(doc, affinity.get('nodeAffinity', true)) : undefined;
  if (isMap(nodeAffinity)) {
    const required = deref(doc, nodeAffinity.get('requiredDuringSchedulingIgnoredDuringExecution', true));
    const terms = [
      ...mapItems(isMap(required) ? required.get('nodeSelectorTerms', true) : undefined),
      ...mapItems(nodeAffinity.get('preferredDuringSchedulingIgnoredDuringExecution', true)).map(p => deref(doc, p.get('preference', true))).filter((t): t is YAMLMap => isMap(t)),
    ];
    for (const term of terms) {
      for (const e of mapItems(term.get('matchExpressions', true))) renameKey(e.get('key'), `${P}.affinity.nodeAffinity`, to => e.set('key', to));
    }
  }
  for (const c of mapItems(pod.get('topologySpreadConstraints', true))) {
    renameKey(c.get('topologyKey'), `${P}.topologySpreadConstraints`, to => c.set('topologyKey', to));
  }
  const notices = renamed.length > 0 ? [`renamed deprecated node label key(s), which the kubelet sets next to the new ones: ${renamed.join(', ')}`] : [];
  if (kept.length > 0) notices.push(`left as it is: ${kept.join(', ')}: check that every node has the new label first`);
  return { changed: renamed.length > 0, notices };
}

/** The deprecated pod template annotations: each needs a field set by hand. */
function deprecatedAnnotations(value: any): string[] {
  const annotations = value?.spec?.template?.metadata?.annotations;
  if (annotations === null || typeof annotations !== 'object') return [];
  return Object.keys(annotations).flatMap(key => {
    const d = deprecatedKey(key, 'pod-annotation');
    return d ? [`left as it is: spec.template.metadata.annotations[${key}]: ${d.message}${d.rewrite ? ` (by hand: ${d.rewrite})` : ''}`] : [];
  });
}

/** The node itself, or what an alias names. */
function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/**
 * Edits one DaemonSet in place (comments survive) and returns the notices for the user.
 * Decisions read the DaemonSet's plain value (`value`: YAML 1.1, merge keys and aliases
 * resolved); edits write into the failsafe node tree.
 */
function migrateDaemonSet(doc: Document, ds: YAMLMap, value: any, options: MigrateOptions, json: boolean): string[] {
  const from = String(value.apiVersion);
  ds.set('apiVersion', TARGET);
  const notices = [`apiVersion ${from} -> ${TARGET}`];
  let spec = ds.get('spec', true) as Node | undefined;
  if (value.spec === null || typeof value.spec !== 'object' || Array.isArray(value.spec)) return [...notices, 'no spec to migrate'];
  if (!isMap(spec)) {
    spec = doc.createNode(asText(value.spec), { aliasDuplicateObjects: false }) as YAMLMap;
    ds.set('spec', spec);
  }
  notices.push(...addSelector(doc, spec as YAMLMap, value.spec, json));
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
function addSelector(doc: Document, spec: YAMLMap, value: any, json: boolean): string[] {
  if (value.selector !== undefined && value.selector !== null) return [];
  const labels = value.template?.metadata?.labels;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels) || Object.keys(labels).length === 0) {
    return ['spec.selector is required in apps/v1 and the template has no labels to build it from: add both by hand'];
  }
  const matchLabels = { ...labels };
  // The template's own label nodes when it has them, so the values keep their text.
  const template = deref(doc, spec.get('template', true));
  const metadata = isMap(template) ? deref(doc, template.get('metadata', true)) : undefined;
  const labelNode = isMap(metadata) ? deref(doc, metadata.get('labels', true)) : undefined;
  const pair = doc.createPair('selector', { matchLabels: isMap(labelNode) && !labelNode.items.some(p => isAlias(p.value) || (isScalar(p.key) && p.key.value === '<<')) ? labelNode.clone() : asText(matchLabels) }, { aliasDuplicateObjects: false });
  // JSON has no comments: kubectl and jq must still read the output.
  if (!json) (pair.key as Scalar).commentBefore = ' cdk8s-daemonsets migrate: the selector the old API version defaulted; immutable once applied';
  const at = spec.items.findIndex(p => isScalar(p.key) && p.key.value === 'template');
  spec.items.splice(at >= 0 ? at : 0, 0, pair);
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
  else spec.set('updateStrategy', doc.createNode(asText({ ...plain, type: 'OnDelete' }), { aliasDuplicateObjects: false }));
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
      const image = isMap(c) ? c.get('image') : undefined;
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
