/**
 * The real Fluent Bit (5.1.1, the pinned image's release) runs the configurations
 * LogCollectorDaemonSet generates for the typed filters, extra inputs, raw sections and hot
 * reload. No registry here serves a Fluent Bit binary, so CI skips these tests unless one is
 * installed; they were run against Fluent Bit v5.1.1 built from its source tag (cmake with
 * the bundled LuaJIT and the system SQLite) at `FLUENT_BIT_BIN`.
 *
 * Two checks, because `fluent-bit --dry-run` alone proves little: it refuses unknown parameter
 * names and runs the filters' pre-run hooks (a missing Lua script), but it accepts an unknown
 * multiline parser, a grep regex that does not compile or a malformed modify rule. So each
 * configuration is also started for real, with the pod's paths mapped into a temporary
 * directory: a container log in the CRI format is tailed through every filter to stdout, and
 * the records show what each filter did. Hot reload is asked for through the HTTP endpoint
 * the reloader sidecar calls.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { Duration, Testing } from 'cdk8s';
import { buildExample } from '../../../examples/synth';
import {
  BufferStorageType, ContainerRuntime, FluentBitConfigReload, FluentBitFilter, FluentBitInput, FluentBitLuaScript, FluentBitModifyCondition,
  FluentBitMultilineParser, LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogCollectorEngine, LogOutput,
} from '../../../src';
import { FluentBitOptions } from '../../../src/presets/log-collector/fluent-bit/options';
import { answers, describeWith, findBinary, freePort, run, start, waitFor } from '../../helpers/daemons';

const fluentBit = process.env.FLUENT_BIT_BIN ?? findBinary(['fluent-bit'], ['/opt/fluent-bit/bin']);

/** The image's parsers.conf: the binary's source tree, a package's, or a stand-in with the one parser the tests name. */
function parsersFile(dir: string): string {
  const candidates = [process.env.FLUENT_BIT_PARSERS, fluentBit && join(dirname(fluentBit), '..', '..', 'conf', 'parsers.conf'), '/etc/fluent-bit/parsers.conf'];
  const found = candidates.find((p): p is string => p !== undefined && existsSync(p));
  if (found) return found;
  const file = join(dir, 'parsers.conf');
  writeFileSync(file, '[PARSER]\n    Name   syslog-rfc5424\n    Format regex\n    Regex  ^<(?<pri>[0-9]+)>1 (?<time>[^ ]+) (?<message>.*)$\n');
  return file;
}

interface Prepared {
  readonly config: string;
  readonly logDir: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Writes the collector's files with the pod's paths (config mount, parsers, state, container logs) mapped into `dir`. */
function prepare(c: LogCollectorDaemonSet, dir: string): Prepared {
  const confDir = join(dir, 'conf');
  const logDir = join(dir, 'containers');
  for (const d of [confDir, logDir, join(dir, 'state')]) mkdirSync(d, { recursive: true });
  const parsers = parsersFile(dir);
  for (const [file, text] of Object.entries(c.configFiles)) {
    writeFileSync(join(confDir, file), text
      .split('/fluent-bit/etc/conf').join(confDir)
      .split('/fluent-bit/etc/parsers.conf').join(parsers)
      .split(c.stateDirectory).join(join(dir, 'state'))
      .split('/var/log/containers').join(logDir));
  }
  return {
    config: join(confDir, 'fluent-bit.conf'),
    logDir,
    env: { ...process.env, NODE_NAME: 'node-1', HOST_IP: '127.0.0.1', INPUT_0_SHARED_KEY: 'shared' },
  };
}

function collectorWith(props: Partial<LogCollectorDaemonSetProps>, options: FluentBitOptions): LogCollectorDaemonSet {
  return new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: [LogOutput.stdout()], ...props, engine: LogCollectorEngine.fluentBit(options) });
}

const LUA = [
  '-- Adds the length of the log line; a record Fluent Bit gets back with code 1 is replaced.',
  'function add_length(tag, timestamp, record)',
  '  record["log_length"] = string.len(record["log"] or "")',
  '  return 1, timestamp, record',
  'end',
  '',
].join('\n');

/** Every typed filter, in the order the docs recommend (multiline first), on the container logs. */
function everyFilter(): FluentBitFilter[] {
  return [
    FluentBitFilter.multiline({
      parsers: [
        FluentBitMultilineParser.JAVA,
        FluentBitMultilineParser.custom({
          name: 'app-trace',
          rules: [{ state: 'start_state', regex: '^TRACE ', nextState: 'frames' }, { state: 'frames', regex: '^\\s+-> ', nextState: 'frames' }],
          flushTimeout: Duration.seconds(1),
        }),
      ],
    }),
    FluentBitFilter.grep({ exclude: [{ key: 'log', pattern: '/healthz/i' }] }),
    // Quotes, a backslash and a space: written quoted, read back by Fluent Bit as given.
    FluentBitFilter.modify({ set: { cluster: 'prod "east" \\ 1' }, copyKeys: { stream: 'source' }, conditions: [FluentBitModifyCondition.keyExists('log')] }),
    FluentBitFilter.recordModifier({ records: { node: '${NODE_NAME}', team: 'platform "core"' } }),
    FluentBitFilter.nest({ wildcards: ['_p'], nestUnder: 'cri' }),
    FluentBitFilter.throttle({ rate: 1000, window: 5, interval: Duration.seconds(1) }),
    FluentBitFilter.lua({ script: FluentBitLuaScript.fromInline(LUA), call: 'add_length' }),
  ];
}

/** Container log lines in the CRI format (`<time> <stream> <F|P> <log>`): a Java stack trace, a health check, a custom trace, a plain line. */
const CRI_LOG = [
  'Exception in thread "main" java.lang.IllegalStateException: boom',
  '    at com.example.App.run(App.java:10)',
  '    at com.example.App.main(App.java:5)',
  'GET /HEALTHZ 200',
  'TRACE request 42',
  '  -> handler',
  '  -> store',
  'plain line',
].map((line, i) => `2026-01-01T00:00:0${i}.000000000Z stdout F ${line}`).join('\n') + '\n';

/** Runs Fluent Bit until it is healthy, then `during()`, then until `done(stdout)` or the deadline; returns what it printed. */
async function runUntil(binary: string, p: Prepared, metricsPort: number, done: (stdout: string) => boolean,
  during?: () => Promise<void>): Promise<{ stdout: string; stderr: string; exitCode: number | null }> {
  const daemon = start(binary, ['-c', p.config], p.env);
  const deadline = Date.now() + 30_000;
  if (await waitFor(daemon, () => answers(`http://127.0.0.1:${metricsPort}/api/v2/health`), deadline) && during) await during();
  await waitFor(daemon, () => done(daemon.stdout()), deadline, 200);
  const exitCode = await daemon.stop();
  return { stdout: daemon.stdout(), stderr: daemon.stderr(), exitCode };
}

function records(stdout: string): any[] {
  return stdout.split('\n').filter(l => l.startsWith('{')).map(l => JSON.parse(l));
}

const [suite, name] = describeWith(fluentBit, 'the real Fluent Bit runs the generated configuration',
  'no registry serves it: build Fluent Bit 5.1.1 (docs/log-collector.md) and set FLUENT_BIT_BIN', false);
suite(name, () => {
  test.each<[string, Partial<LogCollectorDaemonSetProps>, FluentBitOptions]>([
    ['every filter', {}, { filters: everyFilter() }],
    ['every extra input', {}, { inputs: [FluentBitInput.forward({ sharedKey: { name: 's', key: 'k' } }), FluentBitInput.http({ tag: 'app' }), FluentBitInput.syslog({ udp: true })] }],
    ['memory buffers, journal, raw sections', { storageType: BufferStorageType.MEMORY, journald: {} }, {
      filters: [FluentBitFilter.multiline({ parsers: [FluentBitMultilineParser.GO, FluentBitMultilineParser.PYTHON] })],
      rawConfig: '[FILTER]\n    Name  grep\n    Match host.*\n    Regex MESSAGE .\n\n[MULTILINE_PARSER]\n    Name raw-ml\n    Type regex\n    Rule "start_state" "/^x/"\n',
    }],
    ['hot reload', {}, { configReload: FluentBitConfigReload.hotReload() }],
  ])('--dry-run accepts %s', (_name, props, options) => {
    const dir = mkdtempSync(join(tmpdir(), 'fluent-bit-'));
    const p = prepare(collectorWith(props, options), dir);
    const result = run(fluentBit!, ['--dry-run', '-c', p.config]);
    expect(`${result.stdout}${result.stderr}`).toContain('configuration test is successful');
    expect(result.status).toBe(0);
  });

  test('--dry-run accepts the fluent-bit-pipeline example, its Lua file loaded', () => {
    const app = buildExample('fluent-bit-pipeline', mkdtempSync(join(tmpdir(), 'example-')));
    const c = app.node.findAll().find((x): x is LogCollectorDaemonSet => x instanceof LogCollectorDaemonSet)!;
    const p = prepare(c, mkdtempSync(join(tmpdir(), 'fluent-bit-')));
    const result = run(fluentBit!, ['--dry-run', '-c', p.config]);
    expect(`${result.stdout}${result.stderr}`).toContain('configuration test is successful');
  });

  test('every filter does its work on a CRI container log, in order, with the multiline filter first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluent-bit-'));
    const metricsPort = await freePort();
    const c = collectorWith({
      containerRuntime: ContainerRuntime.CONTAINERD,
      kubernetesMetadata: { enabled: false },
      metricsPort,
    }, { filters: everyFilter() });
    const p = prepare(c, dir);
    writeFileSync(join(p.logDir, 'app-7d9f_default_app-0123456789abcdef.log'), CRI_LOG);
    const out = await runUntil(fluentBit!, p, metricsPort, stdout => records(stdout).some(r => r.log === 'plain line'));
    expect(out.stderr).not.toMatch(/\[error\]/);
    const logs = records(out.stdout);
    expect(logs.map(r => r.log)).toEqual([
      'Exception in thread "main" java.lang.IllegalStateException: boom\n    at com.example.App.run(App.java:10)\n    at com.example.App.main(App.java:5)',
      'TRACE request 42\n  -> handler\n  -> store',
      'plain line',
    ]);
    for (const r of logs) {
      expect(r).toMatchObject({ cluster: 'prod "east" \\ 1', source: 'stdout', node: 'node-1', team: 'platform "core"', cri: { _p: 'F' }, log_length: r.log.length });
      expect(r._p).toBeUndefined();
    }
  }, 60_000);

  test('hot reload: the endpoint the reloader sidecar calls reloads the configuration in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluent-bit-'));
    const metricsPort = await freePort();
    const c = collectorWith({ kubernetesMetadata: { enabled: false }, metricsPort }, { configReload: FluentBitConfigReload.hotReload() });
    const p = prepare(c, dir);
    let reload = '';
    const out = await runUntil(fluentBit!, p, metricsPort, () => reload !== '', async () => {
      reload = await (await fetch(`http://127.0.0.1:${metricsPort}/api/v2/reload`, { method: 'POST' })).text();
      // The reload runs after the answer; a second health check must see the new context up.
      await new Promise(r => setTimeout(r, 2000));
    });
    expect(JSON.parse(reload)).toMatchObject({ reload: 'done', status: 0 });
    expect(out.stderr).toMatch(/reload/);
    expect(out.stderr).not.toMatch(/\[error\]/);
  }, 60_000);
});
