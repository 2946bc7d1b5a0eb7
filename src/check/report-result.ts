// The one result object of `tekton-sim report`, computed once from every seed's outcome;
// Markdown, CSV, JSON and HTML are pure formatters over it. Worker count and wall-clock time
// stay out, so the same scenarios and seeds give the same bytes on any machine, with any
// number of workers, and after merging shards. The engine's speed travels separately
// (EngineSpeed) because it describes this machine, not the pipeline.
import type { SeedResult } from './seed-result.js';
import { buildCheckSummary, type ScenarioSummary } from './summary.js';
import { isTimeoutSkip, PipelineRunReason, SkipReason, TaskRunReason } from '../model/reasons.js';
import { sampleRuns, type MetricUnit } from './metric-samples.js';
import type { SeriesAccumulator } from './time-series.js';
import { timeSeriesReport, type TimeSeriesReport } from './time-series-report.js';
import {
  cdf,
  histogram,
  shareOf,
  summarise,
  type CdfPoint,
  type DistributionSummary,
  type HistogramBin,
  type ShareEstimate,
} from './statistics.js';

/** Bumped whenever a field changes meaning or goes away; adding fields keeps it. */
export const REPORT_SCHEMA_VERSION = 1;

/** What `report` needs to know of one scenario besides its runs: plain data, so a shard can carry it. */
export interface ReportScenarioInput {
  name: string;
  file: string;
  profile: string;
  seeds: { first: number; last: number };
  /** True when the file holds several scenarios, so replay commands name this one. */
  namedInReplay: boolean;
  /** True when the profile was chosen on the command line, so replay commands must name it. */
  profileChosen?: boolean;
}

export interface MetricLine extends DistributionSummary {
  name: string;
  unit: MetricUnit;
}

export interface ScenarioReport {
  name: string;
  file: string;
  profile: string;
  seeds: { first: number; last: number };
  runs: number;
  outcomes: ({ status: string; reason: string } & ShareEstimate)[];
  /** Boolean metrics (finally completion among them): the share of runs where they held. */
  shares: ({ name: string } & ShareEstimate)[];
  metrics: MetricLine[];
  tasks: { task: string; metrics: MetricLine[] }[];
  timeouts: ({ kind: string; description: string } & ShareEstimate)[];
  makespanHistogramMs: HistogramBin[];
  makespanCdfMs: CdfPoint[];
  /** Utilisation, TaskRuns running and queues over time, mean and p95 over seeds; see README. */
  timeSeries?: TimeSeriesReport;
  invariants: ScenarioSummary['invariants'];
  findings: ScenarioSummary['findings'];
  engine: { events: number; eventsPerRunMean: number };
}

export interface ReportResult {
  schemaVersion: number;
  tool: { name: 'tekton-sim'; version: string };
  runs: number;
  scenarios: ScenarioReport[];
  violatedInvariants: number;
}

/** This machine's speed: printed apart from the results, never in a golden file. */
export interface EngineSpeed {
  wallMs: number;
  runs: number;
  events: number;
  workers: number;
}

export function replayCommand(input: ReportScenarioInput, seed: number): string {
  const named = input.namedInReplay ? ` --scenario ${input.name}` : '';
  const profile = input.profileChosen ? ` --profile ${input.profile}` : '';
  return `tekton-sim replay ${input.file} --seed ${seed}${named}${profile}`;
}

export function buildReportResult(
  inputs: readonly ReportScenarioInput[],
  results: readonly SeedResult[],
  version: string,
  /** Each input's series over time, in input order, when the runner accumulated them. */
  series?: readonly SeriesAccumulator[],
): ReportResult {
  const scenarios = inputs.map((input, index) =>
    scenarioReport(
      input,
      results.filter((result) => result.file === input.file && result.scenario === input.name),
      series?.[index],
    ),
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'tekton-sim', version },
    runs: results.length,
    scenarios,
    violatedInvariants: scenarios.reduce(
      (sum, scenario) => sum + scenario.invariants.filter((line) => !line.held).length,
      0,
    ),
  };
}

function scenarioReport(
  input: ReportScenarioInput,
  results: readonly SeedResult[],
  series: SeriesAccumulator | undefined,
): ScenarioReport {
  const timeSeries = series ? timeSeriesReport(series) : undefined;
  const runs = results.length;
  const checked = buildCheckSummary(
    [{ ...input, replay: (seed) => replayCommand(input, seed), expectations: [] }],
    results,
    false,
  ).scenarios[0];
  // With a cluster a seed runs many PipelineRuns; every one of them is a row, as check pools them.
  const rows = results.flatMap(
    (result) => result.runMetrics ?? (result.metrics ? [result.metrics] : []),
  );
  const samples = sampleRuns(rows);
  const makespans = samples.metrics.find((sample) => sample.field === 'makespanMs')?.values ?? [];
  const events = results.reduce((sum, result) => sum + result.eventCount, 0);
  return {
    name: input.name,
    file: input.file,
    profile: input.profile,
    seeds: input.seeds,
    runs,
    outcomes: outcomeShares(results),
    shares: samples.flags.map((flag) => ({ name: flag.name, ...shareOf(flag.trueCount, runs) })),
    metrics: metricLines(samples.metrics),
    tasks: samples.tasks.map(({ task, metrics }) => ({ task, metrics: metricLines(metrics) })),
    timeouts: timeoutShares(results),
    makespanHistogramMs: histogram(makespans),
    makespanCdfMs: cdf(makespans),
    ...(timeSeries ? { timeSeries } : {}),
    invariants: checked.invariants,
    findings: checked.findings,
    engine: { events, eventsPerRunMean: runs === 0 ? 0 : events / runs },
  };
}

function metricLines(
  samples: readonly { name: string; unit: MetricUnit; values: number[] }[],
): MetricLine[] {
  return samples.flatMap((sample) => {
    const summary = summarise(sample.values);
    return summary ? [{ name: sample.name, unit: sample.unit, ...summary }] : [];
  });
}

function outcomeShares(results: readonly SeedResult[]): ScenarioReport['outcomes'] {
  const counts = new Map<string, { status: string; reason: string; count: number }>();
  for (const { status, reason } of results) {
    const key = `${status}\u0000${reason}`;
    const entry = counts.get(key) ?? { status, reason, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()]
    .sort(
      (a, b) =>
        b.count - a.count || compareText(a.reason, b.reason) || compareText(a.status, b.status),
    )
    .map(({ status, reason, count }) => ({ status, reason, ...shareOf(count, results.length) }));
}

/** The ways a deadline shows in a run, each counted as the share of runs it hit. */
const TIMEOUT_KINDS: { kind: string; description: string; hit(result: SeedResult): boolean }[] = [
  {
    kind: 'pipelinerun',
    description: 'the run ended PipelineRunTimeout',
    hit: (result) => result.reason === PipelineRunReason.PipelineRunTimeout,
  },
  {
    kind: 'taskrun',
    description: 'a TaskRun attempt ran past its own timeout',
    hit: (result) =>
      result.attempts?.some((attempt) => attempt.reason === TaskRunReason.TaskRunTimeout) ?? false,
  },
  ...[SkipReason.PipelineTimedOut, SkipReason.TasksTimedOut, SkipReason.FinallyTimedOut].map(
    (reason) => ({
      kind: `skip: ${reason}`,
      description: 'a task was skipped because that deadline had passed',
      hit: (result: SeedResult) =>
        Object.values(result.metrics?.tasks ?? {}).some(
          (task) => task.skipReason === reason && isTimeoutSkip(reason),
        ),
    }),
  ),
];

function timeoutShares(results: readonly SeedResult[]): ScenarioReport['timeouts'] {
  return TIMEOUT_KINDS.map(({ kind, description, hit }) => ({
    kind,
    description,
    ...shareOf(results.filter(hit).length, results.length),
  }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
