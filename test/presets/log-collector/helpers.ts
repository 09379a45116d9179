import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { DaemonSetValidator, LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogOutput, ValidationSeverity } from '../../../src';
import { expectValidManifests } from '../../helpers/schema';
import { synth } from '../../helpers/synth';

/** A chart in namespace `logging`, so object names and the self-exclusion are predictable. */
export function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'logging' });
}

export const ES = LogOutput.elasticsearch({ host: 'elasticsearch-master' });

/** A collector with one Elasticsearch output unless `props` gives outputs. */
export function collector(scope: Construct, props: Partial<LogCollectorDaemonSetProps> = {}, id = 'logs'): LogCollectorDaemonSet {
  return new LogCollectorDaemonSet(scope, id, { outputs: [ES], ...props });
}

/** Synthesizes a collector with `props`: a snapshot, schema-valid objects, and no validator error in any of them. */
export function expectSnapshotAndValid(props: Partial<LogCollectorDaemonSetProps>): any[] {
  const c = chart();
  collector(c, props);
  const manifests = synth(c);
  expect(manifests).toMatchSnapshot();
  expectValidManifests(manifests);
  for (const m of manifests) {
    expect(DaemonSetValidator.validate(m).filter(f => f.severity === ValidationSeverity.ERROR)).toEqual([]);
  }
  return manifests;
}

export interface FluentBitSection {
  readonly name: string;
  readonly entries: Array<[string, string]>;
}

/** Parses Fluent Bit's classic format: `[SECTION]` headers and indented `key value` lines. */
export function parseFluentBit(text: string): FluentBitSection[] {
  const sections: FluentBitSection[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const header = /^\[([A-Z_]+)\]$/.exec(line);
    if (header) {
      sections.push({ name: header[1], entries: [] });
      continue;
    }
    const kv = /^ {4}(\S+) +(\S.*)$/.exec(line);
    if (!kv || sections.length === 0) throw new Error(`not a Fluent Bit config line: ${JSON.stringify(line)}`);
    sections[sections.length - 1].entries.push([kv[1], kv[2]]);
  }
  return sections;
}

/** The value of `key` (case-insensitive) in a section, or undefined. */
export function get(section: FluentBitSection, key: string): string | undefined {
  return section.entries.find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
}

/** Every section of `kind` whose `Name` is `plugin`. */
export function sectionsOf(text: string, kind: string, plugin?: string): FluentBitSection[] {
  return parseFluentBit(text).filter(s => s.name === kind && (plugin === undefined || get(s, 'Name') === plugin));
}

export interface FluentdBlock {
  readonly name: string;
  readonly arg?: string;
  readonly params: Array<[string, string]>;
  readonly children: FluentdBlock[];
}

/** Parses Fluentd's config: `<name arg>` ... `</name>` blocks holding `key value` parameters. */
export function parseFluentd(text: string): FluentdBlock[] {
  const root: FluentdBlock = { name: 'root', params: [], children: [] };
  const stack: FluentdBlock[] = [root];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const close = /^<\/([a-z_]+)>$/.exec(line);
    const open = /^<([a-z_]+)(?: ([^>]+))?>$/.exec(line);
    if (close) {
      const top = stack.pop()!;
      if (top.name !== close[1]) throw new Error(`</${close[1]}> closes <${top.name}>`);
    } else if (open) {
      const block: FluentdBlock = { name: open[1], arg: open[2], params: [], children: [] };
      stack[stack.length - 1].children.push(block);
      stack.push(block);
    } else {
      const kv = /^(\S+) (.+)$/.exec(line);
      if (!kv) throw new Error(`not a Fluentd parameter line: ${JSON.stringify(line)}`);
      stack[stack.length - 1].params.push([kv[1], kv[2]]);
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  return root.children;
}

/** The value of a Fluentd parameter, or undefined. */
export function param(block: FluentdBlock, key: string): string | undefined {
  return block.params.find(([k]) => k === key)?.[1];
}

/** Every block, depth first. */
export function allBlocks(blocks: FluentdBlock[]): FluentdBlock[] {
  return blocks.flatMap(b => [b, ...allBlocks(b.children)]);
}
