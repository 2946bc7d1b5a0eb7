// Worker thread entry: loads the simulator, then waits for its first message, the jobs of a run
// (it may be started before they are known: threads.ts; it then warms up meanwhile, warm-up.ts). It takes jobs from the shared counter
// until none is left (or the run is stopping), posting each chunk's result back, then says it
// is done. Each worker loads the scenario files itself; only plain data crosses threads,
// copied (chunk-message.ts says why).
import { parentPort, workerData } from 'node:worker_threads';
import { runChunk } from './chunk.js';
import { postChunkDone, postChunkError, postChunkResult } from './chunk-message.js';
import type { WorkerStart } from './pool.js';
import { takeJob, workerHooks } from './stop.js';
import type { EarlyWorkerData } from './threads.js';
import { warmUp } from './warm-up.js';

type Port = NonNullable<typeof parentPort>;

async function work(port: Port, { jobs, settings, control, slot }: WorkerStart): Promise<void> {
  const hooks = workerHooks(control, slot);
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

const port = parentPort;
let jobsCame = false;
port?.once('message', (start: WorkerStart) => {
  jobsCame = true;
  void work(port, start);
});
const warmUpFile = (workerData as EarlyWorkerData | null)?.warmUpFile;
if (warmUpFile !== undefined) void warmUp(warmUpFile, () => jobsCame);
