import * as fc from 'fast-check';
import { DaemonSetValidator } from '../../src';
import { hasUserinfoPassword, inlineCredentialIn, isSecretLocation, isSecretName, isSecretPath, knownSecret, masked, namesCredential, redactText, shownArg, shownValue } from '../../src/internal/redact';
import { baseDaemonSet } from '../validation/base';

describe('isSecretName', () => {
  test.each([
    'DB_PASSWORD', 'httpPasswd', 'clientSecret', 'access_token', 'api-key', 'apikey', 'X-Api-Key', 'sig', 'aws_sec_key',
    'rdkafka.sasl.password', 'sasl.oauthbearer.client.secret', 'AUTH', 'saslPassword', 'awsSecretAccessKey', 'Authorization',
    // One word ending in a credential's name (libpq's PGPASSWORD, npm's NPM_TOKEN spelled together).
    'PGPASSWORD', 'mysqlpasswd', 'apitoken', 'clientsecret', '--pgpassword',
  ])('%s names a credential', name => expect(isSecretName(name)).toBe(true));

  test.each([
    'tag_key', 'time_key', 'key', 'runAsUser', 'secretName', 'bearer_token_file', 'rdkafka.sasl.oauthbearer.token.endpoint.url',
    'tokenExpirationSeconds', 'imagePullSecrets', 'signal', 'passthrough', 'sessionAffinity', 'user_agent', 'secretKeyRef',
  ])('%s does not', name => expect(isSecretName(name)).toBe(false));

  test('a lone key is a credential only as a query parameter (?key= is an API key)', () => {
    expect(isSecretName('key', true)).toBe(true);
    expect(isSecretName('tag_key', true)).toBe(false);
  });
});

describe('isSecretPath', () => {
  test.each([
    'spec.template.spec.containers[0].env[3].value', 'spec.template.spec.initContainers[1].livenessProbe.httpGet.httpHeaders[0].value',
    'envVariables[LOG_LEVEL]', 'outputs[0].extraParameters[http_passwd]', 'outputs[0].httpPasswd', 'outputs[1].secretHeaders[X-Trace]',
    'sidecars[0].envVariables[A]',
  ])('%s holds a credential', path => expect(isSecretPath(path)).toBe(true));

  test.each([
    'spec.template.spec.containers[0].env[3].name', 'outputs[0].httpPasswd.name', 'outputs[0].saslPassword.key', 'nodeSelector[a]',
    'args[2]', 'metadata.labels[app]', 'outputs[0].secretHeaders', 'tolerations[0].key', 'outputs[0].extraParameters[uri]', 'spec.minReadySeconds',
  ])('%s does not', path => expect(isSecretPath(path)).toBe(false));
});

describe('masked', () => {
  test('*** and the length, and the white space that is often the mistake', () => {
    expect(masked('hunter2')).toBe('*** (7 characters)');
    expect(masked('hunter2\n')).toBe('*** (8 characters, ending in a line break)');
    expect(masked(' hunter2 ')).toBe('*** (9 characters, starting with white space, ending in white space)');
    expect(masked(12345678)).toBe('*** (8 characters)');
    expect(masked({ a: 'x' })).toBe('*** (an object)');
  });
});

describe('inline credentials in text', () => {
  test.each<[string, string, string]>([
    ['/ingest?token=abc123', 'token', '/ingest?token=***'],
    ['/ingest?sv=2020-08-04&sig=abc%2B123&se=2030', 'sig', '/ingest?sv=2020-08-04&sig=***&se=2030'],
    ['/v1?api-key=abc123', 'api-key', '/v1?api-key=***'],
    ['/v1?apikey=abc123', 'apikey', '/v1?apikey=***'],
    ['/v1?key=AIzaSy123', 'key', '/v1?key=***'],
    ['/v1?password=abc&user=u', 'password', '/v1?password=***&user=u'],
    ['https://u:pa55@logs.example.com/x', 'user:password@', 'https://***@logs.example.com/x'],
    ['u:pa55@kafka:9092', 'user:password@', '***@kafka:9092'],
    ['https://ghp_abc123@git.example.com/x', 'user:password@', 'https://***@git.example.com/x'],
    ['principal=svc clientSecret=abc123 scope=logs', 'clientSecret', 'principal=svc clientSecret=*** scope=logs'],
    ['{"sasl.password":"abc123","acks":"1"}', 'sasl.password', '{"sasl.password":"***","acks":"1"}'],
    ['--password=abc123', 'password', '--password=***'],
    ['--db.password="a b, c"', 'db.password', '--db.password=***'],
    ['--web.auth-token abc123', 'web.auth-token', '--web.auth-token ***'],
    ['Bearer abc.def.ghi', 'Bearer', 'Bearer ***'],
    // A fragment's parameters (OAuth's implicit flow), a percent-encoded name, a percent-encoded userinfo.
    ['/cb#access_token=abc123&state=s', 'access_token', '/cb#access_token=***&state=s'],
    ['/v1?%74oken=abc123', '%74oken', '/v1?%74oken=***'],
    ['elastic%3Apa55%40es', 'user:password@', '***%40es'],
    ['elastic:pa55%40es', 'user:password@', '***%40es'],
  ])('%s carries a credential (%s)', (text, name, redacted) => {
    expect(inlineCredentialIn(text)).toBe(name);
    expect(redactText(text)).toBe(redacted);
  });

  test.each([
    '/ingest?tenant=a&format=json', 'clientId=a scope=logs', '/v1?token=${TOKEN}', "token=\"#{ENV['TOKEN']}\"", '--token=$(TOKEN)',
    'rdkafka.sasl.oauthbearer.token.endpoint.url=https://idp/token', 'https://logs.example.com:443/a@b', 'tag_key=k',
    '/docs#section=2', '/v1?%74ag=a', 'es%40host',
  ])('%s does not', text => {
    expect(inlineCredentialIn(text)).toBeUndefined();
    expect(redactText(text)).toBe(text);
  });
});

describe('redaction reads a text in linear time', () => {
  // Each shape made a pattern restart at every character and read to the end: quadratic, about
  // 30 s for 100 kB of letters (an object named 'a' x 100000), so an hour for 1 MB. Linear, 1 MB takes
  // well under a second; the timeout only catches the quadratic version. Speed targets live in the bench.
  const MB = 1_000_000;
  test.each([
    ['letters (a scheme never followed by ://)', 'a'],
    ['schemes without userinfo', 'a://'],
    ['pairs whose ${ never closes', ',a=${'],
  ])('1 MB of %s', (_, unit) => {
    const text = unit.repeat(MB / unit.length);
    expect(redactText(text)).toBe(text);
  }, 30_000);

  test('1 MB with a credential at the end is still masked', () => {
    const text = 'a'.repeat(MB) + ' https://u:hunter2@host/x';
    expect(redactText(text)).toBe('a'.repeat(MB) + ' https://***@host/x');
  }, 30_000);

  test('the scheme before :// starts at its first letter, as RFC 3986 spells it', () => {
    expect(redactText('9postgres://u:pw@h/db')).toBe('9postgres://***@h/db');
    expect(redactText('x=1://u:pw@h')).toBe('x=1://u:pw@h');
    expect(redactText('a://b://u:pw@h')).toBe('a://b://***@h');
  });
});

/** What a message must not contain: the value, as written or as JSON escapes it. */
function leaks(text: string, value: string): boolean {
  return text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1));
}

const secretName = fc.constantFrom('DB_PASSWORD', 'httpPasswd', 'api_key', 'clientSecret', 'ACCESS_TOKEN', 'X-Auth-Token', 'sig');
/** Any value, including the trailing line break or space `$(cat token)` and editors leave. */
const secretValue = fc.tuple(fc.string({ minLength: 6, maxLength: 40 }), fc.constantFrom('', '\n', ' ', '\r\n'))
  .map(([v, end]) => v + end);

describe('shownValue', () => {
  test('a value under a secret-looking name is never shown, whatever it is', () => {
    fc.assert(fc.property(secretName, secretValue, fc.constantFrom('envVariables[%]', 'outputs[0].extraParameters[%]', '%', 'a.%'), (name, value, at) => {
      const text = shownValue(value, at.replace('%', name));
      expect(leaks(text, value)).toBe(false);
      expect(text).toContain(`(${value.length} characters`);
    }));
  });

  test('an env value is never shown, whatever its name', () => {
    fc.assert(fc.property(fc.string(), secretValue, (_name, value) => {
      expect(leaks(shownValue(value, 'spec.template.spec.containers[0].env[0].value'), value)).toBe(false);
      expect(leaks(shownValue({ nested: value }, 'spec.template.spec.containers[0].env[0].value'), value)).toBe(false);
    }));
  });

  test('other values are shown as the API server prints them', () => {
    expect(shownValue('web', 'metadata.labels[app]')).toBe('"web"');
    expect(shownValue(NaN, 'spec.minReadySeconds')).toBe('NaN');
    expect(shownValue(true, 'outputs[0].httpPasswd')).toBe('true');
    expect(shownValue(10n)).toBe('10');
    expect(shownValue(Symbol('x'))).toBe('a Symbol');
  });

  test('a value the caller knows is a credential is masked wherever it is', () => {
    expect(shownValue(knownSecret('admin'), 'outputs[0].extraParameters[http_user]')).toBe('*** (5 characters)');
  });

  test('a command-line item after a secret-looking flag is masked whole', () => {
    expect(shownArg(['--db.password', 'abc123'], 1)).toBe('*** (6 characters)');
    expect(shownArg(['--log.level', 'debug'], 1)).toBe('"debug"');
    expect(shownArg(['--token=abc123'], 0)).toBe('"--token=***"');
  });

  test('a URI with a token in its query shows the URI without the token', () => {
    fc.assert(fc.property(fc.constantFrom('token', 'api-key', 'apikey', 'password', 'secret', 'sig', 'access_token'),
      fc.stringMatching(/^[A-Za-z0-9%._~-]{6,30}$/), (name, value) => {
        const text = shownValue(`/ingest?tenant=a&${name}=${value}`, 'outputs[0].uri');
        expect(text).not.toContain(value);
        expect(text).toContain('tenant=a');
      }));
  });
});

describe('one list of secret-like names: what env-literal-secret flags is what redaction masks', () => {
  /** Whether the validator warns that env var `name` holds a literal secret. */
  const flagged = (name: string) => {
    const ds = baseDaemonSet();
    ds.spec.template.spec.containers[0].env = [{ name, value: 's3cr3t-value' }];
    return DaemonSetValidator.validate(ds).some(f => f.rule === 'env-literal-secret');
  };
  /** Whether redaction masks a value named `name`: as an object field and as a `--name=value` flag. */
  const maskedBoth = (name: string) => [shownValue({ [name]: 's3cr3t-value' }), redactText(`--${name}=s3cr3t-value`)]
    .map(text => !text.includes('s3cr3t-value'));

  test.each([
    'DB_PASSWORD', 'PGPASSWORD', 'clientSecret', 'API_KEY', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN', 'SESSION_COOKIE', 'JWT', 'PRIVATE_KEY', 'DB_PASS',
  ])('%s: flagged and masked', name => {
    expect([flagged(name), ...maskedBoth(name)]).toEqual([true, true, true]);
  });

  // Names that say where a secret is, and words that only contain a secret word (TOKENIZER, a
  // substring the old env-only pattern matched), are neither.
  test.each([
    'TOKEN_PATH', 'PASSWORD_FILE', 'SECRET_FILENAME', 'SECRET_LOCATION', 'TOKEN_URL', 'TOKENIZER_MODEL', 'TAG_KEY', 'LOG_LEVEL',
  ])('%s: neither flagged nor masked', name => {
    expect([flagged(name), ...maskedBoth(name)]).toEqual([false, false, false]);
  });
});

describe('namesCredential: the name ends in the credential, so its value is one', () => {
  test.each(['--password', '--db-password', 'redis.password', '--api-key', 'client-secret', 'auth-token', 'PGPASSWORD', 'HTTP_Passwd', 'example.com/password'.split('/')[1]])(
    '%s', name => expect(namesCredential(name)).toBe(true));
  // isSecretName counts these (a credential's word anywhere): they are settings about one.
  test.each(['--cookie-domain', '--auth-mode', '--token-ttl', '--password-stdin', 'service-account-token-expiration', '--authorization-mode'])(
    '%s is a setting about a credential', name => expect([isSecretName(name), namesCredential(name)]).toEqual([true, false]));
  test.each(['--password-file', '--token-path', '--tag-key', ''])('%s is neither', name => expect([isSecretName(name), namesCredential(name)]).toEqual([false, false]));
  // The quick test before the split into words must not miss a name whose characters lower-case to a credential's word.
  test.each(['API_\u212AEY'])('%s lower-cases to a credential\'s name', name => {
    expect([isSecretName(name), namesCredential(name)]).toEqual([true, true]);
  });
});

describe('isSecretLocation: where a credential is, not what it is', () => {
  test.each(['$(DB_PASSWORD)', '${TOKEN}', '$TOKEN', '$(cat /run/secrets/token)', '/etc/secret/token', 'C:\\secrets\\key', '~/.pgpass', './token', 'file:///etc/token', 'secret/data/agent', 'kube-system/tls'])(
    '%s', value => expect(isSecretLocation(value)).toBe(true));
  test.each(['hunter2', 'S3cret/Key+base64=', 'changeme', 'abc.def'])('%s is a value', value => expect(isSecretLocation(value)).toBe(false));
});

describe('hasUserinfoPassword: redaction\'s userinfo, with a password part', () => {
  test.each(['https://user:pw@host', 'redis://:pw@redis:6379', 'exporter:pw@tcp(db:3306)/', 'elastic%3Apw%40es:9200', 'admin%3Apw%40', '{"user:password@": "pw@x"}'])('%s', text => expect(hasUserinfoPassword(text)).toBe(true));
  test.each(['https://user@host', 'ssh://git@github.com/org/repo', 'https://user:@host', 'https://user:$(PASSWORD)@host', 'unix:///csi/csi.sock', 'user@example.com', '0.0.0.0:9100',
    `pause:3.10@sha256:${'a'.repeat(64)}`])(
    '%s has none', text => expect(hasUserinfoPassword(text)).toBe(false));
});
