// Which files each report format is, rendered from the one result object (and, for CSV, the
// stores it was computed from and the per-attempt rows made while the seeds ran). Pure: the
// caller decides where they go. The CSVs come in pieces, to be written as they are made.
import type { ScenarioStore } from '../check/store/scenario-store.js';
import { toJsonText } from './serialize.js';
import { attemptsCsvHeader } from './attempts-csv.js';
import { runsCsvChunks } from './report-csv.js';
import { formatReportHtml } from './report-html.js';
import { formatReportMarkdown } from './report-markdown.js';
import { formatTimeSeriesCsv } from './time-series-csv.js';
import type { EngineSpeed, ReportResult } from '../check/report-result.js';

export const REPORT_FORMATS = ['md', 'csv', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedFile {
  name: string;
  text: string | Iterable<string | Uint8Array>;
}

export function formatReportJson(result: ReportResult): string {
  return toJsonText(result);
}

export async function renderReportFiles(
  result: ReportResult,
  stores: readonly ScenarioStore[],
  formats: readonly ReportFormat[],
  speed?: EngineSpeed,
  /** The per-attempt CSV rows without their header, in pieces. */
  attemptsCsv: Iterable<string | Uint8Array> = [],
): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  for (const format of REPORT_FORMATS) {
    if (!formats.includes(format)) continue;
    if (format === 'md')
      files.push({ name: 'report.md', text: formatReportMarkdown(result, speed) });
    if (format === 'json') files.push({ name: 'report.json', text: formatReportJson(result) });
    if (format === 'html')
      files.push({ name: 'report.html', text: await formatReportHtml(result, speed) });
    if (format === 'csv')
      files.push(
        { name: 'report-runs.csv', text: runsCsvChunks(stores) },
        { name: 'report-attempts.csv', text: withHeader(attemptsCsvHeader(), attemptsCsv) },
        { name: 'report-timeseries.csv', text: formatTimeSeriesCsv(result) },
      );
  }
  return files;
}

function* withHeader(
  header: string,
  pieces: Iterable<string | Uint8Array>,
): Generator<string | Uint8Array> {
  yield header;
  yield* pieces;
}
