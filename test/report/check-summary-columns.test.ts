// The cluster table of the check summary keeps its columns apart whatever the values: a
// saturated controller's scheduling latency of hours is wider than the usual column.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CheckSummary, ClusterFigure } from '../../src/check/summary.js';
import { formatCheckSummaryText } from '../../src/report/check-summary.js';

function summaryWith(cluster: ClusterFigure[]): CheckSummary {
  return {
    settings: { paranoid: false, determinismSeeds: 'every seed', determinismCompares: 'hashes' },
    runs: 1,
    scenarios: [
      {
        name: 's',
        file: 's.yaml',
        profile: 'v1.15',
        seeds: { first: 1, last: 1 },
        runs: 1,
        pipelineRuns: 2,
        reasons: [],
        timeouts: [],
        invariants: [],
        findings: [],
        cluster,
        expectations: [],
      },
    ],
    violatedInvariants: 0,
    violatedExpectations: 0,
    inconclusiveExpectations: 0,
    ok: true,
  } as unknown as CheckSummary;
}

const tableOf = (text: string) =>
  text.split('\n').filter((line) => /^ {2}cluster|^ {4}(makespan|pod-wait)/.test(line));

test('check summary: cluster figures of usual width stay in 10-character columns', () => {
  const table = tableOf(
    formatCheckSummaryText(
      summaryWith([
        { name: 'pod-wait', unit: 'ms', samples: 40, mean: 1200, p50: 1000, p95: 3000, max: 4100 },
      ]),
    ),
  );
  assert.equal(table, [
    `  cluster (per PipelineRun or TaskRun; rates per seed)   ${'mean'.padStart(10)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'max'.padStart(10)}       n`,
    `    ${'pod-wait'.padEnd(51)}${'1.2s'.padStart(10)}${'1s'.padStart(10)}${'3s'.padStart(10)}${'4.1s'.padStart(10)}      40`,
  ]);
});

test('check summary: a value wider than its column widens every value column, two spaces apart', () => {
  const hours = (h: number, m: number, s: number) => ((h * 60 + m) * 60 + s) * 1000;
  const table = tableOf(
    formatCheckSummaryText(
      summaryWith([
        {
          name: 'makespan',
          unit: 'ms',
          samples: 12_345_678,
          mean: hours(2, 0, 38),
          p50: hours(2, 11, 13.1),
          p95: hours(2, 18, 23.5),
          max: hours(2, 19, 20.8),
        },
        { name: 'pod-wait', unit: 'ms', samples: 40, mean: 200, p50: 200, p95: 300, max: 500 },
      ]),
    ),
  );
  // '2h11m13.1s' is 10 characters: the columns become 12 wide, the samples 10.
  assert.equal(table, [
    `  cluster (per PipelineRun or TaskRun; rates per seed)   ${'mean'.padStart(12)}${'p50'.padStart(12)}${'p95'.padStart(12)}${'max'.padStart(12)}${'n'.padStart(10)}`,
    `    ${'makespan'.padEnd(51)}     2h0m38s  2h11m13.1s  2h18m23.5s  2h19m20.8s  12345678`,
    `    ${'pod-wait'.padEnd(51)}${'200ms'.padStart(12)}${'200ms'.padStart(12)}${'300ms'.padStart(12)}${'500ms'.padStart(12)}        40`,
  ]);
});

test.run();
