// `npm run fuzz -- --count N [--seed S] [--first I] [--timeout-ms T] [--workers K]
// [--max-size BYTES] [--out DIR]`: a long fuzz campaign over iterations I .. I+N-1. Each mutant runs on a worker thread under a time bound;
// a mutant that exceeds it is a hang, its thread is replaced and the campaign goes on. Crashes
// and hangs are written to DIR (one file each, with the mutated input) and counted at the end;
// the exit code is 1 if there were any.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { mutantAt, reproduceCommand } from './fuzz-loop.js';
import { collectInputs } from './inputs.js';
import type { WorkerAnswer, WorkerSettings } from './worker.js';

const OPTIONS = {
  count: { type: 'string', default: '10000' },
  seed: { type: 'string', default: '1' },
  first: { type: 'string', default: '0' },
  'timeout-ms': { type: 'string', default: '10000' },
  workers: { type: 'string', default: String(Math.max(1, os.availableParallelism() - 1)) },
  'max-size': { type: 'string', default: String(64 * 1024) },
  out: { type: 'string', default: 'fuzz-findings' },
} as const;

function readArguments() {
  try {
    return parseArgs({ options: OPTIONS }).values;
  } catch (error) {
    // An unknown option or one without its value: one line, not parseArgs' stack trace.
    const known = Object.keys(OPTIONS)
      .map((name) => `--${name}`)
      .join(', ');
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`fuzz: ${reason.split('\n')[0]} (options: ${known})\n`);
    process.exit(2);
  }
}

const values = readArguments();
// A mutant's generator is seeded with seed * 1,000,003 + iteration, which must stay exact.
const MAX_ITERATION = 2 ** 31;
const count = boundedInteger('count', values.count, 1, MAX_ITERATION);
const seed = boundedInteger('seed', values.seed, 0, 2 ** 32 - 1);
const first = boundedInteger('first', values.first, 0, MAX_ITERATION - count);
const timeoutMs = boundedInteger('timeout-ms', values['timeout-ms'], 1, 3_600_000);
const workerCount = boundedInteger('workers', values.workers, 1, 4 * os.availableParallelism());
const settings: WorkerSettings = {
  seed,
  maxInputSizeBytes: boundedInteger('max-size', values['max-size'], 1, 16 * 1024 * 1024),
};
const outDirectory = values.out;

function boundedInteger(name: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    process.stderr.write(
      `fuzz: --${name} ${JSON.stringify(text)}: expected a whole number ${min}..${max}\n`,
    );
    process.exit(2);
  }
  return value;
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);

/** A worker that has loaded the simulator, so that loading is not counted as a hang. */
function startWorker(): Promise<Worker> {
  // A worker thread does not inherit tsx's loader; register it before the worker's source.
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(WORKER_URL.href)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), {
    workerData: settings,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

const outcomes = new Map<string, number>();
let crashes = 0;
let hangs = 0;
let done = 0;
let next = first;
const startedMs = Date.now();
let lastReportMs = startedMs;

function record(kind: 'crash' | 'hang', iteration: number, text: string): void {
  fs.mkdirSync(outDirectory, { recursive: true });
  const file = path.join(outDirectory, `${kind}-seed${seed}-${iteration}.txt`);
  fs.writeFileSync(file, text + '\n');
  process.stdout.write(`${kind}: iteration ${iteration} (${file})\n`);
}

function reportProgress(force = false): void {
  const nowMs = Date.now();
  if (!force && nowMs - lastReportMs < 5000) return;
  lastReportMs = nowMs;
  const rate = done / Math.max(0.001, (nowMs - startedMs) / 1000);
  process.stderr.write(
    `fuzz: ${done}/${count} mutants, ${rate.toFixed(0)}/s, ${crashes} crashes, ${hangs} hangs\n`,
  );
}

/** One thread's share of the campaign: takes iterations until none are left. */
async function drive(): Promise<void> {
  let worker = await startWorker();
  try {
    while (next < first + count) {
      const iteration = next++;
      const answer = await ask(worker, iteration);
      done += 1;
      if (answer === 'hang') {
        hangs += 1;
        await worker.terminate();
        worker = await startWorker();
        const { inputs } = collectInputs(settings.maxInputSizeBytes);
        const mutant = mutantAt(inputs, seed, iteration);
        record(
          'hang',
          iteration,
          [
            `hang: seed ${seed}, iteration ${iteration}, ${mutant.kind} mutant of ${mutant.file}: no answer within ${timeoutMs} ms`,
            `reproduce: ${reproduceCommand(settings, iteration)}`,
            '--- mutated input ---',
            mutant.text,
            '--- end of mutated input ---',
          ].join('\n'),
        );
      } else if ('crash' in answer) {
        crashes += 1;
        record('crash', iteration, answer.crash);
      } else {
        outcomes.set(answer.outcome, (outcomes.get(answer.outcome) ?? 0) + 1);
      }
      reportProgress();
    }
  } finally {
    await worker.terminate();
  }
}

function ask(worker: Worker, iteration: number): Promise<WorkerAnswer | 'hang'> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish('hang'), timeoutMs);
    const onMessage = (answer: WorkerAnswer) => finish(answer);
    const onError = (error: Error) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      reject(error);
    };
    function finish(answer: WorkerAnswer | 'hang') {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(answer);
    }
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(iteration);
  });
}

const { inputs, corpusNote } = collectInputs(settings.maxInputSizeBytes);
if (corpusNote) process.stderr.write(`fuzz: ${corpusNote}\n`);
process.stderr.write(
  `fuzz: ${count} mutants (iterations ${first}..${first + count - 1}) of ${inputs.length} inputs, seed ${seed}, ${workerCount} workers, ${timeoutMs} ms per input\n`,
);
await Promise.all(Array.from({ length: Math.min(workerCount, count) }, drive));
reportProgress(true);
const summary = [...outcomes.entries()]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([outcome, n]) => `${n} ${outcome}`)
  .join(', ');
process.stdout.write(
  `fuzz: ${done} mutants (${summary}); ${crashes} crashes, ${hangs} hangs; ${((Date.now() - startedMs) / 1000).toFixed(1)} s\n`,
);
process.exitCode = crashes + hangs > 0 ? 1 : 0;
