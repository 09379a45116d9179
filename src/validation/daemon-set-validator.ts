import { readDocuments } from './documents';
import { ValidationFinding, ValidationOptions, ValidationRule, ValidationSeverity } from './finding';
import { isList } from './kubectl-reading';
import { kubernetesRelease } from './kubernetes-version';
import { ALL_RULES, checkManifest, RULES_BY_ID } from './rules';
import { Ctx, resourceName } from './rules/context';
import { hostAccessMessage } from './rules/host';
import { checkCrossObject, CheckedObject } from './rules/pod-security';
import { Rule } from './rules/rule';
import { checkListShape, checkManifestShape, reportNotAnObject, YAML_PARSE } from './rules/types';
import { PlainDataProblem, plainDataProblem } from '../internal/plain-data';
import { redactText, typeOnly } from '../internal/redact';
import { meantName } from '../internal/spelling';

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
   * ConfigMap). Never throws on malformed input: a non-object, a value JSON cannot carry (a
   * BigInt, a Symbol, a function, a hole in a list, a cycle, nesting past 64 levels), or an object
   * that throws when read (a getter, a Proxy) is an `error` finding (`manifest-shape`).
   *
   * @param manifest the parsed object, e.g. `ApiObject.toJson()` or one YAML document
   * @param options suppressions, host-access opt-in and the Kubernetes release (`null` means none)
   * @throws Error when `options.kubernetesVersion` is not a supported release (1.27 to 1.37): a caller mistake, not a finding
   * @returns every finding, errors and warnings; empty when the object is valid
   */
  public static validate(manifest: { [key: string]: any }, options: ValidationOptions = {}): ValidationFinding[] {
    // `?? {}`: a JavaScript caller's null means no options, as undefined does.
    return validateInputs([{ manifest, label: 'manifest', options: options ?? {}, fromJavaScript: true }], { crossObject: false }).findings.flat();
  }

  /**
   * Validate a set of objects together (an App's output, or every document of a YAML file):
   * each object as `validate()` does, plus the checks across objects: the DaemonSet pod's Pod
   * Security level against its Namespace's `pod-security.kubernetes.io/enforce` label, and
   * references to ServiceAccounts, ConfigMaps and Secrets missing from the set, and the same
   * object twice (`duplicate-object`). A `kind: List` (or a typed list such as `DaemonSetList`,
   * as `kubectl get -o yaml` writes it) stands for its `items`: each is validated as an object,
   * named `Kind ns/name (List items[i])`. Never throws, as `validate()`.
   *
   * @param manifests the parsed objects
   * @param options suppressions, host-access opt-in and the Kubernetes release (`null` means none)
   * @throws Error when `options.kubernetesVersion` is not a supported release (1.27 to 1.37): a caller mistake, not a finding
   * @returns the findings of every object, in object order
   */
  public static validateAll(manifests: Array<{ [key: string]: any }>, options: ValidationOptions = {}): ValidationFinding[] {
    const all = Array.isArray(manifests) ? manifests : [manifests];
    return validateInputs(all.map((manifest, i) => ({ manifest, label: `manifest ${i + 1}`, options: options ?? {}, fromJavaScript: true }))).findings.flat();
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
   * @param options suppressions, host-access opt-in and the Kubernetes release (`null` means none)
   * @throws Error when `options.kubernetesVersion` is not a supported release (1.27 to 1.37): a caller mistake, not a finding
   * @returns the findings; where kubectl would refuse the text (a syntax error, an alias bomb, a
   * document that is no object), one `error` finding (rule `yaml-parse`, naming the line) and nothing else
   */
  public static validateYaml(yaml: string, options: ValidationOptions = {}): ValidationFinding[] {
    const given = options ?? {};
    kubernetesRelease(given.kubernetesVersion);
    const inputs: ValidationInput[] = [];
    for (const { label, value, error, errorLine } of readDocuments({ name: 'YAML', text: String(yaml) })) {
      // kubectl applies nothing from a text it refuses: the refusal is the one finding.
      if (error !== undefined) return [refusalFinding(label, `line ${errorLine}: ${error}`)];
      if (value !== null && value !== undefined) inputs.push({ manifest: value, label, options: given });
    }
    return inputs.length > 0 ? validateInputs(inputs).findings.flat() : [];
  }

  /**
   * Every rule the validator applies, in docs/rules.md order.
   */
  public static rules(): ValidationRule[] {
    return ALL_RULES.map(r => ({
      id: r.id,
      severity: r.severity,
      area: r.area,
      summary: r.summary,
      fix: r.fix,
      source: r.source,
      linterIds: [...r.linterIds],
      hostAccess: r.hostAccess,
      rolloutFailure: r.rolloutFailure,
    }));
  }

  /**
   * Whether a list of findings holds an error.
   */
  public static hasErrors(findings: ValidationFinding[]): boolean {
    return findings.some(f => f.severity === ValidationSeverity.ERROR);
  }

  private constructor() {}
}

/** The rule of an id users write (`suppress`, `acknowledgedWarnings`, the suppress context key), if there is one. */
export function findRule(id: string): Rule | undefined {
  return RULES_BY_ID.get(id);
}

/** The rule id a misspelled one most likely means (`env-refernce-missing` → `env-reference-missing`), if one is that close. */
export function meantRuleId(id: string): string | undefined {
  return meantName(id, [...RULES_BY_ID.keys()]);
}

export { CheckedObject };

/** One input of a validation run: a manifest (or a List of them), what to call it, and the caller's options for it. */
export interface ValidationInput {
  /** The parsed object; anything else is a `manifest-shape` error. */
  readonly manifest: unknown;
  /** What findings call an input that is no object (`YAML document 3`). */
  readonly label: string;
  /** Suppressions and host-access opt-in for this input's findings. */
  readonly options?: ValidationOptions;
  /**
   * The object only gives the checks across objects something to refer to (a Namespace, a
   * Secret, a DaemonSet of the App made outside the library): its own rules do not run, and of
   * the checks across objects only `host-port-conflict` reports on it (a host port is taken
   * whoever binds it).
   */
  readonly contextOnly?: boolean;
  /**
   * The object comes from a caller's code, not from YAML or `toJson()`: it may hold what JSON
   * cannot carry (a BigInt, a Symbol, a hole, a cycle), which is reported instead of checked.
   */
  readonly fromJavaScript?: boolean;
}

/** A check over some inputs' objects together, run after the rules of each (a construct's own invariants). */
export interface ValidationGroup {
  /** Indexes into the inputs. */
  readonly inputs: readonly number[];
  readonly check: (objects: readonly CheckedObject[]) => void;
}

/** How `validateInputs` runs. */
export interface ValidationRunOptions {
  /** Whether to run the checks across objects (`validate()` does not); default true. */
  readonly crossObject?: boolean;
  /** Checks over groups of inputs, after everything else. */
  readonly groups?: readonly ValidationGroup[];
}

/** The findings of each input, in input order (a List's items count for the List), and how many objects were checked. */
export interface ValidationRun {
  readonly findings: ValidationFinding[][];
  readonly objects: number;
}

/**
 * The one validation pass every entry point runs (the validator's methods, the synth hook, the
 * CLI, the cdk8s-cli plugin): each input's rules, then the checks across all of them (unless
 * `crossObject` is false), then `groups`; suppressions are applied per input.
 */
export function validateInputs(inputs: readonly ValidationInput[], run: ValidationRunOptions = {}): ValidationRun {
  // An unsupported kubernetesVersion throws before anything is checked.
  for (const input of inputs) kubernetesRelease(input.options?.kubernetesVersion);
  const walk: Walk = { objects: [], count: 0 };
  const perInput = inputs.map(input => {
    const contexts: Ctx[] = [];
    const objects: CheckedObject[] = [];
    // Never throws (as documented): an object that cannot be read is a finding, and the others are still checked.
    try {
      const problem = input.fromJavaScript ? plainDataProblem(input.manifest) : undefined;
      if (problem) contexts.push(notJsonFinding(input, problem));
      else expand(walk, input, input.manifest, undefined, contexts, objects);
    } catch (e) {
      contexts.push(unreadableFinding(input, e));
    }
    return { contexts, objects };
  });
  if (run.crossObject ?? true) checkCrossObject(walk.objects);
  for (const group of run.groups ?? []) group.check(group.inputs.flatMap(i => perInput[i].objects));
  return {
    findings: perInput.map(({ contexts }, i) => suppress(contexts.flatMap(c => c.findings), inputs[i].options)),
    objects: walk.count,
  };
}

/** An input holding what JSON cannot carry: named by the input's label (its name may be what is wrong), at the value's path. */
function notJsonFinding(input: ValidationInput, problem: PlainDataProblem): Ctx {
  const ctx = new Ctx(input.label, input.options ?? {});
  reportNotAnObject(ctx, typeOnly(problem.value), problem.path || '(document)', problem.reason);
  return ctx;
}

/** An input that threw while it was read (a getter, a Proxy): one finding, the error's message with any credential in it masked. */
function unreadableFinding(input: ValidationInput, e: unknown): Ctx {
  const ctx = new Ctx(input.label, input.options ?? {});
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  reportNotAnObject(ctx, typeOnly(input.manifest), '(document)', `could not be read (${redactText(message.split('\n')[0])})`);
  return ctx;
}

/**
 * The `yaml-parse` error of a text kubectl refuses to read: the reader's reason, which names
 * the line, as it is (`the YAML does not parse: …` for a syntax error, `bytes that are not UTF-8…`).
 */
export function refusalFinding(label: string, reason: string): ValidationFinding {
  const ctx = new Ctx(label, {});
  ctx.report(YAML_PARSE, '', reason);
  return ctx.findings[0];
}

/** The state of one run: the objects for the cross-object checks, and how many were seen. */
interface Walk {
  readonly objects: CheckedObject[];
  count: number;
}

/**
 * Validates one input: an object, a List (each of its items, named `Kind ns/name (List items[i])`),
 * or a non-object (one finding at `(document)`, named by the input's label). `via` names the List an item came from.
 */
function expand(walk: Walk, input: ValidationInput, manifest: any, via: string | undefined, contexts: Ctx[], objects: CheckedObject[]): void {
  const options = input.options ?? {};
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    const ctx = new Ctx(input.label, options);
    reportNotAnObject(ctx, manifest, '(document)', 'a manifest must be an object');
    contexts.push(ctx);
    walk.count++;
    return;
  }
  const name = resourceName(manifest);
  const ctx = new Ctx(via ? `${name} (${via})` : name, options);
  if (isList(manifest)) {
    contexts.push(ctx);
    checkListShape(ctx, manifest);
    const listName = via ? `${via} ${name}` : name;
    (Array.isArray(manifest.items) ? manifest.items : []).forEach((item: unknown, i: number) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) reportNotAnObject(ctx, item, `items[${i}]`, 'a List item must be an object');
      else expand(walk, input, item, `${listName} items[${i}]`, contexts, objects);
    });
    return;
  }
  if (input.contextOnly) {
    if (typeof manifest.kind === 'string') {
      contexts.push(ctx);
      walk.objects.push({ manifest, ctx, contextOnly: true });
    }
    return;
  }
  contexts.push(ctx);
  walk.count++;
  if (!checkManifestShape(ctx, manifest)) return;
  checkManifest(ctx, manifest);
  walk.objects.push({ manifest, ctx });
  objects.push({ manifest, ctx });
}

/** The findings without the warnings the caller suppressed; errors are never suppressed. */
function suppress(findings: ValidationFinding[], options: ValidationOptions = {}): ValidationFinding[] {
  return suppressFindings(findings, new Set(options.suppress ?? []));
}

/**
 * The findings without the warnings of the suppressed rule ids: a finding of one of them, or of a
 * rule they silence too (`readiness-probe-missing` silences `readiness-gate-missing`), goes; a
 * finding that sums details up (`host-access`) loses the details of those ids, and goes with the last.
 */
export function suppressFindings(findings: ValidationFinding[], suppressed: ReadonlySet<string>): ValidationFinding[] {
  if (suppressed.size === 0) return findings;
  return findings.flatMap(f => {
    if (f.severity === ValidationSeverity.ERROR) return [f];
    if (suppressed.has(f.rule) || RULES_BY_ID.get(f.rule)?.silencedBy.some(id => suppressed.has(id))) return [];
    if (f.details === undefined) return [f];
    const details = f.details.filter(d => !suppressed.has(d.rule));
    if (details.length === f.details.length) return [f];
    return details.length === 0 ? [] : [{ ...f, details, message: hostAccessMessage(details) }];
  });
}
