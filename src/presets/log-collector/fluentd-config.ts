import { FluentdBlock as Block } from './conf-text';
import { BufferStorageType, ContainerRuntime, LogParserFormat } from './engine';
import { LogParser } from './inputs';
import { PlannedOutput } from './outputs/plugin';
import { fluentdSize } from './outputs/s3';
import { CollectorPlan, CONTAINER_LOG_DIR } from './plan';
import { isEnvReference } from './values';
import { propError, Where } from '../../internal/errors';
import { fluentdValue } from '../config-values';

/** Mounted beside the image's own files; `FLUENTD_CONF` points the image's entrypoint at it. */
export const FLUENTD_CONFIG_DIR = '/fluentd/etc/conf';
export const FLUENTD_MAIN_FILE = 'fluent.conf';

const DOCKER_TIME = '%Y-%m-%dT%H:%M:%S.%NZ';
const CRI_TIME = '%Y-%m-%dT%H:%M:%S.%N%:z';
/** The CRI line format, `<time> <stream> <F|P> <log>`, as the fluent/helm-charts fluentd chart parses it. */
const CRI_REGEXP = '/^(?<time>.+) (?<stream>stdout|stderr) (?<logtag>[FP]) (?<log>.*)$/';

/** The file Fluentd reads, rendered deterministically from the plan. @internal */
export function renderFluentdConfig(at: Where, plan: CollectorPlan): { [file: string]: string } {
  const blocks = [
    new Block('system').param('log_level', plan.logLevel),
    // Fluentd's own events would otherwise reach `<match **>` and loop through the outputs' errors.
    new Block('label', '@FLUENT_LOG').section(new Block('match', 'fluent.**').param('@type', 'stdout')),
    ...metricsSources(plan),
    tailSource(plan),
    ...plan.journald ? [journaldSource(plan)] : [],
    ...filters(plan),
    ...matches(at, plan),
  ];
  return { [FLUENTD_MAIN_FILE]: blocks.map(b => b.render()).join('\n\n') + '\n' };
}

/** The pos_file, the journal cursor and the file buffers: every path Fluentd writes. @internal */
export function fluentdWritablePaths(plan: CollectorPlan): Array<[string, string]> {
  return [
    ['stateDirectory (pos_file)', posFile(plan)],
    ...plan.journald ? [['stateDirectory (journal cursor)', cursorFile(plan)] as [string, string]] : [],
    ...plan.storageType === BufferStorageType.FILESYSTEM
      ? plan.outputs.map(o => [`outputs (${o.id} buffer)`, bufferPath(plan, o)] as [string, string]) : [],
  ];
}

const posFile = (plan: CollectorPlan) => `${plan.stateDirectory}/tail-containers.pos`;
const cursorFile = (plan: CollectorPlan) => `${plan.stateDirectory}/journald-cursor.json`;
const bufferPath = (plan: CollectorPlan, o: PlannedOutput) => `${plan.stateDirectory}/buffer/${o.id}`;

function metricsSources(plan: CollectorPlan): Block[] {
  return [
    new Block('source').param('@type', 'prometheus').param('@id', 'in_prometheus')
      .param('bind', '0.0.0.0').param('port', plan.metricsPort).param('metrics_path', '/metrics'),
    new Block('source').param('@type', 'prometheus_monitor').param('@id', 'in_prometheus_monitor'),
    new Block('source').param('@type', 'prometheus_output_monitor').param('@id', 'in_prometheus_output_monitor'),
  ];
}

function containerParse(runtime: ContainerRuntime): Block {
  const json = (b: Block, typeKey: string) => b.param(typeKey, 'json').param('time_key', 'time')
    .param('time_type', 'string').param('time_format', DOCKER_TIME);
  const cri = (b: Block, typeKey: string) => b.param(typeKey, 'regexp').param('expression', CRI_REGEXP)
    .param('time_type', 'string').param('time_format', CRI_TIME);
  if (runtime === ContainerRuntime.DOCKER) return json(new Block('parse'), '@type');
  if (runtime !== ContainerRuntime.AUTO) return cri(new Block('parse'), '@type');
  return new Block('parse').param('@type', 'multi_format')
    .section(json(new Block('pattern'), 'format'))
    .section(cri(new Block('pattern'), 'format'));
}

function tailSource(plan: CollectorPlan): Block {
  return new Block('source')
    .param('@type', 'tail')
    .param('@id', 'in_tail_containers')
    .param('path', `${CONTAINER_LOG_DIR}/*.log`)
    .json('exclude_path', plan.excludePaths)
    .param('pos_file', posFile(plan))
    // With wildcards, inode tracking keeps a rotated file from being read twice.
    .param('follow_inodes', true)
    .param('tag', `${plan.tag}.*`)
    .param('read_from_head', plan.readFromHead)
    .param('refresh_interval', 10)
    .section(containerParse(plan.runtime));
}

function journaldSource(plan: CollectorPlan): Block {
  const j = plan.journald!;
  return new Block('source')
    .param('@type', 'systemd')
    .param('@id', 'in_systemd')
    .param('tag', `${j.tag}.journal`)
    .param('path', '/var/log/journal')
    .json('matches', j.units.map(u => ({ _SYSTEMD_UNIT: u })))
    .param('read_from_head', !j.readFromTail)
    .section(new Block('storage').param('@type', 'local').param('persistent', true).param('path', cursorFile(plan)))
    .section(new Block('entry').param('fields_strip_underscores', true).param('fields_lowercase', true));
}

function parserFilter(match: string, id: string, keepKey: boolean, parse: Block): Block {
  return new Block('filter', match)
    .param('@type', 'parser')
    .param('@id', id)
    .param('key_name', 'log')
    .param('reserve_data', true)
    .param('reserve_time', true)
    .param('remove_key_name_field', !keepKey)
    .param('emit_invalid_record_to_error', false)
    .section(parse);
}

function customParse(p: LogParser): Block {
  const type = p.format === LogParserFormat.REGEX ? 'regexp' : p.format;
  return new Block('parse').param('@type', type)
    .param('expression', p.regex !== undefined ? fluentdValue(`/${p.regex}/`) : undefined)
    .param('time_key', p.timeKey)
    .param('time_format', p.timeFormat !== undefined ? fluentdValue(p.timeFormat) : undefined)
    .param('keep_time_key', p.timeKey !== undefined ? p.timeKeep ?? false : undefined);
}

/**
 * containerd and CRI-O split a line longer than their buffer (16 KiB) into records tagged `P`
 * (partial), the last one `F`. fluent-plugin-concat (2.6 in the pinned image) joins them into one
 * record per container file and stream; records without a logtag (docker's JSON) pass untouched.
 * A partial line whose end never comes (the container died mid-line) is flushed after 60 s as an
 * error event, which Fluentd logs.
 */
function criPartialLines(match: string): Block {
  return new Block('filter', match)
    .param('@type', 'concat')
    .param('@id', 'filter_cri_partial_lines')
    .param('key', 'log')
    .param('partial_key', 'logtag')
    .param('partial_value', 'P')
    .param('separator', '""')
    .param('stream_identity_key', 'stream');
}

function filters(plan: CollectorPlan): Block[] {
  const match = `${plan.tag}.**`;
  const out: Block[] = plan.runtime === ContainerRuntime.DOCKER ? [] : [criPartialLines(match)];
  const m = plan.metadata;
  if (m) {
    out.push(new Block('filter', match)
      .param('@type', 'kubernetes_metadata')
      .param('@id', 'filter_kubernetes_metadata')
      .param('skip_labels', !m.labels)
      .param('skip_master_url', true));
    if (m.mergeLog) out.push(parserFilter(match, 'filter_merge_log', m.keepLog, new Block('parse').param('@type', 'json')));
  }
  for (const p of plan.parsers) out.push(parserFilter(match, `filter_parser_${p.name}`, true, customParse(p)));
  return out;
}

/** Fluentd routes each event to the first matching `<match>`: outputs sharing a pattern are copied to, in order. */
function matches(at: Where, plan: CollectorPlan): Block[] {
  const patterns: string[] = [];
  for (const o of plan.outputs) if (!patterns.includes(o.match ?? '**')) patterns.push(o.match ?? '**');
  return patterns.map(pattern => {
    const group = plan.outputs.filter(o => (o.match ?? '**') === pattern);
    if (group.length === 1) return outputBlock(at, plan, group[0], new Block('match', pattern));
    const copy = new Block('match', pattern).param('@type', 'copy');
    for (const o of group) copy.section(outputBlock(at, plan, o, new Block('store')));
    return copy;
  });
}

function buffer(plan: CollectorPlan, o: PlannedOutput): Block | undefined {
  const spec = o.plugin.fluentdBuffer;
  if (spec === null) return undefined;
  const file = plan.storageType === BufferStorageType.FILESYSTEM;
  const b = new Block('buffer', spec?.chunkKeys)
    .param('@type', file ? 'file' : 'memory')
    .param('path', file ? bufferPath(plan, o) : undefined);
  if (spec) {
    spec.flush(o, b);
  } else {
    b.param('flush_mode', 'interval').param('flush_interval', `${plan.flushSeconds}s`).param('chunk_limit_size', '8m');
  }
  b.param('flush_thread_count', plan.flushThreadCount);
  return b
    .param('total_limit_size', fluentdSize(o.totalLimitBytes))
    // Backpressure stops the tail, which resumes from its pos_file: nothing is dropped.
    .param('overflow_action', 'block')
    .param('retry_type', 'exponential_backoff')
    .param('retry_max_interval', '30s')
    .param(o.retryForever ? 'retry_forever' : 'retry_max_times', o.retryForever ? true : o.retryLimit);
}

function outputBlock(at: Where, plan: CollectorPlan, o: PlannedOutput, b: Block): Block {
  o.plugin.fluentd(plan, o, b).id(`out_${o.id.replace(/-/g, '_')}`);
  const buf = buffer(plan, o);
  // A key in both <match> and <buffer> is ambiguous (Fluentd's v0.12 compatibility reads it from either): refuse both.
  const taken = new Set([...b.keys(), ...buf?.keys() ?? []].map(k => k.toLowerCase()));
  const extra = o.plugin.options.extraParameters ?? {};
  for (const key of Object.keys(extra).sort()) {
    if (taken.has(key.toLowerCase())) {
      throw propError(at, `outputs[${plan.outputs.indexOf(o)}].extraParameters`, key, 'is already set by the typed options (in the output or its <buffer>)');
    }
    const value = extra[key];
    b.param(key, isEnvReference(value, false) ? value : fluentdValue(value));
  }
  return b.section(buf);
}
