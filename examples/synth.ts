/**
 * Synthesizes every example app (examples/<name>/app.ts) to dist/examples/<name>/.
 * Usage: `npm run synth:examples [-- <name> ...]`
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';

/** An example app: adds its charts to `app`. */
export type ExampleBuilder = (app: App) => void;

/** The names of every example, sorted. */
export function exampleNames(): string[] {
  return fs.readdirSync(__dirname)
    .filter(d => fs.existsSync(path.join(__dirname, d, 'app.ts')))
    .sort();
}

/** Builds example `name` into a new App writing to `outdir`. */
export function buildExample(name: string, outdir?: string): App {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require(path.join(__dirname, name, 'app')) as { build: ExampleBuilder };
  const app = new App({ outdir });
  build(app);
  return app;
}

if (require.main === module) {
  const wanted = process.argv.slice(2);
  const names = wanted.length > 0 ? wanted : exampleNames();
  for (const name of names) {
    if (!exampleNames().includes(name)) {
      process.stderr.write(`unknown example ${name}; examples: ${exampleNames().join(', ')}\n`);
      process.exit(2);
    }
    const outdir = path.join(__dirname, '..', 'dist', 'examples', name);
    fs.rmSync(outdir, { recursive: true, force: true });
    buildExample(name, outdir).synth();
    for (const file of fs.readdirSync(outdir).sort()) {
      process.stdout.write(`${path.relative(process.cwd(), path.join(outdir, file))}\n`);
    }
  }
}
