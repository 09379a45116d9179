import { ParsedDocumentNode, readDocumentNodes, readDocuments, SourceFile } from '../validation/engine';

export { readDocuments, SourceFile };

/** A problem with the invocation or its input rather than with the manifests: exit code 2. */
export class UsageError extends Error {}

/** The message of a UsageError for a document that does not parse. */
export function parseErrorMessage(source: SourceFile, error: string): string {
  return `${source.name}: the YAML does not parse: ${error}`;
}

/**
 * Parses every document of a multi-document YAML text, keeping the Document nodes so `migrate`
 * can edit them without losing comments. A document that does not parse (syntax, an alias bomb,
 * a merge of a non-map) is a UsageError naming file and line.
 */
export function parseDocuments(source: SourceFile): ParsedDocumentNode[] {
  const docs = readDocumentNodes(source);
  const bad = docs.find(d => d.error !== undefined);
  if (bad) throw new UsageError(parseErrorMessage(source, bad.error!));
  return docs;
}
