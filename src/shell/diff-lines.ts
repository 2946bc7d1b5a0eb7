// Which lines of two texts differ, chosen as GNU diff (3.x, analyze.c and diffseq.h) chooses
// them, so that the hunks a script prints or compares are the real ones: the common prefix and
// suffix set aside, lines with no match in the other text discarded first, a minimal edit
// script found by Myers' O(ND) search from both ends in linear space, and each run of changes
// slid where GNU diff puts it. The search is bounded by MAX_MIDDLE_LINES, under which diff's
// own "too expensive" cut-off (at cost 4096) is never reached: its result is always minimal.

/** Lines between the common prefix and suffix past which the comparison is not simulated. */
export const MAX_MIDDLE_LINES = 4000;

/** `changed[i]` is true for each line of a that is deleted, and of b that is inserted. */
export interface LineChanges {
  deleted: boolean[];
  inserted: boolean[];
}

/**
 * The lines of `a` and `b` (as equivalence classes: equal numbers for equal lines) that GNU
 * diff reports as changed; undefined when the differing middle is over MAX_MIDDLE_LINES.
 */
export function changedLines(a: number[], b: number[]): LineChanges | undefined {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const middleA = a.slice(prefix, a.length - suffix);
  const middleB = b.slice(prefix, b.length - suffix);
  const deleted = new Array<boolean>(a.length).fill(false);
  const inserted = new Array<boolean>(b.length).fill(false);
  if (middleA.length + middleB.length > MAX_MIDDLE_LINES) return undefined;
  // Flags with a false guard at each end (index 0 and length + 1), as diff allocates them.
  const changed = [new Uint8Array(middleA.length + 2), new Uint8Array(middleB.length + 2)] as const;
  const kept = discardConfusingLines([middleA, middleB], changed);
  const context = new Search(kept[0].values, kept[1].values);
  context.compare(0, kept[0].values.length, 0, kept[1].values.length);
  for (const x of context.deletes) changed[0][kept[0].indexes[x] + 1] = 1;
  for (const y of context.inserts) changed[1][kept[1].indexes[y] + 1] = 1;
  shiftBoundaries(middleA, changed[0], changed[1]);
  shiftBoundaries(middleB, changed[1], changed[0]);
  for (let i = 0; i < middleA.length; i++) deleted[prefix + i] = changed[0][i + 1] === 1;
  for (let i = 0; i < middleB.length; i++) inserted[prefix + i] = changed[1][i + 1] === 1;
  return { deleted, inserted };
}

interface Kept {
  values: number[];
  /** The index in the middle of each value kept. */
  indexes: number[];
}

/**
 * diff's discard_confusing_lines: a line that matches nothing in the other text is a change
 * whatever the alignment, and one that matches very many lines is set aside too when it sits
 * inside a run of those; the search then runs over the lines kept.
 */
function discardConfusingLines(
  lines: readonly [number[], number[]],
  changed: readonly [Uint8Array, Uint8Array],
): [Kept, Kept] {
  const counts = lines.map((side) => {
    const count = new Map<number, number>();
    for (const value of side) count.set(value, (count.get(value) ?? 0) + 1);
    return count;
  });
  const kept: [Kept, Kept] = [
    { values: [], indexes: [] },
    { values: [], indexes: [] },
  ];
  for (let f = 0; f < 2; f++) {
    const side = lines[f];
    const end = side.length;
    const other = counts[1 - f];
    let many = 5;
    let tem = Math.floor(end / 64);
    while ((tem >>= 2) > 0) many *= 2;
    const discards = new Uint8Array(end);
    for (let i = 0; i < end; i++) {
      const matches = other.get(side[i]) ?? 0;
      if (matches === 0) discards[i] = 1;
      else if (matches > many) discards[i] = 2;
    }
    keepProvisionalOutsideRuns(discards);
    for (let i = 0; i < end; i++) {
      if (discards[i] === 0) {
        kept[f].values.push(side[i]);
        kept[f].indexes.push(i);
      } else changed[f][i + 1] = 1;
    }
  }
  return kept;
}

/** A provisional discard (2) stands only inside a run of discards, as diff decides. */
function keepProvisionalOutsideRuns(discards: Uint8Array): void {
  const end = discards.length;
  for (let i = 0; i < end; i++) {
    if (discards[i] === 2) {
      discards[i] = 0;
      continue;
    }
    if (discards[i] === 0) continue;
    let j = i;
    let provisional = 0;
    for (; j < end && discards[j] !== 0; j++) if (discards[j] === 2) provisional++;
    while (j > i && discards[j - 1] === 2) {
      discards[--j] = 0;
      provisional--;
    }
    const length = j - i;
    if (provisional * 4 > length) {
      while (j > i) if (discards[--j] === 2) discards[j] = 0;
      continue;
    }
    let minimum = 1;
    let tem = length >> 2;
    while ((tem >>= 2) > 0) minimum <<= 1;
    minimum++;
    for (let k = 0, consec = 0; k < length; k++) {
      if (discards[i + k] !== 2) consec = 0;
      else if (minimum === ++consec) k -= consec;
      else if (minimum < consec) discards[i + k] = 0;
    }
    for (let k = 0, consec = 0; k < length; k++) {
      if (k >= 8 && discards[i + k] === 1) break;
      if (discards[i + k] === 2) {
        consec = 0;
        discards[i + k] = 0;
      } else if (discards[i + k] === 0) consec = 0;
      else consec++;
      if (consec === 3) break;
    }
    i += length - 1;
    for (let k = 0, consec = 0; k < length; k++) {
      if (k >= 8 && discards[i - k] === 1) break;
      if (discards[i - k] === 2) {
        consec = 0;
        discards[i - k] = 0;
      } else if (discards[i - k] === 0) consec = 0;
      else consec++;
      if (consec === 3) break;
    }
  }
}

/** diffseq.h's compareseq and diag over two sequences, recording deletions and insertions. */
class Search {
  readonly deletes: number[] = [];
  readonly inserts: number[] = [];
  /** The furthest x reached on each diagonal, offset so that diagonal -(ylength+1) is 0. */
  private readonly forward: Int32Array;
  private readonly backward: Int32Array;
  private readonly offset: number;

  constructor(
    private readonly x: number[],
    private readonly y: number[],
  ) {
    const diagonals = x.length + y.length + 3;
    this.forward = new Int32Array(diagonals);
    this.backward = new Int32Array(diagonals);
    this.offset = y.length + 1;
  }

  compare(xoff: number, xlim: number, yoff: number, ylim: number): void {
    const { x, y } = this;
    while (xoff < xlim && yoff < ylim && x[xoff] === y[yoff]) {
      xoff++;
      yoff++;
    }
    while (xoff < xlim && yoff < ylim && x[xlim - 1] === y[ylim - 1]) {
      xlim--;
      ylim--;
    }
    if (xoff === xlim) {
      while (yoff < ylim) this.inserts.push(yoff++);
    } else if (yoff === ylim) {
      while (xoff < xlim) this.deletes.push(xoff++);
    } else {
      const [xmid, ymid] = this.middle(xoff, xlim, yoff, ylim);
      this.compare(xoff, xmid, yoff, ymid);
      this.compare(xmid, xlim, ymid, ylim);
    }
  }

  /** diag: the point where a minimal path crosses, searched from both ends at once. */
  private middle(xoff: number, xlim: number, yoff: number, ylim: number): [number, number] {
    const { x, y, offset } = this;
    const fd = this.forward;
    const bd = this.backward;
    const dmin = xoff - ylim;
    const dmax = xlim - yoff;
    const fmid = xoff - yoff;
    const bmid = xlim - ylim;
    let fmin = fmid;
    let fmax = fmid;
    let bmin = bmid;
    let bmax = bmid;
    const odd = ((fmid - bmid) & 1) !== 0;
    fd[fmid + offset] = xoff;
    bd[bmid + offset] = xlim;
    for (;;) {
      if (fmin > dmin) fd[--fmin - 1 + offset] = -1;
      else fmin++;
      if (fmax < dmax) fd[++fmax + 1 + offset] = -1;
      else fmax--;
      for (let d = fmax; d >= fmin; d -= 2) {
        const low = fd[d - 1 + offset];
        const high = fd[d + 1 + offset];
        let xi = low < high ? high : low + 1;
        let yi = xi - d;
        while (xi < xlim && yi < ylim && x[xi] === y[yi]) {
          xi++;
          yi++;
        }
        fd[d + offset] = xi;
        if (odd && bmin <= d && d <= bmax && bd[d + offset] <= xi) return [xi, yi];
      }
      if (bmin > dmin) bd[--bmin - 1 + offset] = 0x7fffffff;
      else bmin++;
      if (bmax < dmax) bd[++bmax + 1 + offset] = 0x7fffffff;
      else bmax--;
      for (let d = bmax; d >= bmin; d -= 2) {
        const low = bd[d - 1 + offset];
        const high = bd[d + 1 + offset];
        let xi = low < high ? low : high - 1;
        let yi = xi - d;
        while (xoff < xi && yoff < yi && x[xi - 1] === y[yi - 1]) {
          xi--;
          yi--;
        }
        bd[d + offset] = xi;
        if (!odd && fmin <= d && d <= fmax && xi <= fd[d + offset]) return [xi, yi];
      }
    }
  }
}

/**
 * diff's shift_boundaries over one text: each run of changes slides back to merge with an
 * earlier run, then forward as far as it can, then back to meet a run in the other text.
 * `changed` and `other` have a false guard at each end; line i is at index i + 1.
 */
function shiftBoundaries(values: number[], changed: Uint8Array, other: Uint8Array): void {
  const end = values.length;
  const value = (i: number) => values[i];
  let i = 0;
  let j = 0;
  // `at(i)` reads changed line i (the guard at -1 and end is 0); `otherAt` the same.
  const at = (index: number) => changed[index + 1];
  const otherAt = (index: number) => other[index + 1];
  for (;;) {
    while (i < end && !at(i)) {
      while (otherAt(j++));
      i++;
    }
    if (i === end) return;
    let start = i;
    while (at(++i));
    while (otherAt(j)) j++;
    let runLength: number;
    let corresponding: number;
    do {
      runLength = i - start;
      while (start > 0 && value(start - 1) === value(i - 1)) {
        changed[--start + 1] = 1;
        changed[--i + 1] = 0;
        while (at(start - 1)) start--;
        while (otherAt(--j));
      }
      corresponding = otherAt(j - 1) ? i : end;
      while (i !== end && value(start) === value(i)) {
        changed[start++ + 1] = 0;
        changed[i++ + 1] = 1;
        while (at(i)) i++;
        while (otherAt(++j)) corresponding = i;
      }
    } while (runLength !== i - start);
    while (corresponding < i) {
      changed[--start + 1] = 1;
      changed[--i + 1] = 0;
      while (otherAt(--j));
    }
  }
}
