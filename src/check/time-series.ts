// The report's lines over time, aggregated over seeds in bounded memory: each seed's step
// series is sampled at fixed instants 0, w, 2w, ... (SERIES_SAMPLES of them), and each sample
// adds the seed's value to a sum and to a count of seeds per value. Nothing of a seed is kept.
//
// The interval w is the smallest power of two of milliseconds with every seed's end within the
// last sample. When a longer seed arrives w doubles: the samples at even positions are the new
// grid, exactly, and the new second half is 0 for every seed already added, since they had all
// ended there. Sums and counts are whole numbers, so accumulators added in any grouping (chunks
// on workers, shards on machines) give the same figures, byte for byte.
//
// At each instant the report gives the mean over seeds and the 95th percentile, the latter with
// simple-statistics' quantile rule (linear between order statistics) over the seeds' values.
import { SERIES_NAMES, type SeedSeries, type SeriesName } from './seed-series.js';

/** Samples per series: at most this many points per line, whatever the number of seeds. */
export const SERIES_SAMPLES = 121;
const P95 = 0.95;

/** seed value (not 0) -> seeds with it, at one sample. */
type ValueCounts = Map<number, number>;

interface Accumulated {
  sums: number[];
  counts: ValueCounts[];
}

/** An accumulator as plain JSON, for shard partials: values and counts as sorted pairs. */
export interface SeriesData {
  intervalMs: number;
  seeds: number;
  maxEndMs: number;
  series: { name: SeriesName; sums: number[]; counts: [number, number][][] }[];
}

export interface SeriesPoint {
  atMs: number;
  mean: number;
  p95: number;
}

export class SeriesAccumulator {
  intervalMs = 1;
  seeds = 0;
  maxEndMs = 0;
  private readonly byName = new Map<SeriesName, Accumulated>();

  add(seed: SeedSeries): void {
    this.cover(seed.endMs);
    this.seeds++;
    this.maxEndMs = Math.max(this.maxEndMs, seed.endMs);
    for (const name of SERIES_NAMES) {
      const steps = seed.series[name];
      if (!steps) continue;
      const { sums, counts } = this.accumulated(name);
      let point = -1;
      for (let sample = 0; sample < SERIES_SAMPLES; sample++) {
        const atMs = sample * this.intervalMs;
        if (atMs > seed.endMs) break;
        while (point + 1 < steps.atMs.length && steps.atMs[point + 1] <= atMs) point++;
        const value = point < 0 ? 0 : steps.value[point];
        if (value === 0) continue;
        sums[sample] += value;
        counts[sample].set(value, (counts[sample].get(value) ?? 0) + 1);
      }
    }
  }

  merge(other: SeriesAccumulator): void {
    this.cover(other.maxEndMs);
    other.cover(this.maxEndMs);
    this.seeds += other.seeds;
    this.maxEndMs = Math.max(this.maxEndMs, other.maxEndMs);
    for (const [name, theirs] of other.byName) {
      const ours = this.accumulated(name);
      for (let sample = 0; sample < SERIES_SAMPLES; sample++) {
        ours.sums[sample] += theirs.sums[sample];
        for (const [value, seeds] of theirs.counts[sample])
          ours.counts[sample].set(value, (ours.counts[sample].get(value) ?? 0) + seeds);
      }
    }
  }

  /** About what is held: 8 bytes a sum, 16 a value count (bounded by values seen, not seeds). */
  bytes(): number {
    let bytes = 0;
    for (const { sums, counts } of this.byName.values()) {
      bytes += sums.length * 8;
      for (const byValue of counts) bytes += byValue.size * 16;
    }
    return bytes;
  }

  names(): SeriesName[] {
    return SERIES_NAMES.filter((name) => this.byName.has(name));
  }

  /** Mean and p95 over seeds at each sample up to one past the longest seed's end. */
  points(name: SeriesName): SeriesPoint[] {
    const accumulated = this.byName.get(name);
    if (!accumulated || this.seeds === 0) return [];
    const last = Math.min(SERIES_SAMPLES - 1, Math.floor(this.maxEndMs / this.intervalMs) + 1);
    const points: SeriesPoint[] = [];
    for (let sample = 0; sample <= last; sample++)
      points.push({
        atMs: sample * this.intervalMs,
        mean: accumulated.sums[sample] / this.seeds,
        p95: quantile(accumulated.counts[sample], this.seeds, P95),
      });
    return points;
  }

  toData(): SeriesData {
    return {
      intervalMs: this.intervalMs,
      seeds: this.seeds,
      maxEndMs: this.maxEndMs,
      series: this.names().map((name) => {
        const { sums, counts } = this.accumulated(name);
        return {
          name,
          sums: [...sums],
          counts: counts.map((byValue) => [...byValue].sort((a, b) => a[0] - b[0])),
        };
      }),
    };
  }

  /** Undefined when `data` is not an accumulator's plain form (a damaged or foreign part). */
  static fromData(data: unknown): SeriesAccumulator | undefined {
    if (!isSeriesData(data)) return undefined;
    const accumulator = new SeriesAccumulator();
    accumulator.intervalMs = data.intervalMs;
    accumulator.seeds = data.seeds;
    accumulator.maxEndMs = data.maxEndMs;
    for (const entry of data.series)
      accumulator.byName.set(entry.name, {
        sums: [...entry.sums],
        counts: entry.counts.map((pairs) => new Map(pairs)),
      });
    return accumulator;
  }

  private accumulated(name: SeriesName): Accumulated {
    let accumulated = this.byName.get(name);
    if (!accumulated) {
      accumulated = {
        sums: new Array<number>(SERIES_SAMPLES).fill(0),
        counts: Array.from({ length: SERIES_SAMPLES }, () => new Map()),
      };
      this.byName.set(name, accumulated);
    }
    return accumulated;
  }

  /** Doubles the interval until `endMs` is within the last sample. */
  private cover(endMs: number): void {
    while (endMs > (SERIES_SAMPLES - 1) * this.intervalMs) {
      this.intervalMs *= 2;
      for (const { sums, counts } of this.byName.values())
        for (let sample = 0; sample < SERIES_SAMPLES; sample++) {
          const from = sample * 2;
          sums[sample] = from < SERIES_SAMPLES ? sums[from] : 0;
          counts[sample] = from < SERIES_SAMPLES ? counts[from] : new Map();
        }
    }
  }
}

const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

function isSeriesData(value: unknown): value is SeriesData {
  const data = value as SeriesData | null;
  if (typeof data !== 'object' || data === null) return false;
  if (!isCount(data.intervalMs) || data.intervalMs < 1 || !isCount(data.seeds)) return false;
  if (!isCount(data.maxEndMs) || !Array.isArray(data.series)) return false;
  return data.series.every(
    (entry) =>
      (SERIES_NAMES as readonly string[]).includes(entry?.name) &&
      Array.isArray(entry.sums) &&
      entry.sums.length === SERIES_SAMPLES &&
      entry.sums.every(isCount) &&
      Array.isArray(entry.counts) &&
      entry.counts.length === SERIES_SAMPLES &&
      entry.counts.every(
        (pairs) =>
          Array.isArray(pairs) &&
          pairs.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isCount)),
      ),
  );
}

/** simple-statistics' quantileSorted (linear, type 7) over `seeds` values, the unlisted ones 0. */
function quantile(counts: ValueCounts, seeds: number, p: number): number {
  const index = (seeds - 1) * p;
  const lower = Math.floor(index);
  const low = valueAtRank(counts, seeds, lower);
  if (index === lower) return low;
  return low + (index - lower) * (valueAtRank(counts, seeds, lower + 1) - low);
}

/** The value at 0-based `rank` among `seeds` sorted values (those not counted are 0). */
function valueAtRank(counts: ValueCounts, seeds: number, rank: number): number {
  const entries = [...counts].sort((a, b) => a[0] - b[0]);
  let zeros = seeds;
  for (const [, count] of entries) zeros -= count;
  // Values below 0 do not occur (counts and shares), so the zeros come first.
  let seen = zeros;
  if (rank < seen) return 0;
  for (const [value, count] of entries) {
    seen += count;
    if (rank < seen) return value;
  }
  return entries.length > 0 ? entries[entries.length - 1][0] : 0;
}
