// report-attempts.csv: one line per TaskRun attempt, made as each seed finishes (a million
// seeds make some ten million lines). The lines are the bytes csv-stringify writes for these
// rows, written here straight into a buffer: csv-stringify's per-row work (a cast and a
// quoting test per cell, an array per row), and then strings built a cell at a time, were
// most of a report shard's CPU once its seeds ran on the kernel, much of it the garbage
// collector's. A number's cell is its text, as csv-stringify casts it (whole numbers written
// digit by digit); a string's cell is quoted and escaped by csv-stringify itself, once per
// distinct string (the scenario, task and TaskRun names, statuses and reasons recur on every
// seed).
import type { AttemptRow } from '../check/attempt-rows.js';
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
const MINUS = 0x2d;
const ZERO = 0x30;
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

/** The per-attempt lines of many seeds (a chunk's), in the order added. */
export class AttemptsCsv {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private length = 0;
  private readonly digits = new Uint8Array(20);

  /** One seed's rows. */
  add(scenario: string, seed: number, attempts: readonly AttemptRow[] | undefined): void {
    if (attempts === undefined) return;
    const scenarioCell = cellBytes(scenario);
    for (const attempt of attempts) {
      const { startMs, completionMs } = attempt;
      this.cell(scenarioCell);
      this.number(seed);
      this.number(attempt.pipelineRunIndex ?? 0);
      this.cell(cellBytes(attempt.task));
      this.cell(cellBytes(attempt.taskRun));
      this.number(attempt.attempt);
      this.cell(attempt.isFinally ? TRUE : FALSE);
      this.number(attempt.createdMs);
      if (startMs !== undefined) this.write(startMs);
      this.comma();
      if (completionMs !== undefined) this.write(completionMs);
      this.comma();
      if (startMs !== undefined && completionMs !== undefined) this.write(completionMs - startMs);
      this.comma();
      this.cell(cellBytes(attempt.status));
      const reason = cellBytes(attempt.reason);
      this.room(reason.length + 1);
      this.bytes.set(reason, this.length);
      this.length += reason.length;
      this.bytes[this.length++] = NEWLINE;
    }
  }

  /** Everything added, as text. */
  text(): string {
    return this.bytes.toString('utf8', 0, this.length);
  }

  /** A cell and the comma after it. */
  private cell(cell: Uint8Array): void {
    this.room(cell.length + 2);
    this.bytes.set(cell, this.length);
    this.length += cell.length;
    this.bytes[this.length++] = COMMA;
  }

  private number(value: number): void {
    this.write(value);
    this.bytes[this.length++] = COMMA;
  }

  private comma(): void {
    this.room(1);
    this.bytes[this.length++] = COMMA;
  }

  /** `${value}`, as csv-stringify casts a number: a whole number's digits written directly. */
  private write(value: number): void {
    if (!Number.isSafeInteger(value)) {
      const text = Buffer.from(`${value}`, 'latin1');
      this.room(text.length + 2);
      this.bytes.set(text, this.length);
      this.length += text.length;
      return;
    }
    // A sign, at most 16 digits, and the comma or newline after them.
    this.room(18);
    // -0 is written 0, as its text is.
    let rest = value;
    if (rest < 0) {
      this.bytes[this.length++] = MINUS;
      rest = -rest;
    }
    let count = 0;
    // Below 2^31 (every time of a run under 24 days) the digits come by integer division.
    for (; rest >= 2 ** 31; rest = Math.floor(rest / 10)) this.digits[count++] = ZERO + (rest % 10);
    let small = rest | 0;
    do {
      const tenth = (small / 10) | 0;
      this.digits[count++] = ZERO + small - tenth * 10;
      small = tenth;
    } while (small > 0);
    while (count > 0) this.bytes[this.length++] = this.digits[--count];
  }

  /** At least `bytes` free after the end. */
  private room(bytes: number): void {
    if (this.length + bytes <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + bytes));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}

/** Distinct strings kept at most; past it the cache starts again (a bound names never reach). */
const MAX_CELLS = 10_000;
const cells = new Map<string, Uint8Array>();

/** `text` as csv-stringify writes it as a cell (quoted and escaped when it must be), in UTF-8. */
function cellBytes(text: string): Uint8Array {
  let cell = cells.get(text);
  if (cell === undefined) {
    if (cells.size >= MAX_CELLS) cells.clear();
    // One record of one cell, less the record delimiter after it.
    cell = Buffer.from(stringify([[text]]).slice(0, -1), 'utf8');
    cells.set(text, cell);
  }
  return cell;
}
