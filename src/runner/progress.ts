// A progress bar on stderr for long runs: shown only when stderr is a terminal and the run has
// gone on for more than a second, so quick runs, CI logs and piped output stay clean. It is
// redrawn at most every 100 ms with the seeds done, runs per second and an estimate of the
// time left. The clock is passed in (the CLI owns wall-clock time).
import { formatGoDuration } from '../tekton/duration.js';

export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface ProgressBar {
  update(done: number, total: number): void;
  finish(): void;
}

const DELAY_MS = 1000;
/** The runner reports after every seed; the terminal needs far fewer redraws. */
const REDRAW_MS = 100;

/** E.g. `[####......] 1200/30000 seeds  850 runs/s  ETA 33s`. */
export function progressLine(done: number, total: number, elapsedMs: number, columns = 80): string {
  const width = Math.max(10, Math.min(40, columns - 50));
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? formatGoDuration(Math.ceil((total - done) / rate) * 1000) : '?';
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} seeds  ${Math.round(rate)} runs/s  ETA ${eta}`;
}

export function createProgressBar(output: ProgressOutput, nowMs: () => number): ProgressBar {
  if (!output.isTTY) return { update() {}, finish() {} };
  const startedMs = nowMs();
  let drawnMs: number | undefined;
  return {
    update(done, total) {
      const now = nowMs();
      if (drawnMs === undefined ? now - startedMs < DELAY_MS : now - drawnMs < REDRAW_MS) return;
      drawnMs = now;
      output.write(`\r${progressLine(done, total, now - startedMs, output.columns)}\x1b[K`);
    },
    finish() {
      if (drawnMs !== undefined) output.write('\r\x1b[K');
    },
  };
}
