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
 * @throws CoverageInputError naming the document, line and column of the first that does not parse
 */
export function yamlDocuments(text: string): unknown[] {
  const values: unknown[] = [];
  for (const { label, value, error } of readDocuments({ name: 'YAML', text: String(text) })) {
    if (error !== undefined) throw new CoverageInputError(`${label} does not parse: ${error}`);
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}
