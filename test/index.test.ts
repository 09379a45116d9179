import * as lib from '../src';

test('the package exports classes, enums and context keys only: a free function is an internal helper leaking out (jsii has none)', () => {
  const functions = Object.entries(lib)
    .filter(([, value]) => typeof value === 'function' && !/^class\b/.test(Function.prototype.toString.call(value)))
    .map(([name]) => name);
  expect(functions).toEqual([]);
  expect(Object.keys(lib)).not.toContain('checkInput');
  expect(typeof lib.NodeDaemonSet).toBe('function');
});
