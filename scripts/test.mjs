#!/usr/bin/env node
// Runs every test/**/*.test.ts file with uvu in as many processes as the machine has cores
// (scripts/test-worker.mjs), then prints the one closing line CI reads:
// "N passed, N failed". Files are handed out one at a time, heaviest first by the weights in
// scripts/test-weights.json (a file not listed there gets the median weight), so both cores
// stay busy to the end. Each file's output is printed as one block when the file finishes, so
// lines of two processes never interleave. The TypeScript is compiled to JavaScript once
// while the processes start, before they are handed a file (scripts/test-build.mjs says why
// and where).
//
//   node scripts/test.mjs [pattern] [--workers N] [--timings] [--write-weights] [--dir DIR]
//
// pattern: a regex over the test paths relative to DIR (default test/, pattern \.test\.ts$).
// --timings prints each file's wall and CPU time; --write-weights stores the wall times
// measured by this run in scripts/test-weights.json.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  closingLine,
  findTestFiles,
  orderByWeight,
  runFailed,
  splitFiles,
  sumCounts,
} from './test-plan.mjs';
import { buildTests, COMPILED_FOLDERS, compiledPath } from './test-build.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const workerScript = path.join(root, 'scripts', 'test-worker.mjs');
const weightsFile = path.join(root, 'scripts', 'test-weights.json');
const MAX_WORKERS = 16;

function usageError(message) {
  process.stderr.write(`error: ${message}\n`);
  process.exit(2);
}

function parseArguments(argv) {
  const options = { pattern: '\\.test\\.ts$', workers: 0, timings: false, writeWeights: false };
  options.directory = path.join(root, 'test');
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--timings') options.timings = true;
    else if (argument === '--write-weights') options.writeWeights = true;
    else if (argument === '--workers') {
      const text = argv[++index] ?? '';
      const count = Number(text);
      if (!/^\d+$/.test(text) || count < 1 || count > MAX_WORKERS) {
        usageError(`--workers ${JSON.stringify(text)}: expected an integer 1..${MAX_WORKERS}`);
      }
      options.workers = count;
    } else if (argument === '--dir') {
      options.directory = path.resolve(argv[++index] ?? usageError('--dir needs a folder'));
    } else if (argument.startsWith('--')) {
      usageError(
        `unknown option ${argument}; expected --workers, --timings, --write-weights, --dir`,
      );
    } else options.pattern = argument;
  }
  return options;
}

function readWeights() {
  try {
    return JSON.parse(fs.readFileSync(weightsFile, 'utf8'));
  } catch {
    return {};
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
}

const options = parseArguments(process.argv.slice(2));
// Only what test-build.mjs compiles can run: a folder of tests elsewhere has no compiled files.
if (
  !COMPILED_FOLDERS.some((folder) => {
    const relative = path.relative(path.join(root, folder), options.directory);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  })
) {
  usageError(`--dir ${options.directory}: expected a folder inside ${COMPILED_FOLDERS.join(', ')}`);
}
const weights = readWeights();
// In the project's own test/ folder only *.test.ts files are tests: a pattern such as
// 'conformance' must not pick up the YAML cases beside them. --dir (the runner's own tests)
// takes the pattern as it is.
const isTestFile = (file) =>
  options.directory !== path.join(root, 'test') || file.name.endsWith('.test.ts');
const files = orderByWeight(
  findTestFiles(options.directory, options.pattern).filter(isTestFile),
  weights,
  median(Object.values(weights)),
);
const workerCount = Math.max(
  1,
  Math.min(options.workers || os.availableParallelism(), files.length),
);

// Every test process, and every process a test starts, gets this run's own temporary folder
// (TMPDIR, which os.tmpdir() reads), removed when the run ends: a test that leaves its
// temporary files behind, or a process killed inside a file, cannot fill the machine's /tmp
// (before this, each run left about 150 folders there).
const scratchFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-tests-'));
const removeScratchFolder = () => fs.rmSync(scratchFolder, { recursive: true, force: true });
process.on('SIGINT', () => {
  removeScratchFolder();
  process.exit(130);
});

const results = [];
let nextFile = 0;
let running = 0;

function printBlock(name, text) {
  const body = text.replace(/^\n+/, '');
  process.stdout.write(`${name}\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}`);
}

function startWorker() {
  running++;
  const child = fork(workerScript, [], {
    cwd: root,
    // Stack traces name the .ts lines through the compiled files' inline source maps. A test
    // file runs each code path briefly, so V8's optimising compiler inlining into hot functions
    // costs more than it gains: without it the whole suite took 12% less CPU on an idle machine.
    execArgv: ['--enable-source-maps', '--no-turbo-inlining'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', TMPDIR: scratchFolder },
  });
  // The process's stdout holds the running file's output up to the next end-of-file marker;
  // its real stderr (Node's own report of a crash) is kept apart and shown with that file.
  let pending = '';
  let stderr = '';
  let current;
  const sendNext = () => {
    current = nextFile < files.length ? files[nextFile++] : undefined;
    if (current) child.send({ file: compiledPath(root, current.file) });
    else child.send({ stop: true });
  };
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    const { finished, rest } = splitFiles(pending + chunk);
    pending = rest;
    for (const { text, counts } of finished) {
      results.push({ name: current.name, ...counts });
      printBlock(current.name, text + stderr);
      stderr = '';
      sendNext();
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.on('message', (message) => {
    if (message.ready) compiled.then(sendNext);
  });
  child.on('close', (code, signal) => {
    running--;
    const ending = signal ?? `exit ${code}`;
    if (current !== undefined) {
      // The process died inside a file: that file counts as one failure and the files left
      // go on in a new process.
      results.push({ name: current.name, total: 1, passed: 0, skipped: 0, failed: 1 });
      printBlock(
        current.name,
        `${pending}${stderr}\n  the test process ended (${ending}) inside this file\n`,
      );
      current = undefined;
      if (nextFile < files.length) startWorker();
    } else if (code !== 0 || pending || stderr) {
      results.push({ name: 'test process', total: 1, passed: 0, skipped: 0, failed: code ? 1 : 0 });
      printBlock(
        '(after its last file)',
        `${pending}${stderr}\n  the test process ended with ${ending}\n`,
      );
    }
    if (running === 0) finish();
  });
}

function printTimings() {
  const rows = [...results].sort((a, b) => (b.wallMs ?? 0) - (a.wallMs ?? 0));
  process.stdout.write('\n  wall ms    cpu ms  file\n');
  for (const row of rows) {
    const wall = String(row.wallMs ?? '-').padStart(9);
    const cpu = String(row.cpuMs ?? '-').padStart(9);
    process.stdout.write(`${wall} ${cpu}  ${row.name}\n`);
  }
}

function writeWeights() {
  const updated = { ...weights };
  for (const row of results) {
    if (row.wallMs !== undefined) updated[row.name.split(path.sep).join('/')] = row.wallMs;
  }
  const sorted = Object.fromEntries(Object.entries(updated).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(weightsFile, `${JSON.stringify(sorted, null, 2)}\n`);
}

function finish() {
  removeScratchFolder();
  if (options.timings) printTimings();
  if (options.writeWeights) writeWeights();
  const counts = sumCounts(results);
  process.stdout.write(`\n${closingLine(counts)}\n`);
  process.exitCode = runFailed(counts) ? 1 : 0;
}

/**
 * Brings the compiled files up to date. The test processes start meanwhile (a process and
 * uvu take about 0.1 s to start) and are handed their first file when this is done.
 */
async function compileTests() {
  try {
    await buildTests(root);
  } catch (error) {
    // Without compiled files no test can run; CI still reads a closing line.
    results.push({ name: 'compile', total: 1, passed: 0, skipped: 0, failed: 1 });
    printBlock('(compiling the tests)', `  ${error?.message ?? String(error)}\n`);
    files.length = 0;
  }
}

const compiled = files.length === 0 ? Promise.resolve() : compileTests();
if (files.length === 0) finish();
else for (let index = 0; index < workerCount; index++) startWorker();
