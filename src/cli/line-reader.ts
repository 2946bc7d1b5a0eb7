// Lines of a file read from a position in blocks, each line at most a given number of bytes:
// a part file runs to gigabytes, so it is read a line at a time and no line, however the file
// was made or edited, becomes a string longer than the bound. The block and the buffer a line
// that crosses blocks is put together in are kept from line to line, so reading a file makes
// no garbage: a line's bytes are a view, good until the next line is read.
import fs from 'node:fs';

const BLOCK_BYTES = 1 << 22;

export interface Line {
  /** The line's bytes, without its newline: valid until the reader's next call. */
  bytes: Buffer;
  /** Where the line starts in the file. */
  position: number;
  /** False for a last line that the file ends inside (no newline after it). */
  terminated: boolean;
}

/** A line past `maxBytes`: the bytes before the bound are kept so the caller can say more. */
export class LineTooLongError extends Error {
  constructor(
    readonly position: number,
    readonly maxBytes: number,
    readonly start: Buffer,
  ) {
    super(`the line at byte ${position} is longer than ${maxBytes} bytes`);
    this.name = 'LineTooLongError';
  }
}

export class LineReader {
  private block: Buffer;
  private blockLength = 0;
  private blockStart: number;
  private offset = 0;
  /** Where a line that crosses blocks is put together; grown as such lines need. */
  private joined = Buffer.alloc(0);

  constructor(
    private readonly descriptor: number,
    position: number,
    private maxBytes: number,
    blockBytes: number = BLOCK_BYTES,
  ) {
    this.blockStart = position;
    this.block = Buffer.allocUnsafe(blockBytes);
  }

  /** Where the next line starts. */
  get position(): number {
    return this.blockStart + this.offset;
  }

  /** Bounds the lines read from now on. */
  limit(maxBytes: number): void {
    this.maxBytes = maxBytes;
  }

  /** The next line, or undefined at the end of the file. */
  next(): Line | undefined {
    const position = this.position;
    let length = 0;
    for (;;) {
      if (this.offset >= this.blockLength && !this.fill()) {
        if (length === 0) return undefined;
        return { bytes: this.joined.subarray(0, length), position, terminated: false };
      }
      const newline = this.block.subarray(0, this.blockLength).indexOf(10, this.offset);
      const end = newline < 0 ? this.blockLength : newline;
      const piece = this.block.subarray(this.offset, end);
      if (length + piece.length > this.maxBytes) {
        const start = Buffer.alloc(this.maxBytes);
        this.joined.copy(start, 0, 0, length);
        piece.copy(start, length, 0, this.maxBytes - length);
        throw new LineTooLongError(position, this.maxBytes, start);
      }
      this.offset = newline >= 0 ? newline + 1 : end;
      // A whole line within the block is a view of it; one that crosses blocks is copied.
      if (newline >= 0 && length === 0) return { bytes: piece, position, terminated: true };
      this.join(piece, length);
      length += piece.length;
      if (newline >= 0)
        return { bytes: this.joined.subarray(0, length), position, terminated: true };
    }
  }

  /** Copies `piece` into the joined line at `at`, growing it as needed. */
  private join(piece: Buffer, at: number): void {
    if (at + piece.length > this.joined.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.joined.length, at + piece.length));
      this.joined.copy(grown, 0, 0, at);
      this.joined = grown;
    }
    piece.copy(this.joined, at);
  }

  /** Reads the next block; false at the end of the file. */
  private fill(): boolean {
    this.blockStart += this.blockLength;
    this.offset = 0;
    this.blockLength = fs.readSync(
      this.descriptor,
      this.block,
      0,
      this.block.length,
      this.blockStart,
    );
    return this.blockLength > 0;
  }
}
