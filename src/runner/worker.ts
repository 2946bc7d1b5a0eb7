// Worker thread entry: takes chunk jobs one message at a time and posts their results back.
// Each worker loads the scenario files itself; only plain data crosses threads, and the
// columns' buffers are transferred rather than copied.
import { parentPort, workerData } from 'node:worker_threads';
import { transferList } from '../check/store/wire.js';
import { chunkToData, runChunk, type ChunkJob } from './chunk.js';
import type { WorkerData } from './pool.js';
import { workerHooks } from './stop.js';

const { settings, control, slot } = workerData as WorkerData;
const hooks = workerHooks(control, slot);

parentPort?.on('message', (message: { id: number; job: ChunkJob }) => {
  runChunk(message.job, settings, hooks).then(
    (result) => {
      const data = chunkToData(result);
      parentPort?.postMessage({ id: message.id, data }, transferList(data));
    },
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
