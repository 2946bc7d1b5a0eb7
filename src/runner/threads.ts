// Worker threads for the pool, and starting them before they are needed. A thread spends its
// first 45 ms or so of CPU starting Node (about 30) and loading the simulator's code (the
// executable's threads from a code-cached script, cli/worker-main.ts; 60-100 ms as ES
// modules); the executable starts the threads a command will want (`--workers N`) as its first
// act, so that this runs on the second core while the main thread loads its own modules and
// the scenario, and a thread is waiting when the first chunk is handed out. A thread is given
// its jobs in its first message (worker-thread.ts); until then it holds no reference to the
// process's exit, so a command that ends before running seeds (bad input, --help) exits as it
// would without it.
// This module loads nothing of the simulator, so the executable imports it first.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { type WorkerEntry, workerEntry } from './worker-url.js';

/**
 * More threads running seeds than cores only adds start-up cost and memory (each loads the
 * simulator and the scenario), so `--workers` is bounded by a small multiple of the cores.
 */
export const MAX_WORKERS = 4 * os.availableParallelism();

/** What a thread started early is given: a scenario file to warm up on (warm-up.ts). */
export interface EarlyWorkerData {
  warmUpFile?: string;
}

/** A worker thread, and the error that ended it, if one did, before or after it was taken. */
export class StartedWorker {
  readonly thread: Worker;
  private failure?: Error;
  private onFailure?: (error: Error) => void;

  constructor(entry: WorkerEntry, early?: EarlyWorkerData) {
    this.thread = new Worker(entry.url, { workerData: { ...entry.data, ...early } });
    this.thread.unref();
    // Listened to at once: an error event with no listener would end the whole process.
    this.thread.on('error', (error) => this.fail(error));
    this.thread.on('exit', (code) => this.fail(new Error(`worker thread exited (code ${code})`)));
  }

  /** Calls `reject` with the error that ended the thread (at once if it already has). */
  whenFailed(reject: (error: Error) => void): void {
    if (this.failure) reject(this.failure);
    else this.onFailure = reject;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.onFailure?.(this.failure);
  }
}

let early: Promise<StartedWorker[]> | undefined;

/**
 * Starts `count` threads now for the next run of chunks to take (the executable calls it),
 * warming up on `warmUpFile` if given until their jobs come.
 */
export function startWorkersEarly(count: number, warmUpFile?: string): void {
  if (count < 1 || early) return;
  const data = warmUpFile === undefined ? undefined : { warmUpFile };
  early = workerEntry().then((entry) =>
    Array.from({ length: count }, () => new StartedWorker(entry, data)),
  );
  // A failure to start is met again, and reported, when the threads are taken.
  early.catch(() => {});
}

/** Whether threads started early are waiting to be taken. */
export function workersStartedEarly(): boolean {
  return early !== undefined;
}

/**
 * `count` threads for a run: those started early first (any beyond `count` are ended), then
 * new ones. They hold the process open until terminated.
 */
export async function takeWorkers(count: number): Promise<StartedWorker[]> {
  const started = early ? await early : [];
  early = undefined;
  for (const extra of started.slice(count)) void extra.thread.terminate();
  const taken = started.slice(0, count);
  if (taken.length < count) {
    const entry = await workerEntry();
    while (taken.length < count) taken.push(new StartedWorker(entry));
  }
  for (const worker of taken) worker.thread.ref();
  return taken;
}
