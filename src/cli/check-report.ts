// `check --report DIR`: summary.md, summary.json and runs.csv. A marker file lists what we
// wrote, so a later check may overwrite its own files but never one the user put there.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { SeedResult } from '../check/seed-result.js';
import type { CheckSummary } from '../check/summary.js';
import { formatCheckSummaryJson, formatCheckSummaryMarkdown } from '../report/check-summary.js';
import { InputError } from '../tekton/diagnostics.js';

const MARKER = '.tekton-sim-report';
const FILES = ['summary.md', 'summary.json', 'runs.csv'];

export function writeCheckReport(
  directory: string,
  summary: CheckSummary,
  results: readonly SeedResult[],
): string[] {
  fs.mkdirSync(directory, { recursive: true });
  const markerPath = path.join(directory, MARKER);
  const ours = new Set(
    fs.existsSync(markerPath)
      ? fs.readFileSync(markerPath, 'utf8').split('\n').filter(Boolean)
      : [],
  );
  for (const file of FILES) {
    const target = path.join(directory, file);
    if (fs.existsSync(target) && !ours.has(file)) {
      throw new InputError({
        severity: 'error',
        message: `--report: ${target} exists and was not written by tekton-sim check; move it or choose another directory`,
      });
    }
  }
  // Other commands (report) may share the directory: keep the files they wrote on the list.
  fs.writeFileSync(markerPath, [...new Set([...ours, ...FILES])].sort().join('\n') + '\n');
  fs.writeFileSync(path.join(directory, 'summary.md'), formatCheckSummaryMarkdown(summary));
  fs.writeFileSync(path.join(directory, 'summary.json'), formatCheckSummaryJson(summary));
  fs.writeFileSync(path.join(directory, 'runs.csv'), runsCsv(results));
  return FILES.map((file) => path.join(directory, file));
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
