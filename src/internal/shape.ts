import { propTypeError, Where } from './errors';
import { plainCopy, plainDataProblem, Unreadable } from './plain-data';
import { ShownAs, typeOnly } from './redact';

/**
 * Shape checks for values that only a compiler would otherwise vouch for. A JavaScript caller
 * (or a jsii language binding handing over a plain map) can pass a string where a list belongs or
 * a plain object where a class instance does; cdk8s would then fail deep inside, or render a
 * broken manifest (a `command` string split into characters).
 */

/**
 * A construct's props as a JavaScript caller may pass them: an object, with nothing in it JSON
 * cannot carry (a BigInt, a Symbol, a function, a hole in a list, a cycle, nesting past 64
 * levels), each refused by the prop that holds it. Called first, before any prop is read; the
 * construct reads the copy it returns (`plainCopy`: each value read once, so a getter cannot
 * give the check one value and the manifest another). `prefix` names where `props` sits
 * (`outputs[0]` for an output's options).
 */
export function plainProps<T>(where: Where, props: T, prefix = ''): T {
  if (typeof props !== 'object' || props === null || Array.isArray(props)) throw propTypeError(where, prefix || 'props', props, 'must be an object of props');
  const copy = plainCopy(props);
  const problem = plainDataProblem(copy);
  if (problem) {
    const path = prefix && problem.path ? `${prefix}${problem.path.startsWith('[') ? '' : '.'}${problem.path}` : prefix || problem.path;
    const shown = problem.value instanceof Unreadable ? new ShownAs('a value that throws when read') : typeOnly(problem.value);
    throw propTypeError(where, path, shown, problem.reason);
  }
  return copy;
}

/** An array (or nothing) whose elements are not null; returns it, or [] when undefined. */
export function arrayProp<T>(where: Where, prop: string, value: T[] | undefined): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw propTypeError(where, prop, value, 'must be a list');
  value.forEach((v, i) => {
    if (v === null || v === undefined) throw propTypeError(where, `${prop}[${i}]`, v ?? null, 'must not be empty');
  });
  return value;
}

/** An array (or nothing) of strings. */
export function stringArrayProp(where: Where, prop: string, value: string[] | undefined): string[] {
  const values = arrayProp(where, prop, value);
  values.forEach((v, i) => {
    if (typeof v !== 'string') throw propTypeError(where, `${prop}[${i}]`, v, 'must be a string');
  });
  return values;
}

/**
 * An instance of `cls` (or nothing), made by the factory `made` names. An instance of the same
 * class from another cdk8s-plus major (an app made by `cdk8s init` brings the newest one) or from
 * a second copy of the package fails `instanceof` although it looks right; the error then names
 * the package and version this library takes and how to get it.
 */
export function instanceProp(where: Where, prop: string, value: unknown, cls: Function, made: string): void {
  if (value === undefined || value instanceof cls) return;
  throw propTypeError(where, prop, value, foreignReason(value, cls) ?? `must be made by ${made}`);
}

/** The fully qualified name and package version jsii records on every class of a jsii package. */
interface JsiiType { readonly fqn: string; readonly version: string }

const RTTI = Symbol.for('jsii.rtti');

function jsiiType(cls: unknown): JsiiType | undefined {
  const rtti = typeof cls === 'function' ? (cls as unknown as { [RTTI]?: JsiiType })[RTTI] : undefined;
  return typeof rtti?.fqn === 'string' ? rtti : undefined;
}

const CDK8S_PLUS = /^cdk8s-plus-\d+$/;

/** Why `value`, a class instance from a package other than the one `cls` comes from, is refused. */
function foreignReason(value: unknown, cls: Function): string | undefined {
  const expected = jsiiType(cls);
  const got = typeof value === 'object' && value !== null ? jsiiType(value.constructor) : undefined;
  if (!expected || !got) return undefined;
  const [expectedPkg, ...expectedName] = expected.fqn.split('.');
  const [gotPkg, ...gotName] = got.fqn.split('.');
  const type = expectedName.join('.');
  const a = /^[AEIOU]/.test(type) ? 'an' : 'a';
  if (got.fqn === expected.fqn) {
    return `is ${a} ${type} from another copy of ${gotPkg} (${got.version}), not the one this library loads (${expected.version}): `
      + `keep one copy in the app (\`npm ls ${gotPkg}\` shows them; \`npm dedupe\` merges them)`;
  }
  if (gotName.join('.') === type && CDK8S_PLUS.test(gotPkg) && CDK8S_PLUS.test(expectedPkg)) {
    return `is ${a} ${type} of ${gotPkg}, but this library is built on ${expectedPkg} and takes only its objects. `
      + `Install ${expectedPkg} beside ${gotPkg} (\`npm install ${expectedPkg}\`; both majors work in one app) `
      + `and make this value with ${expectedPkg}: \`import * as kplus from '${expectedPkg}'\``;
  }
  return undefined;
}
