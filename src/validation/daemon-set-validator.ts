import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Yaml } from 'cdk8s';
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
   * Validate multi-document YAML text, as `validateAll()` does. Parsed with cdk8s's own YAML
   * loader (YAML 1.1, like kubectl), so the library needs no YAML dependency of its own.
   *
   * @param yaml one or more YAML documents separated by `---`
   * @param options suppressions and host-access opt-in
   * @returns the findings; a document that does not parse is one `error` finding (rule `manifest-shape`)
   */
  public static validateYaml(yaml: string, options: ValidationOptions = {}): ValidationFinding[] {
    let docs: any[];
    const dir = mkdtempSync(join(tmpdir(), 'cdk8s-daemonsets-'));
    try {
      const file = join(dir, 'manifest.yaml');
      writeFileSync(file, yaml);
      docs = Yaml.load(file);
    } catch (e) {
      const ctx = new Ctx(RULES_BY_ID, 'YAML', options);
      ctx.report('manifest-shape', '', `the YAML does not parse: ${(e as Error).message.split('\n')[0]}`);
      return ctx.findings;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return DaemonSetValidator.validateAll(docs, options);
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
