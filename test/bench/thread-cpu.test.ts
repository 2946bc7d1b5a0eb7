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
 * A worker that works a little, then waits until the main thread knows its thread id (as a
 * worker loads its code before its first message, by which time the main thread knows it),
 * posts once, then spins until the main thread terminates it. The worker's preload
 * broadcasts its id as it starts (on its CHANNEL); the program listens there too (made
 * before the worker, so it hears the broadcast) and only then tells the worker to go on.
 * The preload's own channel got the same broadcast at the same moment, so it has read the
 * id before the worker's answer to "go", a round trip later, arrives. It waited half a
 * second asleep before: the same order, by time instead of by an event.
 */
const PROGRAM = `
const { BroadcastChannel, Worker } = require('node:worker_threads');
const idRead = new BroadcastChannel('tekton-sim-thread-cpu');
const worker = new Worker(
  "let x = 0; for (let i = 0; i < 1e6; i++) x += i; const { parentPort } = require('node:worker_threads'); parentPort.once('message', () => { parentPort.postMessage(x); for (;;) {} });",
  { eval: true },
);
idRead.onmessage = () => {
  idRead.close();
  worker.postMessage('go');
};
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
