// Stopping a many-seed run early (Ctrl-C, --max-time) and counting its progress, the same way
// in-process and across worker threads: a shared flag asked before every seed, and one counter
// of finished seeds per worker that the main thread reads while the workers run.
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
  /** Seeds finished, one cell per worker thread. */
  seedsDone: Int32Array;
}

export function createSharedControl(workers: number): SharedControl {
  return {
    stop: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)),
    seedsDone: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * workers)),
  };
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
