import { Testing, Yaml } from 'cdk8s';
import { NodeDaemonSet } from '../src';

describe('configDirectory files', () => {
  test('a file named __proto__ (a valid ConfigMap key) is kept, not turned into a prototype', () => {
    // JSON.parse, as a JavaScript app reading its config files from disk would build the map.
    const files = JSON.parse('{"__proto__": "proto = 1\\n", "a.conf": "a = 1\\n"}');
    const chart = Testing.chart();
    new NodeDaemonSet(chart, 'agent', { image: 'example.com/agent:v1.2.3', configDirectory: { mountPath: '/etc/agent', files } });
    const configMap = Testing.synth(chart).find(o => o.kind === 'ConfigMap');
    // Before: cdk8s assigned the key while resolving and the file vanished (or the build failed in Buffer.byteLength).
    expect(Object.keys(configMap.data)).toEqual(['__proto__', 'a.conf']);
    expect(configMap.data.__proto__).toBe('proto = 1\n');
    expect(Yaml.stringify(configMap)).toContain('__proto__: |\n    proto = 1\n');
  });
});
