import { baseDaemonSet } from './base';
import { DaemonSetValidator, ValidationSeverity } from '../../src';
import { imageRepository, imageVersion, isNodeExporterImage, versionAtLeast } from '../../src/internal/image';
import { RENAMED_FLAGS } from '../../src/validation/rules/lint';
import { describeWith, findBinary, run } from '../helpers/daemons';

const W = ValidationSeverity.WARNING;
const C = 'spec.template.spec.containers[0]';
const OLD = 'node-exporter-deprecated-flag';
const NEW = 'node-exporter-flag-too-new';
const DIGEST = `@sha256:${'a'.repeat(64)}`;

/** The base DaemonSet (a node-exporter container) with this image and these args. */
function findings(image: string, args: string[]) {
  const ds = baseDaemonSet();
  ds.spec.template.spec.containers[0].image = image;
  ds.spec.template.spec.containers[0].args = args;
  return DaemonSetValidator.validate(ds).filter(f => f.rule === OLD || f.rule === NEW);
}

describe('node-exporter flag names against the image version', () => {
  describe.each<[string, string, string[], string, string]>([
    // An old name where the image knows the new one, or its version is unknown.
    ['old name, 1.2.0', 'quay.io/prometheus/node-exporter:v1.2.0', ['--collector.filesystem.ignored-mount-points=^/sys'], OLD, `${C}.args[0]`],
    ['old name, 1.8.2 with a suffix', 'quay.io/prometheus/node-exporter:v1.8.2-distroless', ['--path.rootfs=/host', '--collector.filesystem.ignored-fs-types=^tmpfs$'], OLD, `${C}.args[1]`],
    ['old name, tag and digest', `prom/node-exporter:v1.3.1${DIGEST}`, ['--collector.filesystem.ignored-mount-points', '^/sys'], OLD, `${C}.args[0]`],
    ['old name, tag latest (unknown version)', 'quay.io/prometheus/node-exporter:latest', ['--collector.filesystem.ignored-mount-points=^/sys'], OLD, `${C}.args[0]`],
    ['old name, digest only (unknown version)', `quay.io/prometheus/node-exporter${DIGEST}`, ['--collector.filesystem.ignored-mount-points=^/sys'], OLD, `${C}.args[0]`],
    ['old name, no tag (unknown version)', 'registry.example.com:5000/node_exporter', ['--collector.netdev.ignored-devices=^lo$'], OLD, `${C}.args[0]`],
    ['old name, an image that is not node-exporter\'s (unknown version)', 'example.com/monitoring-agent:v0.1.0', ['--collector.filesystem.ignored-mount-points=^/sys'], OLD, `${C}.args[0]`],
    ['diskstats old name, 1.4.0', 'prom/node-exporter:v1.4.0', ['--collector.diskstats.ignored-devices=^ram'], OLD, `${C}.args[0]`],
    // Deprecated since 1.1.0 (netdev, systemd) and 1.7.0 (the qdisk misspelling), still accepted by 1.12.1 with a warning.
    ['netdev blacklist, 1.12.1', 'quay.io/prometheus/node-exporter:v1.12.1', ['--collector.netdev.device-blacklist=^veth'], OLD, `${C}.args[0]`],
    ['systemd whitelist, 1.1.0', 'quay.io/prometheus/node-exporter:v1.1.0', ['--collector.systemd.unit-whitelist=.+'], OLD, `${C}.args[0]`],
    ['qdisk misspelling, 1.7.0', 'quay.io/prometheus/node-exporter:v1.7.0', ['--collector.qdisk.device-include=^eth'], OLD, `${C}.args[0]`],
    ['old and new name together, 1.8.2', 'quay.io/prometheus/node-exporter:v1.8.2', ['--collector.filesystem.mount-points-exclude=^/sys', '--collector.filesystem.ignored-mount-points=^/proc'], OLD, `${C}.args[1]`],
    // A new name the image's release does not know yet.
    ['new name, 1.1.2', 'quay.io/prometheus/node-exporter:v1.1.2', ['--collector.filesystem.mount-points-exclude=^/sys'], NEW, `${C}.args[0]`],
    ['new name, 0.15.2 (the seed image)', 'prom/node-exporter:v0.15.2', ['--path.procfs=/host/proc', '--collector.filesystem.fs-types-exclude=^tmpfs$'], NEW, `${C}.args[1]`],
    ['new name, tag and digest, node_exporter path', `registry.example.com/mirror/node_exporter:v1.0.1${DIGEST}`, ['--collector.netdev.device-exclude=^lo$'], NEW, `${C}.args[0]`],
    ['diskstats new name, 1.3.1 (added in 1.4.0)', 'quay.io/prometheus/node-exporter:v1.3.1', ['--collector.diskstats.device-exclude=^ram'], NEW, `${C}.args[0]`],
    ['new name as its own element', 'prom/node-exporter:v1.1.0', ['--collector.filesystem.mount-points-exclude', '^/sys'], NEW, `${C}.args[0]`],
    ['old and new name together, 1.1.2', 'quay.io/prometheus/node-exporter:v1.1.2', ['--collector.filesystem.ignored-mount-points=^/proc', '--collector.filesystem.mount-points-exclude=^/sys'], NEW, `${C}.args[1]`],
  ])('%s', (_name, image, args, rule, path) => {
    it(`is ${rule} at ${path}`, () => {
      expect(findings(image, args)).toContainEqual(expect.objectContaining({ rule, severity: W, path }));
    });
  });

  describe.each<[string, string, string[]]>([
    ['old name, 1.1.2', 'quay.io/prometheus/node-exporter:v1.1.2', ['--collector.filesystem.ignored-mount-points=^/sys']],
    ['old name, 0.15.2 (the seed image)', 'prom/node-exporter:v0.15.2', ['--collector.filesystem.ignored-mount-points', '^/sys']],
    ['diskstats old name, 1.3.1', 'quay.io/prometheus/node-exporter:v1.3.1', ['--collector.diskstats.ignored-devices=^ram']],
    ['new name, 1.2.0', 'quay.io/prometheus/node-exporter:v1.2.0', ['--collector.filesystem.mount-points-exclude=^/sys']],
    ['new name, 1.12.1 with a digest', `quay.io/prometheus/node-exporter:v1.12.1${DIGEST}`, ['--collector.diskstats.device-exclude=^ram']],
    ['new name, tag latest (unknown version)', 'quay.io/prometheus/node-exporter:latest', ['--collector.filesystem.mount-points-exclude=^/sys']],
    ['new name, an old version of an image that is not node-exporter\'s', 'example.com/monitoring-agent:v0.1.0', ['--collector.filesystem.mount-points-exclude=^/sys']],
  ])('no finding: %s', (_name, image, args) => {
    it('has neither rule', () => {
      expect(findings(image, args)).toEqual([]);
    });
  });

  test('the deprecated-flag message names the new flag, the release and the image tag', () => {
    const [f] = findings('quay.io/prometheus/node-exporter:v1.8.2', ['--collector.filesystem.ignored-mount-points=^/sys']);
    expect(f.message).toBe('--collector.filesystem.ignored-mount-points was renamed to --collector.filesystem.mount-points-exclude in node-exporter 1.2.0 (the image is v1.8.2)');
  });

  test('the deprecated-flag message says so when the new name is set too', () => {
    const [f] = findings('quay.io/prometheus/node-exporter:latest', ['--collector.filesystem.mount-points-exclude=^/sys', '--collector.filesystem.ignored-mount-points=^/proc']);
    expect(f.message).toBe('--collector.filesystem.ignored-mount-points was renamed to --collector.filesystem.mount-points-exclude in node-exporter 1.2.0; '
      + '--collector.filesystem.mount-points-exclude is set too, and node-exporter refuses both together ("mutually exclusive"): drop --collector.filesystem.ignored-mount-points');
  });

  test('the too-new message names the release, the image tag and the old name', () => {
    const [f] = findings('prom/node-exporter:v0.15.2', ['--collector.filesystem.mount-points-exclude=^/sys']);
    expect(f.message).toBe('--collector.filesystem.mount-points-exclude needs node-exporter 1.2.0 or later, but the image is v0.15.2, which exits at startup ("unknown long flag"): '
      + 'use --collector.filesystem.ignored-mount-points, or update the image (for example to v1.12.1)');
  });

  test('the too-new message says to drop the new name when the old one is set too', () => {
    const [f] = findings('quay.io/prometheus/node-exporter:v1.1.2', ['--collector.filesystem.ignored-mount-points=^/proc', '--collector.filesystem.mount-points-exclude=^/sys']);
    expect(f.message).toContain(': --collector.filesystem.ignored-mount-points is set too: drop --collector.filesystem.mount-points-exclude');
  });

  test('old and new name together with an image that knows both: one finding, on the old name', () => {
    expect(findings('quay.io/prometheus/node-exporter:v1.8.2', ['--collector.filesystem.mount-points-exclude=^/sys', '--collector.filesystem.ignored-mount-points=^/proc']).map(f => f.path))
      .toEqual([`${C}.args[1]`]);
  });

  test('old and new name together with an image older than the rename: one finding, on the new name', () => {
    expect(findings('quay.io/prometheus/node-exporter:v1.1.2', ['--collector.filesystem.ignored-mount-points=^/proc', '--collector.filesystem.mount-points-exclude=^/sys']).map(f => `${f.rule} ${f.path}`))
      .toEqual([`${NEW} ${C}.args[1]`]);
  });
});

describe('netdev\'s ignored-devices: refused from 1.0.0, which renamed it to device-blacklist (1.1.0: device-exclude)', () => {
  const netdev = (tag: string, flag = '--collector.netdev.ignored-devices') => findings(`quay.io/prometheus/node-exporter:${tag}`, [`${flag}=^lo$`]);
  test('a release before 1.0.0 accepts it: no finding', () => {
    expect(netdev('v0.18.1')).toEqual([]);
  });
  test('1.0.x refuses it and knows device-blacklist only', () => {
    expect(netdev('v1.0.1').map(f => f.message)).toEqual([
      '--collector.netdev.ignored-devices is refused by node-exporter 1.0.0 and later (the image is v1.0.1), which exit at startup ("unknown long flag"): use --collector.netdev.device-blacklist',
    ]);
  });
  test('1.1.0 and later, or an unknown release: use device-exclude', () => {
    expect(netdev('v1.8.2').map(f => f.message)).toEqual([
      '--collector.netdev.ignored-devices is refused by node-exporter 1.0.0 and later (the image is v1.8.2), which exit at startup ("unknown long flag"): use --collector.netdev.device-exclude',
    ]);
    expect(netdev('latest').map(f => f.rule)).toEqual([OLD]);
  });
  test('device-exclude on a release before 1.1.0: the too-new advice names the old name that release accepts', () => {
    expect(netdev('v1.0.1', '--collector.netdev.device-exclude')[0].message).toContain(': use --collector.netdev.device-blacklist, or update the image');
    expect(netdev('v0.18.1', '--collector.netdev.device-exclude')[0].message).toContain(': use --collector.netdev.ignored-devices, or update the image');
  });
  test('the rule\'s summary names every flag it handles', () => {
    const summary = DaemonSetValidator.rules().find(r => r.id === OLD)!.summary;
    for (const flag of Object.keys(RENAMED_FLAGS)) expect(summary).toContain(`\`${flag.slice('--collector.'.length)}\``);
  });
});

/**
 * The real node_exporter, as .ci/run installs it (Debian's prometheus-node-exporter 1.5.0; the
 * Go module's node_exporter 1.12.1): `--version` after the flag parses every flag first and
 * exits with "unknown long flag" on one the release does not know.
 */
const binaries = [findBinary(['prometheus-node-exporter']), findBinary(['node_exporter'])].filter((b): b is string => b !== undefined);
const [withBinaries, title] = describeWith(binaries[0], 'RENAMED_FLAGS against the real node_exporter', 'apt-get install prometheus-node-exporter; go install github.com/prometheus/node_exporter@v1.12.1');
withBinaries(title, () => {
  const refuses = (binary: string, flag: string) => {
    const r = run(binary, [`${flag}=x`, '--version']);
    return /unknown long flag/.test(r.stdout + r.stderr);
  };
  const releaseOf = (binary: string) => (/version (\d+)\.(\d+)\.(\d+)/.exec(run(binary, ['--version']).stdout + run(binary, ['--version']).stderr) ?? []).slice(1).map(Number);
  test.each(binaries)('%s refuses the names RENAMED_FLAGS calls removed at its release, and accepts the new names it has', binary => {
    const release = releaseOf(binary);
    for (const [old, r] of Object.entries(RENAMED_FLAGS)) {
      if (r.removed && versionAtLeast(release, r.removed)) expect({ old, refused: refuses(binary, old) }).toEqual({ old, refused: true });
      if (versionAtLeast(release, r.since)) expect({ flag: r.to, refused: refuses(binary, r.to) }).toEqual({ flag: r.to, refused: false });
    }
  });
  // Upstream's release keeps every deprecated name as a hidden flag; Debian's 1.5.0 build refuses
  // netdev's device-blacklist/whitelist and systemd's unit-blacklist/whitelist, which no image ships.
  const upstream = binaries.filter(b => !b.endsWith('prometheus-node-exporter'));
  test.each(upstream.length ? upstream : ['(no upstream binary)'])('%s still accepts every old name not marked removed', binary => {
    if (!upstream.length) return;
    for (const [old, r] of Object.entries(RENAMED_FLAGS)) {
      if (!r.removed) expect({ old, refused: refuses(binary, old) }).toEqual({ old, refused: false });
    }
  });
});

describe('image version parsing (src/internal/image.ts)', () => {
  test.each<[string, number[] | undefined]>([
    ['quay.io/prometheus/node-exporter:v1.12.1', [1, 12, 1]],
    ['prom/node-exporter:v0.15.2', [0, 15, 2]],
    ['quay.io/prometheus/node-exporter:v1.8.2-distroless', [1, 8, 2]],
    [`quay.io/prometheus/node-exporter:v1.3.1${DIGEST}`, [1, 3, 1]],
    ['registry.example.com:5000/node_exporter:1.4.0', [1, 4, 0]],
    ['registry.example.com:5000/node_exporter', undefined],
    [`quay.io/prometheus/node-exporter${DIGEST}`, undefined],
    ['quay.io/prometheus/node-exporter:latest', undefined],
    ['quay.io/prometheus/node-exporter:v1.2', undefined],
  ])('imageVersion(%s)', (image, version) => {
    expect(imageVersion(image)).toEqual(version);
  });

  test.each<[string, string]>([
    [`quay.io/prometheus/node-exporter:v1.3.1${DIGEST}`, 'quay.io/prometheus/node-exporter'],
    ['registry.example.com:5000/node_exporter', 'registry.example.com:5000/node_exporter'],
    ['registry.example.com:5000/node_exporter:v1.0.0', 'registry.example.com:5000/node_exporter'],
  ])('imageRepository(%s)', (image, repository) => {
    expect(imageRepository(image)).toBe(repository);
  });

  test('node-exporter images: the repository path ends in node-exporter or node_exporter', () => {
    expect(isNodeExporterImage('prom/node-exporter:v0.15.2')).toBe(true);
    expect(isNodeExporterImage('registry.example.com:5000/mirror/node_exporter')).toBe(true);
    expect(isNodeExporterImage('example.com/node-exporter-sidecar:v1.0.0')).toBe(false);
    expect(isNodeExporterImage('example.com/node-exporter/agent:v1.0.0')).toBe(false);
  });

  test('versionAtLeast: unknown counts as new', () => {
    expect(versionAtLeast([1, 2, 0], [1, 2, 0])).toBe(true);
    expect(versionAtLeast([1, 10, 0], [1, 2, 0])).toBe(true);
    expect(versionAtLeast([1, 1, 9], [1, 2, 0])).toBe(false);
    expect(versionAtLeast([0, 18, 1], [1, 0, 0])).toBe(false);
    expect(versionAtLeast(undefined, [1, 2, 0])).toBe(true);
  });
});
