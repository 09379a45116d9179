import { Document, parseAllDocuments } from 'yaml';
import { DaemonSetValidator } from '../validation/daemon-set-validator';
import { SourceFile, YAML_VERSION } from '../validation/documents';

export { ParsedDocument as KubectlParsedDocument, readDocuments, SourceFile, YAML_VERSION } from '../validation/documents';

/** A problem with the invocation or its input rather than with the manifests: exit code 2. */
export class UsageError extends Error {}

/** One document of a YAML text, read by the `yaml` package: its node tree (for `migrate`, which edits it), its value, or why it has none. */
export interface ParsedDocument {
  readonly label: string;
  readonly doc: Document.Parsed;
  /** The plain value, aliases and merge keys resolved; undefined when `error` is set. */
  readonly value?: unknown;
  /** Why the document does not parse (a syntax error with line and column, an alias bomb, a merge of a non-map). */
  readonly error?: string;
}

/** Every document of a multi-document YAML text, with its node tree. Never throws: a document that does not parse carries `error`. */
export function readDocumentNodes(source: SourceFile): ParsedDocument[] {
  const docs = parseAllDocuments(source.text, { version: YAML_VERSION, prettyErrors: true });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc, i) => {
    const label = `YAML document ${i + 1}`;
    if (doc.errors.length > 0) return { label, doc, error: doc.errors[0].message.split('\n')[0].replace(/:$/, '') };
    return { label, doc, ...DaemonSetValidator._documentValue(doc) };
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
  const docs = readDocumentNodes(source);
  const bad = docs.find(d => d.error !== undefined);
  if (bad) throw new UsageError(parseErrorMessage(source, bad.error!));
  return docs;
}
