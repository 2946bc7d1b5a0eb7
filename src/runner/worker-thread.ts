// What a worker thread does: it waits for its first message, the jobs of a run (it may be
// started before they are known: threads.ts; it then warms up meanwhile, warm-up.ts). It takes
// jobs from the shared counter until none is left (or the run is stopping), posting each
// chunk's result back, then says it is done. Each worker loads the scenario files itself; only
// plain data crosses threads, copied (chunk-message.ts says why). worker.ts starts it; the
// executable's threads start it from a code-cached script (cli/worker-main.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { runChunk } from './chunk.js';
import { postChunkDone, postChunkError, postChunkResult } from './chunk-message.js';
import type { WorkerStart } from './pool.js';
import { takeJob, workerHooks } from './stop.js';
import type { EarlyWorkerData } from './threads.js';
import { warmUp } from './warm-up.js';

type Port = NonNullable<typeof parentPort>;

export interface ServeOptions {
  /**
   * Called once the thread has taken its last job, before it says it is done (the main thread
   * ends it then): the executable writes the worker's code cache here.
   */
  beforeDone?(): void;
}

async function work(
  port: Port,
  { jobs, settings, control, slot }: WorkerStart,
  options: ServeOptions,
): Promise<void> {
  const hooks = workerHooks(control, slot);
  for (let id = takeJob(control, jobs.length); id !== undefined; ) {
    try {
      postChunkResult(port, id, await runChunk(jobs[id], settings, hooks));
    } catch (error) {
      return postChunkError(port, id, error);
    }
    id = takeJob(control, jobs.length);
  }
  options.beforeDone?.();
  postChunkDone(port);
}

/** Serves the jobs this thread is posted; warms up first when it was started early on a file. */
export function serveJobs(options: ServeOptions = {}): void {
  const port = parentPort;
  let jobsCame = false;
  port?.once('message', (start: WorkerStart) => {
    jobsCame = true;
    void work(port, start, options);
  });
  const warmUpFile = (workerData as EarlyWorkerData | null)?.warmUpFile;
  if (warmUpFile !== undefined) void warmUp(warmUpFile, () => jobsCame);
}
