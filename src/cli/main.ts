#!/usr/bin/env node
import { readFileSync } from 'fs';
import { join } from 'path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CheckOptions, checkSources, formatCheckJson, formatCheckText } from './check';
import { coverageOf } from './coverage';
import { SourceFile, UsageError } from './input';
import { CliIo, printable, processIo, readSources, STDIN, STDOUT, writeOutput } from './io';
import { migrateYaml, MigrateOptions } from './migrate';
import { formatCheckSarif } from './sarif';
import { silenceableWarningProblem } from '../validation/engine';
import { DEFAULT_KUBERNETES_VERSION, parseKubernetesVersion } from '../validation/kubernetes-version';

/** Exit codes: 1 means findings, 2 means the command could not do its job at all. */
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * Runs `cdk8s-daemonsets` with the arguments after the program name and returns the exit code.
 * Never calls process.exit, so tests call it in-process.
 */
export async function run(args: string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, code => { exitCode = code; });
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    if (e instanceof UsageError) {
      io.stderr(`cdk8s-daemonsets: ${printable(e.message)}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  return exitCode;
}

/** `--suppress a,b`, repeatable: warning rule ids as the synth context key and the plugin take them. */
function suppressedIds(value: string, previous: string[] = []): string[] {
  const ids = value.split(',').map(id => id.trim()).filter(id => id !== '');
  for (const id of ids) {
    const problem = silenceableWarningProblem(id);
    if (problem) throw new InvalidArgumentError(`"${id}" ${problem}`);
  }
  return [...previous, ...ids];
}

function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const program = new Command('cdk8s-daemonsets')
    .description('Check Kubernetes DaemonSet manifests the way the API server would, show which nodes run which daemons, and migrate removed API versions to apps/v1.')
    .version(packageVersion())
    // Set before the subcommands are added: commander copies these settings into each of them.
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  const hostAccess = '--host-access-opted-in';
  const hostAccessHelp = 'host namespaces, hostPath volumes, host ports and privileged containers are intended: no warnings for them';
  const kubernetesVersion = () => new Option('--kubernetes-version <release>', 'the Kubernetes release to check against (served API versions, known fields, default feature gates)')
    .default(DEFAULT_KUBERNETES_VERSION)
    .argParser(value => {
      const release = parseKubernetesVersion(value);
      if (typeof release === 'string') throw new InvalidArgumentError(release);
      return release.version;
    });

  program.command('check')
    .description('validate every document of the YAML files with DaemonSetValidator')
    .argument('<file...>', `Kubernetes YAML files, multi-document; ${STDIN} reads stdin`)
    .option('--warnings-as-errors', 'exit 1 on warnings too')
    .option(hostAccess, hostAccessHelp)
    .addOption(kubernetesVersion())
    .addOption(new Option('--suppress <rules>', 'warning rule ids not to report, comma-separated (docs/rules.md); errors and rollout failures cannot be silenced')
      .argParser(suppressedIds))
    .addOption(new Option('--format <format>', 'output format: text lines, JSON, or SARIF 2.1.0 for code-scanning tools').choices(['text', 'json', 'sarif']).default('text'))
    .action(async (files: string[], opts: CheckOptions & { format: string }) => {
      const result = checkSources(await readSources(io, files), opts);
      if (result.exitCode === EXIT_USAGE && opts.format === 'text') {
        // A file kubectl refuses: nothing was checked. JSON and SARIF output still report it as findings.
        const f = result.findings[0];
        throw new UsageError(`${f.file}:${f.line}: ${f.message}`);
      }
      const sarif = (r: typeof result) => formatCheckSarif(r, packageVersion());
      io.stdout(({ text: formatCheckText, json: formatCheckJson, sarif } as const)[opts.format as 'text' | 'json' | 'sarif'](result));
      exit(result.exitCode);
    });

  program.command('coverage')
    .description('show, for every node of a `kubectl get nodes -o json` (or -o yaml) inventory, which DaemonSets of the files place a pod there, '
      + 'which do not and why (node selection, taints), and which pods cannot start (host ports, allocatable)')
    .requiredOption('--nodes <file>', `the node inventory: the output of \`kubectl get nodes -o json\` or \`-o yaml\`; ${STDIN} reads stdin`)
    .argument('<file...>', `Kubernetes YAML files holding the DaemonSets, multi-document; ${STDIN} reads stdin`)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('--require-all', 'exit 1 when a schedulable Linux node (not cordoned, not virtual) lacks a running pod of any listed DaemonSet that targets Linux')
    .action(async (files: string[], opts: { nodes: string; format: string; requireAll?: boolean }) => {
      const [nodes, ...manifests] = await readSources(io, [opts.nodes, ...files]);
      const result = coverageOf(nodes, manifests, opts);
      io.stdout(result.output);
      exit(result.exitCode);
    });

  program.command('migrate')
    .description('rewrite removed and deprecated API versions to their successors (DaemonSets of extensions/v1beta1 and apps/v1beta2 to apps/v1, '
      + 'RBAC v1beta1 to v1, apps/v1beta2 workloads…) and the beta.kubernetes.io/os and arch node label keys; '
      + 'say what needs a hand; other documents pass through unchanged')
    .argument('[file]', `Kubernetes YAML file; ${STDIN} or none reads stdin`, STDIN)
    .option('-o, --output <file>', 'write the YAML here instead of stdout')
    .option('--join-args', 'write a `--flag` element followed by a value element as `--flag=value`')
    .option('--rename-node-exporter-flags', 'rename node-exporter\'s ignored-mount-points, ignored-fs-types and ignored-devices flags to their 1.2.0 names')
    .option(hostAccess, `${hostAccessHelp} (when the output is validated)`)
    .addOption(kubernetesVersion())
    .action(async (file: string, opts: MigrateOptions & { output?: string; hostAccessOptedIn?: boolean }) => {
      const [source] = await readSources(io, [file]);
      // Everything that can fail runs before the output is written: a failure writes nothing.
      if (opts.output && !hasContent(source)) refuseEmptyOverwrite(io, opts.output, source.name);
      const result = migrateYaml(source, opts);
      // The findings are about the migrated YAML, at its lines, so they name where it went. On
      // stdout that is the input's name only when nothing changed: a migrated DaemonSet gains
      // selector lines, and every line after them moves.
      const unchanged = Buffer.compare(result.bytes, source.bytes ?? Buffer.from(source.text, 'utf8')) === 0;
      const check = checkSources([{ name: opts.output ?? (unchanged ? source.name : STDOUT), text: result.yaml, bytes: result.bytes }], opts);
      if (check.exitCode === EXIT_USAGE && checkSources([source]).exitCode !== EXIT_USAGE) {
        const f = check.findings[0];
        throw new UsageError(`kubectl would refuse the migrated file (a bug of migrate; nothing was written): ${f.file}:${f.line}: ${f.message}`);
      }
      if (opts.output) writeOutput(io, opts.output, result.bytes);
      else io.stdout(result.bytes);
      const notices = result.migrated === 0 && result.notices.length === 0 ? [`${source.name}: no removed or deprecated API version, no deprecated node label; nothing changed`] : result.notices;
      io.stderr(notices.map(n => `notice: ${printable(n)}\n`).join(''));
      io.stderr(formatCheckText(check));
      // A file kubectl refuses came in that way (a %YAML directive, bytes that are not UTF-8):
      // migrate kept it as it was, and the line above says why kubectl refuses it.
      exit(check.exitCode === EXIT_USAGE ? EXIT_FINDINGS : check.exitCode);
    });
  return program;
}

/** Whether an input holds anything but white space and comments. */
function hasContent(source: SourceFile): boolean {
  return /^\s*[^\s#]/m.test(source.text);
}

/** An empty input never replaces a file that has content: a pipe that failed upstream must not wipe the manifests. */
function refuseEmptyOverwrite(io: CliIo, output: string, input: string): void {
  let existing: string | Uint8Array;
  try {
    existing = io.readFile(output);
  } catch {
    return;
  }
  if (existing.length > 0) throw new UsageError(`${input} is empty: migrate does not replace ${output}, which is not (give a non-empty input, or remove ${output} first)`);
}

function packageVersion(): string {
  // src/cli and lib/cli are both two levels below the package root.
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
}

/**
 * `check … | head -1`: when the reader of stdout (or stderr) goes away, writing stops quietly
 * (no EPIPE stack trace) and the exit status stays the one the command decided.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
}

if (require.main === module) {
  ignoreClosedPipes();
  void run(process.argv.slice(2)).then(code => { process.exitCode = code; });
}
