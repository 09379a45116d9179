import { isIP } from 'net';
import { IConstruct } from 'constructs';
import { propError } from './internal/errors';
import { k8s, kplus } from './internal/kplus-adapter';
import { arrayProp, stringArrayProp } from './internal/shape';
import { checkDns1123Subdomain, DNS_CONFIG, DNS_POLICY } from './validation';

/**
 * The pod's resolver settings (`dnsConfig`), merged by the kubelet into what `dnsPolicy` generates.
 *
 * @see https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-dns-config
 */
export interface PodDnsConfig {
  /**
   * DNS servers, by IP address: at most 3.
   *
   * @default - none beyond the policy's
   */
  readonly nameservers?: string[];
  /**
   * Search domains: at most 32, 2048 characters in all.
   *
   * @default - none beyond the policy's
   */
  readonly searches?: string[];
  /**
   * Resolver options, e.g. `{ name: 'ndots', value: '2' }`.
   *
   * @default - none
   */
  readonly options?: kplus.DnsOption[];
}

/** Every `kplus.DnsPolicy`, for the check of a JavaScript caller's value. */
const DNS_POLICIES = new Set<string>(Object.values(kplus.DnsPolicy));

/**
 * The DNS policy, by default derived from the host network (`ClusterFirstWithHostNet` with it,
 * `ClusterFirst` without), and the checked `dnsConfig`: what the API server refuses is refused here.
 * @internal
 */
export function resolveDns(scope: IConstruct, hostNetwork: boolean, policy: kplus.DnsPolicy | undefined, config: PodDnsConfig | undefined):
{ policy: kplus.DnsPolicy; config?: k8s.PodDnsConfig } {
  const resolved = policy ?? (hostNetwork ? kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET : kplus.DnsPolicy.CLUSTER_FIRST);
  if (!DNS_POLICIES.has(resolved)) throw propError(scope, 'dnsPolicy', resolved, 'must be a kplus.DnsPolicy', DNS_POLICY);
  const nameservers = stringArrayProp(scope, 'dnsConfig.nameservers', config?.nameservers) ?? [];
  const searches = stringArrayProp(scope, 'dnsConfig.searches', config?.searches) ?? [];
  const options = arrayProp(scope, 'dnsConfig.options', config?.options) ?? [];
  if (resolved === kplus.DnsPolicy.NONE && nameservers.length === 0) {
    throw propError(scope, 'dnsConfig.nameservers', nameservers, 'dnsPolicy None needs at least one nameserver: the pod would have no resolver', DNS_CONFIG);
  }
  if (nameservers.length > 3) throw propError(scope, 'dnsConfig.nameservers', nameservers, 'at most 3 nameservers (the resolver reads no more)', DNS_CONFIG);
  nameservers.forEach((n, i) => {
    if (isIP(n) === 0) throw propError(scope, `dnsConfig.nameservers[${i}]`, n, 'must be an IPv4 or IPv6 address', DNS_CONFIG);
  });
  if (searches.length > 32) throw propError(scope, 'dnsConfig.searches', searches.length, 'at most 32 search domains', DNS_CONFIG);
  if (searches.join(' ').length > 2048) throw propError(scope, 'dnsConfig.searches', `${searches.join(' ').length} characters`, 'at most 2048 characters in all, spaces included', DNS_CONFIG);
  searches.forEach((d, i) => {
    const reason = checkDns1123Subdomain(d.replace(/\.$/, ''));
    if (reason) throw propError(scope, `dnsConfig.searches[${i}]`, d, reason, DNS_CONFIG);
  });
  options.forEach((o, i) => {
    if (typeof o?.name !== 'string' || o.name === '') throw propError(scope, `dnsConfig.options[${i}].name`, o?.name ?? null, 'is required', DNS_CONFIG);
  });
  if (config === undefined) return { policy: resolved };
  return {
    policy: resolved,
    config: {
      nameservers: nameservers.length > 0 ? nameservers : undefined,
      searches: searches.length > 0 ? searches : undefined,
      options: options.length > 0 ? options.map(o => ({ name: o.name, value: o.value })) : undefined,
    },
  };
}
