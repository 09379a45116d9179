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

/** Reads the named inputs in order; stdin is read once even when `-` is named twice. */
export async function readSources(io: CliIo, names: string[]): Promise<SourceFile[]> {
  let stdin: string | undefined;
  const sources: SourceFile[] = [];
  for (const name of names) {
    if (name === STDIN) {
      stdin ??= await io.readStdin();
      sources.push({ name, text: stdin });
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
