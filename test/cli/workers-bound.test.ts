// --workers is bounded before any run starts: 1000 threads once took 12 GB and minutes where
// one worker took under a second. Each command that runs many seeds refuses a count outside
// 1..MAX_WORKERS with one line that echoes what was typed, exit 2.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import os from 'node:os';
import {
  KERNEL_SEEDS_PER_DEFAULT_WORKER,
  MAX_WORKERS,
  SEEDS_PER_DEFAULT_WORKER,
  seedsOnKernel,
  workersFor,
  workersOption,
} from '../../src/cli/seed-selection.js';
import { planScenarios } from '../../src/runner/runner.js';
import { loadScenarios } from '../../src/workload/index.js';
import { runCli } from './run-cli.js';

const HELLO = 'scenarios/tep-0046-hello-world.scenario.yaml';
const bound = `should be a whole number from 1 to ${MAX_WORKERS} (4 per core)`;

for (const command of ['check', 'report'] as const) {
  test(`cli: ${command}: --workers 1000 is refused before any run`, async () => {
    const result = await runCli(command, HELLO, '--seeds', '5', '--workers', '1000');
    assert.is(result.code, 2, result.stderr);
    assert.is(result.stdout, '');
    assert.is(result.stderr, `error: --workers: "1000" ${bound}\n`);
  });
}

test('cli: compare: --workers 0 is refused', async () => {
  const result = await runCli('compare', HELLO, HELLO, '--seeds', '5', '--workers', '0');
  assert.is(result.code, 2, result.stderr);
  assert.ok(result.stderr.includes(`--workers: "0" ${bound}`), result.stderr);
});

test('cli: workers: the bounds themselves are accepted', () => {
  assert.is(workersOption(1), 1);
  assert.is(workersOption(MAX_WORKERS), MAX_WORKERS);
  assert.throws(() => workersOption(MAX_WORKERS + 1), /--workers/);
  assert.throws(() => workersOption(1.5), /--workers/);
});

test('cli: workers: by default one per core, but none beyond one per 2,000 seeds', () => {
  const cores = os.availableParallelism();
  assert.is(workersOption(undefined), undefined);
  assert.is(workersFor(undefined, 100), 1);
  assert.is(workersFor(undefined, 2 * SEEDS_PER_DEFAULT_WORKER), Math.min(cores, 2));
  assert.is(workersFor(undefined, 10_000_000), cores);
  assert.is(workersFor(3, 5), 3, 'a count the user chose is kept');
});

test('cli: workers: by default a thread per 50,000 seeds on the kernel, which starts a worker for fewer seeds only on the reference engine', () => {
  const cores = os.availableParallelism();
  assert.is(KERNEL_SEEDS_PER_DEFAULT_WORKER, 50_000);
  assert.is(workersFor(undefined, 40_000, 40_000), 1, 'a worker costs more than it saves');
  assert.is(workersFor(undefined, 40_000, 0), cores, 'on the reference engine it pays');
  assert.is(workersFor(undefined, 100_000, 100_000), Math.min(cores, 2));
  // Kernel seeds and reference seeds add up: 1 thread's worth of each.
  assert.is(workersFor(undefined, 52_000, 50_000), Math.min(cores, 2));
  assert.is(workersFor(2, 10, 10), 2, 'a count the user chose is kept');
});

test("cli: workers: the seeds counted as the kernel's are those of scenarios it runs, unless the reference engine is chosen", () => {
  const kernel = planScenarios(loadScenarios(['bench/simpy-equivalent.yaml']), {
    first: 1,
    last: 700,
  });
  const reference = planScenarios(loadScenarios([HELLO]), { first: 1, last: 300 });
  const both = [...kernel, ...reference];
  assert.is(seedsOnKernel(both, 'auto'), 700);
  assert.is(seedsOnKernel(both, 'kernel'), 700);
  assert.is(seedsOnKernel(both, 'reference'), 0);
});

test.run();
