import { locateInBlockText, LocatorMemo } from './block-locator';
import { KubectlDocument, parser, prepareSource } from './kubectl-reading';

/** A place in a file: 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** One node of a document as js-yaml composed it: where it starts, and its children in order. */
interface Frame {
  start: number;
  kind?: string | null;
  result?: unknown;
  children: Frame[];
}

/**
 * Where fields of a document stand in its file, computed when asked (only documents with
 * findings pay for it): found by indentation in block-style text (`locateInBlockText`), and
 * otherwise by parsing the document again with js-yaml's node listener, which gives every
 * node's offset.
 */
export class DocumentPositions {
  private root?: Frame;
  private anchors?: Map<unknown, Frame>;
  private lineStarts?: number[];
  private lines?: string[] | null;
  private readonly memo: LocatorMemo = { steps: new Map(), keys: [] };

  /** @param parseOnly always parse (the tests compare both ways) */
  public constructor(private readonly doc: KubectlDocument, private readonly parseOnly = false) {}

  /**
   * The position of a field path as the API server names it (`spec.containers[0].image`,
   * `metadata.labels[app]`), inside a List item when `item` is given: the key of the deepest
   * field that exists (the field itself, or its nearest parent when it is missing), or the
   * document's first line.
   */
  public of(path: string, item?: number): Position {
    const segments = item === undefined ? [] : ['items', String(item)];
    for (const m of path.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) segments.push(m[1] ?? m[2]);
    const lines = this.blockLines();
    const fast = lines && locateInBlockText(lines, segments, this.memo);
    if (fast) return { line: this.doc.line + fast.line, column: fast.column + 1 };
    const root = this.parse();
    let at = root === undefined ? undefined : this.content(root.start);
    let node = root;
    for (const segment of segments) {
      const next = node && this.child(node, segment);
      if (!next) break;
      at = next.at;
      node = next.node;
    }
    return at === undefined ? { line: this.doc.line, column: 1 } : this.position(at);
  }

  /** The document's lines, when the indentation locator can read them: no tab, and no line break but LF or CRLF. */
  private blockLines(): string[] | null {
    if (this.lines === undefined) {
      const text = this.doc.text;
      this.lines = this.parseOnly || /^[ ]*\t|\r(?!\n)|[\u0085\u2028\u2029]/m.test(text) ? null : text.split(/\r?\n/);
    }
    return this.lines;
  }

  private child(node: Frame, segment: string): { at: number; node: Frame } | undefined {
    const target = this.anchors?.get(node.result) ?? node;
    if (target.kind === 'sequence') {
      const item = /^[0-9]+$/.test(segment) ? target.children[Number(segment)] : undefined;
      return item && { at: this.content(item.start), node: item };
    }
    if (target.kind !== 'mapping') return undefined;
    const pairs = target.children;
    let found: { at: number; node: Frame } | undefined;
    const merges: Frame[] = [];
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const key = String(pairs[i].result);
      if (key === segment) found = { at: this.content(pairs[i].start), node: pairs[i + 1] };
      else if (parser().marks.isMerge(key)) merges.push(pairs[i + 1]);
    }
    if (found) return found;
    for (const merge of merges) {
      const source = this.anchors?.get(merge.result) ?? merge;
      const sources = source.kind === 'sequence' ? source.children : [source];
      for (const s of sources) {
        const hit = this.child(s, segment);
        if (hit) return hit;
      }
    }
    return undefined;
  }

  private parse(): Frame | undefined {
    if (this.root !== undefined || this.anchors !== undefined) return this.root;
    this.anchors = new Map();
    const prepared = prepareSource(this.doc.text);
    if ('error' in prepared) return undefined;
    const { yaml, schema } = parser();
    const stack: Frame[] = [{ start: 0, children: [] }];
    try {
      yaml.load(prepared.source, {
        schema,
        json: true,
        listener: (event, state) => {
          if (event === 'open') {
            stack.push({ start: state.position, children: [] });
            return;
          }
          const frame = stack.pop()!;
          frame.kind = state.kind;
          frame.result = state.result;
          if ((state.kind === 'mapping' || state.kind === 'sequence') && !this.anchors!.has(state.result)) this.anchors!.set(state.result, frame);
          stack[stack.length - 1].children.push(frame);
        },
      });
    } catch {
      return undefined;
    }
    this.root = stack[0].children[0];
    return this.root;
  }

  /** The first offset at or after `offset` that is not white space, a comment or a sequence dash. */
  private content(offset: number): number {
    const text = this.doc.text;
    let i = offset;
    for (;;) {
      while (i < text.length && /[\s\-,?]/.test(text[i])) i++;
      if (text[i] !== '#') return i;
      while (i < text.length && text[i] !== '\n') i++;
    }
  }

  /** Lines are counted at LF, as kubectl, editors and grep count them. */
  private position(offset: number): Position {
    if (this.lineStarts === undefined) {
      this.lineStarts = [0];
      const text = this.doc.text;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    let line = 0;
    while (line + 1 < this.lineStarts.length && this.lineStarts[line + 1] <= offset) line++;
    return { line: this.doc.line + line, column: offset - this.lineStarts[line] + 1 };
  }
}
