import { IConstruct } from 'constructs';
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
 * construct refuses is `prop-value`.
 */
export function propError(where: Where, prop: string, value: unknown, detail: string, rule: Rule = PROP_VALUE): Error {
  const path = typeof where === 'string' ? where : where.node.path;
  return new Error(`[${path}] ${formatProblem({ path: prop, message: invalidMessage(value, detail), rule: rule.id, fix: rule.fix })}`);
}

/** A prop of the wrong type (`prop-type`): only a JavaScript or jsii caller can pass one. */
export function propTypeError(where: Where, prop: string, value: unknown, detail: string): Error {
  return propError(where, prop, value, detail, PROP_TYPE);
}

/** Throws `propError` when `reason` is defined (the shape every pure check returns). */
export function assertValid(where: Where, prop: string, value: unknown, reason: string | undefined, rule: Rule = PROP_VALUE): void {
  if (reason !== undefined) throw propError(where, prop, value, reason, rule);
}

/** Throws `propError` for a pure check's violation (`int32Violation`, `quantityViolation`), if any. */
export function assertNoViolation(where: Where, prop: string, value: unknown, violation: Violation | undefined): void {
  if (violation !== undefined) throw propError(where, prop, value, violation.reason, violation.rule);
}
