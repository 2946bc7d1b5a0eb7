// A column of numbers, one per row, kept in the narrowest typed array that holds every value
// exactly: most per-run figures are small whole numbers (codes, attempts, zero latencies) or
// whole milliseconds, so a million rows cost a few megabytes rather than the 8 bytes a row of
// a Float64Array (or about 30 of a JavaScript array of objects) would. A value that does not
// fit widens the column (Uint8 → Uint16 → Int32 → Float64); growth doubles the capacity. Each
// width keeps one value as "absent" (NaN in Float64), so a column needs no separate mask; a
// NaN a run really measured reads back as absent, which every reader already skips.

import {
  countingSort,
  presentFloat64,
  presentInt32,
  rankedInt32,
  rankedSorted,
  rankedUint8,
  rankedUint16,
  type RankedValues,
  type RowMask,
  sortInt32,
} from './sorted-values.js';
import { sortFloat64 } from './float-sort.js';

export type ColumnArray = Uint8Array | Uint16Array | Int32Array | Float64Array;

interface Width {
  name: 'u8' | 'u16' | 'i32' | 'f64';
  make(length: number): ColumnArray;
  wrap(buffer: ArrayBuffer, length: number): ColumnArray;
  absent: number;
  fits(value: number): boolean;
}

const isWhole = (value: number) => Number.isInteger(value) && !Object.is(value, -0);

const WIDTHS: readonly Width[] = [
  {
    name: 'u8',
    make: (length) => new Uint8Array(length),
    wrap: (buffer, length) => new Uint8Array(buffer, 0, length),
    absent: 0xff,
    fits: (value) => isWhole(value) && value >= 0 && value < 0xff,
  },
  {
    name: 'u16',
    make: (length) => new Uint16Array(length),
    wrap: (buffer, length) => new Uint16Array(buffer, 0, length),
    absent: 0xffff,
    fits: (value) => isWhole(value) && value >= 0 && value < 0xffff,
  },
  {
    name: 'i32',
    make: (length) => new Int32Array(length),
    wrap: (buffer, length) => new Int32Array(buffer, 0, length),
    absent: -0x80000000,
    fits: (value) => isWhole(value) && value > -0x80000000 && value <= 0x7fffffff,
  },
  {
    name: 'f64',
    make: (length) => new Float64Array(length),
    wrap: (buffer, length) => new Float64Array(buffer, 0, length),
    absent: Number.NaN,
    fits: () => true,
  },
];

export type WidthName = Width['name'];

/**
 * WIDTHS[width].fits(value) for a value that is not NaN, without the call: the store sets a
 * dozen values per seed and task, so this is on the path of every seed.
 */
function fitsWidth(width: number, value: number): boolean {
  if (width === 3) return true;
  // A whole number in int32 range that is not -0; wider whole numbers fit only Float64.
  if ((value | 0) !== value || (value === 0 && 1 / value < 0)) return false;
  if (width === 0) return value >= 0 && value < 0xff;
  if (width === 1) return value >= 0 && value < 0xffff;
  return value > -0x80000000;
}

/** storeFitting's answer when a value does not fit the column's width. */
const MISFIT = -2;

// setMany's one pass, written once per array type so that each loop stores into one kind of
// typed array with its bounds as constants (one loop for all three dispatched on the array's
// type and unboxed its bounds at every value). Each stores `values` into `data` from `first`,
// NaN skipped, while each is a whole number that fits the width and is not -0, and returns
// the last index stored, -1 for none, or MISFIT at the first value that does not fit (the
// values before it are stored, and fit, so widening keeps them).

function storeUint8(data: Uint8Array, first: number, values: Float64Array): number {
  const length = values.length;
  let last = -1;
  for (let at = 0; at < length; at++) {
    const value = values[at];
    if (Number.isNaN(value)) continue;
    if ((value | 0) !== value || value < 0 || value >= 0xff || (value === 0 && 1 / value < 0))
      return MISFIT;
    data[first + at] = value;
    last = at;
  }
  return last;
}

function storeUint16(data: Uint16Array, first: number, values: Float64Array): number {
  const length = values.length;
  let last = -1;
  for (let at = 0; at < length; at++) {
    const value = values[at];
    if (Number.isNaN(value)) continue;
    if ((value | 0) !== value || value < 0 || value >= 0xffff || (value === 0 && 1 / value < 0))
      return MISFIT;
    data[first + at] = value;
    last = at;
  }
  return last;
}

function storeInt32(data: Int32Array, first: number, values: Float64Array): number {
  const length = values.length;
  let last = -1;
  for (let at = 0; at < length; at++) {
    const value = values[at];
    if (Number.isNaN(value)) continue;
    // A whole number in int32 range (value | 0 keeps it) but the least, which is absent.
    if ((value | 0) !== value || value === -0x80000000 || (value === 0 && 1 / value < 0))
      return MISFIT;
    data[first + at] = value;
    last = at;
  }
  return last;
}

/** `values` into a Float64Array from `first`, NaN skipped: the last index stored, or -1. */
function storeFloat(data: Float64Array, first: number, values: Float64Array): number {
  let last = -1;
  for (let at = 0; at < values.length; at++) {
    const value = values[at];
    if (Number.isNaN(value)) continue;
    data[first + at] = value;
    last = at;
  }
  return last;
}

/** A column as plain data: its width, its length and its values' bytes (exactly `length` values). */
export interface ColumnData {
  width: WidthName;
  length: number;
  buffer: ArrayBuffer;
}

export class NumberColumn {
  private width = 0;
  private data: ColumnArray;
  /** Rows held; rows past it read as absent. */
  length = 0;

  constructor(capacity = 16) {
    this.data = WIDTHS[0].make(Math.max(1, capacity));
    this.data.fill(WIDTHS[0].absent);
  }

  /** The value at `index`, or NaN when it is absent. */
  get(index: number): number {
    if (index >= this.length) return Number.NaN;
    const value = this.data[index];
    return value === WIDTHS[this.width].absent ? Number.NaN : value;
  }

  has(index: number): boolean {
    return !Number.isNaN(this.get(index));
  }

  /** Sets row `index` (at or after the last row set), leaving the rows skipped absent. */
  set(index: number, value: number | undefined): void {
    if (index >= this.data.length) this.grow(index + 1);
    if (value !== undefined && !Number.isNaN(value)) {
      if (!fitsWidth(this.width, value)) {
        let width = this.width;
        while (!WIDTHS[width].fits(value)) width++;
        this.widen(width);
      }
      this.data[index] = value;
    }
    if (index >= this.length) this.length = index + 1;
  }

  /**
   * Rows first, first + 1, ... set from `values` as set() would set them one by one, except
   * that a NaN stands for a row not set at all (left as it was, the length not moved past it).
   * One pass finds the width, so a block of rows costs a store each, not a call each.
   */
  setMany(first: number, values: Float64Array): void {
    // The usual block fits the column as it is, in rows it already has: one pass stores it.
    if (first + values.length <= this.data.length) {
      const last = this.storeFitting(first, values);
      if (last !== MISFIT) {
        if (last >= 0 && first + last + 1 > this.length) this.length = first + last + 1;
        return;
      }
    }
    let width = this.width;
    let last = -1;
    let gaps = false;
    for (let at = 0; at < values.length; at++) {
      const value = values[at];
      if (Number.isNaN(value)) {
        gaps = true;
        continue;
      }
      last = at;
      if (!fitsWidth(width, value)) while (!WIDTHS[width].fits(value)) width++;
    }
    if (last < 0) return;
    const end = first + last + 1;
    if (end > this.data.length) this.grow(end);
    if (width !== this.width) this.widen(width);
    const data = this.data;
    // Every value fits the width, so the platform's copy converts them exactly.
    if (!gaps) data.set(values, first);
    else
      for (let at = 0; at <= last; at++) {
        const value = values[at];
        if (!Number.isNaN(value)) data[first + at] = value;
      }
    if (end > this.length) this.length = end;
  }

  /**
   * setMany's one pass: each value stored unless NaN, in a loop over the column's own array
   * type; the last index stored (-1 for none), or MISFIT at the first value that needs a wider
   * column (the values before it are stored, and fit, so widening keeps them).
   */
  private storeFitting(first: number, values: Float64Array): number {
    const data = this.data;
    switch (this.width) {
      case 0:
        return storeUint8(data as Uint8Array, first, values);
      case 1:
        return storeUint16(data as Uint16Array, first, values);
      case 2:
        return storeInt32(data as Int32Array, first, values);
      default:
        return storeFloat(data as Float64Array, first, values);
    }
  }

  /** Rows first .. first + count - 1 set to `value`, as setMany with that many copies sets them. */
  fillMany(first: number, count: number, value: number): void {
    if (count <= 0 || Number.isNaN(value)) return;
    let width = this.width;
    if (!fitsWidth(width, value)) while (!WIDTHS[width].fits(value)) width++;
    const end = first + count;
    if (end > this.data.length) this.grow(end);
    if (width !== this.width) this.widen(width);
    this.data.fill(value, first, end);
    if (end > this.length) this.length = end;
  }

  push(value: number | undefined): void {
    this.set(this.length, value);
  }

  /** Appends every row of `other` after this column's `rows` rows. */
  append(other: NumberColumn, rows: number): void {
    if (other.width > this.width) this.widen(other.width);
    const total = rows + other.length;
    if (total > this.data.length) this.grow(total);
    if (other.width === this.width) {
      this.data.set(other.data.subarray(0, other.length), rows);
    } else {
      for (let index = 0; index < other.length; index++) {
        const value = other.get(index);
        this.data[rows + index] = Number.isNaN(value) ? WIDTHS[this.width].absent : value;
      }
    }
    this.length = Math.max(this.length, total);
  }

  /** A copy with every present value passed through `map` (codes translated, ends moved along). */
  mapped(map: (value: number) => number): NumberColumn {
    const copy = new NumberColumn(this.length);
    const data = this.data;
    const absent = WIDTHS[this.width].absent;
    const float = this.width === 3;
    for (let index = 0; index < this.length; index++) {
      const value = data[index];
      const missing = float ? Number.isNaN(value) : value === absent;
      copy.set(index, missing ? undefined : map(value));
    }
    return copy;
  }

  /**
   * String codes translated by `codes` (StringTable.absorb's answer): this column itself when
   * every code stays as it is, as it does when both tables met the same strings in the same order.
   */
  translated(codes: readonly number[]): NumberColumn {
    let same = true;
    for (let code = 0; code < codes.length && same; code++) same = codes[code] === code;
    return same ? this : this.mapped((code) => codes[code]);
  }

  /**
   * Adds one to counts[value] for each row in [start, end) whose value is present, and to the
   * last slot of `counts` for each absent row: every present value must be a whole number below
   * counts.length - 1 (a string code, a set of bits). A summary counts a column of a million
   * rows this way in one loop over its array, rather than a get() call per row.
   */
  tally(counts: Float64Array, start = 0, end = this.length): void {
    const data = this.data;
    const absentSlot = counts.length - 1;
    const stored = Math.min(end, this.length);
    if (this.width === 3)
      for (let row = start; row < stored; row++) {
        const value = data[row];
        counts[Number.isNaN(value) ? absentSlot : value]++;
      }
    else {
      const absent = WIDTHS[this.width].absent;
      for (let row = start; row < stored; row++) {
        const value = data[row];
        counts[value === absent ? absentSlot : value]++;
      }
    }
    if (end > stored) counts[absentSlot] += end - Math.max(start, stored);
  }

  /**
   * The rows below `end` whose value is present and equal to the row before's, row 0 compared
   * with `before`: for a column of where each seed's rows end, the seeds that have none.
   */
  repeatedRows(before: number, end = this.length): number[] {
    const data = this.data;
    const absent = WIDTHS[this.width].absent;
    const stored = Math.min(end, this.length);
    const repeated: number[] = [];
    if (stored > 0 && this.get(0) === before) repeated.push(0);
    // A Float64 column's absent value, NaN, equals nothing; an integer width's is skipped.
    for (let row = 1; row < stored; row++) {
      const value = data[row];
      if (value === data[row - 1] && value !== absent) repeated.push(row);
    }
    return repeated;
  }

  /** The present values of the rows `keep` keeps (all rows without it), sorted ascending. */
  sortedValues(keep?: RowMask, finiteOnly = true): ColumnArray {
    const width = this.width;
    const data = this.data.subarray(0, this.length);
    // Whole numbers sort in linear time (their order is unique, so any exact sort is the same).
    if (width <= 1)
      return countingSort(data as Uint8Array | Uint16Array, WIDTHS[width].absent, keep);
    if (width === 2) return sortInt32(presentInt32(data as Int32Array, keep));
    return sortFloat64(presentFloat64(data as Float64Array, keep, finiteOnly));
  }

  /**
   * The present (and with finiteOnly, finite) values of every row as sortedValues() orders
   * them, read by rank: whole numbers are counted rather than laid out in order.
   */
  ranked(finiteOnly = true): RankedValues {
    const width = this.width;
    const data = this.data.subarray(0, this.length);
    if (width === 0) return rankedUint8(data as Uint8Array);
    if (width === 1) return rankedUint16(data as Uint16Array);
    if (width === 2) return rankedInt32(data as Int32Array);
    return rankedSorted(sortFloat64(presentFloat64(data as Float64Array, undefined, finiteOnly)));
  }

  /**
   * Makes room for `rows` rows at once: a store that knows how many seeds are coming sizes its
   * columns once rather than doubling its way there (which can leave half a column unused).
   */
  reserve(rows: number): void {
    if (rows <= this.data.length) return;
    const grown = WIDTHS[this.width].make(rows);
    grown.set(this.data);
    grown.fill(WIDTHS[this.width].absent, this.data.length);
    this.data = grown;
  }

  /** Reserves room for this column's rows so far times `factor`. */
  reserveScaled(factor: number): void {
    this.reserve(Math.ceil(this.length * factor));
  }

  /** Bytes held, capacity included. */
  bytes(): number {
    return this.data.byteLength;
  }

  toData(): ColumnData {
    const exact = this.data.slice(0, this.length);
    return { width: WIDTHS[this.width].name, length: this.length, buffer: exact.buffer };
  }

  static fromData(data: ColumnData): NumberColumn {
    const column = new NumberColumn(0);
    column.width = WIDTHS.findIndex((width) => width.name === data.width);
    if (column.width < 0) throw new Error(`column: unknown width ${data.width}`);
    column.data = WIDTHS[column.width].wrap(data.buffer, data.length);
    column.length = data.length;
    return column;
  }

  private grow(minimum: number): void {
    let capacity = Math.max(16, this.data.length);
    while (capacity < minimum) capacity *= 2;
    const grown = WIDTHS[this.width].make(capacity);
    grown.set(this.data);
    grown.fill(WIDTHS[this.width].absent, this.data.length);
    this.data = grown;
  }

  private widen(width: number): void {
    const wider = WIDTHS[width].make(this.data.length);
    const oldAbsent = WIDTHS[this.width].absent;
    for (let index = 0; index < this.data.length; index++) {
      const value = this.data[index];
      wider[index] = value === oldAbsent ? WIDTHS[width].absent : value;
    }
    this.width = width;
    this.data = wider;
  }
}
