// Seeds are bounded before any run starts: integers below 2^53 (above, seed + 1 can equal
// seed and the determinism sample never ends) and at most MAX_SEED_COUNT per command.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_SEED_COUNT } from '../../src/model/seed-bounds.js';
import { runCli } from './run-cli.js';

const HELLO = 'scenarios/tep-0046-hello-world.scenario.yaml';

test('cli: seeds: ranges at or above 2^53 are refused with one line, exit 2', async () => {
  const result = await runCli(
    'check',
    HELLO,
    '--seed-range',
    '99999999999999999999..99999999999999999999',
  );
  assert.is(result.code, 2, result.stderr);
  assert.is(result.stdout, '');
  assert.is(
    result.stderr,
    'error: --seed-range: "99999999999999999999..99999999999999999999": seeds are whole numbers from 0 to 9007199254740991 (2^53 - 1)\n',
  );
});

test('cli: seeds: more than the maximum count is refused before any run', async () => {
  const result = await runCli('check', HELLO, '--seed-range', `1..${MAX_SEED_COUNT + 1}`);
  assert.is(result.code, 2, result.stderr);
  assert.match(result.stderr, `that is ${MAX_SEED_COUNT + 1} seeds; at most ${MAX_SEED_COUNT}`);
});

test('cli: seeds: replay --seed 1e20 is refused, not an internal error', async () => {
  const result = await runCli('replay', HELLO, '--seed', '1e20');
  assert.is(result.code, 2, result.stderr);
  assert.is(
    result.stderr,
    'error: --seed: "100000000000000000000" should be a whole number from 0 to 9007199254740991\n',
  );
});

test('cli: seeds: a Scenario with seeds: 1000000000000 is refused at its line', async () => {
  const text = fs.readFileSync(HELLO, 'utf8').replace('seeds: 1000', 'seeds: 1000000000000');
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-seeds-'));
  const file = path.join(directory, 'many.yaml');
  fs.writeFileSync(file, text);
  const result = await runCli('check', file);
  fs.rmSync(directory, { recursive: true });
  assert.is(result.code, 2, result.stderr);
  assert.match(
    result.stderr,
    /error: seeds 1000000000000: that is 1000000000000 seeds; at most 10000000/,
  );
  assert.match(result.stderr, /\(spec\.seeds\)/);
});

test.run();
