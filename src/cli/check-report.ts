// `check --report DIR`: summary.md, summary.json and runs.csv, written as one set by the
// atomic writer, which also keeps a later check from overwriting a file the user put there.
import { stringify } from 'csv-stringify/sync';
import type { SeedResult } from '../check/seed-result.js';
import type { CheckSummary } from '../check/summary.js';
import { formatCheckSummaryJson, formatCheckSummaryMarkdown } from '../report/check-summary.js';
import { writeOutputFiles } from './output-files.js';

export function writeCheckReport(
  directory: string,
  summary: CheckSummary,
  results: readonly SeedResult[],
): string[] {
  return writeOutputFiles(
    directory,
    [
      { name: 'summary.md', text: formatCheckSummaryMarkdown(summary) },
      { name: 'summary.json', text: formatCheckSummaryJson(summary) },
      { name: 'runs.csv', text: runsCsv(results) },
    ],
    '--report',
  );
}

export function runsCsv(results: readonly SeedResult[]): string {
  const sorted = [...results].sort((a, b) =>
    a.scenario < b.scenario
      ? -1
      : a.scenario > b.scenario
        ? 1
        : a.file < b.file
          ? -1
          : a.file > b.file
            ? 1
            : a.seed - b.seed,
  );
  const rows = sorted.map((result) => [
    result.scenario,
    result.file,
    result.seed,
    result.status,
    result.reason,
    result.metrics?.makespanMs ?? '',
    result.metrics ? String(result.metrics.finallyCompletes) : '',
    result.eventCount,
    [...new Set(result.violations.map((violation) => violation.invariant))].join(';'),
    [...new Set(result.findings.map((finding) => finding.bug))].join(';'),
  ]);
  return stringify(rows, {
    header: true,
    columns: [
      'scenario',
      'file',
      'seed',
      'status',
      'reason',
      'makespan_ms',
      'finally_completes',
      'events',
      'violated_invariants',
      'known_bugs',
    ],
  });
}
