// Figure 5's per-thread CPU (bench/thread-cpu.cjs, preloaded into the child it measures): a
// worker thread ended by terminate() while it runs (no exit handler of its own runs then) still
// has its line, written by the main thread, so the idle estimate never takes the main thread
// alone for a run that had a worker.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { THREAD_CPU } from '../../bench/paths.js';

/**
 * A worker that works a while (as a worker loads its code before its first message, by which
 * time the main thread knows its thread id), posts once, then spins until the main thread
 * terminates it.
 */
const PROGRAM = `
const { Worker } = require('node:worker_threads');
const worker = new Worker(
  "let x = 0; for (let i = 0; i < 5e7; i++) x += i; require('node:worker_threads').parentPort.postMessage(x); for (;;) {}",
  { eval: true },
);
worker.once('message', () => worker.terminate());
`;

test('bench: thread CPU: a worker thread terminated while running still has its line', () => {
  if (!fs.existsSync('/proc/thread-self/schedstat')) {
    console.log('  (skipped: no /proc/thread-self/schedstat on this system)');
    return;
  }
  const child = spawnSync(process.execPath, ['-r', THREAD_CPU, '-e', PROGRAM], {
    encoding: 'utf8',
  });
  assert.is(child.status, 0, child.stderr);
  const lines = child.stderr
    .split('\n')
    .filter((line) => line.startsWith('THREAD-CPU '))
    .map((line) => JSON.parse(line.slice('THREAD-CPU '.length)));
  assert.equal(
    lines.map((line) => line.thread),
    ['main', 'worker'],
  );
  const [main, worker] = lines;
  assert.ok(worker.ms > 0, 'the worker ran');
  assert.ok(main.firstWorkerMs <= main.lastWorkerMs);
});

test.run();
