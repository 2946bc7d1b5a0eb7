// The fields of the per-run metric rows as columns, found in the rows themselves as
// metric-samples.ts finds them: a number is a `number` column, a yes/no a `flag` column (0 or
// 1), a list of numbers a `list` column (every value in row order, with where each row's
// values end). Fields keep the order in which they first appear over the rows, which is the
// order every report prints them in, so a field added to RunMetrics reaches every format with
// no change here. A field is expected to keep one kind; a value of another kind is left out.
import { forEachMetricField } from '../metric-samples.js';
import { type ColumnData, NumberColumn } from './column.js';

export type FieldKind = 'number' | 'flag' | 'list';

export interface MetricField {
  field: string;
  kind: FieldKind;
  /** number and flag: one value per row; list: every value of every row, in row order. */
  values: NumberColumn;
  /** list only: the end of each row's values in `values`. */
  ends?: NumberColumn;
}

export interface MetricColumnsData {
  rows: number;
  fields: { field: string; kind: FieldKind; values: ColumnData; ends?: ColumnData }[];
}

export function kindOf(value: unknown): FieldKind | undefined {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'flag';
  if (Array.isArray(value) && value.every((item) => typeof item === 'number')) return 'list';
  return undefined;
}

export class MetricColumns {
  readonly fields: MetricField[] = [];
  private readonly byName = new Map<string, MetricField>();
  rows = 0;

  field(name: string): MetricField | undefined {
    return this.byName.get(name);
  }

  addRow(row: object): void {
    this.rows++;
    forEachMetricField(row, this.addField);
  }

  /** One field of the row being added (the last row); made once, not per row. */
  private readonly addField = (name: string, value: unknown): void => {
    const kind = kindOf(value);
    if (kind === undefined) return;
    const entry = this.entry(name, kind);
    if (entry.kind !== kind) return;
    const index = this.rows - 1;
    if (kind === 'list') this.setList(entry, index, value as number[]);
    else entry.values.set(index, kind === 'flag' ? Number(value) : (value as number));
  };

  /** The values of one row of a list field: [start, end) in `values`. */
  listRange(entry: MetricField, row: number): [number, number] {
    const ends = entry.ends as NumberColumn;
    const endOf = (at: number) => (at < ends.length ? ends.get(at) : entry.values.length);
    return [row === 0 ? 0 : endOf(row - 1), endOf(row)];
  }

  /** One row's value as the reports see it: a number, a yes/no, a list, or undefined. */
  value(entry: MetricField, row: number): number | boolean | number[] | undefined {
    if (entry.kind === 'list') {
      const [start, end] = this.listRange(entry, row);
      const list: number[] = [];
      for (let at = start; at < end; at++) list.push(entry.values.get(at));
      return list;
    }
    const value = entry.values.get(row);
    if (Number.isNaN(value)) return undefined;
    return entry.kind === 'flag' ? value === 1 : value;
  }

  append(other: MetricColumns): void {
    for (const theirs of other.fields) {
      const ours = this.entry(theirs.field, theirs.kind);
      if (ours.kind !== theirs.kind) continue;
      if (ours.kind !== 'list') {
        ours.values.append(theirs.values, this.rows);
        continue;
      }
      const ends = ours.ends as NumberColumn;
      this.padEnds(ours, this.rows);
      const offset = ours.values.length;
      ours.values.append(theirs.values, offset);
      ends.append(
        (theirs.ends as NumberColumn).mapped((end) => end + offset),
        this.rows,
      );
    }
    this.rows += other.rows;
  }

  /** Room for `factor` times the rows (and list values) held so far. */
  reserveScaled(factor: number): void {
    for (const entry of this.fields) {
      entry.values.reserveScaled(factor);
      entry.ends?.reserveScaled(factor);
    }
  }

  bytes(): number {
    return this.fields.reduce(
      (sum, entry) => sum + entry.values.bytes() + (entry.ends?.bytes() ?? 0),
      0,
    );
  }

  toData(): MetricColumnsData {
    return {
      rows: this.rows,
      fields: this.fields.map((entry) => ({
        field: entry.field,
        kind: entry.kind,
        values: entry.values.toData(),
        ...(entry.ends ? { ends: entry.ends.toData() } : {}),
      })),
    };
  }

  static fromData(data: MetricColumnsData): MetricColumns {
    const columns = new MetricColumns();
    columns.rows = data.rows;
    for (const field of data.fields) {
      const entry: MetricField = {
        field: field.field,
        kind: field.kind,
        values: NumberColumn.fromData(field.values),
        ...(field.ends ? { ends: NumberColumn.fromData(field.ends) } : {}),
      };
      columns.fields.push(entry);
      columns.byName.set(entry.field, entry);
    }
    return columns;
  }

  private entry(name: string, kind: FieldKind): MetricField {
    let entry = this.byName.get(name);
    if (!entry) {
      entry = {
        field: name,
        kind,
        values: new NumberColumn(),
        ...(kind === 'list' ? { ends: new NumberColumn() } : {}),
      };
      this.fields.push(entry);
      this.byName.set(name, entry);
    }
    return entry;
  }

  private setList(entry: MetricField, row: number, list: readonly number[]): void {
    this.openList(entry, row);
    for (const value of list) entry.values.push(value);
    this.closeList(entry, row);
  }

  /**
   * A list field's values for `row` written without an array (a kernel seed's, see
   * kernel/columns.ts): openList, then entry.values.push for each value, then closeList.
   */
  openList(entry: MetricField, row: number): void {
    this.padEnds(entry, row);
  }

  closeList(entry: MetricField, row: number): void {
    (entry.ends as NumberColumn).set(row, entry.values.length);
  }

  /** Rows before `row` that had no list end where the values stand (an empty list). */
  private padEnds(entry: MetricField, row: number): void {
    const ends = entry.ends as NumberColumn;
    while (ends.length < row) ends.push(entry.values.length);
  }
}
