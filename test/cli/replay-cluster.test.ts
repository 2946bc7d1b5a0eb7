// replay and shrink follow one PipelineRun alone. A seed of a shared-cluster scenario run that
// way would silently lose its cluster, so both refuse it with exit 2 and name the command that
// reruns the seed on its cluster, and check prints that command for such a scenario.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
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
