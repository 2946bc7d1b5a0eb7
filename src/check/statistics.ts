// The statistics reports print, each with a 95% interval: shares (Wilson score interval, which
// stays inside [0, 1] near 0 and 1) and percentiles (distribution-free: the order statistics
// whose ranks bracket n*p by 1.96 binomial standard deviations), the same intervals `check`
// gives expectations. Quantiles and means come from simple-statistics.
import {
  errorFunction,
  max,
  mean,
  quantileSorted,
  sampleStandardDeviation,
} from 'simple-statistics';

export const PERCENTILES = [50, 90, 95, 99] as const;
const Z = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

export interface ShareEstimate {
  count: number;
  n: number;
  share: number;
  interval: Interval;
}

export interface Percentile {
  p: number;
  value: number;
  interval: Interval;
}

export interface DistributionSummary {
  n: number;
  mean: number;
  percentiles: Percentile[];
  max: number;
}

export function shareOf(count: number, n: number): ShareEstimate {
  if (n === 0) return { count, n, share: 0, interval: { low: 0, high: 1 } };
  const share = count / n;
  const denominator = 1 + (Z * Z) / n;
  const centre = (share + (Z * Z) / (2 * n)) / denominator;
  const half = (Z * Math.sqrt((share * (1 - share)) / n + (Z * Z) / (4 * n * n))) / denominator;
  return {
    count,
    n,
    share,
    interval: {
      low: count === 0 ? 0 : Math.max(0, centre - half),
      high: count === n ? 1 : Math.min(1, centre + half),
    },
  };
}

/**
 * Values sorted ascending in a copy: a typed array, so a million values cost 8 MB rather than
 * a JavaScript array's boxed numbers, and sorted numerically by default.
 */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** simple-statistics reads only `length` and indices, so a typed array serves as well. */
const asArray = (values: ArrayLike<number>) => values as unknown as number[];

/** Undefined for no values: a metric no run produced is left out rather than shown as zero. */
export function summarise(values: ArrayLike<number>): DistributionSummary | undefined {
  return summariseSorted(sortedCopy(values));
}

/** summarise, for values already sorted ascending. */
export function summariseSorted(sorted: ArrayLike<number>): DistributionSummary | undefined {
  const n = sorted.length;
  if (n === 0) return undefined;
  return {
    n,
    mean: mean(asArray(sorted)),
    percentiles: PERCENTILES.map((p) => percentile(sorted, p / 100)),
    max: max(asArray(sorted)),
  };
}

function percentile(sorted: ArrayLike<number>, p: number): Percentile {
  const n = sorted.length;
  const spread = Z * Math.sqrt(n * p * (1 - p));
  return {
    p: Math.round(p * 100),
    value: quantileSorted(asArray(sorted), p),
    interval: {
      low: sorted[Math.max(0, Math.floor(n * p - spread) - 1)],
      high: sorted[Math.min(n - 1, Math.ceil(n * p + spread) - 1)],
    },
  };
}

export interface HistogramBin {
  low: number;
  high: number;
  count: number;
}

/** About `target` equal bins of a round width (1, 2 or 5 times a power of ten). */
export function histogram(values: ArrayLike<number>, target = 20): HistogramBin[] {
  return histogramSorted(sortedCopy(values), target);
}

/** histogram, for values already sorted ascending. */
export function histogramSorted(sorted: ArrayLike<number>, target = 20): HistogramBin[] {
  if (sorted.length === 0) return [];
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  const width = roundWidth((high - low) / target);
  const first = Math.floor(low / width) * width;
  const bins: HistogramBin[] = [];
  for (let start = first; bins.length === 0 || start <= high; start += width)
    bins.push({ low: start, high: start + width, count: 0 });
  for (let index = 0; index < sorted.length; index++)
    bins[Math.min(bins.length - 1, Math.floor((sorted[index] - first) / width))].count++;
  return bins;
}

function roundWidth(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= raw) ?? 10;
  return step * power;
}

export interface CdfPoint {
  value: number;
  share: number;
}

/** The empirical CDF at every hundredth, so its size does not grow with the number of runs. */
export function cdf(values: ArrayLike<number>): CdfPoint[] {
  return cdfSorted(sortedCopy(values));
}

/** cdf, for values already sorted ascending. */
export function cdfSorted(sorted: ArrayLike<number>): CdfPoint[] {
  if (sorted.length === 0) return [];
  return Array.from({ length: 101 }, (_, index) => ({
    value: quantileSorted(asArray(sorted), index / 100),
    share: index / 100,
  }));
}

export interface PairedDifference {
  n: number;
  meanA: number;
  meanB: number;
  /** Mean of B - A over the pairs, with its 95% interval (normal approximation). */
  mean: number;
  interval: Interval;
}

/**
 * Paired difference of B over A, one pair per seed. With common random numbers most of the
 * noise cancels within a pair, so this interval is far narrower than comparing two means.
 */
export function pairedDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): PairedDifference | undefined {
  const n = a.length;
  if (n === 0 || b.length !== n) return undefined;
  const differences = new Float64Array(n);
  for (let index = 0; index < n; index++) differences[index] = b[index] - a[index];
  const average = mean(asArray(differences));
  const half = n > 1 ? (Z * sampleStandardDeviation(asArray(differences))) / Math.sqrt(n) : 0;
  return {
    n,
    meanA: mean(asArray(a)),
    meanB: mean(asArray(b)),
    mean: average,
    interval: { low: average - half, high: average + half },
  };
}

export interface McNemarTest {
  /** Pairs where only A had the outcome, and where only B had it. */
  onlyA: number;
  onlyB: number;
  pValue: number;
  method: 'exact-binomial' | 'chi-square';
}

/**
 * McNemar's test of paired yes/no outcomes: only the discordant pairs count. Exact (two-sided
 * binomial with p = 1/2) for up to 50 discordant pairs, chi-square with continuity correction
 * above, where the two agree closely.
 */
export function mcnemar(onlyA: number, onlyB: number): McNemarTest {
  const n = onlyA + onlyB;
  if (n === 0) return { onlyA, onlyB, pValue: 1, method: 'exact-binomial' };
  if (n <= 50) {
    let tail = 0;
    let term = 0.5 ** n; // C(n, 0) / 2^n
    for (let k = 0; k <= Math.min(onlyA, onlyB); k++) {
      tail += term;
      term = (term * (n - k)) / (k + 1);
    }
    return { onlyA, onlyB, pValue: Math.min(1, 2 * tail), method: 'exact-binomial' };
  }
  const statistic = (Math.abs(onlyA - onlyB) - 1) ** 2 / n;
  return {
    onlyA,
    onlyB,
    pValue: 1 - errorFunction(Math.sqrt(statistic / 2)),
    method: 'chi-square',
  };
}
