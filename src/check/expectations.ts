// Expectations evaluated: the user's own assertions over many runs, for regression checks in
// CI, measured over the per-run metric rows (parsing lives in workload/expectation.ts). The
// observed value comes with a 95% interval so a failure says how sure it is.
import { mean, quantileSorted, standardDeviation } from 'simple-statistics';
import { formatGoDuration } from '../tekton/duration.js';
import type { Comparison, Expectation, Statistic } from '../workload/expectation.js';
import type { RowStore } from './store/row-store.js';
import { TaskColumns } from './store/task-columns.js';

export interface ExpectationResult {
  expectation: Expectation;
  /** Undefined when no run gave a value (e.g. the task never ran). */
  observed?: number;
  passed: boolean;
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
    return { expectation, passed: false, sampleSize: measured.sampleSize };
  return {
    expectation,
    ...measured,
    observed: measured.observed,
    passed: compare(measured.observed, expectation.comparison, expectation.threshold),
  };
}

type Measured = Omit<ExpectationResult, 'expectation' | 'passed'>;

/** Each expectation's metric and the row field it reads (kebab names are the users'). */
const FIELDS: Partial<Record<Expectation['kind'], string>> = {
  makespan: 'makespanMs',
  'scheduling-latency': 'schedulingLatencyMs',
  'pod-wait': 'podWaitMs',
  'pod-start': 'podStartMs',
  'queue-wait': 'queueWaitMs',
  'finally-delay': 'finallyDelayMs',
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
  const denominator = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denominator;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / denominator;
  return {
    observed: p,
    sampleSize: n,
    interval: {
      low: p === 0 ? 0 : Math.max(0, centre - half),
      high: p === 1 ? 1 : Math.min(1, centre + half),
      method: 'wilson',
    },
  };
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

/** `makespan.p95 <= 40m: observed 41m12s (95% CI 39m0s..43m0s, n=1000) FAIL`. */
export function formatExpectationResult(result: ExpectationResult): string {
  const { expectation } = result;
  const show = (value: number) =>
    expectation.unit === 'ms'
      ? formatGoDuration(Math.round(value))
      : expectation.unit === 'share'
        ? value.toFixed(4)
        : String(Number(value.toFixed(3)));
  const verdict = result.passed ? 'pass' : 'FAIL';
  if (result.observed === undefined)
    return `${expectation.text}: no runs to measure (n=0) ${verdict}`;
  const interval = result.interval
    ? `95% CI ${show(result.interval.low)}..${show(result.interval.high)}, `
    : '';
  return `${expectation.text}: observed ${show(result.observed)} (${interval}n=${result.sampleSize}) ${verdict}`;
}
