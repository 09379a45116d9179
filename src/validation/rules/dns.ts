import { checkDns1123SubdomainWithUnderscore } from '../names';
import { error, RuleDef, SRC, warning } from './catalogue';
import { Ctx, list, map } from './context';
import { isIp } from './scheduling';

const A = 'dns';
export const DNS_RULES: RuleDef[] = [
  error(A, 'dns-policy', '`dnsPolicy` other than ClusterFirst, ClusterFirstWithHostNet, Default or None.', 'Use a listed policy (case-sensitive).', SRC.CORE),
  error(A, 'dns-config', '`dnsPolicy: None` without dnsConfig or nameservers; more than 3 nameservers or a non-IP one; more than 32 searches or over 2048 characters; an invalid search domain; an option without a name.', 'Follow the dnsConfig limits.', SRC.CORE),
  warning(A, 'host-network-dns-policy', 'hostNetwork with dnsPolicy ClusterFirst (the default): it silently behaves as Default, so cluster DNS names do not resolve.', 'Use `dnsPolicy: ClusterFirstWithHostNet` (the construct sets it with `hostNetwork`).', SRC.DNS),
];

const POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

export function checkDns(ctx: Ctx, pod: any, P: string): void {
  const policy = pod.dnsPolicy ?? 'ClusterFirst';
  if (!POLICIES.includes(policy)) ctx.notSupported('dns-policy', `${P}.dnsPolicy`, policy, POLICIES);
  if (pod.hostNetwork === true && policy === 'ClusterFirst') {
    ctx.report('host-network-dns-policy', `${P}.dnsPolicy`, 'ClusterFirst with hostNetwork behaves as Default; use ClusterFirstWithHostNet');
  }
  const cfg = pod.dnsConfig;
  if (policy === 'None' && cfg === undefined) return ctx.required('dns-config', `${P}.dnsConfig`, 'must provide `dnsConfig` when `dnsPolicy` is None');
  if (cfg === undefined) return;
  const c = map(cfg);
  const p = `${P}.dnsConfig`;
  const ns = list(c.nameservers);
  // The server stops at a nameserver-less None policy: nothing else of the config is checked.
  if (policy === 'None' && ns.length === 0) return ctx.required('dns-config', `${p}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None');
  if (ns.length > 3) ctx.invalid('dns-config', `${p}.nameservers`, ns, 'must not have more than 3 nameservers');
  ns.forEach((n, i) => { if (!isIp(n)) ctx.invalid('dns-config', `${p}.nameservers[${i}]`, n, 'must be valid IP address'); });
  const searches = list(c.searches);
  if (searches.length > 32) ctx.invalid('dns-config', `${p}.searches`, searches, 'must not have more than 32 search paths');
  if (searches.join(' ').length > 2048) ctx.invalid('dns-config', `${p}.searches`, searches, 'must not have more than 2048 characters (including spaces) in the search list');
  searches.forEach((s, i) => {
    if (s !== '.') ctx.check('dns-config', `${p}.searches[${i}]`, s, checkDns1123SubdomainWithUnderscore(String(s).replace(/\.$/, '')));
  });
  list(c.options).forEach((o, i) => { if (!map(o).name) ctx.required('dns-config', `${p}.options[${i}]`, 'must not be empty'); });
}
