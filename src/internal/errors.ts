import { IConstruct } from 'constructs';
import { shownValue } from './redact';

/**
 * Where a prop belongs: the construct, or the path it will have when a preset checks its props
 * before `super()` creates it.
 */
export type Where = IConstruct | string;

/** The construct path a future child `id` of `scope` will have. */
export function childPath(scope: IConstruct, id: string): string {
  return [scope.node.path, id].filter(p => p).join('/');
}

/**
 * The one way a construct rejects a prop: names the construct path, the prop, the bad value
 * and the rule, so the user knows what to change without reading a stack trace.
 */
export function propError(where: Where, prop: string, value: unknown, rule: string): Error {
  const path = typeof where === 'string' ? where : where.node.path;
  return new Error(`${path}: invalid ${prop} ${shownValue(value, prop)}: ${rule}`);
}

/** Throws `propError` when `reason` is defined (the shape every name check returns). */
export function assertValid(where: Where, prop: string, value: unknown, reason: string | undefined): void {
  if (reason !== undefined) throw propError(where, prop, value, reason);
}
