import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli as cli } from './run-cli.js';

const PLANTED = 'test/fixtures/planted-faults/planted.scenario.yaml';
const SLOW = 'test/fixtures/planted-faults/slow-expectation.scenario.yaml';

test('cli: check --list names every invariant with its description', async () => {
  const { code, stdout } = await cli('check', '--list');
  assert.is(code, 0);
  for (const name of [
    'finally-runs',
    'finally-after-dag',
    'dag-order',
    'deadlines',
    'retries',
    'one-terminal-state',
    'liveness',
    'determinism',
  ]) {
    assert.match(stdout, new RegExp(`^${name} `, 'm'));
  }
});

test('cli: check: all hold exits 0 and prints settings, outcomes and invariants', async () => {
  const { code, stdout, stderr } = await cli('check', PLANTED, '--seed-range', '1..10');
  assert.is(code, 0, stderr);
  assert.match(
    stdout,
    /scenario planted \(test\/fixtures\/planted-faults\/planted\.scenario\.yaml\), profile v1\.15, seeds 1\.\.10: 10 runs/,
  );
  assert.match(stdout, /held {6}finally-runs/);
  assert.match(stdout, /result: every invariant and expectation held/);
});

test('cli: check: a failed expectation exits 1 with the observed value', async () => {
  const { code, stdout } = await cli('check', SLOW);
  assert.is(code, 1);
  assert.match(stdout, /VIOLATED {2}makespan\.p95 <= 1s {2}\(observed /);
});

test('cli: check: an expectation whose interval lies across its threshold is inconclusive, exit 0', async () => {
  // One seed: every share's Wilson interval is at least 0.79 wide. On the point estimate alone
  // `reason[PipelineRunTimeout] >= 0.01` or `<= 0.25` would be violated by that one run.
  const { code, stdout } = await cli(
    'check',
    'scenarios/tep-0046-hello-world.scenario.yaml',
    '--seeds',
    '1',
  );
  assert.is(code, 0, stdout);
  assert.match(
    stdout,
    /inconclusive {2}finally-completes >= 0\.999 {2}\(observed 1\.0000, 95% CI 0\.2065\.\.1\.0000, n=1; about 3838 seeds would likely settle it: --seeds 3838\)/,
  );
  assert.not.match(stdout, /VIOLATED/);
  assert.match(
    stdout,
    /result: nothing violated; \d expectation\(s\) inconclusive \(more seeds would settle them\)/,
  );
});

test('cli: check: bad input exits 2 with one clear line', async () => {
  const empty = await cli('check', PLANTED, '--seed-range', '9..3');
  assert.is(empty.code, 2);
  assert.match(empty.stderr, /--seed-range: "9\.\.3" is empty/);
  assert.is((await cli('check', PLANTED, '--seeds', '3', '--seed-range', '1..2')).code, 2);
  assert.is((await cli('check', 'no-such-file.yaml')).code, 2);
});

test('cli: check --report writes summary.md, summary.json, runs.csv; refuses to overwrite a user file', async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'check-report-'));
  const first = await cli('check', PLANTED, '--seeds', '3', '--report', directory, '-o', 'json');
  assert.is(first.code, 0, first.stderr);
  assert.is(JSON.parse(first.stdout).runs, 3);
  const csv = fs.readFileSync(path.join(directory, 'runs.csv'), 'utf8').trim().split('\n');
  assert.is(
    csv[0],
    'scenario,file,seed,status,reason,makespan_ms,finally_completes,events,violated_invariants,known_bugs',
  );
  assert.is(csv.length, 4);
  assert.match(fs.readFileSync(path.join(directory, 'summary.md'), 'utf8'), /^# tekton-sim check/);
  assert.is(
    (await cli('check', PLANTED, '--seeds', '3', '--report', directory)).code,
    0,
    'our own files may be overwritten',
  );
  const user = fs.mkdtempSync(path.join(os.tmpdir(), 'check-report-user-'));
  fs.writeFileSync(path.join(user, 'summary.md'), 'mine\n');
  const refused = await cli('check', PLANTED, '--seeds', '3', '--report', user);
  assert.is(refused.code, 2);
  assert.is(fs.readFileSync(path.join(user, 'summary.md'), 'utf8'), 'mine\n');
});

test('cli: replay prints statuses and, with --trace, events in virtual-time order', async () => {
  const { code, stdout, stderr } = await cli('replay', PLANTED, '--seed', '2', '--trace');
  assert.is(code, 0, stderr);
  assert.match(stdout, /\+ *0\.000s {2}PipelineRun started/);
  assert.match(stdout, /TaskRun planted-a attempt 1 (started|succeeded)/);
});

test.run();
