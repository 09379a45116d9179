import { KubectlDocument, readAsKubectl } from './kubectl-reading';
import { DocumentPositions, Position } from './positions';

/** One manifest input: the name the user gave (`-` for stdin), its text, and its bytes when read from a file. */
export interface SourceFile {
  readonly name: string;
  readonly text: string;
  /** The file's bytes: decoded as kubectl decodes them (UTF-16BE, invalid UTF-8 refused) instead of `text`. */
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
  /** Why kubectl refuses the file at this document (one line). */
  readonly error?: string;
  /** The line (1-based) `error` is about. */
  readonly errorLine?: number;
  /**
   * Where fields of the document stand in the file (`item`: inside that List item). The document
   * is parsed again for each call, and nothing is kept: call it once, with all of its fields.
   */
  positionsOf(fields: ReadonlyArray<{ readonly path: string; readonly item?: number }>): Position[];
}

/**
 * Every document of a manifest file as `kubectl apply -f` reads it (`readAsKubectl`). Never
 * throws: where kubectl refuses the file, the document carries `error` and its line.
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
