// report-attempts.csv: one line per TaskRun attempt, made as each seed finishes (a million
// seeds make some ten million lines). The lines are the bytes csv-stringify writes for these
// rows, written straight into a buffer (csv-bytes.ts): csv-stringify's per-row work was most
// of a report shard's CPU once its seeds ran on the kernel.
import type { AttemptRow } from '../check/attempt-rows.js';
import { CsvBytes, cellBytes } from './csv-bytes.js';
import { stringify } from './csv-package.js';

/** The header line of report-attempts.csv. */
export const attemptsCsvHeader = (): string =>
  stringify([], {
    header: true,
    columns: [
      'scenario',
      'seed',
      'pipelinerun_index',
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

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

/** The per-attempt lines of many seeds (a chunk's), in the order added. */
export class AttemptsCsv extends CsvBytes {
  /** One seed's rows. */
  add(scenario: string, seed: number, attempts: readonly AttemptRow[] | undefined): void {
    if (attempts === undefined) return;
    const scenarioCell = cellBytes(scenario);
    for (const attempt of attempts) {
      const { startMs, completionMs } = attempt;
      this.cellThen(scenarioCell, COMMA);
      this.number(seed);
      this.number(attempt.pipelineRunIndex ?? 0);
      this.cellThen(cellBytes(attempt.task), COMMA);
      this.cellThen(cellBytes(attempt.taskRun), COMMA);
      this.number(attempt.attempt);
      this.cellThen(attempt.isFinally ? TRUE : FALSE, COMMA);
      this.number(attempt.createdMs);
      if (startMs !== undefined) this.write(startMs);
      this.comma();
      if (completionMs !== undefined) this.write(completionMs);
      this.comma();
      if (startMs !== undefined && completionMs !== undefined) this.write(completionMs - startMs);
      this.comma();
      this.cellThen(cellBytes(attempt.status), COMMA);
      this.cellThen(cellBytes(attempt.reason), NEWLINE);
    }
  }

  /** A number and the comma after it (write leaves room for it). */
  private number(value: number): void {
    this.write(value);
    this.bytes[this.length++] = COMMA;
  }
}
