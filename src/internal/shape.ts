import { propTypeError, Where } from './errors';

/**
 * Shape checks for values that only a compiler would otherwise vouch for. A JavaScript caller
 * (or a jsii language binding handing over a plain map) can pass a string where a list belongs or
 * a plain object where a class instance does; cdk8s would then fail deep inside, or render a
 * broken manifest (a `command` string split into characters).
 */

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

/** An instance of `cls` (or nothing), made by the factory `made` names. */
export function instanceProp(where: Where, prop: string, value: unknown, cls: Function, made: string): void {
  if (value !== undefined && !(value instanceof cls)) throw propTypeError(where, prop, shown(value), `must be made by ${made}`);
}

/** Plain values print as JSON; class instances by their class name. */
function shown(value: unknown): unknown {
  return typeof value === 'object' && value !== null && value.constructor !== Object ? `<${value.constructor.name}>` : value;
}
