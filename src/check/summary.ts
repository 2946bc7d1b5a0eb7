// The summary of a `check`, computed once from every seed's checked outcome: per scenario,
// the outcomes, each invariant held or violated (with its first seeds and their replay
// commands), the known Tekton bugs reproduced and the expectations. report/check-summary.ts
// renders it. Worker count and wall-clock time are kept out, so the same scenarios and seeds
// give the same bytes on any machine and any K.
import { INVARIANTS } from './invariants/index.js';
import type { PartialRun } from './partial-run.js';
import { quantileRanked } from './store/sorted-values.js';
import { reasonCounts } from './store/outcomes.js';
import type { RowStore } from './store/row-store.js';
import type { ScenarioStore } from './store/scenario-store.js';
import { timeoutShares, type TimeoutShare } from './timeout-shares.js';

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
  /** Tekton settings from ConfigMaps that differ from the simulator's defaults (`key=value`). */
  tektonConfig?: string[];
  seeds: { first: number; last: number };
  /** Seeds run. */
  runs: number;
  /** With a cluster: the PipelineRuns of those seeds, which `reasons` then counts. */
  pipelineRuns?: number;
  reasons: { reason: string; runs: number; share: number }[];
  /** The share of seeds that hit each kind of timeout, as `report` shows them. */
  timeouts: TimeoutShare[];
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
  settings: {
    paranoid: boolean;
    /** Which seeds run twice for the determinism check. */
    determinismSeeds: string;
    /** What is compared of a seed's two runs, on each engine. */
    determinismCompares: string;
  };
  /** Present only when the run stopped early: which seeds ran. */
  partial?: PartialRun;
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
  /** Tekton settings from ConfigMaps that differ from the simulator's defaults; none: absent. */
  tektonConfig?: string[];
  seeds: { first: number; last: number };
  /** The replay command for one seed, e.g. `tekton-sim replay f.yaml --seed 3`. */
  replay(seed: number): string;
  expectations: ExpectationLine[];
  /** The scenario has a cluster: its invariants and figures are shown. */
  cluster?: boolean;
}

export function buildCheckSummary(
  inputs: readonly ScenarioInput[],
  stores: readonly ScenarioStore[],
  paranoid: boolean,
): CheckSummary {
  const scenarios = inputs.map((input, index) => scenarioSummary(input, stores[index]));
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
      determinismCompares:
        'each run twice, result hashes compared on the kernel, trace hashes on the reference engine',
    },
    runs: stores.reduce((sum, store) => sum + store.seeds, 0),
    scenarios,
    violatedInvariants,
    violatedExpectations,
    inconclusiveExpectations,
    ok: violatedInvariants === 0 && violatedExpectations === 0,
  };
}

function scenarioSummary(input: ScenarioInput, store: ScenarioStore): ScenarioSummary {
  const runs = store.seeds;
  const share = (count: number) => (runs === 0 ? 0 : count / runs);
  // With a cluster the outcomes are of PipelineRuns (store/outcomes.ts), not of seeds.
  const { counts, counted } = reasonCounts(store);
  const reasons = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([reason, count]) => ({
      reason,
      runs: count,
      share: counted === 0 ? 0 : count / counted,
    }));
  const shown = INVARIANTS.filter((invariant) => input.cluster || invariant.kind !== 'cluster');
  const invariants = shown.map((invariant): InvariantLine => {
    const found = store.sparse.invariants.get(invariant.name);
    return {
      name: invariant.name,
      description: invariant.description,
      held: found === undefined,
      violatedRuns: found?.seeds ?? 0,
      examples: (found?.examples ?? []).slice(0, EXAMPLE_SEEDS).map((example) => ({
        seed: example.seed,
        message: example.message,
        replay: input.replay(example.seed),
      })),
    };
  });
  const findings = [...store.sparse.bugs]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([bug, found]) => ({
      bug,
      runs: found.seeds,
      share: share(found.seeds),
      seeds: found.examples.slice(0, EXAMPLE_SEEDS).map((example) => example.seed),
      message: found.examples[0]?.message ?? '',
    }));
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
    reasons,
    timeouts: timeoutShares(store),
    invariants,
    findings,
    expectations: input.expectations,
    ...(input.cluster ? { cluster: clusterFigures(store.rows) } : {}),
  };
}

/** The figures the issue names, pooled over every PipelineRun (latencies) or seed (rates). */
const CLUSTER_FIGURES: readonly [string, ClusterFigure['unit'], string][] = [
  ['makespan', 'ms', 'makespanMs'],
  ['queue-wait', 'ms', 'queueWaitMs'],
  ['scheduling-latency', 'ms', 'schedulingLatencyMs'],
  ['pod-wait', 'ms', 'podWaitMs'],
  ['pod-start', 'ms', 'podStartMs'],
  ['finally-delay', 'ms', 'finallyDelayMs'],
  ['deadline-lag', 'ms', 'deadlineLagMs'],
  ['throttled-by-quota', 'ms', 'throttledByQuotaMs'],
  ['throttled-by-node', 'ms', 'throttledByNodeMs'],
  ['throughput.pipelineruns-per-hour', 'count', 'pipelineRunsPerHour'],
  ['throughput.taskruns-per-minute', 'count', 'taskRunsPerMinute'],
  ['utilisation', 'share', 'utilisation'],
];

function clusterFigures(rows: RowStore): ClusterFigure[] {
  const figures: ClusterFigure[] = [];
  for (const [name, unit, field] of CLUSTER_FIGURES) {
    const entry = rows.metrics.field(field);
    if (!entry || entry.kind === 'flag') continue;
    const ranked = entry.values.ranked(false);
    if (ranked.length === 0) continue;
    figures.push({
      name,
      unit,
      samples: ranked.length,
      mean: ranked.sum / ranked.length,
      p50: quantileRanked(ranked, 0.5),
      p95: quantileRanked(ranked, 0.95),
      max: ranked.at(ranked.length - 1),
    });
  }
  return figures;
}
