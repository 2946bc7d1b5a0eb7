// A worker posts its chunk's result as a copy: transferring the columns' buffers would detach
// them, and the first detach in a thread makes V8 recompile every optimised function that reads
// a typed array (chunk-message.ts). The main thread still rebuilds the same store.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runsCsv } from '../../src/cli/check-report.js';
import { chunkFromData, runChunk } from '../../src/runner/chunk.js';
import {
  postChunkDone,
  postChunkError,
  postChunkResult,
  type ChunkMessage,
} from '../../src/runner/chunk-message.js';

const SCENARIO = 'bench/simpy-equivalent.yaml';

function buffersIn(value: unknown, found: ArrayBuffer[] = []): ArrayBuffer[] {
  if (value instanceof ArrayBuffer) found.push(value);
  else if (Array.isArray(value)) for (const item of value) buffersIn(item, found);
  else if (value !== null && typeof value === 'object')
    for (const item of Object.values(value)) buffersIn(item, found);
  return found;
}

function received(port: MessagePort): Promise<ChunkMessage> {
  return new Promise((resolve) => port.once('message', resolve));
}

test('runner: a chunk result is posted as a copy, leaving no buffer of the sender detached', async () => {
  const job = {
    file: SCENARIO,
    scenarioIndex: 0,
    seeds: { first: 1, last: 40 },
    fullRange: { first: 1, last: 40 },
  };
  const result = await runChunk(job, { paranoid: false });
  const { port1, port2 } = new MessageChannel();
  const posted: ChunkMessage[] = [];
  const arriving = received(port2);
  postChunkResult(
    {
      // Passes on whatever transfer list it is given, as a worker's parentPort would.
      postMessage(message: ChunkMessage, ...transfer: ArrayBuffer[][]) {
        posted.push(message);
        port1.postMessage(message, ...transfer);
      },
    },
    7,
    result,
  );
  const message = await arriving;
  const sent = buffersIn(posted[0]);
  assert.ok(sent.length > 0, 'the columns travel as ArrayBuffers');
  assert.ok(
    sent.every((buffer) => buffer.byteLength > 0),
    'no buffer the worker posted was detached',
  );
  assert.ok('data' in message);
  assert.is(message.id, 7);
  assert.is(runsCsv([chunkFromData(message.data).store]), runsCsv([result.store]));
  port1.close();
});

test('runner: an error that ends a chunk is posted as its message, and the end of the jobs as done', async () => {
  const { port1, port2 } = new MessageChannel();
  let arriving = received(port2);
  postChunkError(port1, 3, new Error('boom'));
  assert.equal(await arriving, { id: 3, error: 'boom' });
  arriving = received(port2);
  postChunkDone(port1);
  assert.equal(await arriving, { done: true });
  port1.close();
});

test.run();
