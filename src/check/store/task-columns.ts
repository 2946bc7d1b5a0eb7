// The per-task part of the metric rows (`row.tasks[NAME]`) as columns: for each task, whether
// the row has it, and each of its fields (numbers as numbers, words such as the outcome or
// the skip reason as codes into one string table). Tasks keep the order they first appear in,
// and each task's numeric fields the order they first appear in among rows where the task
// ran (attempts above 0): the orders the reports print them in.
import { type ColumnData, NumberColumn } from './column.js';
import { StringTable } from './string-table.js';

export interface TaskField {
  field: string;
  kind: 'number' | 'string';
  values: NumberColumn;
}

export interface TaskEntry {
  task: string;
  /** 1 where the row has the task. */
  present: NumberColumn;
  fields: TaskField[];
  /** Numeric fields in the order they first appear among rows where the task ran. */
  measured: string[];
}

export interface TaskColumnsData {
  strings: string[];
  tasks: {
    task: string;
    present: ColumnData;
    measured: string[];
    fields: { field: string; kind: TaskField['kind']; values: ColumnData }[];
  }[];
}

/** A task's fields by name and the names already in `measured`, for addRow's lookups. */
interface FieldIndex {
  fields: Map<string, TaskField>;
  measured: Set<string>;
}

export class TaskColumns {
  readonly tasks: TaskEntry[] = [];
  private readonly byName = new Map<string, TaskEntry>();
  private readonly indexes = new Map<TaskEntry, FieldIndex>();
  readonly strings = new StringTable();

  task(name: string): TaskEntry | undefined {
    return this.byName.get(name);
  }

  static field(entry: TaskEntry, name: string): TaskField | undefined {
    return entry.fields.find((field) => field.field === name);
  }

  /** Whether the task ran in this row: its row counts for the task's measured fields. */
  static ran(entry: TaskEntry, row: number): boolean {
    if (!entry.present.has(row)) return false;
    return TaskColumns.field(entry, 'attempts')?.values.get(row) !== 0;
  }

  /** ran() of every row as a mask, 1 where the task ran: looked up once, not per row. */
  static ranRows(entry: TaskEntry): Uint8Array {
    const present = entry.present;
    const ran = new Uint8Array(present.length);
    const attempts = TaskColumns.field(entry, 'attempts')?.values;
    for (let row = 0; row < present.length; row++)
      if (present.has(row) && (attempts === undefined || attempts.get(row) !== 0)) ran[row] = 1;
    return ran;
  }

  // addRow runs once per seed for every task (a million seeds of an 11-task pipeline is 11
  // million calls), so it looks fields up in a Map per task and iterates without allocating;
  // measured, the linear field search and Object.entries were 12% of a 100,000-seed check.
  addRow(row: number, tasks: Readonly<Record<string, object>>): void {
    for (const name in tasks) {
      const metrics = tasks[name] as Record<string, unknown>;
      const entry = this.entry(name);
      const index = this.indexOf(entry);
      entry.present.set(row, 1);
      const ran = metrics.attempts !== 0;
      for (const field in metrics) {
        const value = metrics[field];
        if (typeof value === 'number') {
          this.column(entry, field, 'number', index.fields)?.set(row, value);
          if (ran && !index.measured.has(field)) {
            index.measured.add(field);
            entry.measured.push(field);
          }
        } else if (typeof value === 'string')
          this.column(entry, field, 'string', index.fields)?.set(row, this.strings.code(value));
      }
    }
  }

  /** Appends `other`'s rows after this one's `rows` rows. */
  append(other: TaskColumns, rows: number): void {
    const codes = this.strings.absorb(other.strings);
    for (const theirs of other.tasks) {
      const ours = this.entry(theirs.task);
      ours.present.append(theirs.present, rows);
      for (const field of theirs.fields) {
        const column = this.column(ours, field.field, field.kind);
        if (!column) continue;
        const values = field.kind === 'string' ? field.values.translated(codes) : field.values;
        column.append(values, rows);
      }
      const index = this.indexOf(ours);
      for (const field of theirs.measured)
        if (!index.measured.has(field)) {
          index.measured.add(field);
          ours.measured.push(field);
        }
    }
  }

  /** Room for `factor` times the rows held so far. */
  reserveScaled(factor: number): void {
    for (const entry of this.tasks) {
      entry.present.reserveScaled(factor);
      for (const field of entry.fields) field.values.reserveScaled(factor);
    }
  }

  bytes(): number {
    let sum = 0;
    for (const entry of this.tasks) {
      sum += entry.present.bytes();
      for (const field of entry.fields) sum += field.values.bytes();
    }
    return sum;
  }

  toData(): TaskColumnsData {
    return {
      strings: [...this.strings.strings],
      tasks: this.tasks.map((entry) => ({
        task: entry.task,
        present: entry.present.toData(),
        measured: [...entry.measured],
        fields: entry.fields.map((field) => ({
          field: field.field,
          kind: field.kind,
          values: field.values.toData(),
        })),
      })),
    };
  }

  static fromData(data: TaskColumnsData): TaskColumns {
    const columns = new TaskColumns();
    for (const text of data.strings) columns.strings.code(text);
    for (const task of data.tasks) {
      const entry: TaskEntry = {
        task: task.task,
        present: NumberColumn.fromData(task.present),
        measured: [...task.measured],
        fields: task.fields.map((field) => ({
          field: field.field,
          kind: field.kind,
          values: NumberColumn.fromData(field.values),
        })),
      };
      columns.tasks.push(entry);
      columns.byName.set(entry.task, entry);
    }
    return columns;
  }

  private entry(name: string): TaskEntry {
    let entry = this.byName.get(name);
    if (!entry) {
      entry = { task: name, present: new NumberColumn(), fields: [], measured: [] };
      this.tasks.push(entry);
      this.byName.set(name, entry);
    }
    return entry;
  }

  /** The lookup tables of one task's fields, built from the entry on first use. */
  private indexOf(entry: TaskEntry): FieldIndex {
    let index = this.indexes.get(entry);
    if (!index) {
      index = {
        fields: new Map(entry.fields.map((field) => [field.field, field])),
        measured: new Set(entry.measured),
      };
      this.indexes.set(entry, index);
    }
    return index;
  }

  /** The field's column, made on first sight; undefined when the field changed kind. */
  private column(
    entry: TaskEntry,
    field: string,
    kind: TaskField['kind'],
    fields: Map<string, TaskField> = this.indexOf(entry).fields,
  ): NumberColumn | undefined {
    let found = fields.get(field);
    if (!found) {
      found = { field, kind, values: new NumberColumn() };
      entry.fields.push(found);
      fields.set(field, found);
    }
    return found.kind === kind ? found.values : undefined;
  }
}
