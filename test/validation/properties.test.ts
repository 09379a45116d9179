import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { baseDaemonSet } from './base';
import { DaemonSetUpdateStrategy, DaemonSetValidator, NodeDaemonSet, NodeExporterDaemonSet, TolerationOperator, ValidationSeverity } from '../../src';
import { expectValidManifests } from '../helpers/schema';

const RUNS = { numRuns: 60 };
const errorsOf = (manifests: any[]) =>
  DaemonSetValidator.validateAll(manifests, { hostAccessOptedIn: true }).filter(f => f.severity === ValidationSeverity.ERROR);

const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/);
const portName = fc.stringMatching(/^[a-z]([a-z0-9]{0,6})(-[a-z0-9]{1,6})?$/);
const image = fc.tuple(fc.constantFrom('quay.io/prometheus/node-exporter', 'docker.io/fluent/fluent-bit', 'registry.local:5000/agent'), fc.stringMatching(/^v?[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$/))
  .map(([repo, tag]) => `${repo}:${tag}`);
const labelValue = fc.stringMatching(/^[a-z0-9]([-a-z0-9_.]{0,10}[a-z0-9])?$/);

const ports = fc.uniqueArray(fc.integer({ min: 1024, max: 65535 }), { maxLength: 3 }).chain(numbers =>
  fc.tuple(...numbers.map(n => fc.record({ number: fc.constant(n), name: fc.option(portName, { nil: undefined }) })))
    .map(list => {
      const seen = new Set<string>();
      return list.map(p => {
        if (p.name === undefined || seen.has(p.name)) return { number: p.number };
        seen.add(p.name);
        return p;
      });
    }));

const resources = fc.record({
  cpu: fc.integer({ min: 1, max: 4000 }),
  memory: fc.integer({ min: 1, max: 4096 }),
  extra: fc.integer({ min: 0, max: 1024 }),
}).map(r => ({
  cpu: { request: kplus.Cpu.millis(r.cpu), limit: kplus.Cpu.millis(r.cpu + r.extra) },
  memory: { request: Size.mebibytes(r.memory), limit: Size.mebibytes(r.memory + r.extra) },
}));

const strategy = fc.oneof(
  fc.constant(DaemonSetUpdateStrategy.onDelete()),
  fc.integer({ min: 1, max: 10 }).map(n => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(n) })),
  fc.integer({ min: 1, max: 100 }).map(n => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(n) })),
);

const hostPathMounts = fc.uniqueArray(
  fc.record({ name: dnsLabel, hostPath: fc.constantFrom('/proc', '/sys', '/var/log', '/'), mountPath: fc.constantFrom('/host/proc', '/host/sys', '/var/log', '/host/root'), readOnly: fc.boolean() }),
  { maxLength: 3, selector: m => m.name },
).map(list => list.filter((m, i) => list.findIndex(o => o.mountPath === m.mountPath) === i));

const commonProps = fc.record({
  namespace: fc.option(dnsLabel, { nil: undefined }),
  hostNetwork: fc.boolean(),
  hostPID: fc.boolean(),
  resources: fc.option(resources, { nil: undefined }),
  updateStrategy: fc.option(strategy, { nil: undefined }),
  nodeSelector: fc.dictionary(fc.constantFrom('pool', 'example.com/tier', 'node-role.kubernetes.io/worker'), labelValue, { maxKeys: 2 }),
  tolerations: fc.option(fc.array(fc.record({ key: fc.constantFrom('dedicated', 'example.com/gpu'), operator: fc.constant(TolerationOperator.EXISTS) }), { maxLength: 2 }), { nil: undefined }),
  runAsUser: fc.option(fc.integer({ min: 0, max: 70000 }), { nil: undefined }),
  minReadySeconds: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
  hostPathMounts,
});

function synth(build: (chart: any) => void): any[] {
  const chart = Testing.chart();
  build(chart);
  return Testing.synth(chart);
}

describe('valid props synthesize objects the validator accepts and the Kubernetes schema accepts', () => {
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  afterAll(() => stderr.mockRestore());

  test('NodeDaemonSet', () => {
    fc.assert(fc.property(dnsLabel, image, ports, commonProps, (name, img, ps, common) => {
      const manifests = synth(chart => new NodeDaemonSet(chart, 'ds', {
        ...common,
        name,
        image: img,
        ports: ps,
        metadata: common.namespace ? { namespace: common.namespace } : undefined,
      }));
      expect(errorsOf(manifests)).toEqual([]);
      expectValidManifests(manifests);
    }), RUNS);
  });

  test('NodeExporterDaemonSet', () => {
    fc.assert(fc.property(commonProps, fc.integer({ min: 1024, max: 65535 }), (common, port) => {
      const manifests = synth(chart => new NodeExporterDaemonSet(chart, 'ne', {
        port,
        hostNetwork: common.hostNetwork,
        resources: common.resources,
        nodeSelector: common.nodeSelector,
        tolerations: common.tolerations,
        updateStrategy: common.updateStrategy,
      }));
      expect(errorsOf(manifests)).toEqual([]);
      expectValidManifests(manifests);
    }), { numRuns: 30 });
  });
});

/** The shapes of failure the library promises: a validation error, never a crash. */
function expectValidationError(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(TypeError);
    expect(e).not.toBeInstanceOf(RangeError);
    expect((e as Error).message).toMatch(/invalid|must|Validation failed|may not|cannot/i);
    return;
  }
  throw new Error('expected a validation error');
}

describe('invalid inputs end in a validation error, never a crash', () => {
  const junk = fc.oneof(
    fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.boolean(),
    fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }),
  );
  const paths = [
    ['metadata', 'name'], ['spec', 'selector'], ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'],
    ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'], ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'],
    ['spec', 'template', 'spec', 'containers', 0, 'env'], ['spec', 'template', 'spec', 'volumes'], ['spec', 'template', 'spec', 'tolerations', 0],
    ['spec', 'template', 'spec', 'containers', 0, 'readinessProbe'], ['spec', 'template', 'spec', 'containers'], ['spec', 'template', 'spec'],
    ['spec', 'template', 'spec', 'securityContext'], ['spec', 'template', 'spec', 'affinity'], ['spec', 'template', 'spec', 'dnsConfig'],
    ['spec', 'template', 'spec', 'containers', 0, 'volumeMounts', 0], ['spec', 'template', 'metadata', 'labels'], ['spec'], ['kind'],
  ] as Array<Array<string | number>>;

  test('the validator never throws on arbitrary values at any field', () => {
    fc.assert(fc.property(fc.constantFrom(...paths), junk, (path, value) => {
      const ds = baseDaemonSet();
      let node = ds;
      for (const key of path.slice(0, -1)) node = node[key];
      node[path[path.length - 1]] = value;
      expect(() => DaemonSetValidator.validateAll([ds])).not.toThrow();
    }), { numRuns: 300 });
  });

  test('arbitrary JSON documents give findings, not exceptions', () => {
    fc.assert(fc.property(fc.jsonValue(), value => {
      const findings = DaemonSetValidator.validateAll([value as any]);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        expect(findings.some(f => f.severity === ValidationSeverity.ERROR)).toBe(true);
      }
    }), { numRuns: 100 });
  });

  test('a wrong type at a typed field is an error finding with that path', () => {
    const field = fc.constantFrom('revisionHistoryLimit', 'minReadySeconds');
    const value = fc.oneof(fc.string(), fc.double({ noInteger: true, noNaN: true }), fc.integer({ max: -1 }));
    fc.assert(fc.property(field, value, (f, v) => {
      const ds = baseDaemonSet();
      ds.spec[f] = v;
      expect(DaemonSetValidator.validate(ds)).toContainEqual(expect.objectContaining({ severity: ValidationSeverity.ERROR, path: `spec.${f}` }));
    }), RUNS);
  });

  const badProps = fc.oneof(
    fc.string().filter(s => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s)).map(name => ({ name })),
    fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.double({ noInteger: true, noNaN: true })).map(n => ({ ports: [{ number: n }] })),
    fc.string({ minLength: 16 }).map(n => ({ ports: [{ number: 9100, name: n }] })),
    fc.string().filter(s => !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(s)).map(ns => ({ metadata: { namespace: ns } })),
    fc.oneof(fc.integer({ max: -1 }), fc.double({ noInteger: true, noNaN: true })).map(n => ({ minReadySeconds: n })),
    fc.string().filter(s => s.length > 0 && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(s)).map(p => ({ priorityClassName: p })),
    fc.string({ minLength: 1 }).filter(s => !s.startsWith('/')).map(p => ({ hostPathMounts: [{ name: 'h', hostPath: p, mountPath: '/h' }] })),
    fc.integer({ min: 1, max: 5 }).map(n => ({
      hostNetwork: true,
      ports: [{ number: 9100 }],
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
        maxSurge: kplus.PercentOrAbsolute.absolute(n),
      }),
    })),
    fc.string().filter(s => s.includes(' ')).map(k => ({ nodeSelector: { [k]: 'x' } })),
  );

  test('invalid NodeDaemonSet props throw an Error naming the prop (or fail synth), never a TypeError', () => {
    fc.assert(fc.property(badProps, bad => {
      expectValidationError(() => synth(chart => new NodeDaemonSet(chart, 'ds', { image: 'agent:1.0.0', ...(bad as any) })));
    }), { numRuns: 100 });
  });
});
