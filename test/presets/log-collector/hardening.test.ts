import { Duration, Size } from 'cdk8s';
import { chart, collector, parseFluentBit, parseFluentd, allBlocks, param } from './helpers';
import { LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogCollectorEngine, LogOutput, LogParserFormat } from '../../../src';
import { checkHostOrIp, fluentdValue, isCredentialHeader, isCredentialParameter } from '../../../src/presets/config-values';
import { FluentdBlock, fluentBitSection } from '../../../src/presets/log-collector/conf-text';

/**
 * The findings of an adversarial review of the log collector: every string that reaches a config
 * file is checked, so none can add a section, a directive or Ruby code; bad props throw a
 * propError naming the prop, never a TypeError.
 */
const FD = { engine: LogCollectorEngine.FLUENTD };
const secret = (name: string) => ({ name, key: 'value' });
const es = (extra: object) => LogOutput.elasticsearch({ host: 'es', ...extra });
const http = (extra: object) => LogOutput.http({ host: 'h', ...extra });

function errorOf(props: Partial<LogCollectorDaemonSetProps>): string {
  try {
    collector(chart(), props);
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

describe('config-bound strings are refused when they could inject', () => {
  test.each<[string, Partial<LogCollectorDaemonSetProps>, RegExp]>([
    // 1. tls.serverName
    ['serverName with a section', { outputs: [es({ tls: { serverName: 'es\n[OUTPUT]\n    Name stdout\n    Match *' } })] }, /outputs\[0\]\.tls\.serverName: Invalid value: "es\\n\[OUTPUT\].*must be a DNS name/],
    ['serverName an IP', { outputs: [es({ tls: { serverName: '10.0.0.1' } })] }, /tls\.serverName: Invalid value: "10\.0\.0\.1": must be a DNS name/],
    // 2. paths
    ['caFile with a newline', { outputs: [es({ tls: { caFile: '/ca\n[OUTPUT]' } })] }, /outputs\[0\]\.tls\.caFile: Invalid value: "\/ca\\n\[OUTPUT\]": must be a path/],
    ['caFile closing </match> (Fluentd)', { ...FD, outputs: [es({ tls: { caFile: '/ca\n</match>' } })] }, /outputs\[0\]\.tls\.caFile: Invalid value/],
    ['caFile with a space', { outputs: [es({ tls: { caFile: '/etc/ca file.pem' } })] }, /tls\.caFile.*no white space/],
    ['dockerDataRoot with a newline', { dockerDataRoot: '/d\n[INPUT]' }, /dockerDataRoot: Invalid value/],
    ['excludePaths with a newline', { excludePaths: ['/var/log/containers/x\n[INPUT]'] }, /excludePaths\[0\]: Invalid value/],
    // 3. parsers
    ['timeFormat with @INCLUDE', { parsers: [{ name: 'p', format: LogParserFormat.JSON, timeKey: 't', timeFormat: '%Y\n@INCLUDE /etc/passwd' }] }, /parsers\[0\]\.timeFormat: Invalid value: .*one line/],
    ['timeKey closing </parse> (Fluentd)', { ...FD, parsers: [{ name: 'p', format: LogParserFormat.JSON, timeKey: 'time\n</parse>' }] }, /parsers\[0\]\.timeKey: Invalid value/],
    ['timeFormat with #{ (Fluentd)', { ...FD, parsers: [{ name: 'p', format: LogParserFormat.JSON, timeKey: 't', timeFormat: '#{`id`}' }] }, /parsers\[0\]\.timeFormat: Invalid value.*#\{/],
    // 4. stateDirectory
    ['stateDirectory with a newline', { stateDirectory: '/var/lib/x\n[OUTPUT]' }, /stateDirectory: Invalid value: "\/var\/lib\/x\\n\[OUTPUT\]"/],
    ['stateDirectory with a space', { stateDirectory: '/var/lib/fluent bit' }, /stateDirectory: Invalid value.*no white space/],
    ['stateDirectory //', { stateDirectory: '//' }, /stateDirectory: Invalid value: "\/\/": .*not the shared directory \/:/],
    ...['/etc', '/etc/fluent-bit', '/proc', '/sys/x', '/dev', '/var', '/var/lib', '/var/lib/kubelet', '/var/lib/kubelet/pods',
      '/usr', '/bin', '/boot', '/root', '/run', '/var/lib/', '/var//lib'].map(dir => [
      `stateDirectory ${dir}`, { stateDirectory: dir }, /stateDirectory: Invalid value: .*must be a dedicated directory/,
    ] as [string, Partial<LogCollectorDaemonSetProps>, RegExp]),
    // 5. headers
    ['Fluentd header name with #{', { ...FD, outputs: [http({ headers: { 'X-#{`id`}': 'v' } })] }, /outputs\[0\]\.headers: Invalid value: "X-#\{`id`\}": an HTTP header name must be an RFC 7230 token/],
    ['header name with a backslash', { ...FD, outputs: [http({ headers: { 'X\\': 'v' } })] }, /headers: Invalid value: "X\\\\": an HTTP header name/],
    ['header name with a quote', { ...FD, outputs: [http({ headers: { 'X"y': 'v' } })] }, /headers: Invalid value: "X\\"y": an HTTP header name/],
    ['empty header name', { outputs: [http({ headers: { '': 'v' } })] }, /outputs\[0\]\.headers: Invalid value: "": an HTTP header name/],
    ['empty secret header name', { outputs: [http({ secretHeaders: { '': secret('s') } })] }, /outputs\[0\]\.secretHeaders: Invalid value: ""/],
    ['header value with #{ (Fluentd)', { ...FD, outputs: [http({ headers: { 'X-A': '#{`id`}' } })] }, /outputs\[0\]\.headers\[X-A\]: Invalid value: .*#\{/],
    ['header value with a newline', { outputs: [http({ headers: { 'X-A': 'a\nb' } })] }, /outputs\[0\]\.headers\[X-A\]: Invalid value: .*one line/],
    // 6. host
    ['host with a scheme', { outputs: [es({ host: 'https://es' })] }, /outputs\[0\]\.host: Invalid value: "https:\/\/es": must be a bare host name/],
    ['host too long', { outputs: [es({ host: `${'a'.repeat(60)}.`.repeat(5) + 'a' })] }, /outputs\[0\]\.host: Invalid value/],
    ['host undefined from JS', { outputs: [LogOutput.elasticsearch({ host: undefined as any })] }, /outputs\[0\]\.host: Invalid value: null: is required for a elasticsearch output/],
    ['host a number from JS', { outputs: [LogOutput.loki({ host: 5 as any })] }, /outputs\[0\]\.host: Invalid value: 5: must be a string/],
    ['host with brackets', { outputs: [es({ host: '[::1]' })] }, /host: Invalid value: "\[::1\]".*without brackets/],
    ['host :::::', { outputs: [es({ host: ':::::' })] }, /outputs\[0\]\.host: Invalid value: ":::::"/],
    // 7. duplicate parsers
    ['duplicate parser names', { parsers: [{ name: 'p', format: LogParserFormat.JSON }, { name: 'p', format: LogParserFormat.LTSV }] }, /parsers\[1\]\.name: Invalid value: "p": parsers\[0\] has the same name/],
    ['duplicate parser names (Fluentd)', { ...FD, parsers: [{ name: 'p', format: LogParserFormat.JSON }, { name: 'P', format: LogParserFormat.JSON }] }, /parsers\[1\]\.name: Invalid value: "P"/],
    // 9. extraParameters
    ['extra value with an unclosed quote (Fluentd)', { ...FD, outputs: [es({ extraParameters: { pipeline: '"abc' } })] }, /outputs\[0\]\.extraParameters\[pipeline\]: Invalid value: "\\"abc": write the value unquoted/],
    ['extra value with #{} (Fluentd)', { ...FD, outputs: [es({ extraParameters: { pipeline: '"#{`id`}"' } })] }, /extraParameters\[pipeline\].*#\{/],
    ['extra @include (Fluentd)', { ...FD, outputs: [es({ extraParameters: { '@include': '/etc/passwd' } })] }, /outputs\[0\]\.extraParameters: Invalid value: "@include": is a config directive/],
    ['extra @INCLUDE', { outputs: [es({ extraParameters: { '@INCLUDE': '/etc/passwd' } })] }, /extraParameters: Invalid value: "@INCLUDE": is a config directive/],
    ['extra @type (Fluentd)', { ...FD, outputs: [es({ extraParameters: { '@type': 'stdout' } })] }, /extraParameters: Invalid value: "@type"/],
    ['extra header with a bearer token', { outputs: [http({ extraParameters: { header: 'Authorization Bearer abc' } })] }, /extraParameters\[header\]: Invalid value: \*\*\* \(24 characters\): carries a credential inline \(an authentication header\)/],
    ['extra http_user literal', { outputs: [es({ extraParameters: { http_user: 'admin' } })] }, /extraParameters\[http_user\]: Invalid value: \*\*\* \(5 characters\): carries a credential inline \(the parameter http_user\)/],
    ['extra aws_sec_key literal (Fluentd)', { ...FD, outputs: [LogOutput.s3({ bucket: 'b-1', region: 'eu-west-1', extraParameters: { aws_sec_key: 'x' } })] }, /extraParameters\[aws_sec_key\]: Invalid value: \*\*\* \(1 character\): carries a credential inline \(the parameter aws_sec_key\)/],
    ['extra cloud_auth literal', { outputs: [es({ extraParameters: { cloud_auth: 'u:p' } })] }, /extraParameters\[cloud_auth\]: Invalid value: \*\*\* \(3 characters\): carries a credential inline \(the parameter cloud_auth\)/],
    ['extra keys differing in case', { outputs: [es({ extraParameters: { Pipeline: 'a', pipeline: 'b' } })] }, /extraParameters: Invalid value: "pipeline": duplicates Pipeline/],
    ['extra key set in the Fluent Bit output (any case)', { outputs: [es({ extraParameters: { HOST: 'x' } })] }, /extraParameters: Invalid value: "HOST": is already set/],
    ['extra key set in the Fluentd output (any case)', { ...FD, outputs: [es({ extraParameters: { Host: 'x' } })] }, /extraParameters: Invalid value: "Host": is already set/],
    ['extra key set in the Fluentd <buffer>', { ...FD, outputs: [es({ extraParameters: { flush_interval: '1s' } })] }, /extraParameters: Invalid value: "flush_interval": is already set by the typed options \(in the output or its <buffer>\)/],
    ['extra value with a newline', { outputs: [es({ extraParameters: { pipeline: 'a\n[OUTPUT]' } })] }, /extraParameters\[pipeline\].*one line/],
    ['extra value padded', { outputs: [es({ extraParameters: { pipeline: 'a ' } })] }, /extraParameters\[pipeline\].*white space/],
    // 10. regexes
    ['regex with trailing white space', { parsers: [{ name: 'r', format: LogParserFormat.REGEX, regex: '^(?<a>.*) ' }] }, /parsers\[0\]\.regex: Invalid value: .*white space/],
    ['regex that does not compile', { parsers: [{ name: 'r', format: LogParserFormat.REGEX, regex: '^(?<a>.*' }] }, /parsers\[0\]\.regex: Invalid value: .*not a valid regular expression/],
    ['regex with an unclosed class', { parsers: [{ name: 'r', format: LogParserFormat.REGEX, regex: '(?<a>[a-z)' }] }, /not a valid regular expression/],
    // 11. kafka, Elasticsearch names
    ['broker port 0', { outputs: [LogOutput.kafka({ brokers: ['k:0'], topic: 't' })] }, /outputs\[0\]\.brokers\[0\]: Invalid value: "k:0": port 0 must be from 1 to 65535/],
    ['broker port 99999', { outputs: [LogOutput.kafka({ brokers: ['k:99999'], topic: 't' })] }, /brokers\[0\]: Invalid value: "k:99999": port/],
    ['broker without a port', { outputs: [LogOutput.kafka({ brokers: ['k'], topic: 't' })] }, /brokers\[0\]: Invalid value: "k": must be host:port/],
    ['topic ..', { outputs: [LogOutput.kafka({ brokers: ['k:9092'], topic: '..' })] }, /outputs\[0\]\.topic: Invalid value: "\.\.": must be a Kafka topic name/],
    ['topic .', { outputs: [LogOutput.kafka({ brokers: ['k:9092'], topic: '.' })] }, /outputs\[0\]\.topic: Invalid value: "\."/],
    ['topic too long', { outputs: [LogOutput.kafka({ brokers: ['k:9092'], topic: 'a'.repeat(250) })] }, /outputs\[0\]\.topic/],
    ...['Logs', '_logs', '-logs', '+logs', '.', '..', 'a b', 'a,b', 'a#b', 'a*', 'a/b', 'a"b', 'a|b'].map(index => [
      `index ${index}`, { outputs: [es({ index })] }, /outputs\[0\]\.index: Invalid value: .*must be an Elasticsearch index name/,
    ] as [string, Partial<LogCollectorDaemonSetProps>, RegExp]),
    ['logstashPrefix upper case', { outputs: [es({ logstashPrefix: 'K8s' })] }, /outputs\[0\]\.logstashPrefix: Invalid value: "K8s"/],
    ['logstashPrefix too long for the date', { outputs: [es({ logstashPrefix: 'a'.repeat(245) })] }, /logstashPrefix: Invalid value: .*at most 244/],
    // 12. Loki labels
    ['empty Loki label value', { outputs: [LogOutput.loki({ host: 'l', labels: { app: '' } })] }, /outputs\[0\]\.labels\[app\]: Invalid value: "": must not be empty/],
    ['Fluentd accessor with Fluent Bit', { outputs: [LogOutput.loki({ host: 'l', labels: { app: '$.kubernetes.labels.app' } })] }, /labels\[app\].*record accessor/],
    ['malformed accessor', { ...FD, outputs: [LogOutput.loki({ host: 'l', labels: { app: "$kubernetes['labels" } })] }, /labels\[app\].*record accessor/],
    ['static label with a comma', { outputs: [LogOutput.loki({ host: 'l', labels: { app: 'a,b=c' } })] }, /labels\[app\]: Invalid value: "a,b=c"/],
    // 14. numbers
    ['retryLimit 1e21', { outputs: [es({ retryLimit: 1e21 })] }, /outputs\[0\]\.retryLimit: Invalid value: 1e\+21: must be a whole number from 1 to 1000000/],
    ['storageMaxChunksUp 1e21', { engine: LogCollectorEngine.fluentBit({ storageMaxChunksUp: 1e21 }) }, /engine.storageMaxChunksUp: Invalid value: 1e\+21/],
    ['flushInterval of years', { flushInterval: Duration.days(1000) }, /flushInterval: Invalid value: "86400000s": must be a whole number of seconds from 1 to 3600/],
    ['totalLimitSize of exabytes', { outputs: [es({ totalLimitSize: Size.gibibytes(1e12) })] }, /outputs\[0\]\.totalLimitSize: Invalid value: .*from 1 KiB to 1 TiB/],
    ['S3 uploadTimeout of years', { outputs: [LogOutput.s3({ bucket: 'b-1', region: 'eu-west-1', uploadTimeout: Duration.days(1e6) })] }, /outputs\[0\]\.uploadTimeout: Invalid value/],
    // 18. credential headers
    ...['X-Auth-Key', 'X-Access-Key', 'X-Auth', 'Cookie', 'X-API-Token', 'Authorization', 'apiKey'].map(h => [
      `header ${h}`, { outputs: [http({ headers: { [h]: 'v' } })] }, /outputs\[0\]\.headers\[.*\]: Invalid value: \*\*\* \(1 character\): carries a credential inline \(the header .*\)/,
    ] as [string, Partial<LogCollectorDaemonSetProps>, RegExp]),
    ['a bearer value under an innocent name', { outputs: [http({ headers: { 'X-Forward': 'Bearer abc' } })] }, /headers\[X-Forward\]: Invalid value: "Bearer \*\*\*": carries a credential inline \(Bearer\)/],
    // 20. TypeErrors
    ['no outputs at all', { outputs: undefined }, /outputs: Invalid value: null: give at least one LogOutput: outputs is required/],
    ['an undefined output', { outputs: [undefined as any] }, /outputs\[0\]: Invalid value: null: must be a LogOutput/],
    ['a plain object output', { outputs: [{ kind: 'stdout' } as any] }, /outputs\[0\]: Invalid value: .*must be a LogOutput/],
    ['a secret without name', { outputs: [es({ httpUser: { key: 'k' } as any, httpPasswd: secret('p') })] }, /outputs\[0\]\.httpUser\.name: Invalid value: null: is required/],
    ['a string for a secret', { outputs: [es({ httpUser: 'admin' as any, httpPasswd: secret('p') })] }, /outputs\[0\]\.httpUser: Invalid value: \*\*\* \(5 characters\): must be a SecretKeySelector/],
    // 21. names in errors
    ['two secret headers on one variable', { outputs: [http({ secretHeaders: { 'X-A': secret('a'), 'x_a': secret('b') } })] },
      /outputs\[0\]\.secretHeaders: Invalid value: "x_a": maps to the environment variable OUTPUT_0_HEADER_X_A, as does secretHeaders\[X-A\]/],
    // 22. silently ignored props
    ['serverName with Fluentd', { ...FD, outputs: [es({ tls: { serverName: 'es.example.com' } })] }, /tls\.serverName: Invalid value: "es\.example\.com": Fluentd's output plugins have no server-name/],
    ['serverName with Fluent Bit kafka', { outputs: [LogOutput.kafka({ brokers: ['k:9093'], topic: 't', tls: { serverName: 'k.example.com' } })] }, /tls\.serverName: Invalid value: .*librdkafka/],
    ['saslMechanism without saslUsername', { outputs: [LogOutput.kafka({ brokers: ['k:9092'], topic: 't', saslMechanism: 'SCRAM-SHA-256' })] }, /outputs\[0\]\.saslMechanism: Invalid value: "SCRAM-SHA-256": requires saslUsername/],
    ['saslUsername without saslPassword', { outputs: [LogOutput.kafka({ brokers: ['k:9092'], topic: 't', saslUsername: secret('u') })] }, /outputs\[0\]\.saslUsername: Invalid value: .*requires saslPassword/],
    ['a plain and a secret header of one name', { outputs: [http({ headers: { 'X-Tenant': 'a' }, secretHeaders: { 'x-tenant': secret('t') } })] }, /outputs\[0\]\.headers: Invalid value: "X-Tenant": is also in secretHeaders/],
    // 23. Secret keys
    ['Secret key ..', { outputs: [es({ httpUser: { name: 's', key: '..' }, httpPasswd: secret('p') })] }, /outputs\[0\]\.httpUser\.key: Invalid value: "\.\.": must not be/],
    ['Secret key too long', { outputs: [es({ httpUser: { name: 's', key: 'k'.repeat(254) }, httpPasswd: secret('p') })] }, /outputs\[0\]\.httpUser\.key: Invalid value: .*no more than 253/],
  ])('%s', (_, props, expected) => {
    const message = errorOf(props);
    expect(message).toMatch(/^\[test\/logs\] [^ ]+: Invalid value: /);
    expect(message).toMatch(expected);
  });
});

describe('what the checks let through renders correctly', () => {
  test('IPv4 and IPv6 hosts; IPv6 in brackets in URLs', () => {
    const fb = collector(chart(), { outputs: [es({ host: '::1' }), LogOutput.loki({ host: '10.0.0.5' })] }).configFiles['fluent-bit.conf'];
    expect(parseFluentBit(fb).filter(s => s.name === 'OUTPUT').map(s => s.entries.find(([k]) => k === 'Host')![1])).toEqual(['::1', '10.0.0.5']);
    const fd = collector(chart(), { ...FD, image: 'x/fluentd:1', outputs: [LogOutput.loki({ host: 'fd00::5' }), http({ host: '::1', uri: '/in' })] }).configFiles['fluent.conf'];
    expect(fd).toContain('url http://[fd00::5]:3100');
    expect(fd).toContain('endpoint http://[::1]:80/in');
  });

  test('IPv6 brokers', () => {
    const fb = collector(chart(), { outputs: [LogOutput.kafka({ brokers: ['[::1]:9092'], topic: 'logs' })] }).configFiles['fluent-bit.conf'];
    expect(fb).toMatch(/^ {4}Brokers +\[::1\]:9092$/m);
  });

  test('Fluentd header values are escaped inside the double-quoted JSON, so they stay literal', () => {
    const fd = collector(chart(), { ...FD, outputs: [http({ headers: { 'X-A': 'say "hi" \\ #1' }, secretHeaders: { 'X-Api-Key': secret('k') } })] }).configFiles['fluent.conf'];
    const headers = param(allBlocks(parseFluentd(fd)).find(b => param(b, '@type') === 'http')!, 'headers')!;
    expect(headers).toBe(String.raw`"{\"X-A\":\"say \\\"hi\\\" \\\\ \#1\",\"X-Api-Key\":\"#{ENV['OUTPUT_0_HEADER_X_API_KEY']}\"}"`);
    // Fluentd's double-quoted string: \x is x for symbols; #{...} is evaluated. Then the JSON.
    const unescaped = headers.slice(1, -1).replace(/#\{ENV\['(\w+)'\]\}/g, '<$1>').replace(/\\(.)/g, '$1');
    expect(JSON.parse(unescaped)).toEqual({ 'X-A': 'say "hi" \\ #1', 'X-Api-Key': '<OUTPUT_0_HEADER_X_API_KEY>' });
  });

  test('Fluentd values that its parser would misread are single-quoted', () => {
    const fd = collector(chart(), {
      ...FD,
      parsers: [{ name: 'r', format: LogParserFormat.REGEX, regex: "^(?<a>\\d+) #(?<b>.*)'$", timeKey: 'a', timeFormat: '%d/%b/%Y %H' }],
      outputs: [es({ extraParameters: { pipeline: '{not json', template_name: 'a #b', request_timeout_extra: 'x', log_es_400_reason: "\"#{ENV['X']}\"" } })],
    }).configFiles['fluent.conf'];
    expect(fd).toContain(String.raw`expression '/^(?<a>\\d+) #(?<b>.*)\'$/'`);
    expect(fd).toContain('time_format %d/%b/%Y %H');
    expect(fd).toContain("pipeline '{not json'");
    expect(fd).toContain("template_name 'a #b'");
    expect(fd).toContain('request_timeout_extra x');
    expect(fd).toContain("log_es_400_reason \"#{ENV['X']}\"");
  });

  test('environment references pass the credential check', () => {
    expect(() => collector(chart(), { outputs: [es({ extraParameters: { http_user: '${ES_USER}', aws_auth: 'On' } })] })).toThrow(/aws_auth/);
    expect(() => collector(chart(), { outputs: [es({ extraParameters: { http_user: '${ES_USER}', tag_key: 'tag', time_key: 't' } })] })).not.toThrow();
    expect(() => collector(chart(), { ...FD, outputs: [es({ extraParameters: { user: "\"#{ENV['ES_USER']}\"" } })] })).not.toThrow();
  });

  test('Loki label accessors are translated to Fluentd syntax', () => {
    const fd = collector(chart(), {
      ...FD,
      image: 'x/fluentd:1',
      outputs: [LogOutput.loki({ host: 'l', labels: { app: "$kubernetes['labels']['app']", name: "$kubernetes['labels']['app.kubernetes.io/name']", pod: '$.kubernetes.pod_name' } })],
    }).configFiles['fluent.conf'];
    const label = allBlocks(parseFluentd(fd)).find(b => b.name === 'label' && b.arg === undefined)!;
    expect(param(label, 'app')).toBe('$.kubernetes.labels.app');
    expect(param(label, 'name')).toBe("$['kubernetes']['labels']['app.kubernetes.io/name']");
    expect(param(label, 'pod')).toBe('$.kubernetes.pod_name');
  });

  test('Fluentd Kafka with TLS and no CA file uses the system CAs, and SASL goes over TLS', () => {
    const fd = collector(chart(), { ...FD, outputs: [LogOutput.kafka({ brokers: ['k:9093'], topic: 't', tls: {}, saslUsername: secret('u'), saslPassword: secret('p') })] }).configFiles['fluent.conf'];
    const kafka = allBlocks(parseFluentd(fd)).find(b => param(b, '@type') === 'kafka2')!;
    expect(param(kafka, 'ssl_ca_certs_from_system')).toBe('true');
    expect(param(kafka, 'sasl_over_ssl')).toBe('true');
    expect(param(kafka, 'ssl_ca_cert')).toBeUndefined();
    const plain = collector(chart(), { ...FD, outputs: [LogOutput.kafka({ brokers: ['k:9092'], topic: 't', saslUsername: secret('u'), saslPassword: secret('p') })] }).configFiles['fluent.conf'];
    const k2 = allBlocks(parseFluentd(plain)).find(b => param(b, '@type') === 'kafka2')!;
    expect(param(k2, 'sasl_over_ssl')).toBe('false');
    expect(param(k2, 'ssl_ca_certs_from_system')).toBeUndefined();
  });

  test('a normalized state directory', () => {
    expect(collector(chart(), { stateDirectory: '/var/lib//fluent-bit/' }).stateDirectory).toBe('/var/lib/fluent-bit');
  });

  test('the construct path is in every error, including a missing-props call from JavaScript', () => {
    expect(() => new LogCollectorDaemonSet(chart(), 'x', {} as any)).toThrow(/^\[test\/x\] outputs: Invalid value: null: give at least one LogOutput/);
  });
});

describe('defence in depth: the config builders refuse what could end a line', () => {
  test.each<[string, () => unknown, RegExp]>([
    ['a Fluent Bit value with a newline', () => fluentBitSection('OUTPUT', [['Name', 'es\n[OUTPUT]']]), /fluent-bit\.conf: refusing to write "Name" "es\\n\[OUTPUT\]"/],
    ['a Fluent Bit number in exponent notation', () => fluentBitSection('OUTPUT', [['Retry_Limit', 1e21]]), /refusing to write Retry_Limit 1e\+21/],
    ['a padded Fluent Bit value', () => fluentBitSection('OUTPUT', [['Name', 'es ']]), /values non-empty and not padded/],
    ['a Fluentd value with a newline', () => new FluentdBlock('match', '**').param('host', 'es\n</match>'), /fluent\.conf: refusing to write "host"/],
    ['a Fluentd key with a space', () => new FluentdBlock('match', '**').param('a b', 'c'), /keys are one word/],
    ['a Fluentd argument with >', () => new FluentdBlock('match', 'a> <source'), /may not contain < or >/],
  ])('%s', (_, fn, expected) => {
    expect(fn).toThrow(expected);
  });
});

describe('config-values checks', () => {
  test.each([
    ['es', undefined], ['::1', undefined], ['10.0.0.1', undefined], ['fd00::5', undefined], ['a.b-c.example', undefined],
    ['[::1]', /without brackets/], [':::::', /bare host name/], ['a_b', /bare host name/], ['1.2.3.256', /bare host name/],
    ['-a', /bare host name/], [`${'a'.repeat(64)}`, /bare host name/], [undefined, /must be a string/],
  ])('checkHostOrIp(%p)', (value, expected) => {
    const reason = checkHostOrIp(value);
    if (expected === undefined) expect(reason).toBeUndefined();
    else expect(reason).toMatch(expected);
  });

  test.each([
    ['Authorization', true], ['X-Auth-Key', true], ['X-Access-Key', true], ['X-Auth', true], ['Cookie', true], ['X-Api-Key', true],
    ['apiKey', true], ['X-Session-Id', true], ['X-Tenant', false], ['Content-Type', false], ['X-Request-Id', false],
  ])('isCredentialHeader(%p) is %p', (name, expected) => {
    expect(isCredentialHeader(name as string)).toBe(expected);
  });

  test.each([
    ['http_user', true], ['http_passwd', true], ['cloud_auth', true], ['aws_sec_key', true], ['api_key', true], ['shared_key', true],
    ['bearer_token', true], ['tls.key_passwd', true], ['tag_key', false], ['time_key', false], ['message_key', false],
    ['logstash_prefix_key', false], ['user_agent', false], ['pipeline', false],
  ])('isCredentialParameter(%p) is %p', (name, expected) => {
    expect(isCredentialParameter(name as string)).toBe(expected);
  });

  test('fluentdValue quotes only what Fluentd would misread, and single quotes evaluate nothing', () => {
    expect(fluentdValue('plain value')).toBe('plain value');
    expect(fluentdValue('a #b')).toBe("'a #b'");
    expect(fluentdValue("it's \\ [x]")).toBe("it's \\ [x]");
    expect(fluentdValue("[it's \\")).toBe("'[it\\'s \\\\'");
    expect(fluentdValue('"x"')).toBe('\'"x"\'');
  });
});
