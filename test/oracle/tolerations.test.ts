/**
 * `controller-toleration-shadowed` against the real controllers' code (the oracle, k8s.io/kubernetes
 * v1.37.2): the DaemonSet controller's AddOrUpdateDaemonPodTolerations on the template, then the
 * taint manager's GetMatchingTolerations for the not-ready and unreachable NoExecute taints. The
 * rule must report exactly the taints after which the real code evicts the daemon pod, with the
 * same number of seconds.
 */
import * as fc from 'fast-check';
import { describeWithOracle } from './oracle';
import { DaemonSetValidator } from '../../src';
import { baseDaemonSet } from '../validation/base';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const CONDITIONS: { readonly [condition: string]: string } = { NotReady: NOT_READY, unreachable: UNREACHABLE };

/** A DaemonSet with the tolerations given. */
function withTolerations(tolerations: any[]): any {
  const ds = baseDaemonSet();
  ds.spec.template.spec.tolerations = tolerations;
  return ds;
}

/** What the rule says: taint key → eviction seconds, for each taint it reports. */
function reported(ds: any): { [taintKey: string]: number } {
  const out: { [taintKey: string]: number } = {};
  for (const f of DaemonSetValidator.validate(ds).filter(x => x.rule === 'controller-toleration-shadowed')) {
    const seconds = Number(/evicted (\d+)s after/.exec(f.message)![1]);
    for (const condition of /matches the (.+?) taint/.exec(f.message)![1].split(' and ')) out[CONDITIONS[condition]] = seconds;
  }
  return out;
}

/** What the real code does: taint key → eviction seconds, for each taint after which it evicts. */
function evicted(answer: any): { [taintKey: string]: number } {
  const seconds = answer.objects[0].server.pod.evictionSeconds;
  return Object.fromEntries(Object.entries(seconds).filter(([, s]) => s !== null)) as { [taintKey: string]: number };
}

const toleration = fc.record({
  key: fc.constantFrom(undefined, NOT_READY, UNREACHABLE, 'example.com/maintenance'),
  operator: fc.constantFrom(undefined, 'Exists', 'Equal'),
  value: fc.constantFrom(undefined, '', 'x'),
  effect: fc.constantFrom(undefined, 'NoExecute', 'NoSchedule'),
  tolerationSeconds: fc.constantFrom(undefined, 0, 60, 300),
}, { requiredKeys: [] }).map(t => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)));

describeWithOracle('controller-toleration-shadowed agrees with the DaemonSet controller and the taint manager', o => {
  const run = (cases: any[]) => o.run(cases.map((ds, i) => ({ id: `tolerations-${i}`, input: JSON.stringify(ds) })));

  test('a blanket NoExecute toleration with tolerationSeconds: the real code evicts after 300 s, and the rule says so', () => {
    const ds = withTolerations([{ operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    const [answer] = run([ds]);
    expect(answer.objects[0].server.pod!.evictionSeconds).toEqual({ [NOT_READY]: 300, [UNREACHABLE]: 300 });
    expect(reported(ds)).toEqual({ [NOT_READY]: 300, [UNREACHABLE]: 300 });
  });

  test('the controller\'s own toleration, with seconds, is replaced: the real code never evicts, and the rule is silent', () => {
    const ds = withTolerations([{ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    const [answer] = run([ds]);
    expect(answer.objects[0].server.pod!.evictionSeconds).toEqual({ [NOT_READY]: null, [UNREACHABLE]: null });
    expect(reported(ds)).toEqual({});
  });

  test('random toleration lists: the rule reports exactly what the real code evicts for', () => {
    const samples = fc.sample(fc.array(toleration, { maxLength: 3 }), { seed: 20261204, numRuns: 1000 });
    const answers = run(samples.map(withTolerations));
    let shadowing = 0;
    samples.forEach((tolerations, i) => {
      const server = answers[i].objects[0].server;
      if (!server.accepted) return; // an invalid toleration is the validator's other rules' business
      const real = evicted(answers[i]);
      if (Object.keys(real).length > 0) shadowing++;
      expect({ tolerations, rule: reported(withTolerations(tolerations)) }).toEqual({ tolerations, rule: real });
    });
    // The sample reaches both sides: lists the real code evicts for, and lists it does not.
    expect(shadowing).toBeGreaterThan(15);
    expect(shadowing).toBeLessThan(samples.length - 100);
  });
});
