import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { chart, collector } from './helpers';
import { LogCollectorDaemonSetProps, LogCollectorEngine, LogOutput } from '../../../src';
import { fluentBitSection } from '../../../src/presets/log-collector/conf-text';

const FLUENTD = { engine: LogCollectorEngine.FLUENTD };

function errorOf(props: Partial<LogCollectorDaemonSetProps>): string {
  try {
    collector(chart(), props);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the collector to refuse its props');
}

/** What a message must not contain: the value as written, or as JSON escapes it. */
function leaks(message: string, value: string): boolean {
  return message.includes(value) || message.includes(JSON.stringify(value).slice(1, -1));
}

const TOKEN = 'hunter2-S3cr3t';

/**
 * Credentials in a URI's query or in a `key=value` client property land in the ConfigMap (and in
 * git, and in every `kubectl get configmap -o yaml`) like any other inline credential: each is
 * refused, naming the Secret reference to use instead, and the error never shows the credential.
 */
describe('credentials written inline are refused', () => {
  test.each(['token', 'api-key', 'apikey', 'password', 'secret', 'sig', 'access_token', 'key'])('the HTTP output uri with ?%s=', name => {
    for (const engine of [{}, FLUENTD]) {
      const message = errorOf({ ...engine, outputs: [LogOutput.http({ host: 'logs.example.com', uri: `/ingest?tenant=a&${name}=${TOKEN}` })] });
      // Before: accepted, and the token written into the ConfigMap (`URI /ingest?token=…`, Fluentd `endpoint http://…?token=…`).
      expect(message).toContain(`outputs[0].uri: Invalid value: "/ingest?tenant=a&${name}=***": carries a credential inline (the query parameter ${name})`);
      expect(message).toContain('secretHeaders');
      expect(message).not.toContain(TOKEN);
    }
  });

  test.each<[string, string, string, string]>([
    // librdkafka's OAUTHBEARER unsecured-JWT config is a space-separated key=value list.
    ['rdkafka.sasl.oauthbearer.config', `principal=fluent-bit clientSecret=${TOKEN}`, 'clientSecret', '"principal=fluent-bit clientSecret=***"'],
    // Fluentd kafka2's rdkafka_options is a JSON hash of librdkafka properties.
    ['rdkafka_options', `{"sasl.password":"${TOKEN}","acks":"all"}`, 'sasl.password', '"{\\"sasl.password\\":\\"***\\",\\"acks\\":\\"all\\"}"'],
    ['rdkafka.sasl.oauthbearer.client.secret', TOKEN, 'the parameter rdkafka.sasl.oauthbearer.client.secret', '*** (14 characters)'],
  ])('the Kafka property %s', (name, value, carrier, shown) => {
    const message = errorOf({ outputs: [LogOutput.kafka({ brokers: ['kafka:9092'], topic: 'logs', extraParameters: { [name]: value } })] });
    // Before: the first two were accepted and written into the ConfigMap as given.
    expect(message).toContain(`outputs[0].extraParameters[${name}]: Invalid value: ${shown}: carries a credential inline (${carrier})`);
    expect(message).toContain('envVariables with kplus.EnvValue.fromSecretValue');
    expect(message).not.toContain(TOKEN);
  });

  test('a percent-encoded parameter name is read as the server decodes it', () => {
    const message = errorOf({ outputs: [LogOutput.http({ host: 'logs.example.com', uri: `/ingest?%74oken=${TOKEN}` })] });
    // Before: accepted, and the token written into the ConfigMap (the server reads %74oken as token).
    expect(message).toContain('outputs[0].uri: Invalid value: "/ingest?%74oken=***": carries a credential inline (the query parameter %74oken)');
    expect(message).not.toContain(TOKEN);
  });

  test.each<[string, Partial<Parameters<typeof LogOutput.http>[0]>, string]>([
    // A fragment's parameters (OAuth's implicit flow): # is refused in uri, and the error showed the token.
    ['a fragment parameter in uri', { host: 'logs.example.com', uri: `/cb#access_token=${TOKEN}` }, 'outputs[0].uri: Invalid value: "/cb#access_token=***"'],
    // A percent-encoded user:password@ is no host name, and the error showed the password.
    ['a percent-encoded userinfo in host', { host: `elastic%3A${TOKEN}%40es` }, 'outputs[0].host: Invalid value: "***%40es"'],
  ])('the error refusing %s masks the credential', (_, props, shown) => {
    const message = errorOf({ outputs: [LogOutput.http({ host: 'logs.example.com', ...props })] });
    expect(message).toContain(shown);
    expect(message).not.toContain(TOKEN);
  });

  test('an Azure SAS URL in an extra parameter', () => {
    const message = errorOf({ outputs: [LogOutput.http({ host: 'h', extraParameters: { proxy: `https://x.blob.core.windows.net/c?sv=2022-11-02&sig=${TOKEN}` } })] });
    expect(message).toContain('extraParameters[proxy]: Invalid value: "https://x.blob.core.windows.net/c?sv=2022-11-02&sig=***": carries a credential inline (sig)');
  });

  test('what only points at a credential is no credential: a token file, a token endpoint, a reference', () => {
    expect(() => collector(chart(), {
      outputs: [LogOutput.kafka({
        brokers: ['kafka:9092'],
        topic: 'logs',
        extraParameters: { 'rdkafka.sasl.oauthbearer.token.endpoint.url': 'https://idp.example.com/token', 'rdkafka.sasl.oauthbearer.config': 'principal=${PRINCIPAL} clientSecret=${CLIENT_SECRET}' },
      })],
    })).not.toThrow();
    expect(() => collector(chart(), { outputs: [LogOutput.http({ host: 'h', uri: '/ingest?tenant=a&format=json' })] })).not.toThrow();
  });
});

describe('no error shows a credential', () => {
  test('a literal where a SecretKeySelector goes is masked, with its length', () => {
    // Before: `outputs[0].httpPasswd: Invalid value: "hunter2-S3cr3t": requires httpUser`.
    expect(errorOf({ outputs: [LogOutput.http({ host: 'h', httpPasswd: TOKEN as any })] }))
      .toContain('outputs[0].httpPasswd: Invalid value: *** (14 characters): requires httpUser');
    expect(errorOf({ outputs: [LogOutput.http({ host: 'h', secretHeaders: { 'X-Trace': `Bearer ${TOKEN}` as any } })] }))
      .toContain('outputs[0].secretHeaders[X-Trace]: Invalid value: *** (21 characters): must be a SecretKeySelector');
  });

  test('a password with the line break $(cat file) or an editor leaves: masked, and the line break named', () => {
    // Before: the one-line check came first and printed `"hunter2-S3cr3t\n"`.
    expect(errorOf({ outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { http_passwd: `${TOKEN}\n` } })] }))
      .toContain('extraParameters[http_passwd]: Invalid value: *** (15 characters, ending in a line break): carries a credential inline (the parameter http_passwd)');
  });

  test('a host or broker with a token in its query', () => {
    expect(errorOf({ outputs: [LogOutput.elasticsearch({ host: `es?token=${TOKEN}` })] })).toContain('outputs[0].host: Invalid value: "es?token=***": must be a bare host name');
    expect(errorOf({ outputs: [LogOutput.kafka({ brokers: [`kafka:9092?token=${TOKEN}`], topic: 't' })] }))
      .toContain('outputs[0].brokers[0]: Invalid value: "kafka:9092?token=***": must be host:port');
  });

  test('for any credential-looking parameter and any value, on either engine', () => {
    const name = fc.constantFrom('http_passwd', 'HTTP_Passwd', 'api_key', 'aws_sec_key', 'cloud_auth', 'bearer_token', 'tls.key_passwd', 'rdkafka.sasl.password');
    const value = fc.tuple(fc.string({ minLength: 6, maxLength: 30 }), fc.constantFrom('', '\n', ' ', '\r\n', '"')).map(([v, end]) => v + end);
    fc.assert(fc.property(name, value, fc.boolean(), (param, secret, fluentd) => {
      const message = errorOf({ ...(fluentd ? FLUENTD : {}), outputs: [LogOutput.elasticsearch({ host: 'es', extraParameters: { [param]: secret } })] });
      expect(leaks(message, secret)).toBe(false);
    }), { numRuns: 60 });
  });
});

describe('the renderers\' last line of defence never shows a credential either', () => {
  test('a value that would end its line, under a credential\'s key', () => {
    // Before: `fluent-bit.conf: refusing to write "HTTP_Passwd" "hunter2-S3cr3t\n"`.
    expect(() => fluentBitSection('OUTPUT', [['HTTP_Passwd', `${TOKEN}\n`]]))
      .toThrow('fluent-bit.conf: refusing to write "HTTP_Passwd" *** (15 characters, ending in a line break): a config line may not contain control characters');
  });
});

describe('a finding on a credential variable names the output prop that set it, not envVariables', () => {
  test('env-reference-missing on the Secret of outputs[1].httpPasswd points at that prop', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const c = chart();
      collector(c, {
        outputs: [LogOutput.stdout(), LogOutput.elasticsearch({ host: 'es', httpUser: { name: 'es-auth', key: 'user' }, httpPasswd: { name: 'es-auth', key: 'password' } })],
        envVariables: { EXTRA: kplus.EnvValue.fromSecretValue({ secret: kplus.Secret.fromSecretName(c, 'extra', 'extra-secret'), key: 'k' }) },
      });
      (c.node.root as any).synthYaml();
      const text = stderr.mock.calls.map(call => String(call[0])).join('');
      const hints = [...text.matchAll(/Secret (\S+) is not among the objects.*?\(env-reference-missing; prop: ([^)]+)\)/g)].map(m => `${m[1]} ${m[2]}`);
      expect(hints).toEqual(['logging/es-auth outputs[1].httpUser', 'logging/es-auth outputs[1].httpPasswd', 'logging/extra-secret envVariables']);
    } finally {
      stderr.mockRestore();
    }
  });
});
