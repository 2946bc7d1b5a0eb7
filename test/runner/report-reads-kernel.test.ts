// What a report reads besides the store (the per-attempt rows of its attempts CSV, the
// series over time of its charts), which every `report --shard` asks for, comes from the
// kernel for a scenario the kernel runs: a chunk asked for them runs its seeds there, and
// gives the bytes the reference engine gives.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { determinismSample } from '../../src/check/invariants/determinism.js';
import { rememberScenario, runChunk } from '../../src/runner/chunk.js';
import { spiedScenario } from '../fixtures/spied-kernel.js';

test('chunk: the attempt rows and series are made on the kernel, the same bytes as on the reference engine', async () => {
  const { scenario, calls } = spiedScenario();
  rememberScenario(scenario, 0, undefined);
  const seeds = { first: 1, last: 80 };
  const job = { file: scenario.file, scenarioIndex: 0, seeds, fullRange: seeds };
  const settings = { paranoid: false, attempts: true, series: true };
  const kernel = await runChunk(job, settings);
  // Sampled seeds run twice for their SeedResults; every other seed straight into the columns.
  const sampled = determinismSample(1, 80, false).size;
  assert.equal(calls, { run: 2 * sampled, runInto: 80 - sampled });
  const reference = await runChunk(job, { ...settings, engine: 'reference' });
  assert.equal(calls, { run: 2 * sampled, runInto: 80 - sampled }, 'not on the kernel');
  assert.ok((kernel.attemptsCsv ?? '').split('\n').length > 80, 'lines of attempts');
  assert.is(kernel.attemptsCsv, reference.attemptsCsv);
  assert.is(kernel.store.series?.seeds, 80);
  assert.is(JSON.stringify(kernel.store.toData()), JSON.stringify(reference.store.toData()));
});

test.run();
