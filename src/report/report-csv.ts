// The runs as CSV for pandas or a spreadsheet (csv-stringify): one row per run (with a
// cluster, per PipelineRun: its condition, the seed's events and findings); the one row per
// TaskRun attempt is attempts-csv.ts. Metric columns come from the stored metric fields
// themselves, so a field added to RunMetrics becomes a column with no change here; names are
// snake case with the unit last. The file is made a batch of rows at a time, so a million
// seeds never hold the whole text.
import { CsvBytes, type CsvCell } from './csv-bytes.js';
import { stringify } from './csv-package.js';
import type { MetricField } from '../check/store/metric-columns.js';
import { type RunLine, runLines } from '../check/store/outcomes.js';
import type { ScenarioStore } from '../check/store/scenario-store.js';

/** Bytes of rows handed on at once: big enough that writes are few, small enough to stay light. */
const BATCH_BYTES = 1 << 18;

/** `makespanMs` becomes `makespan_ms`, `finallyCompletes` becomes `finally_completes`. */
export function columnName(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** The metric fields of every store, in the order they first appear over the stores. */
function csvFields(stores: readonly ScenarioStore[]): string[] {
  const fields: string[] = [];
  for (const store of stores)
    for (const entry of store.rows.metrics.fields)
      if (!fields.includes(entry.field)) fields.push(entry.field);
  return fields;
}

/**
 * Where a row's PipelineRun sits: its place among its seed's runs, when it arrived and its
 * name. Only when some scenario has a cluster, whose seeds are then one row per PipelineRun;
 * without one the columns stay as they were.
 */
export const RUN_COLUMNS = ['pipelinerun_index', 'arrival_ms', 'pipelinerun'];

/**
 * A CSV of one row per run line (per seed; with a cluster per PipelineRun), header first and
 * then the rows' UTF-8 bytes in batches. `cellsOf` is asked once per store for the function
 * that makes a line's cells, so per-store lookups (metric columns) are done once, not per row.
 */
export function* runLinesCsv(
  stores: readonly ScenarioStore[],
  columns: readonly string[],
  cellsOf: (store: ScenarioStore) => (line: RunLine) => CsvCell[],
): Generator<Uint8Array> {
  yield Buffer.from(stringify([], { header: true, columns: [...columns] }), 'utf8');
  const out = new CsvBytes(BATCH_BYTES + (1 << 12));
  for (const store of stores) {
    const cells = cellsOf(store);
    for (const line of runLines(store)) {
      out.record(cells(line));
      if (out.size >= BATCH_BYTES) yield out.take();
    }
  }
  if (out.size > 0) yield out.take();
}

/** The per-run CSV of a report: every metric field a column. */
export function runsCsvChunks(stores: readonly ScenarioStore[]): Generator<Uint8Array> {
  const fields = csvFields(stores);
  const perPipelineRun = stores.some((store) => store.cluster);
  const columns = [
    'scenario',
    'file',
    'seed',
    ...(perPipelineRun ? RUN_COLUMNS : []),
    'status',
    'reason',
    'events',
    ...fields.map(columnName),
    'violated_invariants',
    'known_bugs',
  ];
  return runLinesCsv(stores, columns, (store) => {
    const entries = fields.map((field) => store.rows.metrics.field(field));
    return (line) => [
      store.scenario,
      store.file,
      store.seedAt(line.index),
      ...(perPipelineRun ? runCells(store, line) : []),
      line.status,
      line.reason,
      store.eventCount.get(line.index),
      ...entries.map((entry) => (entry && line.row >= 0 ? cellText(store, entry, line.row) : '')),
      store.violatedOf(line.index),
      store.bugsOf(line.index),
    ];
  });
}

/** The PipelineRun's place, arrival and name; empty for a seed that never finished. */
export function runCells(store: ScenarioStore, line: RunLine): (string | number)[] {
  if (line.row < 0) return ['', '', ''];
  const arrivalMs = store.rows.arrivalMs.get(line.row);
  return [
    line.runIndex ?? '',
    Number.isNaN(arrivalMs) ? '' : arrivalMs,
    store.rows.nameOf(line.row) ?? '',
  ];
}

export function formatRunsCsv(stores: readonly ScenarioStore[]): string {
  return Buffer.concat([...runsCsvChunks(stores)]).toString('utf8');
}

/** Lists of numbers (one per pod, say) join with `;` so the row stays one row. */
function cellText(store: ScenarioStore, entry: MetricField, row: number): CsvCell {
  const value = store.rows.metrics.value(entry, row);
  if (value === undefined) return '';
  if (Array.isArray(value)) return value;
  return typeof value === 'number' ? value : String(value);
}
