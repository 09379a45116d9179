import type { Document } from 'yaml';
import { KubectlDocument, readAsKubectl } from './kubectl-reading';
import { DocumentPositions, Position } from './positions';
import { yamlModule } from './yaml';
import { withoutAliasName } from '../internal/redact';

/** One manifest input: the name the user gave (`-` for stdin), its text, and its bytes when read from a file. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
  /** The file's bytes: decoded as kubectl decodes them (UTF-16BE read, invalid UTF-8 refused) instead of `text`. */
  readonly bytes?: Uint8Array;
}

/** YAML 1.1, as kubectl and cdk8s read manifests (`on`, `yes` and `0755` mean what they mean there). */
export const YAML_VERSION = '1.1';

/** One document of a manifest file as kubectl reads it. */
export interface ParsedDocument {
  /** `YAML document 3`: what findings call a document that is no object. */
  readonly label: string;
  /** The value kubectl sends (null for an empty document); undefined when `error` is set. */
  readonly value?: unknown;
  /** Why kubectl refuses the file at this document (one line, with the reason). */
  readonly error?: string;
  /** The line (1-based) `error` is about. */
  readonly errorLine?: number;
  /**
   * Where fields of the document stand in the file (`item`: inside that List item). The document
   * is looked at again for each call, and nothing is kept: call it once, with all of its fields.
   */
  positionsOf(fields: ReadonlyArray<{ readonly path: string; readonly item?: number }>): Position[];
}

/**
 * Every document of a manifest file as `kubectl apply -f` reads it (`readAsKubectl`). Never
 * throws: where kubectl refuses the file, the document carries `error` and its line, and no
 * document after it is read (kubectl applies nothing from such a file).
 */
export function readDocuments(source: SourceFile): ParsedDocument[] {
  return readAsKubectl(source.bytes ?? source.text).map((d, i) => parsedDocument(`YAML document ${i + 1}`, d));
}

function parsedDocument(label: string, d: KubectlDocument): ParsedDocument {
  return {
    label,
    value: d.value,
    error: d.error,
    errorLine: d.errorLine,
    positionsOf: fields => {
      if (fields.length === 0) return [];
      const positions = new DocumentPositions(d);
      return fields.map(f => positions.of(f.path, f.item));
    },
  };
}

/** A document read by the `yaml` package with its node tree, for rewriting it in place (`migrate`). */
export interface ParsedDocumentNode {
  readonly label: string;
  /** The plain value, aliases and merge keys resolved; undefined when `error` is set. */
  readonly value?: unknown;
  /** Why the document does not parse (the first syntax error, with line and column; an alias bomb; a merge of a non-map). */
  readonly error?: string;
  /** Every syntax error of the document, with line and column. */
  readonly errors: string[];
  readonly doc: Document.Parsed;
}

/** Every document with its node tree (for `migrate`, which edits them and keeps comments). */
export function readDocumentNodes(source: SourceFile): ParsedDocumentNode[] {
  return yamlModule().parseAllDocuments(source.text, { version: YAML_VERSION, prettyErrors: true }).map((doc, i) => {
    const label = `YAML document ${i + 1}`;
    const errors = doc.errors.map(e => withoutAliasName(firstLine(e.message)));
    return errors.length > 0 ? { label, error: errors[0], errors, doc } : { label, errors, doc, ...documentValue(doc) };
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
  return withoutAliasName(message.split('\n')[0]);
}
