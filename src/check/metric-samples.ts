// The per-run metric rows turned into named samples without knowing the metrics by name: every
// number (or list of numbers) in a row is a metric, every boolean a share, and every number in
// a task's row a per-task metric. A field added to RunMetrics (cluster latencies, utilisation)
// so reaches every report format with no change here. A name ending in `Ms` is a duration.
import type { RunMetrics } from './metrics.js';

export type MetricUnit = 'ms' | 'count';

export interface MetricSample {
  /** Kebab case without the unit: `schedulingLatencyMs` becomes `scheduling-latency`. */
  name: string;
  /** The field it came from, e.g. `makespanMs`. */
  field: string;
  unit: MetricUnit;
  values: number[];
}

export interface FlagSample {
  name: string;
  field: string;
  trueCount: number;
  n: number;
}

export interface RunSamples {
  metrics: MetricSample[];
  flags: FlagSample[];
  /** By task name, in the order tasks first appear in the rows. */
  tasks: { task: string; metrics: MetricSample[] }[];
}

/** Fields that identify a row rather than measure it, or that are read apart (tasks). */
const NOT_METRICS = new Set(['seed', 'tasks', 'status', 'reason']);

/**
 * The row's measurable fields as (field, value) pairs, with nested groups (the cluster's
 * figures, say) opened up: a metric is named by its own field, wherever it sits.
 */
export function metricFields(row: object): [string, unknown][] {
  const fields: [string, unknown][] = [];
  forEachMetricField(row, (field, value) => fields.push([field, value]));
  return fields;
}

/**
 * metricFields without building the pairs: the result store calls this once per seed, where
 * the arrays were a measurable share of a 100,000-seed check's garbage.
 */
export function forEachMetricField(
  row: object,
  visit: (field: string, value: unknown) => void,
  top = true,
): void {
  const fields = row as Record<string, unknown>;
  for (const field in fields) {
    if (top && NOT_METRICS.has(field)) continue;
    const value = fields[field];
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      forEachMetricField(value, visit, false);
    else visit(field, value);
  }
}

export function metricName(field: string): { name: string; unit: MetricUnit } {
  const unit: MetricUnit = /[a-z0-9]Ms$/.test(field) ? 'ms' : 'count';
  const stem = unit === 'ms' ? field.slice(0, -2) : field;
  return { name: stem.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`), unit };
}

export function sampleRuns(rows: readonly RunMetrics[]): RunSamples {
  const metrics = new Map<string, MetricSample>();
  const flags = new Map<string, FlagSample>();
  const tasks = new Map<string, Map<string, MetricSample>>();
  for (const row of rows) {
    for (const [field, value] of metricFields(row)) {
      if (typeof value === 'boolean') {
        const flag = flags.get(field) ?? { ...named(field), trueCount: 0, n: 0 };
        flags.set(field, flag);
        flag.n++;
        if (value) flag.trueCount++;
      } else addNumbers(metrics, field, value);
    }
    for (const [task, taskRow] of Object.entries(row.tasks)) {
      const samples = tasks.get(task) ?? new Map<string, MetricSample>();
      tasks.set(task, samples);
      // A task that never ran has no run time or attempts to count.
      if (taskRow.attempts === 0) continue;
      for (const [field, value] of Object.entries(taskRow)) addNumbers(samples, field, value);
    }
  }
  return {
    metrics: [...metrics.values()],
    flags: [...flags.values()].map(({ name, field, trueCount, n }) => ({
      name,
      field,
      trueCount,
      n,
    })),
    tasks: [...tasks].map(([task, samples]) => ({ task, metrics: [...samples.values()] })),
  };
}

function named(field: string): { name: string; field: string } {
  return { name: metricName(field).name, field };
}

function addNumbers(samples: Map<string, MetricSample>, field: string, value: unknown): void {
  const numbers =
    typeof value === 'number'
      ? [value]
      : Array.isArray(value) && value.every((item) => typeof item === 'number')
        ? (value as number[])
        : undefined;
  if (numbers === undefined) return;
  let sample = samples.get(field);
  if (!sample) {
    sample = { ...metricName(field), field, values: [] };
    samples.set(field, sample);
  }
  for (const number of numbers) if (Number.isFinite(number)) sample.values.push(number);
}

export interface RowValue {
  unit: MetricUnit | 'share';
  value: number;
}

/**
 * One run's metrics as named single values, for pairing seed by seed: a list of numbers
 * becomes its mean, a boolean 0 or 1, a task's metric `task[NAME].metric` (the names
 * expectations use).
 */
export function rowValues(row: RunMetrics): Map<string, RowValue> {
  const values = new Map<string, RowValue>();
  const add = (name: string, field: string, value: unknown) => {
    if (typeof value === 'boolean') values.set(name, { unit: 'share', value: value ? 1 : 0 });
    const numbers =
      typeof value === 'number'
        ? [value]
        : Array.isArray(value) &&
            value.length > 0 &&
            value.every((item) => typeof item === 'number')
          ? (value as number[])
          : undefined;
    if (numbers === undefined) return;
    const mean = numbers.reduce((sum, number) => sum + number, 0) / numbers.length;
    if (Number.isFinite(mean)) values.set(name, { unit: metricName(field).unit, value: mean });
  };
  for (const [field, value] of metricFields(row)) add(metricName(field).name, field, value);
  for (const [task, taskRow] of Object.entries(row.tasks)) {
    if (taskRow.attempts === 0) continue;
    for (const [field, value] of Object.entries(taskRow))
      if (typeof value === 'number') add(`task[${task}].${metricName(field).name}`, field, value);
  }
  return values;
}
