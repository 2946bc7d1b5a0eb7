// Seed ranges: parsing `--seed-range A..B` and `--seeds N`, and splitting a range into
// contiguous chunks for workers (contiguous, so merging back in seed order is a concatenation).
import { seedRangeProblem } from '../model/seed-bounds.js';
import { parseWholeNumber } from '../model/whole-number.js';
import { InputError } from '../tekton/diagnostics.js';

export interface SeedRange {
  first: number;
  last: number;
}

function seedError(message: string): InputError {
  return new InputError({ severity: 'error', message });
}

export function parseSeedRange(text: string): SeedRange {
  const match = /^(\d+)\.\.(\d+)$/.exec(text.trim());
  if (!match)
    throw seedError(`--seed-range: "${text}" should be A..B with whole numbers, e.g. 1..1000`);
  const range = { first: Number(match[1]), last: Number(match[2]) };
  if (range.last < range.first)
    throw seedError(`--seed-range: "${text}" is empty (${range.last} < ${range.first})`);
  const problem = seedRangeProblem(range.first, range.last);
  if (problem) throw seedError(`--seed-range: "${text}": ${problem}`);
  return range;
}

/** `--seeds N` means seeds 1..N; text is read as typed (decimal digits only). */
export function seedsFromCount(raw: number | string): SeedRange {
  const count = parseWholeNumber(raw);
  if (count === undefined || count < 1)
    throw seedError(`--seeds: "${raw}" should be a whole number >= 1`);
  const problem = seedRangeProblem(1, count);
  if (problem) throw seedError(`--seeds: "${raw}": ${problem}`);
  return { first: 1, last: count };
}

export function seedCount(range: SeedRange): number {
  return range.last - range.first + 1;
}

/** Up to `chunks` contiguous, non-empty ranges covering `range` in order. */
export function splitRange(range: SeedRange, chunks: number): SeedRange[] {
  const count = seedCount(range);
  const parts = Math.max(1, Math.min(chunks, count));
  const result: SeedRange[] = [];
  let first = range.first;
  for (let part = 0; part < parts; part++) {
    const size = Math.floor(count / parts) + (part < count % parts ? 1 : 0);
    result.push({ first, last: first + size - 1 });
    first += size;
  }
  return result;
}
