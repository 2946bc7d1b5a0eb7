// `tekton-sim compare`: the same seeds through A and B, so the named random streams give both
// the same draws wherever the two agree (common random numbers), and each metric is judged on
// its seed-by-seed difference. Computed once, rendered by pure formatters like the report.
import type { PartialRun } from './partial-run.js';
import { rowValues, type RowValue } from './metric-samples.js';
import { replayCommand, REPORT_SCHEMA_VERSION, type ReportScenarioInput } from './report-result.js';
import type { SeedResult } from './seed-result.js';
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

export function buildCompareResult(
  a: ReportScenarioInput,
  b: ReportScenarioInput,
  resultsA: readonly SeedResult[],
  resultsB: readonly SeedResult[],
  version: string,
): CompareResult {
  const bySeedB = new Map(resultsB.map((result) => [result.seed, result]));
  const pairs = resultsA.flatMap((resultA) => {
    const resultB = bySeedB.get(resultA.seed);
    return resultB ? [[resultA, resultB] as const] : [];
  });
  const changed = pairs.filter(
    ([resultA, resultB]) => resultA.status !== resultB.status || resultA.reason !== resultB.reason,
  );
  const onlyA = pairs.filter(([x, y]) => x.status === 'True' && y.status !== 'True').length;
  const onlyB = pairs.filter(([x, y]) => x.status !== 'True' && y.status === 'True').length;
  const test = mcnemar(onlyA, onlyB);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'tekton-sim', version },
    a,
    b,
    seeds: a.seeds,
    runs: pairs.length,
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
      examples: changed.slice(0, CHANGED_SEED_EXAMPLES).map(([resultA, resultB]) => ({
        seed: resultA.seed,
        a: `${resultA.status}/${resultA.reason}`,
        b: `${resultB.status}/${resultB.reason}`,
        replayA: replayCommand(a, resultA.seed),
        replayB: replayCommand(b, resultB.seed),
      })),
    },
  };
}

function compareMetrics(pairs: readonly (readonly [SeedResult, SeedResult])[]): MetricComparison[] {
  const columns = new Map<string, { unit: RowValue['unit']; a: number[]; b: number[] }>();
  for (const [resultA, resultB] of pairs) {
    if (!resultA.metrics || !resultB.metrics) continue;
    const valuesA = rowValues(resultA.metrics);
    const valuesB = rowValues(resultB.metrics);
    for (const [name, valueA] of valuesA) {
      const valueB = valuesB.get(name);
      if (valueB === undefined) continue;
      const column = columns.get(name) ?? { unit: valueA.unit, a: [], b: [] };
      columns.set(name, column);
      column.a.push(valueA.value);
      column.b.push(valueB.value);
    }
  }
  return [...columns].flatMap(([name, column]) => {
    const difference = pairedDifference(column.a, column.b);
    if (!difference) return [];
    return [
      {
        name,
        unit: column.unit,
        n: difference.n,
        a: difference.meanA,
        b: difference.meanB,
        difference: difference.mean,
        interval: difference.interval,
        verdict: verdictOf(column.unit, difference.interval),
      },
    ];
  });
}

function compareOutcomes(
  pairs: readonly (readonly [SeedResult, SeedResult])[],
): OutcomeComparison[] {
  const counts = new Map<string, OutcomeComparison>();
  const count = (result: SeedResult, side: 'a' | 'b') => {
    const key = `${result.status}\u0000${result.reason}`;
    const entry = counts.get(key) ?? {
      status: result.status,
      reason: result.reason,
      a: { runs: 0, share: 0 },
      b: { runs: 0, share: 0 },
    };
    entry[side].runs++;
    counts.set(key, entry);
  };
  for (const [resultA, resultB] of pairs) {
    count(resultA, 'a');
    count(resultB, 'b');
  }
  const n = pairs.length;
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
