// A column's present values sorted, and summed in that order, in linear time where the values
// are whole numbers: a summary sorts each metric's values once, and a million seeds give ten
// million pod waits, which a comparison sort took a large share of a check to order. Whole
// numbers have one sorted order, so counting them gives exactly what a sort would; Float64
// values are sorted by their bits (float-sort.ts), in the order the platform's sort gives.
/** The typed arrays a column keeps its values in (column.ts ColumnArray). */
type Values = Uint8Array | Uint16Array | Int32Array | Float64Array;

/**
 * Which rows a sort keeps: rows whose byte is 1 (rows past its end are dropped), or every row
 * when undefined. A mask rather than a callback: the summary sorts each field of each task
 * over the rows where the task ran, and asking a function per row (which looked the task's
 * attempts column up each time) was most of the summary's sorting.
 */
export type RowMask = Uint8Array | undefined;

/** The values of the rows kept, those below `absent`, sorted ascending by counting them. */
export function countingSort(
  data: Uint8Array | Uint16Array,
  absent: number,
  keep: RowMask,
): Uint8Array | Uint16Array {
  const counts = new Uint32Array(absent + 1);
  if (keep === undefined) for (let row = 0; row < data.length; row++) counts[data[row]]++;
  else for (let row = 0; row < data.length; row++) if (keep[row] === 1) counts[data[row]]++;
  // Only values up to the largest present one are visited: a Uint16 column of small values
  // would otherwise cost two passes over 65,535 counts, most of a small check's sorting.
  let top = absent - 1;
  while (top >= 0 && counts[top] === 0) top--;
  let total = 0;
  for (let value = 0; value <= top; value++) total += counts[value];
  const values = absent === 0xff ? new Uint8Array(total) : new Uint16Array(total);
  let at = 0;
  for (let value = 0; value <= top; value++) {
    const end = at + counts[value];
    if (end > at) values.fill(value, at, end);
    at = end;
  }
  return values;
}

/** The present values of the rows kept, in row order. */
export function presentInt32(data: Int32Array, keep: RowMask): Int32Array {
  const absent = -0x80000000;
  // One pass into room for every row, then the part filled, as presentFloat64.
  const values = new Int32Array(data.length);
  let count = 0;
  for (let row = 0; row < data.length; row++) {
    const value = data[row];
    if (value !== absent && (keep === undefined || keep[row] === 1)) values[count++] = value;
  }
  return count === values.length ? values : values.slice(0, count);
}

/** The present (and with finiteOnly, finite) values of the rows kept, in row order. */
export function presentFloat64(
  data: Float64Array,
  keep: RowMask,
  finiteOnly: boolean,
): Float64Array {
  // One pass into room for every row, then the part filled: a summary runs this once per
  // metric, mostly before V8 has optimised it, so it makes no call per row.
  const values = new Float64Array(data.length);
  let count = 0;
  for (let row = 0; row < data.length; row++) {
    const value = data[row];
    if (Number.isNaN(value) || (finiteOnly && !Number.isFinite(value))) continue;
    if (keep !== undefined && keep[row] !== 1) continue;
    values[count++] = value;
  }
  return count === values.length ? values : values.slice(0, count);
}

/** The sum of `values` taken in order (Float64 sums depend on the order), one loop per type. */
export function sumInOrder(values: Values): number {
  if (values instanceof Float64Array) return sumFloat64(values);
  if (values instanceof Int32Array) return sumInt32(values);
  if (values instanceof Uint16Array) return sumUint16(values);
  return sumUint8(values);
}

function sumFloat64(values: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index];
  return sum;
}

function sumInt32(values: Int32Array): number {
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index];
  return sum;
}

function sumUint16(values: Uint16Array): number {
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index];
  return sum;
}

function sumUint8(values: Uint8Array): number {
  let sum = 0;
  for (let index = 0; index < values.length; index++) sum += values[index];
  return sum;
}

/**
 * `values` sorted ascending, in place: counted when they span a range not much wider than
 * their number (durations in milliseconds mostly do), else two passes over 16-bit digits,
 * the sign bit flipped so negatives come first.
 */
export function sortInt32(values: Int32Array): Int32Array {
  const n = values.length;
  if (n === 0) return values;
  let min = values[0];
  let max = values[0];
  for (let index = 1; index < n; index++) {
    const value = values[index];
    if (value < min) min = value;
    else if (value > max) max = value;
  }
  const span = max - min + 1;
  if (span <= Math.max(0x10000, 4 * n)) {
    const counts = new Uint32Array(span);
    for (let index = 0; index < n; index++) counts[values[index] - min]++;
    let at = 0;
    for (let offset = 0; offset < span; offset++) {
      const end = at + counts[offset];
      if (end > at) values.fill(min + offset, at, end);
      at = end;
    }
    return values;
  }
  const scratch = new Int32Array(n);
  const low = new Uint32Array(0x10001);
  const high = new Uint32Array(0x10001);
  for (let index = 0; index < n; index++) {
    const key = values[index] ^ 0x80000000;
    low[(key & 0xffff) + 1]++;
    high[(key >>> 16) + 1]++;
  }
  for (let digit = 0; digit < 0x10000; digit++) {
    low[digit + 1] += low[digit];
    high[digit + 1] += high[digit];
  }
  for (let index = 0; index < n; index++) {
    const value = values[index];
    scratch[low[(value ^ 0x80000000) & 0xffff]++] = value;
  }
  for (let index = 0; index < n; index++) {
    const value = scratch[index];
    values[high[(value ^ 0x80000000) >>> 16]++] = value;
  }
  return values;
}

/**
 * A column's present values in ascending order, read by rank: what a summary needs of a
 * sorted column (its length, its sum in that order, a few order statistics) without laying the
 * values out when they are whole numbers. Those are counted instead, each distinct value once
 * with the rank just past its last copy, which for ten million pod waits is one pass and no
 * ten-million-value array to fill and sum.
 */
export interface RankedValues {
  readonly length: number;
  /** The values summed in ascending order: exactly sumInOrder of the sorted values. */
  readonly sum: number;
  /** The value at `rank` (0-based) in ascending order. */
  at(rank: number): number;
}

/** Sorted values as RankedValues. */
export function rankedSorted(sorted: Values): RankedValues {
  return { length: sorted.length, sum: sumInOrder(sorted), at: (rank) => sorted[rank] };
}

/**
 * Fewer rows than this and a whole-number column is sorted by the platform rather than
 * counted: a table of counts as long as the values' span (65,535 for a Uint16 column, up to
 * 8 per value for an Int32 one) would cost more than a sort of a few thousand values, which a
 * check of one seed paid for each of its columns.
 */
const COUNTED_MIN_ROWS = 8192;

// Each pass over a column is a function of its own, over one array type, that ends with its
// loop: V8 optimises such a loop while it runs (the column is long) and the optimised code
// returns rather than deoptimising at the code after the loop, which had not yet run when it
// was compiled; a function of several loops was optimised up to three times per column.

/**
 * Whole numbers given as counts: the value `min + i` has counts[i] copies. The counts become
 * the rank just past each value's last copy, in place, and a rank is found by halving. The
 * sum is exact in any order when every partial sum stays within 2^53, which holds when the
 * largest magnitude times the number of values does; the callers check that.
 */
function rankedCounts(min: number, counts: Uint32Array): RankedValues {
  const sum = cumulate(min, counts);
  return {
    length: counts[counts.length - 1],
    sum,
    at(rank) {
      // The first value whose copies reach past `rank`.
      let low = 0;
      let high = counts.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (counts[middle] > rank) high = middle;
        else low = middle + 1;
      }
      return min + low;
    },
  };
}

/**
 * Each count made the total of those up to it; the sum of the values counted (`min + i`
 * counts[i] times, at least one count).
 */
function cumulate(min: number, counts: Uint32Array): number {
  let total = 0;
  // -0 is a double: V8 compiles the loop for doubles from the start rather than for small
  // integers, which the sum outgrows (a deoptimisation and a second compile). The first term
  // added makes it +0 or the term itself, so the sum is what it would be from 0.
  let sum = -0;
  for (let at = 0; at < counts.length; at++) {
    const count = counts[at];
    sum += (min + at) * count;
    total += count;
    counts[at] = total;
  }
  return sum;
}

/** `counts` up to the last one that is not 0 (the first alone when all are). */
function countsInUse(counts: Uint32Array): Uint32Array {
  let top = counts.length - 1;
  while (top > 0 && counts[top] === 0) top--;
  return counts.subarray(0, top + 1);
}

/** The values of a Uint8 column (0xff is absent), counted in one pass. */
export function rankedUint8(data: Uint8Array): RankedValues {
  const counts = new Uint32Array(0x100);
  countUint8(data, counts);
  // The absent rows' count is dropped with the table's last slot.
  return rankedCounts(0, countsInUse(counts.subarray(0, 0xff)));
}

/**
 * Each value's copies in a Uint8 column added to counts[value]. Counting row by row into the
 * same slot makes each count wait for the one before (about 3 ns a row for a column of one
 * value, as a latency that is always 0 is), so four rows are read as one word: words equal to
 * the column's first are counted in a register, and other words byte by byte.
 */
function countUint8(data: Uint8Array, counts: Uint32Array): void {
  const wordCount = data.byteOffset % 4 === 0 ? data.length >> 2 : 0;
  const words = new Int32Array(data.buffer, data.byteOffset, wordCount);
  const common = wordCount > 0 ? words[0] : 0;
  const commonWords = countWords(words, common, counts);
  for (let shift = 0; shift < 32; shift += 8) counts[(common >>> shift) & 0xff] += commonWords;
  countBytes(data, 4 * wordCount, counts);
}

/** How many of `words` equal `common`; the bytes of every other word counted. */
function countWords(words: Int32Array, common: number, counts: Uint32Array): number {
  let same = 0;
  for (let at = 0; at < words.length; at++) {
    const word = words[at];
    if (word === common) same++;
    else {
      counts[word & 0xff]++;
      counts[(word >>> 8) & 0xff]++;
      counts[(word >>> 16) & 0xff]++;
      counts[word >>> 24]++;
    }
  }
  return same;
}

function countBytes(data: Uint8Array, from: number, counts: Uint32Array): void {
  for (let row = from; row < data.length; row++) counts[data[row]]++;
}

/** The values of a Uint16 column (0xffff is absent): counted in one pass, or sorted when few. */
export function rankedUint16(data: Uint16Array): RankedValues {
  if (data.length < COUNTED_MIN_ROWS) return rankedSorted(presentUint16(data).sort());
  const counts = new Uint32Array(0x10000);
  countUint16(data, counts);
  return rankedCounts(0, countsInUse(counts.subarray(0, 0xffff)));
}

function countUint16(data: Uint16Array, counts: Uint32Array): void {
  for (let row = 0; row < data.length; row++) counts[data[row]]++;
}

/** The present values of a Uint16 column, in row order. */
function presentUint16(data: Uint16Array): Uint16Array {
  const values = new Uint16Array(data.length);
  return values.subarray(0, copyPresentUint16(data, values));
}

function copyPresentUint16(data: Uint16Array, values: Uint16Array): number {
  let count = 0;
  for (let row = 0; row < data.length; row++) {
    const value = data[row];
    if (value !== 0xffff) values[count++] = value;
  }
  return count;
}

/** int32Bounds' smallest and largest present value. */
const bounds = new Int32Array(2);

/**
 * The present values of an Int32 column: counted when they span a range not much wider than
 * their number and their sum is exact in any order, else sorted.
 */
export function rankedInt32(data: Int32Array): RankedValues {
  if (data.length < COUNTED_MIN_ROWS) return rankedSorted(presentInt32(data, undefined).sort());
  const present = int32Bounds(data, bounds);
  const min = bounds[0];
  const max = bounds[1];
  const span = max - min + 1;
  const largest = Math.max(Math.abs(min), Math.abs(max));
  if (present === 0 || span > Math.max(0x10000, 8 * present) || largest * present > 2 ** 53)
    return rankedSorted(sortInt32(presentInt32(data, undefined)));
  const counts = new Uint32Array(span);
  countInt32(data, min, counts);
  return rankedCounts(min, counts);
}

/** How many values of an Int32 column are present; their smallest and largest into `into`. */
function int32Bounds(data: Int32Array, into: Int32Array): number {
  const absent = -0x80000000;
  let min = 0x7fffffff;
  let max = -0x7fffffff;
  let present = 0;
  for (let row = 0; row < data.length; row++) {
    const value = data[row];
    if (value === absent) continue;
    present++;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  into[0] = min;
  into[1] = max;
  return present;
}

function countInt32(data: Int32Array, min: number, counts: Uint32Array): void {
  const absent = -0x80000000;
  for (let row = 0; row < data.length; row++) {
    const value = data[row];
    if (value !== absent) counts[value - min]++;
  }
}

/**
 * simple-statistics' quantileSorted (linear interpolation, numpy's type 7) over ranked
 * values: the same arithmetic on the same one or two order statistics, so the same number.
 */
export function quantileRanked(values: RankedValues, p: number): number {
  const length = values.length;
  if (length === 0) throw new Error('quantile requires at least one data point.');
  if (p < 0 || p > 1) throw new Error('quantiles must be between 0 and 1');
  if (p === 1) return values.at(length - 1);
  if (p === 0) return values.at(0);
  const idx = (length - 1) * p;
  if (idx % 1 === 0) return values.at(idx);
  const lower = Math.floor(idx);
  const upper = Math.ceil(idx);
  const fraction = idx - lower;
  const low = values.at(lower);
  return low + fraction * (values.at(upper) - low);
}
