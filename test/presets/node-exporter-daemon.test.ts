/**
 * The real node_exporter runs with the arguments NodeExporterDaemonSet generates: Debian's
 * `prometheus-node-exporter` (1.5.0, built with Go 1.19) and the pinned release built from the Go
 * module proxy (`node_exporter`, 1.12.1), both installed by .ci/run. Paths are mapped to the
 * host's /proc, /sys and /, the listen address to a loopback port; each variant must serve
 * /metrics. node_exporter exits on a flag it does not know and panics on a filter regex Go refuses.
 */
import { readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { NodeExporterDaemonSet, NodeExporterDaemonSetProps } from '../../src';
import { COLLECTOR_SINCE, hasCollector, REGEX_FLAGS } from '../../src/presets/node-exporter-releases';
import { answers, asNodeDaemonUser, describeWith, findBinary, freePort, run, serveOnce, start, waitFor } from '../helpers/daemons';
import { podSpec, synth } from '../helpers/synth';

const PINNED = [1, 12, 1];
/** The pinned release's `--help`, kept for machines without its binary. */
const PINNED_FLAGS = new Set(readFileSync(join(__dirname, 'fixtures/node-exporter-v1.12.1-flags.txt'), 'utf8')
  .split('\n').filter(l => l.startsWith('--')));

const binaries = [
  findBinary(['prometheus-node-exporter']),
  findBinary(['node_exporter']),
].filter((b): b is string => b !== undefined);

/** The release a binary reports (`node_exporter, version 1.5.0 (...)`). */
function versionOf(binary: string): number[] {
  const m = /version (\d+)\.(\d+)\.(\d+)/.exec(run(binary, ['--version']).stdout + run(binary, ['--version']).stderr);
  if (!m) throw new Error(`${binary} --version printed no version`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The collectors a binary's --help offers. */
function collectorsOf(binary: string): string[] {
  const help = run(binary, ['--help']).stderr + run(binary, ['--help']).stdout;
  return [...help.matchAll(/Enable the ([a-z0-9_]+) collector/g)].map(m => m[1]).sort();
}

/** Every prop that changes the arguments, for one release. */
function variants(release: number[]): Array<[string, NodeExporterDaemonSetProps]> {
  const collectors = [...COLLECTOR_SINCE.keys()].filter(c => hasCollector(release, c));
  return [
    ['defaults', {}],
    ['no root filesystem mount', { hostRootFsMount: false }],
    ['filesystem filters, named groups', { mountPointsExclude: '^/(?P<top>dev|proc|sys)($|/)', fsTypesExclude: '^(tmpfs|squashfs|(?P<o>overlay))$' }],
    ['every collector on', { enabledCollectors: collectors }],
    ['every collector off but cpu', { disabledCollectors: collectors.filter(c => c !== 'cpu') }],
    ['textfile directory, pod network', { textfileDirectory: '/var/lib/node-exporter/textfile', hostNetwork: false }],
    ['extra arguments', {
      extraArgs: [
        '--collector.netdev.device-exclude=^(veth|cali)[0-9a-f]*$',
        '--collector.diskstats.device-exclude=^(ram|loop|fd)\\d+$',
        '--collector.systemd.unit-include=a)|(b',
        '--web.max-requests=20',
        '--no-collector.wifi',
      ],
    }],
  ];
}

/** The generated arguments for `image`, with the pod's paths and address mapped onto this host. */
function hostArgs(props: NodeExporterDaemonSetProps, image: string, port: number): string[] {
  const chart = Testing.chart();
  new NodeExporterDaemonSet(chart, 'ne', { ...props, image });
  const args: string[] = podSpec(synth(chart)).containers[0].args;
  return args.map(a => a
    .replace(/^(--web\.listen-address=).*$/, `$1127.0.0.1:${port}`)
    .replace('=/host/proc', '=/proc').replace('=/host/sys', '=/sys')
    .replace('=/host/root/', '=/').replace(/=\/host\/root$/, '=/')
    .replace('=/host/textfile', `=${tmpdir()}`));
}

/** Runs node_exporter with `args`; flags it does not know are dropped and returned (it exits on the first). */
async function serve(binary: string, args: string[]): Promise<{ unknown: string[]; result: Awaited<ReturnType<typeof serveOnce>> }> {
  const unknown: string[] = [];
  for (;;) {
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(args.join(' '))![1]);
    const [command, full] = asNodeDaemonUser(binary, args);
    const result = await serveOnce(command, full, `http://127.0.0.1:${port}/metrics`);
    const flag = /unknown long flag '([^']+)'/.exec(result.output)?.[1];
    if (result.served || !flag) return { unknown, result };
    unknown.push(flag);
    args = args.filter(a => a.split('=')[0] !== flag);
  }
}

test('the collector table at 1.12.1 is the pinned release\'s --help', () => {
  const pinned = [...PINNED_FLAGS].map(f => /^--collector\.([a-z0-9_]+)$/.exec(f)?.[1]).filter((c): c is string => c !== undefined);
  // --collector.disable-defaults is a flag, not a collector.
  expect([...COLLECTOR_SINCE.keys()].filter(c => hasCollector(PINNED, c)).sort()).toEqual(pinned.filter(c => c !== 'disable').sort());
  const hidden = ['diskstats.ignored-devices', 'filesystem.ignored-fs-types', 'filesystem.ignored-mount-points', 'netdev.device-blacklist',
    'netdev.device-whitelist', 'netdev.ignored-devices', 'qdisk.device-exclude', 'qdisk.device-include', 'systemd.unit-blacklist', 'systemd.unit-whitelist'];
  expect([...REGEX_FLAGS].filter(f => !PINNED_FLAGS.has(`--${f}`)).sort()).toEqual(hidden.map(f => `collector.${f}`));
});

for (const binary of binaries.length > 0 ? binaries : [undefined]) {
  const [suite, name] = describeWith(binary, 'the real node_exporter accepts the generated arguments', 'apt-get install prometheus-node-exporter');
  suite(name, () => {
    const release = binary ? versionOf(binary) : PINNED;
    const own = `quay.io/prometheus/node-exporter:v${release.join('.')}`;

    test('the collector table matches its --help', () => {
      expect([...COLLECTOR_SINCE.keys()].filter(c => hasCollector(release, c)).sort()).toEqual(collectorsOf(binary!));
    });

    test.each(variants(release))('generated for its own release: %s', async (_name, props) => {
      const { unknown, result } = await serve(binary!, hostArgs(props, own, await freePort()));
      expect(unknown).toEqual([]);
      expect(result.output).not.toMatch(/panic|level=(error|ERROR) .*(flag|regexp)/);
      expect(result.served).toBe(true);
      expect(result.body).toContain('node_exporter_build_info');
    }, 60_000);

    test.each(variants(PINNED))('generated for the pinned release: %s', async (_name, props) => {
      const { unknown, result } = await serve(binary!, hostArgs(props, 'quay.io/prometheus/node-exporter:v1.12.1', await freePort()));
      // Flags newer than this binary are the pinned release's own: reported, and checked against its list.
      if (unknown.length > 0) {
        process.stdout.write(`node_exporter ${release.join('.')} (${binary}) does not know ${unknown.join(' ')}: newer than it, found in 1.12.1's flags\n`);
      }
      // `--[no-]collector.x` in --help: the negation is the same flag.
      expect(unknown.filter(f => !PINNED_FLAGS.has(f.replace(/^--no-/, '--')))).toEqual([]);
      expect(result.served).toBe(true);
    }, 120_000);

    test('listenOnAllInterfaces: the generated listen address serves IPv4 and IPv6 (Go\'s dual-stack wildcard)', async () => {
      const port = await freePort();
      const chart = Testing.chart();
      new NodeExporterDaemonSet(chart, 'ne', { listenOnAllInterfaces: true, port, hostRootFsMount: false });
      const listen = podSpec(synth(chart)).containers[0].args.find((a: string) => a.startsWith('--web.listen-address='));
      expect(listen).toBe(`--web.listen-address=:${port}`);
      const args = ['--path.procfs=/proc', '--path.sysfs=/sys', listen, '--collector.disable-defaults', '--collector.loadavg'];
      const daemon = start(binary!, args);
      const both = async () => (await answers(`http://127.0.0.1:${port}/metrics`)) && (await answers(`http://[::1]:${port}/metrics`));
      const served = await waitFor(daemon, both, Date.now() + 10_000);
      await daemon.stop();
      expect(served).toBe(true);
    }, 30_000);
  });
}
