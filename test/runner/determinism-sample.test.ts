// The determinism sample checks the engine whose numbers the user gets: a sampled seed the
// kernel runs is run twice on the kernel and the two SeedResults compared by hash; the
// reference engine (trace hashes) is left to the seeds the kernel cannot run. The kernel's
// runner is spied on through its instance (kernelRunnerFor gives the scenario's one runner),
// and the chunk is given the test's scenario object through rememberScenario.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runsCsv } from '../../src/cli/check-report.js';
import {
  compareKernelRuns,
  determinismSample,
  resultHash,
} from '../../src/check/invariants/determinism.js';
import type { SeedResult } from '../../src/check/seed-result.js';
import { buildCheckSummary } from '../../src/check/summary.js';
import { formatCheckSummaryText } from '../../src/report/check-summary.js';
import { rememberScenario, runChunk } from '../../src/runner/chunk.js';
import { runSeed } from '../../src/runner/run-seed.js';
import { planScenarios, runScenarios } from '../../src/runner/runner.js';
import { loadScenarios } from '../../src/workload/index.js';
import { spiedScenario } from '../fixtures/spied-kernel.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BENCH = path.join(ROOT, 'bench', 'simpy-equivalent.yaml');
const HASH = '[0-9a-f]{16}';

function kernelResult(seed: number): SeedResult {
  const [scenario] = loadScenarios([BENCH]);
  const result = runSeed(scenario, seed, { twice: false });
  assert.is(result.traceHash, undefined);
  return result;
}

test('determinism: compareKernelRuns passes equal results and names both hashes when they differ', () => {
  const first = kernelResult(7);
  const same = compareKernelRuns(first, structuredClone(first));
  assert.equal(same, { hash: resultHash(first) });
  assert.match(same.hash, new RegExp(`^${HASH}$`));

  const later = { ...structuredClone(first), endTimeMs: first.endTimeMs + 1 };
  const differs = compareKernelRuns(first, later);
  assert.is(
    differs.message,
    `the same seed gave kernel result hashes ${resultHash(first)} and ${resultHash(later)}`,
  );
  assert.is.not(resultHash(later), resultHash(first));

  const back = compareKernelRuns(first, { handedBack: 'the event bound was reached' });
  assert.match(
    back.message ?? '',
    new RegExp(
      `^the same seed gave kernel result hash ${HASH}, then was handed back to the reference engine \\(the event bound was reached\\)$`,
    ),
  );
});

test('determinism: a result hash sees every metric and task value, and NaN, null and the infinities apart', () => {
  const first = kernelResult(11);
  const metrics = first.metrics;
  if (!metrics) throw new Error('the bench seed has no metric row');
  const taskName = Object.keys(metrics.tasks)[0];
  const changed = (edit: (copy: SeedResult) => void) => {
    const copy = structuredClone(first);
    edit(copy);
    return resultHash(copy);
  };
  const hash = resultHash(first);
  assert.is.not(
    changed((copy) => {
      if (copy.metrics) copy.metrics.tasks[taskName].attempts += 1;
    }),
    hash,
  );
  assert.is.not(
    changed((copy) => {
      const seedFigures = copy.metrics?.cluster?.seed;
      if (seedFigures) seedFigures.utilisation += 1e-12;
    }),
    hash,
  );
  assert.is.not(
    changed((copy) => {
      copy.reason = `${copy.reason}x`;
    }),
    hash,
  );
  assert.is.not(
    changed((copy) => {
      copy.eventCount += 1;
    }),
    hash,
  );
  const withValue = (value: number | null) =>
    resultHash({ ...first, endTimeMs: value as unknown as number });
  const spelled = [Number.NaN, null, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(
    withValue,
  );
  assert.is(new Set(spelled).size, spelled.length);
});

test('determinism: a sampled seed the kernel runs is run twice on the kernel, never on the reference engine', () => {
  const { scenario, calls } = spiedScenario();
  const result = runSeed(scenario, 5, { twice: true });
  assert.equal(calls, { run: 2, runInto: 0 });
  assert.is(result.traceHash, undefined, 'a trace hash means the reference engine ran it');
  assert.match(result.resultHash ?? '', new RegExp(`^${HASH}$`));
  assert.equal(result.violations, []);
  // The same numbers as the seed run once.
  const once = runSeed(scenario, 5, { twice: false });
  assert.equal({ ...result, resultHash: undefined }, { ...once, resultHash: undefined });
});

test('determinism: --engine reference and planted faults keep the trace hashes of the reference engine', () => {
  const { scenario, calls } = spiedScenario();
  const reference = runSeed(scenario, 5, { twice: true, engine: 'reference' });
  assert.match(reference.traceHash ?? '', new RegExp(`^${HASH}$`));
  assert.is(reference.resultHash, undefined);
  const faulted = runSeed(scenario, 5, { twice: true, faults: { finallyStartsEarly: true } });
  assert.ok(faulted.traceHash);
  assert.equal(calls, { run: 0, runInto: 0 });
});

test('determinism: a kernel rerun that differs is a determinism violation in the check summary', async () => {
  const { scenario, runner } = spiedScenario();
  // The second run of seed 1 (the sample's first seed) comes back one millisecond later.
  const run = runner.run;
  let runsOfSeedOne = 0;
  runner.run = (seed) => {
    const result = run(seed);
    if (seed === 1 && ++runsOfSeedOne === 2 && result) result.endTimeMs += 1;
    return result;
  };
  rememberScenario(scenario, 0, undefined);
  const seeds = { first: 1, last: 40 };
  const chunk = await runChunk(
    { file: scenario.file, scenarioIndex: 0, seeds, fullRange: seeds },
    { paranoid: false },
  );
  const summary = buildCheckSummary(
    [
      {
        name: scenario.name,
        file: 'simpy-equivalent.yaml',
        profile: 'v1.15',
        seeds,
        replay: (seed) => `tekton-sim replay simpy-equivalent.yaml --seed ${seed}`,
        expectations: [],
      },
    ],
    [chunk.store],
    false,
  );
  const text = formatCheckSummaryText(summary);
  assert.match(text, /VIOLATED {2}determinism +1 run\(s\)\n/);
  assert.match(
    text,
    new RegExp(`seed 1: the same seed gave kernel result hashes ${HASH} and ${HASH}\\n`),
  );
  assert.match(
    text,
    /determinism checked on up to 16 seeds per scenario, spread evenly, each run twice, result hashes compared on the kernel, trace hashes on the reference engine/,
  );
  assert.is(summary.ok, false);
});

test('determinism: a chunk runs its sampled seeds twice on the kernel, and every seed with --paranoid', async () => {
  const seeds = { first: 1, last: 100 };
  const sampled = determinismSample(1, 100, false).size;
  for (const paranoid of [false, true]) {
    const { scenario, calls } = spiedScenario();
    rememberScenario(scenario, 0, undefined);
    const chunk = await runChunk(
      { file: scenario.file, scenarioIndex: 0, seeds, fullRange: seeds },
      { paranoid },
    );
    assert.is(chunk.store.seeds, 100);
    assert.equal(
      calls,
      paranoid ? { run: 200, runInto: 0 } : { run: 2 * sampled, runInto: 100 - sampled },
      paranoid ? 'paranoid' : 'sampled',
    );
  }
});

test('determinism: with --paranoid a kernel scenario gives the same bytes on 1 and 2 workers, and as without', async () => {
  const planned = planScenarios(loadScenarios([BENCH]), { first: 1, last: 200 });
  const csv = async (workers: number, paranoid: boolean) =>
    runsCsv(await runScenarios(planned, { workers, paranoid }));
  const one = await csv(1, true);
  assert.is(one.split('\n').length, 202, 'a header, 200 runs and the last newline');
  assert.is(await csv(2, true), one);
  assert.is(await csv(1, false), one);
});

test.run();
