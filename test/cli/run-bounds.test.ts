// A valid PipelineRun that never finishes within a run's bounds (events, attempts of one
// TaskRun) is an outcome, not an internal error: `run` shows it as it stood (Unknown,
// NotCompleted, the bound named), `check` reports it under liveness, and every replay command
// check prints works (exit 1, the liveness violation). Before, run and replay exited 3.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulateRunShowingBound } from '../../src/engine/simulated-run.js';
import { MAX_ATTEMPTS_PER_TASKRUN } from '../../src/model/not-completed.js';
import { preparePipelineRun } from '../../src/plan/prepare.js';
import { loadFiles } from '../../src/tekton/load.js';
import { runCli } from './run-cli.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'run-bounds-'));
const FILE = path.join(directory, 'retries.yaml');
// Attempts take no virtual time, so the pipeline's 60m default would never come either.
fs.writeFileSync(
  FILE,
  `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: forever
spec:
  timeouts:
    pipeline: "0"
  pipelineSpec:
    tasks:
      - name: flaky
        retries: 1000000
        taskSpec:
          steps:
            - name: fail
              image: alpine
              script: exit 1
---
apiVersion: tekton-sim/v1alpha1
kind: Scenario
metadata:
  name: forever
spec:
  seeds: 2
`,
);

const BOUND = `${MAX_ATTEMPTS_PER_TASKRUN} attempts of TaskRun "forever-flaky"`;

test('cli: bounds: run shows a run stopped at the attempts bound as NotCompleted, exit 0', async () => {
  const result = await runCli('run', FILE);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, 'Succeeded: Unknown  Reason: NotCompleted');
  assert.match(result.stdout, `tekton-sim stopped this run after ${BOUND}, at 0s of virtual time`);
  assert.match(result.stdout, `(attempts: ${MAX_ATTEMPTS_PER_TASKRUN})`);
  assert.match(result.stderr, `did not complete within ${BOUND}; shown as it stood then`);
  assert.not.match(result.stderr, 'internal error');
});

test('cli: bounds: run -o yaml gives the condition Unknown with the reason NotCompleted', async () => {
  const result = await runCli('run', FILE, '-o', 'yaml');
  assert.is(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    /status: Unknown\n\s+lastTransitionTime: \S+\n\s+reason: NotCompleted/,
  );
});

test('cli: bounds: run on a cluster stops the same way', async () => {
  const result = await runCli('run', FILE, '--slots', '2');
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, 'Reason: NotCompleted');
});

test('cli: bounds: check reports liveness and every replay command it prints exits 1', async () => {
  const checked = await runCli('check', FILE);
  assert.is(checked.code, 1, checked.stderr);
  assert.match(checked.stdout, 'VIOLATED  liveness');
  assert.match(checked.stdout, /NotCompleted\s+2\s+100\.0%/);
  const replays = [...checked.stdout.matchAll(/tekton-sim (replay .*)$/gm)].map((m) => m[1]);
  assert.is(replays.length, 2);
  for (const command of replays) {
    const replayed = await runCli(...command.split(' '));
    assert.is(replayed.code, 1, `${command}: ${replayed.stderr}`);
    assert.match(replayed.stdout, 'Reason: NotCompleted');
    assert.match(replayed.stdout, `violated liveness: liveness: PipelineRun "forever"`);
  }
});

test('cli: bounds: on a cluster, every command check and replay print for the seed exits 1', async () => {
  const file = path.join(directory, 'cluster.yaml');
  fs.writeFileSync(
    file,
    fs.readFileSync(FILE, 'utf8').replace('  seeds: 2', '  seeds: 1\n  cluster: {slots: 2}'),
  );
  const checked = await runCli('check', file);
  assert.is(checked.code, 1, checked.stderr);
  const [command] = [...checked.stdout.matchAll(/tekton-sim (check .*--seed-range 1\.\.1)$/gm)];
  assert.ok(command, checked.stdout);
  assert.is((await runCli(...command[1].split(' '))).code, 1);
  // replay refuses a cluster and names the commands that do rerun it; both must work.
  const refused = await runCli('replay', file, '--seed', '1');
  assert.is(refused.code, 2);
  const perfetto = path.join(directory, 'seed-1.json');
  const drawn = await runCli('replay', file, '--seed', '1', '--perfetto', perfetto);
  assert.is(drawn.code, 1, drawn.stderr);
  assert.match(
    drawn.stdout,
    `violated liveness: liveness: PipelineRun "forever" (seed 1) did not complete within ${BOUND}; nothing drawn`,
  );
});

test('engine: bounds: a run past the event bound comes back as it stood, naming the bound', () => {
  const set = loadFiles([FILE]);
  const prepared = preparePipelineRun(set, {});
  const run = simulateRunShowingBound(prepared.plan, { maxEvents: 5, seed: 3 });
  assert.ok(run.stopped);
  assert.is(
    run.stopped.message,
    'liveness: PipelineRun "forever" (seed 3) did not complete within 5 events',
  );
  assert.is(run.view.pipelineRun.condition.status, 'Unknown');
  assert.is(run.view.pipelineRun.condition.reason, 'NotCompleted');
  assert.match(run.view.pipelineRun.condition.message, 'after 5 events, at 0s of virtual time');
  assert.is(run.result.eventCount, 5);
});

test.after(() => fs.rmSync(directory, { recursive: true, force: true }));

test.run();
