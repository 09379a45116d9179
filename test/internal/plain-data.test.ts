import { MAX_DEPTH, plainDataProblem } from '../../src/internal/plain-data';

describe('plainDataProblem', () => {
  test.each<[string, unknown, string, RegExp]>([
    ['a BigInt', { spec: { minReadySeconds: 10n } }, 'spec.minReadySeconds', /no BigInt/],
    ['a Symbol', { labels: { a: Symbol('x') } }, 'labels.a', /no Symbol/],
    ['a function', { args: [() => '--x'] }, 'args[0]', /no function/],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole', { args: ['a', , 'b'] }, 'args[1]', /is a hole in the list/],
    ['a Symbol key', { nodeSelector: { [Symbol('k')]: 'v' } }, 'nodeSelector', /has a Symbol key/],
    ['a key that is no identifier', { labels: { 'app.kubernetes.io/name': 1n } }, 'labels[app.kubernetes.io/name]', /BigInt/],
  ])('%s', (_, value, path, reason) => {
    const problem = plainDataProblem(value);
    expect(problem?.path).toBe(path);
    expect(problem?.reason).toMatch(reason);
  });

  test('a cycle', () => {
    const value: any = { a: { b: {} } };
    value.a.b.c = value.a;
    expect(plainDataProblem(value)).toMatchObject({ path: 'a.b.c', reason: expect.stringMatching(/a cycle/) });
  });

  test('nesting beyond the limit, without overflowing the stack', () => {
    const root: any = {};
    let at = root;
    for (let i = 0; i < 100_000; i++) at = at.a = {};
    expect(plainDataProblem(root)).toMatchObject({ path: Array(MAX_DEPTH).fill('a').join('.'), reason: expect.stringMatching(/nested more than 64 levels/) });
  });

  test('the same object twice is no cycle; class instances and JSON values pass', () => {
    const shared = { a: 1 };
    expect(plainDataProblem({ x: shared, y: [shared], d: new Date(0), n: null, s: 'x', f: 1.5, u: undefined, p: JSON.parse('{"__proto__": "x"}') })).toBeUndefined();
  });
});
