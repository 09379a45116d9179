import { Document, parseAllDocuments } from 'yaml';

/** One YAML input: the name the user gave (`-` for stdin) and its text. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
}

/** A problem with the invocation or its input rather than with the manifests: exit code 2. */
export class UsageError extends Error {}

/** YAML 1.1, as kubectl and cdk8s read manifests (`on`, `yes` and `0755` mean what they mean there). */
export const YAML_VERSION = '1.1';

/**
 * Parses every document of a multi-document YAML text, keeping the Document nodes so `migrate`
 * can edit them without losing comments. A syntax error is a UsageError naming file and line.
 */
export function parseDocuments(source: SourceFile): Document.Parsed[] {
  const docs = parseAllDocuments(source.text, { version: YAML_VERSION, prettyErrors: true });
  if (!Array.isArray(docs)) return [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) throw new UsageError(`${source.name}: the YAML does not parse: ${error.message.split('\n')[0]}`);
  }
  return docs;
}

/**
 * The manifests of a YAML text as plain objects. Empty documents (a trailing `---`) are skipped,
 * as kubectl skips them.
 */
export function parseManifests(source: SourceFile): any[] {
  return parseDocuments(source).map(d => d.toJS({ maxAliasCount: 1000 })).filter(m => m !== null && m !== undefined);
}
