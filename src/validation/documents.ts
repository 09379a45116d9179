import type { Document } from 'yaml';
import { yamlModule } from './yaml';

/** One YAML input: the name the user gave (`-` for stdin) and its text. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
}

/** YAML 1.1, as kubectl and cdk8s read manifests (`on`, `yes` and `0755` mean what they mean there). */
export const YAML_VERSION = '1.1';

/** One document of a YAML text: its value (aliases resolved), or why it has none. */
export interface ParsedDocument {
  /** `YAML document 3`: what findings call a document that is no object. */
  readonly label: string;
  /** The plain value, aliases and merge keys resolved; undefined when `error` is set. */
  readonly value?: unknown;
  /** Why the document does not parse (the first syntax error, with line and column; an alias bomb; a merge of a non-map). */
  readonly error?: string;
  /** Every syntax error of the document, with line and column. */
  readonly errors: string[];
}

/** A parsed document with its node tree, for rewriting it in place (`migrate`). */
export interface ParsedDocumentNode extends ParsedDocument {
  readonly doc: Document.Parsed;
}

/**
 * Every document of a multi-document YAML text, read one at a time: each is turned into its
 * value and its node tree dropped, so a file of thousands of documents does not hold thousands
 * of trees. Never throws: a document that does not parse carries `error`.
 */
export function readDocuments(source: SourceFile): ParsedDocument[] {
  const yaml = yamlModule();
  const lines = new yaml.LineCounter();
  const composer = new yaml.Composer({ version: YAML_VERSION });
  const docs: ParsedDocument[] = [];
  for (const doc of composer.compose(new yaml.Parser(lines.addNewLine).parse(source.text))) {
    docs.push(parsed(`YAML document ${docs.length + 1}`, doc, doc.errors.map(e => withPosition(e.message, lines, e.pos[0]))));
  }
  return docs;
}

/** Every document with its node tree (for `migrate`, which edits them and keeps comments). */
export function readDocumentNodes(source: SourceFile): ParsedDocumentNode[] {
  return yamlModule().parseAllDocuments(source.text, { version: YAML_VERSION, prettyErrors: true })
    .map((doc, i) => ({ ...parsed(`YAML document ${i + 1}`, doc, doc.errors.map(e => firstLine(e.message))), doc }));
}

function parsed(label: string, doc: Document.Parsed, errors: string[]): ParsedDocument {
  return errors.length > 0 ? { label, error: errors[0], errors } : { label, errors, ...documentValue(doc) };
}

/** A syntax error as `yaml`'s pretty errors begin: `<message> at line L, column C`. */
function withPosition(message: string, lines: { linePos(offset: number): { line: number; col: number } }, offset: number): string {
  if (offset < 0) return message;
  const { line, col } = lines.linePos(offset);
  return `${message} at line ${line}, column ${col}`;
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
