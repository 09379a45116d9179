import { checkDns1123Label, checkDns1123Subdomain, checkLabelValue, checkQualifiedName } from '../names';
import { Ctx, isInt, list, map } from './context';
import { Rule, RuleArea, SRC } from './rule';
import { checkLabelSelector } from './selector';
import { INT32_FIELD } from './types';
import { controllerTolerations, ParsedToleration, parseToleration, tolerates } from '../../coverage/taints';

export const SCHEDULING_AREA = new RuleArea('scheduling', 'src/validation/rules/scheduling.ts');
export const TOLERATION_KEY = SCHEDULING_AREA.error('toleration-key', 'A toleration key that is not a qualified name.', 'Use a label-key-shaped taint key.', SRC.CORE);
export const TOLERATION_OPERATOR = SCHEDULING_AREA.error('toleration-operator', 'A toleration with an empty key and operator other than Exists, a value with Exists, an invalid value for Equal (all reported at `.operator`), or an unknown operator.', 'Use Exists with no value, or Equal with a key and a label value.', SRC.CORE);
export const TOLERATION_EFFECT = SCHEDULING_AREA.error('toleration-effect', 'A toleration effect other than NoSchedule/PreferNoSchedule/NoExecute, or tolerationSeconds without NoExecute.', 'Use a listed effect; tolerationSeconds needs NoExecute.', SRC.CORE);
export const NODE_SELECTOR = SCHEDULING_AREA.error('node-selector', 'A nodeSelector key or value with invalid syntax (reported at `nodeSelector`).', 'Use label keys and values.', SRC.CORE);
export const NODE_AFFINITY = SCHEDULING_AREA.error('node-affinity', 'Required node affinity without terms, a requirement with a bad operator, key or value count, an invalid label value in a required term, matchFields other than metadata.name with one node name, or a preferred weight outside 1–100.', 'Follow the NodeSelectorRequirement rules.', SRC.CORE);
export const POD_AFFINITY = SCHEDULING_AREA.error('pod-affinity', 'A pod (anti-)affinity term without topologyKey, with a bad label or namespace selector, a bad namespace (reported at `namespace`), bad `matchLabelKeys`/`mismatchLabelKeys` (or any without a labelSelector), or a weight outside 1–100.', 'Set topologyKey and a valid selector.', SRC.CORE);
export const TOPOLOGY_SPREAD = SCHEDULING_AREA.error('topology-spread', 'A topologySpreadConstraint with maxSkew ≤ 0, no topologyKey, a bad whenUnsatisfiable, a repeated key/policy pair, a bad minDomains, a nodeAffinityPolicy/nodeTaintsPolicy other than Honor/Ignore, bad `matchLabelKeys` (or any without a labelSelector), or an invalid labelSelector.', 'Fix the constraint; DaemonSets rarely need one.', SRC.CORE);
export const POD_NAMES = SCHEDULING_AREA.error('pod-names', 'priorityClassName, serviceAccountName, runtimeClassName, nodeName, hostname, subdomain, hostAliases, readinessGates or schedulingGates with invalid syntax.', 'Use DNS names / qualified names as the field requires.', SRC.CORE);
export const PREEMPTION_POLICY = SCHEDULING_AREA.error('preemption-policy', '`preemptionPolicy` other than PreemptLowerPriority or Never.', 'Use one of the two.', SRC.CORE);
export const NODE_SELECTOR_OS_MISSING = SCHEDULING_AREA.warning('node-selector-os-missing', 'No `kubernetes.io/os` (or `beta.kubernetes.io/os`) nodeSelector, nor a required node-affinity expression on it in every term (a preferred term pins nothing): Linux daemons land on Windows nodes and crash-loop.', 'Select `kubernetes.io/os: linux` (the default of the `nodeSelector` prop).', SRC.DAEMONSET, { linterIds: ['kube-linter:no-node-affinity'], limits: 'An OS expression with operator Exists does not count as a pin.' });
export const PRIORITY_CLASS_MISSING = SCHEDULING_AREA.warning('priority-class-missing', 'No priorityClassName: the daemon pod is evicted before ordinary pods and may not be scheduled on a full node.', 'Use `system-node-critical` (the `priorityClassName` prop default).', SRC.PRIORITY, { linterIds: ['kube-linter:priority-class-name', 'polaris:priorityClassNotSet'] });
export const CONTROLLER_MANAGED_TOLERATION = SCHEDULING_AREA.warning('controller-managed-toleration', 'A toleration equal in key, operator (Exists), value and effect to one the DaemonSet controller adds to every daemon pod (not-ready and unreachable NoExecute; disk-, memory-, pid-pressure and unschedulable NoSchedule; network-unavailable NoSchedule under hostNetwork): redundant, or replaced and its tolerationSeconds lost. Other effects and operators are kept by the controller (a CNI needs not-ready:NoSchedule).', 'Remove it; to be evicted after a while, the controller\'s own toleration cannot be shortened.', SRC.TAINTS, { limits: 'Follows the controller of 1.37.' });
export const CONTROLLER_TOLERATION_SHADOWED = SCHEDULING_AREA.warning('controller-toleration-shadowed', 'A NoExecute toleration with tolerationSeconds that also matches the not-ready or unreachable taint (an empty key with Exists, or the key with Equal and no value) and that the controller keeps ahead of its own: the taint manager uses the first toleration that matches a taint, so the daemon pod is evicted tolerationSeconds after its node turns NotReady or unreachable, where the controller\'s own tolerations keep daemons on purpose.', 'Give the toleration the key of the taint it is meant for, or drop tolerationSeconds.', SRC.TAINTS, { limits: 'Follows the DaemonSet controller and the taint manager of 1.37.' });
export const NEGATIVE_TERMINATION_GRACE = SCHEDULING_AREA.warning('negative-termination-grace', 'A negative terminationGracePeriodSeconds (the server treats it as 1 and warns).', 'Use 0 or more seconds (the `terminationGracePeriod` prop).', SRC.WARNINGS);
export const DEFAULT_SERVICE_ACCOUNT = SCHEDULING_AREA.warning('default-service-account', 'The pod runs as the `default` ServiceAccount.', 'Give the daemon its own ServiceAccount (the construct creates one).', SRC.RBAC, { linterIds: ['kube-linter:default-service-account'] });
export const DEPRECATED_SERVICE_ACCOUNT_FIELD = SCHEDULING_AREA.warning('deprecated-service-account-field', 'The deprecated `serviceAccount` alias is set.', 'Use `serviceAccountName`.', SRC.RBAC, { linterIds: ['kube-linter:deprecated-service-account-field'] });
export const SERVICE_ACCOUNT_TOKEN_AUTOMOUNT = SCHEDULING_AREA.warning('service-account-token-automount', 'The pod leaves `automountServiceAccountToken` unset, its ServiceAccount does not turn it off, and no RoleBinding or ClusterRoleBinding of the validated objects grants the ServiceAccount anything: the API token is mounted for a daemon that seems not to call the API (checked across objects).', 'Set `automountServiceAccountToken: false` unless the daemon needs the API (the construct mounts it only with `clusterRoleRules`), or `true` when it calls the API with permissions granted elsewhere.', SRC.RBAC, { linterIds: ['polaris:automountServiceAccountToken'], limits: 'Checked across objects only (`validateAll`, `validateYaml`, synth, `check`; not `validate()`). A binding created outside the objects (another chart, kubectl) makes it report a daemon that does call the API.' });

const TOLERATION_OPERATORS = ['Exists', 'Equal'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];

export function checkScheduling(ctx: Ctx, pod: any, P: string): void {
  checkTolerations(ctx, pod.tolerations, `${P}.tolerations`, pod.hostNetwork === true);
  const ns = map(pod.nodeSelector);
  for (const [k, v] of Object.entries(ns)) {
    ctx.check(NODE_SELECTOR, `${P}.nodeSelector`, k, checkQualifiedName(k));
    ctx.check(NODE_SELECTOR, `${P}.nodeSelector`, v, typeof v === 'string' ? checkLabelValue(v) : 'must be a string');
  }
  const affinity = map(pod.affinity);
  checkNodeAffinity(ctx, map(affinity.nodeAffinity), `${P}.affinity.nodeAffinity`);
  for (const kind of ['podAffinity', 'podAntiAffinity']) checkPodAffinity(ctx, map(affinity[kind]), `${P}.affinity.${kind}`);
  checkTopologySpread(ctx, pod.topologySpreadConstraints, `${P}.topologySpreadConstraints`);
  checkNames(ctx, pod, P);
  if (!pinsOs(pod)) {
    ctx.report(NODE_SELECTOR_OS_MISSING, `${P}.nodeSelector`, 'no kubernetes.io/os selector');
  }
  if (!pod.priorityClassName) ctx.report(PRIORITY_CLASS_MISSING, `${P}.priorityClassName`, 'no priorityClassName');
  if (isInt(pod.terminationGracePeriodSeconds) && pod.terminationGracePeriodSeconds < 0) {
    ctx.report(NEGATIVE_TERMINATION_GRACE, `${P}.terminationGracePeriodSeconds`, 'must be >= 0; negative values are invalid and will be treated as 1');
  } else {checkInt64(ctx, `${P}.terminationGracePeriodSeconds`, pod.terminationGracePeriodSeconds);}
  if ((pod.serviceAccountName ?? pod.serviceAccount ?? 'default') === 'default') ctx.report(DEFAULT_SERVICE_ACCOUNT, `${P}.serviceAccountName`, 'runs as the default ServiceAccount');
  if (pod.serviceAccount !== undefined) ctx.report(DEPRECATED_SERVICE_ACCOUNT_FIELD, `${P}.serviceAccount`, 'use serviceAccountName');
}

/** An int64 field (grace periods, toleration seconds): any whole number decodes; anything else fails to decode. */
function checkInt64(ctx: Ctx, path: string, value: unknown): void {
  if (value !== undefined && value !== null && !isInt(value)) ctx.invalid(INT32_FIELD, path, value, 'must be an integer (the API server refuses to decode anything else)');
}

function checkTolerations(ctx: Ctx, tolerations: unknown, path: string, hostNetwork: boolean): void {
  list(tolerations).forEach((raw, k) => {
    const t = map(raw);
    const p = `${path}[${k}]`;
    if (t.key) ctx.check(TOLERATION_KEY, `${p}.key`, t.key, checkQualifiedName(String(t.key)));
    const op = t.operator ?? 'Equal';
    if (!t.key && op !== 'Exists') ctx.invalid(TOLERATION_OPERATOR, `${p}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"');
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') ctx.invalid(TOLERATION_EFFECT, `${p}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set");
    checkInt64(ctx, `${p}.tolerationSeconds`, t.tolerationSeconds);
    if (!TOLERATION_OPERATORS.includes(op)) ctx.notSupported(TOLERATION_OPERATOR, `${p}.operator`, op, TOLERATION_OPERATORS);
    else if (op === 'Equal' && t.value !== undefined) ctx.check(TOLERATION_OPERATOR, `${p}.operator`, t.value, checkLabelValue(String(t.value)));
    else if (op === 'Exists' && t.value) ctx.invalid(TOLERATION_OPERATOR, `${p}.operator`, t.value, 'value must be empty when `operator` is \'Exists\'');
    if (t.effect !== undefined && t.effect !== '' && !EFFECTS.includes(t.effect)) ctx.notSupported(TOLERATION_EFFECT, `${p}.effect`, t.effect, EFFECTS);
    checkControllerToleration(ctx, t, `${p}.key`, hostNetwork);
  });
  checkShadowedControllerTolerations(ctx, tolerations, path, hostNetwork);
}

/**
 * The DaemonSet controller puts its own toleration in place of one that matches it and appends the
 * rest after the user's (`AddOrUpdateTolerationInPodSpec`); the taint manager then takes, for each
 * taint, the first toleration that tolerates it (`GetMatchingTolerations`,
 * pkg/apis/core/v1/helper/helpers.go) and evicts after the smallest tolerationSeconds among them. A
 * user's blanket `{operator: Exists, effect: NoExecute, tolerationSeconds: N}` comes first for the
 * not-ready and unreachable taints, so the daemon leaves a NotReady node after N seconds.
 */
function checkShadowedControllerTolerations(ctx: Ctx, tolerations: unknown, path: string, hostNetwork: boolean): void {
  const own = list(tolerations).map(map);
  const parsed = own.map(parseToleration);
  const shadowed = new Map<number, string[]>();
  for (const [key, condition] of [['node.kubernetes.io/not-ready', 'NotReady'], ['node.kubernetes.io/unreachable', 'unreachable']]) {
    const first = parsed.findIndex(t => tolerates(t, { key, value: '', effect: 'NoExecute' }));
    const t = own[first];
    if (t === undefined || !isInt(t.tolerationSeconds) || replacedByController(t, hostNetwork)) continue;
    shadowed.set(first, [...shadowed.get(first) ?? [], condition]);
  }
  for (const [i, conditions] of shadowed) {
    ctx.report(CONTROLLER_TOLERATION_SHADOWED, `${path}[${i}].tolerationSeconds`, `it matches the ${conditions.join(' and ')} taint (NoExecute) `
      + 'ahead of the DaemonSet controller\'s own toleration, which has no tolerationSeconds: the daemon pod is evicted '
      + `${Math.max(0, own[i].tolerationSeconds)}s after its node turns ${conditions.join(' or ')}`);
  }
}

/** Whether the controller puts its own toleration in place of `t` (`MatchToleration`: same key, operator Exists, no value, same effect). */
function replacedByController(t: any, hostNetwork: boolean): boolean {
  const own = parseToleration(t);
  const same = (c: ParsedToleration) => c.key === own.key && c.operator === own.operator && c.value === own.value && c.effect === own.effect;
  return controllerTolerations(hostNetwork).some(same);
}

/**
 * A toleration the controller replaces: `AddOrUpdateTolerationInPodSpec` swaps in its own for
 * one that `MatchToleration`s it (same key, operator, value and effect) and keeps every other,
 * so a CNI's `not-ready:NoSchedule` stays, and is what lets it onto a node that waits for it.
 */
function checkControllerToleration(ctx: Ctx, t: any, path: string, hostNetwork: boolean): void {
  if (!replacedByController(t, hostNetwork)) return;
  const own = `${t.key}:${t.effect}`;
  ctx.report(CONTROLLER_MANAGED_TOLERATION, path, t.tolerationSeconds === undefined
    ? `redundant: the DaemonSet controller adds the same toleration (${own}, Exists) to every daemon pod`
    : `the DaemonSet controller replaces it with its own ${own} toleration, which has no tolerationSeconds: tolerationSeconds ${t.tolerationSeconds} is lost and the pod stays on the node`);
}

/** Whether the pod is pinned to an OS: a `kubernetes.io/os` (or `beta.kubernetes.io/os`) node selector, or a required node-affinity term on it in every term. */
function pinsOs(pod: any): boolean {
  const selector = map(pod.nodeSelector);
  if (OS_LABELS.some(k => k in selector)) return true;
  const terms = list(map(map(map(pod.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
  return terms.length > 0 && terms.every(t => list(map(t).matchExpressions).some(r => OS_LABELS.includes(map(r).key) && ['In', 'NotIn'].includes(map(r).operator)));
}

function checkRequirement(ctx: Ctx, r: any, p: string, labelValues: boolean): void {
  const values = list(r.values);
  if (!NODE_OPERATORS.includes(r.operator)) ctx.invalid(NODE_AFFINITY, `${p}.operator`, r.operator, 'not a valid selector operator');
  if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) ctx.required(NODE_AFFINITY, `${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\'');
  if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) ctx.forbidden(NODE_AFFINITY, `${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\'');
  if ((r.operator === 'Gt' || r.operator === 'Lt') && values.length !== 1) ctx.required(NODE_AFFINITY, `${p}.values`, 'must be specified single value when `operator` is \'Lt\' or \'Gt\'');
  ctx.check(NODE_AFFINITY, `${p}.key`, r.key, typeof r.key === 'string' ? checkQualifiedName(r.key) : 'must be a string');
  // Preferred terms keep invalid label values: they may still match when the cluster has one node.
  if (labelValues) values.forEach((v, i) => ctx.check(NODE_AFFINITY, `${p}.values[${i}]`, v, checkLabelValue(v)));
}

/** `matchFields`: only `metadata.name`, with In or NotIn and exactly one node name. */
function checkFieldRequirement(ctx: Ctx, r: any, p: string): void {
  const values = list(r.values);
  if (r.operator === 'In' || r.operator === 'NotIn') {
    if (values.length !== 1) ctx.required(NODE_AFFINITY, `${p}.values`, 'must be only one value when `operator` is \'In\' or \'NotIn\' for node field selector');
  } else {
    ctx.invalid(NODE_AFFINITY, `${p}.operator`, r.operator, 'not a valid selector operator');
  }
  if (r.key !== 'metadata.name') return ctx.invalid(NODE_AFFINITY, `${p}.key`, r.key, 'not a valid field selector key');
  values.forEach((v, i) => ctx.check(NODE_AFFINITY, `${p}.values[${i}]`, v, checkDns1123Subdomain(v)));
}

function checkTerm(ctx: Ctx, term: any, p: string, labelValues: boolean): void {
  list(term.matchExpressions).forEach((r, i) => checkRequirement(ctx, map(r), `${p}.matchExpressions[${i}]`, labelValues));
  list(term.matchFields).forEach((r, i) => checkFieldRequirement(ctx, map(r), `${p}.matchFields[${i}]`));
}

function checkWeight(ctx: Ctx, rule: Rule, p: string, w: unknown): void {
  if (!isInt(w) || w < 1 || w > 100) ctx.invalid(rule, `${p}.weight`, w, 'must be in the range 1-100');
}

function checkNodeAffinity(ctx: Ctx, na: any, p: string): void {
  const req = na.requiredDuringSchedulingIgnoredDuringExecution;
  if (req !== undefined) {
    const rp = `${p}.requiredDuringSchedulingIgnoredDuringExecution`;
    const terms = list(map(req).nodeSelectorTerms);
    if (terms.length === 0) ctx.required(NODE_AFFINITY, `${rp}.nodeSelectorTerms`, 'must have at least one node selector term');
    terms.forEach((t, i) => checkTerm(ctx, map(t), `${rp}.nodeSelectorTerms[${i}]`, true));
  }
  list(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, i) => {
    const pp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    checkWeight(ctx, NODE_AFFINITY, pp, map(raw).weight);
    checkTerm(ctx, map(map(raw).preference), `${pp}.preference`, false);
  });
}

function checkPodAffinityTerm(ctx: Ctx, term: any, p: string): void {
  if (term.labelSelector !== undefined) checkLabelSelector(ctx, POD_AFFINITY, `${p}.labelSelector`, map(term.labelSelector));
  if (term.namespaceSelector !== undefined) checkLabelSelector(ctx, POD_AFFINITY, `${p}.namespaceSelector`, map(term.namespaceSelector));
  // Every bad namespace is reported at `namespace` (singular, no index), as the server does.
  list(term.namespaces).forEach(n => ctx.check(POD_AFFINITY, `${p}.namespace`, n, checkDns1123Label(n)));
  checkLabelKeys(ctx, POD_AFFINITY, p, term, list(term.mismatchLabelKeys));
  if (!term.topologyKey) ctx.required(POD_AFFINITY, `${p}.topologyKey`, 'can not be empty');
  else ctx.check(POD_AFFINITY, `${p}.topologyKey`, term.topologyKey, checkQualifiedName(term.topologyKey));
}

/**
 * `matchLabelKeys` (and an affinity term's `mismatchLabelKeys`): label keys, only beside a
 * `labelSelector`, none in both lists, none that the selector both matches by label and by
 * expression (the server reports that one at the term's path and the key's index).
 */
function checkLabelKeys(ctx: Ctx, rule: Rule, p: string, term: any, mismatch: any[]): void {
  const match = list(term.matchLabelKeys);
  const selector = term.labelSelector === undefined || term.labelSelector === null ? undefined : map(term.labelSelector);
  for (const [field, keys] of [['matchLabelKeys', match], ['mismatchLabelKeys', mismatch]] as const) {
    if (keys.length === 0) continue;
    if (selector === undefined) ctx.forbidden(rule, `${p}.${field}`, 'must not be specified when labelSelector is not set');
    else keys.forEach((k, i) => ctx.check(rule, `${p}.${field}[${i}]`, k, checkQualifiedName(k)));
  }
  if (selector !== undefined) {
    const seen = new Set(Object.keys(map(selector.matchLabels)));
    for (const e of list(selector.matchExpressions)) {
      const key = map(e).key;
      const i = match.lastIndexOf(key);
      if (i >= 0 && seen.has(key)) ctx.invalid(rule, `${p}[${i}]`, key, 'exists in both matchLabelKeys and labelSelector');
      seen.add(key);
    }
  }
  const mismatched = new Set(mismatch);
  match.forEach((k, i) => { if (mismatched.has(k)) ctx.invalid(rule, `${p}.matchLabelKeys[${i}]`, k, 'exists in both matchLabelKeys and mismatchLabelKeys'); });
}

function checkPodAffinity(ctx: Ctx, pa: any, p: string): void {
  list(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => checkPodAffinityTerm(ctx, map(t), `${p}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`));
  list(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((raw, i) => {
    const pp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    checkWeight(ctx, POD_AFFINITY, pp, map(raw).weight);
    checkPodAffinityTerm(ctx, map(map(raw).podAffinityTerm), `${pp}.podAffinityTerm`);
  });
}

function checkTopologySpread(ctx: Ctx, constraints: unknown, path: string): void {
  const all = list(constraints).map(map);
  all.forEach((c, k) => {
    const p = `${path}[${k}]`;
    if (!isInt(c.maxSkew) || c.maxSkew <= 0) ctx.invalid(TOPOLOGY_SPREAD, `${p}.maxSkew`, c.maxSkew, 'must be greater than zero');
    if (!c.topologyKey) ctx.required(TOPOLOGY_SPREAD, `${p}.topologyKey`, 'can not be empty');
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) ctx.notSupported(TOPOLOGY_SPREAD, `${p}.whenUnsatisfiable`, c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']);
    // The server reports the first of two constraints with one key/action pair.
    if (all.slice(k + 1).some(o => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      ctx.duplicate(TOPOLOGY_SPREAD, `${p}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey ?? ''}, ${c.whenUnsatisfiable ?? ''}}`);
    }
    if (c.minDomains !== undefined && (!isInt(c.minDomains) || c.minDomains <= 0)) ctx.invalid(TOPOLOGY_SPREAD, `${p}.minDomains`, c.minDomains, 'must be greater than zero');
    if (c.minDomains !== undefined && c.whenUnsatisfiable !== 'DoNotSchedule') ctx.invalid(TOPOLOGY_SPREAD, `${p}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable ?? ''}`);
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c[f] !== undefined && c[f] !== null && !['Honor', 'Ignore'].includes(c[f])) ctx.notSupported(TOPOLOGY_SPREAD, `${p}.${f}`, c[f], ['Honor', 'Ignore']);
    }
    checkLabelKeys(ctx, TOPOLOGY_SPREAD, p, c, []);
    if (c.labelSelector !== undefined && c.labelSelector !== null) checkLabelSelector(ctx, TOPOLOGY_SPREAD, `${p}.labelSelector`, map(c.labelSelector));
  });
}

function checkNames(ctx: Ctx, pod: any, P: string): void {
  for (const f of ['priorityClassName', 'serviceAccountName', 'runtimeClassName', 'nodeName']) {
    if (pod[f] !== undefined && pod[f] !== '') ctx.check(POD_NAMES, `${P}.${f}`, pod[f], checkDns1123Subdomain(String(pod[f])));
  }
  for (const f of ['hostname', 'subdomain']) {
    if (pod[f] !== undefined && pod[f] !== '') ctx.check(POD_NAMES, `${P}.${f}`, pod[f], checkDns1123Label(String(pod[f])));
  }
  list(pod.hostAliases).forEach((a, k) => {
    if (!isIp(map(a).ip)) ctx.invalid(POD_NAMES, `${P}.hostAliases[${k}].ip`, map(a).ip, 'must be a valid IP address');
    list(map(a).hostnames).forEach((h, m) => ctx.check(POD_NAMES, `${P}.hostAliases[${k}].hostnames[${m}]`, h, checkDns1123Subdomain(String(h))));
  });
  list(pod.readinessGates).forEach((g, k) => ctx.check(POD_NAMES, `${P}.readinessGates[${k}].conditionType`, map(g).conditionType, checkQualifiedName(String(map(g).conditionType ?? ''))));
  const gates = new Set<string>();
  list(pod.schedulingGates).forEach((g, k) => {
    const n = String(map(g).name ?? '');
    ctx.check(POD_NAMES, `${P}.schedulingGates[${k}]`, n, checkQualifiedName(n));
    if (gates.has(n)) ctx.duplicate(POD_NAMES, `${P}.schedulingGates[${k}]`, n);
    gates.add(n);
  });
  if (pod.preemptionPolicy !== undefined && !['PreemptLowerPriority', 'Never'].includes(pod.preemptionPolicy)) {
    ctx.notSupported(PREEMPTION_POLICY, `${P}.preemptionPolicy`, pod.preemptionPolicy, ['PreemptLowerPriority', 'Never']);
  }
}

const IPV4 = /^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

/** An IPv4 or IPv6 address (IPv6 loosely: hex groups and colons, at most one `::`). */
export function isIp(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  if (IPV4.test(v)) return true;
  return /^[0-9a-fA-F:.]+$/.test(v) && v.includes(':') && (v.match(/::/g) ?? []).length <= 1 && v.split(':').length <= 8;
}
