// How a worker thread hands a chunk's result to the main thread: as a structured-clone copy,
// not with its buffers transferred. Transferring detaches the worker's ArrayBuffers, and the
// first detach in a thread invalidates V8's "array buffers are never detached" protector: every
// optimised function that reads a typed array is thrown away and recompiled with detach checks.
// The kernel and the store live on typed arrays, so each worker ran about 20% slower from its
// second chunk on (100,000 seeds on 2 workers: 0.4 to 0.55 s more CPU in all). A chunk's
// columns are a few kilobytes, so copying them costs far less.
import { chunkToData, type ChunkData, type ChunkResult } from './chunk.js';

/**
 * What a worker posts: job `id`'s result, or the message of the error that ended it (and the
 * worker), or that it has taken its last job.
 */
export type ChunkMessage =
  | { id: number; data: ChunkData }
  | { id: number; error: string }
  | { done: true };

/** The port a chunk's result is posted on (a worker's parentPort, or a MessagePort in tests). */
export interface ResultPort {
  postMessage(message: ChunkMessage): void;
}

export function postChunkResult(port: ResultPort, id: number, result: ChunkResult): void {
  // No transfer list: see above.
  port.postMessage({ id, data: chunkToData(result) });
}

export function postChunkError(port: ResultPort, id: number, error: unknown): void {
  port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
}

export function postChunkDone(port: ResultPort): void {
  port.postMessage({ done: true });
}
