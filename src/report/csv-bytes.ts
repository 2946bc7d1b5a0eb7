// CSV lines written straight into a buffer, byte for byte as csv-stringify writes the same
// records with its default options: a number's cell is its text (whole numbers written digit
// by digit), a string's cell is quoted and escaped by csv-stringify itself, once per distinct
// string (names, statuses and reasons recur on every seed). csv-stringify's per-row work (a
// cast and a quoting test per cell, arrays per row and cell), and then strings built a cell at
// a time, were most of the time a large CSV took, much of it the garbage collector's.
import { stringify } from './csv-package.js';

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const MINUS = 0x2d;
const ZERO = 0x30;
const SEMICOLON = 0x3b;

/** A cell of a record: a string, a number, or a list of numbers. */
export type CsvCell = string | number | readonly number[];

export class CsvBytes {
  protected bytes: Buffer;
  protected length = 0;
  private readonly digits = new Uint8Array(20);

  constructor(initialBytes = 1 << 16) {
    this.bytes = Buffer.allocUnsafe(initialBytes);
  }

  /** Bytes written since the last take. */
  get size(): number {
    return this.length;
  }

  /**
   * One record of cells, its newline included: a list of numbers is one cell, its values
   * joined with `;` (as `list.join(';')` is written: it never needs quotes).
   */
  record(cells: readonly CsvCell[]): void {
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index];
      if (index > 0) this.comma();
      if (typeof cell === 'number') this.write(cell);
      else if (typeof cell === 'string') this.cell(cellBytes(cell));
      else if (Array.isArray(cell)) this.list(cell);
      // Another type (a type the signature does not allow) is cast as csv-stringify casts it.
      else this.cell(cellBytes(stringify([[cell]]).slice(0, -1), false));
    }
    this.newline();
  }

  private list(values: readonly number[]): void {
    for (let index = 0; index < values.length; index++) {
      if (index > 0) {
        this.room(1);
        this.bytes[this.length++] = SEMICOLON;
      }
      this.write(values[index]);
    }
  }

  /** The bytes written so far, handed over: the writer goes on in a new buffer. */
  take(): Buffer {
    const taken = this.bytes.subarray(0, this.length);
    this.bytes = Buffer.allocUnsafe(this.bytes.length);
    this.length = 0;
    return taken;
  }

  /** Everything written, as text. */
  text(): string {
    return this.bytes.toString('utf8', 0, this.length);
  }

  /** A cell's bytes as they are. */
  protected cell(cell: Uint8Array): void {
    this.room(cell.length + 1);
    this.bytes.set(cell, this.length);
    this.length += cell.length;
  }

  /** A cell's bytes and one byte after them (a comma, a newline). */
  protected cellThen(cell: Uint8Array, byte: number): void {
    this.room(cell.length + 1);
    this.bytes.set(cell, this.length);
    this.length += cell.length;
    this.bytes[this.length++] = byte;
  }

  protected comma(): void {
    this.room(1);
    this.bytes[this.length++] = COMMA;
  }

  protected newline(): void {
    this.room(1);
    this.bytes[this.length++] = NEWLINE;
  }

  /**
   * `${value}`, as csv-stringify casts a number: a whole number's digits written directly. It
   * leaves room for one byte after it.
   */
  protected write(value: number): void {
    if (!Number.isSafeInteger(value)) {
      const text = `${value}`;
      this.room(text.length + 2);
      this.length += this.bytes.write(text, this.length, 'latin1');
      return;
    }
    // A sign, at most 16 digits, and the comma or newline after them.
    this.room(18);
    // -0 is written 0, as its text is.
    let rest = value;
    if (rest < 0) {
      this.bytes[this.length++] = MINUS;
      rest = -rest;
    }
    let count = 0;
    // Below 2^31 (every time of a run under 24 days) the digits come by integer division.
    for (; rest >= 2 ** 31; rest = Math.floor(rest / 10)) this.digits[count++] = ZERO + (rest % 10);
    let small = rest | 0;
    do {
      const tenth = (small / 10) | 0;
      this.digits[count++] = ZERO + small - tenth * 10;
      small = tenth;
    } while (small > 0);
    while (count > 0) this.bytes[this.length++] = this.digits[--count];
  }

  /** At least `bytes` free after the end. */
  protected room(bytes: number): void {
    if (this.length + bytes <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + bytes));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}

/** Distinct strings kept at most; past it the cache starts again (a bound names never reach). */
const MAX_CELLS = 10_000;
const cells = new Map<string, Uint8Array>();

/**
 * `text` as csv-stringify writes it as a cell (quoted and escaped when it must be), in UTF-8;
 * `quote` false takes `text` as a cell already.
 */
export function cellBytes(text: string, quote = true): Uint8Array {
  if (!quote) return Buffer.from(text, 'utf8');
  let cell = cells.get(text);
  if (cell === undefined) {
    if (cells.size >= MAX_CELLS) cells.clear();
    // One record of one cell, less the record delimiter after it.
    cell = Buffer.from(stringify([[text]]).slice(0, -1), 'utf8');
    cells.set(text, cell);
  }
  return cell;
}
