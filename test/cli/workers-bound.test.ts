// --workers is bounded before any run starts: 1000 threads once took 12 GB and minutes where
// one worker took under a second. Each command that runs many seeds refuses a count outside
// 1..MAX_WORKERS with one line that echoes what was typed, exit 2.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import os from 'node:os';
import {
  MAX_WORKERS,
  SEEDS_PER_DEFAULT_WORKER,
  workersFor,
  workersOption,
} from '../../src/cli/seed-selection.js';
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

test.run();
