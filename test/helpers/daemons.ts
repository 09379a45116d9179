/**
 * Running the real daemons the presets configure (Debian's `collectd-core` and
 * `prometheus-node-exporter`, and node_exporter built from the Go module proxy), which `.ci/run`
 * installs. Outside CI a missing binary skips its tests, and says so.
 */
import { spawn, spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { createServer } from 'net';
import { delimiter, join } from 'path';

/** The first of `names` on PATH (or in the extra directories), or undefined. */
export function findBinary(names: string[], extraDirs: string[] = []): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), ...extraDirs].filter(d => d);
  for (const name of names) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

/** `describe`, or `describe.skip` with the reason printed once and in the suite's name. */
export function describeWith(binary: string | undefined, what: string, install: string): [jest.Describe, string] {
  if (binary) return [describe, `${what} (${binary})`];
  const reason = `${what}: skipped, the binary is not installed (${install}; .ci/run installs it)`;
  process.stdout.write(`${reason}\n`);
  return [describe.skip, reason];
}

/** A TCP port nothing listens on, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A command's exit status and output, run to its end (at most `timeoutMs`). */
export function run(command: string, args: string[], timeoutMs = 20_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** The user a node daemon's pod runs as: `nobody` (65534) when the tests run as root, else the tests' own. */
export function asNodeDaemonUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', command, ...args]] : [command, args];
}

/** What a server printed, and whether it served `url` with status 200 before exiting or the deadline. */
export interface ServeResult {
  readonly served: boolean;
  readonly body: string;
  readonly exitCode: number | null;
  readonly output: string;
}

/**
 * Starts a server, asks for `url` every 100 ms until it answers 200 (or the server exits, or
 * `timeoutMs` pass), then stops it.
 */
export async function serveOnce(command: string, args: string[], url: string, timeoutMs = 10_000): Promise<ServeResult> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', d => output += d);
  child.stderr.on('data', d => output += d);
  let exitCode: number | null = null;
  let exited = false;
  const done = new Promise<void>(resolve => child.on('exit', code => {
    exitCode = code;
    exited = true;
    resolve();
  }));
  const deadline = Date.now() + timeoutMs;
  let body = '';
  let served = false;
  while (!exited && Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) {
        body = await response.text();
        served = true;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  if (!exited) child.kill('SIGTERM');
  await done;
  return { served, body, exitCode, output };
}
