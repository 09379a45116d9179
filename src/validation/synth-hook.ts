import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import type { CheckedObject, ValidationInput } from './daemon-set-validator';
import { ValidationFinding, ValidationOptions, ValidationSeverity } from './finding';
import { formatFinding } from './format';
import { parseKubernetesVersion } from './kubernetes-version';

/**
 * The context key that turns validation warnings into synth errors:
 * `app.node.setContext(WARNINGS_AS_ERRORS_CONTEXT, true)`, or set the environment variable
 * `CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS=1`.
 */
export const WARNINGS_AS_ERRORS_CONTEXT = 'cdk8s-daemonsets:warningsAsErrors';

/**
 * The context key that silences warning rules at synth time, for every construct of the App:
 * an array of rule ids or a comma-separated string, e.g.
 * `app.node.setContext(SUPPRESS_RULES_CONTEXT, ['env-reference-missing'])` when the Secrets the
 * daemons read are created outside the App. It works in strict mode too (`WARNINGS_AS_ERRORS_CONTEXT`).
 * Errors and rollout failures cannot be suppressed: naming one, or an id that is no rule, fails synth.
 */
export const SUPPRESS_RULES_CONTEXT = 'cdk8s-daemonsets:suppressRules';

/**
 * The context key that sets the Kubernetes release the synth-time validation checks against
 * (`ValidationOptions.kubernetesVersion`), for the whole App: `app.node.setContext(KUBERNETES_VERSION_CONTEXT, '1.30')`,
 * or `cdk8s synth --context cdk8s-daemonsets:kubernetesVersion=1.30`. Default 1.27 (cdk8s-plus-27's
 * API level); a value outside 1.27 to 1.37 fails synth.
 */
export const KUBERNETES_VERSION_CONTEXT = 'cdk8s-daemonsets:kubernetesVersion';

/**
 * The validator: every rule's checks and the registry of rules. Loaded at the first validation or
 * rule lookup, not with the constructs, so `require('cdk8s-daemonsets')` does not pay for it
 * (`npm run bench`, module load); an App pays for it once, at its first synth.
 */
function engine(): typeof import('./daemon-set-validator') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs require()
  return engineModule ??= require('./daemon-set-validator') as typeof import('./daemon-set-validator');
}
let engineModule: typeof import('./daemon-set-validator') | undefined;

/**
 * Kinds other constructs of the App may hold that the cross-object checks read. DaemonSets made
 * outside the library (a raw `ApiObject`, a `kplus.DaemonSet`) count for `host-port-conflict`: a
 * host port is taken whoever binds it. Their Chart reports their conflicts (see `AppValidation`).
 */
const REFERENCED_KINDS = new Set(['Namespace', 'ServiceAccount', 'ConfigMap', 'Secret', 'DaemonSet']);

/** A check a construct runs on its own objects at synth, after the rules (a preset's invariants). */
export type ObjectsCheck = (objects: readonly CheckedObject[]) => void;

/** What a construct hands to the App's validation. */
export interface SynthValidation {
  /** The objects the construct synthesizes (read at every synth: escape-hatch additions count). */
  readonly objects: () => ApiObject[];
  /** Its host-access opt-in and the warnings it acknowledges. */
  readonly options: ValidationOptions;
  /** The construct prop that sets a field of one of its objects, for the `prop:` hint of a finding. */
  readonly propOf?: (kind: string, path: string, rule: string, manifest: unknown) => string | undefined;
}

/**
 * Validates the objects of a construct at synth time. The App runs one validation pass per synth
 * (`AppValidation`); this construct's validation (`node.addValidation`) reports its share of the
 * findings: errors, and warnings that describe a rollout or scheduling failure, fail synth (cdk8s
 * prefixes each with the construct path, and each ends with the rule's fix); other warnings print
 * once to stderr. Namespaces, ServiceAccounts, ConfigMaps and Secrets elsewhere in the App, and
 * every other construct's objects, take part in the checks across objects.
 *
 * Context keys, read at the construct: `cdk8s-daemonsets:warningsAsErrors` (`true`: every warning
 * fails synth; or the environment variable `CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS=1`) and
 * `cdk8s-daemonsets:suppressRules` (warning rule ids to silence, as an array or a comma-separated
 * string; errors and rollout failures cannot be); read at the App: `cdk8s-daemonsets:kubernetesVersion`
 * (the release to check against, default 1.27).
 */
export function addSynthValidation(owner: IConstruct, validation: SynthValidation): void {
  AppValidation.of(owner).register(owner, validation);
}

/** Adds a check of `owner`'s own objects, run in the App's validation pass after the rules. */
export function addSynthCheck(owner: IConstruct, check: ObjectsCheck): void {
  AppValidation.of(owner).addCheck(owner, check);
}

/** One construct's part in the pass. */
interface Registration extends SynthValidation {
  readonly checks: ObjectsCheck[];
}

/** One pass: each registered construct's findings, each with the prop that sets its field. */
type Pass = Map<IConstruct, Array<{ readonly finding: ValidationFinding; readonly prop?: string }>>;

/** Marks the wrappers this module installs, so an App or Chart is wrapped once. */
const WRAPPED = Symbol.for('cdk8s-daemonsets.synth-session');

/**
 * The validation of one App: every registered construct's objects are serialized once per synth
 * and validated in one pass, whose findings each construct's own validation then reports.
 *
 * cdk8s runs every validation of the App at every `chart.toJson()` (so `app.synth()` and
 * `app.synthYaml()` run them once more per chart), and each construct's validation would see the
 * whole App: done per construct, that is quadratic. Here:
 * - A synth session spans one `app.synth()`, `app.synthYaml()` or `chart.toJson()` call (wrapped on
 *   the App and on the Charts holding registered constructs). Inside it the pass is computed once,
 *   and the JSON of each registered object is computed once and shared by the pass, the checks and
 *   cdk8s' output. Nothing is kept after the call: a construct changed between two synths of one
 *   App is serialized and validated again.
 * - Outside a session (a validation run some other way), the pass is computed once per validation
 *   sweep: the App root's own validation, which cdk8s runs first, starts a new sweep.
 * - A DaemonSet no registered construct owns takes part in the checks across objects only; its
 *   `host-port-conflict` findings are reported by its Chart, when the Chart holds a registered
 *   construct (a chart of raw objects only is the cdk8s-cli plugin's to validate).
 */
class AppValidation {
  public static of(scope: IConstruct): AppValidation {
    const root = scope.node.root;
    let v = AppValidation.byRoot.get(root);
    if (!v) {
      v = new AppValidation(root);
      AppValidation.byRoot.set(root, v);
    }
    return v;
  }

  private static readonly byRoot = new WeakMap<IConstruct, AppValidation>();

  private readonly registrations = new Map<IConstruct, Registration>();
  /** The Charts that report the findings of their objects no registered construct owns. */
  private readonly charts = new Set<IConstruct>();
  /** Objects whose `toJson` reads the session's cache. */
  private readonly shared = new WeakSet<ApiObject>();
  /** Nesting depth of the wrapped synth calls; a session is open while it is above 0. */
  private depth = 0;
  /** The open session's JSON of each registered object and its pass. */
  private session?: { readonly json: Map<ApiObject, any>; pass?: Pass };
  /** The pass of the current validation sweep outside a session. */
  private sweepPass?: Pass;

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({
      validate: () => {
        this.sweepPass = undefined;
        return [];
      },
    });
    this.wrapSynth(root, ['synth', 'synthYaml']);
  }

  public register(owner: IConstruct, validation: SynthValidation): void {
    this.registrations.set(owner, { ...validation, checks: [] });
    owner.node.addValidation({ validate: () => [...this.settingErrors(owner), ...this.errorsOf(owner)] });
    const chart = closestChart(owner);
    if (chart && !this.charts.has(chart)) {
      this.charts.add(chart);
      this.wrapSynth(chart, ['toJson']);
      chart.node.addValidation({ validate: () => this.errorsOf(chart) });
    }
  }

  public addCheck(owner: IConstruct, check: ObjectsCheck): void {
    const registration = this.registrations.get(owner);
    if (!registration) throw new Error(`${owner.node.path} has no synth validation to add a check to`);
    registration.checks.push(check);
  }

  /** The errors in the context keys `owner` reads. */
  private settingErrors(owner: IConstruct): string[] {
    const errors = suppressedRules(owner.node.tryGetContext(SUPPRESS_RULES_CONTEXT)).errors;
    const strict = strictMode(owner.node.tryGetContext(WARNINGS_AS_ERRORS_CONTEXT), process.env.CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS);
    const version = kubernetesVersionOf(owner.node.tryGetContext(KUBERNETES_VERSION_CONTEXT));
    return [...errors, ...strict.error ? [strict.error] : [], ...typeof version === 'object' ? [version.error] : []];
  }

  /** The synth errors of the findings on `owner`'s objects; its warnings are printed. */
  private errorsOf(owner: IConstruct): string[] {
    const findings = this.pass().get(owner);
    if (!findings) return [];
    const strict = strictMode(owner.node.tryGetContext(WARNINGS_AS_ERRORS_CONTEXT), process.env.CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS);
    const suppressed = new Set(suppressedRules(owner.node.tryGetContext(SUPPRESS_RULES_CONTEXT)).ids);
    const reported = findings.flatMap(({ finding, prop }) => engine().suppressFindings([finding], suppressed).map(f => ({ finding: f, prop })));
    return reportFindings(owner, reported, strict.on);
  }

  private pass(): Pass {
    if (this.session) return this.session.pass ??= this.computePass();
    if (!this.sweepPass) {
      this.sweepPass = this.computePass();
      // A validation called outside cdk8s' sweep (`node.validate()` by hand) must not see it later.
      queueMicrotask(() => { this.sweepPass = undefined; });
    }
    return this.sweepPass;
  }

  /** Serializes every registered object once, validates them with the App's referenced objects, and splits the findings by construct. */
  private computePass(): Pass {
    const inputs: ValidationInput[] = [];
    const owners: Array<IConstruct | undefined> = [];
    const groups: Array<{ inputs: number[]; check: ObjectsCheck }> = [];
    const owned = new Set<ApiObject>();
    // One release for the App; an unsupported one is a setting error of every construct, and the pass runs at the default.
    const version = kubernetesVersionOf(this.root.node.tryGetContext(KUBERNETES_VERSION_CONTEXT));
    const kubernetesVersion = typeof version === 'string' ? version : undefined;
    for (const [owner, registration] of this.registrations) {
      const first = inputs.length;
      for (const obj of registration.objects()) {
        owned.add(obj);
        this.share(obj);
        inputs.push({ manifest: obj.toJson(), label: obj.node.id, options: { kubernetesVersion, ...registration.options } });
        owners.push(owner);
      }
      const members = Array.from({ length: inputs.length - first }, (_, k) => first + k);
      for (const check of registration.checks) groups.push({ inputs: members, check });
    }
    for (const c of this.root.node.findAll()) {
      if (ApiObject.isApiObject(c) && REFERENCED_KINDS.has(c.kind) && !owned.has(c)) {
        inputs.push({ manifest: c.toJson(), label: c.node.id, contextOnly: true });
        const chart = closestChart(c);
        owners.push(chart && this.charts.has(chart) ? chart : undefined);
      }
    }
    const run = engine().validateInputs(inputs, { groups });
    const pass: Pass = new Map();
    run.findings.forEach((findings, i) => {
      const owner = owners[i];
      if (!owner || findings.length === 0) return;
      const propOf = this.registrations.get(owner)?.propOf;
      const kind = (inputs[i].manifest as any)?.kind;
      const own = pass.get(owner) ?? [];
      own.push(...findings.map(finding => ({ finding, prop: propOf?.(kind, finding.path, finding.rule, inputs[i].manifest) })));
      pass.set(owner, own);
    });
    return pass;
  }

  /**
   * Makes `obj.toJson()` answer from the open session's cache, so cdk8s' output, the pass and
   * any check read one serialization per synth; outside a session it serializes as always.
   */
  private share(obj: ApiObject): void {
    if (this.shared.has(obj)) return;
    this.shared.add(obj);
    const serialize = obj.toJson.bind(obj);
    Object.defineProperty(obj, 'toJson', {
      configurable: true,
      writable: true,
      value: () => {
        const cache = this.session?.json;
        if (!cache) return serialize();
        let json = cache.get(obj);
        if (json === undefined) {
          json = serialize();
          cache.set(obj, json);
        }
        return json;
      },
    });
  }

  /** Opens a session for the duration of each call of `methods` on `target` (once per target). */
  private wrapSynth(target: IConstruct, methods: string[]): void {
    const t = target as any;
    for (const method of methods) {
      const original = t[method];
      if (typeof original !== 'function' || original[WRAPPED]) continue;
      const enter = () => {
        this.depth++;
        this.session ??= { json: new Map() };
      };
      const exit = () => {
        if (--this.depth === 0) this.session = undefined;
      };
      const wrapped = function (this: unknown, ...args: unknown[]): unknown {
        enter();
        try {
          return original.apply(this, args);
        } finally {
          exit();
        }
      };
      Object.defineProperty(wrapped, WRAPPED, { value: true });
      Object.defineProperty(t, method, { configurable: true, writable: true, value: wrapped });
    }
  }
}

/** The closest Chart above `c`: its `toJson()` is what `Testing.synth` and `app.synth()` call. */
function closestChart(c: IConstruct): IConstruct | undefined {
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    if (Chart.isChart(s)) return s;
  }
  return undefined;
}

/**
 * Strict mode from the context key (true, or a string from `cdk8s synth --context`) and the
 * environment variable: 'true'/'1' and 'false'/'0' are understood; anything else is an error
 * rather than a silent "off", since strict mode is what a CI relies on.
 */
function strictMode(context: unknown, env: string | undefined): { on: boolean; error?: string } {
  const parse = (v: unknown): boolean | undefined => {
    if (v === undefined || v === '' || v === false || v === 'false' || v === '0' || v === 0) return false;
    if (v === true || v === 'true' || v === '1' || v === 1) return true;
    return undefined;
  };
  const fromContext = parse(context);
  const fromEnv = parse(env);
  const error = fromContext === undefined ? `${WARNINGS_AS_ERRORS_CONTEXT}: must be true or false, not ${JSON.stringify(context)}`
    : fromEnv === undefined ? `CDK8S_DAEMONSETS_WARNINGS_AS_ERRORS: must be 1 or 0 (or true or false), not ${JSON.stringify(env)}` : undefined;
  return { on: fromContext === true || fromEnv === true, error };
}

/** The release of the context value (a string, or a number as `--context k=1.30` can give), or why it is none. */
function kubernetesVersionOf(value: unknown): string | undefined | { error: string } {
  if (value === undefined || value === null || value === '') return undefined;
  // A number lost its trailing zero (1.3 for 1.30): every supported minor has two digits.
  const release = parseKubernetesVersion(typeof value === 'number' ? value.toFixed(2) : value);
  return typeof release === 'string' ? { error: `${KUBERNETES_VERSION_CONTEXT}: ${release}` } : release.version;
}

/** The rule ids of the suppress context value, and an error for each that is no warning rule. */
function suppressedRules(value: unknown): { ids: string[]; errors: string[] } {
  if (value === undefined || value === null) return { ids: [], errors: [] };
  const raw = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!raw) return { ids: [], errors: [`${SUPPRESS_RULES_CONTEXT}: must be an array of rule ids or a comma-separated string, not ${JSON.stringify(value)}`] };
  const ids = raw.map(id => String(id).trim()).filter(id => id !== '');
  const errors = ids.flatMap(id => {
    const problem = silenceableWarningProblem(id);
    return problem ? [`${SUPPRESS_RULES_CONTEXT}: "${id}" ${problem}`] : [];
  });
  return { ids, errors };
}

/**
 * Why a rule id cannot be silenced (suppressed App-wide or acknowledged by a daemon), or
 * undefined when it can: only warnings can, and not those describing a rollout failure, which the
 * library's constructs refuse.
 */
export function silenceableWarningProblem(id: string): string | undefined {
  const rule = engine().findRule(id);
  if (!rule) {
    const meant = engine().meantRuleId(id);
    return `is not a rule id (see docs/rules.md)${meant === undefined ? '' : `; did you mean "${meant}"?`}`;
  }
  if (rule.severity === ValidationSeverity.ERROR) return 'is an error rule; errors cannot be silenced';
  if (rule.rolloutFailure) return 'describes a rollout failure, which cannot be silenced';
  return undefined;
}

const printed = new Set<string>();

/** Splits findings into synth errors (returned) and warnings (printed once to stderr). */
function reportFindings(scope: IConstruct, findings: Array<{ finding: ValidationFinding; prop?: string }>, strict: boolean): string[] {
  const errors: string[] = [];
  for (const { finding: f, prop } of findings) {
    const line = formatFinding(f, prop);
    if (f.severity === ValidationSeverity.ERROR || strict || engine().findRule(f.rule)?.rolloutFailure) {
      errors.push(line);
      continue;
    }
    const warning = `[${scope.node.path}] warning ${line}`;
    if (!printed.has(warning)) {
      printed.add(warning);
      process.stderr.write(warning + '\n');
    }
  }
  return errors;
}
