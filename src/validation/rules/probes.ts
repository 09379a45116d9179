import { checkPortName } from '../names';
import type { PodFacts } from './containers';
import { Ctx, isInt, list, map } from './context';
import { RuleArea, SRC } from './rule';
import { checkInt32 } from './types';
import { podSecurityViolations, PodSecurityLevel } from '../../security';

export const PROBE_AREA = new RuleArea('probes', 'src/validation/rules/probes.ts');
export const PROBE_HANDLER = PROBE_AREA.error('probe-handler', 'A probe or lifecycle hook with no handler, or with more than one (exec, httpGet, tcpSocket, grpc, sleep).', 'Give exactly one handler.', SRC.CORE);
export const PROBE_EXEC = PROBE_AREA.error('probe-exec', 'An `exec` handler with an empty command.', 'Give the command to run.', SRC.CORE);
export const PROBE_PORT = PROBE_AREA.error('probe-port', 'A probe port that is neither 1–65535 nor an IANA port name.', 'Use the port number or the container port\'s name.', SRC.CORE);
export const PROBE_HTTP = PROBE_AREA.error('probe-http', 'An httpGet scheme other than HTTP/HTTPS, or a header name outside `[-A-Za-z0-9]+`.', 'Use HTTP or HTTPS and plain header names.', SRC.CORE);
export const PROBE_THRESHOLDS = PROBE_AREA.error('probe-thresholds', 'A negative initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold or failureThreshold (0 means the default).', 'Use 0 or more.', SRC.CORE);
export const PROBE_SUCCESS_THRESHOLD = PROBE_AREA.error('probe-success-threshold', 'A liveness or startup probe with successThreshold other than 1.', 'Set `successThreshold: 1` (or leave it out).', SRC.CORE);
export const PROBE_TERMINATION_GRACE = PROBE_AREA.error('probe-termination-grace', 'A probe terminationGracePeriodSeconds ≤ 0, or one on a readiness probe.', 'Use a positive value on liveness/startup probes only.', SRC.CORE);
export const LIFECYCLE_SLEEP = PROBE_AREA.error('lifecycle-sleep', 'A lifecycle `sleep.seconds` that is negative or longer than terminationGracePeriodSeconds.', 'Sleep for less than the grace period.', SRC.CORE, { kubernetes: '1.30+' });
export const READINESS_PROBE_MISSING = PROBE_AREA.warning('readiness-probe-missing', 'Not reported on its own any more: a pod none of whose regular containers has a readiness probe is `readiness-gate-missing`, once per DaemonSet (a sidecar without a probe is ready while it runs). The id still silences that finding, as presets acknowledge it.', 'Add a readiness probe (the `readiness` prop).', SRC.PROBES, { linterIds: ['kube-linter:no-readiness-probe', 'kube-score:pod-probes', 'polaris:readinessProbeMissing'] });
export const PROBES_IDENTICAL = PROBE_AREA.warning('probes-identical', 'Liveness and readiness probes are identical: a slow daemon is restarted instead of being taken out of rotation.', 'Make the liveness probe more lenient (longer period, higher failureThreshold).', SRC.PROBES, { linterIds: ['kube-score:pod-probes-identical'] });
export const PROBE_PORT_NOT_DECLARED = PROBE_AREA.warning('probe-port-not-declared', 'A probe names a port the container does not declare (once per container and port; not for a probe with `host`, whose port is not on the pod IP).', 'Declare the port in `ports`, or probe a declared one.', SRC.PROBES, { linterIds: ['kube-linter:liveness-port', 'kube-linter:readiness-port', 'kube-linter:startup-port'], limits: 'A numeric port is reported only when the container declares some ports.' });
export const PROBE_HOST = PROBE_AREA.warning('probe-host', 'A probe or lifecycle httpGet/tcpSocket with `host` set: the kubelet probes that address instead of the pod; loopback without hostNetwork is the node. Not under hostNetwork for a loopback or link-local host, which is the daemon\'s own node (where it may listen only). The message names the Pod Security baseline refusal (any `host`, from 1.34) when the pod would pass baseline otherwise.', 'Remove `host` to probe the pod IP, after making the daemon listen there; or run the daemon with hostNetwork if it must listen on the node\'s loopback.', SRC.PSS, { limits: 'Under hostNetwork a host other than loopback or link-local is reported, even when it is an address of the node itself.' });

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const THRESHOLDS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];

export function checkProbePort(ctx: Ctx, path: string, port: unknown): void {
  if (typeof port === 'string') ctx.check(PROBE_PORT, path, port, checkPortName(port));
  else if (!isInt(port) || port < 1 || port > 65535) ctx.invalid(PROBE_PORT, path, port, 'must be between 1 and 65535, inclusive');
}

/** Handler rules shared by probes and lifecycle hooks; returns the single handler, if any. */
function checkHandler(ctx: Ctx, h: any, path: string, handlers: string[], facts: PodFacts): string | undefined {
  const set = handlers.filter(k => h[k] !== undefined && h[k] !== null);
  if (set.length === 0) { ctx.required(PROBE_HANDLER, path, 'must specify a handler type'); return undefined; }
  set.slice(1).forEach(k => ctx.forbidden(PROBE_HANDLER, `${path}.${k}`, 'may not specify more than 1 handler type'));
  if (h.exec !== undefined && list(map(h.exec).command).length === 0) ctx.required(PROBE_EXEC, `${path}.exec.command`);
  if (h.httpGet !== undefined) {
    const g = map(h.httpGet);
    checkProbePort(ctx, `${path}.httpGet.port`, g.port);
    if (g.scheme !== undefined && !['HTTP', 'HTTPS'].includes(g.scheme)) ctx.notSupported(PROBE_HTTP, `${path}.httpGet.scheme`, g.scheme, ['HTTP', 'HTTPS']);
    list(g.httpHeaders).forEach(hd => {
      if (!/^[-A-Za-z0-9]+$/.test(String(map(hd).name))) ctx.invalid(PROBE_HTTP, `${path}.httpGet.httpHeaders`, map(hd).name, 'name must be a valid HTTP header name');
    });
  }
  if (h.tcpSocket !== undefined) checkProbePort(ctx, `${path}.tcpSocket.port`, map(h.tcpSocket).port);
  if (h.grpc !== undefined) checkProbePort(ctx, `${path}.grpc.port`, map(h.grpc).port);
  for (const k of ['httpGet', 'tcpSocket']) {
    const host = map(h[k]).host;
    if (host) checkProbeHost(ctx, String(host), `${path}.${k}.host`, facts);
  }
  return set[0];
}

/**
 * A probe or hook `host`: the kubelet connects from the node's network namespace. Under
 * hostNetwork a loopback or link-local host is the daemon's own node, where it may listen only
 * (Cilium's health port on 127.0.0.1, NodeLocal DNSCache on 169.254.20.10): dropping `host`
 * would probe the node IP and restart a healthy daemon, so no warning. Without hostNetwork
 * loopback is the node, not the pod; any other host is probed instead of the pod.
 */
function checkProbeHost(ctx: Ctx, host: string, path: string, facts: PodFacts): void {
  if (facts.hostNetwork && isNodeLocal(host)) return;
  const baseline = passesBaselineOtherwise(facts.pod) ? '; Pod Security baseline refuses a probe `host` from Kubernetes 1.34' : '';
  ctx.report(PROBE_HOST, path, isLoopback(host)
    ? `host ${JSON.stringify(host)} is loopback, and the kubelet probes from the node's network namespace: it probes the node, not the pod${baseline}`
    : `the kubelet probes ${JSON.stringify(host)}, not the pod${baseline}`);
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Loopback, or link-local (169.254.0.0/16, fe80::/10): an address of the node itself. */
function isNodeLocal(host: string): boolean {
  return isLoopback(host) || /^169\.254\.\d+\.\d+$/.test(host) || /^fe[89ab][0-9a-f]:/i.test(host);
}

/** Whether the pod meets Pod Security baseline but for its probe and hook hosts. */
function passesBaselineOtherwise(pod: any): boolean {
  return podSecurityViolations(pod).every(v => v.requires !== PodSecurityLevel.PRIVILEGED || v.control === 'hostProbesAndHostLifecycle');
}

export function checkProbes(ctx: Ctx, c: any, path: string, init: boolean, facts: PodFacts): void {
  const undeclared = new Set<unknown>();
  for (const name of PROBES) {
    if (c[name] === undefined) continue;
    const probe = map(c[name]);
    const p = `${path}.${name}`;
    checkHandler(ctx, probe, p, HANDLERS, facts);
    for (const f of THRESHOLDS) {
      // Unset (or null) is the default: nothing to check, and no path to make.
      if (probe[f] === undefined || probe[f] === null) continue;
      if (isInt(probe[f]) && probe[f] < 0) ctx.invalid(PROBE_THRESHOLDS, `${p}.${f}`, probe[f], 'must be greater than or equal to 0');
      else checkInt32(ctx, `${p}.${f}`, probe[f]);
    }
    if (name !== 'readinessProbe' && isInt(probe.successThreshold) && probe.successThreshold > 1) {
      ctx.invalid(PROBE_SUCCESS_THRESHOLD, `${p}.successThreshold`, probe.successThreshold, 'must be 1');
    }
    if (probe.terminationGracePeriodSeconds !== undefined) {
      if (name === 'readinessProbe') ctx.invalid(PROBE_TERMINATION_GRACE, `${p}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes');
      else if (!(probe.terminationGracePeriodSeconds > 0)) ctx.invalid(PROBE_TERMINATION_GRACE, `${p}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, 'must be greater than 0');
    }
    checkDeclaredPort(ctx, c, probe, p, undeclared);
  }
  if (init) return;
  // A container without a readiness probe is no finding of its own: readiness-gate-missing reports the pod none gates.
  if (c.readinessProbe !== undefined && c.livenessProbe !== undefined && JSON.stringify(c.livenessProbe) === JSON.stringify(c.readinessProbe)) {
    ctx.report(PROBES_IDENTICAL, `${path}.livenessProbe`, 'identical to the readiness probe');
  }
}

/** A probe port the container does not declare, once per container and port; not for a probe with `host` (that port is not on the pod IP). */
function checkDeclaredPort(ctx: Ctx, c: any, probe: any, p: string, reported: Set<unknown>): void {
  const handler = ['httpGet', 'tcpSocket', 'grpc'].find(h => probe[h] !== undefined);
  if (!handler || map(probe[handler]).host) return;
  const port = map(probe[handler]).port;
  const declared = list(c.ports).some(cp => (typeof port === 'string' ? map(cp).name === port : map(cp).containerPort === port));
  if (!declared && (typeof port === 'string' || list(c.ports).length > 0) && !reported.has(port)) {
    reported.add(port);
    ctx.report(PROBE_PORT_NOT_DECLARED, `${p}.${handler}.port`, `port ${JSON.stringify(port)} is not among the container's ports`);
  }
}

export function checkLifecycle(ctx: Ctx, lifecycle: unknown, path: string, facts: PodFacts): void {
  const grace = facts.pod.terminationGracePeriodSeconds;
  for (const hook of ['postStart', 'preStop']) {
    const h = map(map(lifecycle)[hook]);
    if (map(lifecycle)[hook] === undefined) continue;
    const kind = checkHandler(ctx, h, `${path}.${hook}`, [...HANDLERS.filter(x => x !== 'grpc'), 'sleep'], facts);
    if (kind === 'sleep') {
      // An absent `seconds` decodes as 0.
      const s = map(h.sleep).seconds ?? 0;
      const max = isInt(grace) ? grace : 30;
      if (!isInt(s) || s < 0 || s > max) ctx.invalid(LIFECYCLE_SLEEP, `${path}.${hook}.sleep`, s, `must be non-negative and less than terminationGracePeriodSeconds (${max})`);
    }
  }
}
