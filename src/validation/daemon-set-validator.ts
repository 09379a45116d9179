import type { Document } from 'yaml';
import { readDocuments } from './documents';
import { ValidationFinding, ValidationOptions, ValidationRule, ValidationSeverity } from './finding';
import { ALL_RULES, checkManifest, RULES_BY_ID } from './rules';
import { Ctx, resourceName } from './rules/context';
import { checkCrossObject } from './rules/pod-security';

/**
 * Checks Kubernetes manifests the way kube-apiserver would, plus known DaemonSet faults.
 *
 * Errors are what the API server rejects, at the field paths its messages name (quirks
 * included); warnings are accepted by the API server but known to break or weaken the daemon.
 * Every rule is listed by `rules()` and in docs/rules.md.
 *
 * @see https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/apps/validation/validation.go
 */
export class DaemonSetValidator {
  /**
   * Validate one manifest object (the JSON form of one Kubernetes object). DaemonSets get every
   * rule; other kinds get the metadata rules and the warnings for their kind (RBAC, Service,
   * ConfigMap). Never throws on malformed input: a non-object is an `error` finding.
   *
   * @param manifest the parsed object, e.g. `ApiObject.toJson()` or one YAML document
   * @param options suppressions and host-access opt-in
   * @returns every finding, errors and warnings; empty when the object is valid
   */
  public static validate(manifest: { [key: string]: any }, options: ValidationOptions = {}): ValidationFinding[] {
    return DaemonSetValidator._validateEach([manifest], options, ['manifest'], false).findings.flat();
  }

  /**
   * Validate a set of objects together (an App's output, or every document of a YAML file):
   * each object as `validate()` does, plus the checks across objects: the DaemonSet pod's Pod
   * Security level against its Namespace's `pod-security.kubernetes.io/enforce` label, and
   * references to ServiceAccounts, ConfigMaps and Secrets missing from the set, and the same
   * object twice (`duplicate-object`). A `kind: List` (or a typed list such as `DaemonSetList`,
   * as `kubectl get -o yaml` writes it) stands for its `items`: each is validated as an object,
   * named `Kind ns/name (List items[i])`.
   *
   * @param manifests the parsed objects
   * @param options suppressions and host-access opt-in
   * @returns the findings of every object, in object order
   */
  public static validateAll(manifests: Array<{ [key: string]: any }>, options: ValidationOptions = {}): ValidationFinding[] {
    return DaemonSetValidator._validateEach(manifests, options).findings.flat();
  }

  /**
   * `validateAll()`, with the findings grouped by input manifest (a List's items count for the
   * List), so the CLI can tell which file each finding came from, and the number of objects
   * checked (a List counts as its items).
   *
   * @param labels what to call each input that is not an object (`YAML document 3`); default `manifest N`
   * @param crossObject whether to run the checks across objects (`validate()` does not)
   * @internal
   */
  public static _validateEach(
    manifests: Array<{ [key: string]: any }>, options: ValidationOptions = {}, labels: string[] = [], crossObject = true,
  ): { findings: ValidationFinding[][]; objects: number } {
    const inputs = Array.isArray(manifests) ? manifests : [manifests];
    const walk: Walk = { objects: [], count: 0, options };
    const perInput = inputs.map((m, i) => {
      const contexts: Ctx[] = [];
      expand(walk, m, labels[i] ?? `manifest ${i + 1}`, undefined, contexts);
      return contexts;
    });
    if (crossObject) checkCrossObject(walk.objects);
    return { findings: perInput.map(contexts => filter(contexts.flatMap(c => c.findings), options)), objects: walk.count };
  }

  /**
   * Validate multi-document YAML text, as `validateAll()` does, read as `kubectl apply -f` reads it.
   *
   * YAML 1.1 scalars are typed as go-yaml types them (`yes` and `on` are booleans, `0644` is
   * 420, dates and `10:30` stay strings), the last of duplicate keys wins, merge keys (`<<`)
   * apply in document order, and any object with `items` is a list of its items. Empty
   * documents are skipped.
   *
   * @param yaml one or more YAML documents separated by `---`, or a stream of JSON objects
   * @param options suppressions and host-access opt-in
   * @returns the findings; where kubectl would refuse the text (a syntax error, an alias bomb, a
   * document that is no object), one `error` finding (rule `yaml-parse`, naming the line) and nothing else
   */
  public static validateYaml(yaml: string, options: ValidationOptions = {}): ValidationFinding[] {
    const docs: any[] = [];
    const labels: string[] = [];
    for (const d of readDocuments({ name: 'YAML', text: String(yaml) })) {
      if (d.error !== undefined) {
        const ctx = new Ctx(RULES_BY_ID, d.label, options);
        ctx.report('yaml-parse', '', `line ${d.errorLine}: ${d.error}`);
        return ctx.findings;
      }
      if (d.value !== null && d.value !== undefined) {
        docs.push(d.value);
        labels.push(d.label);
      }
    }
    return docs.length > 0 ? DaemonSetValidator._validateEach(docs, options, labels).findings.flat() : [];
  }

  /**
   * The plain value of a parsed YAML document, aliases and merge keys resolved, or why it has
   * none: an alias bomb (more than 1000 alias expansions), or a merge key (`<<`) whose source is
   * no map. The `yaml` package throws for both; this never does.
   *
   * @internal
   */
  public static _documentValue(doc: Document): { value?: unknown; error?: string } {
    try {
      return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
    } catch (e) {
      return { error: aliasError(e) };
    }
  }

  /**
   * Every rule the validator applies, in docs/rules.md order.
   */
  public static rules(): ValidationRule[] {
    return ALL_RULES.map(r => ({ ...r, linterIds: [...r.linterIds] }));
  }

  /**
   * Whether a list of findings holds an error.
   */
  public static hasErrors(findings: ValidationFinding[]): boolean {
    return findings.some(f => f.severity === ValidationSeverity.ERROR);
  }

  private constructor() {}
}

/** At most this many alias expansions per document: an alias bomb is refused. */
const MAX_ALIAS_COUNT = 1000;

/** Why `toJS()` refused a document: an alias bomb, or a merge of something that is not a map. */
function aliasError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/Excessive alias count/.test(message)) return `too many alias expansions (more than ${MAX_ALIAS_COUNT}; an alias bomb?)`;
  return message.split('\n')[0];
}

/**
 * Any object with `items` is a list to apimachinery, whatever its kind (`List`, `DaemonSetList`
 * as `kubectl get -o yaml` writes it, or a DaemonSet that carries `items` by mistake): kubectl
 * applies each of the items and drops the object, so the items are validated as objects of
 * their own (`items: null` is an empty list; `items` that are no list are refused).
 */
function isList(manifest: any): boolean {
  return Object.prototype.hasOwnProperty.call(manifest, 'items');
}

/** The state of one `_validateEach` call: the objects for the cross-object checks, and how many were seen. */
interface Walk {
  readonly objects: Array<{ readonly manifest: any; readonly ctx: Ctx }>;
  count: number;
  readonly options: ValidationOptions;
}

/**
 * Validates one input: an object, a List (each of its items, named `Kind ns/name (List items[i])`),
 * or a non-object (one finding at `(document)`, named by `label`). `via` names the List an item came from.
 */
function expand(walk: Walk, manifest: any, label: string, via: string | undefined, contexts: Ctx[]): void {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    const ctx = new Ctx(RULES_BY_ID, label, walk.options);
    ctx.invalid('manifest-shape', '(document)', manifest, 'a manifest must be an object');
    contexts.push(ctx);
    walk.count++;
    return;
  }
  const name = resourceName(manifest);
  const ctx = new Ctx(RULES_BY_ID, via ? `${name} (${via})` : name, walk.options);
  contexts.push(ctx);
  if (isList(manifest)) {
    checkListShape(ctx, manifest);
    const listName = via ? `${via} ${name}` : name;
    (Array.isArray(manifest.items) ? manifest.items : []).forEach((item: unknown, i: number) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        ctx.invalid('manifest-shape', `items[${i}]`, item, 'a List item must be an object');
      } else {
        expand(walk, item, label, `${listName} items[${i}]`, contexts);
      }
    });
    return;
  }
  walk.count++;
  if (!checkShape(ctx, manifest)) return;
  checkManifest(ctx, manifest);
  walk.objects.push({ manifest, ctx });
}

function checkListShape(ctx: Ctx, list: any): void {
  if (typeof list.apiVersion !== 'string' || list.apiVersion === '') ctx.required('manifest-shape', 'apiVersion');
  if (list.items !== undefined && list.items !== null && !Array.isArray(list.items)) {
    ctx.invalid('manifest-shape', 'items', list.items, 'must be a list of objects');
  }
}

function checkShape(ctx: Ctx, manifest: any): boolean {
  let ok = true;
  for (const f of ['apiVersion', 'kind']) {
    if (typeof manifest[f] !== 'string' || manifest[f] === '') {
      ctx.required('manifest-shape', f);
      ok = false;
    }
  }
  for (const f of ['metadata', 'spec']) {
    if (manifest[f] !== undefined && (manifest[f] === null || typeof manifest[f] !== 'object' || Array.isArray(manifest[f]))) {
      ctx.invalid('manifest-shape', f, manifest[f], 'must be an object');
      ok = false;
    }
  }
  return ok;
}

function filter(findings: ValidationFinding[], options: ValidationOptions): ValidationFinding[] {
  const suppressed = new Set(options.suppress ?? []);
  return suppressed.size === 0 ? findings : findings.filter(f => f.severity === ValidationSeverity.ERROR || !suppressed.has(f.rule));
}
