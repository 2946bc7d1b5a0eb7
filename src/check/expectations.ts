// Expectations: the user's own assertions over many runs (`finally-completes >= 0.999`,
// `makespan.p95 <= 40m`), for regression checks in CI. Each is a named metric, a comparison
// and a threshold, parsed once when the scenario loads and kept as plain data (it crosses
// worker threads). Evaluated over the per-run metric rows; the observed value comes with a
// 95% interval so a failure says how sure it is.
import { mean, quantileSorted, standardDeviation } from 'simple-statistics';
import type { RunMetrics } from '../report/metrics.js';
import { formatGoDuration, parseGoDuration } from '../tekton/duration.js';

export type Comparison = '>=' | '<=' | '>' | '<' | '==';
export type Statistic = 'share' | 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'max';
export type MetricKind =
  | 'finally-completes'
  | 'reason'
  | 'status'
  | 'skipped'
  | 'failed'
  | 'makespan'
  | 'task-attempts'
  | 'task-duration';

export interface Expectation {
  text: string;
  kind: MetricKind;
  /** The bracketed name: a reason, a status or a task. */
  argument?: string;
  statistic: Statistic;
  comparison: Comparison;
  threshold: number;
  unit: 'share' | 'ms' | 'count';
}

export const METRIC_NAMES = [
  'finally-completes',
  'reason[<Reason>]',
  'status[Succeeded|Failed|Unknown]',
  'skipped[<task>]',
  'failed[<task>]',
  'makespan.mean|p50|p90|p95|p99|max',
  'task[<task>].attempts.mean|max',
  'task[<task>].duration.mean|p50|p90|p95|p99|max',
];

const SHAPE = /^\s*([a-z-]+)(?:\[([^\]]+)\])?((?:\.[a-z0-9]+)*)\s*(>=|<=|==|>|<)\s*(\S+)\s*$/;
const TIME_STATISTICS: readonly Statistic[] = ['mean', 'p50', 'p90', 'p95', 'p99', 'max'];

/** Parses one expectation; the error names what is wrong and what would be right. */
export function parseExpectation(
  text: string,
  taskNames: readonly string[],
): Expectation | { error: string } {
  const match = SHAPE.exec(text);
  if (!match)
    return {
      error: `cannot read expectation ${JSON.stringify(text)}: write <metric> <op> <threshold>, e.g. "makespan.p95 <= 40m"`,
    };
  const [, head, argument, dotted, comparison, thresholdText] = match;
  const parts = dotted.split('.').filter(Boolean);
  const metric = identify(head, argument, parts);
  if ('error' in metric) return metric;
  if (metric.needsTask && !taskNames.includes(argument)) {
    return {
      error: `unknown task "${argument}" in expectation ${JSON.stringify(text)}; the pipeline's tasks are: ${taskNames.join(', ')}`,
    };
  }
  const threshold = parseThreshold(thresholdText, metric.unit);
  if (typeof threshold === 'string')
    return { error: `${threshold} in expectation ${JSON.stringify(text)}` };
  return {
    text: text.trim(),
    kind: metric.kind,
    ...(argument === undefined ? {} : { argument }),
    statistic: metric.statistic,
    comparison: comparison as Comparison,
    threshold,
    unit: metric.unit,
  };
}

type Identified =
  | { kind: MetricKind; statistic: Statistic; unit: Expectation['unit']; needsTask: boolean }
  | { error: string };

function identify(head: string, argument: string | undefined, parts: string[]): Identified {
  const unknown = {
    error: `unknown metric "${[head, argument === undefined ? '' : `[${argument}]`, ...parts.map((part) => `.${part}`)].join('')}"; known metrics: ${METRIC_NAMES.join(', ')}`,
  };
  const share = (kind: MetricKind, needsTask = false): Identified => ({
    kind,
    statistic: 'share',
    unit: 'share',
    needsTask,
  });
  if (head === 'finally-completes' && argument === undefined && parts.length === 0)
    return share('finally-completes');
  if (argument !== undefined && parts.length === 0) {
    if (head === 'reason') return share('reason');
    if (head === 'status' && ['Succeeded', 'Failed', 'Unknown'].includes(argument))
      return share('status');
    if (head === 'skipped' || head === 'failed') return share(head, true);
  }
  if (
    head === 'makespan' &&
    argument === undefined &&
    parts.length === 1 &&
    TIME_STATISTICS.includes(parts[0] as Statistic)
  ) {
    return { kind: 'makespan', statistic: parts[0] as Statistic, unit: 'ms', needsTask: false };
  }
  if (head === 'task' && argument !== undefined && parts.length === 2) {
    const [what, statistic] = parts;
    if (what === 'attempts' && (statistic === 'mean' || statistic === 'max'))
      return { kind: 'task-attempts', statistic, unit: 'count', needsTask: true };
    if (what === 'duration' && TIME_STATISTICS.includes(statistic as Statistic)) {
      return {
        kind: 'task-duration',
        statistic: statistic as Statistic,
        unit: 'ms',
        needsTask: true,
      };
    }
  }
  return unknown;
}

function parseThreshold(text: string, unit: Expectation['unit']): number | string {
  if (unit === 'ms') {
    const milliseconds = parseGoDuration(text);
    return milliseconds === undefined || milliseconds < 0
      ? `threshold ${JSON.stringify(text)} is not a Go duration like 40m or 1m30s`
      : milliseconds;
  }
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : Number(text);
  if (!Number.isFinite(value)) return `threshold ${JSON.stringify(text)} is not a number`;
  if (unit === 'share' && (value < 0 || value > 1))
    return `threshold ${text} is a share and must be within [0, 1] (or 0%..100%)`;
  return value;
}

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
  rows: readonly RunMetrics[],
): ExpectationResult[] {
  return expectations.map((expectation) => evaluateExpectation(expectation, rows));
}

export function evaluateExpectation(
  expectation: Expectation,
  rows: readonly RunMetrics[],
): ExpectationResult {
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

function measure(expectation: Expectation, rows: readonly RunMetrics[]): Measured {
  const { kind, argument } = expectation;
  switch (kind) {
    case 'finally-completes':
      return proportion(rows.map((row) => row.finallyCompletes));
    case 'reason':
      return proportion(rows.map((row) => row.reason === argument));
    case 'status':
      return proportion(rows.map((row) => row.status === argument));
    case 'skipped':
      return proportion(rows.map((row) => row.tasks[argument!]?.outcome === 'Skipped'));
    case 'failed':
      return proportion(rows.map((row) => row.tasks[argument!]?.outcome === 'Failed'));
    case 'makespan':
      return summarise(
        rows.map((row) => row.makespanMs),
        expectation.statistic,
      );
    case 'task-attempts':
      return summarise(
        rows.map((row) => row.tasks[argument!]?.attempts ?? 0).filter((attempts) => attempts > 0),
        expectation.statistic,
      );
    case 'task-duration':
      return summarise(
        rows
          .map((row) => row.tasks[argument!]?.durationMs)
          .filter((value): value is number => value !== undefined),
        expectation.statistic,
      );
  }
}

const Z = 1.959963984540054;

/** Share of true values with its Wilson score interval, which stays inside [0, 1] near 0 and 1. */
export function proportion(values: readonly boolean[]): Measured {
  const n = values.length;
  if (n === 0) return { sampleSize: 0 };
  const p = values.filter(Boolean).length / n;
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

function summarise(values: readonly number[], statistic: Statistic): Measured {
  const n = values.length;
  if (n === 0) return { sampleSize: 0 };
  const sorted = [...values].sort((a, b) => a - b);
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
