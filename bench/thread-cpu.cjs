// Preloaded (node -r) into a `tekton-sim check` the workers figure runs: at exit it writes
// to stderr, one line each, the CPU time each thread of the process spent on a core (Linux's
// /proc schedstat), so the bench can estimate the wall time an idle machine would give
// whatever other work the machine has. The main thread writes its total, its CPU when the
// first worker thread was created and when the last one ended (what it did before and after
// the threads ran side by side), and V8's own threads' (compiler, garbage collector) in all
// and while worker threads ran; each worker thread writes its own when it ends. Elsewhere
// than Linux it writes nothing.
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const MARKER = 'THREAD-CPU';
const onLinux = fs.existsSync('/proc/thread-self/schedstat');

/** Milliseconds the thread has spent on a core: the first field of its schedstat. */
function onCoreMs(file) {
  try {
    return Number(fs.readFileSync(file, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

const ownMs = () => onCoreMs('/proc/thread-self/schedstat');

// Written with writeSync: an exiting worker thread's process.stderr may never be flushed.
const say = (fields) => fs.writeSync(2, `${MARKER} ${JSON.stringify(fields)}\n`);

if (onLinux && !isMainThread) {
  process.on('exit', () => say({ thread: 'worker', ms: ownMs() }));
} else if (onLinux) {
  /** CPU of every thread but the main one (V8's, and worker threads still running). */
  const othersMs = () => {
    let ms = 0;
    for (const task of fs.readdirSync('/proc/self/task'))
      if (task !== String(process.pid)) ms += onCoreMs(`/proc/self/task/${task}/schedstat`);
    return ms;
  };
  let live = 0;
  let firstWorkerMs;
  let lastWorkerMs;
  let v8BeforeMs;
  let v8AfterMs;
  process.on('worker', (worker) => {
    if (firstWorkerMs === undefined) {
      firstWorkerMs = ownMs();
      v8BeforeMs = othersMs();
    }
    live++;
    worker.once('exit', () => {
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
  });
}
