/**
 * The Fluent Bit-only part of the plan: the typed filters and extra inputs, the raw sections,
 * an existing ConfigMap, and how configuration changes are applied. Checked here, rendered by
 * `fluent-bit-config.ts`.
 * @internal
 */
import { FluentBitFilter } from './filter';
import { FilterPlugin, MultilineParserDefinition } from './filters/plugin';
import { checkInput, FluentBitInput, InputPlugin } from './input';
import { FluentBitConfigReload, FluentBitExistingConfigMap, FluentBitOptions } from './options';
import { assertValid, propError, Where } from '../../../internal/errors';
import { checkImageReference } from '../../../internal/image';
import { kplus } from '../../../internal/kplus-adapter';
import { arrayProp, stringArrayProp } from '../../../internal/shape';
import { checkDns1123Subdomain, checkLabelValue } from '../../../validation/names';
import { SecretKeySelector } from '../outputs/shared';

/** The configmap-reload release the fluent-bit Helm chart (0.58.1) runs as its hot-reload sidecar. */
export const RELOADER_IMAGE = 'ghcr.io/jimmidyson/configmap-reload:v0.15.0';

/** A typed filter, checked. @internal */
export interface PlannedFilter {
  readonly plugin: FilterPlugin;
  readonly index: number;
  readonly match: string;
}

/** An extra input, checked. @internal */
export interface PlannedInput {
  readonly plugin: InputPlugin;
  readonly index: number;
  readonly port: number;
  readonly tag?: string;
  readonly hostPort: boolean;
  /** `INPUT_<index>_`: prefix of this input's environment variables. */
  readonly envPrefix: string;
}

/** The Fluent Bit-only part of the plan. @internal */
export interface FluentBitPlan {
  /** The multiline filter, which runs before the kubernetes filter. */
  readonly multiline?: PlannedFilter;
  /** The other filters, after the kubernetes filter. */
  readonly filters: PlannedFilter[];
  readonly multilineParsers: MultilineParserDefinition[];
  readonly inputs: PlannedInput[];
  readonly hotReload: boolean;
  readonly reloaderImage: string;
  readonly reloaderResources?: kplus.ContainerResources;
  readonly watchMountPaths?: string[];
  /** The raw sections for the main file, and the raw `[PARSER]` and `[MULTILINE_PARSER]` sections for the parsers file. */
  readonly rawConfig: { readonly main?: string; readonly parsers?: string };
  readonly existingConfigMap?: { readonly name: string; readonly checksum?: string };
}

const TAG_PATTERN = /^[A-Za-z0-9_.*{},-]{1,255}$/;
const RAW_SECTIONS = ['INPUT', 'FILTER', 'OUTPUT', 'PARSER', 'MULTILINE_PARSER'];

/** Checks the Fluent Bit-only options. `containerTag` is the container logs' tag pattern, the filters' default match. @internal */
export function planFluentBit(at: Where, fb: FluentBitOptions, containerTag: string, metricsPort: number): FluentBitPlan {
  const planned = arrayProp(at, 'engine.filters', fb.filters).map((f, index): PlannedFilter => {
    const prop = `engine.filters[${index}]`;
    if (!(f instanceof FluentBitFilter)) throw propError(at, prop, f, 'must be made by a FluentBitFilter factory such as FluentBitFilter.grep({...})');
    const plugin = f._plugin;
    const match = plugin.options.match ?? containerTag;
    if (typeof match !== 'string' || !TAG_PATTERN.test(match)) throw propError(at, `${prop}.match`, match, 'must be a tag pattern (letters, digits, . _ - * and {a,b})');
    plugin.check({ at, prop });
    return { plugin, index, match };
  });
  planned.forEach((f, i) => {
    if (f.plugin.multiline && i > 0) {
      throw propError(at, `engine.filters[${i}]`, 'multiline',
        'a multiline filter must be the first filter: it re-emits joined records to the head of the pipeline, so every filter before it would process them twice (and a second multiline filter on the same records loops)');
    }
  });
  const multilineParsers = planned.flatMap(f => f.plugin.multilineParsers?.() ?? []);
  multilineParsers.forEach((p, i) => {
    if (multilineParsers.findIndex(q => q.name === p.name) !== i) throw propError(at, 'engine.filters', p.name, 'two custom multiline parsers have this name');
  });

  const inputs = arrayProp(at, 'engine.inputs', fb.inputs).map((input: FluentBitInput, index): PlannedInput => {
    const { port, tag } = checkInput(at, `engine.inputs[${index}]`, input);
    return { plugin: input._plugin, index, port, tag, hostPort: input._plugin.options.hostPort ?? false, envPrefix: `INPUT_${index}_` };
  });
  const bound = new Map<string, string>([[`TCP/${metricsPort}`, 'metricsPort']]);
  inputs.forEach(i => {
    const key = `${i.plugin.protocol}/${i.port}`;
    if (bound.has(key)) throw propError(at, `engine.inputs[${i.index}].port`, i.port, `${key} is already taken by ${bound.get(key)}`);
    bound.set(key, `engine.inputs[${i.index}]`);
  });

  const reload = fb.configReload ?? FluentBitConfigReload.ROLLING_RESTART;
  if (!(reload instanceof FluentBitConfigReload)) throw propError(at, 'engine.configReload', reload, 'must be FluentBitConfigReload.ROLLING_RESTART or FluentBitConfigReload.hotReload()');
  const reloaderImage = reload._options.reloaderImage ?? RELOADER_IMAGE;
  assertValid(at, 'engine.configReload.reloaderImage', reloaderImage, checkImageReference(reloaderImage));

  const rawConfig = fb.rawConfig !== undefined ? splitRawConfig(checkRawConfig(at, fb.rawConfig)) : {};
  return {
    multiline: planned.find(f => f.plugin.multiline),
    filters: planned.filter(f => !f.plugin.multiline),
    multilineParsers,
    inputs,
    hotReload: reload.hot,
    reloaderImage,
    reloaderResources: reload._options.reloaderResources,
    watchMountPaths: stringArrayProp(at, 'engine.configReload.watchMountPaths', reload._options.watchMountPaths),
    rawConfig,
    existingConfigMap: fb.existingConfigMap !== undefined ? checkExisting(at, fb.existingConfigMap, reload.hot) : undefined,
  };
}

/** The secrets of the extra inputs (a forward input's shared key), as the outputs list theirs. @internal */
export function inputSecrets(plan: FluentBitPlan): Array<[prop: string, envName: string, ref: SecretKeySelector | undefined]> {
  return plan.inputs.map(i => [`engine.inputs[${i.index}].sharedKey`, `${i.envPrefix}SHARED_KEY`, i.plugin.secret]);
}

/**
 * Fluent Bit reads `[PARSER]` and `[MULTILINE_PARSER]` only from a parsers file ("not valid in the
 * main configuration file", 5.1.1 refuses to start): those raw sections go to the generated one.
 */
function splitRawConfig(raw: string): { main?: string; parsers?: string } {
  const sections = raw.split(/^(?=\[)/m).map(s => s.replace(/\s+$/, '')).filter(s => s !== '');
  const isParser = (s: string) => /^\[(PARSER|MULTILINE_PARSER)\]/i.test(s);
  const join = (list: string[]) => (list.length > 0 ? list.join('\n\n') : undefined);
  return { main: join(sections.filter(s => !isParser(s))), parsers: join(sections.filter(isParser)) };
}

/** Raw classic-mode sections: only sections the generated file has no single owner of, and nothing that reads files outside the ConfigMap. */
function checkRawConfig(at: Where, raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw propError(at, 'engine.rawConfig', raw ?? null, 'must be classic-mode config text');
  let inSection = false;
  raw.split('\n').forEach((line, i) => {
    const where = `engine.rawConfig (line ${i + 1})`;
    if (/[\x00-\x08\x0b-\x1f\x7f\r\t]/.test(line)) throw propError(at, where, line, 'must not contain tabs, carriage returns or control characters (indent with spaces)');
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return;
    if (/^@(include|set)\b/i.test(text)) throw propError(at, where, text, '@INCLUDE and @SET read or set values outside the ConfigMap: write the sections themselves');
    const header = /^\[([A-Za-z_]+)\]$/.exec(text);
    if (header) {
      const name = header[1].toUpperCase();
      if (name === 'SERVICE') throw propError(at, where, text, 'the generated configuration owns [SERVICE]: set its values through the props');
      if (!RAW_SECTIONS.includes(name)) throw propError(at, where, text, `must be one of ${RAW_SECTIONS.map(s => `[${s}]`).join(', ')}`);
      if (line !== text) throw propError(at, where, line, 'a section header starts at the beginning of its line');
      inSection = true;
      return;
    }
    if (!inSection) throw propError(at, where, text, 'a key comes after a section header such as [FILTER]');
    if (!/^ +[^\s]+( +\S.*)?$/.test(line)) throw propError(at, where, line, 'must be an indented "key value" line');
  });
  return raw as string;
}

function checkExisting(at: Where, existing: FluentBitExistingConfigMap, hot: boolean): { name: string; checksum?: string } {
  if (typeof existing?.name !== 'string') throw propError(at, 'engine.existingConfigMap.name', existing?.name ?? null, 'is required: the ConfigMap\'s name');
  assertValid(at, 'engine.existingConfigMap.name', existing.name, checkDns1123Subdomain(existing.name));
  if (hot && existing.checksum !== undefined) {
    throw propError(at, 'engine.existingConfigMap.checksum', existing.checksum, 'hot reload applies changes without rolling the pods: leave the checksum out');
  }
  if (!hot && existing.checksum === undefined) {
    throw propError(at, 'engine.existingConfigMap.checksum', null,
      'is required with a rolling restart: Kubernetes cannot see a change of a ConfigMap made elsewhere, so give a value that changes with its content (a hash of it), or use FluentBitConfigReload.hotReload()');
  }
  if (existing.checksum !== undefined) {
    const reason = existing.checksum === '' ? 'must not be empty' : checkLabelValue(existing.checksum);
    assertValid(at, 'engine.existingConfigMap.checksum', existing.checksum, reason);
  }
  return { name: existing.name, checksum: existing.checksum };
}
