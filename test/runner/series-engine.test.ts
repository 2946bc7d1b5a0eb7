// The report's series over time: a scenario the kernel runs gets them from the kernel
// (src/kernel/series.ts), every seed counted, with the same columns as without them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenarios, planScenarios } from '../../src/index.js';
import { kernelRunnerFor } from '../../src/kernel/index.js';
import { runScenarios } from '../../src/runner/runner.js';

const KERNEL_SCENARIO = 'bench/simpy-equivalent.yaml';

test('runner: a scenario the kernel runs still gets its series when the report asks for them', async () => {
  const scenarios = loadScenarios([KERNEL_SCENARIO]);
  assert.is(typeof kernelRunnerFor(scenarios[0]), 'object', 'the kernel would run it');
  const planned = planScenarios(scenarios, { first: 1, last: 30 });
  const [withSeries] = await runScenarios(planned, { series: true });
  assert.is(withSeries.series?.seeds, 30);
  assert.equal(withSeries.series?.names(), [
    'utilisation',
    'runningTaskRuns',
    'workQueueDepth',
    'podsWaitingForNode',
  ]);
  const [without] = await runScenarios(planned, {});
  assert.is(without.series, undefined);
  const { series: _series, ...columns } = withSeries.toData();
  assert.equal(
    JSON.stringify(without.toData()),
    JSON.stringify(columns),
    'the same seeds either way',
  );
});

test('runner: the series ride in the store across workers, the same bytes with 1 and 2', async () => {
  const planned = planScenarios(loadScenarios([KERNEL_SCENARIO]), { first: 1, last: 40 });
  const [one] = await runScenarios(planned, { series: true, workers: 1 });
  const [two] = await runScenarios(planned, { series: true, workers: 2 });
  assert.is(JSON.stringify(two.series?.toData()), JSON.stringify(one.series?.toData()));
});

test.run();
