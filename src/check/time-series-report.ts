// The report's series over time, read off a scenario's accumulator: what report.json holds,
// the CSV lists and the HTML charts draw. Utilisation goes back from thousandths to a share.
import { UTILISATION_SCALE, type SeriesName } from './seed-series.js';
import type { SeriesAccumulator, SeriesPoint } from './time-series.js';

export interface TimeSeriesLine {
  name: SeriesName;
  /** share: of capacity, 0..1; count: TaskRuns, run keys or pods. */
  unit: 'share' | 'count';
  points: SeriesPoint[];
}

export interface TimeSeriesReport {
  /** Virtual time between samples, from each seed's time 0. */
  intervalMs: number;
  /** Seeds in the figures: every seed that completed (one that hit the event bound has no series). */
  seeds: number;
  lines: TimeSeriesLine[];
}

/** Six decimals: finer than any chart shows, and no float noise (0.16299999999999998) in files. */
const rounded = (value: number) => Math.round(value * 1e6) / 1e6;

export function timeSeriesReport(accumulator: SeriesAccumulator): TimeSeriesReport | undefined {
  if (accumulator.seeds === 0) return undefined;
  return {
    intervalMs: accumulator.intervalMs,
    seeds: accumulator.seeds,
    lines: accumulator.names().map((name) => {
      const scale = name === 'utilisation' ? UTILISATION_SCALE : 1;
      return {
        name,
        unit: name === 'utilisation' ? 'share' : 'count',
        points: accumulator.points(name).map((point) => ({
          atMs: point.atMs,
          mean: rounded(point.mean / scale),
          p95: rounded(point.p95 / scale),
        })),
      };
    }),
  };
}
