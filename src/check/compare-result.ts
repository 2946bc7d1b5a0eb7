// `tekton-sim compare`: the same seeds through A and B, so the named random streams give both
// the same draws wherever the two agree (common random numbers), and each metric is judged on
// its seed-by-seed difference. Computed once, rendered by pure formatters like the report.
import type { PartialRun } from './partial-run.js';
import type { RowValue } from './metric-samples.js';
import { replayCommand, REPORT_SCHEMA_VERSION, type ReportScenarioInput } from './report-result.js';
import { type RowValueSource, rowValueSources } from './store/samples.js';
import type { ScenarioStore } from './store/scenario-store.js';
import {
  mcnemar,
  pairedDifference,
  shareOf,
  type Interval,
  type McNemarTest,
} from './statistics.js';

/** How many seeds whose outcome changed are listed with their replay commands. */
export const CHANGED_SEED_EXAMPLES = 20;

export type Verdict = 'better' | 'worse' | 'no significant difference';

export interface MetricComparison {
  name: string;
  unit: RowValue['unit'];
  /** Seeds where both A and B have a value. */
  n: number;
  a: number;
  b: number;
  difference: number;
  interval: Interval;
  verdict: Verdict;
}

export interface OutcomeComparison {
  status: string;
  reason: string;
  a: { runs: number; share: number };
  b: { runs: number; share: number };
}

export interface ChangedSeed {
  seed: number;
  a: string;
  b: string;
  replayA: string;
  replayB: string;
}

export interface CompareResult {
  schemaVersion: number;
  tool: { name: 'tekton-sim'; version: string };
  a: ReportScenarioInput;
  b: ReportScenarioInput;
  seeds: { first: number; last: number };
  runs: number;
  metrics: MetricComparison[];
  outcomes: OutcomeComparison[];
  /** McNemar's test on Succeeded or not, seed by seed. */
  succeeded: McNemarTest & { verdict: Verdict };
  changedSeeds: { count: number; examples: ChangedSeed[] };
  /** Present only when the run stopped early: which seeds ran (the same on both sides). */
  partial?: PartialRun;
}

/** Shares are better higher (finally completes); times and counts are better lower. */
function verdictOf(unit: RowValue['unit'], interval: Interval): Verdict {
  if (interval.low <= 0 && interval.high >= 0) return 'no significant difference';
  const increased = interval.low > 0;
  return increased === (unit === 'share') ? 'better' : 'worse';
}

/** Seeds both sides ran, as positions in each store, in seed order. */
interface Pairs {
  a: ScenarioStore;
  b: ScenarioStore;
  /** Position in A of each pair; B's is found by seed. */
  indexA: Int32Array;
  indexB: Int32Array;
}

function pairsOf(a: ScenarioStore, b: ScenarioStore): Pairs {
  const indexA: number[] = [];
  const indexB: number[] = [];
  for (let index = 0; index < a.seeds; index++) {
    const other = a.seedAt(index) - b.firstSeed;
    if (b.seeds > 0 && other >= 0 && other < b.seeds) {
      indexA.push(index);
      indexB.push(other);
    }
  }
  return { a, b, indexA: Int32Array.from(indexA), indexB: Int32Array.from(indexB) };
}

export function buildCompareResult(
  a: ReportScenarioInput,
  b: ReportScenarioInput,
  storeA: ScenarioStore,
  storeB: ScenarioStore,
  version: string,
): CompareResult {
  const pairs = pairsOf(storeA, storeB);
  const n = pairs.indexA.length;
  const outcome = (store: ScenarioStore, index: number) =>
    [store.statusOf(index), store.reasonOf(index)] as const;
  const changed: number[] = [];
  let onlyA = 0;
  let onlyB = 0;
  for (let pair = 0; pair < n; pair++) {
    const [statusA, reasonA] = outcome(storeA, pairs.indexA[pair]);
    const [statusB, reasonB] = outcome(storeB, pairs.indexB[pair]);
    if (statusA !== statusB || reasonA !== reasonB) changed.push(pair);
    if (statusA === 'True' && statusB !== 'True') onlyA++;
    if (statusA !== 'True' && statusB === 'True') onlyB++;
  }
  const test = mcnemar(onlyA, onlyB);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'tekton-sim', version },
    a,
    b,
    seeds: a.seeds,
    runs: n,
    metrics: compareMetrics(pairs),
    outcomes: compareOutcomes(pairs),
    succeeded: {
      ...test,
      // Succeeding is better: more seeds that only B passes is B better.
      verdict:
        test.pValue >= 0.05 ? 'no significant difference' : onlyB > onlyA ? 'better' : 'worse',
    },
    changedSeeds: {
      count: changed.length,
      examples: changed.slice(0, CHANGED_SEED_EXAMPLES).map((pair) => {
        const seed = storeA.seedAt(pairs.indexA[pair]);
        const [statusA, reasonA] = outcome(storeA, pairs.indexA[pair]);
        const [statusB, reasonB] = outcome(storeB, pairs.indexB[pair]);
        return {
          seed,
          a: `${statusA}/${reasonA}`,
          b: `${statusB}/${reasonB}`,
          replayA: replayCommand(a, seed),
          replayB: replayCommand(b, seed),
        };
      }),
    },
  };
}

/**
 * Each metric on the first row of every seed both sides measured it on, paired by seed. A
 * metric's place is where it first appears, pair by pair, as when the rows were read in order.
 */
function compareMetrics(pairs: Pairs): MetricComparison[] {
  const firstRow = (store: ScenarioStore, index: number) => {
    const [start, end] = store.rowRange(index);
    return end > start ? start : -1;
  };
  const sourcesA = rowValueSources(pairs.a.rows);
  const sourcesB = new Map(rowValueSources(pairs.b.rows).map((source) => [source.name, source]));
  const rowsA = Int32Array.from(pairs.indexA, (index) => firstRow(pairs.a, index));
  const rowsB = Int32Array.from(pairs.indexB, (index) => firstRow(pairs.b, index));
  const both = (sourceA: RowValueSource, pair: number): [number, number] | undefined => {
    const sourceB = sourcesB.get(sourceA.name);
    if (!sourceB || rowsA[pair] < 0 || rowsB[pair] < 0) return undefined;
    const valueA = sourceA.get(rowsA[pair]);
    const valueB = sourceB.get(rowsB[pair]);
    return valueA === undefined || valueB === undefined ? undefined : [valueA, valueB];
  };
  const order: RowValueSource[] = [];
  const seen = new Set<string>();
  for (let pair = 0; pair < rowsA.length && seen.size < sourcesA.length; pair++)
    for (const source of sourcesA)
      if (!seen.has(source.name) && both(source, pair)) {
        seen.add(source.name);
        order.push(source);
      }
  return order.flatMap((source) => {
    const valuesA: number[] = [];
    const valuesB: number[] = [];
    for (let pair = 0; pair < rowsA.length; pair++) {
      const values = both(source, pair);
      if (!values) continue;
      valuesA.push(values[0]);
      valuesB.push(values[1]);
    }
    const difference = pairedDifference(Float64Array.from(valuesA), Float64Array.from(valuesB));
    if (!difference) return [];
    return [
      {
        name: source.name,
        unit: source.unit,
        n: difference.n,
        a: difference.meanA,
        b: difference.meanB,
        difference: difference.mean,
        interval: difference.interval,
        verdict: verdictOf(source.unit, difference.interval),
      },
    ];
  });
}

function compareOutcomes(pairs: Pairs): OutcomeComparison[] {
  const counts = new Map<string, OutcomeComparison>();
  const count = (store: ScenarioStore, index: number, side: 'a' | 'b') => {
    const status = store.statusOf(index);
    const reason = store.reasonOf(index);
    const key = `${status}\u0000${reason}`;
    const entry = counts.get(key) ?? {
      status,
      reason,
      a: { runs: 0, share: 0 },
      b: { runs: 0, share: 0 },
    };
    entry[side].runs++;
    counts.set(key, entry);
  };
  const n = pairs.indexA.length;
  for (let pair = 0; pair < n; pair++) {
    count(pairs.a, pairs.indexA[pair], 'a');
    count(pairs.b, pairs.indexB[pair], 'b');
  }
  return [...counts.values()]
    .map((entry) => ({
      ...entry,
      a: { runs: entry.a.runs, share: shareOf(entry.a.runs, n).share },
      b: { runs: entry.b.runs, share: shareOf(entry.b.runs, n).share },
    }))
    .sort(
      (x, y) =>
        y.a.runs + y.b.runs - (x.a.runs + x.b.runs) ||
        (x.reason < y.reason ? -1 : x.reason > y.reason ? 1 : 0) ||
        (x.status < y.status ? -1 : x.status > y.status ? 1 : 0),
    );
}
