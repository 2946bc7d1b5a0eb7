// One row per PipelineRun: its outcome, where it sits among its seed's runs, and its metric
// row as columns. A seed of a plain scenario has one row; a seed of a shared cluster one per
// PipelineRun that arrived. Expectations, metric summaries and the per-run CSV read these.
import type { RunMetrics } from '../metrics.js';
import { type ColumnData, NumberColumn } from './column.js';
import { MetricColumns, type MetricColumnsData } from './metric-columns.js';
import { StringTable } from './string-table.js';
import { TaskColumns, type TaskColumnsData } from './task-columns.js';

/** Which PipelineRun of its seed a row is: its name and when it arrived. */
export interface RowRun {
  name: string;
  arrivalMs: number;
}

export interface RowStoreData {
  rows: number;
  words: string[];
  status: ColumnData;
  reason: ColumnData;
  name: ColumnData;
  arrivalMs: ColumnData;
  metrics: MetricColumnsData;
  tasks: TaskColumnsData;
}

export class RowStore {
  rows = 0;
  /** Statuses, reasons and PipelineRun names. */
  readonly words = new StringTable();
  /** RunMetrics' own status (`Succeeded`, `Failed`, `Unknown`) and reason, as codes. */
  status = new NumberColumn();
  reason = new NumberColumn();
  name = new NumberColumn();
  arrivalMs = new NumberColumn();
  metrics = new MetricColumns();
  tasks = new TaskColumns();

  add(row: RunMetrics, run?: RowRun): void {
    const index = this.rows++;
    this.status.set(index, this.words.code(row.status));
    this.reason.set(index, this.words.code(row.reason));
    this.name.set(index, run ? this.words.code(run.name) : undefined);
    this.arrivalMs.set(index, run?.arrivalMs);
    this.metrics.addRow(row);
    this.tasks.addRow(index, row.tasks);
  }

  statusOf(row: number): string | undefined {
    return this.words.text(this.status.get(row));
  }

  reasonOf(row: number): string | undefined {
    return this.words.text(this.reason.get(row));
  }

  nameOf(row: number): string | undefined {
    return this.words.text(this.name.get(row));
  }

  append(other: RowStore): void {
    const codes = this.words.absorb(other.words);
    this.status.append(other.status.translated(codes), this.rows);
    this.reason.append(other.reason.translated(codes), this.rows);
    this.name.append(other.name.translated(codes), this.rows);
    this.arrivalMs.append(other.arrivalMs, this.rows);
    this.tasks.append(other.tasks, this.rows);
    this.metrics.append(other.metrics);
    this.rows += other.rows;
  }

  /** Room for `factor` times the rows held so far. */
  reserveScaled(factor: number): void {
    for (const column of [this.status, this.reason, this.name, this.arrivalMs])
      column.reserveScaled(factor);
    this.metrics.reserveScaled(factor);
    this.tasks.reserveScaled(factor);
  }

  bytes(): number {
    return (
      this.status.bytes() +
      this.reason.bytes() +
      this.name.bytes() +
      this.arrivalMs.bytes() +
      this.metrics.bytes() +
      this.tasks.bytes()
    );
  }

  toData(): RowStoreData {
    return {
      rows: this.rows,
      words: [...this.words.strings],
      status: this.status.toData(),
      reason: this.reason.toData(),
      name: this.name.toData(),
      arrivalMs: this.arrivalMs.toData(),
      metrics: this.metrics.toData(),
      tasks: this.tasks.toData(),
    };
  }

  static fromData(data: RowStoreData): RowStore {
    const store = new RowStore();
    store.rows = data.rows;
    for (const word of data.words) store.words.code(word);
    store.status = NumberColumn.fromData(data.status);
    store.reason = NumberColumn.fromData(data.reason);
    store.name = NumberColumn.fromData(data.name);
    store.arrivalMs = NumberColumn.fromData(data.arrivalMs);
    store.metrics = MetricColumns.fromData(data.metrics);
    store.tasks = TaskColumns.fromData(data.tasks);
    return store;
  }
}

/** The rows of metric rows alone, for expectations evaluated outside a run (tests, tools). */
export function rowStoreOf(rows: readonly RunMetrics[]): RowStore {
  const store = new RowStore();
  for (const row of rows) store.add(row);
  return store;
}
