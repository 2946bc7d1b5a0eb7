// Running a command's seeds under the user's control: Ctrl-C and --max-time stop them cleanly
// after the seeds in progress (the runner keeps, per scenario, the seeds from the first up to
// the first unfinished one), and a progress bar shows on a terminal. What ran becomes the
// partial marker every output format carries.
import { buildPartialRun, type PartialRun, type StopReason } from '../check/partial-run.js';
import { createProgressBar } from '../runner/progress.js';
import type { PlannedScenario, RunOutcome } from '../runner/runner.js';
import type { SeedRange } from '../runner/seeds.js';
import { InputError } from '../tekton/diagnostics.js';
import { parseGoDuration } from '../tekton/duration.js';
import type { CliIo } from './io.js';

/** A week: longer is surely a mistake, and the bound keeps the number a timer can hold. */
export const MAX_TIME_LIMIT_MS = 7 * 24 * 60 * 60 * 1000;

export const MAX_TIME_OPTION = {
  type: 'string',
  describe:
    'Stop after this long (Go duration, e.g. 90s, 10m) and report the seeds that finished, marked partial',
} as const;

/** `--max-time` as milliseconds, bounded to 1ms..168h. */
export function parseMaxTime(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseGoDuration(String(text));
  if (ms === undefined || ms < 1 || ms > MAX_TIME_LIMIT_MS)
    throw new InputError({
      severity: 'error',
      message: `--max-time: "${text}" should be a Go duration from 1ms to 168h (e.g. 90s, 10m, 1h30m)`,
    });
  return ms;
}

export interface RunControl {
  signal: AbortSignal;
  onProgress(done: number, total: number): void;
  /** Stops watching Ctrl-C and clears the progress bar. */
  finish(): void;
}

/**
 * Watches Ctrl-C and the --max-time budget (counted from now, on the CLI's clock, checked at
 * each progress report: after every seed in-process, every 100 ms with worker threads).
 */
export function startRunControl(io: CliIo, maxTimeMs: number | undefined): RunControl {
  const controller = new AbortController();
  const stop = (reason: StopReason) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const unwatch = io.interrupts?.watch(() => stop('interrupted'));
  const startedMs = io.nowMs();
  const progress = createProgressBar(io.stderr, io.nowMs);
  return {
    signal: controller.signal,
    onProgress(done, total) {
      if (maxTimeMs !== undefined && io.nowMs() - startedMs >= maxTimeMs) stop('max-time');
      progress.update(done, total);
    },
    finish() {
      unwatch?.();
      progress.finish();
    },
  };
}

/**
 * Ctrl-C while a command renders what it ran (the HTML charts take event-loop turns): noted
 * rather than ending the process, so the command writes nothing, cleans up and exits 130.
 */
export function watchLateInterrupt(io: CliIo): { interrupted(): boolean; stop(): void } {
  let interrupted = false;
  const stop = io.interrupts?.watch(() => {
    interrupted = true;
  });
  return { interrupted: () => interrupted, stop: () => stop?.() };
}

/** Each item (one per planned scenario) with the seeds that ran; those with none are left out. */
export function cutToWhatRan<T extends { seeds: SeedRange }>(
  items: readonly T[],
  ran: RunOutcome['ran'],
): T[] {
  return items.flatMap((item, index) => {
    const seeds = ran[index];
    return seeds === undefined ? [] : [{ ...item, seeds }];
  });
}

/** The items (one per planned scenario) of the scenarios with at least one seed run. */
export function thoseThatRan<T>(items: readonly T[], ran: RunOutcome['ran']): T[] {
  return items.filter((_, index) => ran[index] !== undefined);
}

/** The partial marker of a stopped run; undefined when every seed ran. */
export function partialOf(
  planned: readonly PlannedScenario[],
  outcome: Pick<RunOutcome, 'ran' | 'stopped'>,
): PartialRun | undefined {
  if (outcome.stopped === undefined) return undefined;
  return buildPartialRun(
    outcome.stopped,
    planned.map((entry, index) => ({
      name: entry.scenario.name,
      file: entry.scenario.file,
      planned: entry.seeds,
      ran: outcome.ran[index] ?? null,
    })),
  );
}

/**
 * Nothing to report: Ctrl-C before the first seed finished ends the command with 130 (the
 * caller's job); --max-time too short to finish one seed is a flag we cannot use, exit 2.
 */
export function refuseEmptyMaxTime(partial: PartialRun | undefined, text: string | undefined) {
  if (partial?.reason === 'max-time' && partial.runs === 0)
    throw new InputError({
      severity: 'error',
      message: `--max-time: "${text}" ended the run before its first seed finished; nothing was written; allow more time`,
    });
}
