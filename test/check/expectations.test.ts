import { rowStoreOf } from '../../src/check/store/row-store.js';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  evaluateExpectations,
  formatExpectationResult,
  proportion,
} from '../../src/check/expectations.js';
import type { RunMetrics } from '../../src/check/metrics.js';
import { parseExpectation, type Expectation } from '../../src/workload/expectation.js';

const TASKS = ['build', 'test', 'cleanup'];

function parsed(text: string): Expectation {
  const result = parseExpectation(text, TASKS);
  if ('error' in result) throw new Error(result.error);
  return result;
}

/** `count` runs; the first `failing` of them fail with PipelineRunTimeout and lose finally. */
function rows(count: number, failing: number): RunMetrics[] {
  return Array.from({ length: count }, (_, index) => {
    const bad = index < failing;
    return {
      seed: index + 1,
      status: bad ? 'Failed' : 'Succeeded',
      reason: bad ? 'PipelineRunTimeout' : 'Succeeded',
      makespanMs: (index + 1) * 1000,
      finallyCompletes: !bad,
      tasks: {
        build: { outcome: 'Succeeded', attempts: index % 5 === 0 ? 2 : 1, durationMs: 60_000 },
        test: bad
          ? { outcome: 'Skipped', attempts: 0, skipReason: 'PipelineRun timeout has been reached' }
          : { outcome: 'Succeeded', attempts: 1, durationMs: 1000 },
        cleanup: { outcome: 'NotRun', attempts: 0 },
      },
    } satisfies RunMetrics;
  });
}

test('expectations: parse: metrics, comparisons and thresholds', () => {
  assert.equal(parsed('finally-completes >= 0.999'), {
    text: 'finally-completes >= 0.999',
    kind: 'finally-completes',
    statistic: 'share',
    comparison: '>=',
    threshold: 0.999,
    unit: 'share',
  });
  assert.equal(parsed('makespan.p95 <= 40m').threshold, 2_400_000);
  assert.equal(parsed('reason[PipelineRunTimeout] <= 1%').threshold, 0.01);
  assert.equal(parsed('task[build].attempts.mean <= 1.2'), {
    text: 'task[build].attempts.mean <= 1.2',
    kind: 'task-attempts',
    argument: 'build',
    statistic: 'mean',
    comparison: '<=',
    threshold: 1.2,
    unit: 'count',
  });
  assert.is(parsed('task[build].duration.p95 < 2m').kind, 'task-duration');
});

test('expectations: parse: each mistake has one clear message', () => {
  const error = (text: string) => (parseExpectation(text, TASKS) as { error: string }).error;
  assert.match(
    error('makespan.p42 <= 40m'),
    /^unknown metric "makespan.p42"; known metrics: finally-completes, /,
  );
  assert.match(error('finaly-completes >= 0.9'), /^unknown metric "finaly-completes"/);
  // A misspelt reason would count no run and hold any `<=` threshold without a word.
  assert.match(
    error('reason[PipelineRunTimout] <= 1%'),
    /^unknown reason "PipelineRunTimout" in reason\[PipelineRunTimout\]; a PipelineRun's reason is one of: Started, Running, Succeeded, .*PipelineRunTimeout, .*NotCompleted$/,
  );
  assert.is(parsed('reason[NotCompleted] <= 0').kind, 'reason');
  assert.is(parsed('reason[CancelledRunningFinally] <= 1%').kind, 'reason');
  assert.is(
    error('task[deploy].attempts.mean <= 1'),
    'unknown task "deploy" in expectation "task[deploy].attempts.mean <= 1"; the pipeline\'s tasks are: build, test, cleanup',
  );
  assert.is(
    error('makespan.p95 <= 40 minutes'),
    'cannot read expectation "makespan.p95 <= 40 minutes": write <metric> <op> <threshold>, e.g. "makespan.p95 <= 40m"',
  );
  assert.is(
    error('makespan.p95 <= 40'),
    'threshold "40" is not a Go duration like 40m or 1m30s in expectation "makespan.p95 <= 40"',
  );
  assert.is(
    error('finally-completes >= 2'),
    'threshold 2 is a share and must be within [0, 1] (or 0%..100%) in expectation "finally-completes >= 2"',
  );
});

test('expectations: evaluate: shares with a Wilson interval', () => {
  const [result] = evaluateExpectations(
    [parsed('finally-completes >= 0.999')],
    rowStoreOf(rows(1000, 3)),
  );
  assert.is(result.observed, 0.997);
  assert.is(result.verdict, 'violated');
  assert.is(result.sampleSize, 1000);
  assert.is(result.interval!.method, 'wilson');
  assert.ok(
    result.interval!.low < 0.997 && result.interval!.high > 0.997 && result.interval!.high <= 1,
  );
  assert.is(
    formatExpectationResult(result),
    `finally-completes >= 0.999: observed 0.9970 (95% CI ${result.interval!.low.toFixed(4)}..${result.interval!.high.toFixed(4)}, n=1000) FAIL`,
  );
});

test('expectations: evaluate: Wilson interval matches the textbook value', () => {
  // 0 of 100: Wilson's upper bound is z²/(n+z²) = 0.0370.
  const { interval } = proportion(0, 100);
  assert.is(interval!.low, 0);
  assert.is(Number(interval!.high.toFixed(4)), 0.037);
});

test('expectations: evaluate: reasons, statuses and skips', () => {
  const results = evaluateExpectations(
    [
      parsed('reason[PipelineRunTimeout] <= 0.01'),
      parsed('status[Succeeded] >= 0.9'),
      parsed('skipped[test] < 0.05'),
    ],
    rowStoreOf(rows(200, 4)),
  );
  assert.equal(
    results.map((result) => [result.observed, result.verdict]),
    // 4 of 200 is 0.02 with a Wilson interval of 0.0078..0.0503: it reaches past both 0.01
    // and 0.05, so neither expectation is settled; 0.98's interval 0.9497..0.9922 is all >= 0.9.
    [
      [0.02, 'inconclusive'],
      [0.98, 'held'],
      [0.02, 'inconclusive'],
    ],
  );
});

test('expectations: inconclusive: n=1 with an interval of 0..0.79 is not a violation', () => {
  // One run, failed: the share is 0 but its Wilson interval reaches 0.79, past 0.5.
  const [result] = evaluateExpectations(
    [parsed('finally-completes >= 0.5')],
    rowStoreOf(rows(1, 1)),
  );
  assert.is(result.observed, 0);
  assert.is(Number(result.interval!.high.toFixed(2)), 0.79);
  assert.is(result.verdict, 'inconclusive');
  // At 0 of n, the upper bound is z²/(n+z²), below 0.5 from n = 4.
  assert.is(result.sampleSizeToSettle, 4);
  assert.match(formatExpectationResult(result), / INCONCLUSIVE$/);
  // The same run against a threshold its whole interval misses is still violated.
  const [clear] = evaluateExpectations(
    [parsed('finally-completes >= 0.9')],
    rowStoreOf(rows(1, 1)),
  );
  assert.is(clear.verdict, 'violated');
});

test('expectations: inconclusive: at large n the seeds that would settle it are estimated', () => {
  // 1000 of 1000 finally tasks completed: Wilson's lower bound is n/(n+z²) = 0.99617, below
  // 0.999; it passes 0.999 from n = 0.999 z² / 0.001 = 3838 on.
  const [all] = evaluateExpectations(
    [parsed('finally-completes >= 0.999')],
    rowStoreOf(rows(1000, 0)),
  );
  assert.is(all.verdict, 'inconclusive');
  assert.is(all.sampleSizeToSettle, 3838);
  // 100,000 runs with 0.2% failing settle a 1% bound either way.
  // One store of those runs for both bounds: evaluating reads the rows and changes none.
  const hundredThousand = rowStoreOf(rows(100_000, 200));
  const [below] = evaluateExpectations(
    [parsed('reason[PipelineRunTimeout] <= 0.01')],
    hundredThousand,
  );
  assert.is(below.verdict, 'held');
  const [above] = evaluateExpectations(
    [parsed('reason[PipelineRunTimeout] >= 0.01')],
    hundredThousand,
  );
  assert.is(above.verdict, 'violated');
  // A normal interval narrows like 1/sqrt(n): n grows by (half-width / distance)².
  const [mean] = evaluateExpectations(
    [parsed('task[build].attempts.mean <= 1.21')],
    rowStoreOf(rows(1000, 0)),
  );
  assert.is(mean.verdict, 'inconclusive');
  const half = mean.interval!.high - mean.observed!;
  assert.is(mean.sampleSizeToSettle, Math.ceil(1000 * (half / 0.01) ** 2));
});

test('expectations: inconclusive: a value on the threshold cannot be settled', () => {
  const [mean] = evaluateExpectations(
    [parsed('task[build].attempts.mean <= 1.2')],
    rowStoreOf(rows(1000, 0)),
  );
  assert.is(mean.observed, 1.2);
  assert.is(mean.verdict, 'inconclusive');
  assert.is(mean.sampleSizeToSettle, undefined);
});

test('expectations: evaluate: percentiles with an order-statistic interval, means with a normal one', () => {
  const [p95, mean, max] = evaluateExpectations(
    [
      parsed('makespan.p95 <= 40m'),
      parsed('task[build].attempts.mean <= 1.2'),
      parsed('makespan.max <= 1s'),
    ],
    rowStoreOf(rows(1000, 0)),
  );
  // simple-statistics interpolates between the order statistics around n*p.
  assert.is(p95.observed, 950_050);
  assert.is(p95.verdict, 'held');
  assert.is(p95.interval!.method, 'order-statistic');
  assert.ok(p95.interval!.low < 950_000 && p95.interval!.high > 950_000);
  assert.is(mean.observed, 1.2);
  assert.is(mean.interval!.method, 'normal');
  assert.is(max.observed, 1_000_000);
  assert.is(max.verdict, 'violated');
  assert.is(formatExpectationResult(max), 'makespan.max <= 1s: observed 16m40s (n=1000) FAIL');
});

test('expectations: evaluate: a task that never ran has nothing to measure and fails', () => {
  const [result] = evaluateExpectations(
    [parsed('task[cleanup].duration.mean <= 1m')],
    rowStoreOf(rows(10, 0)),
  );
  assert.is(result.observed, undefined);
  assert.is(result.verdict, 'violated');
  assert.is(
    formatExpectationResult(result),
    'task[cleanup].duration.mean <= 1m: no runs to measure (n=0) FAIL',
  );
});

test.run();
