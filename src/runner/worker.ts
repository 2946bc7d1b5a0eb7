// Worker thread entry: takes chunk jobs one message at a time and posts their results back.
// Each worker loads the scenario files itself; nothing but plain data crosses threads.
import { parentPort, workerData } from 'node:worker_threads';
import { runChunk, type ChunkJob, type ChunkSettings } from './chunk.js';

const settings = workerData as ChunkSettings;

parentPort?.on('message', (message: { id: number; job: ChunkJob }) => {
  runChunk(message.job, settings).then(
    (output) => parentPort?.postMessage({ id: message.id, ...output }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
