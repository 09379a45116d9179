import { PodTolerations, Taint } from '../../src/coverage/taints';

const taint = (key: string, effect: string, value = ''): Taint => ({ key, value, effect });
const untolerated = (pod: any, ...taints: Taint[]) => PodTolerations.of(pod).untolerated(taints).map(t => `${t.key}:${t.effect}`);

describe('the tolerations the DaemonSet controller adds (AddOrUpdateDaemonPodTolerations)', () => {
  test('not-ready and unreachable NoExecute; disk, memory, pid pressure and unschedulable NoSchedule', () => {
    const added = [
      taint('node.kubernetes.io/not-ready', 'NoExecute'), taint('node.kubernetes.io/unreachable', 'NoExecute'),
      taint('node.kubernetes.io/disk-pressure', 'NoSchedule'), taint('node.kubernetes.io/memory-pressure', 'NoSchedule'),
      taint('node.kubernetes.io/pid-pressure', 'NoSchedule'), taint('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ];
    expect(untolerated({}, ...added)).toEqual([]);
  });

  test('only NoExecute for not-ready and unreachable: their NoSchedule taints (TaintNodesByCondition) block', () => {
    expect(untolerated({}, taint('node.kubernetes.io/not-ready', 'NoSchedule'), taint('node.kubernetes.io/unreachable', 'NoSchedule')))
      .toEqual(['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/unreachable:NoSchedule']);
  });

  test('network-unavailable only for pods on the host network', () => {
    const t = taint('node.kubernetes.io/network-unavailable', 'NoSchedule');
    expect(untolerated({}, t)).toEqual(['node.kubernetes.io/network-unavailable:NoSchedule']);
    expect(untolerated({ hostNetwork: true }, t)).toEqual([]);
  });

  test('nothing else: the control-plane and custom taints need the template\'s own tolerations', () => {
    expect(untolerated({}, taint('node-role.kubernetes.io/control-plane', 'NoSchedule'), taint('node.cloudprovider.kubernetes.io/uninitialized', 'NoSchedule', 'true')))
      .toEqual(['node-role.kubernetes.io/control-plane:NoSchedule', 'node.cloudprovider.kubernetes.io/uninitialized:NoSchedule']);
  });
});

describe('Toleration.ToleratesTaint', () => {
  const gpu = taint('nvidia.com/gpu', 'NoSchedule', 'present');
  test('Equal (or no operator) needs the same value; Exists any value', () => {
    expect(untolerated({ tolerations: [{ key: 'nvidia.com/gpu', value: 'present' }] }, gpu)).toEqual([]);
    expect(untolerated({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'absent' }] }, gpu)).toEqual(['nvidia.com/gpu:NoSchedule']);
    expect(untolerated({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] }, gpu)).toEqual([]);
    // Equal without a value tolerates only a taint without one.
    expect(untolerated({ tolerations: [{ key: 'nvidia.com/gpu' }] }, gpu)).toEqual(['nvidia.com/gpu:NoSchedule']);
    expect(untolerated({ tolerations: [{ key: 'dedicated' }] }, taint('dedicated', 'NoSchedule'))).toEqual([]);
  });

  test('an empty effect matches every effect; a set one only its own', () => {
    const noExecute = taint('nvidia.com/gpu', 'NoExecute', 'present');
    expect(untolerated({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] }, gpu, noExecute)).toEqual([]);
    expect(untolerated({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] }, gpu, noExecute)).toEqual(['nvidia.com/gpu:NoExecute']);
  });

  test('an empty key with Exists tolerates every taint, of the effect if one is set', () => {
    expect(untolerated({ tolerations: [{ operator: 'Exists' }] }, gpu, taint('x', 'NoExecute'))).toEqual([]);
    expect(untolerated({ tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] }, gpu, taint('x', 'NoExecute'))).toEqual(['x:NoExecute']);
  });

  test('PreferNoSchedule never blocks, tolerated or not', () => {
    expect(untolerated({}, taint('example.com/batch-only', 'PreferNoSchedule', 'true'))).toEqual([]);
  });

  test('the alpha comparison operators (and any unknown one) tolerate nothing', () => {
    expect(untolerated({ tolerations: [{ key: 'tier', operator: 'Gt', value: '1' }] }, taint('tier', 'NoSchedule', '5'))).toEqual(['tier:NoSchedule']);
  });
});
