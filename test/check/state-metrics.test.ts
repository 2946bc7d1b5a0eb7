// The metric row a seed keeps is read from the run's state (stateRunMetrics), without the
// status view that runMetrics reads: for every conformance case and bundled scenario, single
// runs and every PipelineRun of a cluster seed alike, the two give the same row.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runMetrics, stateRunMetrics } from '../../src/check/metrics.js';
import { fleetRunAsSimulation } from '../../src/engine/fleet.js';
import { loadText, preparePipelineRun, simulateRun } from '../../src/index.js';
import { buildRunView } from '../../src/scheduler/view.js';
import { loadScenarios, runFleetSeed, runScenarioSeed } from '../../src/workload/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scenarios = loadScenarios([path.join(root, 'scenarios')]);
const SEEDS = 25;

test('metrics: read from the state, a single run gives the row its status view gives', () => {
  let compared = 0;
  for (const scenario of scenarios.filter((each) => !each.fleet)) {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const run = runScenarioSeed(scenario, seed);
      assert.equal(stateRunMetrics(run.result, seed), runMetrics(run, seed), scenario.name);
      compared++;
    }
  }
  assert.ok(compared >= 5 * SEEDS);
});

test('metrics: read from the state, each PipelineRun of a cluster seed gives its view row', () => {
  let compared = 0;
  for (const scenario of scenarios.filter((each) => each.fleet)) {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const fleet = runFleetSeed(scenario, seed);
      for (const run of fleet.runs) {
        const result = fleetRunAsSimulation(run, fleet.endTimeMs);
        const viewed = runMetrics({ result, view: buildRunView(run.state) }, seed);
        assert.equal(stateRunMetrics(result, seed), viewed, scenario.name);
        compared++;
      }
    }
  }
  assert.ok(compared > SEEDS);
});

test('metrics: read from the state, every conformance case gives the row its status view gives', () => {
  const cases = path.join(root, 'test', 'conformance', 'cases');
  const files = readdirSync(cases).filter((name) => name.endsWith('.yaml'));
  let compared = 0;
  for (const name of files) {
    const set = loadText(readFileSync(path.join(cases, name), 'utf8'), name);
    for (const pipelineRun of set.pipelineRuns) {
      const prepared = preparePipelineRun(set, { pipelineRun: pipelineRun.metadata.name });
      const run = simulateRun(prepared.plan);
      assert.equal(stateRunMetrics(run.result, 7), runMetrics(run, 7), name);
      compared++;
    }
  }
  assert.ok(compared > 40);
});

test.run();
