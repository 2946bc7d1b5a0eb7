// The per-attempt rows (the report's attempts CSV) of a seed the kernel runs are the kernel's
// (src/kernel/attempts.ts): the seed is not moved to the reference engine for them, and they
// are the rows the reference engine's status view gives.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runSeed } from '../../src/runner/run-seed.js';
import { loadScenarios } from '../../src/workload/index.js';

const BENCH = fileURLToPath(new URL('../../bench/simpy-equivalent.yaml', import.meta.url));

test('runSeed: a seed asked for its attempt rows gets them from the kernel, as the reference gives them', () => {
  const [scenario] = loadScenarios([path.resolve(BENCH)]);
  const plain = runSeed(scenario, 7, { twice: false });
  const withAttempts = runSeed(scenario, 7, { twice: true, attempts: true });
  const reference = runSeed(scenario, 7, { twice: false, attempts: true, engine: 'reference' });
  assert.is(plain.attempts, undefined);
  // Run twice on the kernel: its result hash, not the reference engine's trace hash.
  assert.type(withAttempts.resultHash, 'string');
  assert.is(withAttempts.traceHash, undefined);
  assert.ok(withAttempts.attempts && withAttempts.attempts.length >= 11, 'one row per attempt');
  assert.equal(withAttempts.attempts, reference.attempts);
  assert.equal(withAttempts.metrics, plain.metrics);
  assert.is(withAttempts.reason, plain.reason);
});

test.run();
