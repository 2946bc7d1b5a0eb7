// `check --report DIR`: summary.md, summary.json and runs.csv, written as one set by the
// atomic writer, which also keeps a later check from overwriting a file the user put there.
import type { MetricField } from '../check/store/metric-columns.js';
import { RUN_COLUMNS, runCells, runLinesCsv } from '../report/report-csv.js';
import type { ScenarioStore } from '../check/store/scenario-store.js';
import type { CheckSummary } from '../check/summary.js';
import { formatCheckSummaryJson, formatCheckSummaryMarkdown } from '../report/check-summary.js';
import { writeOutputFiles } from './output-files.js';

export function writeCheckReport(
  directory: string,
  summary: CheckSummary,
  stores: readonly ScenarioStore[],
): string[] {
  return writeOutputFiles(
    directory,
    [
      { name: 'summary.md', text: formatCheckSummaryMarkdown(summary) },
      { name: 'summary.json', text: formatCheckSummaryJson(summary) },
      { name: 'runs.csv', text: runsCsvChunks(stores) },
    ],
    '--report',
  );
}

/**
 * runs.csv, a batch of rows per buffer: scenarios by name then file, each seed in order; with
 * a cluster one row per PipelineRun (report-csv.ts says which columns that adds).
 */
export function runsCsvChunks(stores: readonly ScenarioStore[]): Generator<Uint8Array> {
  const sorted = [...stores].sort((a, b) =>
    a.scenario < b.scenario
      ? -1
      : a.scenario > b.scenario
        ? 1
        : a.file < b.file
          ? -1
          : a.file > b.file
            ? 1
            : 0,
  );
  const perPipelineRun = stores.some((store) => store.cluster);
  const columns = [
    'scenario',
    'file',
    'seed',
    ...(perPipelineRun ? RUN_COLUMNS : []),
    'status',
    'reason',
    'makespan_ms',
    'finally_completes',
    'events',
    'violated_invariants',
    'known_bugs',
  ];
  return runLinesCsv(sorted, columns, (store) => {
    const makespan = store.rows.metrics.field('makespanMs');
    const finallyCompletes = store.rows.metrics.field('finallyCompletes');
    return (line) => [
      store.scenario,
      store.file,
      store.seedAt(line.index),
      ...(perPipelineRun ? runCells(store, line) : []),
      line.status,
      line.reason,
      cellOf(store, makespan, line.row),
      cellOf(store, finallyCompletes, line.row),
      store.eventCount.get(line.index),
      store.violatedOf(line.index),
      store.bugsOf(line.index),
    ];
  });
}

/** A number as it is, a yes/no as `true`/`false`, nothing (no row, no value) as empty. */
function cellOf(
  store: ScenarioStore,
  entry: MetricField | undefined,
  row: number,
): number | string {
  const value = entry && row >= 0 ? store.rows.metrics.value(entry, row) : undefined;
  if (typeof value === 'number') return value;
  return typeof value === 'boolean' ? String(value) : '';
}

export function runsCsv(stores: readonly ScenarioStore[]): string {
  return Buffer.concat([...runsCsvChunks(stores)]).toString('utf8');
}
