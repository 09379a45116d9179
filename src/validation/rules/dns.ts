import { checkDns1123SubdomainWithUnderscore } from '../names';
import { Ctx, list, map } from './context';
import { RuleArea, SRC } from './rule';
import { isIp } from './scheduling';

export const DNS_AREA = new RuleArea('dns', 'src/validation/rules/dns.ts');
export const DNS_POLICY = DNS_AREA.error('dns-policy', '`dnsPolicy` other than ClusterFirst, ClusterFirstWithHostNet, Default or None.', 'Use a listed policy (case-sensitive).', SRC.CORE);
export const DNS_CONFIG = DNS_AREA.error('dns-config', '`dnsPolicy: None` without dnsConfig or nameservers; more than 3 nameservers or a non-IP one; more than 32 searches or over 2048 characters; an invalid search domain; an option without a name.', 'Follow the dnsConfig limits.', SRC.CORE);
export const HOST_NETWORK_DNS_POLICY = DNS_AREA.warning('host-network-dns-policy', 'hostNetwork with dnsPolicy ClusterFirst (the default), which silently behaves as Default, in a daemon that names a cluster Service (`<name>.<namespace>.svc`, `….svc.cluster.local`) in its env, args or command, or in a ConfigMap or Secret of the validated objects it reads: that name does not resolve. Not for network bootstrap daemons (a hostPath of /etc/cni/net.d, /opt/cni/bin or the xtables lock), which must not depend on cluster DNS.', 'Use `dnsPolicy: ClusterFirstWithHostNet` (the construct sets it with `hostNetwork`).', SRC.DNS, { limits: 'Reads env values, args, command, and the ConfigMaps and Secrets of the objects that the pod reads (those across objects only); a Service name from elsewhere (a Secret made by hand, a config file in the image) is missed.' });

const POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

export function checkDns(ctx: Ctx, pod: any, P: string): void {
  const policy = pod.dnsPolicy ?? 'ClusterFirst';
  if (!POLICIES.includes(policy)) ctx.notSupported(DNS_POLICY, `${P}.dnsPolicy`, policy, POLICIES);
  checkHostNetworkDns(ctx, pod, P);
  const cfg = pod.dnsConfig;
  if (policy === 'None' && cfg === undefined) return ctx.required(DNS_CONFIG, `${P}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None');
  if (cfg === undefined) return;
  const c = map(cfg);
  const p = `${P}.dnsConfig`;
  const ns = list(c.nameservers);
  // The server stops at a nameserver-less None policy: nothing else of the config is checked.
  if (policy === 'None' && ns.length === 0) return ctx.required(DNS_CONFIG, `${p}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  if (ns.length > 3) ctx.invalid(DNS_CONFIG, `${p}.nameservers`, ns, 'must not have more than 3 nameservers');
  ns.forEach((n, i) => { if (!isIp(n)) ctx.invalid(DNS_CONFIG, `${p}.nameservers[${i}]`, n, 'must be valid IP address'); });
  const searches = list(c.searches);
  if (searches.length > 32) ctx.invalid(DNS_CONFIG, `${p}.searches`, searches, 'must not have more than 32 search paths');
  if (searches.join(' ').length > 2048) ctx.invalid(DNS_CONFIG, `${p}.searches`, searches, 'must not have more than 2048 characters (including spaces) in the search list');
  searches.forEach((s, i) => {
    if (s !== '.') ctx.check(DNS_CONFIG, `${p}.searches[${i}]`, s, checkDns1123SubdomainWithUnderscore(String(s).replace(/\.$/, '')));
  });
  list(c.options).forEach((o, i) => { if (!map(o).name) ctx.required(DNS_CONFIG, `${p}.options[${i}]`, 'must not be empty'); });
}

/** Node paths only network bootstrap daemons mount (CNI config and plugins, kube-proxy's iptables lock). */
const BOOTSTRAP_PATHS = ['/etc/cni/net.d', '/opt/cni/bin', '/run/xtables.lock', '/var/run/xtables.lock'];
/** A cluster Service's DNS name: `<name>.<namespace>.svc`, or anything under `.svc.cluster.local`. */
const CLUSTER_NAME = /[a-z0-9]([-a-z0-9]*[a-z0-9])?\.[a-z0-9]([-a-z0-9]*[a-z0-9])?\.svc(\.cluster\.local)?(?![-a-z0-9])|[-a-z0-9.]*\.svc\.cluster\.local(?![-a-z0-9])/i;

/** The ConfigMaps and Secrets a pod reads (volumes, projected sources, envFrom, env keys), as `Kind/name`. */
export function podConfigReferences(pod: any): string[] {
  const refs: string[] = [];
  const add = (kind: string, name: unknown) => { if (typeof name === 'string' && name) refs.push(`${kind}/${name}`); };
  for (const raw of list(pod.volumes)) {
    const v = map(raw);
    add('ConfigMap', map(v.configMap).name);
    add('Secret', map(v.secret).secretName);
    for (const src of list(map(v.projected).sources)) { add('ConfigMap', map(map(src).configMap).name); add('Secret', map(map(src).secret).name); }
  }
  for (const c of [...list(pod.containers), ...list(pod.initContainers)].map(map)) {
    for (const e of list(c.envFrom).map(map)) { add('ConfigMap', map(e.configMapRef).name); add('Secret', map(e.secretRef).name); }
    for (const e of list(c.env).map(map)) { add('ConfigMap', map(map(e.valueFrom).configMapKeyRef).name); add('Secret', map(map(e.valueFrom).secretKeyRef).name); }
  }
  return refs;
}

/**
 * hostNetwork with dnsPolicy ClusterFirst resolves as Default, so a cluster Service name the
 * daemon uses does not resolve: reported when the pod's env, args or command name one, or (across
 * objects, with `configText`) a ConfigMap or Secret it reads does. Not for network bootstrap
 * daemons (a hostPath of /etc/cni/net.d, /opt/cni/bin or the xtables lock): ClusterFirstWithHostNet
 * would make them wait for cluster DNS, which waits for them. A daemon that names no cluster
 * Service loses nothing under Default.
 *
 * @param configText the text of a `Kind/name` ConfigMap or Secret of the set; without it, only the pod is read
 */
export function checkHostNetworkDns(ctx: Ctx, pod: any, P: string, configText?: (ref: string) => string | undefined): void {
  if (pod.hostNetwork !== true || (pod.dnsPolicy ?? 'ClusterFirst') !== 'ClusterFirst') return;
  if (list(pod.volumes).some(v => BOOTSTRAP_PATHS.includes(String(map(map(v).hostPath).path).replace(/\/+$/, '')))) return;
  const own = clusterName([...list(pod.containers), ...list(pod.initContainers)].flatMap(c => [
    ...list(map(c).command), ...list(map(c).args), ...list(map(c).env).map(e => map(e).value),
  ]).filter((t): t is string => typeof t === 'string'));
  if (configText === undefined) {
    if (own) ctx.report(HOST_NETWORK_DNS_POLICY, `${P}.dnsPolicy`, `the daemon names the cluster Service ${own}, but ClusterFirst with hostNetwork resolves as Default: use ClusterFirstWithHostNet`);
    return;
  }
  if (own) return;
  for (const ref of podConfigReferences(pod)) {
    const name = clusterName([configText(ref) ?? '']);
    if (name) return ctx.report(HOST_NETWORK_DNS_POLICY, `${P}.dnsPolicy`, `${ref} names the cluster Service ${name}, but ClusterFirst with hostNetwork resolves as Default: use ClusterFirstWithHostNet`);
  }
}

function clusterName(texts: readonly string[]): string | undefined {
  for (const t of texts) {
    const m = CLUSTER_NAME.exec(t);
    if (m) return m[0];
  }
  return undefined;
}
