import {
  basicAuthSecrets, checkCredentialPair, checkEndpoint, checkTls, fluentBitBasicAuth, fluentBitTls, fluentdEnv, OutputPlugin, scheme,
} from './plugin';
import { LogOutputOptions, LogOutputTls, SecretKeySelector } from './shared';
import { assertValid, propError } from '../../../internal/errors';
import { checkConfigLine, urlHost } from '../../config-values';
import { FluentdBlock as Block } from '../conf-text';
import type { CollectorPlan } from '../plan';

/**
 * A Grafana Loki output. With Fluentd, it needs an image with `fluent-plugin-grafana-loki`
 * (give `image`).
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs/loki
 * @see https://grafana.com/docs/loki/latest/send-data/fluentd/
 */
export interface LokiOutputOptions extends LogOutputOptions {
  /** Host name or IP of Loki (its distributor or gateway). */
  readonly host: string;
  /**
   * TCP port.
   *
   * @default 3100
   */
  readonly port?: number;
  /**
   * Extra stream labels, name → value. Values may use Fluent Bit record accessors
   * (`$kubernetes['labels']['app']`), which Fluentd gets translated to its own syntax
   * (`$.kubernetes.labels.app`); with Fluentd, its own syntax is accepted too. Static values are
   * non-empty, without `, = # { }`, quotes or backslashes. Keep labels few: every distinct value
   * set is a stream.
   *
   * @default - `job`, plus `namespace` and `container` from the Kubernetes metadata
   */
  readonly labels?: { [name: string]: string };
  /**
   * The tenant (`X-Scope-OrgID`, `tenant_id`) in a multi-tenant Loki.
   *
   * @default - no tenant header
   */
  readonly tenantId?: string;
  /**
   * Basic-auth user.
   *
   * @default - no authentication
   */
  readonly httpUser?: SecretKeySelector;
  /**
   * Basic-auth password. Requires `httpUser`.
   *
   * @default - no authentication
   */
  readonly httpPasswd?: SecretKeySelector;
  /**
   * TLS.
   *
   * @default - plain HTTP
   */
  readonly tls?: LogOutputTls;
}

/** Loki tenant IDs: at most 150 of `[A-Za-z0-9!-_.*'()]`, not `.` or `..` (`'` left out: it is Fluentd's quote). */
const LOKI_TENANT = /^[A-Za-z0-9!._*()-]{1,150}$/;
/** A Fluent Bit record accessor, `$key['sub']['key']`, or (Fluentd) `$.key.sub`. */
const FLUENT_BIT_ACCESSOR = /^\$[A-Za-z_][A-Za-z0-9_]*(\['[A-Za-z0-9_./-]+'\])*$/;
const FLUENTD_ACCESSOR = /^\$\.[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Grafana Loki (Fluent Bit `loki`, Fluentd `loki` from fluent-plugin-grafana-loki). @internal */
export function lokiOutput(options: LokiOutputOptions): OutputPlugin {
  return {
    kind: 'loki',
    options,
    fluentdVariant: null,
    check: c => {
      checkEndpoint(c, 'loki', options.host, options.port);
      checkTls(c, 'loki', options.tls);
      const tenant = options.tenantId;
      if (tenant !== undefined && (typeof tenant !== 'string' || !LOKI_TENANT.test(tenant) || tenant === '.' || tenant === '..')) {
        throw propError(c.at, `${c.prop}.tenantId`, tenant, "must be a Loki tenant ID: 1 to 150 letters, digits and ! - _ . * ( ), not '.' or '..'");
      }
      for (const [k, v] of Object.entries(options.labels ?? {})) {
        if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(k)) throw propError(c.at, `${c.prop}.labels`, k, 'a Loki label name is letters, digits and _');
        const where = `${c.prop}.labels[${k}]`;
        assertValid(c.at, where, v, checkConfigLine(v));
        if (v.startsWith('$')) {
          if (!FLUENT_BIT_ACCESSOR.test(v) && (c.fluentBit || !FLUENTD_ACCESSOR.test(v))) {
            throw propError(c.at, where, v, `must be a record accessor such as $kubernetes['labels']['app']${c.fluentBit ? '' : ' or $.kubernetes.labels.app'}, or a static value`);
          }
        } else if (/[,="'\\#{}]/.test(v)) {
          throw propError(c.at, where, v, 'a static label value must not contain , = quotes, backslashes, # or braces');
        }
      }
      checkCredentialPair(c, 'httpUser', options.httpUser, 'httpPasswd', options.httpPasswd);
    },
    secrets: o => basicAuthSecrets(o, options.httpUser, options.httpPasswd),
    fluentBit: (plan, o) => [
      ['Name', 'loki'], ['Host', options.host], ['Port', options.port ?? 3100],
      ['Labels', fluentBitLabels(plan, options)],
      ['Tenant_ID', options.tenantId],
      ['Line_Format', 'json'],
      ...fluentBitBasicAuth(o, options.httpUser, options.httpPasswd),
      ...fluentBitTls(options.tls),
    ],
    fluentd: (plan, o, b) => {
      const labels: { [k: string]: string } = { ...options.labels };
      const accessors = Object.keys(labels).filter(k => labels[k].startsWith('$')).sort();
      const statics: { [k: string]: string } = { job: 'fluentd' };
      Object.keys(labels).filter(k => !labels[k].startsWith('$')).sort().forEach(k => statics[k] = labels[k]);
      const label = new Block('label');
      if (plan.metadata) label.param('namespace', '$.kubernetes.namespace_name').param('container', '$.kubernetes.container_name');
      accessors.forEach(k => label.param(k, fluentdAccessor(labels[k])));
      return b.param('@type', 'loki').param('url', `${scheme(options.tls)}://${urlHost(options.host)}:${options.port ?? 3100}`)
        .param('username', options.httpUser ? fluentdEnv(`${o.envPrefix}HTTP_USER`) : undefined)
        .param('password', options.httpPasswd ? fluentdEnv(`${o.envPrefix}HTTP_PASSWD`) : undefined)
        .param('tenant', options.tenantId)
        .param('ca_cert', options.tls?.caFile)
        .param('insecure_tls', options.tls && options.tls.verify === false ? true : undefined)
        .json('extra_labels', statics)
        .param('line_format', 'json')
        .section(plan.metadata || accessors.length > 0 ? label : undefined);
    },
  };
}

function fluentBitLabels(plan: CollectorPlan, options: LokiOutputOptions): string {
  const labels: { [k: string]: string } = { job: 'fluent-bit' };
  if (plan.metadata) {
    labels.namespace = "$kubernetes['namespace_name']";
    labels.container = "$kubernetes['container_name']";
  }
  Object.assign(labels, options.labels);
  return Object.keys(labels).map(k => `${k}=${labels[k]}`).join(', ');
}

/**
 * Fluent Bit record accessors (`$kubernetes['labels']['app']`, the documented form) in
 * Fluentd's syntax: `$.kubernetes.labels.app`, or bracket notation for keys with `.`, `/` or `-`.
 * Fluentd's own `$.a.b` passes unchanged.
 */
function fluentdAccessor(value: string): string {
  if (value.startsWith('$.')) return value;
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)((?:\['[^']+'\])*)$/.exec(value)!;
  const keys = [m[1], ...[...m[2].matchAll(/\['([^']+)'\]/g)].map(k => k[1])];
  return keys.every(k => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) ? `$.${keys.join('.')}` : `$${keys.map(k => `['${k}']`).join('')}`;
}
