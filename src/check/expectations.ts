// Expectations evaluated: the user's own assertions over many runs, for regression checks in
// CI, measured over the per-run metric rows (parsing lives in workload/expectation.ts). The
// observed value comes with a 95% interval so a failure says how sure it is: when the interval
// lies across the threshold the seeds cannot tell, and the verdict is inconclusive (with how
// many runs would likely settle it) rather than a pass or a failure on the point estimate.
import { mean, quantileSorted, standardDeviation } from 'simple-statistics';
import { formatGoDuration } from '../tekton/duration.js';
import type { Comparison, Expectation, Statistic } from '../workload/expectation.js';
import type { RowStore } from './store/row-store.js';
import { TaskColumns } from './store/task-columns.js';

/**
 * held: the whole 95% interval meets the threshold (or, without an interval, the value does);
 * violated: none of it does (or no run gave a value); inconclusive: the interval lies across it.
 */
export type ExpectationVerdict = 'held' | 'violated' | 'inconclusive';

export interface ExpectationResult {
  expectation: Expectation;
  /** Undefined when no run gave a value (e.g. the task never ran). */
  observed?: number;
  verdict: ExpectationVerdict;
  /**
   * For an inconclusive verdict: the sample size (in runs, as sampleSize) at which the
   * interval would likely leave the threshold, were the observed value to stay as it is;
   * undefined when the value sits on the threshold, where no sample size settles it.
   */
  sampleSizeToSettle?: number;
  /** Runs the value was computed over. */
  sampleSize: number;
  /** 95% interval: Wilson for shares, normal approximation for means, order statistics for percentiles. */
  interval?: { low: number; high: number; method: 'wilson' | 'normal' | 'order-statistic' };
}

export function evaluateExpectations(
  expectations: readonly Expectation[],
  rows: RowStore,
): ExpectationResult[] {
  return expectations.map((expectation) => evaluateExpectation(expectation, rows));
}

export function evaluateExpectation(expectation: Expectation, rows: RowStore): ExpectationResult {
  const measured = measure(expectation, rows);
  if (measured.observed === undefined)
    return { expectation, verdict: 'violated', sampleSize: measured.sampleSize };
  const { comparison, threshold } = expectation;
  const { interval, observed } = measured;
  const verdict = judge(observed, interval, comparison, threshold);
  const settle =
    verdict === 'inconclusive' && interval ? sampleSizeToSettle(measured, threshold) : undefined;
  return {
    expectation,
    ...measured,
    observed,
    verdict,
    ...(settle === undefined ? {} : { sampleSizeToSettle: settle }),
  };
}

/** The verdict on the interval's two ends; `==` and intervals-less values on the value itself. */
function judge(
  observed: number,
  interval: Measured['interval'],
  comparison: Comparison,
  threshold: number,
): ExpectationVerdict {
  const pointVerdict = compare(observed, comparison, threshold) ? 'held' : 'violated';
  if (!interval || comparison === '==') return pointVerdict;
  const lowHolds = compare(interval.low, comparison, threshold);
  const highHolds = compare(interval.high, comparison, threshold);
  if (lowHolds && highHolds) return 'held';
  if (!lowHolds && !highHolds) return 'violated';
  return 'inconclusive';
}

/**
 * Runs at which the interval would likely no longer reach the threshold. A Wilson interval is
 * recomputed at larger n for the same share (near 0 and 1 it narrows like 1/n, not 1/sqrt(n));
 * the others narrow like 1/sqrt(n), so the side towards the threshold is scaled.
 */
function sampleSizeToSettle(measured: Measured, threshold: number): number | undefined {
  const { observed, interval, sampleSize } = measured;
  if (observed === undefined || !interval || observed === threshold) return undefined;
  const excludes = (low: number, high: number) => threshold < low || threshold > high;
  if (interval.method === 'wilson') {
    let high = Math.max(1, sampleSize);
    while (!excludes(...wilson(observed, high))) {
      high *= 2;
      if (high > Number.MAX_SAFE_INTEGER / 2) return undefined;
    }
    let low = Math.max(1, sampleSize);
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (excludes(...wilson(observed, middle))) high = middle;
      else low = middle + 1;
    }
    return high;
  }
  const side = threshold < observed ? observed - interval.low : interval.high - observed;
  const needed = Math.ceil(sampleSize * (side / Math.abs(observed - threshold)) ** 2);
  return Math.max(needed, sampleSize + 1);
}

type Measured = Omit<ExpectationResult, 'expectation' | 'verdict' | 'sampleSizeToSettle'>;

/** Each expectation's metric and the row field it reads (kebab names are the users'). */
const FIELDS: Partial<Record<Expectation['kind'], string>> = {
  makespan: 'makespanMs',
  'scheduling-latency': 'schedulingLatencyMs',
  'pod-wait': 'podWaitMs',
  'pod-start': 'podStartMs',
  'queue-wait': 'queueWaitMs',
  'finally-delay': 'finallyDelayMs',
  'deadline-lag': 'deadlineLagMs',
  'throttled-by-quota': 'throttledByQuotaMs',
  'throttled-by-node': 'throttledByNodeMs',
  'throughput.pipelineruns-per-hour': 'pipelineRunsPerHour',
  'throughput.taskruns-per-minute': 'taskRunsPerMinute',
  utilisation: 'utilisation',
};

function measure(expectation: Expectation, rows: RowStore): Measured {
  const { kind, argument } = expectation;
  switch (kind) {
    case 'finally-completes':
      return proportion(
        countRows(rows, (row) => flagOf(rows, 'finallyCompletes', row)),
        rows.rows,
      );
    case 'reason': {
      const code = rows.words.find(argument ?? '');
      return proportion(
        countRows(rows, (row) => rows.reason.get(row) === code),
        rows.rows,
      );
    }
    case 'status': {
      const code = rows.words.find(argument ?? '');
      return proportion(
        countRows(rows, (row) => rows.status.get(row) === code),
        rows.rows,
      );
    }
    case 'skipped':
    case 'failed': {
      const entry = rows.tasks.task(argument ?? '');
      const outcome = entry && TaskColumns.field(entry, 'outcome');
      const code = rows.tasks.strings.find(kind === 'skipped' ? 'Skipped' : 'Failed');
      return proportion(
        countRows(rows, (row) => outcome?.values.get(row) === code),
        rows.rows,
      );
    }
    case 'task-attempts':
    case 'task-duration': {
      const entry = rows.tasks.task(argument ?? '');
      const field =
        entry && TaskColumns.field(entry, kind === 'task-attempts' ? 'attempts' : 'durationMs');
      const sorted =
        field?.kind === 'number'
          ? field.values
              .sortedValues(undefined, false)
              .filter((value) => kind === 'task-duration' || value > 0)
          : [];
      return summarise(sorted, expectation.statistic);
    }
    default: {
      const entry = rows.metrics.field(FIELDS[kind] ?? '');
      const sorted =
        entry && entry.kind !== 'flag' ? entry.values.sortedValues(undefined, false) : [];
      return summarise(sorted, expectation.statistic);
    }
  }
}

function countRows(rows: RowStore, holds: (row: number) => boolean): number {
  let count = 0;
  for (let row = 0; row < rows.rows; row++) if (holds(row)) count++;
  return count;
}

function flagOf(rows: RowStore, field: string, row: number): boolean {
  return rows.metrics.field(field)?.values.get(row) === 1;
}

const Z = 1.959963984540054;

/** Share of `count` in `n` with its Wilson score interval, which stays inside [0, 1] near 0 and 1. */
export function proportion(count: number, n: number): Measured {
  if (n === 0) return { sampleSize: 0 };
  const p = count / n;
  const [low, high] = wilson(p, n);
  return { observed: p, sampleSize: n, interval: { low, high, method: 'wilson' } };
}

/** The Wilson score interval of a share p observed over n runs. */
function wilson(p: number, n: number): [low: number, high: number] {
  const denominator = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denominator;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / denominator;
  return [p === 0 ? 0 : Math.max(0, centre - half), p === 1 ? 1 : Math.min(1, centre + half)];
}

/** Over values sorted ascending (a typed array: simple-statistics reads only indices). */
function summarise(sortedValues: ArrayLike<number>, statistic: Statistic): Measured {
  const n = sortedValues.length;
  if (n === 0) return { sampleSize: 0 };
  const sorted = sortedValues as unknown as number[];
  if (statistic === 'mean') {
    const average = mean(sorted);
    const half = n > 1 ? (Z * standardDeviation(sorted)) / Math.sqrt(n) : 0;
    return {
      observed: average,
      sampleSize: n,
      interval: { low: average - half, high: average + half, method: 'normal' },
    };
  }
  if (statistic === 'max') return { observed: sorted[n - 1], sampleSize: n };
  const p = Number(statistic.slice(1)) / 100;
  // Distribution-free interval: the order statistics whose ranks bracket n*p by 1.96 binomial
  // standard deviations.
  const spread = Z * Math.sqrt(n * p * (1 - p));
  const low = sorted[Math.max(0, Math.floor(n * p - spread) - 1)];
  const high = sorted[Math.min(n - 1, Math.ceil(n * p + spread) - 1)];
  return {
    observed: quantileSorted(sorted, p),
    sampleSize: n,
    interval: { low, high, method: 'order-statistic' },
  };
}

function compare(observed: number, comparison: Comparison, threshold: number): boolean {
  switch (comparison) {
    case '>=':
      return observed >= threshold;
    case '<=':
      return observed <= threshold;
    case '>':
      return observed > threshold;
    case '<':
      return observed < threshold;
    case '==':
      return observed === threshold;
  }
}

const VERDICT_WORDS: Record<ExpectationVerdict, string> = {
  held: 'pass',
  violated: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
};

/** `makespan.p95 <= 40m: observed 41m12s (95% CI 39m0s..43m0s, n=1000) FAIL`. */
export function formatExpectationResult(result: ExpectationResult): string {
  const { expectation } = result;
  const show = (value: number) =>
    expectation.unit === 'ms'
      ? formatGoDuration(Math.round(value))
      : expectation.unit === 'share'
        ? value.toFixed(4)
        : String(Number(value.toFixed(3)));
  const verdict = VERDICT_WORDS[result.verdict];
  if (result.observed === undefined)
    return `${expectation.text}: no runs to measure (n=0) ${verdict}`;
  const interval = result.interval
    ? `95% CI ${show(result.interval.low)}..${show(result.interval.high)}, `
    : '';
  return `${expectation.text}: observed ${show(result.observed)} (${interval}n=${result.sampleSize}) ${verdict}`;
}
