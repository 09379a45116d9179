import { IConstruct } from 'constructs';
import { ShownAs, typeOnly } from './redact';
import { formatProblem, invalidMessage, PROP_TYPE, PROP_VALUE, Rule, Violation } from '../validation';

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
 * The one way a construct rejects a prop, in the one format of every error and finding:
 * `[construct/path] prop: Invalid value: <value>: <detail> (<rule>); fix: <the rule's fix>`.
 * A prop that breaks an API-server rule is reported under that rule (`rule`); anything else the
 * construct refuses is `prop-value`. `fix` replaces the rule's own where the prop breaks it only
 * through a value derived from it (a name that is also a label). The value is shown as every error shows one: a credential
 * (by the prop's name, or an env value) masked with its length (`src/internal/redact.ts`).
 */
export function propError(where: Where, prop: string, value: unknown, detail: string, rule: Rule = PROP_VALUE, fix: string = rule.fix): Error {
  const path = typeof where === 'string' ? where : where.node.path;
  return new Error(`[${path}] ${formatProblem({ path: prop, message: invalidMessage(value, detail, prop), rule: rule.id, fix })}`);
}

/**
 * A prop of the wrong type (`prop-type`): only a JavaScript or jsii caller can pass one. A string
 * is shown by its type and length, never its content (a string where a Secret reference or a
 * list goes may be the credential itself), a class instance by its class; numbers and plain
 * objects as JSON, a credential among them masked.
 */
export function propTypeError(where: Where, prop: string, value: unknown, detail: string): Error {
  const isInstance = typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ShownAs)
    && ![Object.prototype, null].includes(Object.getPrototypeOf(value));
  return propError(where, prop, typeof value === 'string' || isInstance ? typeOnly(value) : value, detail, PROP_TYPE);
}

/** Throws `propError` when `reason` is defined (the shape every pure check returns). */
export function assertValid(where: Where, prop: string, value: unknown, reason: string | undefined, rule: Rule = PROP_VALUE): void {
  if (reason !== undefined) throw propError(where, prop, value, reason, rule);
}

/** Throws `propError` for a pure check's violation (`int32Violation`, `quantityViolation`), if any. */
export function assertNoViolation(where: Where, prop: string, value: unknown, violation: Violation | undefined): void {
  if (violation !== undefined) throw propError(where, prop, value, violation.reason, violation.rule);
}
