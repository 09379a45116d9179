/**
 * Fluent Bit's own settings on `LogCollectorEngine.fluentBit()`: typed filters, extra inputs,
 * raw sections, an existing ConfigMap and hot reload. What Fluent Bit itself makes of the
 * output is in fluent-bit-daemon.test.ts; the parameter names in config-keys.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { chart, collector, get, parseFluentBit, sectionsOf } from './helpers';
import {
  BufferStorageType, FluentBitConfigReload, FluentBitFilter, FluentBitInput, FluentBitLuaScript, FluentBitModifyCondition,
  FluentBitMultilineParser, LogCollectorEngine, LogOutput, ServiceInternalTrafficPolicy,
} from '../../../src';
import { FluentBitOptions } from '../../../src/presets/log-collector/fluent-bit/options';
import { byKind, podSpec, synth, synthExample } from '../../helpers/synth';

const fb = (options: FluentBitOptions) => ({ engine: LogCollectorEngine.fluentBit(options) });
const conf = (options: FluentBitOptions, extra = {}) => collector(chart(), { ...fb(options), ...extra }).configFiles;
const filterSection = (options: FluentBitOptions, name: string) => sectionsOf(conf(options)['fluent-bit.conf'], 'FILTER', name)[0];
const entries = (options: FluentBitOptions, name: string) => filterSection(options, name).entries;
const build = (options: FluentBitOptions, extra = {}) => {
  const c = chart();
  collector(c, { ...fb(options), ...extra });
  return synth(c);
};
const lua = (code: string) => FluentBitFilter.lua({ script: FluentBitLuaScript.fromInline(code), call: 'cb' });

describe('typed filters', () => {
  test('run after the kubernetes filter, in the order given, on the container logs unless matched otherwise', () => {
    const sections = parseFluentBit(conf({
      filters: [FluentBitFilter.throttle({ rate: 5 }), FluentBitFilter.grep({ regex: [{ key: 'log', pattern: 'x' }], match: 'host.*' })],
    })['fluent-bit.conf']).filter(s => s.name === 'FILTER');
    expect(sections.map(s => [get(s, 'Name'), get(s, 'Alias'), get(s, 'Match')])).toEqual([
      ['kubernetes', 'kubernetes-metadata', 'kube.*'], ['throttle', 'throttle-0', 'kube.*'], ['grep', 'grep-1', 'host.*'],
    ]);
  });

  test('grep writes each rule as key and pattern, with a record accessor where given', () => {
    expect(entries({ filters: [FluentBitFilter.grep({ regex: [{ key: 'level', pattern: '^(error|warn)$' }], exclude: [{ key: "$kubernetes['namespace_name']", pattern: '/^kube-/i' }] })] }, 'grep'))
      .toEqual(expect.arrayContaining([['Regex', 'level ^(error|warn)$'], ['Exclude', "$kubernetes['namespace_name'] /^kube-/i"]]));
  });

  test.each<[string, FluentBitFilter, RegExp]>([
    ['no rule', FluentBitFilter.grep({}), /engine.filters\[0\].regex: Invalid value: null: a grep filter needs at least one/],
    ['a regex that does not compile', FluentBitFilter.grep({ regex: [{ key: 'log', pattern: '(unclosed' }] }), /engine.filters\[0\].regex\[0\].pattern: Invalid value/],
    ['a key with a space', FluentBitFilter.grep({ exclude: [{ key: 'a b', pattern: 'x' }] }), /engine.filters\[0\].exclude\[0\].key: Invalid value: "a b"/],
    ['a pattern on two lines', FluentBitFilter.grep({ exclude: [{ key: 'log', pattern: 'a\n[OUTPUT]' }] }), /must be one line/],
    ['regex and exclude with OR', FluentBitFilter.grep({ regex: [{ key: 'a', pattern: 'b' }], exclude: [{ key: 'c', pattern: 'd' }], logicalOp: 'OR' as any }),
      /Both 'regex' and 'exclude' are set/],
    ['a modify filter without rules', FluentBitFilter.modify({ conditions: [FluentBitModifyCondition.keyExists('a')] }), /needs at least one rule/],
    ['a modify value on two lines', FluentBitFilter.modify({ set: { a: 'b\nc' } }), /engine.filters\[0\].set\[a\]: Invalid value/],
    ['a modify rename to a bad key', FluentBitFilter.modify({ renameKeys: { a: 'b c' } }), /engine.filters\[0\].renameKeys\[a\]: Invalid value: "b c"/],
    ['removeKeys with allowlistKeys', FluentBitFilter.recordModifier({ removeKeys: ['a'], allowlistKeys: ['b'] }), /exclusive/],
    ['a record value ending in a backslash', FluentBitFilter.recordModifier({ records: { a: 'b c\\' } }), /backslash/],
    ['nest without wildcards', FluentBitFilter.nest({ wildcards: [], nestUnder: 'k' }), /wildcards/],
    ['a throttle rate of 0', FluentBitFilter.throttle({ rate: 0 }), /engine.filters\[0\].rate: Invalid value: 0/],
    ['a throttle interval of a fraction', FluentBitFilter.throttle({ rate: 1, interval: Duration.millis(1500) }), /engine.filters\[0\].interval: Invalid value/],
    ['a Lua script without the function', lua('function other(tag, ts, r) return 0, ts, r end'), /engine.filters\[0\].call: Invalid value: "cb": the script defines no global function cb/],
    ['a local Lua function', lua('local function cb(tag, ts, r) return 0, ts, r end'), /defines no global function cb/],
    ['a Lua call that is no name', FluentBitFilter.lua({ script: FluentBitLuaScript.fromInline('x'), call: 'a.b' }), /engine.filters\[0\].call: Invalid value: "a.b"/],
    ['a missing Lua file', FluentBitFilter.lua({ script: FluentBitLuaScript.fromFile('/nonexistent/f.lua'), call: 'cb' }), /cannot read the Lua script file: ENOENT/],
    ['a built-in multiline parser name', FluentBitFilter.multiline({ parsers: [FluentBitMultilineParser.custom({ name: 'java', rules: [{ state: 'start_state', regex: 'x' }] })] }),
      /is a built-in multiline parser/],
    ['a rule to an unknown state', FluentBitFilter.multiline({ parsers: [FluentBitMultilineParser.custom({ name: 'm', rules: [{ state: 'start_state', regex: 'x', nextState: 'cont' }] })] }),
      /nextState: Invalid value: "cont": must be the state of a rule/],
    ['a first rule not in start_state', FluentBitFilter.multiline({ parsers: [FluentBitMultilineParser.custom({ name: 'm', rules: [{ state: 'cont', regex: 'x' }] })] }),
      /start_state/],
    ['a double quote in a rule', FluentBitFilter.multiline({ parsers: [FluentBitMultilineParser.custom({ name: 'm', rules: [{ state: 'start_state', regex: 'say "hi"' }] })] }),
      /\\x22/],
  ])('refuses %s', (_name, filter, error) => {
    expect(() => collector(chart(), fb({ filters: [filter] }))).toThrow(error);
  });

  test('modify quotes every key and value, and applies conditions first', () => {
    expect(entries({
      filters: [FluentBitFilter.modify({
        set: { message: 'a "quoted" \\ value' },
        remove: ['tmp'],
        copyKeys: { a: 'b' },
        conditions: [FluentBitModifyCondition.keyValueEquals('level', 'error'), FluentBitModifyCondition.keyValueDoesNotMatch('path', '^/health')],
      })],
    }, 'modify').slice(3)).toEqual([
      ['Condition', 'Key_value_equals "level" "error"'],
      ['Condition', 'Key_value_does_not_match "path" "^/health"'],
      ['Set', '"message" "a \\"quoted\\" \\\\ value"'],
      ['Remove', '"tmp"'],
      ['Copy', '"a" "b"'],
    ]);
  });

  test('record_modifier quotes only values with spaces, and keeps environment references', () => {
    expect(entries({ filters: [FluentBitFilter.recordModifier({ records: { node: '${NODE_NAME}', team: 'core "infra"' }, uuidKey: 'id' })] }, 'record_modifier').slice(3))
      .toEqual([['Record', 'node ${NODE_NAME}'], ['Record', 'team "core \\"infra\\""'], ['UUID_key', 'id']]);
  });

  test('nest and lift', () => {
    const text = conf({ filters: [FluentBitFilter.nest({ wildcards: ['a_*', 'b'], nestUnder: 'n' }), FluentBitFilter.lift({ nestedUnder: 'n', addPrefix: 'n_' })] })['fluent-bit.conf'];
    const [nest, lift] = sectionsOf(text, 'FILTER', 'nest');
    expect(nest.entries.slice(3)).toEqual([['Operation', 'nest'], ['Wildcard', 'a_*'], ['Wildcard', 'b'], ['Nest_under', 'n']]);
    expect(lift.entries.slice(3)).toEqual([['Operation', 'lift'], ['Nested_under', 'n'], ['Add_prefix', 'n_']]);
  });

  test('throttle', () => {
    expect(entries({ filters: [FluentBitFilter.throttle({ rate: 800, window: 3, interval: Duration.minutes(1), printStatus: true })] }, 'throttle').slice(3))
      .toEqual([['Rate', '800'], ['Window', '3'], ['Interval', '60s'], ['Print_Status', 'true']]);
  });

  describe('multiline', () => {
    const java = () => FluentBitFilter.multiline({ parsers: [FluentBitMultilineParser.JAVA, FluentBitMultilineParser.PYTHON] });

    test('runs before the kubernetes filter, buffered, with the collector\'s storage for its emitter', () => {
      const text = conf({ filters: [java(), FluentBitFilter.throttle({ rate: 1 })] })['fluent-bit.conf'];
      expect(parseFluentBit(text).filter(s => s.name === 'FILTER').map(s => get(s, 'Name'))).toEqual(['multiline', 'kubernetes', 'throttle']);
      expect(sectionsOf(text, 'FILTER', 'multiline')[0].entries.slice(3)).toEqual([
        ['multiline.key_content', 'log'], ['multiline.parser', 'java, python'], ['buffer', 'on'], ['flush_ms', '2000'],
        ['emitter_name', 'multiline-emitter-0'], ['emitter_storage.type', 'filesystem'], ['emitter_mem_buf_limit', '5242880'],
      ]);
    });

    test('must be the first filter', () => {
      expect(() => collector(chart(), fb({ filters: [FluentBitFilter.throttle({ rate: 1 }), java()] })))
        .toThrow(/engine.filters\[1\]: Invalid value: "multiline": a multiline filter must be the first filter/);
    });

    test('custom parsers go to the parsers file, each rule in double quotes', () => {
      const files = conf({
        filters: [FluentBitFilter.multiline({
          keyContent: 'message',
          flushTimeout: Duration.millis(500),
          parsers: [FluentBitMultilineParser.custom({
            name: 'trace',
            flushTimeout: Duration.seconds(1),
            rules: [{ state: 'start_state', regex: '^TRACE', nextState: 'frames' }, { state: 'frames', regex: '^\\s+-> ', nextState: 'frames' }],
          })],
        })],
      });
      expect(get(sectionsOf(files['fluent-bit.conf'], 'SERVICE')[0], 'Parsers_File')).toBe('/fluent-bit/etc/parsers.conf');
      expect(sectionsOf(files['fluent-bit.conf'], 'SERVICE')[0].entries.filter(([k]) => k === 'Parsers_File').map(([, v]) => v))
        .toEqual(['/fluent-bit/etc/parsers.conf', '/fluent-bit/etc/conf/custom_parsers.conf']);
      expect(files['custom_parsers.conf']).toBe([
        '[MULTILINE_PARSER]',
        '    Name          trace',
        '    Type          regex',
        '    Flush_Timeout 1000',
        '    Rule          "start_state" "/^TRACE/" "frames"',
        '    Rule          "frames" "/^\\s+-> /" "frames"',
        '',
      ].join('\n'));
      expect(get(sectionsOf(files['fluent-bit.conf'], 'FILTER', 'multiline')[0], 'flush_ms')).toBe('500');
    });

    test('its emitter counts against the memory limit with memory buffers', () => {
      const engine = (filters: FluentBitFilter[]) => LogCollectorEngine.fluentBit({ memBufLimit: Size.mebibytes(110), filters });
      expect(() => collector(chart(), { storageType: BufferStorageType.MEMORY, engine: engine([java()]) }))
        .toThrow(/the buffers may take 220 MiB \(memBufLimit per input\)/);
      expect(() => collector(chart(), { storageType: BufferStorageType.MEMORY, engine: engine([]) })).not.toThrow();
    });
  });

  describe('lua', () => {
    const script = 'function cb(tag, timestamp, record)\n  record["seen"] = true\n  return 1, timestamp, record\nend\n';

    test('the script goes into the ConfigMap beside the config, and the filter reads it there', () => {
      const files = conf({ filters: [FluentBitFilter.throttle({ rate: 1 }), lua(script)] });
      expect(files['filter-1.lua']).toBe(script);
      expect(entries({ filters: [FluentBitFilter.throttle({ rate: 1 }), lua(script)] }, 'lua').slice(3))
        .toEqual([['script', '/fluent-bit/etc/conf/filter-1.lua'], ['call', 'cb']]);
    });

    test('a script file is read at synth', () => {
      const file = join(mkdtempSync(join(tmpdir(), 'lua-')), 'f.lua');
      writeFileSync(file, script);
      expect(conf({ filters: [FluentBitFilter.lua({ script: FluentBitLuaScript.fromFile(file), call: 'cb', timeAsTable: true })] })['filter-0.lua']).toBe(script);
    });

    test('a changed script changes the checksum, so the pods roll', () => {
      const checksum = (code: string) => podSpec(build({ filters: [lua(code)] })) && byKind(build({ filters: [lua(code)] }), 'DaemonSet').spec.template.metadata.annotations['checksum/config'];
      const a = checksum(script);
      expect(a).toMatch(/^[0-9a-f]{64}$/);
      expect(checksum(script.replace('true', 'false'))).not.toBe(a);
      expect(checksum(script)).toBe(a);
    });
  });
});

describe('extra inputs', () => {
  const inputs = [FluentBitInput.forward({ sharedKey: { name: 'fwd', key: 'key' }, hostPort: true }), FluentBitInput.http({ port: 8888, tag: 'app' }), FluentBitInput.syslog({ udp: true })];

  test('each listens on a named container port that the Service exposes', () => {
    const manifests = build({ inputs });
    const container = podSpec(manifests).containers[0];
    expect(container.ports).toEqual([
      { name: 'http', containerPort: 2020, protocol: 'TCP' },
      { name: 'forward', containerPort: 24224, hostPort: 24224, protocol: 'TCP' },
      { name: 'http-input', containerPort: 8888, protocol: 'TCP' },
      { name: 'syslog-udp', containerPort: 5140, protocol: 'UDP' },
    ]);
    expect(byKind(manifests, 'Service').spec.ports.map((p: any) => `${p.name}/${p.port}/${p.protocol}`))
      .toEqual(['http/2020/TCP', 'forward/24224/TCP', 'http-input/8888/TCP', 'syslog-udp/5140/UDP']);
    expect(container.env).toContainEqual({ name: 'INPUT_0_SHARED_KEY', valueFrom: { secretKeyRef: { name: 'fwd', key: 'key' } } });
  });

  test('render Listen, Port, Tag and their own keys, with the collector\'s buffering', () => {
    const text = conf({ inputs })['fluent-bit.conf'];
    expect(sectionsOf(text, 'INPUT', 'forward')[0].entries).toEqual([
      ['Name', 'forward'], ['Alias', 'forward-0'], ['Listen', '0.0.0.0'], ['Port', '24224'], ['Shared_Key', '${INPUT_0_SHARED_KEY}'], ['storage.type', 'filesystem'],
    ]);
    expect(sectionsOf(text, 'INPUT', 'http')[0].entries.slice(3, 5)).toEqual([['Port', '8888'], ['Tag', 'app']]);
    expect(sectionsOf(text, 'INPUT', 'syslog')[0].entries.slice(4)).toEqual([['Tag', 'syslog'], ['Mode', 'udp'], ['Parser', 'syslog-rfc5424'], ['storage.type', 'filesystem']]);
  });

  test('node-local delivery through a ClusterIP Service with internalTrafficPolicy Local', () => {
    const svc = byKind(build({ inputs: [FluentBitInput.forward()] }, { service: { headless: false, internalTrafficPolicy: ServiceInternalTrafficPolicy.LOCAL } }), 'Service');
    expect(svc.spec.clusterIP).toBeUndefined();
    expect(svc.spec.internalTrafficPolicy).toBe('Local');
    expect(svc.spec.ports.map((p: any) => p.name)).toEqual(['http', 'forward']);
  });

  test.each<[string, FluentBitInput[], RegExp]>([
    ['the metrics port', [FluentBitInput.http({ port: 2020 })], /engine.inputs\[0\].port: Invalid value: 2020: TCP\/2020 is already taken by metricsPort/],
    ['another input\'s port', [FluentBitInput.forward({ port: 9000 }), FluentBitInput.http({ port: 9000 })], /engine.inputs\[1\].port: Invalid value: 9000: TCP\/9000 is already taken by engine.inputs\[0\]/],
    ['a port out of range', [FluentBitInput.syslog({ port: 70000 })], /engine.inputs\[0\].port: Invalid value: 70000/],
    ['a tag with a wildcard', [FluentBitInput.http({ tag: 'app.*' })], /engine.inputs\[0\].tag: Invalid value: "app.\*"/],
  ])('refuses %s', (_name, list, error) => {
    expect(() => collector(chart(), fb({ inputs: list }))).toThrow(error);
  });

  test('TCP and UDP may share a port number', () => {
    const both = [FluentBitInput.syslog({ port: 514 }), FluentBitInput.syslog({ port: 514, udp: true })];
    expect(() => collector(chart(), fb({ inputs: both }))).not.toThrow();
  });

  test('count against the memory limit with memory buffers', () => {
    const engine = LogCollectorEngine.fluentBit({ memBufLimit: Size.mebibytes(70), inputs: [FluentBitInput.forward(), FluentBitInput.http()] });
    expect(() => collector(chart(), { storageType: BufferStorageType.MEMORY, engine })).toThrow(/the buffers may take 210 MiB/);
  });
});

describe('rawConfig', () => {
  const raw = '[FILTER]\n    Name   rewrite_tag\n    Match  kube.*\n    Rule   $level ^error$ errors false\n\n'
    + '[PARSER]\n    Name   raw_json\n    Format json\n';

  test('sections go to the main file, parsers to the parsers file, and both feed the checksum', () => {
    const files = conf({ rawConfig: raw });
    expect(files['fluent-bit.conf'].endsWith('[FILTER]\n    Name   rewrite_tag\n    Match  kube.*\n    Rule   $level ^error$ errors false\n')).toBe(true);
    expect(files['custom_parsers.conf']).toBe('[PARSER]\n    Name   raw_json\n    Format json\n');
    const checksum = (r: string) => byKind(build({ rawConfig: r }), 'DaemonSet').spec.template.metadata.annotations['checksum/config'];
    expect(checksum(raw)).not.toBe(checksum(raw.replace('errors', 'errs')));
  });

  test.each([
    ['[SERVICE]\n    Flush 5\n', /the generated configuration owns \[SERVICE\]/],
    ['@INCLUDE other.conf\n', /@INCLUDE and @SET/],
    ['[FILTER]\n\tName grep\n', /tabs/],
    ['    Name grep\n', /a key comes after a section header/],
    ['[CUSTOM]\n    Name calyptia\n', /must be one of \[INPUT\]/],
    ['[FILTER]\nName grep\n', /an indented "key value" line/],
    ['  ', /must be classic-mode config text/],
  ])('refuses %p', (text, error) => {
    expect(() => collector(chart(), fb({ rawConfig: text }))).toThrow(error);
  });
});

describe('existingConfigMap', () => {
  const existing = { name: 'my-fluent-bit', checksum: 'v42' };

  test('mounts the ConfigMap, generates none, and rolls the pods by the given checksum', () => {
    const manifests = build({ existingConfigMap: existing }, { outputs: [] });
    expect(manifests.filter(m => m.kind === 'ConfigMap')).toEqual([]);
    const pod = podSpec(manifests);
    expect(pod.volumes).toContainEqual({ name: 'config', configMap: { name: 'my-fluent-bit' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'config', mountPath: '/fluent-bit/etc/conf', readOnly: true });
    expect(byKind(manifests, 'DaemonSet').spec.template.metadata.annotations['checksum/config']).toBe('v42');
    expect(pod.containers[0].args).toEqual(['--config=/fluent-bit/etc/conf/fluent-bit.conf']);
  });

  test.each<[string, FluentBitOptions, object, RegExp]>([
    ['outputs beside it', { existingConfigMap: existing }, {}, /outputs: Invalid value: 1: must be empty with engine.existingConfigMap/],
    ['no checksum with a rolling restart', { existingConfigMap: { name: 'c' } }, { outputs: [] }, /engine.existingConfigMap.checksum: Invalid value: null: is required with a rolling restart/],
    ['a checksum with hot reload', { existingConfigMap: existing, configReload: FluentBitConfigReload.hotReload() }, { outputs: [] }, /leave the checksum out/],
    ['a prop that shapes the generated configuration', { existingConfigMap: existing }, { outputs: [], logLevel: 'debug' }, /logLevel: Invalid value: "debug": only shapes the generated configuration/],
    ['a typed filter', { existingConfigMap: existing, filters: [FluentBitFilter.throttle({ rate: 1 })] }, { outputs: [] }, /engine.filters: Invalid value/],
    ['a bad name', { existingConfigMap: { name: 'Bad_Name', checksum: 'x' } }, { outputs: [] }, /engine.existingConfigMap.name: Invalid value: "Bad_Name"/],
  ])('refuses %s', (_name, options, extra, error) => {
    expect(() => collector(chart(), { ...fb(options), ...extra })).toThrow(error);
  });
});

describe('configReload', () => {
  test('rolling restart (the default): a checksum on the pod template, no reloader', () => {
    const manifests = build({});
    expect(byKind(manifests, 'DaemonSet').spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    expect(podSpec(manifests).containers.map((c: any) => c.name)).toEqual(['fluent-bit']);
    expect(get(sectionsOf(conf({})['fluent-bit.conf'], 'SERVICE')[0], 'Hot_Reload')).toBeUndefined();
  });

  test('hot reload: Hot_Reload On, no checksum, and a hardened reloader watching the config mount', () => {
    const manifests = build({ configReload: FluentBitConfigReload.hotReload() });
    expect(byKind(manifests, 'DaemonSet').spec.template.metadata.annotations['checksum/config']).toBeUndefined();
    expect(get(sectionsOf(conf({ configReload: FluentBitConfigReload.hotReload() })['fluent-bit.conf'], 'SERVICE')[0], 'Hot_Reload')).toBe('On');
    const reloader = podSpec(manifests).containers[1];
    expect(reloader).toMatchObject({
      name: 'config-reloader',
      image: 'ghcr.io/jimmidyson/configmap-reload:v0.15.0',
      imagePullPolicy: 'IfNotPresent',
      args: ['-webhook-url=http://localhost:2020/api/v2/reload', '-volume-dir=/fluent-bit/etc/conf', '-web.listen-address=127.0.0.1:9533'],
      volumeMounts: [{ name: 'config', mountPath: '/fluent-bit/etc/conf', readOnly: true }],
      resources: { requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '40Mi' } },
      securityContext: { runAsUser: 65532, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    });
  });

  test('hot reload watches more mounts on request', () => {
    const c = chart();
    const scripts = kplus.Volume.fromConfigMap(c, 'Scripts', kplus.ConfigMap.fromConfigMapName(c, 'ScriptsRef', 'lua-scripts'));
    collector(c, { ...fb({ configReload: FluentBitConfigReload.hotReload({ watchMountPaths: ['/scripts'] }) }), volumeMounts: [{ volume: scripts, mountPath: '/scripts' }] });
    const reloader = podSpec(synth(c)).containers[1];
    expect(reloader.args).toContain('-volume-dir=/scripts');
    expect(reloader.volumeMounts).toContainEqual(expect.objectContaining({ mountPath: '/scripts', readOnly: true }));
    expect(() => collector(chart(), fb({ configReload: FluentBitConfigReload.hotReload({ watchMountPaths: ['/nope'] }) })))
      .toThrow(/engine.configReload.watchMountPaths\[0\]: Invalid value: "\/nope": is not the mountPath of one of volumeMounts/);
  });

  test('hot reload with an existing ConfigMap watches that one', () => {
    const configReload = FluentBitConfigReload.hotReload({
      reloaderImage: 'registry.example.com/configmap-reload:v0.15.0',
      reloaderResources: { memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) } },
    });
    const manifests = build({ configReload, existingConfigMap: { name: 'mine' } }, { outputs: [] });
    const reloader = podSpec(manifests).containers[1];
    expect(reloader.image).toBe('registry.example.com/configmap-reload:v0.15.0');
    expect(reloader.resources).toEqual({ requests: { memory: '16Mi' }, limits: { memory: '32Mi' } });
    expect(reloader.volumeMounts).toEqual([{ name: 'config', mountPath: '/fluent-bit/etc/conf', readOnly: true }]);
    expect(byKind(manifests, 'DaemonSet').spec.template.metadata.annotations['checksum/config']).toBeUndefined();
  });
});

describe('Fluentd options', () => {
  test('flushThreadCount goes into every output\'s buffer', () => {
    const text = collector(chart(), { engine: LogCollectorEngine.fluentd({ flushThreadCount: 4 }), outputs: [LogOutput.forward({ host: 'agg' })] }).configFiles['fluent.conf'];
    expect(text).toMatch(/<buffer>[^]*flush_thread_count 4[^]*<\/buffer>/);
  });

  test('a flushThreadCount out of range', () => {
    expect(() => collector(chart(), { engine: LogCollectorEngine.fluentd({ flushThreadCount: 0 }) })).toThrow(/engine.flushThreadCount: Invalid value: 0/);
  });
});

describe('example fluent-bit-pipeline', () => {
  const manifests = synthExample('fluent-bit-pipeline');

  test('snapshot: the whole pipeline', () => {
    expect(manifests).toMatchSnapshot();
  });

  test('the Lua script from the example\'s file is in the ConfigMap, and the reloader watches it there', () => {
    const data = byKind(manifests, 'ConfigMap').data;
    expect(data['filter-3.lua']).toMatch(/^-- Masks e-mail addresses/);
    expect(sectionsOf(data['fluent-bit.conf'], 'FILTER', 'lua')[0].entries).toContainEqual(['script', '/fluent-bit/etc/conf/filter-3.lua']);
    expect(podSpec(manifests).containers.map((c: any) => c.name)).toEqual(['fluent-bit', 'config-reloader']);
    expect(byKind(manifests, 'Service').spec).toMatchObject({ internalTrafficPolicy: 'Local' });
  });
});
