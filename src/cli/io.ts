import { readFileSync, writeFileSync } from 'fs';
import { SourceFile, UsageError } from './input';

/** Everything the CLI touches outside itself, so tests run it in-process with fakes. */
export interface CliIo {
  readFile(path: string): string;
  readStdin(): Promise<string>;
  writeFile(path: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The real process: files, stdin, stdout and stderr. */
export const processIo: CliIo = {
  readFile: path => readFileSync(path, 'utf8'),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  },
  writeFile: (path, text) => writeFileSync(path, text),
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

/** The name stdin goes by, as most Unix tools spell it. */
export const STDIN = '-';

/** Reads the named inputs in order. Stdin can be read only once, so naming `-` twice is a UsageError. */
export async function readSources(io: CliIo, names: string[]): Promise<SourceFile[]> {
  if (names.filter(n => n === STDIN).length > 1) throw new UsageError(`${STDIN} (stdin) can be named only once`);
  const sources: SourceFile[] = [];
  for (const name of names) {
    if (name === STDIN) {
      sources.push({ name, text: await io.readStdin() });
      continue;
    }
    try {
      sources.push({ name, text: io.readFile(name) });
    } catch (e) {
      throw new UsageError(`cannot read ${name}: ${(e as Error).message}`);
    }
  }
  return sources;
}

/** Writes a file, or throws a UsageError naming it (a missing directory, a directory, no permission). */
export function writeOutput(io: CliIo, path: string, text: string): void {
  try {
    io.writeFile(path, text);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * One line for a terminal: control characters (NUL, ESC, a newline inside a name…) escaped as
 * JSON escapes them (`\u0000`, `\n`), so a manifest cannot garble the output or drive the terminal.
 */
export function printable(line: string): string {
  return line.replace(CONTROL, c => (c < ' ' ? JSON.stringify(c).slice(1, -1) : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
