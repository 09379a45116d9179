import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { CliIo } from '../../src/cli/io';
import { run } from '../../src/cli/main';

export const FIXTURES = join(__dirname, 'fixtures');
export const fixture = (name: string) => join(FIXTURES, name);
export const fixtureText = (name: string) => readFileSync(fixture(name), 'utf8');

/** What one in-process run of the CLI printed, wrote and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly written: Map<string, string>;
}

/** Output lines without the `:line:column` after the file name, for tests about the rest of the line. */
export function withoutPositions(text: string): string {
  return text.replace(/^((?:notice: )?[^\n:]+):[0-9]+:[0-9]+: /gm, '$1: ');
}

/** Runs the CLI with real file reads, the given stdin and captured output. */
export async function cli(args: string[], stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const io: CliIo = {
    readFile: path => readFileSync(path),
    readStdin: async () => stdin,
    writeFile: (path, content) => { written.set(path, Buffer.from(content).toString('utf8')); },
    stdout: text => { stdout += Buffer.from(text).toString('utf8'); },
    stderr: text => { stderr += text; },
  };
  const code = await run(args, io);
  return { code, stdout, stderr, written };
}

/** Every non-empty document of a YAML stream, parsed as the CLI parses it. */
export function documents(yaml: string): any[] {
  return yaml.split(/^---$/m).map(d => parse(d, { version: '1.1' })).filter(d => d !== null);
}
