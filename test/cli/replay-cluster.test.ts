// replay and shrink follow one PipelineRun alone. A seed of a shared-cluster scenario run that
// way would silently lose its cluster, so both refuse it with exit 2 and name the command that
// reruns the seed on its cluster, and check prints that command for such a scenario. replay
// --perfetto alone draws such a seed whole, on its cluster, with the controller's queue.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { replayCommand } from '../../src/cli/check.js';
import { loadScenarios } from '../../src/index.js';
import { runCli } from './run-cli.js';

const FILE = 'scenarios/shared-cluster.yaml';
const RERUN = `tekton-sim check ${FILE} --seed-range 3..3`;

test('cli: replay: a cluster scenario is refused with the command that reruns its seed', async () => {
  const result = await runCli('replay', FILE, '--seed', '3');
  assert.is(result.code, 2);
  assert.is(result.stdout, '');
  assert.ok(result.stderr.includes('replay does not model a cluster yet'), result.stderr);
  assert.ok(result.stderr.includes(RERUN), result.stderr);
  assert.ok(result.stderr.includes(`replay ${FILE} --seed 3 --perfetto FILE.json`), result.stderr);
});

const QUEUED = 'test/fixtures/perfetto/queue.scenario.yaml';

interface CounterEvent {
  ph: string;
  pid: number;
  name: string;
  ts: number;
  args: Record<string, number>;
}

test('cli: replay --perfetto of a cluster seed: the controller work queue and waiting pods as counters, in time order', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'replay-fleet-')), 'seed.json');
  const result = await runCli('replay', QUEUED, '--seed', '1', '--perfetto', file);
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stdout.split('\n').filter((line) => line.startsWith('PipelineRun ')).length, 4);
  const trace = JSON.parse(fs.readFileSync(file, 'utf8'));
  const counter = (name: string) =>
    (trace.traceEvents as CounterEvent[])
      .filter((event) => event.ph === 'C' && event.name === name)
      .map((event) => [event.ts, ...Object.values(event.args)]);
  // Four keys arrive at once; the one worker takes the first, then one per 100ms reconcile.
  assert.equal(counter('controller work queue'), [
    [0, 3],
    [100_000, 2],
    [200_000, 1],
    [300_000, 0],
  ]);
  // Run 0's pod takes the one slot at 100ms; runs 1..3 create theirs as their reconciles end.
  const waiting = counter('pods waiting for a node');
  assert.equal(waiting.slice(0, 4), [
    [0, 0],
    [200_000, 1],
    [300_000, 2],
    [400_000, 3],
  ]);
  assert.equal(waiting[waiting.length - 1][1], 0);
  for (let index = 1; index < waiting.length; index++)
    assert.ok(waiting[index][0] > waiting[index - 1][0], 'one step per instant, in time order');
  // One process per PipelineRun besides the cluster's, each with its TaskRuns as slices.
  const processes = (trace.traceEvents as { name: string; pid: number; args: { name: string } }[])
    .filter((event) => event.name === 'process_name')
    .map((event) => event.args.name);
  assert.equal(processes, [
    'cluster',
    'PipelineRun 0 queued',
    'PipelineRun 1 queued',
    'PipelineRun 2 queued',
    'PipelineRun 3 queued',
  ]);
  const again = await runCli('replay', QUEUED, '--seed', '1', '--perfetto', file);
  assert.is(again.code, 0, 'it may overwrite its own output');
});

test('cli: replay --perfetto with --gantt or --trace on a cluster seed is still refused', async () => {
  const result = await runCli('replay', QUEUED, '--seed', '1', '--perfetto', 'x.json', '--trace');
  assert.is(result.code, 2);
  assert.ok(result.stderr.includes('replay does not model a cluster yet'), result.stderr);
});

test('cli: shrink: a cluster scenario is refused the same way', async () => {
  const result = await runCli('shrink', FILE, '--seed', '3', '--invariant', 'capacity');
  assert.is(result.code, 2);
  assert.ok(result.stderr.includes('shrink does not model a cluster yet'), result.stderr);
});

test('cli: check: the rerun command it would print for a cluster seed works', async () => {
  const result = await runCli('check', FILE, '--seed-range', '3..3');
  const scenarios = loadScenarios([FILE]);
  assert.is(replayCommand(scenarios[0], scenarios, 3), RERUN);
  assert.is(result.code, 0, result.stderr);
  assert.ok(result.stdout.includes('seeds 3..3: 1 runs'), result.stdout);
});

test.run();
