// Worker threads started before a run knows its jobs (as the executable starts them) are the
// ones the run takes, with the bytes of a run on one thread; a run that needs fewer ends them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runsCsv } from '../../src/cli/check-report.js';
import { planScenarios, runScenarios } from '../../src/runner/runner.js';
import { startWorkersEarly, workersStartedEarly } from '../../src/runner/threads.js';
import { loadScenarios } from '../../src/workload/index.js';

const planned = planScenarios(loadScenarios(['bench/simpy-equivalent.yaml']), {
  first: 1,
  last: 200,
});
const csv = async (workers: number) => runsCsv(await runScenarios(planned, { workers }));

test('runner: threads: threads started early are taken by the run, same bytes as one thread', async () => {
  const one = await csv(1);
  startWorkersEarly(2);
  assert.ok(workersStartedEarly());
  assert.is(await csv(3), one);
  assert.not.ok(workersStartedEarly(), 'taken by the run');
  // Started early again, for a run that takes only one of them: the other is ended.
  startWorkersEarly(2);
  assert.is(await csv(2), one);
  assert.not.ok(workersStartedEarly());
});

test('runner: threads: threads warming up on the scenario, or on a file that is none, give the same bytes', async () => {
  const one = await csv(1);
  startWorkersEarly(1, 'bench/simpy-equivalent.yaml');
  assert.is(await csv(2), one);
  startWorkersEarly(1, 'no-such-scenario.yaml');
  assert.is(await csv(2), one);
});

test('runner: threads: a run on the main thread alone ends the threads started for it', async () => {
  startWorkersEarly(1);
  const one = await csv(1);
  assert.not.ok(workersStartedEarly());
  assert.is(one.split('\n').length, 202, 'a header, 200 runs and the last newline');
});

test.run();
