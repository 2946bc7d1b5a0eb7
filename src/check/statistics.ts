// The statistics reports print, each with a 95% interval: shares (Wilson score interval, which
// stays inside [0, 1] near 0 and 1) and percentiles (distribution-free: the order statistics
// whose ranks bracket n*p by 1.96 binomial standard deviations), the same intervals `check`
// gives expectations. Quantiles and means come from simple-statistics.
import { max, mean, quantileSorted } from 'simple-statistics';

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

/** Undefined for no values: a metric no run produced is left out rather than shown as zero. */
export function summarise(values: readonly number[]): DistributionSummary | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n,
    mean: mean(sorted),
    percentiles: PERCENTILES.map((p) => percentile(sorted, p / 100)),
    max: max(sorted),
  };
}

function percentile(sorted: readonly number[], p: number): Percentile {
  const n = sorted.length;
  const spread = Z * Math.sqrt(n * p * (1 - p));
  return {
    p: Math.round(p * 100),
    value: quantileSorted(sorted as number[], p),
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
export function histogram(values: readonly number[], target = 20): HistogramBin[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  const low = sorted[0];
  const high = sorted[sorted.length - 1];
  const width = roundWidth((high - low) / target);
  const first = Math.floor(low / width) * width;
  const bins: HistogramBin[] = [];
  for (let start = first; bins.length === 0 || start <= high; start += width)
    bins.push({ low: start, high: start + width, count: 0 });
  for (const value of sorted)
    bins[Math.min(bins.length - 1, Math.floor((value - first) / width))].count++;
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
export function cdf(values: readonly number[]): CdfPoint[] {
  if (values.length === 0) return [];
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: 101 }, (_, index) => ({
    value: quantileSorted(sorted, index / 100),
    share: index / 100,
  }));
}
