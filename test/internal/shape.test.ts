import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as kplus33 from 'cdk8s-plus-33';
import { DaemonSetUpdateStrategy, NodeDaemonSet, NodeDaemonSetProps } from '../../src';

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
    ['a Cpu', { resources: { cpu: { request: kplus33.Cpu.millis(100) as any } } }, 'resources.cpu.request an instance of Cpu: is a Cpu of cdk8s-plus-33'],
    ['an EnvValue', { envVariables: { LEVEL: kplus33.EnvValue.fromValue('info') as any } }, 'envVariables[LEVEL] an instance of EnvValue: is an EnvValue of cdk8s-plus-33'],
    ['a Probe', { readiness: kplus33.Probe.fromTcpSocket({ port: 8080 }) as any }, 'readiness an instance of Probe: is a Probe of cdk8s-plus-33'],
    ['a PercentOrAbsolute', {
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus33.PercentOrAbsolute.percent(10) as any }),
    }, 'updateStrategy.maxUnavailable an instance of PercentOrAbsolute: is a PercentOrAbsolute of cdk8s-plus-33'],
  ])('%s names the package the library takes and how to install it', (_, props, start) => {
    const message = renderError(props);
    expect(message).toContain(`agent: invalid ${start}, `);
    expect(message).toMatch(INSTALL);
  });

  test('a Volume', () => {
    const chart = Testing.chart();
    const volume = kplus33.Volume.fromEmptyDir(chart, 'v33', 'cache');
    expect(() => new NodeDaemonSet(chart, 'agent', {
      image: 'example.com/agent:v1.2.3',
      volumeMounts: [{ volume: volume as any, mountPath: '/cache' }],
    })).toThrow(/agent: invalid volumeMounts\[0\]\.volume an instance of Volume: is a Volume of cdk8s-plus-33, but this library is built on cdk8s-plus-27/);
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
      /invalid resources\.cpu\.limit an instance of Cpu: is a Cpu from another copy of cdk8s-plus-27 \(2\.9\.5\), not the one this library loads \(2\.9\.5\): keep one copy in the app \(`npm ls cdk8s-plus-27` shows them; `npm dedupe` merges them\)/);
  });
});

describe('anything else', () => {
  test('keeps the factory hint', () => {
    expect(renderError({ resources: { cpu: { request: { amount: '100m' } as any } } })).toMatch(
      /invalid resources\.cpu\.request {"amount":"100m"}: must be made by kplus\.Cpu\.millis\(\) or kplus\.Cpu\.units\(\), or give resources as DaemonResources\.of/);
  });
});
