import { parseAllDocuments } from 'yaml';
import { DaemonSetValidator } from '../validation/daemon-set-validator';

/**
 * Input that NodeCoverage cannot read (YAML that does not parse, an inventory that is not a
 * node list): the message names the problem, and the CLI prefixes the file.
 */
export class CoverageInputError extends Error {}

/**
 * The values of every non-empty document of a YAML (or JSON) text, read as kubectl reads
 * manifests (YAML 1.1).
 *
 * @throws CoverageInputError naming the document, line and column of the first that does not parse
 */
export function yamlDocuments(text: string): unknown[] {
  const values: unknown[] = [];
  Array.from(parseAllDocuments(String(text), { version: '1.1', prettyErrors: true })).forEach((doc, i) => {
    const label = `YAML document ${i + 1}`;
    if (doc.errors.length > 0) throw new CoverageInputError(`${label} does not parse: ${doc.errors[0].message.split('\n')[0].replace(/:$/, '')}`);
    const { value, error } = DaemonSetValidator._documentValue(doc);
    if (error !== undefined) throw new CoverageInputError(`${label} does not parse: ${error}`);
    if (value !== null && value !== undefined) values.push(value);
  });
  return values;
}
