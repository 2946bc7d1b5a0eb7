// Runs chunk jobs on K worker threads and returns their results in job order, whatever order
// the workers finish in: the merge that keeps output byte-identical for any K. A stop (the
// signal) ends every chunk after its current seed and starts no other.
import { Worker } from 'node:worker_threads';
import type { SeedResult } from '../check/seed-result.js';
import { runChunk, type ChunkJob, type ChunkSettings } from './chunk.js';
import {
  createSharedControl,
  inProcessHooks,
  requestStop,
  seedsDoneSoFar,
  type SharedControl,
  type StopOptions,
} from './stop.js';

/** Told the seeds finished since its last call (0 on a tick when none did). */
export type ChunkProgress = (seedsDone: number) => void;

/** What a worker thread is started with: plain settings and the shared stop flag and counters. */
export interface WorkerData {
  settings: ChunkSettings;
  control: SharedControl;
  slot: number;
}

/** How often the seeds finished by worker threads are read and reported. */
const PROGRESS_TICK_MS = 100;

// The package ships .js; under tsx (tests, development) the worker is the .ts source, and a
// worker thread does not inherit tsx's loader, so a two-line bootstrap registers it first.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url);

function startWorker(workerData: WorkerData): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(WORKER_URL.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    workerData,
  });
}

/**
 * Each job's results, in job order. After a stop a job holds the seeds it finished (a prefix of
 * its range) and a job never started is undefined.
 */
export async function runJobs(
  jobs: readonly ChunkJob[],
  settings: ChunkSettings,
  workers: number,
  onProgress?: ChunkProgress,
  stop?: StopOptions,
): Promise<(SeedResult[] | undefined)[]> {
  const signal = stop?.signal;
  const results: (SeedResult[] | undefined)[] = new Array(jobs.length).fill(undefined);
  if (workers <= 1 || jobs.length <= 1) {
    // Without a signal nothing can stop the run, so the seeds need not yield to the event loop.
    const hooks = stop && inProcessHooks(stop, onProgress && (() => onProgress(1)));
    for (let index = 0; index < jobs.length && !signal?.aborted; index++) {
      results[index] = await runChunk(jobs[index], settings, hooks);
      if (!hooks) onProgress?.(jobs[index].seeds.last - jobs[index].seeds.first + 1);
    }
    return results;
  }
  let next = 0;
  const count = Math.min(workers, jobs.length);
  const control = createSharedControl(count);
  const threads = Array.from({ length: count }, (_, slot) =>
    startWorker({ settings, control, slot }),
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
            thread.on(
              'message',
              (message: { id: number; results?: SeedResult[]; error?: string }) => {
                if (message.error !== undefined)
                  return reject(new Error(`worker: ${message.error}`));
                results[message.id] = message.results as SeedResult[];
                take();
              },
            );
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
  return results;
}
