// The runs as CSV for pandas or a spreadsheet (csv-stringify): one row per run and one row per
// TaskRun attempt. Metric columns come from the metric rows themselves, so a field added to
// RunMetrics becomes a column with no change here; names are snake case with the unit last.
import { stringify } from 'csv-stringify/sync';
import { metricFields } from '../check/metric-samples.js';
import type { SeedResult } from '../check/seed-result.js';

/** `makespanMs` becomes `makespan_ms`, `finallyCompletes` becomes `finally_completes`. */
export function columnName(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export function formatRunsCsv(results: readonly SeedResult[]): string {
  const fields: string[] = [];
  for (const result of results)
    for (const [field, value] of metricFields(result.metrics ?? {}))
      if (!fields.includes(field) && isCell(value)) fields.push(field);
  const rows = results.map((result) => {
    const metrics = Object.fromEntries(metricFields(result.metrics ?? {}));
    return [
      result.scenario,
      result.file,
      result.seed,
      result.status,
      result.reason,
      result.eventCount,
      ...fields.map((field) => cellText(metrics[field])),
      [...new Set(result.violations.map((violation) => violation.invariant))].join(';'),
      [...new Set(result.findings.map((finding) => finding.bug))].join(';'),
    ];
  });
  return stringify(rows, {
    header: true,
    columns: [
      'scenario',
      'file',
      'seed',
      'status',
      'reason',
      'events',
      ...fields.map(columnName),
      'violated_invariants',
      'known_bugs',
    ],
  });
}

export function formatAttemptsCsv(results: readonly SeedResult[]): string {
  const rows = results.flatMap((result) =>
    (result.attempts ?? []).map((attempt) => [
      result.scenario,
      result.seed,
      attempt.task,
      attempt.taskRun,
      attempt.attempt,
      String(attempt.isFinally),
      attempt.createdMs,
      attempt.startMs ?? '',
      attempt.completionMs ?? '',
      attempt.startMs === undefined || attempt.completionMs === undefined
        ? ''
        : attempt.completionMs - attempt.startMs,
      attempt.status,
      attempt.reason,
    ]),
  );
  return stringify(rows, {
    header: true,
    columns: [
      'scenario',
      'seed',
      'task',
      'taskrun',
      'attempt',
      'is_finally',
      'created_ms',
      'started_ms',
      'completed_ms',
      'duration_ms',
      'status',
      'reason',
    ],
  });
}

function isCell(value: unknown): boolean {
  return (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (Array.isArray(value) && value.every((item) => typeof item === 'number'))
  );
}

/** Lists of numbers (one per pod, say) join with `;` so the row stays one row. */
function cellText(value: unknown): string | number {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  return typeof value === 'number' ? value : String(value);
}
