// The file of a shard's part, written and read in pieces. It is one JSON object, laid out in
// lines so that a reader never needs more than one line in memory:
//
//   {"kind":"tekton-sim-partial","schemaVersion":3,...header...,"chunks":[
//   "<a piece of section 0>",
//   ...
//   "<the last piece of the last section>"
//   ]}
//
// The first line is the header (runner/partial.ts) with the chunks' list opened; then each
// line is one JSON string, a piece of a section: a column's bytes as base64, or attempt rows
// as text. Sections follow in order, each in as many pieces as its size needs, and the header
// gives each section's size in bytes, so the reader knows where one ends. A part whose lines
// are not so, or whose sections do not add up to what its header says (a file cut short, an
// edit), is refused naming the file.
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import {
  notAsWritten,
  parsePartial,
  PARTIAL_KIND,
  PARTIAL_SCHEMA_VERSION,
  partialSections,
  schemaVersionError,
  mergeError,
  type PartialHeader,
  type PartSection,
} from '../runner/partial.js';
import type { Shard } from '../runner/shards.js';
import { describeFileSystemError } from '../tekton/files.js';
import { InputError } from '../tekton/diagnostics.js';
import { type Line, LineReader, LineTooLongError } from './line-reader.js';

/** The longest lines merge reads: the header, and each piece of a section. */
export interface PartLimits {
  headerBytes: number;
  lineBytes: number;
}

const MIB = 1 << 20;

/**
 * The header holds each store's labels, string tables and the series' value counts, a few
 * megabytes at most for the largest sweeps; a piece line is at most 1.5 MiB as written.
 */
export const PART_LIMITS: PartLimits = { headerBytes: 64 * MIB, lineBytes: 4 * MIB };

const CHUNKS_OPEN = ',"chunks":[';
const CHUNKS_CLOSE = ']}';
/** How big the pieces of a section are written. */
export interface PieceSizes {
  /** Raw bytes per base64 piece, a multiple of 3 so that each piece is whole base64. */
  bytes: number;
  /** UTF-16 units per text piece. */
  units: number;
}

/**
 * 1 MiB of base64 text; JSON escapes at most 6 bytes a UTF-16 unit, so a text line stays
 * under 1.5 MiB.
 */
export const PIECE_SIZES: PieceSizes = { bytes: 3 * (1 << 18), units: 1 << 18 };

/** The first line of a part: the header, with the list of pieces opened. */
export function partHeaderLine(header: PartialHeader): string {
  const text = JSON.stringify(header);
  return `${text.slice(0, -1)}${CHUNKS_OPEN}\n`;
}

/** A header merge would refuse is not written: the shard is too big, and more shards help. */
export function refuseLongHeader(
  headerLine: string,
  shard: Shard,
  headerBytes: number = PART_LIMITS.headerBytes,
): void {
  const bytes = Buffer.byteLength(headerLine, 'utf8') - 1;
  if (bytes > headerBytes)
    throw new InputError({
      severity: 'error',
      message: `--shard ${shard.index}/${shard.count}: the part's header would be ${bytes} bytes, past the ${headerBytes} merge reads; split the seeds into more shards (a larger N in --shard I/N)`,
    });
}

/**
 * The text of a part file in pieces, from its header line and sections. Each section is
 * released once written, so the columns' copies do not all outlive the write.
 */
export function* partFilePieces(
  headerLine: string,
  sections: PartSection[],
  sizes: PieceSizes = PIECE_SIZES,
): Generator<string> {
  let pending: string | undefined;
  yield headerLine;
  for (let index = 0; index < sections.length; index++) {
    const section = sections[index];
    const pieces =
      'bytes' in section
        ? base64Pieces(section.bytes, sizes.bytes)
        : textPieces(section.text(), sizes.units);
    for (const piece of pieces) {
      if (pending !== undefined) yield `${pending},\n`;
      pending = JSON.stringify(piece);
    }
    sections[index] = { bytes: new ArrayBuffer(0) };
  }
  if (pending !== undefined) yield `${pending}\n`;
  yield `${CHUNKS_CLOSE}\n`;
}

function* base64Pieces(buffer: ArrayBuffer, bytesPerPiece: number): Generator<string> {
  for (let start = 0; start < buffer.byteLength; start += bytesPerPiece)
    yield Buffer.from(buffer, start, Math.min(bytesPerPiece, buffer.byteLength - start)).toString(
      'base64',
    );
}

function* textPieces(texts: Iterable<string>, unitsPerPiece: number): Generator<string> {
  for (const text of texts) {
    let start = 0;
    while (start < text.length) {
      let end = Math.min(text.length, start + unitsPerPiece);
      // Never between the two halves of a character outside the BMP: each piece is whole UTF-8.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1)))
        end += end - 1 > start ? -1 : 1;
      yield text.slice(start, end);
      start = end;
    }
  }
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/** A part file opened for merge: its checked header, and where its pieces start. */
export interface OpenedPart {
  file: string;
  header: PartialHeader;
  piecesPosition: number;
  size: number;
}

/** Opens `file` and reads its header; anything but a part this tekton-sim wrote is refused. */
export function readPartHeader(file: string, limits: PartLimits = PART_LIMITS): OpenedPart {
  return withPartFile(file, (descriptor, size) => {
    const reader = new LineReader(descriptor, 0, limits.headerBytes);
    let first: Line | undefined;
    try {
      first = reader.next();
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw error;
      throw headerTooLong(file, error, limits);
    }
    const text = first?.bytes.toString('utf8') ?? '';
    const opened = text.endsWith(CHUNKS_OPEN) && first?.terminated === true;
    const value =
      parseJson(opened ? `${text.slice(0, -CHUNKS_OPEN.length)}}` : text) ??
      // A JSON file over several lines (pretty-printed) is read whole, within the bound.
      (size <= limits.headerBytes ? parseJson(fs.readFileSync(descriptor, 'utf8')) : undefined);
    if (value === undefined)
      throw mergeError(
        `${file} is not JSON; name the part-I-of-N.json files that report --shard wrote`,
      );
    const header = parsePartial(file, value);
    if (!opened)
      throw mergeError(`${file} is not a complete tekton-sim partial result; rerun its shard`);
    return { file, header, piecesPosition: reader.position, size };
  });
}

/** A header line past the bound: an older part (one JSON value) is named by its version. */
function headerTooLong(file: string, error: LineTooLongError, limits: PartLimits): InputError {
  const start = error.start.toString('utf8', 0, 4096);
  const older = new RegExp(
    `^\\{"kind":"${PARTIAL_KIND}","schemaVersion":(\\d+),"version":"([^"\\\\]*)"`,
  ).exec(start);
  if (older && Number(older[1]) !== PARTIAL_SCHEMA_VERSION)
    return schemaVersionError(file, Number(older[1]), older[2]);
  return mergeError(
    `${file}: its first line is longer than ${limits.headerBytes} bytes, the most merge reads of a part's header; name the part-I-of-N.json files that report --shard wrote`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads every section of an opened part in order: a column's bytes into a new buffer (the
 * buffers are returned, indexed by section, text sections left empty), attempt rows to
 * `onText` piece by piece.
 */
export function readPartSections(
  part: OpenedPart,
  onText: (scenarioIndex: number, text: string) => void,
  limits: PartLimits = PART_LIMITS,
): ArrayBuffer[] {
  const refuse = (problem: string) => notAsWritten(part.file, problem);
  const sections = partialSections(part.header);
  const declared = sections.reduce((sum, section) => sum + section.bytes, 0);
  // Every byte is at least one byte of the file: a header that says more was edited.
  if (declared > part.size)
    throw refuse(`its sections add up to ${declared} bytes, more than the file's ${part.size}`);
  const scenarioOf = new Map(part.header.attemptsCsv.map((ref, index) => [ref.section, index]));
  const buffers: ArrayBuffer[] = sections.map(() => new ArrayBuffer(0));
  return withPartFile(part.file, (descriptor) => {
    const reader = new LineReader(descriptor, part.piecesPosition, limits.lineBytes);
    let index = -1;
    let filled = 0;
    let target: Buffer | undefined;
    // Moves to the next section that has bytes; the empty ones have no pieces.
    const advance = () => {
      index++;
      while (index < sections.length && sections[index].bytes === 0) index++;
      filled = 0;
      target =
        index < sections.length && !sections[index].text
          ? Buffer.from((buffers[index] = new ArrayBuffer(sections[index].bytes)))
          : undefined;
    };
    advance();
    // The line before (its bytes are gone once the next is read): where, and its last byte.
    let last: { position: number; comma: boolean } | undefined;
    for (;;) {
      const line = nextLine(reader, refuse);
      if (line === undefined || !line.terminated)
        throw refuse(
          index < sections.length
            ? `it ends inside section ${index} of ${sections.length}: the file was cut`
            : `it ends without its closing ${CHUNKS_CLOSE}: the file was cut`,
        );
      const { bytes } = line;
      if (isChunksClose(bytes)) {
        if (index < sections.length)
          throw refuse(`its pieces end inside section ${index} of ${sections.length}`);
        if (last?.comma) throw refuse('its last piece is followed by a comma');
        break;
      }
      if (last !== undefined && !last.comma)
        throw refuse(`the piece at byte ${last.position} is not followed by a comma`);
      const comma = bytes.at(-1) === COMMA;
      last = { position: line.position, comma };
      const body = comma ? bytes.subarray(0, -1) : bytes;
      // A column's piece as report --shard writes it is decoded straight from the line's
      // bytes; any other line is read as JSON, and refused as before when it is not so.
      const decoded =
        target !== undefined && index < sections.length
          ? decodeBase64Piece(body, target, filled, sections[index].bytes - filled)
          : -1;
      const texts = target === undefined && decoded < 0 ? textWindows(body) : undefined;
      if (decoded >= 0) filled += decoded;
      else if (texts !== undefined) {
        if (index >= sections.length)
          throw refuse(`it has more pieces than its ${sections.length} sections`);
        const section = sections[index];
        let pieceBytes = 0;
        for (const text of texts) pieceBytes += Buffer.byteLength(text, 'utf8');
        if (filled + pieceBytes > section.bytes)
          throw refuse(`section ${index} holds more than its ${section.bytes} bytes`);
        for (const text of texts) onText(scenarioOf.get(section.section) as number, text);
        filled += pieceBytes;
      } else {
        const piece = parseJson(body.toString('utf8'));
        if (typeof piece !== 'string')
          throw refuse(`the line at byte ${line.position} is not a JSON string`);
        if (index >= sections.length)
          throw refuse(`it has more pieces than its ${sections.length} sections`);
        const section = sections[index];
        if (target !== undefined) {
          const pieceBytes = Buffer.from(piece, 'base64');
          if (pieceBytes.length !== base64Bytes(piece))
            throw refuse(`the piece at byte ${line.position} of section ${index} is not base64`);
          if (filled + pieceBytes.length > section.bytes)
            throw refuse(`section ${index} holds more than its ${section.bytes} bytes`);
          target.set(pieceBytes, filled);
          filled += pieceBytes.length;
        } else {
          const pieceBytes = Buffer.byteLength(piece, 'utf8');
          if (filled + pieceBytes > section.bytes)
            throw refuse(`section ${index} holds more than its ${section.bytes} bytes`);
          onText(scenarioOf.get(section.section) as number, piece);
          filled += pieceBytes;
        }
      }
      if (filled === sections[index].bytes) advance();
    }
    if (reader.next() !== undefined) throw refuse(`it goes on after its closing ${CHUNKS_CLOSE}`);
    return buffers;
  });
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const EQUALS = 0x3d;

/** The line `]}`, compared as bytes. */
const isChunksClose = (bytes: Buffer) =>
  bytes.length === 2 && bytes[0] === 0x5d && bytes[1] === 0x7d;

const BACKSLASH = 0x5c;
const LETTER_U = 0x75;

/**
 * A text piece (attempt rows) of ASCII bytes read as JSON a window at a time: the strings it
 * holds, in order, which together are what JSON.parse gives for the whole line. A string of a
 * whole line (a megabyte and more) is a large object to V8, mapped and unmapped for each line;
 * a window's is not. Each window ends before an escape (never inside one, nor between the two
 * halves of a `\u` surrogate pair), and a window that is not JSON's gives undefined: the line
 * is then read whole as before, and refused as before when it is not a JSON string. A line
 * that is not ASCII is left whole too.
 */
export function textWindows(body: Buffer, window: number = TEXT_WINDOW): string[] | undefined {
  const close = body.length - 1;
  if (body.length <= window || body[0] !== QUOTE || body[close] !== QUOTE || !isAscii(body))
    return undefined;
  const texts: string[] = [];
  for (let start = 1; start < close; ) {
    let end = Math.min(close, start + window);
    if (end < close) end = cutBefore(body, start, end);
    if (end < 0) return undefined;
    const text = parseJson(`"${body.toString('latin1', start, end)}"`);
    if (typeof text !== 'string') return undefined;
    texts.push(text);
    start = end;
  }
  return texts;
}

/**
 * Where in (start, end] a window of JSON string text may end: at `end` when no escape starts
 * in the window, else at the start of the last run of backslashes whose escape is not `\u`;
 * -1 when there is none.
 */
function cutBefore(body: Buffer, start: number, end: number): number {
  let at = body.lastIndexOf(BACKSLASH, end - 1);
  if (at < start) return end;
  while (at > start) {
    let run = at;
    while (run > start && body[run - 1] === BACKSLASH) run--;
    if (run > start && body[run + 1] !== LETTER_U) return run;
    at = run > start ? body.lastIndexOf(BACKSLASH, run - 1) : -1;
    if (at < start) return -1;
  }
  return -1;
}

/** UTF-16 units of text read as JSON at once: below V8's large objects. */
const TEXT_WINDOW = 1 << 16;

/** Base64 characters decoded at once: a short string, so the pieces make no large garbage. */
const BASE64_WINDOW = 1 << 16;

/**
 * Decodes a piece written as report --shard writes a column's (a JSON string of base64 text:
 * a quote, whole groups of four base64 characters with `=` only as padding at the end, a
 * quote) into `target` at `at`, and returns the bytes it holds; -1, with nothing promised of
 * `target` past `at`, for any other line or one that would hold more than `room` bytes, which
 * the caller then reads as JSON. Base64 characters are the same in JSON, and Buffer's decoder
 * skips a character that is not base64, so a piece with one decodes to fewer bytes than its
 * length says and is left to the caller.
 */
export function decodeBase64Piece(body: Buffer, target: Buffer, at: number, room: number): number {
  const close = body.length - 1;
  if (close < 1 || body[0] !== QUOTE || body[close] !== QUOTE) return -1;
  const characters = close - 1;
  if (characters % 4 !== 0) return -1;
  const equals = body.indexOf(EQUALS, 1);
  if (equals >= 0 && equals < close - 2) return -1;
  const padding = body[close - 1] === EQUALS ? (body[close - 2] === EQUALS ? 2 : 1) : 0;
  const bytes = (characters / 4) * 3 - padding;
  if (bytes > room) return -1;
  let written = 0;
  for (let start = 1; start < close; start += BASE64_WINDOW) {
    const text = body.toString('latin1', start, Math.min(close, start + BASE64_WINDOW));
    written += target.write(text, at + written, 'base64');
  }
  return written === bytes ? bytes : -1;
}

/**
 * The bytes whole base64 text of this length decodes to; Buffer.from skips a character that
 * is not base64, so a piece with one decodes to fewer and is caught.
 */
function base64Bytes(text: string): number {
  if (text.length % 4 !== 0) return -1;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

function nextLine(reader: LineReader, refuse: (problem: string) => InputError): Line | undefined {
  try {
    return reader.next();
  } catch (error) {
    if (!(error instanceof LineTooLongError)) throw error;
    throw refuse(
      `the line at byte ${error.position} is longer than ${error.maxBytes} bytes, the most merge reads of a piece`,
    );
  }
}

/** Runs `read` on the open file; a file that cannot be read is an input error naming it. */
function withPartFile<T>(file: string, read: (descriptor: number, size: number) => T): T {
  let descriptor: number;
  let size: number;
  try {
    descriptor = fs.openSync(file, 'r');
  } catch (error) {
    throw cannotRead(file, error);
  }
  try {
    try {
      size = fs.fstatSync(descriptor).size;
    } catch (error) {
      throw cannotRead(file, error);
    }
    return read(descriptor, size);
  } catch (error) {
    // A directory opens, and fails at the first read.
    if (error instanceof Error && (error as NodeJS.ErrnoException).code !== undefined)
      throw cannotRead(file, error);
    throw error;
  } finally {
    fs.closeSync(descriptor);
  }
}

function cannotRead(file: string, error: unknown): InputError {
  // A directory is most likely the --out of the shards: name the files in it instead.
  const hint =
    (error as NodeJS.ErrnoException).code === 'EISDIR'
      ? `; name the part-I-of-N.json files in it (${file}/part-*.json)`
      : '';
  return new InputError({
    severity: 'error',
    message: `merge: cannot read ${file}: ${describeFileSystemError(error)}${hint}`,
  });
}
