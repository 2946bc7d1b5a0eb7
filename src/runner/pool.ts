// Runs chunk jobs on K threads and hands each result on as it arrives, with its job's
// position; runner.ts puts them back in job order, the merge that keeps output byte-identical
// for any K. The main thread is one of the K: it has the simulator loaded already and would
// otherwise only wait, so K-1 worker threads are started beside it. Each thread takes the next
// job itself from a shared counter when it is free, so no thread waits for the main thread to
// hand it one. Results cross threads as columns, copied (chunk-message.ts). A stop ends every
// chunk after its current seed (its result then holds the seeds before) and starts no other.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ScenarioStore } from '../check/store/scenario-store.js';
import type { ChunkMessage } from './chunk-message.js';
import {
  chunkFromData,
  runChunk,
  type ChunkJob,
  type ChunkResult,
  type ChunkSettings,
} from './chunk.js';
import {
  createSharedControl,
  inProcessHooks,
  mainThreadHooks,
  requestStop,
  seedsDoneSoFar,
  takeJob,
  type SharedControl,
  type StopOptions,
} from './stop.js';
import { takeWorkers, workersStartedEarly, type StartedWorker } from './threads.js';

/** Told the seeds finished since its last call (0 on a tick when none did). */
export type ChunkProgress = (seedsDone: number) => void;
export type ChunkSink = (id: number, result: ChunkResult) => void;
/**
 * The store a job run in this thread may add its seeds to directly (runChunk's `into`):
 * asked as the job starts, undefined when it must keep a store of its own.
 */
export type ChunkStoreFor = (id: number) => ScenarioStore | undefined;

/** What a worker thread is given in its first message: the jobs, plain settings, the shared control. */
export interface WorkerStart {
  jobs: readonly ChunkJob[];
  settings: ChunkSettings;
  control: SharedControl;
  slot: number;
}

/** How often the seeds finished by worker threads are read and reported. */
const PROGRESS_TICK_MS = 100;

/**
 * Runs the jobs, handing each result to `onResult`. After a stop, a job cut short hands on the
 * seeds it finished (a prefix of its range) and a job never started hands on nothing.
 */
export async function runJobs(
  jobs: readonly ChunkJob[],
  settings: ChunkSettings,
  workers: number,
  onResult: ChunkSink,
  onProgress?: ChunkProgress,
  stop?: StopOptions,
  storeFor?: ChunkStoreFor,
): Promise<void> {
  const signal = stop?.signal;
  if (workers <= 1 || jobs.length <= 1) {
    // Threads started early for this run are not needed after all.
    if (workersStartedEarly()) await takeWorkers(0);
    // Without a signal nothing can stop the run, so the seeds need not yield to the event loop.
    const hooks = stop && inProcessHooks(stop, onProgress && (() => onProgress(1)));
    for (let id = 0; id < jobs.length && !signal?.aborted; id++) {
      onResult(id, await runChunk(jobs[id], settings, hooks, storeFor?.(id)));
      if (!hooks) onProgress?.(jobs[id].seeds.last - jobs[id].seeds.first + 1);
    }
    return;
  }
  const count = Math.min(workers, jobs.length);
  const control = createSharedControl(count);
  const threads = await takeWorkers(count - 1);
  threads.forEach(({ thread }, slot) =>
    thread.postMessage({ jobs, settings, control, slot } satisfies WorkerStart),
  );
  const stopThreads = () => requestStop(control);
  signal?.addEventListener('abort', stopThreads);
  if (signal?.aborted) stopThreads();
  let reported = 0;
  const report = () => {
    const done = seedsDoneSoFar(control);
    onProgress?.(done - reported);
    reported = done;
  };
  const ticks = setInterval(report, PROGRESS_TICK_MS);
  try {
    await Promise.all([
      ...threads.map((thread) => workerFinished(thread, onResult)),
      runOnMainThread(jobs, settings, control, count - 1, onResult, stop, storeFor),
    ]);
    report();
  } finally {
    // After a failure, the threads still running take no further job.
    stopThreads();
    clearInterval(ticks);
    signal?.removeEventListener('abort', stopThreads);
    await Promise.all(threads.map(({ thread }) => thread.terminate()));
  }
}

/** Hands on the thread's results as they come; settles when it has taken its last job. */
function workerFinished(worker: StartedWorker, onResult: ChunkSink): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    worker.thread.on('message', (message: ChunkMessage) => {
      if ('done' in message) return resolve();
      if ('error' in message) return reject(new Error(`worker: ${message.error}`));
      onResult(message.id, chunkFromData(message.data));
    });
    worker.whenFailed(reject);
  });
}

/** The main thread's share: jobs taken as the worker threads take theirs. */
async function runOnMainThread(
  jobs: readonly ChunkJob[],
  settings: ChunkSettings,
  control: SharedControl,
  slot: number,
  onResult: ChunkSink,
  stop: StopOptions | undefined,
  storeFor: ChunkStoreFor | undefined,
): Promise<void> {
  const hooks = mainThreadHooks(control, slot, stop);
  for (let id = takeJob(control, jobs.length); id !== undefined; ) {
    onResult(id, await runChunk(jobs[id], settings, hooks, storeFor?.(id)));
    // The workers' results (and the progress ticks) come in between the main thread's chunks.
    await nextTurn();
    id = takeJob(control, jobs.length);
  }
}
