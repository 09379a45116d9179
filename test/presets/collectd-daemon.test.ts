/**
 * The real collectd (Debian's `collectd-core`, 5.12, installed by .ci/run) reads every
 * collectd.conf CollectdDaemonSet generates: `collectd -T -C <file>` loads the config and the
 * plugins, runs one read of each plugin and exits. (5.12's `-t` exits before reading the file, so
 * it proves nothing.) collectd only logs a bad value such as a regex that does not compile, so
 * its log is read for errors. Paths of the pod are mapped into a temporary directory and the
 * node's root.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { CollectdDaemonSet, CollectdDaemonSetProps } from '../../src';
import { asNodeDaemonUser, describeWith, findBinary, freePort, run } from '../helpers/daemons';

const collectd = findBinary(['collectd'], ['/usr/sbin']);

/** Props that together take every value each option allows (a covering set, not the full product). */
const VARIANTS: Array<[string, Partial<CollectdDaemonSetProps>]> = [
  ['defaults', {}],
  ['every plugin with its non-default switches', {
    intervalSeconds: 60,
    cpu: { reportByCpu: false, valuesPercentage: true },
    memory: { valuesPercentage: true },
    load: { reportRelative: true },
    df: { mountPoints: ['/', '/var', '//var//lib/'], valuesPercentage: true },
    networkInterfaces: { enabled: true },
  }],
  ['disks by name, then ignored', { disk: { disks: ['sda', 'nvme0n1', 'dm-0'], ignoreSelected: true } }],
  ['disks by POSIX regular expression', { disk: { disks: ['/^(sd|vd)[a-z]+$/', '/^nvme[0-9]+n[0-9]+$/', '/^[[:alpha:]]+[[:digit:]]*$/'] } }],
  ['interfaces by name and expression, selected', { networkInterfaces: { enabled: true, interfaces: ['eth0', '/^(veth|cali)/', 'lo'], ignoreSelected: false } }],
  ['interfaces ignored', { networkInterfaces: { enabled: true, interfaces: ['/^lo$/'], ignoreSelected: true } }],
  ['only cpu, pushing to an IPv4 server', { memory: { enabled: false }, load: { enabled: false }, disk: { enabled: false }, df: { enabled: false }, network: { server: '127.0.0.1', port: 25826 } }],
  ['pushing to an IPv6 server and serving Prometheus', { network: { server: '::1' }, writePrometheus: { service: false } }],
  ['only df', { cpu: { enabled: false }, memory: { enabled: false }, load: { enabled: false }, disk: { enabled: false } }],
];

/** The generated collectd.conf, with the pod's paths mapped into `dir` and onto this node's root, and `port` for write_prometheus. */
function hostConf(props: Partial<CollectdDaemonSetProps>, dir: string, port: number): string {
  const chart = Testing.chart();
  const writePrometheus = props.network && !props.writePrometheus ? undefined : { ...props.writePrometheus, port };
  const conf = new CollectdDaemonSet(chart, 'collectd', { ...props, writePrometheus }).collectdConf;
  writeFileSync(join(dir, 'hostname.conf'), 'Hostname "node-1"\n');
  return conf
    .replace('Include "/run/collectd/hostname.conf"', `Include "${dir}/hostname.conf"`)
    .replace('BaseDir "/var/lib/collectd"', `BaseDir "${dir}"`)
    .replace(/MountPoint "\/hostfs(\/[^"]*)?"/g, (_, rest: string | undefined) => `MountPoint "${rest ?? '/'}"`);
}

const [suite, name] = describeWith(collectd, 'the real collectd reads every generated collectd.conf', 'apt-get install collectd-core libmicrohttpd12 libprotobuf-c1');
suite(name, () => {
  test.each(VARIANTS)('%s', async (_name, props) => {
    const dir = mkdtempSync(join(tmpdir(), 'collectd-'));
    // The pod's BaseDir is a writable emptyDir of collectd's user.
    chmodSync(dir, 0o777);
    const file = join(dir, 'collectd.conf');
    const conf = hostConf(props, dir, await freePort());
    writeFileSync(file, conf);
    const [command, args] = asNodeDaemonUser(collectd!, ['-T', '-C', file, '-P', join(dir, 'collectd.pid')]);
    const result = run(command, args, 60_000);
    const log = result.stdout + result.stderr;
    // Every plugin the file loads initializes and reads; a refused option or value is logged, not fatal.
    expect(log.split('\n').filter(l => /error|fail|unknown|invalid|not found|cannot|could not|unable/i.test(l))).toEqual([]);
    const plugins = [...conf.matchAll(/^LoadPlugin (\w+)$/gm)].map(m => m[1]);
    expect(plugins.filter(p => !log.includes(`plugin_load: plugin "${p}" successfully loaded.`))).toEqual([]);
    expect(log).toContain('Exiting normally.');
    expect(result.status).toBe(0);
  }, 60_000);

  test('the check sees what collectd only logs: a regex regcomp refuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'collectd-'));
    const file = join(dir, 'collectd.conf');
    writeFileSync(file, hostConf({}, dir, 9103).replace('Disk "/^(loop|ram)[0-9]+$/"', 'Disk "/^(loop|ram[0-9]+$/"'));
    const result = run(collectd!, ['-T', '-C', file, '-P', join(dir, 'collectd.pid')], 60_000);
    expect(result.stdout + result.stderr).toMatch(/regcomp|regular expression/i);
  });
});
