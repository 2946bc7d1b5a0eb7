// What the reports read from the rows, one metric at a time so that only one sorted copy of
// one metric's values is alive at once: every numeric field (and every number of a list
// field) a sample, every yes/no field a share, every task's numeric fields per task, and one
// row's values by name for pairing seeds in `compare`. The same orders and rules as the rows
// themselves gave (metric-samples.ts): fields in the order they first appear, only finite
// values, a task's figures only from rows where it ran.
import { metricName, type MetricUnit, type RowValue } from '../metric-samples.js';
import type { ColumnArray } from './column.js';
import type { MetricField } from './metric-columns.js';
import type { RowStore } from './row-store.js';
import { TaskColumns } from './task-columns.js';

export interface SampleSource {
  name: string;
  field: string;
  unit: MetricUnit;
  /** The values, sorted ascending: a fresh copy on each call. */
  sorted(): ColumnArray;
}

export interface FlagCount {
  name: string;
  field: string;
  trueCount: number;
  n: number;
}

export interface StoreSamples {
  metrics: SampleSource[];
  flags: FlagCount[];
  tasks: { task: string; metrics: SampleSource[] }[];
}

export function storeSamples(rows: RowStore): StoreSamples {
  const metrics = rows.metrics.fields
    .filter((entry) => entry.kind !== 'flag')
    .map((entry) => ({
      ...metricName(entry.field),
      field: entry.field,
      sorted: () => entry.values.sortedValues(),
    }));
  const flags = rows.metrics.fields
    .filter((entry) => entry.kind === 'flag')
    .map((entry) => ({
      name: metricName(entry.field).name,
      field: entry.field,
      ...countFlag(entry),
    }));
  const tasks = rows.tasks.tasks.map((entry) => {
    let ran: Uint8Array | undefined;
    return {
      task: entry.task,
      metrics: entry.measured.flatMap((field): SampleSource[] => {
        const column = TaskColumns.field(entry, field);
        if (column?.kind !== 'number') return [];
        return [
          {
            ...metricName(field),
            field,
            sorted: () => {
              ran ??= TaskColumns.ranRows(entry);
              return column.values.sortedValues(ran);
            },
          },
        ];
      }),
    };
  });
  return { metrics, flags, tasks };
}

function countFlag(entry: MetricField): { trueCount: number; n: number } {
  let trueCount = 0;
  let n = 0;
  for (let row = 0; row < entry.values.length; row++) {
    const value = entry.values.get(row);
    if (Number.isNaN(value)) continue;
    n++;
    if (value === 1) trueCount++;
  }
  return { trueCount, n };
}

/** One named value of a row, as `compare` pairs them: see metric-samples.ts rowValues. */
export interface RowValueSource {
  name: string;
  unit: RowValue['unit'];
  get(row: number): number | undefined;
}

export function rowValueSources(rows: RowStore): RowValueSource[] {
  const sources: RowValueSource[] = rows.metrics.fields.map((entry) => {
    if (entry.kind === 'flag')
      return {
        name: metricName(entry.field).name,
        unit: 'share',
        get: (row) => {
          const value = entry.values.get(row);
          return Number.isNaN(value) ? undefined : value;
        },
      };
    const { name, unit } = metricName(entry.field);
    return { name, unit, get: (row) => meanOf(rows, entry, row) };
  });
  for (const entry of rows.tasks.tasks)
    for (const field of entry.measured) {
      const column = TaskColumns.field(entry, field);
      if (column?.kind !== 'number') continue;
      const { name, unit } = metricName(field);
      sources.push({
        name: `task[${entry.task}].${name}`,
        unit,
        get: (row) => {
          if (!TaskColumns.ran(entry, row)) return undefined;
          const value = column.values.get(row);
          return Number.isFinite(value) ? value : undefined;
        },
      });
    }
  return sources;
}

/** A number, or the mean of a non-empty list summed in order; undefined unless finite. */
function meanOf(rows: RowStore, entry: MetricField, row: number): number | undefined {
  let sum = 0;
  let count = 0;
  if (entry.kind === 'number') {
    if (row >= entry.values.length) return undefined;
    sum = entry.values.get(row);
    count = 1;
  } else {
    const [start, end] = rows.metrics.listRange(entry, row);
    for (let at = start; at < end; at++) sum += entry.values.get(at);
    count = end - start;
  }
  if (count === 0) return undefined;
  const mean = (0 + sum) / count;
  return Number.isFinite(mean) ? mean : undefined;
}
