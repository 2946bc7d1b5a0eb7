// Warming up runs seeds in the thread before its jobs come: what the thread's chunks give after
// it is byte for byte what they give cold, and a file that is not a scenario is no error.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runsCsv } from '../../src/cli/check-report.js';
import { runChunk } from '../../src/runner/chunk.js';
import { warmUp } from '../../src/runner/warm-up.js';

const FILE = 'bench/simpy-equivalent.yaml';
const job = {
  file: FILE,
  scenarioIndex: 0,
  seeds: { first: 1, last: 150 },
  fullRange: { first: 1, last: 1000 },
};
const chunkCsv = async () => runsCsv([(await runChunk(job, { paranoid: false })).store]);

test('runner: warm-up: a chunk run after warming up gives the bytes of one run before', async () => {
  const cold = await chunkCsv();
  let looks = 0;
  // Stops at its fourth look, after three steps of seeds.
  await warmUp(FILE, () => ++looks > 3);
  assert.is(looks, 4);
  assert.is(await chunkCsv(), cold);
});

test('runner: warm-up: a file that is not a scenario ends it quietly; jobs already come end it at once', async () => {
  await warmUp('no-such-scenario.yaml', () => false);
  await warmUp('package.json', () => false);
  let looks = 0;
  await warmUp(FILE, () => ++looks > 0);
  assert.is(looks, 1);
});

test.run();
