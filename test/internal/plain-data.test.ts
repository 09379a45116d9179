import { MAX_DEPTH, plainCopy, plainDataProblem, Unreadable } from '../../src/internal/plain-data';

describe('plainDataProblem', () => {
  test.each<[string, unknown, string, RegExp]>([
    ['a BigInt', { spec: { minReadySeconds: 10n } }, 'spec.minReadySeconds', /no BigInt/],
    ['a Symbol', { labels: { a: Symbol('x') } }, 'labels.a', /no Symbol/],
    ['a function', { args: [() => '--x'] }, 'args[0]', /no function/],
    // eslint-disable-next-line no-sparse-arrays
    ['a hole', { args: ['a', , 'b'] }, 'args[1]', /is a hole in the list/],
    ['a Symbol key', { nodeSelector: { [Symbol('k')]: 'v' } }, 'nodeSelector', /has a Symbol key/],
    ['a key that is no identifier', { labels: { 'app.kubernetes.io/name': 1n } }, 'labels[app.kubernetes.io/name]', /BigInt/],
    // JSON.stringify writes both as {}: the entries would be lost without a word.
    ['a Map', { metadata: { labels: new Map([['team', 'x']]) } }, 'metadata.labels', /no Map .*Object\.fromEntries/],
    ['a Set', { args: new Set(['--x']) }, 'args', /no Set .*\[\.\.\.set\]/],
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

describe('plainCopy', () => {
  test('a value that throws when read (a getter, a revoked Proxy) is copied as an Unreadable, which plainDataProblem reports at its path', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const copy = plainCopy({ image: 'x', get args(): string[] { throw new Error('api_token=hunter2 not loaded'); }, metadata: { labels: revoked.proxy } });
    expect(copy.image).toBe('x');
    expect(copy.args).toBeInstanceOf(Unreadable);
    expect(plainDataProblem(copy)).toMatchObject({ path: 'args', reason: 'reading it threw Error: api_token=*** not loaded' });
    expect(plainDataProblem({ labels: copy.metadata.labels })).toMatchObject({ path: 'labels', reason: expect.stringMatching(/^reading it threw TypeError: .*revoked/) });
  });

  test('reads each entry once: a getter gives one value to every reader of the copy', () => {
    let reads = 0;
    const props = { get image() { reads++; return `registry.example/agent:1.${reads}.0`; }, sidecars: [{ get image() { reads++; return 'x'; } }] };
    const copy = plainCopy(props);
    expect([copy.image, copy.image, copy.sidecars[0].image]).toEqual(['registry.example/agent:1.1.0', 'registry.example/agent:1.1.0', 'x']);
    expect(reads).toBe(2);
  });

  test('keeps what plainDataProblem must still find, and class instances by reference', () => {
    const d = new Date(0);
    const sym = Symbol('k');
    const cyclic: any = { a: {} };
    cyclic.a.b = cyclic;
    // eslint-disable-next-line no-sparse-arrays
    const copy: any = plainCopy({ d, hole: ['a', , 'b'], symbols: { [sym]: 'v' }, proto: JSON.parse('{"__proto__": "x"}'), cyclic, bare: Object.create(null) });
    expect(copy.d).toBe(d);
    expect(1 in copy.hole).toBe(false);
    expect(copy.symbols[sym]).toBe('v');
    expect(Object.getOwnPropertyDescriptor(copy.proto, '__proto__')?.value).toBe('x');
    expect(Object.getPrototypeOf(copy.bare)).toBeNull();
    expect(copy.cyclic.a.b).toBe(copy.cyclic);
    expect(plainDataProblem(copy)?.reason).toMatch(/hole/);
  });
});
