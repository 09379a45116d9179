import { OutputPlugin, refuseTls } from './plugin';
import { LogOutputOptions } from './shared';

/** The collector's own stdout, for debugging (`stdout`): nothing to buffer. @internal */
export function stdoutOutput(options: LogOutputOptions): OutputPlugin {
  return {
    kind: 'stdout',
    options,
    check: c => refuseTls(c, 'stdout', options),
    secrets: () => [],
    fluentBit: () => [['Name', 'stdout'], ['Format', 'json_lines']],
    fluentd: (_plan, _o, b) => b.param('@type', 'stdout'),
    fluentdBuffer: null,
  };
}
