// Golden files: what the command prints for fixed inputs and seeds, committed and compared
// byte for byte (assert-golden.ts). UPDATE_GOLDEN=1 npm test rewrites them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../cli/run-cli.js';
import { assertGolden } from './assert-golden.js';

/** The seed documents as runnable PipelineRuns (README, "The seed documents, reproduced"). */
const SEED_DOCUMENTS = [
  'tep-0046-1-task-succeeds',
  'tep-0046-2-task-timeout',
  'tep-0046-3-pipeline-timeout',
  'tep-0046-4-timeouts-tasks',
  'build-and-deploy-with-cleanup',
];

for (const name of SEED_DOCUMENTS) {
  test(`golden: run ${name} -o json gives the committed kubectl JSON`, async () => {
    const result = await runCli('run', `scenarios/${name}.yaml`, '-o', 'json');
    assert.is(result.code, 0, result.stderr);
    assertGolden(`run/${name}.json`, result.stdout);
  });
}

test('golden: check of the bundled scenarios, 200 seeds each, gives the committed summary', async () => {
  const result = await runCli(
    'check',
    'scenarios',
    '--seeds',
    '200',
    '--workers',
    '1',
    '-o',
    'markdown',
  );
  assert.is(result.code, 0, result.stdout + result.stderr);
  assertGolden('check-summary.md', result.stdout);
});

test.run();
