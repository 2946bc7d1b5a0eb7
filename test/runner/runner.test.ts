import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { runsCsv } from '../../src/cli/check-report.js';
import { buildCheckSummary } from '../../src/check/summary.js';
import {
  formatCheckSummaryJson,
  formatCheckSummaryMarkdown,
  formatCheckSummaryText,
} from '../../src/report/check-summary.js';
import { planScenarios, runScenarios } from '../../src/runner/runner.js';
import { parseSeedRange, seedsFromCount, splitRange } from '../../src/runner/seeds.js';
import { InputError } from '../../src/tekton/diagnostics.js';
import { loadScenarios } from '../../src/workload/index.js';

const FIXTURE = fileURLToPath(
  new URL('../fixtures/planted-faults/planted.scenario.yaml', import.meta.url),
);

test('runner: seeds: ranges parse, empty ranges are input errors, splits are contiguous and cover the range', () => {
  assert.equal(parseSeedRange('3..7'), { first: 3, last: 7 });
  assert.throws(
    () => parseSeedRange('7..3'),
    (error: unknown) => error instanceof InputError && /is empty/.test(error.message),
  );
  assert.throws(
    () => parseSeedRange('a..b'),
    (error: unknown) => error instanceof InputError,
  );
  assert.throws(
    () => seedsFromCount(0),
    (error: unknown) => error instanceof InputError,
  );
  assert.equal(splitRange({ first: 1, last: 10 }, 3), [
    { first: 1, last: 4 },
    { first: 5, last: 7 },
    { first: 8, last: 10 },
  ]);
  assert.equal(splitRange({ first: 5, last: 6 }, 4), [
    { first: 5, last: 5 },
    { first: 6, last: 6 },
  ]);
});

async function everyOutput(workers: number): Promise<string> {
  const scenarios = loadScenarios([FIXTURE]);
  const planned = planScenarios(scenarios, { first: 1, last: 30 });
  const stores = await runScenarios(planned, { workers, faults: { finallyStartsEarly: true } });
  assert.equal(
    stores.map((store) => [store.firstSeed, store.seeds]),
    [[1, 30]],
  );
  const summary = buildCheckSummary(
    planned.map(({ scenario, seeds }) => ({
      name: scenario.name,
      file: 'planted.scenario.yaml',
      profile: 'v1.15',
      seeds,
      replay: (seed) => `tekton-sim replay planted.scenario.yaml --seed ${seed}`,
      expectations: [],
    })),
    stores,
    false,
  );
  assert.is(summary.ok, false);
  return [
    formatCheckSummaryText(summary),
    formatCheckSummaryMarkdown(summary),
    formatCheckSummaryJson(summary),
    runsCsv(stores),
  ].join('\n----\n');
}

test('runner: K=1 and K=2 workers give byte-identical summaries and CSV', async () => {
  const one = await everyOutput(1);
  const two = await everyOutput(2);
  assert.is(two, one);
  assert.match(one, /VIOLATED {2}finally-after-dag/);
  assert.match(one, /tekton-sim replay planted\.scenario\.yaml --seed 1/);
});

test('runner: a scenario the kernel runs gives the same bytes on 1 thread and on 3 (the main thread and 2 workers)', async () => {
  const planned = planScenarios(loadScenarios(['bench/simpy-equivalent.yaml']), {
    first: 1,
    last: 300,
  });
  const csv = async (workers: number) => runsCsv(await runScenarios(planned, { workers }));
  const one = await csv(1);
  assert.is(one.split('\n').length, 302, 'a header, 300 runs and the last newline');
  assert.is(await csv(3), one);
});

test.run();
