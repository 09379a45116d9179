import { readDocuments, SourceFile } from '../validation/engine';

/**
 * Input that NodeCoverage cannot read (YAML that does not parse, an inventory that is not a
 * node list): the message names the problem, and the CLI prefixes the file.
 */
export class CoverageInputError extends Error {}

/**
 * The values of every non-empty document of a YAML (or JSON) text, or of a file's bytes, read as
 * kubectl reads manifests (`readDocuments`: go-yaml's YAML 1.1 scalars, merge keys in document
 * order, the bytes decoded as kubectl decodes them), the way `check` and the validator read them.
 *
 * @throws CoverageInputError naming the document, the line and the reason where kubectl would refuse the text
 */
export function yamlDocuments(input: string | SourceFile): unknown[] {
  const source = typeof input === 'string' ? { name: 'YAML', text: input } : input;
  const values: unknown[] = [];
  for (const { label, value, error, errorLine } of readDocuments({ ...source, text: String(source.text) })) {
    if (error !== undefined) throw new CoverageInputError(`${label}: line ${errorLine}: ${error}`);
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}
