import { parseAllDocuments } from 'yaml';
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
    const ctx = contextFor(manifest, options);
    if (checkShape(ctx, manifest)) checkManifest(ctx, manifest);
    return filter(ctx.findings, options);
  }

  /**
   * Validate a set of objects together (an App's output, or every document of a YAML file):
   * each object as `validate()` does, plus the checks across objects: the DaemonSet pod's Pod
   * Security level against its Namespace's `pod-security.kubernetes.io/enforce` label, and
   * references to ServiceAccounts, ConfigMaps and Secrets missing from the set.
   *
   * @param manifests the parsed objects
   * @param options suppressions and host-access opt-in
   * @returns the findings of every object, in object order
   */
  public static validateAll(manifests: Array<{ [key: string]: any }>, options: ValidationOptions = {}): ValidationFinding[] {
    const contexts = new Map<any, Ctx>();
    const ctxOf = (m: any) => {
      let ctx = contexts.get(m);
      if (!ctx) { ctx = contextFor(m, options); contexts.set(m, ctx); }
      return ctx;
    };
    const list = Array.isArray(manifests) ? manifests : [manifests];
    const valid = list.filter(m => {
      const ctx = ctxOf(m);
      if (!checkShape(ctx, m)) return false;
      checkManifest(ctx, m);
      return true;
    });
    checkCrossObject(ctxOf, valid);
    return filter(list.flatMap(m => ctxOf(m).findings), options);
  }

  /**
   * Validate multi-document YAML text, as `validateAll()` does. Parsed as YAML 1.1, like kubectl
   * and cdk8s (`yes`, `on` and `0644` mean what they mean there); empty documents are skipped.
   *
   * @param yaml one or more YAML documents separated by `---`
   * @param options suppressions and host-access opt-in
   * @returns the findings; a document that does not parse, or holds a mapping with a duplicate key,
   * gives one `error` finding per problem (rule `yaml-parse`, with line and column) and is not validated further
   */
  public static validateYaml(yaml: string, options: ValidationOptions = {}): ValidationFinding[] {
    const parseErrors: ValidationFinding[] = [];
    const docs: any[] = [];
    Array.from(parseAllDocuments(String(yaml), { version: '1.1', uniqueKeys: true, prettyErrors: true })).forEach((doc, i) => {
      if (doc.errors.length > 0) {
        const ctx = new Ctx(RULES_BY_ID, `YAML document ${i + 1}`, options);
        for (const e of doc.errors) ctx.report('yaml-parse', '', `the YAML does not parse: ${e.message.split('\n')[0].replace(/:$/, '')}`);
        parseErrors.push(...ctx.findings);
        return;
      }
      const manifest = doc.toJS({ maxAliasCount: 1000 });
      if (manifest !== null && manifest !== undefined) docs.push(manifest);
    });
    return [...parseErrors, ...(docs.length > 0 ? DaemonSetValidator.validateAll(docs, options) : [])];
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

function contextFor(manifest: any, options: ValidationOptions): Ctx {
  return new Ctx(RULES_BY_ID, resourceName(manifest), options);
}

function checkShape(ctx: Ctx, manifest: any): boolean {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    ctx.report('manifest-shape', '', 'a manifest must be an object');
    return false;
  }
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
