// Figure 5's estimate of an idle machine's wall time from each thread's CPU: one thread takes
// its own; two take what the main thread did alone, then the longest of either thread's
// share and half of every thread's CPU.
// The ceiling: no 2-worker run can beat the 1-worker run's CPU spread over every core.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { idleWallEstimateS, speedupCeiling } from '../../bench/figure-workers.js';

test('bench: idle estimate: one thread takes its own CPU time, V8 threads running beside it', () => {
  assert.is(idleWallEstimateS([{ thread: 'main', ms: 2000, v8Ms: 300 }]), 2);
  assert.is(idleWallEstimateS([]), undefined, 'nothing reported: not Linux');
});

test('bench: idle estimate: two threads share the cores between the worker start and end', () => {
  const main = { thread: 'main' as const, ms: 1500, firstWorkerMs: 300, lastWorkerMs: 1400 };
  // Shares of 1,100 and 1,000 ms with 600 ms of V8 threads: half of 2,700 is the longest.
  assert.is(
    idleWallEstimateS([
      { ...main, v8Ms: 600 },
      { thread: 'worker', ms: 1000 },
    ]),
    (300 + 1350 + 100) / 1000,
  );
  // V8's threads count only while the worker ran, when told.
  assert.is(
    idleWallEstimateS([
      { ...main, v8Ms: 900, v8WhileWorkersMs: 600 },
      { thread: 'worker', ms: 1000 },
    ]),
    (300 + 1350 + 100) / 1000,
  );
  // A worker far longer than the rest decides alone.
  assert.is(
    idleWallEstimateS([
      { ...main, v8Ms: 0 },
      { thread: 'worker', ms: 2500 },
    ]),
    (300 + 2500 + 100) / 1000,
  );
});

test('bench: ceiling: the CPU of the 1-worker run spread over every core bounds the 2-worker wall time', () => {
  // 1.45 s of wall with 1.75 s of CPU (V8's threads on the other core): 2 workers on 2 cores
  // need at least 0.875 s, at most 1.66x.
  assert.is(speedupCeiling(1.45, 1.75, 2).toFixed(2), '1.66');
  // A run that kept one core busy and no more could double on 2 cores, never beyond.
  assert.is(speedupCeiling(1.5, 1.5, 2), 2);
  assert.is(speedupCeiling(1.5, 1.5, 8), 2);
});

test.run();
