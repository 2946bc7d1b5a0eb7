// The report's series over time come from the reference engine's trace and cluster log: a
// scenario the kernel would run is run on the reference engine when the series are asked for,
// and its seeds all count.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenarios, planScenarios } from '../../src/index.js';
import { kernelRunnerFor } from '../../src/kernel/index.js';
import { runScenariosWithSeries } from '../../src/runner/runner.js';

const KERNEL_SCENARIO = 'bench/simpy-equivalent.yaml';

test('runner: a scenario the kernel runs still gets its series when the report asks for them', async () => {
  const scenarios = loadScenarios([KERNEL_SCENARIO]);
  assert.is(typeof kernelRunnerFor(scenarios[0]), 'object', 'the kernel would run it');
  const planned = planScenarios(scenarios, { first: 1, last: 30 });
  const withSeries = await runScenariosWithSeries(planned, { series: true });
  assert.is(withSeries.series[0].seeds, 30);
  assert.equal(withSeries.series[0].names(), [
    'utilisation',
    'runningTaskRuns',
    'workQueueDepth',
    'podsWaitingForNode',
  ]);
  const without = await runScenariosWithSeries(planned, {});
  assert.is(without.series[0].seeds, 0);
  assert.equal(
    JSON.stringify(without.results),
    JSON.stringify(withSeries.results),
    'the same results either way',
  );
});

test.run();
