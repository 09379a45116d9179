import { checkDns1123SubdomainWithUnderscore } from '../names';
import { Ctx, list, map } from './context';
import { RuleArea, SRC } from './rule';
import { isIp } from './scheduling';

export const DNS_AREA = new RuleArea('dns', 'src/validation/rules/dns.ts');
export const DNS_POLICY = DNS_AREA.error('dns-policy', '`dnsPolicy` other than ClusterFirst, ClusterFirstWithHostNet, Default or None.', 'Use a listed policy (case-sensitive).', SRC.CORE);
export const DNS_CONFIG = DNS_AREA.error('dns-config', '`dnsPolicy: None` without dnsConfig or nameservers; more than 3 nameservers or a non-IP one; more than 32 searches or over 2048 characters; an invalid search domain; an option without a name.', 'Follow the dnsConfig limits.', SRC.CORE);
export const HOST_NETWORK_DNS_POLICY = DNS_AREA.warning('host-network-dns-policy', 'hostNetwork with dnsPolicy ClusterFirst (the default): it silently behaves as Default, so cluster DNS names do not resolve.', 'Use `dnsPolicy: ClusterFirstWithHostNet` (the construct sets it with `hostNetwork`).', SRC.DNS);

const POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

export function checkDns(ctx: Ctx, pod: any, P: string): void {
  const policy = pod.dnsPolicy ?? 'ClusterFirst';
  if (!POLICIES.includes(policy)) ctx.notSupported(DNS_POLICY, `${P}.dnsPolicy`, policy, POLICIES);
  if (pod.hostNetwork === true && policy === 'ClusterFirst') {
    ctx.report(HOST_NETWORK_DNS_POLICY, `${P}.dnsPolicy`, 'ClusterFirst with hostNetwork behaves as Default; use ClusterFirstWithHostNet');
  }
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
