import { Duration } from 'cdk8s';
import { assertValid, propError, Where } from '../internal/errors';
import { instanceProp } from '../internal/shape';
import { checkLabelValue, checkQualifiedName } from '../validation';

/**
 * A Duration as Prometheus writes one (`1h30m`, `15s`, `500ms`): the form the Prometheus Operator
 * CRDs require (`^(0|(([0-9]+)y)?...(([0-9]+)ms)?)$`) and `model.ParseDuration` reads.
 *
 * @throws if not a Duration, not positive, or not a whole number of milliseconds
 * @internal
 */
export function promDuration(where: Where, prop: string, value: Duration): string {
  instanceProp(where, prop, value, Duration, 'Duration.seconds() or Duration.minutes()');
  const ms = value.toMilliseconds({ integral: false });
  if (!Number.isInteger(ms) || ms <= 0) throw propError(where, prop, `${ms}ms`, 'must be a positive whole number of milliseconds');
  const units: Array<[string, number]> = [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  let rest = ms;
  return units.map(([unit, size]) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return n > 0 ? `${n}${unit}` : '';
  }).join('');
}

/**
 * A PromQL string literal: double quotes, with `\` and `"` escaped and control characters as
 * Go escapes, so no value can end the literal and change the query.
 * @internal
 */
export function promString(value: string): string {
  return JSON.stringify(value);
}

let re2js: typeof import('re2js') | undefined;

/**
 * A relabeling `regex`, as Prometheus compiles it: RE2 syntax, anchored at both ends
 * (`^(?:regex)$`). Prometheus refuses a configuration with a regex Go's `regexp` refuses, so
 * the operator's generated configuration would fail to load.
 * @internal
 */
export function checkRelabelRegex(value: string): string | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs require()
  re2js ??= require('re2js') as typeof import('re2js');
  try {
    re2js.RE2JS.compile(`^(?:${value})$`);
    return undefined;
  } catch (e) {
    return `is not a valid Go (RE2) regular expression, which Prometheus requires: ${(e as Error).message}`;
  }
}

/** A map of Kubernetes labels, keys and values checked; returns it. @internal */
export function checkLabelMap(where: Where, prop: string, labels: { [key: string]: string }): { [key: string]: string } {
  for (const [key, value] of Object.entries(labels)) {
    assertValid(where, `${prop} key`, key, checkQualifiedName(key));
    assertValid(where, `${prop}[${key}]`, value, checkLabelValue(value));
  }
  return labels;
}
