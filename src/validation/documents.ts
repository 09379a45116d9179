import type { Document } from 'yaml';
import { yamlModule } from './yaml';

/** One YAML input: the name the user gave (`-` for stdin) and its text. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
}

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
  const docs = yamlModule().parseAllDocuments(source.text, { version: YAML_VERSION, prettyErrors: true });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc, i) => {
    const label = `YAML document ${i + 1}`;
    if (doc.errors.length > 0) return { label, doc, error: firstLine(doc.errors[0].message) };
    return { label, doc, ...documentValue(doc) };
  });
}


/** The first line of a `yaml` error message, which goes on with a code excerpt. */
export function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}

/**
 * The plain value of a parsed YAML document, aliases and merge keys resolved, or why it has
 * none: an alias bomb (more than 1000 alias expansions), or a merge key (`<<`) whose source is
 * no map. The `yaml` package throws for both; this never does.
 */
export function documentValue(doc: Document): { value?: unknown; error?: string } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    return { error: aliasError(e) };
  }
}

/** At most this many alias expansions per document: an alias bomb is refused. */
const MAX_ALIAS_COUNT = 1000;

/** Why `toJS()` refused a document: an alias bomb, or a merge of something that is not a map. */
function aliasError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/Excessive alias count/.test(message)) return `too many alias expansions (more than ${MAX_ALIAS_COUNT}; an alias bomb?)`;
  return message.split('\n')[0];
}
