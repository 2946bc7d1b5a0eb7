// The series over time as CSV: one row per scenario, series and sample instant, with the mean
// and p95 over seeds, long format so pandas or a spreadsheet can pivot it any way. A report
// whose scenarios have no series (the Markdown-only path, or old shard parts) has a header only.
import { stringify } from './csv-package.js';
import type { ReportResult } from '../check/report-result.js';
import { columnName } from './report-csv.js';

export function formatTimeSeriesCsv(result: ReportResult): string {
  const rows = result.scenarios.flatMap((scenario) =>
    (scenario.timeSeries?.lines ?? []).flatMap((line) =>
      line.points.map((point) => [
        scenario.name,
        scenario.file,
        columnName(line.name),
        line.unit,
        point.atMs,
        point.mean,
        point.p95,
      ]),
    ),
  );
  return stringify(rows, {
    header: true,
    columns: ['scenario', 'file', 'series', 'unit', 'at_ms', 'mean', 'p95'],
  });
}
