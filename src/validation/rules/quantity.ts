import { lookupTable } from '../../internal/lookup';
import { memoized } from '../names';

/**
 * `resource.Quantity` parsing as apimachinery's `ParseQuantity` does it: the exact grammar,
 * case-sensitive suffixes, values kept exactly (in nano units, rounded up like the server).
 */

/** A parsed quantity: its value in units of 10^-9, exact. */
export interface Quantity {
  readonly nano: bigint;
}

const DECIMAL_SUFFIXES: { [s: string]: number } = lookupTable({ 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 });
const BINARY_SUFFIXES: { [s: string]: number } = lookupTable({ Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 });
const NUMBER = /^([+-]?)([0-9]*)(?:\.([0-9]*))?/;
const SUFFIX = /^[eEinumkKMGTP]*[-+]?[0-9]*$/;
/** Exponents past this only move values beyond int64, which the server caps anyway. */
const MAX_EXPONENT = 40;

export const QUANTITY_REGEX_MESSAGE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * Parses a quantity as it arrives in JSON (a string or a number).
 * @returns the quantity, or the API server's reason when it does not parse
 */
export const parseQuantity = memoized((input: unknown): Quantity | string => {
  let text: string;
  if (typeof input === 'number' && Number.isFinite(input)) text = String(input);
  else if (typeof input === 'string') text = input.trim();
  else return QUANTITY_REGEX_MESSAGE;
  const m = NUMBER.exec(text)!;
  const [whole, sign, intPart, fracPart = ''] = m;
  if (intPart.length + fracPart.length === 0) return QUANTITY_REGEX_MESSAGE;
  const suffix = text.slice(whole.length);
  if (!SUFFIX.test(suffix)) return QUANTITY_REGEX_MESSAGE;
  let exponent10: number;
  let binaryShift = 0;
  if (suffix in DECIMAL_SUFFIXES) {
    exponent10 = DECIMAL_SUFFIXES[suffix];
  } else if (suffix in BINARY_SUFFIXES) {
    exponent10 = 0;
    binaryShift = BINARY_SUFFIXES[suffix];
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    exponent10 = Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, parseInt(suffix.slice(1), 10)));
  } else {
    return "unable to parse quantity's suffix";
  }
  const digits = BigInt((intPart + fracPart) || '0');
  const scale = exponent10 - fracPart.length + 9;
  let nano = scale >= 0 ? digits * BigInt(10) ** BigInt(scale) : ceilDiv(digits, BigInt(10) ** BigInt(-scale));
  nano = nano * BigInt(2) ** BigInt(binaryShift);
  return { nano: sign === '-' ? -nano : nano };
});

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - BigInt(1)) / b;
}

export const NANO_PER_UNIT = BigInt(1_000_000_000);

/** Whether the quantity is a whole number of units (extended resources must be). */
export function isIntegral(q: Quantity): boolean {
  return q.nano % NANO_PER_UNIT === BigInt(0);
}
