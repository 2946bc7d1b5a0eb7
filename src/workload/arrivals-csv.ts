// A CSV of arrivals (say, one exported from a real day of CI): one row per PipelineRun, the
// first column when it arrives (a Go duration from the start such as 90s or 1h2m, or plain
// seconds), an optional second column naming the PipelineRun. A first row whose first cell is
// `at` is a header. Errors name the line and column, since the file is the user's.
import { parseGoDuration } from '../tekton/duration.js';
import { MAX_DURATION_MS } from './limits.js';

export interface CsvArrivalRow {
  atMs: number;
  pipelineRun?: string;
}

export interface CsvProblem {
  line: number;
  column: number;
  message: string;
}

export function parseArrivalsCsv(text: string, problems: CsvProblem[]): CsvArrivalRow[] {
  const rows: CsvArrivalRow[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const cells = raw.split(',').map((cell) => cell.trim());
    if (rows.length === 0 && cells[0].toLowerCase() === 'at') return;
    const atMs = parseAt(cells[0]);
    if (atMs === undefined) {
      problems.push({
        line: index + 1,
        column: raw.indexOf(cells[0]) + 1,
        message: `arrival time ${JSON.stringify(cells[0])} must be a Go duration such as 90s or 1h2m, or seconds, from 0 to 8760h (365 days)`,
      });
      return;
    }
    rows.push(cells[1] ? { atMs, pipelineRun: cells[1] } : { atMs });
  });
  return rows;
}

function parseAt(cell: string): number | undefined {
  const milliseconds = /^\d+(\.\d+)?$/.test(cell) ? Number(cell) * 1000 : parseGoDuration(cell);
  if (milliseconds === undefined || milliseconds < 0 || milliseconds > MAX_DURATION_MS)
    return undefined;
  return Math.round(milliseconds);
}
