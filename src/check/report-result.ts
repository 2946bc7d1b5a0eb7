// The one result object of `tekton-sim report`, computed once from every seed's outcome;
// Markdown, CSV, JSON and HTML are pure formatters over it. Worker count and wall-clock time
// stay out, so the same scenarios and seeds give the same bytes on any machine, with any
// number of workers, and after merging shards. The engine's speed travels separately
// (EngineSpeed) because it describes this machine, not the pipeline.
import type { PartialRun } from './partial-run.js';
import type { MetricUnit } from './metric-samples.js';
import { forEachOutcome, outcomeCount } from './store/outcomes.js';
import type { ScenarioStore } from './store/scenario-store.js';
import { timeSeriesReport, type TimeSeriesReport } from './time-series-report.js';
import { type SampleSource, storeSamples } from './store/samples.js';
import { buildCheckSummary, type ScenarioSummary } from './summary.js';
import type { TimeoutShare } from './timeout-shares.js';
import {
  cdfSorted,
  histogramSorted,
  shareOf,
  summariseSorted,
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
  /** Tekton ConfigMap files given on the command line, which replay commands must name. */
  configMapFiles?: readonly string[];
  /** Tekton settings from ConfigMaps that differ from the simulator's defaults (`key=value`). */
  tektonConfig?: string[];
}

export interface MetricLine extends DistributionSummary {
  name: string;
  unit: MetricUnit;
}

export interface ScenarioReport {
  name: string;
  file: string;
  profile: string;
  /** Tekton settings from ConfigMaps that differ from the simulator's defaults. */
  tektonConfig?: string[];
  seeds: { first: number; last: number };
  /** Seeds run. */
  runs: number;
  /**
   * With a cluster: the PipelineRuns of those seeds, which the outcomes and shares then count
   * (a seed's verdict would hide how many of its runs succeeded).
   */
  pipelineRuns?: number;
  outcomes: ({ status: string; reason: string } & ShareEstimate)[];
  /** Boolean metrics (finally completion among them): the share of runs where they held. */
  shares: ({ name: string } & ShareEstimate)[];
  metrics: MetricLine[];
  tasks: { task: string; metrics: MetricLine[] }[];
  timeouts: TimeoutShare[];
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
  /** Present only when the run stopped early: which seeds ran. */
  partial?: PartialRun;
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
  const configMaps = (input.configMapFiles ?? []).map((file) => ` --configmap ${file}`).join('');
  return `tekton-sim replay ${input.file} --seed ${seed}${named}${profile}${configMaps}`;
}

export function buildReportResult(
  inputs: readonly ReportScenarioInput[],
  stores: readonly ScenarioStore[],
  version: string,
): ReportResult {
  const scenarios = inputs.map((input, index) => scenarioReport(input, stores[index]));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'tekton-sim', version },
    runs: stores.reduce((sum, store) => sum + store.seeds, 0),
    scenarios,
    violatedInvariants: scenarios.reduce(
      (sum, scenario) => sum + scenario.invariants.filter((line) => !line.held).length,
      0,
    ),
  };
}

function scenarioReport(input: ReportScenarioInput, store: ScenarioStore): ScenarioReport {
  const runs = store.seeds;
  const checked = buildCheckSummary(
    [{ ...input, replay: (seed) => replayCommand(input, seed), expectations: [] }],
    [store],
    false,
  ).scenarios[0];
  // With a cluster a seed runs many PipelineRuns; every one of them is a row, as check pools them.
  const samples = storeSamples(store.rows);
  const makespans =
    samples.metrics.find((sample) => sample.field === 'makespanMs')?.sorted() ?? new Float64Array();
  const events = store.totalEvents();
  const counted = store.cluster ? outcomeCount(store) : runs;
  const timeSeries = store.series ? timeSeriesReport(store.series) : undefined;
  return {
    name: input.name,
    file: input.file,
    profile: input.profile,
    ...(input.tektonConfig && input.tektonConfig.length > 0
      ? { tektonConfig: input.tektonConfig }
      : {}),
    seeds: input.seeds,
    runs,
    ...(store.cluster ? { pipelineRuns: counted } : {}),
    outcomes: outcomeShares(store, counted),
    shares: samples.flags.map((flag) => ({
      name: flag.name,
      ...shareOf(flag.trueCount, counted),
    })),
    metrics: metricLines(samples.metrics),
    tasks: samples.tasks.map(({ task, metrics }) => ({ task, metrics: metricLines(metrics) })),
    timeouts: checked.timeouts,
    makespanHistogramMs: histogramSorted(makespans),
    makespanCdfMs: cdfSorted(makespans),
    ...(timeSeries ? { timeSeries } : {}),
    invariants: checked.invariants,
    findings: checked.findings,
    engine: { events, eventsPerRunMean: runs === 0 ? 0 : events / runs },
  };
}

/** One metric at a time, so only one sorted copy of one metric's values is alive at once. */
function metricLines(samples: readonly SampleSource[]): MetricLine[] {
  return samples.flatMap((sample) => {
    const summary = summariseSorted(sample.sorted());
    return summary ? [{ name: sample.name, unit: sample.unit, ...summary }] : [];
  });
}

function outcomeShares(store: ScenarioStore, counted: number): ScenarioReport['outcomes'] {
  const counts = new Map<string, { status: string; reason: string; count: number }>();
  forEachOutcome(store, (status, reason) => {
    const key = `${status}\u0000${reason}`;
    const entry = counts.get(key) ?? { status, reason, count: 0 };
    entry.count++;
    counts.set(key, entry);
  });
  return [...counts.values()]
    .sort(
      (a, b) =>
        b.count - a.count || compareText(a.reason, b.reason) || compareText(a.status, b.status),
    )
    .map(({ status, reason, count }) => ({ status, reason, ...shareOf(count, counted) }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
