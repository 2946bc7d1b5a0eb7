// Stopping a run early: whatever the worker count, what is kept is each scenario's seeds from
// its first up to the first unfinished one, with exactly the results a run over that range
// gives; progress comes after every seed, not once per chunk.
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runsCsv } from '../../src/cli/check-report.js';
import type { ScenarioStore } from '../../src/check/store/scenario-store.js';
import { planScenarios, runScenarios, runScenariosStoppable } from '../../src/runner/runner.js';
import { createSharedControl, requestStop, takeJob } from '../../src/runner/stop.js';
import { loadScenarios } from '../../src/workload/index.js';

const FIXTURE = fileURLToPath(
  new URL('../fixtures/planted-faults/planted.scenario.yaml', import.meta.url),
);

const seedsOf = (store: ScenarioStore) =>
  Array.from({ length: store.seeds }, (_, index) => store.seedAt(index));

const planned = (last: number) => planScenarios(loadScenarios([FIXTURE]), { first: 1, last });

/** Runs seeds 1..last, aborting (reason max-time) once `after` seeds are reported done. */
async function stoppedAfter(after: number, last: number, workers: number) {
  const controller = new AbortController();
  return runScenariosStoppable(planned(last), {
    workers,
    signal: controller.signal,
    onProgress: (done) => {
      if (done >= after) controller.abort('max-time');
    },
  });
}

test('runner: stop: in-process, the seeds before the stop are kept, exactly as a run of that range', async () => {
  // The same determinism sample as the stopped run: drawn from the whole range planned.
  const sameRange = [{ ...planned(7)[0], fullRange: { first: 1, last: 40 } }];
  const outcome = await stoppedAfter(7, 40, 1);
  assert.is(outcome.stopped, 'max-time');
  assert.equal(outcome.ran, [{ first: 1, last: 7 }]);
  assert.equal(seedsOf(outcome.stores[0]), [1, 2, 3, 4, 5, 6, 7]);
  assert.is(runsCsv(outcome.stores), runsCsv(await runScenarios(sameRange)));
});

test('runner: stop: with worker threads, what is kept is one range from the first seed', async () => {
  const outcome = await stoppedAfter(5, 400, 2);
  assert.is(outcome.stopped, 'max-time');
  const last = outcome.ran[0]?.last ?? 0;
  assert.ok(last < 400, `stopped early (ran 1..${last})`);
  assert.equal(
    seedsOf(outcome.stores[0]),
    Array.from({ length: last }, (_, index) => index + 1),
  );
  const whole = runsCsv(await runScenarios(planned(400))).split('\n');
  assert.is(runsCsv(outcome.stores), `${whole.slice(0, last + 1).join('\n')}\n`);
});

test('runner: stop: scenarios taking turns stop about as far along, and a run stopped before it starts keeps nothing', async () => {
  const scenario = planned(160)[0];
  const controller = new AbortController();
  const outcome = await runScenariosStoppable([scenario, scenario], {
    interleave: true,
    signal: controller.signal,
    onProgress: (done) => {
      if (done >= 100) controller.abort('interrupted');
    },
  });
  assert.is(outcome.stopped, 'interrupted');
  const [a, b] = outcome.ran.map((range) => range?.last ?? 0);
  // 160 seeds in 16 chunks of 10 that take turns: the two sides are at most a chunk apart.
  assert.ok(a + b >= 100 && a + b < 320 && Math.abs(a - b) <= 10, `ran 1..${a} and 1..${b}`);
  const stoppedFirst = new AbortController();
  stoppedFirst.abort('interrupted');
  const none = await runScenariosStoppable(planned(10), { signal: stoppedFirst.signal });
  assert.equal([none.stores[0].seeds, none.ran, none.stopped], [0, [undefined], 'interrupted']);
});

test('runner: progress: reported after every seed, even when one chunk holds the whole scenario', async () => {
  const reports: number[] = [];
  const outcome = await runScenariosStoppable(planned(12), {
    workers: 1,
    signal: new AbortController().signal,
    onProgress: (done) => reports.push(done),
  });
  assert.is(outcome.stopped, undefined);
  assert.equal(
    reports,
    Array.from({ length: 12 }, (_, index) => index + 1),
  );
});

test('runner: jobs: each thread takes the next job from the shared counter, each job once, none after a stop', () => {
  const control = createSharedControl(2);
  const taken = [takeJob(control, 3), takeJob(control, 3), takeJob(control, 3)];
  assert.equal(taken, [0, 1, 2]);
  assert.is(takeJob(control, 3), undefined, 'every job is taken');
  const stopping = createSharedControl(2);
  assert.is(takeJob(stopping, 3), 0);
  requestStop(stopping);
  assert.is(takeJob(stopping, 3), undefined, 'no job is started after a stop');
});

test.run();
