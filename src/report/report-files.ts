// Which files each report format is, rendered from the one result object (and, for CSV, the
// per-run rows it was computed from). Pure: the caller decides where they go.
import type { SeedResult } from '../check/seed-result.js';
import { toJsonText } from './serialize.js';
import { formatAttemptsCsv, formatRunsCsv } from './report-csv.js';
import { formatReportHtml } from './report-html.js';
import { formatReportMarkdown } from './report-markdown.js';
import { formatTimeSeriesCsv } from './time-series-csv.js';
import type { EngineSpeed, ReportResult } from '../check/report-result.js';

export const REPORT_FORMATS = ['md', 'csv', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedFile {
  name: string;
  text: string;
}

export function formatReportJson(result: ReportResult): string {
  return toJsonText(result);
}

export async function renderReportFiles(
  result: ReportResult,
  results: readonly SeedResult[],
  formats: readonly ReportFormat[],
  speed?: EngineSpeed,
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
        { name: 'report-runs.csv', text: formatRunsCsv(results) },
        { name: 'report-attempts.csv', text: formatAttemptsCsv(results) },
        { name: 'report-timeseries.csv', text: formatTimeSeriesCsv(result) },
      );
  }
  return files;
}
