// Runs chunk jobs on K worker threads and hands each result on as it arrives, with its job's
// position; runner.ts puts them back in job order, the merge that keeps output byte-identical
// for any K. Results cross threads as columns whose buffers are transferred. A stop ends every
// chunk after its current seed (its result then holds the seeds before) and starts no other.
import { Worker } from 'node:worker_threads';
import {
  chunkFromData,
  runChunk,
  type ChunkData,
  type ChunkJob,
  type ChunkResult,
  type ChunkSettings,
} from './chunk.js';
import {
  createSharedControl,
  inProcessHooks,
  requestStop,
  seedsDoneSoFar,
  type SharedControl,
  type StopOptions,
} from './stop.js';
import { bundledWorkerUrl } from './source-worker.js';

/** Told the seeds finished since its last call (0 on a tick when none did). */
export type ChunkProgress = (seedsDone: number) => void;
export type ChunkSink = (id: number, result: ChunkResult) => void;

/** What a worker thread is started with: plain settings and the shared stop flag and counters. */
export interface WorkerData {
  settings: ChunkSettings;
  control: SharedControl;
  slot: number;
}

/** How often the seeds finished by worker threads are read and reported. */
const PROGRESS_TICK_MS = 100;

// The package ships .js; under tsx (tests, development) the worker is the .ts source, which a
// thread loads as a bundle built once per process (source-worker.ts says why).
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url);

async function workerUrl(): Promise<URL> {
  return FROM_SOURCE ? bundledWorkerUrl(WORKER_URL) : WORKER_URL;
}

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
): Promise<void> {
  const signal = stop?.signal;
  if (workers <= 1 || jobs.length <= 1) {
    // Without a signal nothing can stop the run, so the seeds need not yield to the event loop.
    const hooks = stop && inProcessHooks(stop, onProgress && (() => onProgress(1)));
    for (let id = 0; id < jobs.length && !signal?.aborted; id++) {
      onResult(id, await runChunk(jobs[id], settings, hooks));
      if (!hooks) onProgress?.(jobs[id].seeds.last - jobs[id].seeds.first + 1);
    }
    return;
  }
  let next = 0;
  const count = Math.min(workers, jobs.length);
  const control = createSharedControl(count);
  const url = await workerUrl();
  const threads = Array.from(
    { length: count },
    (_, slot) => new Worker(url, { workerData: { settings, control, slot } satisfies WorkerData }),
  );
  const stopWorkers = () => requestStop(control);
  signal?.addEventListener('abort', stopWorkers);
  if (signal?.aborted) stopWorkers();
  let reported = 0;
  const report = () => {
    const done = seedsDoneSoFar(control);
    onProgress?.(done - reported);
    reported = done;
  };
  const ticks = setInterval(report, PROGRESS_TICK_MS);
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            const take = () => {
              if (next >= jobs.length || Atomics.load(control.stop, 0) !== 0) return resolve();
              const id = next++;
              thread.postMessage({ id, job: jobs[id] });
            };
            thread.on('message', (message: { id: number; data?: ChunkData; error?: string }) => {
              if (message.error !== undefined) return reject(new Error(`worker: ${message.error}`));
              onResult(message.id, chunkFromData(message.data as ChunkData));
              take();
            });
            thread.on('error', reject);
            take();
          }),
      ),
    );
    report();
  } finally {
    clearInterval(ticks);
    signal?.removeEventListener('abort', stopWorkers);
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}
