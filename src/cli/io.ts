import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import { SourceFile, UsageError } from './input';

/** Everything the CLI touches outside itself, so tests run it in-process with fakes. */
export interface CliIo {
  /** A file's bytes (or text); a UsageError past `MAX_INPUT_BYTES`. */
  readFile(path: string): string | Uint8Array;
  readStdin(): Promise<string | Uint8Array>;
  /** Replaces a file: a temporary file in the same directory, renamed over it, so a failed write leaves the file as it was. */
  writeFile(path: string, content: string | Uint8Array): void;
  stdout(text: string | Uint8Array): void;
  stderr(text: string): void;
}

/** The real process: files, stdin, stdout and stderr. */
export const processIo: CliIo = {
  readFile: path => readCapped(path),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      size += chunk.length;
      if (size > MAX_INPUT_BYTES) throw tooLarge(STDIN);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  },
  writeFile: (path, content) => replaceFile(path, content),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

/**
 * Writes a temporary file beside `path`, then renames it over `path`: a write that fails (disk
 * full, quota) leaves the target as it was. The file keeps its permissions when it existed.
 */
function replaceFile(path: string, content: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode % 0o10000;
  } catch {
    mode = undefined;
  }
  try {
    writeFileSync(tmp, content, mode === undefined ? {} : { mode });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The name stdin goes by, as most Unix tools spell it. */
export const STDIN = '-';

/** The name findings give what a command wrote to stdout (`migrate`'s YAML), at its own lines. */
export const STDOUT = '<stdout>';

/**
 * The most an input may hold: 128 MiB. Reading takes several times a file's size in memory,
 * so a larger file would not fit a CI runner anyway; `/dev/zero` or an endless pipe stops here.
 */
export const MAX_INPUT_BYTES = 128 * 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

function tooLarge(name: string): UsageError {
  return new UsageError(`${name} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the most check and migrate read`);
}

/**
 * A file's bytes: a directory is refused; a regular file larger than the cap is refused before
 * it is read; anything else (a pipe, `/dev/stdin`, a device) is read up to the cap.
 */
function readCapped(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new UsageError(`cannot read ${path}: it is a directory`);
    if (stat.isFile() && stat.size > MAX_INPUT_BYTES) throw tooLarge(path);
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(READ_CHUNK, MAX_INPUT_BYTES + 1 - size));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      size += n;
      if (size > MAX_INPUT_BYTES) throw tooLarge(path);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

/** Reads the named inputs in order. Stdin can be read only once, so naming `-` twice is a UsageError. */
export async function readSources(io: CliIo, names: string[]): Promise<SourceFile[]> {
  if (names.filter(n => n === STDIN).length > 1) throw new UsageError(`${STDIN} (stdin) can be named only once`);
  const sources: SourceFile[] = [];
  for (const name of names) {
    if (name === STDIN) {
      sources.push(source(name, await io.readStdin()));
      continue;
    }
    try {
      sources.push(source(name, io.readFile(name)));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot read ${name}: ${(e as Error).message}`);
    }
  }
  return sources;
}

/** An input with its bytes (decoded as kubectl decodes them by `check`) and its text as UTF-8. */
function source(name: string, content: string | Uint8Array): SourceFile {
  return typeof content === 'string' ? { name, text: content } : { name, text: Buffer.from(content).toString('utf8'), bytes: content };
}

/** Writes a file, or throws a UsageError naming it (a missing directory, a directory, no permission). */
export function writeOutput(io: CliIo, path: string, content: string | Uint8Array): void {
  try {
    io.writeFile(path, content);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * One line for a terminal: control characters (NUL, ESC, a newline inside a name…) escaped as
 * JSON escapes them (`\u0000`, `\n`), and so are the Unicode bidirectional controls (U+202A–U+202E,
 * U+2066–U+2069, and the marks U+200E, U+200F, U+061C), so a manifest cannot garble the output,
 * drive the terminal, or make a line read in another order than it is written.
 */
export function printable(line: string): string {
  return line.replace(CONTROL, c => (c < ' ' ? JSON.stringify(c).slice(1, -1) : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
