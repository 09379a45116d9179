import { checkPortName } from '../names';
import { Ctx, isInt, list, map } from './context';
import { RuleArea, SRC } from './rule';
import { checkInt32 } from './types';

export const PROBE_AREA = new RuleArea('probes', 'src/validation/rules/probes.ts');
export const PROBE_HANDLER = PROBE_AREA.error('probe-handler', 'A probe or lifecycle hook with no handler, or with more than one (exec, httpGet, tcpSocket, grpc, sleep).', 'Give exactly one handler.', SRC.CORE);
export const PROBE_EXEC = PROBE_AREA.error('probe-exec', 'An `exec` handler with an empty command.', 'Give the command to run.', SRC.CORE);
export const PROBE_PORT = PROBE_AREA.error('probe-port', 'A probe port that is neither 1–65535 nor an IANA port name.', 'Use the port number or the container port\'s name.', SRC.CORE);
export const PROBE_HTTP = PROBE_AREA.error('probe-http', 'An httpGet scheme other than HTTP/HTTPS, or a header name outside `[-A-Za-z0-9]+`.', 'Use HTTP or HTTPS and plain header names.', SRC.CORE);
export const PROBE_THRESHOLDS = PROBE_AREA.error('probe-thresholds', 'A negative initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold or failureThreshold (0 means the default).', 'Use 0 or more.', SRC.CORE);
export const PROBE_SUCCESS_THRESHOLD = PROBE_AREA.error('probe-success-threshold', 'A liveness or startup probe with successThreshold other than 1.', 'Set `successThreshold: 1` (or leave it out).', SRC.CORE);
export const PROBE_TERMINATION_GRACE = PROBE_AREA.error('probe-termination-grace', 'A probe terminationGracePeriodSeconds ≤ 0, or one on a readiness probe.', 'Use a positive value on liveness/startup probes only.', SRC.CORE);
export const LIFECYCLE_SLEEP = PROBE_AREA.error('lifecycle-sleep', 'A lifecycle `sleep.seconds` that is negative or longer than terminationGracePeriodSeconds.', 'Sleep for less than the grace period.', SRC.CORE);
export const READINESS_PROBE_MISSING = PROBE_AREA.warning('readiness-probe-missing', 'A container without a readiness probe: a rolling update cannot tell a broken pod from a working one.', 'Add a readiness probe (the `readiness` prop).', SRC.PROBES, { linterIds: ['kube-linter:no-readiness-probe', 'kube-score:pod-probes', 'polaris:readinessProbeMissing'] });
export const PROBES_IDENTICAL = PROBE_AREA.warning('probes-identical', 'Liveness and readiness probes are identical: a slow daemon is restarted instead of being taken out of rotation.', 'Make the liveness probe more lenient (longer period, higher failureThreshold).', SRC.PROBES, { linterIds: ['kube-score:pod-probes-identical'] });
export const PROBE_PORT_NOT_DECLARED = PROBE_AREA.warning('probe-port-not-declared', 'A probe names a port the container does not declare.', 'Declare the port in `ports`, or probe a declared one.', SRC.PROBES, { linterIds: ['kube-linter:liveness-port', 'kube-linter:readiness-port', 'kube-linter:startup-port'] });
export const PROBE_HOST = PROBE_AREA.warning('probe-host', 'A probe or lifecycle httpGet/tcpSocket with `host` set (Pod Security baseline forbids it from 1.34).', 'Remove `host`; with hostNetwork the probe already targets the node.', SRC.PSS);

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];

export function checkProbePort(ctx: Ctx, path: string, port: unknown): void {
  if (typeof port === 'string') ctx.check(PROBE_PORT, path, port, checkPortName(port));
  else if (!isInt(port) || port < 1 || port > 65535) ctx.invalid(PROBE_PORT, path, port, 'must be between 1 and 65535, inclusive');
}

/** Handler rules shared by probes and lifecycle hooks; returns the single handler, if any. */
function checkHandler(ctx: Ctx, h: any, path: string, handlers: string[]): string | undefined {
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
    if (map(h[k]).host) ctx.report(PROBE_HOST, `${path}.${k}.host`, `host ${JSON.stringify(map(h[k]).host)} lets the kubelet probe another machine`);
  }
  return set[0];
}

export function checkProbes(ctx: Ctx, c: any, path: string, init: boolean): void {
  for (const name of PROBES) {
    if (c[name] === undefined) continue;
    const probe = map(c[name]);
    const p = `${path}.${name}`;
    checkHandler(ctx, probe, p, HANDLERS);
    for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
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
    checkDeclaredPort(ctx, c, probe, p);
  }
  if (init) return;
  if (c.readinessProbe === undefined) {ctx.report(READINESS_PROBE_MISSING, `${path}.readinessProbe`, 'no readiness probe');} else if (c.livenessProbe !== undefined && JSON.stringify(c.livenessProbe) === JSON.stringify(c.readinessProbe)) {
    ctx.report(PROBES_IDENTICAL, `${path}.livenessProbe`, 'identical to the readiness probe');
  }
}

function checkDeclaredPort(ctx: Ctx, c: any, probe: any, p: string): void {
  const handler = ['httpGet', 'tcpSocket', 'grpc'].find(h => probe[h] !== undefined);
  if (!handler) return;
  const port = map(probe[handler]).port;
  const declared = list(c.ports).some(cp => (typeof port === 'string' ? map(cp).name === port : map(cp).containerPort === port));
  if (!declared && (typeof port === 'string' || list(c.ports).length > 0)) {
    ctx.report(PROBE_PORT_NOT_DECLARED, `${p}.${handler}.port`, `port ${JSON.stringify(port)} is not among the container's ports`);
  }
}

export function checkLifecycle(ctx: Ctx, lifecycle: unknown, path: string, grace: unknown): void {
  for (const hook of ['postStart', 'preStop']) {
    const h = map(map(lifecycle)[hook]);
    if (map(lifecycle)[hook] === undefined) continue;
    const kind = checkHandler(ctx, h, `${path}.${hook}`, [...HANDLERS.filter(x => x !== 'grpc'), 'sleep']);
    if (kind === 'sleep') {
      // An absent `seconds` decodes as 0.
      const s = map(h.sleep).seconds ?? 0;
      const max = isInt(grace) ? grace : 30;
      if (!isInt(s) || s < 0 || s > max) ctx.invalid(LIFECYCLE_SLEEP, `${path}.${hook}.sleep`, s, `must be non-negative and less than terminationGracePeriodSeconds (${max})`);
    }
  }
}
