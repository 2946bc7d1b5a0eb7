// A fast reader for the YAML that Tekton files are written in: block mappings and sequences,
// plain, quoted and block scalars, one-line flow collections, comments and `---` between
// documents. The `yaml` package builds a full syntax tree and costs about a second for a
// 5,000-task pipeline; this reads the same text some twenty times faster. It gives exactly
// the values and positions the `yaml` package gives, and for any text outside that subset
// (anchors, tags, flow collections over several lines, multi-line plain scalars, tabs,
// anything doubtful, and every error) it gives up, and yaml-source.ts reads the file with
// the `yaml` package as before.
// The equivalence is tested on every YAML file of the project and of the corpus.
import { MAX_FILE_SIZE_BYTES } from './files.js';
import type { YamlPath } from './resource.js';
import {
  type Chomping,
  foldedBlock,
  foldQuotedLines,
  literalBlock,
  OutsideFastPath,
  outside,
  resolvePlain,
  unescapeDoubleQuoted,
} from './yaml-fast-scalars.js';
import { MAX_DOCUMENTS_PER_FILE, MAX_NESTING_DEPTH } from './yaml-limits.js';

/** Where each key and item starts, to answer locate() as the `yaml` package's nodes would. */
interface MapNode {
  start: number;
  keys: string[];
  keyStarts: number[];
  values: FastNode[];
}
interface SeqNode {
  start: number;
  items: FastNode[];
}
/** A scalar is only its start offset. */
type FastNode = MapNode | SeqNode | number;
/** An entry of a flow collection read, and the offset just after it. */
interface FlowItem {
  value: unknown;
  node: FastNode;
  after: number;
}

export interface FastDocument {
  value: unknown;
  /** Offset of the node at `path`, or of the nearest ancestor that exists (see yaml-source.ts). */
  locateOffset(path: YamlPath): number;
}

export interface FastYaml {
  documents: FastDocument[];
  /** Offsets where lines start, as the `yaml` package's LineCounter records them. */
  lineStarts: number[];
}

// Characters the fast path leaves to the `yaml` package wherever they appear: carriage
// returns, a byte-order mark, control characters, line separators and lone surrogates.
const UNUSUAL_CHARACTER =
  /[^\t\n\x20-\x7e\u{a0}-\u{2027}\u{202a}-\u{d7ff}\u{e000}-\u{fefe}\u{ff00}-\u{fffd}\u{10000}-\u{10ffff}]/u;

/** The documents of `text`, or undefined when the `yaml` package must read it. */
export function readFastYaml(text: string): FastYaml | undefined {
  if (text.length * 3 > MAX_FILE_SIZE_BYTES && Buffer.byteLength(text) > MAX_FILE_SIZE_BYTES)
    return undefined;
  if (UNUSUAL_CHARACTER.test(text)) return undefined;
  try {
    const reader = new FastReader(text);
    return { documents: reader.readDocuments(), lineStarts: reader.lineStarts };
  } catch (error) {
    if (error instanceof OutsideFastPath) return undefined;
    throw error;
  }
}

// Kinds of line, decided once per line.
const CONTENT = 0;
const BLANK = 1;
const COMMENT = 2;
/** Spaces then a tab: indentation YAML does not allow, or a tab inside a block scalar. */
const TAB_LED = 3;
/** `---` alone (or followed by a space) at column 0. */
const DOCUMENT_START = 4;
/** `...`, a directive or other text at column 0 that is not ours. */
const FOREIGN = 5;

const SPACE = 32;

class FastReader {
  readonly lineStarts: number[] = [0];
  private readonly lineEnds: number[] = [];
  private readonly indents: number[] = [];
  private readonly kinds: number[] = [];
  /** The line after the node just read: the next content line, a `---` or the end. */
  private line = 0;
  /** The node just read. */
  private node: FastNode = 0;

  constructor(private readonly text: string) {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      // The empty "line" after a final newline is not a line.
      if (newline === -1 && start === text.length && start > 0) break;
      this.classifyLine(start, end);
      if (newline === -1) break;
      start = newline + 1;
      this.lineStarts.push(start);
    }
  }

  private classifyLine(start: number, end: number): void {
    const text = this.text;
    let first = start;
    while (first < end && text.charCodeAt(first) === SPACE) first++;
    this.lineEnds.push(end);
    this.indents.push(first - start);
    let kind = CONTENT;
    if (first === end) kind = BLANK;
    else if (text[first] === '#') kind = COMMENT;
    else if (text[first] === '\t') kind = TAB_LED;
    else if (first === start) {
      if (text.startsWith('---', start))
        kind = end === start + 3 || text[start + 3] === ' ' ? DOCUMENT_START : FOREIGN;
      else if (text.startsWith('...', start) || text[start] === '%') kind = FOREIGN;
    }
    this.kinds.push(kind);
  }

  private get lineCount(): number {
    return this.kinds.length;
  }

  readDocuments(): FastDocument[] {
    const documents: FastDocument[] = [];
    let line = this.nextContent(0);
    if (line < this.lineCount && this.kinds[line] === CONTENT) {
      documents.push(this.readDocument(line));
      line = this.line;
    }
    while (line < this.lineCount) {
      // Here `line` is a `---`: only a comment may follow it on its line.
      const markerEnd = this.lineStarts[line] + 3;
      const rest = this.skipSpaces(markerEnd, this.lineEnds[line]);
      const commented = rest < this.lineEnds[line];
      if (commented && this.text[rest] !== '#') outside();
      const first = this.nextContent(line + 1);
      if (first < this.lineCount && this.kinds[first] === CONTENT) {
        documents.push(this.readDocument(first));
        line = this.line;
      } else {
        if (commented) outside();
        documents.push({ value: null, locateOffset: () => markerEnd });
        line = first;
      }
      // Past the limit the `yaml` package's path words the error (yaml-limits.ts), at the
      // first document over it; both count every document, an empty one too.
      if (documents.length > MAX_DOCUMENTS_PER_FILE) outside();
    }
    return documents;
  }

  private readDocument(line: number): FastDocument {
    const value = this.readCollection(line, this.lineStarts[line] + this.indents[line], 1);
    const root = this.node;
    const after = this.line;
    if (after < this.lineCount && this.kinds[after] !== DOCUMENT_START) outside();
    return { value, locateOffset: (path) => locateOffset(root, path) };
  }

  /** The index of the first line from `line` on that holds content or a `---`. */
  private nextContent(line: number): number {
    const kinds = this.kinds;
    while (line < kinds.length) {
      const kind = kinds[line];
      if (kind === CONTENT || kind === DOCUMENT_START) return line;
      if (kind === TAB_LED || kind === FOREIGN) outside();
      line++;
    }
    return line;
  }

  private skipSpaces(position: number, end: number): number {
    while (position < end && this.text.charCodeAt(position) === SPACE) position++;
    return position;
  }

  private isSequenceEntry(position: number, end: number): boolean {
    return this.text[position] === '-' && (position + 1 === end || this.text[position + 1] === ' ');
  }

  /** A block mapping or sequence starting at `position` on `line`. */
  private readCollection(line: number, position: number, depth: number): unknown {
    if (depth > MAX_NESTING_DEPTH) outside();
    const column = position - this.lineStarts[line];
    if (this.isSequenceEntry(position, this.lineEnds[line]))
      return this.readSequence(line, column, depth);
    return this.readMapping(line, position, column, depth);
  }

  private readMapping(line: number, position: number, column: number, depth: number): unknown {
    const value: Record<string, unknown> = {};
    const node: MapNode = { start: position, keys: [], keyStarts: [], values: [] };
    for (;;) {
      const { key, afterColon } = this.readKey(line, position);
      if (Object.hasOwn(value, key)) outside();
      node.keys.push(key);
      node.keyStarts.push(position);
      value[key] = this.readValue(line, afterColon, column, true, depth);
      node.values.push(this.node);
      const next = this.line;
      if (next >= this.lineCount || this.kinds[next] === DOCUMENT_START) break;
      const indent = this.indents[next];
      if (indent < column) break;
      if (indent > column) outside();
      line = next;
      position = this.lineStarts[line] + column;
      if (this.isSequenceEntry(position, this.lineEnds[line])) outside();
    }
    this.node = node;
    return value;
  }

  private readSequence(line: number, column: number, depth: number): unknown[] {
    const value: unknown[] = [];
    const node: SeqNode = { start: this.lineStarts[line] + column, items: [] };
    for (;;) {
      const dash = this.lineStarts[line] + column;
      const content = this.skipSpaces(dash + 1, this.lineEnds[line]);
      if (this.startsCompactMapping(line, content)) {
        const mapColumn = content - this.lineStarts[line];
        value.push(this.readMapping(line, content, mapColumn, depth + 1));
      } else value.push(this.readValue(line, dash + 1, column, false, depth));
      node.items.push(this.node);
      const next = this.line;
      if (next >= this.lineCount || this.kinds[next] === DOCUMENT_START) break;
      const indent = this.indents[next];
      if (indent < column) break;
      if (indent > column) outside();
      if (!this.isSequenceEntry(this.lineStarts[next] + column, this.lineEnds[next])) break;
      line = next;
    }
    this.node = node;
    return value;
  }

  /** True when a sequence entry's text is `key: ...` (a mapping that starts on the dash's line). */
  private startsCompactMapping(line: number, position: number): boolean {
    const text = this.text;
    const end = this.lineEnds[line];
    if (position >= end) return false;
    const first = text[position];
    if (first === "'" || first === '"') {
      const close = this.closingQuoteOnLine(position, end);
      if (close === -1) return false;
      return text[close + 1] === ':' && (close + 2 === end || text[close + 2] === ' ');
    }
    if ('#[{|>&*!-?:,]}%@`'.includes(first)) return false;
    return this.plainKeyEnd(position, end) !== -1;
  }

  /** Where the `:` after a plain key is, or -1 if the line holds no key. */
  private plainKeyEnd(position: number, end: number): number {
    const text = this.text;
    for (let index = position; index < end; index++) {
      const character = text[index];
      if (character === ':' && (index + 1 === end || text[index + 1] === ' ')) return index;
      if (character === '#' && text[index - 1] === ' ') return -1;
      if (character === '\t') outside();
    }
    return -1;
  }

  /** The closing quote of a quoted scalar that opens at `position`, on the same line, or -1. */
  private closingQuoteOnLine(position: number, end: number): number {
    const text = this.text;
    const quote = text[position];
    for (let index = position + 1; index < end; index++) {
      const character = text[index];
      if (quote === '"' && character === '\\') index++;
      else if (character === quote) {
        if (quote === "'" && text[index + 1] === "'") index++;
        else return index;
      }
    }
    return -1;
  }

  private readKey(line: number, position: number): { key: string; afterColon: number } {
    const text = this.text;
    const end = this.lineEnds[line];
    const first = text[position];
    let key: string;
    let colon: number;
    if (first === "'" || first === '"') {
      const close = this.closingQuoteOnLine(position, end);
      if (close === -1) outside();
      key = this.quotedOnLine(position, close);
      colon = close + 1;
      if (text[colon] !== ':' || (colon + 1 !== end && text[colon + 1] !== ' ')) outside();
    } else {
      if ('#[{|>&*!-?:,]}%@`\t'.includes(first)) outside();
      colon = this.plainKeyEnd(position, end);
      if (colon === -1) outside();
      let keyEnd = colon;
      while (text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
      key = text.slice(position, keyEnd);
      // Keys that the core schema reads as numbers, booleans or null, and merge keys.
      if (typeof resolvePlain(key) !== 'string' || key === '<<') outside();
    }
    if (colon - position > 1024 || key === '__proto__') outside();
    return { key, afterColon: colon + 1 };
  }

  /** A one-line quoted scalar from its opening quote to its closing quote. */
  private quotedOnLine(open: number, close: number): string {
    const body = this.text.slice(open + 1, close);
    if (this.text[open] === '"') return unescapeDoubleQuoted(body);
    return body.includes("''") ? body.replaceAll("''", "'") : body;
  }

  /**
   * The value after a key's `:` or a sequence's `-` at `position`; `parentIndent` is the
   * column of the mapping or of the dash. Leaves `this.line` at the next content line.
   */
  private readValue(
    line: number,
    position: number,
    parentIndent: number,
    inMapping: boolean,
    depth: number,
  ): unknown {
    const text = this.text;
    const end = this.lineEnds[line];
    const start = this.skipSpaces(position, end);
    if (start === end || text[start] === '#')
      return this.readNestedValue(line, parentIndent, inMapping, depth);
    const first = text[start];
    this.node = start;
    if (first === "'") return this.readSingleQuoted(line, start, parentIndent);
    if (first === '"') {
      const close = this.closingQuoteOnLine(start, end);
      if (close === -1) outside();
      return this.endOfValue(line, close + 1, this.quotedOnLine(start, close));
    }
    if (first === '[' || first === '{') return this.readFlowCollection(line, start, depth);
    if (first === '|' || first === '>') return this.readBlockScalar(line, start, parentIndent);
    // A plain scalar may start with `-` when no space follows (`- -c`); `- - x` nests.
    if (first === '-' && this.isSequenceEntry(start, end)) outside();
    if ('&*!?:,]}%@`\t'.includes(first)) outside();
    return this.readPlain(line, start, end);
  }

  /** Nothing after the `:` or `-`: the value is on the lines below, or empty. */
  private readNestedValue(
    line: number,
    parentIndent: number,
    inMapping: boolean,
    depth: number,
  ): unknown {
    const next = this.nextContent(line + 1);
    if (next < this.lineCount && this.kinds[next] === CONTENT) {
      const indent = this.indents[next];
      const position = this.lineStarts[next] + indent;
      if (indent > parentIndent) return this.readCollection(next, position, depth + 1);
      // A sequence may sit at its key's own indentation (`params:` then `- name: x`).
      if (
        inMapping &&
        indent === parentIndent &&
        this.isSequenceEntry(position, this.lineEnds[next])
      )
        return this.readSequence(next, indent, depth + 1);
    }
    // An empty sequence entry's position is not what this reader would guess; leave it.
    if (!inMapping) outside();
    this.line = next;
    this.node = -1;
    return null;
  }

  /** After a value on its line, only spaces and a comment may follow. */
  private endOfValue<T>(line: number, position: number, value: T): T {
    const end = this.lineEnds[line];
    const rest = this.skipSpaces(position, end);
    if (rest < end && !(this.text[rest] === '#' && rest > position)) outside();
    this.line = this.nextContent(line + 1);
    return value;
  }

  private readPlain(line: number, start: number, end: number): unknown {
    const text = this.text;
    let stop = end;
    for (let index = start; index < end; index++) {
      const character = text[index];
      if (character === ':' && (index + 1 === end || text[index + 1] === ' ')) outside();
      if (character === '#' && text[index - 1] === ' ') {
        stop = index;
        break;
      }
      if (character === '\t') outside();
    }
    while (text.charCodeAt(stop - 1) === SPACE) stop--;
    const raw = text.slice(start, stop);
    if (raw === '<<') outside();
    this.line = this.nextContent(line + 1);
    return resolvePlain(raw);
  }

  /** A single-quoted scalar, which may run over several lines more indented than its parent. */
  private readSingleQuoted(line: number, open: number, parentIndent: number): string {
    const text = this.text;
    let close = open;
    for (;;) {
      close = text.indexOf("'", close + 1);
      if (close === -1) outside();
      if (text[close + 1] !== "'") break;
      close += 1;
    }
    let closeLine = line;
    while (this.lineEnds[closeLine] < close) {
      closeLine += 1;
      const indent = this.indents[closeLine];
      const empty = this.lineEnds[closeLine] === this.lineStarts[closeLine];
      if (!empty && (indent <= parentIndent || this.kinds[closeLine] === TAB_LED)) outside();
    }
    const raw = text.slice(open + 1, close);
    if (closeLine !== line && raw.includes('\t')) outside();
    const folded = closeLine === line ? raw : foldQuotedLines(raw);
    this.node = open;
    return this.endOfValue(
      closeLine,
      close + 1,
      folded.includes("''") ? folded.replaceAll("''", "'") : folded,
    );
  }

  /** `[a, 'b', 1]` or `{a: 1, b: [c, d]}` on one line, flow collections nested inside. */
  private readFlowCollection(line: number, open: number, depth: number): unknown {
    const { value, node, after } = this.flowCollection(open, this.lineEnds[line], depth + 1);
    this.endOfValue(line, after, undefined);
    this.node = node;
    return value;
  }

  /** The flow collection opening at `open`, and where the text after its closing bracket is. */
  private flowCollection(open: number, end: number, depth: number): FlowItem {
    if (depth > MAX_NESTING_DEPTH) outside();
    const text = this.text;
    const isMapping = text[open] === '{';
    const close = isMapping ? '}' : ']';
    const mapping: Record<string, unknown> = {};
    const sequence: unknown[] = [];
    const mapNode: MapNode = { start: open, keys: [], keyStarts: [], values: [] };
    const seqNode: SeqNode = { start: open, items: [] };
    let position = this.skipSpaces(open + 1, end);
    if (text[position] === close) position += 1;
    else {
      for (;;) {
        if (isMapping) {
          const { key, afterColon } = this.flowKey(position, end);
          if (Object.hasOwn(mapping, key)) outside();
          const item = this.flowItem(this.skipSpaces(afterColon, end), end, depth);
          mapping[key] = item.value;
          mapNode.keys.push(key);
          mapNode.keyStarts.push(position);
          mapNode.values.push(item.node);
          position = item.after;
        } else {
          const item = this.flowItem(position, end, depth);
          sequence.push(item.value);
          seqNode.items.push(item.node);
          position = item.after;
        }
        position = this.skipSpaces(position, end);
        if (text[position] === close) {
          position += 1;
          break;
        }
        if (text[position] !== ',') outside();
        position = this.skipSpaces(position + 1, end);
        // A trailing comma is valid YAML, but not what Tekton files hold.
        if (text[position] === close) outside();
      }
    }
    return isMapping
      ? { value: mapping, node: mapNode, after: position }
      : { value: sequence, node: seqNode, after: position };
  }

  /** One entry of a flow collection: a quoted or plain scalar, or a collection nested in it. */
  private flowItem(position: number, end: number, depth: number): FlowItem {
    const text = this.text;
    const first = text[position];
    if (first === '[' || first === '{') return this.flowCollection(position, end, depth + 1);
    if (first === "'" || first === '"') {
      const close = this.closingQuoteOnLine(position, end);
      if (close === -1) outside();
      return { value: this.quotedOnLine(position, close), node: position, after: close + 1 };
    }
    if (position >= end || '[]{},#&*!|>%@`?:-\t'.includes(first)) outside();
    let stop = position;
    while (stop < end && text[stop] !== ',' && text[stop] !== ']' && text[stop] !== '}') {
      const character = text[stop];
      // `golang:1.22` is one scalar; a `:` before a space, a bracket or a comma is a pair's.
      if (character === ':' && (stop + 1 === end || ' ,[]{}'.includes(text[stop + 1]))) outside();
      if (character === '{' || character === '[') outside();
      if (character === '\t' || (character === '#' && text[stop - 1] === ' ')) outside();
      stop++;
    }
    let itemEnd = stop;
    while (text.charCodeAt(itemEnd - 1) === SPACE) itemEnd--;
    const raw = text.slice(position, itemEnd);
    if (raw === '<<') outside();
    return { value: resolvePlain(raw), node: position, after: stop };
  }

  /** A flow mapping's key at `position`, which `: ` must follow. */
  private flowKey(position: number, end: number): { key: string; afterColon: number } {
    const text = this.text;
    const first = text[position];
    let key: string;
    let colon: number;
    if (first === "'" || first === '"') {
      const close = this.closingQuoteOnLine(position, end);
      if (close === -1) outside();
      key = this.quotedOnLine(position, close);
      colon = close + 1;
    } else {
      if (position >= end || '[]{},#&*!|>%@`?:-\t'.includes(first)) outside();
      colon = position;
      while (colon < end && text[colon] !== ':') {
        if ('[]{},#\t'.includes(text[colon])) outside();
        colon++;
      }
      let keyEnd = colon;
      while (text.charCodeAt(keyEnd - 1) === SPACE) keyEnd--;
      key = text.slice(position, keyEnd);
      // Keys that the core schema reads as numbers, booleans or null, and merge keys.
      if (typeof resolvePlain(key) !== 'string' || key === '<<') outside();
    }
    if (text[colon] !== ':' || text[colon + 1] !== ' ') outside();
    if (colon - position > 1024 || key === '__proto__') outside();
    return { key, afterColon: colon + 1 };
  }

  /** A literal or folded block scalar whose header (`|`, `>-`, ...) is at `header`. */
  private readBlockScalar(line: number, header: number, parentIndent: number): string {
    const text = this.text;
    let position = header + 1;
    let chomping: Chomping = 'clip';
    if (text[position] === '-') chomping = 'strip';
    else if (text[position] === '+') chomping = 'keep';
    if (chomping !== 'clip') position += 1;
    const end = this.lineEnds[line];
    const rest = this.skipSpaces(position, end);
    if (rest < end && !(text[rest] === '#' && rest > position)) outside();

    let current = line + 1;
    let leadingEmpty = 0;
    let widestLeadingEmpty = 0;
    while (current < this.lineCount && this.kinds[current] === BLANK) {
      widestLeadingEmpty = Math.max(widestLeadingEmpty, this.indents[current]);
      leadingEmpty += 1;
      current += 1;
    }
    if (current >= this.lineCount) outside();
    const indent = this.indents[current];
    if (indent <= parentIndent || widestLeadingEmpty > indent) outside();
    if (this.kinds[current] === TAB_LED) outside();

    const lines: string[] = [];
    let trailingEmpty = 0;
    for (; current < this.lineCount; current++) {
      const kind = this.kinds[current];
      if (kind === BLANK) {
        if (this.indents[current] > indent) outside();
        trailingEmpty += 1;
        continue;
      }
      if (this.indents[current] < indent) {
        if (kind === TAB_LED || (chomping === 'keep' && kind === COMMENT)) outside();
        break;
      }
      for (; trailingEmpty > 0; trailingEmpty--) lines.push('');
      lines.push(text.slice(this.lineStarts[current] + indent, this.lineEnds[current]));
    }
    // A scalar that runs to the end of the text keeps or loses a final newline by rules
    // this reader does not model.
    if (chomping === 'keep' && current >= this.lineCount) outside();
    this.line = this.nextContent(current);
    this.node = header;
    if (text[header] === '|') return literalBlock(lines, leadingEmpty, trailingEmpty, chomping);
    if (leadingEmpty > 0 || lines.some((each) => each[0] === ' ' || each[0] === '\t')) outside();
    return foldedBlock(lines, trailingEmpty, chomping);
  }
}

/** The `yaml` package's locate walk (yaml-source.ts), over this reader's nodes. */
function locateOffset(root: FastNode, path: YamlPath): number {
  let node = root;
  let offset = typeof root === 'number' ? root : root.start;
  for (const segment of path) {
    if (typeof node === 'number') break;
    if ('keys' in node) {
      const index = node.keys.indexOf(String(segment));
      if (index === -1) break;
      offset = node.keyStarts[index];
      node = node.values[index];
    } else {
      if (typeof segment !== 'number') break;
      const item = node.items[segment];
      if (item === undefined) break;
      offset = typeof item === 'number' ? item : item.start;
      node = item;
    }
  }
  return offset;
}
