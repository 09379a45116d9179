import { IConstruct } from 'constructs';

/**
 * The one way a construct rejects a prop: names the construct path, the prop, the bad value
 * and the rule, so the user knows what to change without reading a stack trace.
 */
export function propError(scope: IConstruct, prop: string, value: unknown, rule: string): Error {
  return new Error(`${scope.node.path}: invalid ${prop} ${JSON.stringify(value)}: ${rule}`);
}

/** Throws `propError` when `reason` is defined (the shape every name check returns). */
export function assertValid(scope: IConstruct, prop: string, value: unknown, reason: string | undefined): void {
  if (reason !== undefined) throw propError(scope, prop, value, reason);
}
