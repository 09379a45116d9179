import * as fc from 'fast-check';
import {
  BAD_RUNS, badCase, badNumber, configFiles, expectPropError, expectValidAndDeterministic, host, imageRef, namespace, newChart, notAString, opt,
  poisoned, poisonedLine, port, quietStderr, RUNS, safePath, unprivilegedPort,
} from './arbitraries';
import { CollectdDaemonSet, CollectdDaemonSetProps } from '../../../src';
import { parseCollectdConf } from '../../helpers/collectd-conf';

quietStderr();

const PATH = 'test/collectd';


const deviceName = fc.stringMatching(/^[A-Za-z0-9_.:!@+-]{1,16}$/);
/** POSIX extended regular expressions collectd compiles, between slashes. */
const ere = fc.tuple(
  fc.constantFrom('^sd[a-z]+$', '^nvme[0-9]+n[0-9]+$', '^(xvd|vd)[a-z]$', '[[:digit:]]+$', '^dm-[0-9]{1,3}$', '^(eth|ens)[0-9]*', 'veth.*', '^[^l]'),
  fc.boolean(),
).map(([re, anchor]) => `/${anchor && !re.startsWith('^') ? `^${re}` : re}/`);
const selector = fc.oneof(deviceName, ere);
const normalized = (p: string) => p.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

const plugins = fc.record({
  cpu: opt(fc.record({ enabled: opt(fc.boolean()), reportByCpu: opt(fc.boolean()), valuesPercentage: opt(fc.boolean()) }, { requiredKeys: [] })),
  memory: opt(fc.record({ enabled: opt(fc.boolean()), valuesPercentage: opt(fc.boolean()) }, { requiredKeys: [] })),
  load: opt(fc.record({ enabled: opt(fc.boolean()), reportRelative: opt(fc.boolean()) }, { requiredKeys: [] })),
  disk: opt(fc.oneof(
    fc.record({ enabled: opt(fc.boolean()) }, { requiredKeys: [] }),
    fc.record({ disks: fc.array(selector, { minLength: 1, maxLength: 3 }), ignoreSelected: opt(fc.boolean()) }),
  )),
  df: opt(fc.record({ enabled: opt(fc.boolean()), mountPoints: opt(fc.array(fc.oneof(fc.constantFrom('/', '/var', '/var/lib/kubelet/'), safePath), { minLength: 1, maxLength: 3 })), valuesPercentage: opt(fc.boolean()) }, { requiredKeys: [] })),
  networkInterfaces: opt(fc.record({
    enabled: opt(fc.boolean()),
    interfaces: opt(fc.array(selector, { minLength: 1, maxLength: 3 })),
    ignoreSelected: opt(fc.boolean()),
  }, { requiredKeys: [] })),
}, { requiredKeys: [] });

const outputs = fc.oneof(
  fc.record({
    writePrometheus: opt(fc.record({ port: opt(unprivilegedPort), service: opt(fc.boolean()) }, { requiredKeys: [] })),
  }, { requiredKeys: [] }),
  fc.record({ network: fc.record({ server: host, port: opt(port) }, { requiredKeys: ['server'] }) }),
  fc.record({ writePrometheus: fc.record({ port: opt(unprivilegedPort) }, { requiredKeys: [] }), network: fc.record({ server: host, port: opt(port) }, { requiredKeys: ['server'] }) }),
);

const collectdProps: fc.Arbitrary<CollectdDaemonSetProps> = fc.tuple(plugins, outputs, fc.record({
  image: opt(imageRef),
  collectdPath: opt(fc.stringMatching(/^(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,8}){1,4}$/)),
  intervalSeconds: opt(fc.integer({ min: 1, max: 86400 })),
}, { requiredKeys: [] })).map(([p, o, rest]) => ({ ...p, ...o, ...rest }))
  // collectd needs a plugin that reads values; the interface plugin with disk/ignoreSelected are covered as given.
  .filter(p => [p.cpu, p.memory, p.load, p.disk, p.df].some(x => (x as { enabled?: boolean } | undefined)?.enabled !== false)
    || p.networkInterfaces?.enabled === true);

describe('CollectdDaemonSet', () => {
  test('valid props synthesize valid, schema-conformant, deterministic objects and a well-formed collectd.conf', () => {
    fc.assert(fc.property(collectdProps, opt(namespace), (props, ns) => {
      const manifests = expectValidAndDeterministic(chart => new CollectdDaemonSet(chart, 'collectd', props), ns);
      const conf = parseCollectdConf(configFiles(manifests)['collectd.conf']);
      const loaded = conf.options.filter(([k]) => k === 'LoadPlugin').map(([, v]) => v[0]);
      expect(Object.keys(conf.blocks)).toEqual(loaded);
      if (props.network) {
        expect(conf.blocks.network).toEqual([['Server', [props.network.server, String(props.network.port ?? 25826)]]]);
      }
      if (conf.blocks.df) {
        // collectd compares mount points with /proc/mounts literally: they must be normalized.
        const expected = (props.df?.mountPoints ?? ['/']).map(m => (normalized(m) === '/' ? '/hostfs' : `/hostfs${normalized(m)}`));
        expect(conf.blocks.df.filter(([k]) => k === 'MountPoint').map(([, v]) => v[0])).toEqual(expected);
      }
      for (const [key, list] of [['Disk', props.disk?.disks], ['Interface', props.networkInterfaces?.interfaces]] as const) {
        const block = conf.blocks[key === 'Disk' ? 'disk' : 'interface'];
        if (block && list) expect(block.filter(([k]) => k === key).map(([, v]) => v[0])).toEqual(list);
      }
    }), RUNS);
  });

  const plainPoisons = ['\n', '\t', '"', "'", '#{', '<', ' ', '\\', '$', ';', '{', '`', '('];
  const bad = fc.oneof(
    badCase('intervalSeconds', badNumber(1, 86400).map(v => ({ intervalSeconds: v }))),
    badCase('collectdPath', fc.oneof(
      poisoned(fc.constant('/opt/collectd/sbin/collectd'), { poisons: [...plainPoisons, '&', '|', '*'] }),
      fc.constantFrom('collectd', '/opt/../bin/sh', '/'),
      notAString,
    ).map(v => ({ collectdPath: v }))),
    badCase('writePrometheus.port', badNumber(1, 65535).map(v => ({ writePrometheus: { port: v } }))),
    badCase('network.port', badNumber(1, 65535).map(v => ({ network: { server: 'collectd.example.com', port: v } }))),
    badCase('network.server', fc.oneof(
      poisoned(host, { maxLength: 253, poisons: [...plainPoisons, '/', '@', '[', ']'] }),
      fc.constantFrom('collectd:25826', 'udp://collectd', '[::1]', '10.0.0.256.1'),
      notAString,
    ).map(v => ({ network: { server: v } }))),
    badCase('disk.disks', fc.oneof(
      poisoned(deviceName, { maxLength: 255, poisons: plainPoisons }),
      poisonedLine(ere),
      fc.constantFrom('/\\d+/', '/(?:sd)a/', '/sd[a-z/', '/sd.*?/', '/(a/'),
      notAString,
    ).map(v => ({ disk: { disks: [v] } }))),
    badCase('networkInterfaces.interfaces', fc.oneof(poisoned(deviceName, { maxLength: 255, poisons: plainPoisons }), poisonedLine(ere), notAString)
      .map(v => ({ networkInterfaces: { enabled: true, interfaces: [v] } }))),
    badCase('df.mountPoints[0]', fc.oneof(
      poisoned(safePath, { poisons: plainPoisons }),
      fc.constantFrom('var', '/var/../etc'),
      notAString,
    ).map(v => ({ df: { mountPoints: [v] } }))),
    badCase('image', fc.oneof(poisoned(imageRef), notAString).map(v => ({ image: v }))),
  );

  test('invalid props end in a validation error naming the prop, never a crash or a broken collectd.conf', () => {
    fc.assert(fc.property(bad, c => {
      expectPropError(PATH, c.prop, scope => new CollectdDaemonSet(scope, 'collectd', c.props as any));
    }), BAD_RUNS);
  });
});

describe('regressions found by the properties', () => {
  test('df mount points are normalized: collectd compares them with /proc/mounts literally', () => {
    const collectd = new CollectdDaemonSet(newChart().chart, 'collectd', { df: { mountPoints: ['//', '//var//lib/', '/data/'] } });
    const mountPoints = parseCollectdConf(collectd.collectdConf).blocks.df.filter(([k]) => k === 'MountPoint').map(([, v]) => v[0]);
    expect(mountPoints).toEqual(['/hostfs', '/hostfs/var/lib', '/hostfs/data']);
  });
});
