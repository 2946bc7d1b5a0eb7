// Lines of a file read from a position in blocks, each line at most a given number of bytes:
// a part file runs to gigabytes, so it is read a line at a time and no line, however the file
// was made or edited, becomes a string longer than the bound.
import fs from 'node:fs';

const BLOCK_BYTES = 1 << 20;

export interface Line {
  /** The line's bytes, without its newline. */
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
  private block = Buffer.alloc(0);
  private blockStart: number;
  private offset = 0;

  constructor(
    private readonly descriptor: number,
    position: number,
    private maxBytes: number,
  ) {
    this.blockStart = position;
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
    const pieces: Buffer[] = [];
    let length = 0;
    for (;;) {
      if (this.offset >= this.block.length && !this.fill()) {
        if (length === 0) return undefined;
        return { bytes: Buffer.concat(pieces, length), position, terminated: false };
      }
      const newline = this.block.indexOf(10, this.offset);
      const end = newline < 0 ? this.block.length : newline;
      const piece = this.block.subarray(this.offset, end);
      if (length + piece.length > this.maxBytes)
        throw new LineTooLongError(
          position,
          this.maxBytes,
          Buffer.concat([...pieces, piece]).subarray(0, this.maxBytes),
        );
      pieces.push(piece);
      length += piece.length;
      this.offset = end;
      if (newline >= 0) {
        this.offset = newline + 1;
        return { bytes: Buffer.concat(pieces, length), position, terminated: true };
      }
    }
  }

  /** Reads the next block; false at the end of the file. */
  private fill(): boolean {
    this.blockStart += this.block.length;
    this.offset = 0;
    // A fresh block each time: the lines handed out may still point into the last one.
    this.block = Buffer.allocUnsafe(BLOCK_BYTES);
    const read = fs.readSync(this.descriptor, this.block, 0, BLOCK_BYTES, this.blockStart);
    this.block = this.block.subarray(0, read);
    return read > 0;
  }
}
