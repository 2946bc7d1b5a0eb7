// A metric the report code has never heard of (as the cluster model adds them) must reach
// every format: the result object, Markdown, JSON, CSV.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { RunMetrics } from '../../src/check/metrics.js';
import type { SeedResult } from '../../src/check/seed-result.js';
import { buildCheckSummary } from '../../src/check/summary.js';
import {
  formatCheckSummaryMarkdown,
  formatCheckSummaryText,
} from '../../src/report/check-summary.js';
import { formatRunsCsv } from '../../src/report/report-csv.js';
import { formatReportJson } from '../../src/report/report-files.js';
import { formatReportMarkdown } from '../../src/report/report-markdown.js';
import { buildReportResult } from '../../src/check/report-result.js';
import { storesOf } from '../../src/check/store/scenario-store.js';

function seed(seed: number, podWaitMs: number[], queueLength: number): SeedResult {
  const metrics = {
    status: 'Succeeded' as const,
    reason: 'Succeeded',
    makespanMs: 1000 * seed,
    finallyCompletes: true,
    tasks: {
      a: { outcome: 'Succeeded' as const, attempts: 1, durationMs: 500, podStartMs: 20 * seed },
    },
    podWaitMs,
    queueLength,
    warmCache: seed % 2 === 0,
  };
  return {
    scenario: 's',
    file: 's.yaml',
    seed,
    status: 'True',
    reason: 'Succeeded',
    eventCount: 3,
    endTimeMs: 1000 * seed,
    violations: [],
    findings: [],
    metrics,
  };
}

const results = [seed(1, [10, 30], 2), seed(2, [20], 4)];
const result = buildReportResult(
  [
    {
      name: 's',
      file: 's.yaml',
      profile: 'v1.15',
      seeds: { first: 1, last: 2 },
      namedInReplay: false,
    },
  ],
  storesOf(results),
  '0.0.0-test',
);

test('report: unknown numeric fields become metrics with units from their names', () => {
  const scenario = result.scenarios[0];
  assert.equal(
    scenario.metrics.map((line) => [line.name, line.unit, line.n, line.max]),
    [
      ['makespan', 'ms', 2, 2000],
      ['pod-wait', 'ms', 3, 30],
      ['queue-length', 'count', 2, 4],
    ],
  );
  assert.equal(
    scenario.shares.map((share) => [share.name, share.count]),
    [
      ['finally-completes', 2],
      ['warm-cache', 1],
    ],
  );
  assert.equal(
    scenario.tasks[0].metrics.map((line) => line.name),
    ['attempts', 'duration', 'pod-start'],
  );
});

test('report: unknown fields reach Markdown, JSON and CSV', () => {
  const markdown = formatReportMarkdown(result);
  assert.match(markdown, /\| pod-wait \| 3 \| 20ms /);
  assert.match(markdown, /\| a pod-start \| 2 \|/);
  assert.match(markdown, /\| warm-cache \| 1 \| 50\.0% \|/);
  assert.match(formatReportJson(result), /"name": "queue-length"/);
  const csv = formatRunsCsv(storesOf(results)).split('\n');
  assert.is(
    csv[0],
    'scenario,file,seed,status,reason,events,makespan_ms,finally_completes,pod_wait_ms,queue_length,warm_cache,violated_invariants,known_bugs',
  );
  assert.is(csv[1], 's,s.yaml,1,True,Succeeded,3,1000,true,10;30,2,false,,');
});

test('report: metrics nested in a group (the cluster figures) are opened up and named by their own field', () => {
  const nested = [seed(1, [10], 2), seed(2, [20], 4)].map((result, index) => ({
    ...result,
    metrics: {
      ...(result.metrics as NonNullable<SeedResult['metrics']>),
      cluster: {
        queueWaitMs: 100 * (index + 1),
        schedulingLatencyMs: [5, 15],
        seed: { utilisation: 0.5 + index / 4, pipelineRunsPerHour: 12 },
      },
    },
  })) as SeedResult[];
  const report = buildReportResult(
    [
      {
        name: 's',
        file: 's.yaml',
        profile: 'v1.15',
        seeds: { first: 1, last: 2 },
        namedInReplay: false,
      },
    ],
    storesOf(nested),
    '0.0.0-test',
  );
  const names = report.scenarios[0].metrics.map((line) => line.name);
  for (const name of ['queue-wait', 'scheduling-latency', 'utilisation', 'pipeline-runs-per-hour'])
    assert.ok(names.includes(name), name);
  assert.is(report.scenarios[0].metrics.find((line) => line.name === 'scheduling-latency')?.n, 4);
  const header = formatRunsCsv(storesOf(nested)).split('\n')[0];
  assert.match(header, /,queue_wait_ms,scheduling_latency_ms,utilisation,pipeline_runs_per_hour,/);
});

test('report: with a cluster every PipelineRun of a seed is a row of the metrics', () => {
  const fleet = [seed(1, [10], 2)].map((result) => ({
    ...result,
    runMetrics: [result.metrics, { ...result.metrics, makespanMs: 5000 }],
  })) as SeedResult[];
  const report = buildReportResult(
    [
      {
        name: 's',
        file: 's.yaml',
        profile: 'v1.15',
        seeds: { first: 1, last: 1 },
        namedInReplay: false,
      },
    ],
    storesOf(fleet),
    '0.0.0-test',
  );
  const makespan = report.scenarios[0].metrics.find((line) => line.name === 'makespan');
  assert.is(makespan?.n, 2);
  assert.is(makespan?.max, 5000);
});

test('cluster: the runs CSV has one row per PipelineRun, and outcomes count PipelineRuns, not seeds', () => {
  const first = seed(1, [10], 2);
  const second = seed(2, [20], 4);
  const ok = first.metrics as RunMetrics;
  const late: RunMetrics = {
    ...ok,
    status: 'Failed',
    reason: 'PipelineRunTimeout',
    makespanMs: 5000,
  };
  // A seed is Failed when any of its PipelineRuns failed: here 1 seed in 2, but 1 run in 4.
  const fleet: SeedResult[] = [
    {
      ...first,
      status: 'Failed',
      reason: 'PipelineRunTimeout',
      runMetrics: [ok, late, ok],
      pipelineRuns: [
        { name: 'build', arrivalMs: 0 },
        { name: 'scan', arrivalMs: 1500 },
        { name: 'build', arrivalMs: 3000 },
      ],
    },
    {
      ...second,
      status: 'Succeeded',
      runMetrics: [second.metrics as RunMetrics],
      pipelineRuns: [{ name: 'build', arrivalMs: 0 }],
    },
  ];
  const stores = storesOf(fleet);
  const csv = formatRunsCsv(stores).split('\n');
  assert.is(
    csv[0],
    'scenario,file,seed,pipelinerun_index,arrival_ms,pipelinerun,status,reason,events,makespan_ms,finally_completes,pod_wait_ms,queue_length,warm_cache,violated_invariants,known_bugs',
  );
  assert.equal(csv.slice(1), [
    's,s.yaml,1,0,0,build,True,Succeeded,3,1000,true,10,2,false,,',
    's,s.yaml,1,1,1500,scan,False,PipelineRunTimeout,3,5000,true,10,2,false,,',
    's,s.yaml,1,2,3000,build,True,Succeeded,3,1000,true,10,2,false,,',
    's,s.yaml,2,0,0,build,True,Succeeded,3,2000,true,20,4,true,,',
    '',
  ]);
  const input = {
    name: 's',
    file: 's.yaml',
    profile: 'v1.15',
    seeds: { first: 1, last: 2 },
    namedInReplay: false,
  };
  const report = buildReportResult([input], stores, '0.0.0-test').scenarios[0];
  assert.is(report.pipelineRuns, 4);
  assert.equal(
    report.outcomes.map((outcome) => [outcome.status, outcome.reason, outcome.count, outcome.n]),
    [
      ['True', 'Succeeded', 3, 4],
      ['False', 'PipelineRunTimeout', 1, 4],
    ],
  );
  assert.match(
    formatReportMarkdown(buildReportResult([input], stores, '0.0.0-test')),
    /\| Status \| Reason \| PipelineRuns \| Share \| 95% interval \|/,
  );
  const summary = buildCheckSummary(
    [{ ...input, replay: (n) => `replay ${n}`, expectations: [], cluster: true }],
    stores,
    false,
  );
  assert.equal(summary.scenarios[0].reasons, [
    { reason: 'Succeeded', runs: 3, share: 0.75 },
    { reason: 'PipelineRunTimeout', runs: 1, share: 0.25 },
  ]);
  assert.match(formatCheckSummaryText(summary), /\n {2}outcomes of 4 PipelineRuns\n/);
  assert.match(formatCheckSummaryMarkdown(summary), /\| Outcome \| PipelineRuns \| Share \|/);
});

test.run();
