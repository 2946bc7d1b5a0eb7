// Runs chunk jobs on K worker threads and hands each result on as it arrives, with its job's
// position; runner.ts puts them back in job order, the merge that keeps output byte-identical
// for any K. Results cross threads as columns whose buffers are transferred.
import { Worker } from 'node:worker_threads';
import {
  chunkFromData,
  runChunk,
  type ChunkData,
  type ChunkJob,
  type ChunkResult,
  type ChunkSettings,
} from './chunk.js';

export type ChunkProgress = (seedsDone: number) => void;
export type ChunkSink = (id: number, result: ChunkResult) => void;

// The package ships .js; under tsx (tests, development) the worker is the .ts source, and a
// worker thread does not inherit tsx's loader, so a two-line bootstrap registers it first.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url);

function startWorker(settings: ChunkSettings): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { workerData: settings });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(WORKER_URL.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    workerData: settings,
  });
}

export async function runJobs(
  jobs: readonly ChunkJob[],
  settings: ChunkSettings,
  workers: number,
  onResult: ChunkSink,
  onProgress?: ChunkProgress,
): Promise<void> {
  if (workers <= 1 || jobs.length <= 1) {
    for (const [id, job] of jobs.entries()) {
      onResult(id, await runChunk(job, settings));
      onProgress?.(job.seeds.last - job.seeds.first + 1);
    }
    return;
  }
  let next = 0;
  const threads = Array.from({ length: Math.min(workers, jobs.length) }, () =>
    startWorker(settings),
  );
  try {
    await Promise.all(
      threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            const take = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              thread.postMessage({ id, job: jobs[id] });
            };
            thread.on('message', (message: { id: number; data?: ChunkData; error?: string }) => {
              if (message.error !== undefined) return reject(new Error(`worker: ${message.error}`));
              onResult(message.id, chunkFromData(message.data as ChunkData));
              onProgress?.(jobs[message.id].seeds.last - jobs[message.id].seeds.first + 1);
              take();
            });
            thread.on('error', reject);
            take();
          }),
      ),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
}
