// Preloaded (node -r) into a `tekton-sim check` the workers figure runs: at exit it writes
// to stderr, one line each, the CPU time each thread of the process spent on a core (Linux's
// /proc schedstat), so the bench can estimate the wall time an idle machine would give
// whatever other work the machine has. The main thread writes its total, its CPU when the
// first worker thread was created and when the last one ended (what it did before and after
// the threads ran side by side), and V8's own threads' (compiler, garbage collector) in all
// and while worker threads ran, then one line per worker thread. A worker thread's line is
// written by the main thread too: a thread ended by terminate() runs no exit handler of its
// own, so its line was sometimes missing and the estimate then took the main thread alone.
// Each worker thread tells the main thread its thread id as it starts; the main thread reads
// that thread's CPU whenever a worker posts a message (its last act is posting that it is
// done) and as it ends. The main thread's CPU when the first thread was created is read in
// Worker's constructor, which this replaces by a subclass: Node emits the 'worker' event a
// tick later, and the executable starts its threads before synchronous work (loading its
// script) that the event would wrongly count as done before the threads.
// Elsewhere than Linux it writes nothing.
const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const workerThreads = require('node:worker_threads');

const { BroadcastChannel, isMainThread } = workerThreads;

const MARKER = 'THREAD-CPU';
const CHANNEL = 'tekton-sim-thread-cpu';
const onLinux = fs.existsSync('/proc/thread-self/schedstat');

/** Milliseconds the thread has spent on a core: the first field of its schedstat. */
function onCoreMs(file) {
  try {
    return Number(fs.readFileSync(file, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

const ownMs = () => onCoreMs('/proc/thread-self/schedstat') ?? 0;

const say = (fields) => fs.writeSync(2, `${MARKER} ${JSON.stringify(fields)}\n`);

if (onLinux && !isMainThread) {
  // "<pid>/task/<tid>"
  const tid = fs.readlinkSync('/proc/thread-self').split('/').pop();
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(tid);
  channel.close();
} else if (onLinux) {
  let live = 0;
  let firstWorkerMs;
  let lastWorkerMs;
  let v8BeforeMs;
  let v8AfterMs;
  /** The last CPU time read of each worker thread, by thread id. */
  const workerMs = new Map();
  const readWorkers = () => {
    for (const tid of workerMs.keys()) {
      const ms = onCoreMs(`/proc/self/task/${tid}/schedstat`);
      if (ms !== undefined) workerMs.set(tid, ms);
    }
  };
  const channel = new BroadcastChannel(CHANNEL);
  channel.unref();
  channel.onmessage = ({ data: tid }) => {
    workerMs.set(tid, onCoreMs(`/proc/self/task/${tid}/schedstat`) ?? 0);
  };
  /** CPU of every thread but the main one and the worker threads (V8's own). */
  const othersMs = () => {
    let ms = 0;
    for (const task of fs.readdirSync('/proc/self/task'))
      if (task !== String(process.pid) && !workerMs.has(task))
        ms += onCoreMs(`/proc/self/task/${task}/schedstat`) ?? 0;
    return ms;
  };
  workerThreads.Worker = class extends workerThreads.Worker {
    constructor(...args) {
      if (firstWorkerMs === undefined) {
        firstWorkerMs = ownMs();
        v8BeforeMs = othersMs();
      }
      super(...args);
    }
  };
  // ES modules' `import { Worker } from 'node:worker_threads'` sees the subclass too.
  syncBuiltinESMExports();
  process.on('worker', (worker) => {
    live++;
    worker.on('message', readWorkers);
    worker.once('exit', () => {
      readWorkers();
      live--;
      if (live > 0) return;
      lastWorkerMs = ownMs();
      v8AfterMs = othersMs();
    });
  });
  process.on('exit', () => {
    const v8Ms = othersMs();
    say({
      thread: 'main',
      ms: ownMs(),
      firstWorkerMs,
      lastWorkerMs,
      v8Ms,
      ...(v8BeforeMs === undefined ? {} : { v8WhileWorkersMs: v8AfterMs - v8BeforeMs }),
    });
    for (const ms of workerMs.values()) say({ thread: 'worker', ms });
  });
}
