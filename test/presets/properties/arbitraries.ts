/**
 * Arbitraries and checks shared by the preset property tests: valid values (hosts, ports,
 * Secret references, paths, names) for "valid props synthesize valid objects", and poisoned
 * values (newlines, quotes, `#{`, `[`, `<`, over-long strings, NaN, negatives, fractions, wrong
 * types) for "invalid props end in a validation error".
 */
import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { DaemonSetValidator, ValidationSeverity } from '../../../src';
import { expectValidManifests } from '../../helpers/schema';

/**
 * Runs per "valid props" property: enough to cover every branch of the arbitraries, bounded so
 * the suite stays fast. `PROPS_VALID_RUNS=1000` searches longer.
 */
export const RUNS = { numRuns: Number(process.env.PROPS_VALID_RUNS ?? 40) };
/** Runs per "invalid prop" property: cheap (most end at construction), and each picks one of many props; `PROPS_INVALID_RUNS` overrides. */
export const BAD_RUNS = { numRuns: Number(process.env.PROPS_INVALID_RUNS ?? 150) };

// ---------------------------------------------------------------------------------------------
// Valid values

export const dnsLabel = fc.stringMatching(/^[a-z]([a-z0-9-]{0,14}[a-z0-9])?$/);
/** A DNS-1123 subdomain of one to three labels. */
export const dnsSubdomain = fc.array(dnsLabel, { minLength: 1, maxLength: 3 }).map(l => l.join('.'));
/** A host name as the outputs and collectd take it: letters of any case, digits, `-`, dots. */
export const hostName = fc.array(fc.stringMatching(/^[A-Za-z]([A-Za-z0-9-]{0,10}[A-Za-z0-9])?$/), { minLength: 1, maxLength: 4 }).map(l => l.join('.'));
export const ipv4 = fc.ipV4();
export const ipv6 = fc.ipV6();
/** A bare host: DNS name, IPv4 or IPv6 (no brackets). */
export const host = fc.oneof({ weight: 3, arbitrary: hostName }, { weight: 1, arbitrary: ipv4 }, { weight: 1, arbitrary: ipv6 });
/** `host:port` or `[ipv6]:port`. */
export const hostPort = fc.tuple(host, fc.integer({ min: 1, max: 65535 })).map(([h, p]) => (h.includes(':') ? `[${h}]:${p}` : `${h}:${p}`));
export const port = fc.integer({ min: 1, max: 65535 });
/** A port a test may give a container without clashing with the kubelet's or a daemon's own. */
export const unprivilegedPort = fc.integer({ min: 1024, max: 65535 }).filter(p => p !== 10250);
export const configMapKey = fc.stringMatching(/^[A-Za-z0-9_-][-._A-Za-z0-9]{0,20}$/);
export const secretRef = fc.record({ name: dnsSubdomain, key: configMapKey });
/** An absolute path of the characters paths may have, sometimes with doubled or trailing slashes. */
export const safePath = fc.array(fc.stringMatching(/^[A-Za-z0-9_+@:~-][A-Za-z0-9._+@:~-]{0,10}$/), { minLength: 1, maxLength: 4 })
  .chain(parts => fc.constantFrom('/', '//').chain(sep => fc.constantFrom('', '/').map(end => `/${parts.join(sep)}${end}`)));
export const namespace = dnsLabel;
export const labelValue = fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/);
export const qualifiedName = fc.tuple(fc.option(dnsSubdomain, { nil: undefined }), fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/))
  .map(([prefix, name]) => (prefix ? `${prefix}/${name}` : name));
export const imageRef = fc.tuple(
  fc.constantFrom('registry.example.com/team/agent', 'quay.io/org/image', 'localhost:5000/x', 'docker.io/library/busybox'),
  fc.stringMatching(/^v?[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,2}$/),
).map(([repo, tag]) => `${repo}:${tag}`);

/** `undefined` or a value: the optional props. */
export function opt<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(a, { nil: undefined });
}

// ---------------------------------------------------------------------------------------------
// Invalid values

/** What poisons a value: each makes any name, path, host, tag or number-like string invalid. */
const POISONS = ['\n', '\r', '\t', '\u2028', '\x00', '"', "'", '#{', '[', ']', '<', '>', ' ', '\\', '{', '}', ';', '$'];

/**
 * A string that no name, host, path, tag or identifier prop accepts: `base` with a control
 * character, quote, `#{`, bracket or space injected, padded with white space, empty, or (for
 * length-bounded props, `maxLength`) too long.
 */
export interface PoisonOptions {
  /** The prop's length limit: adds strings one to 600 characters longer. */
  readonly maxLength?: number;
  /** The substrings injected (default: control characters, quotes, `#{`, brackets, space, ...). */
  readonly poisons?: string[];
  /** Whether the empty string is valid for the prop. */
  readonly allowEmpty?: boolean;
}

export function poisoned(base: fc.Arbitrary<string>, options: PoisonOptions = {}): fc.Arbitrary<string> {
  const poisons = options.poisons ?? POISONS;
  const cases: Array<fc.Arbitrary<string>> = [
    fc.tuple(base, fc.constantFrom(...poisons), fc.nat()).map(([b, p, at]) => {
      const i = b.length === 0 ? 0 : at % (b.length + 1);
      return `${b.slice(0, i)}${p}${b.slice(i)}`;
    }),
    base.map(b => ` ${b}`),
    base.map(b => `${b}\n`),
  ];
  if (!options.allowEmpty) cases.push(fc.constant(''));
  if (options.maxLength !== undefined) {
    const max = options.maxLength;
    cases.push(fc.integer({ min: max + 1, max: max + 600 }).map(n => 'a'.repeat(n)));
  }
  return fc.oneof(...cases);
}

/** Text that must stay on one line: only line breaks, control characters and padding are poison. */
export function poisonedLine(base: fc.Arbitrary<string>, extra: string[] = []): fc.Arbitrary<string> {
  return poisoned(base, { poisons: ['\n', '\r', '\r\n', '\t', '\u2028', '\u0085', '\x00', ...extra] });
}

/** Values of the wrong type where a string is expected, as a JavaScript caller may pass (`null` is "unset" for optional props). */
export const notAString: fc.Arbitrary<any> = fc.oneof(
  fc.integer(), fc.boolean(), fc.constant({}), fc.constant([]), fc.constant(['a']),
);

/**
 * Numbers outside `[min, max]` or not whole: NaN, infinities, negatives, fractions, huge values,
 * and strings or null from JavaScript callers.
 */
export function badNumber(min: number, max: number): fc.Arbitrary<any> {
  return fc.oneof(
    fc.constantFrom(NaN, Infinity, -Infinity, 1e21, Number.MAX_SAFE_INTEGER + 2),
    fc.integer({ min: -1_000_000, max: min - 1 }),
    fc.integer({ min: max + 1, max: max + 1_000_000 }),
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter(n => !Number.isInteger(n)),
    fc.constantFrom(String(min), `${max}`, true, {}),
  );
}

/** One invalid prop: the props to build with, and the prop (or its prefix) the error must name. */
export interface BadCase<P> {
  readonly prop: string;
  readonly props: P;
}

export function badCase<P>(prop: string, props: fc.Arbitrary<P>): fc.Arbitrary<BadCase<P>> {
  return props.map(p => ({ prop, props: p }));
}

// ---------------------------------------------------------------------------------------------
// Checks

/** A fresh app with one chart, optionally in a namespace. */
export function newChart(ns?: string): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'test', ns !== undefined ? { namespace: ns } : {});
  return { app, chart };
}

export interface Synthesized {
  readonly manifests: any[];
  readonly yaml: string;
}

/** Builds in a fresh app and synthesizes: the objects (validations run) and the YAML. */
export function build(add: (chart: Chart) => void, ns?: string): Synthesized {
  const { app, chart } = newChart(ns);
  add(chart);
  const manifests = Testing.synth(chart);
  return { manifests, yaml: app.synthYaml() };
}

export function errorFindings(manifests: any[]) {
  return DaemonSetValidator.validateAll(manifests, { hostAccessOptedIn: true }).filter(f => f.severity === ValidationSeverity.ERROR);
}

/**
 * The (a) properties for one set of props: no validator error over the objects, every object
 * conforms to its Kubernetes schema, and a second synthesis is byte-identical.
 */
export function expectValidAndDeterministic(add: (chart: Chart) => void, ns?: string): any[] {
  const first = build(add, ns);
  expect(errorFindings(first.manifests)).toEqual([]);
  expectValidManifests(first.manifests);
  const second = build(add, ns);
  expect(second.yaml).toEqual(first.yaml);
  return first.manifests;
}

/** The ConfigMaps' files, file name → content. */
export function configFiles(manifests: any[]): { [file: string]: string } {
  return Object.assign({}, ...manifests.filter(m => m.kind === 'ConfigMap').map(m => m.data ?? {}));
}

/**
 * The (b) property: building (or synthesizing) with invalid props throws an `Error` — never a
 * TypeError or RangeError — whose message starts with the construct path and names the prop;
 * or synthesis fails. It never yields objects.
 */
export function expectPropError(path: string, prop: string, add: (scope: Construct) => void, ns?: string): void {
  const { chart } = newChart(ns);
  let constructed = false;
  try {
    add(chart);
    constructed = true;
    Testing.synth(chart);
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(TypeError);
    expect(e).not.toBeInstanceOf(RangeError);
    const message = (e as Error).message;
    if (!constructed) {
      // The one format: `[construct/path] prop: Invalid value: ...` (prop may be a prefix of the one named).
      if (!message.startsWith(`[${path}] ${prop}`) || !/ \([a-z0-9-]+\); fix: /.test(message)) {
        throw new Error(`expected "[${path}] ${prop}...: Invalid value: ... (rule); fix: ...", got: ${message}`);
      }
    } else {
      // A synth error: cdk8s lists the failed validations of the construct.
      expect(message).toMatch(/Validation failed/);
    }
    return;
  }
  throw new Error(`invalid ${prop} was accepted: synthesized without error`);
}

/** Silences the warnings synth prints to stderr, for a describe block. */
export function quietStderr(): void {
  let spy: jest.SpyInstance;
  beforeAll(() => {
    spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterAll(() => spy.mockRestore());
}
