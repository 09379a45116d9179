import { fluentBitSection as section, onOff } from './conf-text';
import { BufferStorageType, ContainerRuntime, LogParserFormat } from './engine';
import { PlannedFilter } from './fluent-bit/pipeline';
import { Entries, fluentBitEnv as env, PlannedOutput } from './outputs/plugin';
import { CollectorPlan, CONTAINER_LOG_DIR } from './plan';
import { propError, Where } from '../../internal/errors';

/** Where the generated files are mounted; the image's own `/fluent-bit/etc/parsers.conf` stays visible beside it. */
export const FLUENT_BIT_CONFIG_DIR = '/fluent-bit/etc/conf';
export const FLUENT_BIT_MAIN_FILE = 'fluent-bit.conf';
const CUSTOM_PARSERS_FILE = 'custom_parsers.conf';

/** The files Fluent Bit reads, rendered deterministically from the plan; none with an existing ConfigMap. @internal */
export function renderFluentBitConfig(at: Where, plan: CollectorPlan): { [file: string]: string } {
  const fb = plan.fluentBit!;
  if (fb.existingConfigMap) return {};
  const sections = [service(plan), ...inputs(plan), ...filters(plan), ...plan.outputs.map(o => output(at, plan, o))];
  const files: { [file: string]: string } = {
    [FLUENT_BIT_MAIN_FILE]: [...sections, ...fb.rawConfig.main !== undefined ? [fb.rawConfig.main] : []].join('\n\n') + '\n',
  };
  if (hasCustomParsers(plan)) files[CUSTOM_PARSERS_FILE] = parsers(plan) + '\n';
  for (const f of [fb.multiline, ...fb.filters]) Object.assign(files, f?.plugin.files?.(filterRender(plan, f.index)) ?? {});
  return files;
}

function hasCustomParsers(plan: CollectorPlan): boolean {
  const fb = plan.fluentBit!;
  return plan.parsers.length > 0 || fb.multilineParsers.length > 0 || fb.rawConfig.parsers !== undefined;
}

function filterRender(plan: CollectorPlan, index: number) {
  return { index, configDir: FLUENT_BIT_CONFIG_DIR, storageType: plan.storageType, memBufLimitBytes: plan.memBufLimitBytes };
}

/** The tail `DB`, the journal cursor and `storage.path`: every path Fluent Bit writes. @internal */
export function fluentBitWritablePaths(plan: CollectorPlan): Array<[string, string]> {
  return [
    ['stateDirectory (tail DB)', tailDb(plan)],
    ...plan.journald ? [['stateDirectory (systemd DB)', `${plan.stateDirectory}/systemd.db`] as [string, string]] : [],
    ...plan.storageType === BufferStorageType.FILESYSTEM ? [['stateDirectory (storage.path)', storagePath(plan)] as [string, string]] : [],
    ...plan.outputs.flatMap(o => o.plugin.fluentBitWritablePaths?.(plan, o) ?? []),
  ];
}

const tailDb = (plan: CollectorPlan) => `${plan.stateDirectory}/tail-containers.db`;
const storagePath = (plan: CollectorPlan) => `${plan.stateDirectory}/storage/`;
/**
 * A size as a byte count. Fluent Bit reads `K`, `M` and `G` as ×1000 (`flb_utils_size_to_bytes`),
 * so `5M` would be 5,000,000 bytes, not the 5 MiB a cdk8s Size means.
 */
const bytes = (n: number) => String(n);

function service(plan: CollectorPlan): string {
  const fs = plan.storageType === BufferStorageType.FILESYSTEM;
  return section('SERVICE', [
    ['Flush', plan.flushSeconds],
    // Below the pod's 30 s termination grace, so buffered records are flushed before SIGKILL.
    ['Grace', 5],
    ['Daemon', 'Off'],
    ['Log_Level', plan.logLevel],
    ['Parsers_File', '/fluent-bit/etc/parsers.conf'],
    ['Parsers_File', hasCustomParsers(plan) ? `${FLUENT_BIT_CONFIG_DIR}/${CUSTOM_PARSERS_FILE}` : undefined],
    ['HTTP_Server', 'On'],
    ['HTTP_Listen', '0.0.0.0'],
    ['HTTP_Port', plan.metricsPort],
    ['Health_Check', 'On'],
    ['storage.path', fs ? storagePath(plan) : undefined],
    ['storage.sync', fs ? 'normal' : undefined],
    ['storage.checksum', fs ? 'Off' : undefined],
    ['storage.max_chunks_up', fs ? plan.storageMaxChunksUp : undefined],
    ['storage.backlog.mem_limit', fs ? bytes(plan.storageBacklogMemLimitBytes) : undefined],
    ['storage.metrics', 'On'],
    // Reloaded by the sidecar (POST /api/v2/reload); without it the endpoint refuses.
    ['Hot_Reload', plan.fluentBit!.hotReload ? 'On' : undefined],
  ]);
}

/** `docker, cri` tries both formats; a single runtime gets its own parser only. */
function multilineParser(runtime: ContainerRuntime): string {
  if (runtime === ContainerRuntime.DOCKER) return 'docker';
  if (runtime === ContainerRuntime.AUTO) return 'docker, cri';
  return 'cri';
}

function inputs(plan: CollectorPlan): string[] {
  const memory = plan.storageType === BufferStorageType.MEMORY;
  const buffering: Array<[string, string | undefined]> = [
    ['Mem_Buf_Limit', memory ? bytes(plan.memBufLimitBytes) : undefined],
    ['storage.type', plan.storageType],
  ];
  const out = [section('INPUT', [
    ['Name', 'tail'],
    ['Alias', 'containers'],
    ['Tag', `${plan.tag}.*`],
    ['Path', `${CONTAINER_LOG_DIR}/*.log`],
    ['Exclude_Path', plan.excludePaths.join(',')],
    ['multiline.parser', multilineParser(plan.runtime)],
    ['DB', tailDb(plan)],
    ['DB.locking', 'true'],
    ['Read_from_Head', onOff(plan.readFromHead)],
    ['Skip_Long_Lines', onOff(plan.skipLongLines)],
    ['Refresh_Interval', 10],
    ...buffering,
  ])];
  if (plan.journald) {
    out.push(section('INPUT', [
      ['Name', 'systemd'],
      ['Alias', 'journald'],
      ['Tag', `${plan.journald.tag}.*`],
      ...plan.journald.units.map(u => ['Systemd_Filter', `_SYSTEMD_UNIT=${u}`] as [string, string]),
      ['Systemd_Filter_Type', 'Or'],
      ['Read_From_Tail', onOff(plan.journald.readFromTail)],
      ['DB', `${plan.stateDirectory}/systemd.db`],
      ...buffering,
    ]));
  }
  for (const i of plan.fluentBit!.inputs) {
    out.push(section('INPUT', [
      ['Name', i.plugin.name],
      ['Alias', `${i.plugin.name}-${i.index}`],
      ['Listen', '0.0.0.0'],
      ['Port', i.port],
      ['Tag', i.tag],
      ...i.plugin.entries(i.envPrefix),
      ...buffering,
    ]));
  }
  return out;
}

/** The multiline filter first (it re-emits to the head of the pipeline), then the kubernetes filter, then the others in order. */
function filters(plan: CollectorPlan): string[] {
  const fb = plan.fluentBit!;
  const typed = (f: PlannedFilter) => section('FILTER', [
    ['Name', f.plugin.name],
    ['Alias', `${f.plugin.name}-${f.index}`],
    ['Match', f.match],
    ...f.plugin.entries(filterRender(plan, f.index)),
  ]);
  return [...fb.multiline ? [typed(fb.multiline)] : [], ...kubernetesFilter(plan), ...fb.filters.map(typed)];
}

function kubernetesFilter(plan: CollectorPlan): string[] {
  const m = plan.metadata;
  if (!m) return [];
  return [section('FILTER', [
    ['Name', 'kubernetes'],
    ['Alias', 'kubernetes-metadata'],
    ['Match', `${plan.tag}.*`],
    ['Kube_Tag_Prefix', plan.kubeTagPrefix],
    ['Merge_Log', onOff(m.mergeLog)],
    ['Keep_Log', onOff(m.keepLog)],
    ['Labels', onOff(m.labels)],
    ['Annotations', onOff(m.annotations)],
    ['K8S-Logging.Parser', onOff(m.k8sLoggingParser)],
    ['K8S-Logging.Exclude', onOff(m.k8sLoggingExclude)],
    ['Use_Kubelet', m.useKubelet ? 'On' : undefined],
    ['Kubelet_Host', m.useKubelet ? env('HOST_IP') : undefined],
    ['Kubelet_Port', m.useKubelet ? 10250 : undefined],
  ])];
}

function output(at: Where, plan: CollectorPlan, o: PlannedOutput): string {
  const [name, ...plugin] = o.plugin.fluentBit(plan, o);
  const entries: Entries = [
    name,
    ['Alias', o.id],
    ['Match', o.match ?? '*'],
    ...plugin,
    ['Retry_Limit', o.retryForever ? 'no_limits' : o.retryLimit],
    ['storage.total_limit_size', plan.storageType === BufferStorageType.FILESYSTEM && !o.plugin.fluentBitOwnBuffer ? bytes(o.totalLimitBytes) : undefined],
  ];
  const taken = new Set(entries.filter(e => e[1] !== undefined).map(([k]) => k.toLowerCase()));
  const extra = o.plugin.options.extraParameters ?? {};
  for (const key of Object.keys(extra).sort()) {
    if (taken.has(key.toLowerCase())) {
      throw propError(at, `outputs[${plan.outputs.indexOf(o)}].extraParameters`, key, 'is already set by the typed options');
    }
    entries.push([key, extra[key]]);
  }
  return section('OUTPUT', entries);
}

function parsers(plan: CollectorPlan): string {
  const multiline = plan.fluentBit!.multilineParsers.map(p => section('MULTILINE_PARSER', [
    ['Name', p.name],
    ['Type', 'regex'],
    ['Flush_Timeout', p.flushTimeoutMs],
    // Written in double quotes (the checks refuse a quote inside); the slashes delimit the expression.
    ...p.rules.map(r => ['Rule', [r.state, `/${r.regex}/`, ...r.nextState ? [r.nextState] : []].map(t => `"${t}"`).join(' ')] as [string, string]),
  ]));
  return [...plan.parsers.map(p => section('PARSER', [
    ['Name', p.name],
    ['Format', p.format === LogParserFormat.REGEX ? 'regex' : p.format],
    ['Regex', p.regex],
    ['Time_Key', p.timeKey],
    ['Time_Format', p.timeFormat],
    ['Time_Keep', p.timeKey !== undefined ? onOff(p.timeKeep ?? false) : undefined],
  ])), ...multiline, ...plan.fluentBit!.rawConfig.parsers !== undefined ? [plan.fluentBit!.rawConfig.parsers] : []].join('\n\n');
}
