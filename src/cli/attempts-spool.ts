// The per-attempt CSV rows of a report, written to a temporary file as each chunk of seeds
// finishes and read back in pieces when the report is written: a million seeds make about a
// gigabyte of them, which must never be one string in memory. Rows may be filed under a key
// (a scenario's index, for a shard's part or a merge), so that one file serves every scenario
// however their chunks arrive, and each scenario's rows read back in the order written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PIECE_BYTES = 1 << 20;

export interface AttemptsSpool {
  write(text: string, key?: number): void;
  /** The text written (under `key`, or all of it), in pieces of at most a megabyte. */
  pieces(key?: number): Iterable<string>;
  /** The same as UTF-8 bytes, as written: for a file, with nothing to decode or encode. */
  bytes(key?: number): Iterable<Uint8Array>;
  /** The UTF-8 bytes written under `key`. */
  byteLength(key: number): number;
  /** Removes the temporary file; safe to call more than once. */
  dispose(): void;
}

interface Segment {
  key: number;
  position: number;
  bytes: number;
}

export function openAttemptsSpool(): AttemptsSpool {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-attempts-'));
  const file = path.join(directory, 'attempts.csv');
  const descriptor = fs.openSync(file, 'w+');
  const segments: Segment[] = [];
  let end = 0;
  let open = true;
  return {
    write(text, key = 0) {
      if (text.length === 0) return;
      const bytes = fs.writeSync(descriptor, text, end, 'utf8');
      const last = segments.at(-1);
      // Consecutive writes under one key are one segment, so reading back stays sequential.
      if (last?.key === key) last.bytes += bytes;
      else segments.push({ key, position: end, bytes });
      end += bytes;
    },
    *pieces(key) {
      for (const segment of segments)
        if (key === undefined || segment.key === key)
          yield* readPieces(descriptor, segment.position, segment.bytes);
    },
    *bytes(key) {
      for (const segment of segments)
        if (key === undefined || segment.key === key)
          yield* readBytes(descriptor, segment.position, segment.bytes);
    },
    byteLength(key) {
      return segments
        .filter((segment) => segment.key === key)
        .reduce((sum, segment) => sum + segment.bytes, 0);
    },
    dispose() {
      if (!open) return;
      open = false;
      fs.closeSync(descriptor);
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** `bytes` bytes of the file from `start`, in pieces (each a buffer of its own). */
function* readBytes(descriptor: number, start: number, bytes: number): Generator<Uint8Array> {
  const end = start + bytes;
  for (let position = start; position < end; ) {
    const buffer = Buffer.allocUnsafe(Math.min(PIECE_BYTES, end - position));
    const read = fs.readSync(descriptor, buffer, 0, buffer.length, position);
    if (read === 0) break;
    position += read;
    yield buffer.subarray(0, read);
  }
}

/** `bytes` bytes of the file from `start`, as text in pieces of whole characters. */
function* readPieces(descriptor: number, start: number, bytes: number): Generator<string> {
  const buffer = Buffer.alloc(PIECE_BYTES);
  let position = start;
  const end = start + bytes;
  // A piece may end inside a multi-byte character: carry the incomplete bytes over.
  let carry = Buffer.alloc(0);
  while (position < end) {
    const read = fs.readSync(
      descriptor,
      buffer,
      0,
      Math.min(PIECE_BYTES, end - position),
      position,
    );
    if (read === 0) break;
    position += read;
    const whole = Buffer.concat([carry, buffer.subarray(0, read)]);
    const cut = completeUtf8Length(whole);
    carry = Buffer.from(whole.subarray(cut));
    yield whole.subarray(0, cut).toString('utf8');
  }
  if (carry.length > 0) yield carry.toString('utf8');
}

/** The length of `bytes` up to the last whole UTF-8 character. */
function completeUtf8Length(bytes: Buffer): number {
  let start = bytes.length - 1;
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last character.
  while (start >= 0 && start > bytes.length - 4 && (bytes[start] & 0xc0) === 0x80) start--;
  if (start < 0) return bytes.length;
  const lead = bytes[start];
  const size = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + size <= bytes.length ? bytes.length : start;
}
