// The summary of a `check`, computed once from every seed's checked outcome: per scenario,
// the outcomes, each invariant held or violated (with its first seeds and their replay
// commands), the known Tekton bugs reproduced and the expectations. report/check-summary.ts
// renders it. Worker count and wall-clock time are kept out, so the same scenarios and seeds
// give the same bytes on any machine and any K.
import { quantileSorted } from 'simple-statistics';
import { INVARIANTS } from './invariants/index.js';
import type { ClusterRunMetrics, ClusterSeedMetrics } from './metrics.js';
import type { SeedResult } from './seed-result.js';

/** How many violating seeds each invariant lists with their replay command. */
export const EXAMPLE_SEEDS = 3;

export interface ExpectationLine {
  /** As the user wrote it, e.g. `makespan.p95 <= 40m`. */
  text: string;
  /** verdict === 'held'. */
  held: boolean;
  /** An inconclusive expectation is neither held nor violated: check still exits 0. */
  verdict: 'held' | 'violated' | 'inconclusive';
  observed: string;
  /** Confidence interval of the observed value, when the metric has one. */
  interval?: string;
}

export interface SeedExample {
  seed: number;
  message: string;
  replay: string;
}

export interface InvariantLine {
  name: string;
  description: string;
  held: boolean;
  violatedRuns: number;
  examples: SeedExample[];
}

export interface FindingLine {
  bug: string;
  runs: number;
  share: number;
  seeds: number[];
  message: string;
}

export interface ScenarioSummary {
  name: string;
  file: string;
  profile: string;
  seeds: { first: number; last: number };
  runs: number;
  reasons: { reason: string; runs: number; share: number }[];
  invariants: InvariantLine[];
  findings: FindingLine[];
  expectations: ExpectationLine[];
  /** With a cluster: where the time went, over every PipelineRun of every seed. */
  cluster?: ClusterFigure[];
}

/** One measured figure of a cluster scenario, e.g. pod-wait with its p50, p95 and max. */
export interface ClusterFigure {
  name: string;
  unit: 'ms' | 'count' | 'share';
  samples: number;
  mean: number;
  p50: number;
  p95: number;
  max: number;
}

export interface CheckSummary {
  settings: { paranoid: boolean; determinismSeeds: string };
  runs: number;
  scenarios: ScenarioSummary[];
  violatedInvariants: number;
  violatedExpectations: number;
  /** Expectations whose interval lies across the threshold; they do not make `ok` false. */
  inconclusiveExpectations: number;
  ok: boolean;
}

export interface ScenarioInput {
  name: string;
  file: string;
  profile: string;
  seeds: { first: number; last: number };
  /** The replay command for one seed, e.g. `tekton-sim replay f.yaml --seed 3`. */
  replay(seed: number): string;
  expectations: ExpectationLine[];
  /** The scenario has a cluster: its invariants and figures are shown. */
  cluster?: boolean;
}

export function buildCheckSummary(
  inputs: readonly ScenarioInput[],
  results: readonly SeedResult[],
  paranoid: boolean,
): CheckSummary {
  const scenarios = inputs.map((input) =>
    scenarioSummary(
      input,
      results.filter((result) => result.file === input.file && result.scenario === input.name),
    ),
  );
  const violatedInvariants = scenarios.reduce(
    (sum, scenario) => sum + scenario.invariants.filter((line) => !line.held).length,
    0,
  );
  const countExpectations = (verdict: ExpectationLine['verdict']) =>
    scenarios.reduce(
      (sum, scenario) =>
        sum + scenario.expectations.filter((line) => line.verdict === verdict).length,
      0,
    );
  const violatedExpectations = countExpectations('violated');
  const inconclusiveExpectations = countExpectations('inconclusive');
  return {
    settings: {
      paranoid,
      determinismSeeds: paranoid ? 'every seed' : 'up to 16 seeds per scenario, spread evenly',
    },
    runs: results.length,
    scenarios,
    violatedInvariants,
    violatedExpectations,
    inconclusiveExpectations,
    ok: violatedInvariants === 0 && violatedExpectations === 0,
  };
}

function scenarioSummary(input: ScenarioInput, results: readonly SeedResult[]): ScenarioSummary {
  const runs = results.length;
  const share = (count: number) => (runs === 0 ? 0 : count / runs);
  const reasonCounts = new Map<string, number>();
  for (const result of results)
    reasonCounts.set(result.reason, (reasonCounts.get(result.reason) ?? 0) + 1);
  const reasons = [...reasonCounts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reason, count]) => ({ reason, runs: count, share: share(count) }));
  const shown = INVARIANTS.filter((invariant) => input.cluster || invariant.kind !== 'cluster');
  const invariants = shown.map((invariant): InvariantLine => {
    const violating = results.filter((result) =>
      result.violations.some((violation) => violation.invariant === invariant.name),
    );
    return {
      name: invariant.name,
      description: invariant.description,
      held: violating.length === 0,
      violatedRuns: violating.length,
      examples: violating.slice(0, EXAMPLE_SEEDS).map((result) => ({
        seed: result.seed,
        message:
          result.violations.find((violation) => violation.invariant === invariant.name)?.message ??
          '',
        replay: input.replay(result.seed),
      })),
    };
  });
  const byBug = new Map<string, SeedResult[]>();
  for (const result of results) {
    for (const bug of new Set(result.findings.map((finding) => finding.bug)))
      byBug.set(bug, [...(byBug.get(bug) ?? []), result]);
  }
  const findings = [...byBug]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([bug, found]) => ({
      bug,
      runs: found.length,
      share: share(found.length),
      seeds: found.slice(0, EXAMPLE_SEEDS).map((result) => result.seed),
      message: found[0].findings.find((finding) => finding.bug === bug)?.message ?? '',
    }));
  return {
    name: input.name,
    file: input.file,
    profile: input.profile,
    seeds: input.seeds,
    runs,
    reasons,
    invariants,
    findings,
    expectations: input.expectations,
    ...(input.cluster ? { cluster: clusterFigures(results) } : {}),
  };
}

const LATENCIES: readonly [string, (cluster: ClusterRunMetrics) => readonly number[]][] = [
  ['queue-wait', (cluster) => [cluster.queueWaitMs]],
  ['scheduling-latency', (cluster) => cluster.schedulingLatencyMs],
  ['pod-wait', (cluster) => cluster.podWaitMs],
  ['pod-start', (cluster) => cluster.podStartMs],
  [
    'finally-delay',
    (cluster) => (cluster.finallyDelayMs === undefined ? [] : [cluster.finallyDelayMs]),
  ],
  ['throttled-by-quota', (cluster) => [cluster.throttledByQuotaMs]],
  ['throttled-by-node', (cluster) => [cluster.throttledByNodeMs]],
];

const RATES: readonly [string, ClusterFigure['unit'], (seed: ClusterSeedMetrics) => number][] = [
  ['throughput.pipelineruns-per-hour', 'count', (seed) => seed.pipelineRunsPerHour],
  ['throughput.taskruns-per-minute', 'count', (seed) => seed.taskRunsPerMinute],
  ['utilisation', 'share', (seed) => seed.utilisation],
];

/** The figures the issue names, pooled over every PipelineRun (latencies) or seed (rates). */
function clusterFigures(results: readonly SeedResult[]): ClusterFigure[] {
  const rows = results.flatMap((result) => result.runMetrics ?? []);
  const figures: ClusterFigure[] = [];
  const figure = (name: string, unit: ClusterFigure['unit'], values: number[]) => {
    if (values.length === 0) return;
    const sorted = values.sort((a, b) => a - b);
    figures.push({
      name,
      unit,
      samples: sorted.length,
      mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
      p50: quantileSorted(sorted, 0.5),
      p95: quantileSorted(sorted, 0.95),
      max: sorted[sorted.length - 1],
    });
  };
  figure(
    'makespan',
    'ms',
    rows.map((row) => row.makespanMs),
  );
  for (const [name, pick] of LATENCIES)
    figure(
      name,
      'ms',
      rows.flatMap((row) => (row.cluster ? [...pick(row.cluster)] : [])),
    );
  for (const [name, unit, pick] of RATES)
    figure(
      name,
      unit,
      rows.flatMap((row) => (row.cluster?.seed ? [pick(row.cluster.seed)] : [])),
    );
  return figures;
}
