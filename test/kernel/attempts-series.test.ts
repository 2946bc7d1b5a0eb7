// The kernel's per-attempt rows and series over time (what a report's attempts CSV and charts
// read) equal the reference engine's, seed by seed: the rows deep-equal, the step series
// point for point, for the bench scenario and for generated variants (retries, timeouts,
// slots that make pods wait, rate limits, reconcile cost). The kernel hands back no seed here
// that the reference would not word, as test/kernel/differential.test.ts holds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { SeedSeries } from '../../src/check/seed-series.js';
import type { SeriesAccumulator } from '../../src/check/time-series.js';
import { kernelRunnerFor } from '../../src/kernel/index.js';
import { runSeed } from '../../src/runner/run-seed.js';
import { loadScenarios, type CompiledScenario } from '../../src/workload/index.js';
import { variantYaml } from '../fixtures/kernel-variants.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Seeds 1..count through both engines; returns how many the kernel ran (not handed back). */
function assertSameRowsAndSeries(scenario: CompiledScenario, count: number): number {
  const runner = kernelRunnerFor(scenario);
  if (typeof runner === 'string') throw new Error(`${scenario.name}: not eligible: ${runner}`);
  let ran = 0;
  for (let seed = 1; seed <= count; seed++) {
    // What the reference engine hands the report's accumulator, taken as it is.
    let referenceSeries: SeedSeries | undefined;
    const series = { add: (seedSeries: SeedSeries) => void (referenceSeries = seedSeries) };
    const reference = runSeed(scenario, seed, {
      twice: false,
      engine: 'reference',
      attempts: true,
      series: series as unknown as SeriesAccumulator,
    });
    if (runner.run(seed) === undefined) continue;
    ran++;
    const where = `${scenario.name} seed ${seed}`;
    const rows = runner.attemptRows();
    if (!isDeepStrictEqual(rows, reference.attempts))
      assert.fixture(
        JSON.stringify(rows, null, 1),
        JSON.stringify(reference.attempts, null, 1),
        `${where}: attempt rows`,
      );
    const kernelSeries = runner.seedSeries();
    if (!isDeepStrictEqual(kernelSeries, referenceSeries))
      assert.fixture(
        JSON.stringify(kernelSeries),
        JSON.stringify(referenceSeries),
        `${where}: series`,
      );
  }
  return ran;
}

test('kernel: attempt rows and series of the SimPy-equivalent bench scenario equal the reference', () => {
  const [scenario] = loadScenarios([path.join(ROOT, 'bench', 'simpy-equivalent.yaml')]);
  assert.is(assertSameRowsAndSeries(scenario, 80), 80);
});

test('kernel: attempt rows and series of generated variants equal the reference', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'kernel-rows-'));
  try {
    let ran = 0;
    for (let index = 0; index < 30; index++) {
      const file = path.join(directory, `variant-${index}.yaml`);
      writeFileSync(file, variantYaml(index));
      const [scenario] = loadScenarios([file]);
      ran += assertSameRowsAndSeries(scenario, 6);
    }
    assert.ok(ran > 120, `${ran} seeds ran on the kernel`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test.run();
