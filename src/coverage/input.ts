import { readDocuments } from '../validation';

/**
 * Input that NodeCoverage cannot read (YAML that does not parse, an inventory that is not a
 * node list): the message names the problem, and the CLI prefixes the file.
 */
export class CoverageInputError extends Error {}

/**
 * The values of every non-empty document of a YAML (or JSON) text, read as kubectl reads
 * manifests (YAML 1.1), the way the validator reads them.
 *
 * @throws CoverageInputError naming the document, the line and the reason where kubectl would refuse the text
 */
export function yamlDocuments(text: string): unknown[] {
  const values: unknown[] = [];
  for (const { label, value, error, errorLine } of readDocuments({ name: 'YAML', text: String(text) })) {
    if (error !== undefined) throw new CoverageInputError(`${label}: line ${errorLine}: ${error}`);
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}
