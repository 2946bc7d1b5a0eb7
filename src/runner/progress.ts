// A progress bar on stderr for long checks: shown only when stderr is a terminal and the
// check has run for more than a second, so quick runs and piped output stay clean. The clock
// is passed in (the CLI owns wall-clock time).
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

export function createProgressBar(output: ProgressOutput, nowMs: () => number): ProgressBar {
  const startedMs = nowMs();
  let shown = false;
  if (!output.isTTY) return { update() {}, finish() {} };
  return {
    update(done, total) {
      if (!shown && nowMs() - startedMs < DELAY_MS) return;
      shown = true;
      const width = Math.max(10, Math.min(40, (output.columns ?? 80) - 30));
      const filled = total === 0 ? width : Math.round((done / total) * width);
      output.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} seeds`);
    },
    finish() {
      if (shown) output.write('\r\x1b[K');
    },
  };
}
