// Stopping a many-seed run early (Ctrl-C, --max-time) and counting its progress, the same way
// in-process and across worker threads: a shared flag asked before every seed, one counter
// of finished seeds per thread that the main thread reads while the workers run, and the
// shared number of the next job, which each thread takes for itself when it is free.
export type StopReason = 'interrupted' | 'max-time';

/** How a chunk is stopped between seeds and tells of its progress; absent, it runs to the end. */
export interface ChunkHooks {
  /** Asked before each seed: true ends the chunk there, keeping the seeds already run. */
  shouldStop(): boolean;
  /** Called after each seed; in-process it also gives the event loop a turn (signals, timers). */
  seedDone(): void | Promise<void>;
}

/** Memory shared with the worker threads: cell 0 of `stop` is set to stop them. */
export interface SharedControl {
  stop: Int32Array;
  /** Seeds finished, one cell per thread running chunks. */
  seedsDone: Int32Array;
  /** Cell 0: the position of the next job not yet taken. */
  nextJob: Int32Array;
}

export function createSharedControl(threads: number): SharedControl {
  const cells = (count: number) =>
    new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * count));
  return { stop: cells(1), seedsDone: cells(threads), nextJob: cells(1) };
}

/**
 * The next job for the calling thread, or undefined when every job is taken or the run is
 * stopping. A job taken once is run by that thread alone; which thread runs it does not
 * change the output, since results are merged in job order.
 */
export function takeJob(control: SharedControl, jobs: number): number | undefined {
  if (Atomics.load(control.stop, 0) !== 0) return undefined;
  const id = Atomics.add(control.nextJob, 0, 1);
  return id < jobs ? id : undefined;
}

export function requestStop(control: SharedControl): void {
  Atomics.store(control.stop, 0, 1);
}

export function seedsDoneSoFar(control: SharedControl): number {
  let done = 0;
  for (let slot = 0; slot < control.seedsDone.length; slot++)
    done += Atomics.load(control.seedsDone, slot);
  return done;
}

/** The hooks of the worker thread in `slot`: no event loop turn needed, the flag is shared. */
export function workerHooks(control: SharedControl, slot: number): ChunkHooks {
  return {
    shouldStop: () => Atomics.load(control.stop, 0) !== 0,
    seedDone: () => {
      Atomics.add(control.seedsDone, slot, 1);
    },
  };
}

/**
 * The hooks of the main thread when it runs chunks beside worker threads: its seeds count in
 * its own cell, the shared flag stops it, and with `stop` it yields to the event loop as
 * inProcessHooks does, so Ctrl-C, --max-time and progress are seen during a chunk.
 */
export function mainThreadHooks(
  control: SharedControl,
  slot: number,
  stop: StopOptions | undefined,
): ChunkHooks {
  const shared = workerHooks(control, slot);
  if (!stop) return shared;
  const yielding = inProcessHooks(stop, undefined);
  return {
    shouldStop: shared.shouldStop,
    seedDone: () => {
      shared.seedDone();
      return yielding.seedDone();
    },
  };
}

/** How a run on the main thread is stopped: the signal, and a clock to pace its yields. */
export interface StopOptions {
  signal: AbortSignal;
  /** Wall-clock milliseconds; without it the run yields after every seed. */
  nowMs?: () => number;
}

/** The event loop gets a turn at least this often, so Ctrl-C is seen within a few seeds. */
const YIELD_EVERY_MS = 20;

/**
 * The hooks of a chunk run on the main thread: it stops when the signal is aborted, reports
 * each seed, and every 20 ms yields to the event loop (about 2 µs each time; after every seed
 * that cost 2-5% with the fastest engine) so that a Ctrl-C handler or a timer can run.
 */
export function inProcessHooks(
  stop: StopOptions,
  onSeedDone: (() => void) | undefined,
): ChunkHooks {
  let yieldedMs = stop.nowMs?.() ?? 0;
  return {
    shouldStop: () => stop.signal.aborted,
    seedDone: () => {
      onSeedDone?.();
      if (stop.nowMs) {
        const now = stop.nowMs();
        if (now - yieldedMs < YIELD_EVERY_MS) return;
        yieldedMs = now;
      }
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
