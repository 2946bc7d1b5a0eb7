// What an outcome table counts. A seed of a plain scenario is one PipelineRun, counted by its
// condition. A seed of a shared cluster runs many, and counting the seed (Failed when any of
// its runs failed) would say most runs failed when most succeeded, so each of its PipelineRuns
// is counted by its own condition; a seed that never finished counts once, as it ended.
import type { ScenarioStore } from './scenario-store.js';

/** RunMetrics' status (`Succeeded`, `Failed`, `Unknown`) as the condition status it stands for. */
export function conditionStatusOf(rowStatus: string | undefined): string {
  return rowStatus === 'Succeeded' ? 'True' : rowStatus === 'Failed' ? 'False' : 'Unknown';
}

/** Calls `visit` with the condition status and reason of each run the table counts. */
export function forEachOutcome(
  store: ScenarioStore,
  visit: (status: string, reason: string) => void,
): void {
  for (let index = 0; index < store.seeds; index++) {
    const [start, end] = store.rowRange(index);
    if (!store.cluster || end === start) {
      visit(store.statusOf(index), store.reasonOf(index));
      continue;
    }
    for (let row = start; row < end; row++)
      visit(conditionStatusOf(store.rows.statusOf(row)), store.rows.reasonOf(row) ?? '');
  }
}

/**
 * How many runs forEachOutcome visits with each reason, and in all: counted by the reasons'
 * codes, one pass over the columns, instead of a call and a map update per run.
 */
export function reasonCounts(store: ScenarioStore): {
  counts: Map<string, number>;
  counted: number;
} {
  // A reason missing (NaN) is counted as '', in the slot after each table's codes.
  const seedWords = store.words.strings;
  const seedCounts = new Float64Array(seedWords.length + 1);
  const rowWords = store.rows.words.strings;
  const rowCounts = new Float64Array(rowWords.length + 1);
  if (!store.cluster) store.reason.tally(seedCounts, 0, store.seeds);
  else {
    // Each seed's rows follow the last seed's, so its rows are all rows up to the last end;
    // a seed that has none (it never finished) is counted by its own reason.
    const rowsOfSeeds = store.seeds === 0 ? 0 : store.rowEnd.get(store.seeds - 1);
    store.rows.reason.tally(rowCounts, 0, rowsOfSeeds);
    for (const index of store.rowEnd.repeatedRows(0, store.seeds)) {
      const code = store.reason.get(index);
      seedCounts[Number.isNaN(code) ? seedWords.length : code]++;
    }
  }
  const counts = new Map<string, number>();
  let counted = 0;
  const add = (reason: string, count: number) => {
    if (count === 0) return;
    counts.set(reason, (counts.get(reason) ?? 0) + count);
    counted += count;
  };
  seedCounts.forEach((count, code) => add(seedWords[code] ?? '', count));
  rowCounts.forEach((count, code) => add(rowWords[code] ?? '', count));
  return { counts, counted };
}

/** How many runs the table counts: seeds, or with a cluster PipelineRuns. */
export function outcomeCount(store: ScenarioStore): number {
  let count = 0;
  forEachOutcome(store, () => {
    count++;
  });
  return count;
}

/** One line of a per-run CSV: a seed, or with a cluster one PipelineRun of a seed. */
export interface RunLine {
  /** The seed's position in the store. */
  index: number;
  /** The PipelineRun's row, or -1 for a seed that has none (it never finished). */
  row: number;
  /** The PipelineRun's place among its seed's (0 for a plain scenario); undefined without a row. */
  runIndex?: number;
  status: string;
  reason: string;
}

/** The lines of a per-run CSV in seed order: with a cluster one per PipelineRun. */
export function* runLines(store: ScenarioStore): Generator<RunLine> {
  for (let index = 0; index < store.seeds; index++) {
    const [start, end] = store.rowRange(index);
    if (!store.cluster || end === start) {
      yield {
        index,
        row: end > start ? start : -1,
        ...(end > start ? { runIndex: 0 } : {}),
        status: store.statusOf(index),
        reason: store.reasonOf(index),
      };
      continue;
    }
    for (let row = start; row < end; row++)
      yield {
        index,
        row,
        runIndex: row - start,
        status: conditionStatusOf(store.rows.statusOf(row)),
        reason: store.rows.reasonOf(row) ?? '',
      };
  }
}
