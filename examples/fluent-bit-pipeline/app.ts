import { join } from 'path';
import { App, Chart, Size } from 'cdk8s';
import {
  ContainerRuntime, FluentBitConfigReload, FluentBitFilter, FluentBitInput, FluentBitLuaScript, FluentBitMultilineParser, LogCollectorDaemonSet,
  LogCollectorEngine, LogOutput, ServiceInternalTrafficPolicy,
} from '../../src';

/**
 * Fluent Bit with its own pipeline, as users of the fluent-bit chart write it in `config.filters`:
 * Java stack traces joined, health checks dropped, fields set, e-mail addresses masked by a Lua
 * script, a forward input for applications on the node, and hot reload instead of restarts.
 */
export function build(app: App): void {
  const chart = new Chart(app, 'fluent-bit-pipeline', { namespace: 'logging' });
  new LogCollectorDaemonSet(chart, 'fluent-bit', {
    metadata: { name: 'fluent-bit' },
    // The forward input's Secret is created with kubectl before the first apply (see README.md).
    acknowledgedWarnings: ['env-reference-missing'],
    containerRuntime: ContainerRuntime.CONTAINERD,
    outputs: [LogOutput.loki({ host: 'loki-gateway.monitoring.svc.cluster.local', port: 80 })],
    engine: LogCollectorEngine.fluentBit({
      filters: [
        FluentBitFilter.multiline({ parsers: [FluentBitMultilineParser.JAVA] }),
        FluentBitFilter.grep({ exclude: [{ key: 'log', pattern: '/GET \\/healthz/i' }] }),
        FluentBitFilter.modify({ set: { cluster: 'production' }, renameKeys: { msg: 'message' } }),
        FluentBitFilter.lua({ script: FluentBitLuaScript.fromFile(join(__dirname, 'filters', 'redact.lua')), call: 'redact' }),
      ],
      inputs: [FluentBitInput.forward({ sharedKey: { name: 'fluent-forward', key: 'shared-key' } })],
      configReload: FluentBitConfigReload.hotReload(),
    }),
    // Applications send to the collector on their own node.
    service: { headless: false, internalTrafficPolicy: ServiceInternalTrafficPolicy.LOCAL },
    resources: { memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) } },
  });
}
