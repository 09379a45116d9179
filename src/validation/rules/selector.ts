import { checkLabelValue, checkQualifiedName } from '../names';
import { Ctx, list, map, show } from './context';
import { checkAnnotations, checkLabels } from './metadata';
import { checkPodAnnotations } from './pod-annotations';
import { Rule, RuleArea, SRC, Violation } from './rule';
import { checkInt32, INT32_FIELD } from './types';

export const SELECTOR_AREA = new RuleArea('selector and update strategy', 'src/validation/rules/selector.ts');
export const SELECTOR_REQUIRED = SELECTOR_AREA.error('selector-required', '`spec.selector` is missing (apps/v1 requires it; a nil selector matches no pod, reported at `spec.template.metadata.labels`).', 'Set `spec.selector.matchLabels` to a stable subset of the template labels.', SRC.APPS);
export const SELECTOR_EMPTY = SELECTOR_AREA.error('selector-empty', '`spec.selector` is `{}`: "empty selector is invalid for daemonset".', 'Give the selector at least one label.', SRC.APPS);
export const SELECTOR_LABELS = SELECTOR_AREA.error('selector-labels', 'A `matchLabels` key or value with invalid syntax.', 'Use qualified-name keys and label values.', SRC.NAMES);
export const SELECTOR_EXPRESSION = SELECTOR_AREA.error('selector-expression', 'A `matchExpressions` entry with a bad operator, key or value, values with Exists/DoesNotExist, or no values with In/NotIn.', 'Use In/NotIn with values, Exists/DoesNotExist without.', SRC.META);
export const SELECTOR_MATCHES_TEMPLATE = SELECTOR_AREA.error('selector-matches-template', 'The selector does not match the template labels.', 'Add every selector label to `spec.template.metadata.labels`.', SRC.APPS, { linterIds: ['kube-linter:mismatching-selector'] });
export const UPDATE_STRATEGY_TYPE = SELECTOR_AREA.error('update-strategy-type', '`spec.updateStrategy.type` other than RollingUpdate or OnDelete (reported at `spec.updateStrategy`).', 'Use RollingUpdate or OnDelete.', SRC.APPS);
export const ROLLING_UPDATE_INT_OR_PERCENT = SELECTOR_AREA.error('rolling-update-int-or-percent', '`maxUnavailable` / `maxSurge` that is neither a non-negative integer nor a percent string, or a percent above 100%.', 'Use an integer ≥ 0 or a string like `10%`.', SRC.APPS);
export const ROLLING_UPDATE_SURGE_AND_UNAVAILABLE = SELECTOR_AREA.error('rolling-update-surge-and-unavailable', 'Both `maxSurge` and `maxUnavailable` non-zero (maxUnavailable defaults to 1, so `maxSurge` alone fails too).', 'Set `maxUnavailable: 0` when you set `maxSurge`.', SRC.APPS);
export const ROLLING_UPDATE_BOTH_ZERO = SELECTOR_AREA.error('rolling-update-both-zero', 'Both `maxSurge` and `maxUnavailable` zero: no pod could ever be replaced.', 'Set one of them above zero.', SRC.APPS);
export const TEMPLATE_RESTART_POLICY = SELECTOR_AREA.error('template-restart-policy', 'A DaemonSet pod template whose restartPolicy is not Always.', 'Remove `restartPolicy` or set it to Always.', SRC.APPS, { linterIds: ['kube-linter:restart-policy'] });
export const TEMPLATE_ACTIVE_DEADLINE = SELECTOR_AREA.error('template-active-deadline', '`activeDeadlineSeconds` in a DaemonSet template.', 'Remove it: daemon pods run until deleted.', SRC.APPS);
export const TEMPLATE_GENERATION = SELECTOR_AREA.error('template-generation', 'A `deprecated.daemonset.template.generation` annotation that is not a base-10 int64 (the server fails to decode the DaemonSet: HTTP 400, no path).', 'Remove the annotation: the DaemonSet controller maintains it.', SRC.APPS);
export const SURGE_WITH_HOST_PORT = SELECTOR_AREA.warning('surge-with-host-port', '`maxSurge` > 0 while the pod uses hostNetwork or a hostPort: the surge pod cannot bind the port the old pod holds and stays Pending, so the rollout stalls.', 'Use `maxSurge: 0` with `maxUnavailable` ≥ 1 (the `updateStrategy` prop).', SRC.SURGE, { rolloutFailure: true });
export const SELECTOR_VERSION_LABEL = SELECTOR_AREA.warning('selector-version-label', 'The selector holds a version-bearing label (`app.kubernetes.io/version`, `version`, `helm.sh/chart`…); the selector is immutable, so the next release cannot be applied.', 'Select on name and instance labels only.', SRC.LABELS);
export const ON_DELETE_WITH_ROLLING_UPDATE = SELECTOR_AREA.warning('on-delete-with-rolling-update', '`OnDelete` with a `rollingUpdate` block: the block is ignored.', 'Remove `rollingUpdate`, or use RollingUpdate.', SRC.APPS);
export const READINESS_GATE_MISSING = SELECTOR_AREA.warning('readiness-gate-missing', 'No readiness probe and `minReadySeconds` 0: a broken image rolls across the whole fleet at `maxUnavailable` speed.', 'Add a readiness probe or set `minReadySeconds`.', SRC.DAEMONSET);

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const VERSION_LABELS = ['app.kubernetes.io/version', 'version', 'helm.sh/chart', 'chart', 'pod-template-hash', 'controller-revision-hash'];

/** `metav1.LabelSelector` rules; returns whether the selector parses (the mismatch check needs it). */
export function checkLabelSelector(ctx: Ctx, rule: Rule, path: string, selector: any): boolean {
  let ok = true;
  for (const [k, v] of Object.entries(map(selector.matchLabels))) {
    const keyReason = checkQualifiedName(k);
    const valueReason = typeof v === 'string' ? checkLabelValue(v) : 'must be a string';
    if (keyReason) ctx.invalid(SELECTOR_LABELS, `${path}.matchLabels`, k, keyReason);
    if (valueReason) ctx.invalid(SELECTOR_LABELS, `${path}.matchLabels`, v, valueReason);
    ok = ok && !keyReason && !valueReason;
  }
  list(selector.matchExpressions).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = list(e?.values);
    if (!OPERATORS.includes(e?.operator)) { ctx.invalid(rule, `${p}.operator`, e?.operator, 'not a valid selector operator'); ok = false; }
    if ((e?.operator === 'In' || e?.operator === 'NotIn') && values.length === 0) {
      ctx.required(rule, `${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''); ok = false;
    }
    if ((e?.operator === 'Exists' || e?.operator === 'DoesNotExist') && values.length > 0) {
      ctx.forbidden(rule, `${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''); ok = false;
    }
    const keyReason = typeof e?.key === 'string' ? checkQualifiedName(e.key) : 'must be a string';
    if (keyReason) { ctx.invalid(rule, `${p}.key`, e?.key, keyReason); ok = false; }
    values.forEach((v, j) => {
      const r = typeof v === 'string' ? checkLabelValue(v) : 'must be a string';
      if (r) { ctx.invalid(rule, `${p}.values[${j}]`, v, r); ok = false; }
    });
  });
  return ok;
}

/** Whether the label selector selects a pod with these labels. */
export function selectorMatches(selector: any, labels: { [k: string]: any }): boolean {
  const ml = Object.entries(map(selector.matchLabels));
  const exprs = list(selector.matchExpressions);
  if (ml.length === 0 && exprs.length === 0) return false;
  return ml.every(([k, v]) => labels[k] === v) && exprs.every(e => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': return has && list(e.values).includes(labels[e.key]);
      case 'NotIn': return !has || !list(e.values).includes(labels[e.key]);
      case 'Exists': return has;
      default: return !has;
    }
  });
}

/** DaemonSet spec rules (`ValidateDaemonSetSpec`) outside the pod spec. */
export function checkDaemonSetSpec(ctx: Ctx, spec: any, podUsesHostPorts: boolean): void {
  const template = map(spec.template);
  const tmd = map(template.metadata);
  // The API server reports template labels and annotations without `.metadata` (quirk).
  checkLabels(ctx, 'spec.template.labels', tmd.labels);
  checkAnnotations(ctx, 'spec.template.annotations', tmd.annotations);
  checkPodAnnotations(ctx, map(tmd.annotations), map(template.spec), 'spec.template.spec');
  checkSelector(ctx, spec, map(tmd.labels));
  checkInt32(ctx, 'spec.minReadySeconds', spec.minReadySeconds, 0);
  checkInt32(ctx, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit, 0);
  checkUpdateStrategy(ctx, spec.updateStrategy, podUsesHostPorts);
  const pod = map(template.spec);
  if (pod.restartPolicy !== undefined && pod.restartPolicy !== 'Always') {
    ctx.notSupported(TEMPLATE_RESTART_POLICY, 'spec.template.spec.restartPolicy', pod.restartPolicy, ['Always']);
  }
  if (pod.activeDeadlineSeconds !== undefined) {
    ctx.forbidden(TEMPLATE_ACTIVE_DEADLINE, 'spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported');
  }
  const probed = list(pod.containers).some(c => c?.readinessProbe);
  if (!probed && !(spec.minReadySeconds > 0) && list(pod.containers).length > 0) {
    ctx.report(READINESS_GATE_MISSING, 'spec.minReadySeconds', 'no container has a readinessProbe and minReadySeconds is 0: a crashing image rolls across every node');
  }
}

function checkSelector(ctx: Ctx, spec: any, templateLabels: { [k: string]: any }): void {
  // A missing selector matches no pod: the server reports it at the template labels only.
  if (spec.selector === undefined || spec.selector === null) {
    ctx.invalid(SELECTOR_REQUIRED, 'spec.template.metadata.labels', templateLabels, '`selector` does not match template `labels`: `spec.selector` is missing');
    return;
  }
  const selector = map(spec.selector);
  if (list(selector.matchExpressions).length === 0 && Object.keys(map(selector.matchLabels)).length === 0) {
    ctx.invalid(SELECTOR_EMPTY, 'spec.selector', spec.selector, 'empty selector is invalid for daemonset');
    return;
  }
  if (!checkLabelSelector(ctx, SELECTOR_EXPRESSION, 'spec.selector', selector)) return;
  if (!selectorMatches(selector, templateLabels)) {
    ctx.invalid(SELECTOR_MATCHES_TEMPLATE, 'spec.template.metadata.labels', templateLabels, '`selector` does not match template `labels`');
  }
  const keys = [...Object.keys(map(selector.matchLabels)), ...list(selector.matchExpressions).map(e => e?.key)];
  for (const k of keys.filter(key => VERSION_LABELS.includes(key))) {
    ctx.report(SELECTOR_VERSION_LABEL, 'spec.selector', `the selector holds ${k}, which changes every release, but a DaemonSet selector is immutable`);
  }
}

const PERCENT = /^[0-9]+%$/;

/**
 * The rule a `maxUnavailable`/`maxSurge` value breaks, or undefined: an integer ≥ 0 or a whole
 * percent up to 100%. Shared by the `updateStrategy` prop.
 */
export function intOrPercentViolation(v: unknown): Violation | undefined {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return { rule: INT32_FIELD, reason: 'must be an integer or a percent string' };
    return v < 0 ? { rule: ROLLING_UPDATE_INT_OR_PERCENT, reason: 'must be greater than or equal to 0' } : undefined;
  }
  if (typeof v !== 'string') return { rule: INT32_FIELD, reason: 'must be an integer or a percent string' };
  if (!PERCENT.test(v)) {
    return { rule: ROLLING_UPDATE_INT_OR_PERCENT, reason: "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')" };
  }
  return parseInt(v, 10) > 100 ? { rule: ROLLING_UPDATE_INT_OR_PERCENT, reason: 'must not be greater than 100%' } : undefined;
}

/** The int-or-percent value as the apps validation sees it; undefined when it is not even that. */
function intOrPercent(ctx: Ctx, path: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  ctx.violation(path, v, intOrPercentViolation(v));
  // A negative integer still counts as set when the server compares maxSurge and maxUnavailable.
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  // The server reads a string that is not a percent as a plain integer, or 0.
  return PERCENT.test(v) || /^[+-]?[0-9]+$/.test(v) ? parseInt(v, 10) : 0;
}

function checkUpdateStrategy(ctx: Ctx, strategy: any, podUsesHostPorts: boolean): void {
  if (strategy === undefined) return;
  const s = map(strategy);
  const type = s.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate' && type !== 'OnDelete') {
    ctx.notSupported(UPDATE_STRATEGY_TYPE, 'spec.updateStrategy', strategy, ['RollingUpdate', 'OnDelete']);
    return;
  }
  if (type === 'OnDelete') {
    if (s.rollingUpdate !== undefined) ctx.report(ON_DELETE_WITH_ROLLING_UPDATE, 'spec.updateStrategy.rollingUpdate', 'ignored with type OnDelete');
    return;
  }
  const p = 'spec.updateStrategy.rollingUpdate';
  const ru = map(s.rollingUpdate);
  // Defaulting runs first: maxUnavailable 1, maxSurge 0.
  const unavailable = ru.maxUnavailable === undefined ? 1 : intOrPercent(ctx, `${p}.maxUnavailable`, ru.maxUnavailable) ?? 0;
  const surge = ru.maxSurge === undefined ? 0 : intOrPercent(ctx, `${p}.maxSurge`, ru.maxSurge) ?? 0;
  if (unavailable === 0 && surge === 0) ctx.required(ROLLING_UPDATE_BOTH_ZERO, `${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0');
  if (unavailable !== 0 && surge !== 0) ctx.invalid(ROLLING_UPDATE_SURGE_AND_UNAVAILABLE, `${p}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero');
  if (surge !== 0 && podUsesHostPorts) {
    ctx.report(SURGE_WITH_HOST_PORT, `${p}.maxSurge`, `${show(ru.maxSurge)}: the pod uses hostNetwork or a hostPort, so the surge pod cannot bind the port and the rollout stalls; use maxSurge 0 (prop updateStrategy)`);
  }
}


const TEMPLATE_GENERATION_KEY = 'deprecated.daemonset.template.generation';

/**
 * The DaemonSet's `deprecated.daemonset.template.generation` annotation becomes the internal
 * `spec.templateGeneration` when the server converts apps/v1: it must parse as an int64, else the
 * request fails to decode (a value below 1 is then raised to 1 on create, so any integer passes).
 */
export function checkTemplateGeneration(ctx: Ctx, metadata: any): void {
  const value = map(map(metadata).annotations)[TEMPLATE_GENERATION_KEY];
  if (value === undefined) return;
  const text = String(value);
  const path = `metadata.annotations[${TEMPLATE_GENERATION_KEY}]`;
  if (!/^[+-]?[0-9]+$/.test(text) || BigInt(text) > BigInt('9223372036854775807') || BigInt(text) < BigInt('-9223372036854775808')) {
    return ctx.invalid(TEMPLATE_GENERATION, path, value, 'must be a base-10 64-bit integer (the API server fails to decode the DaemonSet otherwise)');
  }
}
