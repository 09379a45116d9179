import {
  basicAuthSecrets, checkCredentialPair, checkEndpoint, checkTls, fluentBitBasicAuth, fluentBitEnv, fluentBitTls, fluentdEnv, inlineCredential,
  OutputCheck, OutputPlugin, OutputSecret, PlannedOutput, scheme,
} from './plugin';
import { LogOutputOptions, LogOutputTls, SecretKeySelector } from './shared';
import { assertValid, propError } from '../../../internal/errors';
import { inlineCredentialIn, knownSecret } from '../../../internal/redact';
import { checkFluentdSafe, checkHeaderName, fluentdDoubleQuotedText, isCredentialHeader, urlHost } from '../../config-values';
import { FluentdBlock as Block } from '../conf-text';

/**
 * The body format of an HTTP output.
 */
export enum HttpOutputFormat {
  /** One JSON array per request. */
  JSON = 'json',
  /** One JSON object per line. */
  JSON_LINES = 'json_lines',
}

/**
 * A generic HTTP output.
 *
 * @see https://docs.fluentbit.io/manual/pipeline/outputs/http
 * @see https://docs.fluentd.org/output/http
 */
export interface HttpOutputOptions extends LogOutputOptions {
  /** Host name or IP. */
  readonly host: string;
  /**
   * TCP port.
   *
   * @default 443 with `tls`, else 80
   */
  readonly port?: number;
  /**
   * Request path.
   *
   * @default '/'
   */
  readonly uri?: string;
  /**
   * Body format.
   *
   * @default HttpOutputFormat.JSON_LINES
   */
  readonly format?: HttpOutputFormat;
  /**
   * Plain request headers, name → value. Credentials (Authorization, API keys, tokens, cookies) belong in `secretHeaders`.
   *
   * @default - none
   * @throws if a name is not an RFC 7230 token or is also in `secretHeaders`, a header looks like a credential, or a value spans lines or contains `#{`
   */
  readonly headers?: { [name: string]: string };
  /**
   * Request headers whose values come from Secrets, name → Secret key.
   *
   * @default - none
   * @throws if a name is not an RFC 7230 token, or two names differ only in case or punctuation
   */
  readonly secretHeaders?: { [name: string]: SecretKeySelector };
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

/** Any HTTP endpoint (`http`). @internal */
export function httpOutput(options: HttpOutputOptions): OutputPlugin {
  const port = options.port ?? (options.tls ? 443 : 80);
  const headerEnv = (envPrefix: string, header: string) => `${envPrefix}HEADER_${header.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const plain = () => Object.keys(options.headers ?? {}).sort();
  const secret = () => Object.keys(options.secretHeaders ?? {}).sort();
  return {
    kind: 'http',
    options,
    check: c => {
      checkEndpoint(c, 'http', options.host, options.port);
      checkTls(c, 'http', options.tls);
      if (options.uri !== undefined && (typeof options.uri !== 'string' || !/^\/[A-Za-z0-9._~!$&()*+,;=:@%/?-]*$/.test(options.uri))) {
        throw propError(c.at, `${c.prop}.uri`, options.uri, 'must be a path starting with /, of URL characters only (no white space, quotes or #)');
      }
      const inUri = options.uri === undefined ? undefined : inlineCredentialIn(options.uri);
      if (inUri) throw inlineCredential(c, `${c.prop}.uri`, options.uri, `the query parameter ${inUri}`, SECRET_HEADER);
      checkHeaders(c, options);
      checkCredentialPair(c, 'httpUser', options.httpUser, 'httpPasswd', options.httpPasswd);
      // Two secret headers whose names differ only in case or punctuation would share one variable.
      const byEnv = new Map<string, string>();
      for (const h of secret()) {
        const envName = headerEnv(c.envPrefix, h);
        if (byEnv.has(envName)) {
          throw propError(c.at, `${c.prop}.secretHeaders`, h,
            `maps to the environment variable ${envName}, as does secretHeaders[${byEnv.get(envName)}]: header names that differ only in case or punctuation collide`);
        }
        byEnv.set(envName, h);
      }
    },
    secrets: o => [
      ...basicAuthSecrets(o, options.httpUser, options.httpPasswd),
      ...secret().map(h => [`secretHeaders[${h}]`, headerEnv(o.envPrefix, h), options.secretHeaders![h]] as OutputSecret),
    ],
    fluentBit: (_plan, o) => [
      ['Name', 'http'], ['Host', options.host], ['Port', port], ['URI', options.uri ?? '/'],
      ['Format', options.format ?? 'json_lines'],
      ...plain().map(h => ['Header', `${h} ${options.headers![h]}`] as [string, string]),
      ...secret().map(h => ['Header', `${h} ${fluentBitEnv(headerEnv(o.envPrefix, h))}`] as [string, string]),
      ...fluentBitBasicAuth(o, options.httpUser, options.httpPasswd), ...fluentBitTls(options.tls),
    ],
    fluentd: (_plan, o, b) => httpTo(o, b, {
      endpoint: `${scheme(options.tls)}://${urlHost(options.host)}:${port}${options.uri ?? '/'}`,
      jsonArray: (options.format ?? 'json_lines') === 'json',
      headers: [
        ...plain().map(h => [h, { text: options.headers![h] }] as [string, HeaderValue]),
        ...secret().map(h => [h, { env: headerEnv(o.envPrefix, h) }] as [string, HeaderValue]),
      ],
      tls: options.tls,
      httpUser: options.httpUser,
      httpPasswd: options.httpPasswd,
    }),
  };
}

/** Plain headers: names are tokens, values one line, and nothing that looks like a credential. */
function checkHeaders(c: OutputCheck, options: HttpOutputOptions): void {
  const secretNames = new Set(Object.keys(options.secretHeaders ?? {}).map(h => h.toLowerCase()));
  const plainNames = new Map<string, string>();
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    assertValid(c.at, `${c.prop}.headers`, name, checkHeaderName(name));
    const where = `${c.prop}.headers[${name}]`;
    if (isCredentialHeader(name)) throw inlineCredential(c, where, knownSecret(value), `the header ${name}`, SECRET_HEADER);
    const carrier = typeof value === 'string' ? inlineCredentialIn(value) : undefined;
    if (carrier) throw inlineCredential(c, where, value, carrier, SECRET_HEADER);
    assertValid(c.at, where, value, checkFluentdSafe(value));
    const lower = name.toLowerCase();
    if (plainNames.has(lower)) throw propError(c.at, `${c.prop}.headers`, name, `duplicates the header ${plainNames.get(lower)} (header names are case-insensitive)`);
    plainNames.set(lower, name);
    if (secretNames.has(lower)) throw propError(c.at, `${c.prop}.headers`, name, 'is also in secretHeaders: give each header once');
  }
  for (const name of Object.keys(options.secretHeaders ?? {})) assertValid(c.at, `${c.prop}.secretHeaders`, name, checkHeaderName(name));
}

/** Where an HTTP output's credential goes instead of the URI or a plain header. */
const SECRET_HEADER = 'send it as a header read from a Secret (secretHeaders: { "X-Api-Key": { name, key } }), or as basic auth (httpUser/httpPasswd)';

/** A header's value: literal text, or the environment variable holding a Secret's value. */
type HeaderValue = { text: string } | { env: string };

/**
 * `headers` as a JSON hash inside a double-quoted value, where Fluentd expands the `#{ENV[...]}`
 * of secret headers. Literal text is JSON-escaped, then escaped for the double-quoted string
 * (`\`, `"`, `#`), so it can neither end the string nor form a `#{`.
 */
function fluentdHeaders(headers: Array<[string, HeaderValue]>): string {
  const entries = headers.map(([name, v]) => {
    const value = 'text' in v ? fluentdDoubleQuotedText(JSON.stringify(v.text)) : `\\"#{ENV['${v.env}']}\\"`;
    return `${fluentdDoubleQuotedText(JSON.stringify(name))}:${value}`;
  });
  return `"{${entries.join(',')}}"`;
}

/** Where and how Fluentd's `http` output posts. @internal */
export interface HttpTarget {
  readonly endpoint: string;
  readonly jsonArray: boolean;
  readonly headers: Array<[string, HeaderValue]>;
  readonly tls?: LogOutputTls;
  readonly httpUser?: SecretKeySelector;
  readonly httpPasswd?: SecretKeySelector;
}

/** Fluentd's `http` output: the HTTP output, and Logstash's `http` input. @internal */
export function httpTo(o: PlannedOutput, b: Block, to: HttpTarget): Block {
  b.param('@type', 'http').param('endpoint', to.endpoint).param('json_array', to.jsonArray)
    .param('tls_verify_mode', to.tls ? (to.tls.verify === false ? 'none' : 'peer') : undefined).param('tls_ca_cert_path', to.tls?.caFile);
  if (to.headers.length > 0) b.param('headers', fluentdHeaders(to.headers));
  b.section(new Block('format').param('@type', 'json'));
  if (to.httpUser) {
    b.section(new Block('auth').param('method', 'basic')
      .param('username', fluentdEnv(`${o.envPrefix}HTTP_USER`))
      .param('password', to.httpPasswd ? fluentdEnv(`${o.envPrefix}HTTP_PASSWD`) : undefined));
  }
  return b;
}
