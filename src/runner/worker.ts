// Worker thread entry: takes chunk jobs one message at a time and posts their results back.
// Each worker loads the scenario files itself; nothing but plain data crosses threads.
import { parentPort, workerData } from 'node:worker_threads';
import { runChunk, type ChunkJob } from './chunk.js';
import type { WorkerData } from './pool.js';
import { workerHooks } from './stop.js';

const { settings, control, slot } = workerData as WorkerData;
const hooks = workerHooks(control, slot);

parentPort?.on('message', (message: { id: number; job: ChunkJob }) => {
  runChunk(message.job, settings, hooks).then(
    (results) => parentPort?.postMessage({ id: message.id, results }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
