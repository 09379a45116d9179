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
export function describeWith(binary: string | undefined, what: string, install: string, ciInstalls = true): [jest.Describe, string] {
  if (binary) return [describe, `${what} (${binary})`];
  const reason = `${what}: skipped, the binary is not installed (${install}${ciInstalls ? '; .ci/run installs it' : ''})`;
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

/** A started daemon: what it printed so far, whether it exited, and how to stop it and wait. */
export interface Started {
  stdout(): string;
  stderr(): string;
  exited(): boolean;
  /** Sends SIGTERM unless it exited, and waits for the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `command`, collecting its output. */
export function start(command: string, args: string[], env?: NodeJS.ProcessEnv): Started {
  const child = spawn(command, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', d => out += d);
  child.stderr.on('data', d => err += d);
  let exitCode: number | null = null;
  let exited = false;
  const done = new Promise<void>(resolve => child.on('exit', code => {
    exitCode = code;
    exited = true;
    resolve();
  }));
  return {
    stdout: () => out,
    stderr: () => err,
    exited: () => exited,
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await done;
      return exitCode;
    },
  };
}

/** Waits until `ready()` is true, the daemon exits or the deadline passes; polls every `everyMs`. */
export async function waitFor(daemon: Started, ready: () => boolean | Promise<boolean>, deadline: number, everyMs = 100): Promise<boolean> {
  while (!daemon.exited() && Date.now() < deadline) {
    if (await ready()) return true;
    await new Promise(r => setTimeout(r, everyMs));
  }
  return false;
}

/** Whether `url` answers 200 now. */
export async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false; // not listening yet
  }
}

/**
 * Starts a server, asks for `url` every 100 ms until it answers 200 (or the server exits, or
 * `timeoutMs` pass), then stops it.
 */
export async function serveOnce(command: string, args: string[], url: string, timeoutMs = 10_000): Promise<ServeResult> {
  const daemon = start(command, args);
  let body = '';
  const served = await waitFor(daemon, async () => {
    const response = await fetch(url).catch(() => undefined);
    if (response?.status !== 200) return false;
    body = await response.text();
    return true;
  }, Date.now() + timeoutMs);
  const exitCode = await daemon.stop();
  return { served, body, exitCode, output: daemon.stdout() + daemon.stderr() };
}
