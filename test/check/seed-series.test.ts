// What a seed contributes to the report's lines over time, read from its trace and its
// cluster's log: TaskRuns running, the share of capacity held, the controller's queue and the
// pods waiting for a node.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fleetSeries, singleRunSeries } from '../../src/check/seed-series.js';
import { loadScenarios, runScenarioSeed } from '../../src/index.js';
import { runFleetSeed } from '../../src/workload/index.js';

const QUEUED = 'test/fixtures/perfetto/queue.scenario.yaml';
const REPORT = 'test/fixtures/report/report.scenario.yaml';

test('seed series: on one slot, utilisation is all or nothing and one TaskRun runs at a time', () => {
  const [scenario] = loadScenarios([QUEUED]);
  const fleet = runFleetSeed(scenario, 1, { trace: true });
  const { endMs, series } = fleetSeries(fleet, scenario.fleet?.cluster?.nodes);
  assert.is(endMs, fleet.endTimeMs);
  assert.equal([...new Set(series.utilisation?.value)].sort(), [0, 1000]);
  assert.equal([...new Set(series.runningTaskRuns?.value)].sort(), [0, 1]);
  // The slot passes from one pod to the next at the instant the first ends, so the count
  // steps up once, when the first attempt starts, and down once, when the last one ends.
  assert.equal(series.runningTaskRuns?.value, [1, 0]);
  assert.equal(series.workQueueDepth?.value.slice(0, 4), [3, 2, 1, 0]);
  for (const line of Object.values(series)) assert.is(line.value[line.value.length - 1], 0);
});

test('seed series: a run alone has only its TaskRuns running, from its trace', () => {
  const [scenario] = loadScenarios([REPORT]);
  const { result } = runScenarioSeed(scenario, 6, { trace: true });
  const { endMs, series } = singleRunSeries(result.trace, result.endTimeMs);
  assert.is(endMs, result.endTimeMs);
  assert.equal(Object.keys(series), ['runningTaskRuns']);
  const starts = result.trace.filter((event) => event.kind === 'attempt-started').length;
  const running = series.runningTaskRuns;
  assert.ok(running && running.value.length > 0);
  let rises = 0;
  running?.value.forEach((value, index) => {
    if (value > (index === 0 ? 0 : running.value[index - 1]))
      rises += value - (index === 0 ? 0 : running.value[index - 1]);
  });
  assert.ok(rises <= starts, 'never more TaskRuns running than attempts started');
  assert.is(running?.value[running.value.length - 1], 0);
});

test.run();
