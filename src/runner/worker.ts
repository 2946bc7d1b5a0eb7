// Worker thread entry: takes jobs from the shared counter until none is left (or the run is
// stopping), posting each chunk's result back, then says it is done. Each worker loads the
// scenario files itself; only plain data crosses threads, copied (chunk-message.ts says why).
import { parentPort, workerData } from 'node:worker_threads';
import { runChunk } from './chunk.js';
import { postChunkDone, postChunkError, postChunkResult } from './chunk-message.js';
import type { WorkerData } from './pool.js';
import { takeJob, workerHooks } from './stop.js';

const { jobs, settings, control, slot } = workerData as WorkerData;
const hooks = workerHooks(control, slot);

async function work(port: NonNullable<typeof parentPort>): Promise<void> {
  for (let id = takeJob(control, jobs.length); id !== undefined; ) {
    try {
      postChunkResult(port, id, await runChunk(jobs[id], settings, hooks));
    } catch (error) {
      return postChunkError(port, id, error);
    }
    id = takeJob(control, jobs.length);
  }
  postChunkDone(port);
}

if (parentPort) await work(parentPort);
