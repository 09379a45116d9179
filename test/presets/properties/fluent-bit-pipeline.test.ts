/**
 * Properties of Fluent Bit's typed filters and inputs: any string a user puts into a filter
 * either is refused with a prop error, or comes back unchanged from the generated config,
 * which keeps exactly the sections the props ask for (no injected section or key). Quoted
 * values are read back the way Fluent Bit's splitters read them (flb_utils_split_quoted for
 * `modify`, flb_slist_split_tokens for `record_modifier`).
 */
import * as fc from 'fast-check';
import { BAD_RUNS, build, errorFindings, opt, RUNS } from './arbitraries';
import {
  FluentBitFilter, FluentBitInput, FluentBitModifyCondition, LogCollectorDaemonSet, LogCollectorEngine, LogOutput,
} from '../../../src';
import { parseFluentBit } from '../log-collector/helpers';

/** Text of every kind: plain words, spaces, quotes, backslashes, brackets, `#`, `$`, newlines. */
const text = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '"', "'", '\\', '[', ']', '#', '$', '{', '}', '@', '\n', '\t', '=', ':', '/'), minLength: 1, maxLength: 12 });
const key = fc.stringMatching(/^[a-z][a-z0-9_.]{0,10}$/);

/** Fluent Bit's quoted token splitter (flb_utils_split_quoted), for one double-quoted token. */
function unquoteModify(token: string): string {
  expect(token.startsWith('"') && token.endsWith('"')).toBe(true);
  return token.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

/** flb_slist_split_tokens for `KEY VALUE`: the value bare, or in double quotes with \" unescaped. */
function recordValue(line: string): string {
  const value = line.slice(line.indexOf(' ') + 1);
  return value.startsWith('"') ? value.slice(1, -1).replace(/\\"/g, '"') : value;
}

function collector(filters: FluentBitFilter[], inputs: FluentBitInput[] = []) {
  return (chart: any) => new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.stdout()], engine: LogCollectorEngine.fluentBit({ filters, inputs }) });
}

test('a value is refused, or read back unchanged from a config with only the sections asked for', () => {
  fc.assert(fc.property(key, text, text, (k, setValue, recordVal) => {
    const filters = [
      FluentBitFilter.modify({ set: { [k]: setValue }, conditions: [FluentBitModifyCondition.keyValueEquals(k, setValue)] }),
      FluentBitFilter.recordModifier({ records: { [k]: recordVal } }),
    ];
    let files: { [f: string]: string };
    try {
      const built = build(collector(filters));
      expect(errorFindings(built.manifests)).toEqual([]);
      files = built.manifests.find(m => m.kind === 'ConfigMap').data;
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect(e).not.toBeInstanceOf(TypeError);
      expect((e as Error).message).toMatch(/^\[test\/logs\] engine\.filters\[[01]\]\./);
      return;
    }
    const sections = parseFluentBit(files['fluent-bit.conf']);
    expect(sections.map(s => s.name)).toEqual(['SERVICE', 'INPUT', 'FILTER', 'FILTER', 'FILTER', 'OUTPUT']);
    const [modify, record] = sections.filter(s => s.name === 'FILTER').slice(1);
    const set = modify.entries.find(([name]) => name === 'Set')![1];
    const [setKey, setToken] = [set.slice(0, set.indexOf(' ')), set.slice(set.indexOf(' ') + 1)];
    expect(unquoteModify(setKey)).toBe(k);
    expect(unquoteModify(setToken)).toBe(setValue);
    expect(modify.entries.find(([name]) => name === 'Condition')![1]).toBe(`Key_value_equals "${k}" ${setToken}`);
    expect(recordValue(record.entries.find(([name]) => name === 'Record')![1])).toBe(recordVal);
  }), RUNS);
});

test('a grep pattern or record key that could end its line or start a section is refused', () => {
  fc.assert(fc.property(text, opt(key), (pattern, grepKey) => {
    const filters = [FluentBitFilter.grep({ exclude: [{ key: grepKey ?? pattern, pattern }] })];
    try {
      const files = build(collector(filters)).manifests.find(m => m.kind === 'ConfigMap').data;
      const grep = parseFluentBit(files['fluent-bit.conf']).filter(s => s.name === 'FILTER')[1];
      expect(grep.entries.find(([name]) => name === 'Exclude')![1]).toBe(`${grepKey ?? pattern} ${pattern}`);
    } catch (e) {
      expect(e).not.toBeInstanceOf(TypeError);
      expect((e as Error).message).toMatch(/^\[test\/logs\] engine\.filters\[0\]\.exclude\[0\]\.(key|pattern): Invalid value: /);
    }
  }), BAD_RUNS);
});

test('extra inputs on random ports: distinct ports synthesize, a clash is refused by name', () => {
  fc.assert(fc.property(fc.integer({ min: 1024, max: 65535 }), fc.integer({ min: 1024, max: 65535 }), (a, b) => {
    const make = collector([], [FluentBitInput.forward({ port: a }), FluentBitInput.http({ port: b })]);
    if (a === b || a === 2020 || b === 2020) {
      expect(() => build(make)).toThrow(/engine\.inputs\[[01]\]\.port: Invalid value: \d+: TCP\/\d+ is already taken/);
      return;
    }
    const pod = build(make).manifests.find(m => m.kind === 'DaemonSet').spec.template.spec;
    expect(pod.containers[0].ports.map((p: any) => p.containerPort)).toEqual([2020, a, b]);
  }), RUNS);
});
