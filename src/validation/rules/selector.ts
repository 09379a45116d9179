import { checkLabelValue, checkQualifiedName } from '../names';
import { error, RuleDef, SRC, warning } from './catalogue';
import { checkInt32, Ctx, list, map, show } from './context';
import { checkAnnotations, checkLabels } from './metadata';
import { checkPodAnnotations } from './pod-annotations';

const A = 'selector and update strategy';
export const SELECTOR_RULES: RuleDef[] = [
  error(A, 'selector-required', '`spec.selector` is missing (apps/v1 requires it; a nil selector matches no pod, reported at `spec.template.metadata.labels`).', 'Set `spec.selector.matchLabels` to a stable subset of the template labels.', SRC.APPS),
  error(A, 'selector-empty', '`spec.selector` is `{}`: "empty selector is invalid for daemonset".', 'Give the selector at least one label.', SRC.APPS),
  error(A, 'selector-labels', 'A `matchLabels` key or value with invalid syntax.', 'Use qualified-name keys and label values.', SRC.NAMES),
  error(A, 'selector-expression', 'A `matchExpressions` entry with a bad operator, key or value, values with Exists/DoesNotExist, or no values with In/NotIn.', 'Use In/NotIn with values, Exists/DoesNotExist without.', SRC.META),
  error(A, 'selector-matches-template', 'The selector does not match the template labels.', 'Add every selector label to `spec.template.metadata.labels`.', SRC.APPS, { linterIds: ['kube-linter:mismatching-selector'] }),
  error(A, 'update-strategy-type', '`spec.updateStrategy.type` other than RollingUpdate or OnDelete (reported at `spec.updateStrategy`).', 'Use RollingUpdate or OnDelete.', SRC.APPS),
  error(A, 'rolling-update-int-or-percent', '`maxUnavailable` / `maxSurge` that is neither a non-negative integer nor a percent string, or a percent above 100%.', 'Use an integer ≥ 0 or a string like `10%`.', SRC.APPS),
  error(A, 'rolling-update-surge-and-unavailable', 'Both `maxSurge` and `maxUnavailable` non-zero (maxUnavailable defaults to 1, so `maxSurge` alone fails too).', 'Set `maxUnavailable: 0` when you set `maxSurge`.', SRC.APPS),
  error(A, 'rolling-update-both-zero', 'Both `maxSurge` and `maxUnavailable` zero: no pod could ever be replaced.', 'Set one of them above zero.', SRC.APPS),
  error(A, 'non-negative-field', 'A count that must be ≥ 0 is negative (`minReadySeconds`, `revisionHistoryLimit`, probe thresholds, toleration seconds…).', 'Use 0 or a positive integer.', SRC.CORE),
  error(A, 'int32-field', 'A field that must be an integer (32-bit, or 64-bit for grace periods and toleration seconds) holds something else; the API server fails to decode it (HTTP 400, no path).', 'Use a whole number.', SRC.CORE),
  error(A, 'template-restart-policy', 'A DaemonSet pod template whose restartPolicy is not Always.', 'Remove `restartPolicy` or set it to Always.', SRC.APPS, { linterIds: ['kube-linter:restart-policy'] }),
  error(A, 'template-active-deadline', '`activeDeadlineSeconds` in a DaemonSet template.', 'Remove it: daemon pods run until deleted.', SRC.APPS),
  error(A, 'template-generation', 'A `deprecated.daemonset.template.generation` annotation that is not a base-10 int64 (the server fails to decode the DaemonSet: HTTP 400, no path).', 'Remove the annotation: the DaemonSet controller maintains it.', SRC.APPS),
  warning(A, 'surge-with-host-port', '`maxSurge` > 0 while the pod uses hostNetwork or a hostPort: the surge pod cannot bind the port the old pod holds and stays Pending, so the rollout stalls.', 'Use `maxSurge: 0` with `maxUnavailable` ≥ 1 (the `updateStrategy` prop).', SRC.SURGE, { rolloutFailure: true }),
  warning(A, 'selector-version-label', 'The selector holds a version-bearing label (`app.kubernetes.io/version`, `version`, `helm.sh/chart`…); the selector is immutable, so the next release cannot be applied.', 'Select on name and instance labels only.', SRC.LABELS),
  warning(A, 'on-delete-with-rolling-update', '`OnDelete` with a `rollingUpdate` block: the block is ignored.', 'Remove `rollingUpdate`, or use RollingUpdate.', SRC.APPS),
  warning(A, 'readiness-gate-missing', 'No readiness probe and `minReadySeconds` 0: a broken image rolls across the whole fleet at `maxUnavailable` speed.', 'Add a readiness probe or set `minReadySeconds`.', SRC.DAEMONSET),
];

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const VERSION_LABELS = ['app.kubernetes.io/version', 'version', 'helm.sh/chart', 'chart', 'pod-template-hash', 'controller-revision-hash'];

/** `metav1.LabelSelector` rules; returns whether the selector parses (the mismatch check needs it). */
export function checkLabelSelector(ctx: Ctx, rule: string, path: string, selector: any): boolean {
  let ok = true;
  for (const [k, v] of Object.entries(map(selector.matchLabels))) {
    const keyReason = checkQualifiedName(k);
    const valueReason = typeof v === 'string' ? checkLabelValue(v) : 'must be a string';
    if (keyReason) ctx.invalid('selector-labels', `${path}.matchLabels`, k, keyReason);
    if (valueReason) ctx.invalid('selector-labels', `${path}.matchLabels`, v, valueReason);
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
    ctx.notSupported('template-restart-policy', 'spec.template.spec.restartPolicy', pod.restartPolicy, ['Always']);
  }
  if (pod.activeDeadlineSeconds !== undefined) {
    ctx.forbidden('template-active-deadline', 'spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported');
  }
  const probed = list(pod.containers).some(c => c?.readinessProbe);
  if (!probed && !(spec.minReadySeconds > 0) && list(pod.containers).length > 0) {
    ctx.report('readiness-gate-missing', 'spec.minReadySeconds', 'no container has a readinessProbe and minReadySeconds is 0: a crashing image rolls across every node');
  }
}

function checkSelector(ctx: Ctx, spec: any, templateLabels: { [k: string]: any }): void {
  // A missing selector matches no pod: the server reports it at the template labels only.
  if (spec.selector === undefined || spec.selector === null) {
    ctx.invalid('selector-required', 'spec.template.metadata.labels', templateLabels, '`selector` does not match template `labels`: `spec.selector` is missing');
    return;
  }
  const selector = map(spec.selector);
  if (list(selector.matchExpressions).length === 0 && Object.keys(map(selector.matchLabels)).length === 0) {
    ctx.invalid('selector-empty', 'spec.selector', spec.selector, 'empty selector is invalid for daemonset');
    return;
  }
  if (!checkLabelSelector(ctx, 'selector-expression', 'spec.selector', selector)) return;
  if (!selectorMatches(selector, templateLabels)) {
    ctx.invalid('selector-matches-template', 'spec.template.metadata.labels', templateLabels, '`selector` does not match template `labels`');
  }
  const keys = [...Object.keys(map(selector.matchLabels)), ...list(selector.matchExpressions).map(e => e?.key)];
  for (const k of keys.filter(key => VERSION_LABELS.includes(key))) {
    ctx.report('selector-version-label', 'spec.selector', `the selector holds ${k}, which changes every release, but a DaemonSet selector is immutable`);
  }
}

const PERCENT = /^[0-9]+%$/;

/** The int-or-percent value as the apps validation sees it; undefined when it is not even that. */
function intOrPercent(ctx: Ctx, path: string, v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) { ctx.invalid('int32-field', path, v, 'must be an integer or a percent string'); return undefined; }
    // A negative value still counts as set when the server compares maxSurge and maxUnavailable.
    if (v < 0) ctx.invalid('rolling-update-int-or-percent', path, v, 'must be greater than or equal to 0');
    return v;
  }
  if (typeof v !== 'string') { ctx.invalid('int32-field', path, v, 'must be an integer or a percent string'); return undefined; }
  if (!PERCENT.test(v)) {
    ctx.invalid('rolling-update-int-or-percent', path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
    // The server reads a string that is not a percent as a plain integer, or 0.
    return /^[+-]?[0-9]+$/.test(v) ? parseInt(v, 10) : 0;
  }
  const pct = parseInt(v, 10);
  if (pct > 100) ctx.invalid('rolling-update-int-or-percent', path, v, 'must not be greater than 100%');
  return pct;
}

function checkUpdateStrategy(ctx: Ctx, strategy: any, podUsesHostPorts: boolean): void {
  if (strategy === undefined) return;
  const s = map(strategy);
  const type = s.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate' && type !== 'OnDelete') {
    ctx.notSupported('update-strategy-type', 'spec.updateStrategy', strategy, ['RollingUpdate', 'OnDelete']);
    return;
  }
  if (type === 'OnDelete') {
    if (s.rollingUpdate !== undefined) ctx.report('on-delete-with-rolling-update', 'spec.updateStrategy.rollingUpdate', 'ignored with type OnDelete');
    return;
  }
  const p = 'spec.updateStrategy.rollingUpdate';
  const ru = map(s.rollingUpdate);
  // Defaulting runs first: maxUnavailable 1, maxSurge 0.
  const unavailable = ru.maxUnavailable === undefined ? 1 : intOrPercent(ctx, `${p}.maxUnavailable`, ru.maxUnavailable) ?? 0;
  const surge = ru.maxSurge === undefined ? 0 : intOrPercent(ctx, `${p}.maxSurge`, ru.maxSurge) ?? 0;
  if (unavailable === 0 && surge === 0) ctx.required('rolling-update-both-zero', `${p}.maxUnavailable`, 'cannot be 0 when maxSurge is 0');
  if (unavailable !== 0 && surge !== 0) ctx.invalid('rolling-update-surge-and-unavailable', `${p}.maxSurge`, ru.maxSurge, 'may not be set when maxUnavailable is non-zero');
  if (surge !== 0 && podUsesHostPorts) {
    ctx.report('surge-with-host-port', `${p}.maxSurge`, `${show(ru.maxSurge)}: the pod uses hostNetwork or a hostPort, so the surge pod cannot bind the port and the rollout stalls; use maxSurge 0 (prop updateStrategy)`);
  }
}


const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

/**
 * The DaemonSet's `deprecated.daemonset.template.generation` annotation becomes the internal
 * `spec.templateGeneration` when the server converts apps/v1: it must parse as an int64, else the
 * request fails to decode (a value below 1 is then raised to 1 on create, so any integer passes).
 */
export function checkTemplateGeneration(ctx: Ctx, metadata: any): void {
  const value = map(map(metadata).annotations)[TEMPLATE_GENERATION];
  if (value === undefined) return;
  const text = String(value);
  const path = `metadata.annotations[${TEMPLATE_GENERATION}]`;
  if (!/^[+-]?[0-9]+$/.test(text) || BigInt(text) > BigInt('9223372036854775807') || BigInt(text) < BigInt('-9223372036854775808')) {
    return ctx.invalid('template-generation', path, value, 'must be a base-10 64-bit integer (the API server fails to decode the DaemonSet otherwise)');
  }
}
