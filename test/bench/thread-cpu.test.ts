// Figure 5's per-thread CPU (bench/thread-cpu.cjs, preloaded into the child it measures): a
// worker thread ended by terminate() while it runs (no exit handler of its own runs then) still
// has its line, written by the main thread, so the idle estimate never takes the main thread
// alone for a run that had a worker; and the main thread's CPU "when the first worker was
// started" is read as the thread is created, not when Node tells of it a tick later.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { THREAD_CPU } from '../../bench/paths.js';

/**
 * A worker that works a little, then waits half a second (as a worker loads its code before
 * its first message, by which time the main thread knows its thread id), posts once, then
 * spins until the main thread terminates it. The wait is a sleep, not work: a loop of 5e7
 * additions gave the same half second, at the cost of as much CPU.
 */
const PROGRAM = `
const { Worker } = require('node:worker_threads');
const worker = new Worker(
  "let x = 0; for (let i = 0; i < 1e6; i++) x += i; Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500); require('node:worker_threads').parentPort.postMessage(x); for (;;) {}",
  { eval: true },
);
worker.once('message', () => worker.terminate());
`;

const isLinux = () => {
  if (fs.existsSync('/proc/thread-self/schedstat')) return true;
  console.log('  (skipped: no /proc/thread-self/schedstat on this system)');
  return false;
};

/** The lines thread-cpu.cjs writes for `program`, and what the program printed. */
function measure(program: string) {
  const child = spawnSync(process.execPath, ['-r', THREAD_CPU, '-e', program], {
    encoding: 'utf8',
  });
  assert.is(child.status, 0, child.stderr);
  const lines = child.stderr
    .split('\n')
    .filter((line) => line.startsWith('THREAD-CPU '))
    .map((line) => JSON.parse(line.slice('THREAD-CPU '.length)));
  return { lines, stdout: child.stdout };
}

test('bench: thread CPU: a worker thread terminated while running still has its line', () => {
  if (!isLinux()) return;
  const { lines } = measure(PROGRAM);
  assert.equal(
    lines.map((line) => line.thread),
    ['main', 'worker'],
  );
  const [main, worker] = lines;
  assert.ok(worker.ms > 0, 'the worker ran');
  assert.ok(main.firstWorkerMs <= main.lastWorkerMs);
});

test("bench: thread CPU: the main thread's CPU at the first worker is read as it is created", () => {
  if (!isLinux()) return;
  // Synchronous work right after the thread is created, as the executable loads its script:
  // about 50 ms of CPU. The loop is inside a function: at the top level of a -e script its
  // variables are the script's globals, and the same 5e7 additions took 0.6 s.
  const program = `
const fs = require('node:fs');
const { Worker } = require('node:worker_threads');
const ownMs = () => Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
const before = ownMs();
const worker = new Worker("require('node:worker_threads').parentPort.postMessage('done')", { eval: true });
const after = ownMs();
const work = () => {
  let x = 0;
  for (let i = 0; i < 5e7; i++) x += i;
  return x;
};
const x = work();
worker.once('message', () => worker.terminate());
console.log(JSON.stringify({ before, after, x: x > 0 }));
`;
  const { lines, stdout } = measure(program);
  const { before, after } = JSON.parse(stdout);
  const main = lines.find((line) => line.thread === 'main');
  assert.ok(
    main.firstWorkerMs >= before && main.firstWorkerMs <= after,
    `${main.firstWorkerMs} ms, not between ${before} and ${after} ms`,
  );
});

test.run();
