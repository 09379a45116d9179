import { Document, parseAllDocuments } from 'yaml';
import { documentValue } from '../validation';

/** One YAML input: the name the user gave (`-` for stdin) and its text. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
}

/** A problem with the invocation or its input rather than with the manifests: exit code 2. */
export class UsageError extends Error {}

/** YAML 1.1, as kubectl and cdk8s read manifests (`on`, `yes` and `0755` mean what they mean there). */
export const YAML_VERSION = '1.1';

/** One document of a YAML text: its node tree, its value (aliases resolved), or why it has none. */
export interface ParsedDocument {
  /** `YAML document 3`: what findings call a document that is no object. */
  readonly label: string;
  readonly doc: Document.Parsed;
  /** The plain value, aliases and merge keys resolved; undefined when `error` is set. */
  readonly value?: unknown;
  /** Why the document does not parse (a syntax error with line and column, an alias bomb, a merge of a non-map). */
  readonly error?: string;
}

/** Every document of a multi-document YAML text. Never throws: a document that does not parse carries `error`. */
export function readDocuments(source: SourceFile): ParsedDocument[] {
  const docs = parseAllDocuments(source.text, { version: YAML_VERSION, prettyErrors: true });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc, i) => {
    const label = `YAML document ${i + 1}`;
    if (doc.errors.length > 0) return { label, doc, error: doc.errors[0].message.split('\n')[0].replace(/:$/, '') };
    return { label, doc, ...documentValue(doc) };
  });
}

/** The message of a UsageError for a document that does not parse. */
export function parseErrorMessage(source: SourceFile, error: string): string {
  return `${source.name}: the YAML does not parse: ${error}`;
}

/**
 * Parses every document of a multi-document YAML text, keeping the Document nodes so `migrate`
 * can edit them without losing comments. A document that does not parse (syntax, an alias bomb,
 * a merge of a non-map) is a UsageError naming file and line.
 */
export function parseDocuments(source: SourceFile): ParsedDocument[] {
  const docs = readDocuments(source);
  const bad = docs.find(d => d.error !== undefined);
  if (bad) throw new UsageError(parseErrorMessage(source, bad.error!));
  return docs;
}
