// The test runner (scripts/test.mjs): files handed out heaviest first, each file's output
// kept whole, counts of all processes summed into the closing line CI reads, and a file that
// kills its process counted as a failure while the other files go on.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  closingLine,
  FILE_END_MARKER,
  findTestFiles,
  orderByWeight,
  runFailed,
  splitFiles,
  sumCounts,
} from '../../scripts/test-plan.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cases = path.join(root, 'test', 'fixtures', 'test-runner');

test('test runner: files are found by a regex over their path, in name order', () => {
  const names = findTestFiles(cases, '\\.case\\.ts$').map((file) => file.name);
  assert.equal(names, [
    'crashes.case.ts',
    'fails.case.ts',
    'passes.case.ts',
    'throws-on-load.case.ts',
    'zz-after.case.ts',
  ]);
  assert.equal(
    findTestFiles(cases, '^PASSES').map((file) => file.name),
    ['passes.case.ts'],
    'the pattern ignores case, as uvu does',
  );
});

test('test runner: heaviest files go first; files without a weight get the default', () => {
  const files = ['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((name) => ({ name, file: name }));
  const order = orderByWeight(files, { 'a.ts': 10, 'c.ts': 900, 'd.ts': 50 }, 50);
  assert.equal(
    order.map((file) => file.name),
    ['c.ts', 'b.ts', 'd.ts', 'a.ts'],
  );
});

test('test runner: counts add up into "N passed, N failed", skipped only when some were', () => {
  const counts = sumCounts([
    { total: 3, passed: 3, skipped: 0, failed: 0 },
    { total: 2, passed: 1, skipped: 2, failed: 1 },
  ]);
  assert.equal(counts, { total: 5, passed: 4, skipped: 2, failed: 1 });
  assert.is(closingLine(counts), '4 passed, 1 failed, 2 skipped');
  assert.is(closingLine({ total: 1, passed: 1, skipped: 0, failed: 0 }), '1 passed, 0 failed');
  assert.ok(runFailed(counts));
  assert.ok(runFailed({ total: 0, passed: 0, skipped: 0, failed: 0 }), 'nothing ran');
  assert.not.ok(runFailed({ total: 1, passed: 1, skipped: 0, failed: 0 }));
});

test('test runner: a process stream splits into finished files at the markers', () => {
  const counts = { total: 1, passed: 1, skipped: 0, failed: 0 };
  const marker = `\n${FILE_END_MARKER}${JSON.stringify(counts)}\n`;
  const { finished, rest } = splitFiles(`one\n${marker}two\n${marker}three, still runn`);
  assert.equal(finished, [
    { text: 'one\n', counts },
    { text: 'two\n', counts },
  ]);
  assert.is(rest, 'three, still runn');
  assert.equal(splitFiles(`half${marker.slice(0, 5)}`).finished, [], 'a marker cut mid-line waits');
});

test('test runner: failures and a crashed process are counted, the files after it still run', () => {
  const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'test-runner-'));
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'test.mjs'), '\\.case\\.ts$', '--dir', cases, '--workers', '1'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, TMPDIR: temporary } },
  );
  // The tests' temporary folders were inside one folder of the run's own, under the TMPDIR the
  // runner was given, and nothing is left there: neither what a passing file left nor what a
  // process that crashed left.
  const left = fs.readdirSync(temporary);
  fs.rmSync(temporary, { recursive: true, force: true });
  const folder = /note: temporary folder (\S+)/.exec(run.stdout)?.[1] ?? '';
  assert.match(path.relative(temporary, folder), /^tekton-sim-tests-\w+\/passes-\w+$/);
  assert.equal(left, []);
  assert.is(run.status, 1, run.stderr);
  const lines = run.stdout.trimEnd().split('\n');
  assert.is(lines.at(-1), '4 passed, 3 failed');
  // Each file is one block under its name, its notes (stdout and stderr) inside it.
  const passes = run.stdout.indexOf('passes.case.ts\n');
  assert.ok(passes >= 0, run.stdout);
  const passesBlock = run.stdout.slice(passes, run.stdout.indexOf('throws-on-load.case.ts\n'));
  assert.match(passesBlock, 'note: printed by passes.case.ts');
  assert.match(passesBlock, 'note: written to stderr by passes.case.ts');
  assert.match(passesBlock, '(2 / 2)');
  assert.match(run.stdout, 'one is not two');
  assert.match(run.stdout, 'the test process ended (exit 7) inside this file');
  assert.match(run.stdout, 'note: about to end the process');
  assert.match(run.stdout, 'thrown while loading throws-on-load.case.ts');
  assert.match(run.stdout, /zz-after\.case\.ts\n• {3}\(1 \/ 1\)/);
});

test('test runner: a worker count out of range is one line and exit 2', () => {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'test.mjs'), '--workers', '0'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  assert.is(run.status, 2);
  assert.is(run.stdout, '');
  assert.is(run.stderr, 'error: --workers "0": expected an integer 1..16\n');
});

test.run();
