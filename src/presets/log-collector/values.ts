/**
 * Checks of the values the log collector's props carry into a config file: sizes, durations,
 * counts and strings, shared by the plan, the output kinds and the Fluent Bit pipeline.
 */
import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { assertValid, propError, Where } from '../../internal/errors';
import { checkConfigLine, checkFluentdSafe } from '../config-values';

/** The most retries, chunks or similar counts a prop may ask for: far beyond any useful value, and printed without an exponent. @internal */
export const MAX_COUNT = 1_000_000;
/** 1 TiB: no buffer or object a collector writes comes near it. */
const MAX_KIB = 1024 ** 3;

/** A size in bytes, checked to be a whole positive number of KiB. @internal */
export function bytes(at: Where, prop: string, s: Size): number {
  if (typeof (s as Size | undefined)?.toKibibytes !== 'function') throw propError(at, prop, s ?? null, 'must be a cdk8s Size, e.g. Size.mebibytes(5)');
  const kib = s.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
  if (!Number.isInteger(kib) || kib <= 0 || kib > MAX_KIB) throw propError(at, prop, `${kib} KiB`, 'must be a whole number of KiB from 1 KiB to 1 TiB');
  return kib * 1024;
}

/** A duration as whole seconds from 1 to `max`, or `fallback` when not given. @internal */
export function wholeSeconds(at: Where, prop: string, d: Duration | undefined, fallback: number, max = 3600): number {
  if (d === undefined) return fallback;
  if (typeof (d as Duration | undefined)?.toSeconds !== 'function') throw propError(at, prop, d, 'must be a cdk8s Duration, e.g. Duration.seconds(5)');
  const s = d.toSeconds({ integral: false });
  if (!Number.isInteger(s) || s < 1 || s > max) throw propError(at, prop, `${s}s`, `must be a whole number of seconds from 1 to ${max}`);
  return s;
}

/** An environment reference: Fluent Bit `${VAR}`, Fluentd `"#{ENV['VAR']}"`. */
const FLUENT_BIT_ENV = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;
const FLUENTD_ENV = /^"#\{ENV\[['"][A-Za-z_][A-Za-z0-9_]*['"]\]\}"$/;

/** Whether `value` only names an environment variable, in the engine's syntax. @internal */
export function isEnvReference(value: string, fluentBit: boolean): boolean {
  return (fluentBit ? FLUENT_BIT_ENV : FLUENTD_ENV).test(value);
}

/** A string prop that lands in a config file: one line, and for Fluentd without `#{`. @internal */
export function checkConfigString(at: Where, prop: string, value: unknown, fluentBit: boolean): string {
  assertValid(at, prop, value, fluentBit ? checkConfigLine(value) : checkFluentdSafe(value));
  return value as string;
}
