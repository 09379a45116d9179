import { extend } from '../../src/internal/objects';

describe('extend', () => {
  test('has the keys, order and values of the spread', () => {
    const base = { b: 1, a: { x: 1 }, name: 'old' };
    const extended = extend(base, { name: 'new', volumeMounts: [] });
    expect(extended).toEqual({ ...base, name: 'new', volumeMounts: [] });
    expect(Object.keys(extended)).toEqual(['b', 'a', 'name', 'volumeMounts']);
    expect(extended.a).toBe(base.a);
  });

  test('keeps an own __proto__ key a key, as a spread does', () => {
    const base = JSON.parse('{"__proto__": {"privileged": true}, "image": "x"}');
    const extended: any = extend(base, { name: 'n' });
    expect(Object.getPrototypeOf(extended)).toBe(Object.prototype);
    expect(extended.privileged).toBeUndefined();
    expect(Object.keys(extended)).toEqual(['__proto__', 'image', 'name']);
    expect(Object.keys(extend({ image: 'x' }, JSON.parse('{"__proto__": {"privileged": true}}')))).toEqual(['image', '__proto__']);
  });
});
