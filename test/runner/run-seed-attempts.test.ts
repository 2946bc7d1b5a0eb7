// The per-attempt rows (the report's attempts CSV) come from the reference engine's status
// view, which the kernel does not build: a seed asked for them is run there even when the
// kernel could run it, and its other values are the kernel's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runSeed } from '../../src/runner/run-seed.js';
import { loadScenarios } from '../../src/workload/index.js';

const BENCH = fileURLToPath(new URL('../../bench/simpy-equivalent.yaml', import.meta.url));

test('runSeed: a seed asked for its attempt rows gets them, on a scenario the kernel runs', () => {
  const [scenario] = loadScenarios([path.resolve(BENCH)]);
  const plain = runSeed(scenario, 7, { twice: false });
  const withAttempts = runSeed(scenario, 7, { twice: false, attempts: true });
  assert.is(plain.attempts, undefined);
  assert.ok(withAttempts.attempts && withAttempts.attempts.length >= 11, 'one row per attempt');
  assert.equal(withAttempts.metrics, plain.metrics);
  assert.is(withAttempts.reason, plain.reason);
});

test.run();
