import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { DaemonNamespace, DaemonSetUpdateStrategy, LogCollectorDaemonSet, LogOutput, NodeDaemonSet, NodeDaemonSetProps, NodeExporterDaemonSet } from '../../src';

// `cdk8s init typescript-app` installs the newest cdk8s-plus (33 here); these are its real objects,
// handed to a library built on cdk8s-plus-27. They look right but fail `instanceof`.
function renderError(props: Partial<NodeDaemonSetProps>): string {
  try {
    new NodeDaemonSet(Testing.chart(), 'agent', { image: 'example.com/agent:v1.2.3', ...props });
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the construct to reject its props');
}

const INSTALL = /but this library is built on cdk8s-plus-27 and takes only its objects\. Install cdk8s-plus-27 beside cdk8s-plus-33 \(`npm install cdk8s-plus-27`; both majors work in one app\) and make this value with cdk8s-plus-27: `import \* as kplus from 'cdk8s-plus-27'`/;

describe('objects of another cdk8s-plus major', () => {
  test.each<[string, Partial<NodeDaemonSetProps>, string]>([
    ['a Cpu', { resources: { cpu: { request: kplus33.Cpu.millis(100) as any } } }, 'resources.cpu.request: Invalid value: an instance of Cpu: is a Cpu of cdk8s-plus-33'],
    ['an EnvValue', { envVariables: { LEVEL: kplus33.EnvValue.fromValue('info') as any } }, 'envVariables[LEVEL]: Invalid value: an instance of EnvValue: is an EnvValue of cdk8s-plus-33'],
    ['a Probe', { readiness: kplus33.Probe.fromTcpSocket({ port: 8080 }) as any }, 'readiness: Invalid value: an instance of Probe: is a Probe of cdk8s-plus-33'],
    ['a PercentOrAbsolute', {
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus33.PercentOrAbsolute.percent(10) as any }),
    }, 'updateStrategy.maxUnavailable: Invalid value: an instance of PercentOrAbsolute: is a PercentOrAbsolute of cdk8s-plus-33'],
  ])('%s names the package the library takes and how to install it', (_, props, start) => {
    const message = renderError(props);
    expect(message).toContain(`agent] ${start}, `);
    expect(message).toMatch(INSTALL);
  });

  test('a Volume', () => {
    const chart = Testing.chart();
    const volume = kplus33.Volume.fromEmptyDir(chart, 'v33', 'cache');
    expect(() => new NodeDaemonSet(chart, 'agent', {
      image: 'example.com/agent:v1.2.3',
      volumeMounts: [{ volume: volume as any, mountPath: '/cache' }],
    })).toThrow(/agent\] volumeMounts\[0\]\.volume: Invalid value: an instance of Volume: is a Volume of cdk8s-plus-33, but this library is built on cdk8s-plus-27/);
  });

  test('a ServiceAccount works: only its name is read', () => {
    const chart = Testing.chart();
    const account = kplus33.ServiceAccount.fromServiceAccountName(chart, 'sa', 'agent-sa');
    new NodeDaemonSet(chart, 'agent', { image: 'example.com/agent:v1.2.3', serviceAccount: account as any });
    const ds = Testing.synth(chart).find(m => m.kind === 'DaemonSet');
    expect(ds.spec.template.spec.serviceAccountName).toBe('agent-sa');
  });

  test('objects of the expected major still pass', () => {
    expect(() => new NodeDaemonSet(Testing.chart(), 'agent', {
      image: 'example.com/agent:v1.2.3',
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { limit: Size.mebibytes(64) } },
    })).not.toThrow();
  });
});

describe('objects of a second copy of the same package', () => {
  test('name both versions and how to keep one copy', () => {
    // A fresh module registry loads cdk8s-plus-27 again, as a nested node_modules copy would.
    let other: typeof kplus | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      other = require('cdk8s-plus-27');
    });
    expect(other!.Cpu).not.toBe(kplus.Cpu);
    expect(renderError({ resources: { cpu: { limit: other!.Cpu.millis(100) } } })).toMatch(
      /resources\.cpu\.limit: Invalid value: an instance of Cpu: is a Cpu from another copy of cdk8s-plus-27 \(2\.9\.5\), not the one this library loads \(2\.9\.5\): keep one copy in the app \(`npm ls cdk8s-plus-27` shows them; `npm dedupe` merges them\)/);
  });
});

describe('anything else', () => {
  test('keeps the factory hint', () => {
    expect(renderError({ resources: { cpu: { request: { amount: '100m' } as any } } })).toMatch(
      /resources\.cpu\.request: Invalid value: {"amount":"100m"}: must be made by kplus\.Cpu\.millis\(\) or kplus\.Cpu\.units\(\), or give resources as DaemonResources\.of/);
  });
});

/**
 * A JavaScript caller (no compiler) can pass what JSON cannot carry. Before, each failed deep
 * inside cdk8s without naming the prop ("Do not know how to serialize a BigInt", "Maximum call
 * stack size exceeded", "Converting circular structure to JSON", "Cannot read properties of
 * null"), or was lost silently (a hole rendered as null, a Symbol or a Symbol key dropped).
 */
describe('JavaScript callers', () => {
  const deep = (levels: number) => {
    const root: any = {};
    let at = root;
    for (let i = 0; i < levels; i++) at = at.a = {};
    return root;
  };
  const cycle: any = { 'kubernetes.io/os': 'linux' };
  cycle.self = cycle;

  test.each<[string, any, string]>([
    ['a BigInt', { minReadySeconds: 10n }, 'minReadySeconds: Invalid value: a BigInt: JSON and YAML have no BigInt: pass a number (Number(x))'],
    ['a BigInt in a list', { args: ['--x', 10n] }, 'args[1]: Invalid value: a BigInt: JSON and YAML have no BigInt'],
    ['a Symbol', { metadata: { annotations: { note: Symbol('x') } } }, 'metadata.annotations.note: Invalid value: a Symbol: JSON and YAML have no Symbol'],
    ['a Symbol key', { nodeSelector: { [Symbol('k')]: 'v' } }, 'nodeSelector: Invalid value: an object: has a Symbol key, which JSON and YAML cannot carry (the entry would be dropped)'],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole in a list', { tolerations: [, { operator: 'Exists' }] }, 'tolerations[0]: Invalid value: nothing: is a hole in the list'],
    ['a cycle', { nodeSelector: cycle }, 'nodeSelector.self: Invalid value: an object: contains itself (a cycle)'],
    ['a value nested 100,000 levels deep', { metadata: { annotations: deep(100_000) } }, `metadata.annotations${'.a'.repeat(62)}: Invalid value: an object: is nested more than 64 levels deep`],
    ['a function', { image: () => 'example.com/agent:v1' }, 'image: Invalid value: a function: JSON and YAML have no function'],
  ])('%s is refused by the prop that holds it', (_, props, message) => {
    expect(renderError(props)).toContain(`[test/agent] ${message}`);
  });

  test('no props at all', () => {
    expect(() => new NodeDaemonSet(Testing.chart(), 'agent', null as any)).toThrow('[test/agent] props: Invalid value: null: must be an object of props');
  });

  test('presets, their outputs and DaemonNamespace check the same way', () => {
    expect(() => new NodeExporterDaemonSet(Testing.chart(), 'ne', { extraArgs: ['--x', 1n] } as any))
      .toThrow('[test/ne] extraArgs[1]: Invalid value: a BigInt: JSON and YAML have no BigInt');
    expect(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: [LogOutput.elasticsearch({ host: 'es', port: 9200n as any })] }))
      .toThrow('[test/logs] outputs[0].port: Invalid value: a BigInt: JSON and YAML have no BigInt');
    expect(() => new DaemonNamespace(Testing.chart(), 'ns', { name: 'agents', labels: { team: Symbol('t') } } as any))
      .toThrow('[test/ns] labels.team: Invalid value: a Symbol');
  });

  test('a type error shows a string by its type and length, never its content', () => {
    // Before: `invalid command "hunter2-S3cr3t": must be a list`.
    expect(renderError({ command: 'hunter2-S3cr3t' as any })).toContain('command: Invalid value: a string of 14 characters: must be a list');
    expect(renderError({ args: ['--token', 12345678 as any] })).toContain('args[1]: Invalid value: 12345678: must be a string');
    // Before: `invalid envVariables[DB_PASSWORD] "hunter2-S3cr3t": must be made by kplus.EnvValue.fromValue()`.
    expect(renderError({ envVariables: { DB_PASSWORD: 'hunter2-S3cr3t' as any } })).toContain('envVariables[DB_PASSWORD]: Invalid value: a string of 14 characters: must be made by');
  });
});
