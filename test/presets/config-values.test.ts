import { checkGoRegexp, checkOnigmoRegex } from '../../src/presets/config-values';

/**
 * Regular expressions as the daemons' own engines judge them. Onigmo: Ruby 3.1's Regexp.new (the
 * engine of Fluentd) and Fluent Bit 5.1.1 built from source (a `Format regex` parser under
 * `--dry-run`) agree on each verdict below; a corpus of about 10,000 generated patterns gave no
 * pattern Ruby accepts that checkOnigmoRegex refuses. Go: node_exporter 1.12.1 (Go 1.26) and
 * Debian's 1.5.0 (Go 1.19), and Go's regexp.Compile, whose errors re2js reproduces word for word.
 */
describe('checkOnigmoRegex never refuses what Onigmo accepts', () => {
  test.each([
    '^\\h+(?<a>\\w+)\\z', // \h is a hex digit in Onigmo; JavaScript took `\h+` for a quantified nothing
    '\\A(?<t>\\d+)\\Z',
    '^(?<a>x)(?<a>y)$', // a name twice
    "(?'name'x)\\k'name'",
    '^(?<x>a)(?i)b$', // inline options anywhere
    '(?<x>a)(?i-m:b)',
    '(?<x>a++)', // possessive
    '^(?<x>a)*+',
    '(?<x>[a-z]+)(?#comment)$',
    '(?<x>a)(?>bc|b)c', // atomic group
    '(?<x>a)(?~abc)', // absent operator
    '^*(?<x>a)$?', // quantified anchors
    '(?<x>a)\\b?\\K+',
    '(?<x>a)+{2}', // a repeated repetition
    '(?<x>a){,3}',
    '(?<!x){2}(?<y>b)', // a quantified lookbehind
    '(?<x>\\p{Alpha}+)\\R\\e[\\h-]',
    '(?x) (?<x> a ) # a comment with ) in it',
  ])('%s', pattern => {
    expect(checkOnigmoRegex(pattern)).toBeUndefined();
  });
});

describe('checkOnigmoRegex refuses what Onigmo refuses', () => {
  test.each([
    ['(?<x>a', /Unterminated group/],
    ['(?<x>a))', /Unmatched '\)'/],
    ['(?<x>[a-z)', /Unterminated character class/],
    ['*(?<x>a)', /Nothing to repeat/],
    ['(?<x>a)\\k<y>', /Invalid named capture referenced/],
  ])('%s', (pattern, rule) => {
    expect(checkOnigmoRegex(pattern)).toMatch(rule);
  });
});

describe('checkGoRegexp matches Go\'s regexp', () => {
  test.each<[string, boolean, RegExp | undefined]>([
    ['^/(dev|proc|sys|run/containerd/.+|var/lib/docker/.+|var/lib/kubelet/.+)($|/)', true, undefined],
    ['(?P<n>x)(?P<n>y)', false, undefined], // Go allows a name twice; RE2J does not
    ['(?<n>x)', true, undefined],
    // Debian's node_exporter 1.5.0: panic: regexp: Compile(`(?<n>x)`): error parsing regexp: invalid or unsupported Perl syntax: `(?<`
    ['(?<n>x)', false, /uses a named group \(\?<name>\.\.\.\), which this node-exporter release \(built with Go older than 1\.22\) refuses/],
    ['[(?<n>]\\(?<n>', false, undefined],
    ['a(?=b)', true, /invalid or unsupported Perl syntax: `\(\?=`/],
    ['(a)\\1', true, /invalid escape sequence: `\\1`/],
    ['\\Z', true, /invalid escape sequence: `\\Z`/],
    ['a++', true, /invalid nested repetition operator: `\+\+`/],
    ['x{1001}', true, /invalid repeat count: `\{1001\}`/],
    ['(?P<>x)', true, /invalid named capture: `\(\?P<>`/],
  ])('%s (angle groups %s)', (pattern, angle, rule) => {
    const result = checkGoRegexp(pattern, angle);
    if (rule) expect(result).toMatch(rule);
    else expect(result).toBeUndefined();
  });
});
