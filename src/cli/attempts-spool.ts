// The per-attempt CSV rows of a report, written to a temporary file as each chunk of seeds
// finishes and read back in pieces when the report is written: a million seeds make about a
// gigabyte of them, which must never be one string in memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PIECE_BYTES = 1 << 20;

export interface AttemptsSpool {
  write(text: string): void;
  /** The text written, in pieces of at most a megabyte. */
  pieces(): Iterable<string>;
  /** Removes the temporary file; safe to call more than once. */
  dispose(): void;
}

export function openAttemptsSpool(): AttemptsSpool {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-attempts-'));
  const file = path.join(directory, 'attempts.csv');
  const descriptor = fs.openSync(file, 'w+');
  let open = true;
  return {
    write(text) {
      fs.writeSync(descriptor, text);
    },
    *pieces() {
      const buffer = Buffer.alloc(PIECE_BYTES);
      let position = 0;
      // A piece may end inside a multi-byte character: carry the incomplete bytes over.
      let carry = Buffer.alloc(0);
      for (;;) {
        const read = fs.readSync(descriptor, buffer, 0, PIECE_BYTES, position);
        if (read === 0) break;
        position += read;
        const bytes = Buffer.concat([carry, buffer.subarray(0, read)]);
        const end = completeUtf8Length(bytes);
        carry = Buffer.from(bytes.subarray(end));
        yield bytes.subarray(0, end).toString('utf8');
      }
      if (carry.length > 0) yield carry.toString('utf8');
    },
    dispose() {
      if (!open) return;
      open = false;
      fs.closeSync(descriptor);
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
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
