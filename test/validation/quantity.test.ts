import { isIntegral, parseQuantity, Quantity } from '../../src/validation/rules/quantity';

const nano = (input: unknown): bigint => (parseQuantity(input) as Quantity).nano;
const units = (n: number) => BigInt(n) * BigInt(1e9);

describe('resource.Quantity grammar', () => {
  it.each([
    ['150m', BigInt(150_000_000)], ['0.15', BigInt(150_000_000)], ['.5', BigInt(500_000_000)], ['5.', units(5)],
    ['1Gi', units(2 ** 30)], ['1.5Gi', units(1536 * 2 ** 20)], ['0.5Mi', units(512 * 1024)], ['2000k', units(2_000_000)],
    ['1e3', units(1000)], ['1E3', units(1000)], ['12e-3', BigInt(12_000_000)], ['1E', units(1) * BigInt(10) ** BigInt(18)],
    ['100n', BigInt(100)], ['-1', -units(1)], ['+1', units(1)], ['01', units(1)], [' 1Gi ', units(2 ** 30)],
    [0.15, BigInt(150_000_000)], [2, units(2)],
    ['0.0000000001', BigInt(1)],
  ])('%p parses to %p nano-units', (input, expected) => {
    expect(nano(input)).toBe(expected);
  });

  it.each(['1K', '1ki', '1mi', '1KB', '1Gib', '1 Gi', '1e', '1e3Mi', '1.5.5', '0x10', '5%', '', '.', '-', 'Mi', 'abc'])(
    '%p is rejected', input => {
      expect(typeof parseQuantity(input)).toBe('string');
    });

  it.each([null, undefined, {}, [], true, NaN, Infinity])('non-quantity JSON %p is rejected without throwing', input => {
    expect(typeof parseQuantity(input)).toBe('string');
  });

  it('reports the suffix error for a suffix made of quantity letters', () => {
    expect(parseQuantity('1mi')).toBe("unable to parse quantity's suffix");
  });

  it('compares across suffixes exactly', () => {
    expect(nano('1000m')).toBe(nano('1'));
    expect(nano('1024Mi')).toBe(nano('1Gi'));
    expect(nano('0.1')).toBe(nano('100m'));
  });

  it('knows integral values', () => {
    expect(isIntegral(parseQuantity('2') as Quantity)).toBe(true);
    expect(isIntegral(parseQuantity('1500m') as Quantity)).toBe(false);
  });
});
