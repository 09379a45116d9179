import { hostPortsOf, hostPortText, NodePorts, portsConflict } from '../../src/coverage/host-ports';
import { allocatableOf, amountOf, podRequests } from '../../src/coverage/resources';

const container = (name: string, ports: any[] = [], resources: any = {}, extra: any = {}) => ({ name, image: 'x:1', ports, resources, ...extra });

describe('host ports (NodePorts)', () => {
  test('hostPort of every container; on the host network every containerPort (defaultHostNetworkPorts)', () => {
    const pod = { containers: [container('a', [{ containerPort: 8080 }, { containerPort: 9100, hostPort: 9100, protocol: 'UDP' }])] };
    expect(hostPortsOf(pod).map(hostPortText)).toEqual(['UDP/9100']);
    expect(hostPortsOf({ ...pod, hostNetwork: true }).map(hostPortText)).toEqual(['TCP/8080', 'UDP/9100']);
    expect(hostPortsOf({ ...pod, hostNetwork: true })[0].path).toBe('spec.template.spec.containers[0].ports[0].containerPort');
  });

  test('restartable (sidecar) init containers count; ordinary init containers do not', () => {
    const pod = {
      hostNetwork: true,
      containers: [container('a')],
      initContainers: [container('setup', [{ containerPort: 1 }]), container('proxy', [{ containerPort: 8443 }], {}, { restartPolicy: 'Always' })],
    };
    expect(hostPortsOf(pod).map(p => `${hostPortText(p)} ${p.path}`)).toEqual(['TCP/8443 spec.template.spec.initContainers[1].ports[0].containerPort']);
  });

  test('HostPortInfo.CheckConflict: same protocol and port, and 0.0.0.0 or the same host IP', () => {
    const p = (port: number, protocol = 'TCP', hostIP = '0.0.0.0') => ({ port, protocol, hostIP, path: '' });
    expect(portsConflict(p(9100), p(9100))).toBe(true);
    expect(portsConflict(p(9100), p(9100, 'UDP'))).toBe(false);
    expect(portsConflict(p(9100), p(9101))).toBe(false);
    expect(portsConflict(p(9100, 'TCP', '10.0.0.1'), p(9100))).toBe(true);
    expect(portsConflict(p(9100, 'TCP', '10.0.0.1'), p(9100, 'TCP', '10.0.0.1'))).toBe(true);
    expect(portsConflict(p(9100, 'TCP', '10.0.0.1'), p(9100, 'TCP', '10.0.0.2'))).toBe(false);
    const node = new NodePorts();
    node.bind([p(9100, 'TCP', '10.0.0.1')], 'first');
    expect(node.conflicts([p(9100, 'TCP', '10.0.0.2'), p(9100)]).map(c => `${hostPortText(c.port)} ${c.owner}`)).toEqual(['TCP/9100 first']);
  });
});

describe('requests (PodRequests) and allocatable (NodeResourcesFit)', () => {
  test('quantities in the scheduler\'s units, rounded up', () => {
    expect(amountOf('cpu', '1.5')).toBe(1500);
    expect(amountOf('cpu', '0.0001')).toBe(1);
    expect(amountOf('memory', '128Mi')).toBe(134217728);
    expect(amountOf('memory', '1.5k')).toBe(1500);
    expect(amountOf('memory', '100m')).toBe(1);
    expect(amountOf('cpu', 'lots')).toBeUndefined();
  });

  test('containers add up; a limit without a request is the request (API defaulting)', () => {
    const pod = { containers: [container('a', [], { requests: { cpu: '100m' }, limits: { memory: '180Mi' } }), container('b', [], { requests: { cpu: '50m', memory: '20Mi' } })] };
    expect(podRequests(pod)).toEqual({ 'cpu': 150, 'memory': 200 * 2 ** 20, 'ephemeral-storage': 0 });
  });

  test('init containers: the larger of the sum and the init peak; sidecars add to both', () => {
    const pod = {
      containers: [container('main', [], { requests: { cpu: '100m' } })],
      initContainers: [
        container('migrate', [], { requests: { cpu: '500m' } }),
        container('proxy', [], { requests: { cpu: '50m' } }, { restartPolicy: 'Always' }),
        container('warm', [], { requests: { cpu: '300m' } }),
      ],
    };
    // sum: 100 + 50 (sidecar); init peak: max(500, 50, 300 + 50) = 500.
    expect(podRequests(pod).cpu).toBe(500);
    const small = { ...pod, initContainers: pod.initContainers.slice(1) };
    // sum 150; init peak max(50, 350) = 350.
    expect(podRequests(small).cpu).toBe(350);
  });

  test('overhead is added; pod-level requests replace cpu and memory', () => {
    const pod = { containers: [container('a', [], { requests: { 'cpu': '100m', 'memory': '64Mi', 'ephemeral-storage': '1Gi' } })], overhead: { cpu: '10m' } };
    expect(podRequests(pod).cpu).toBe(110);
    expect(podRequests({ ...pod, resources: { requests: { memory: '1Gi' } } })).toEqual({ 'cpu': 110, 'memory': 2 ** 30, 'ephemeral-storage': 2 ** 30 });
  });

  test('allocatable: absent status means unknown; a missing resource in a present one is 0', () => {
    expect(allocatableOf({ status: {} })).toBeUndefined();
    expect(allocatableOf({ status: { allocatable: { cpu: '3920m', memory: '15730700Ki', pods: '110' } } })).toEqual({
      amounts: { 'cpu': 3920, 'memory': 15730700 * 1024, 'ephemeral-storage': 0 }, pods: 110,
    });
  });
});
