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
    'error: --seed: "1e20" should be a whole number from 0 to 9007199254740991\n',
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

test('cli: numbers: options echo what was typed, never NaN, and exit 2', async () => {
  const cases: [string[], string][] = [
    [['check', HELLO, '--seeds', 'abc'], 'error: --seeds: "abc" should be a whole number >= 1\n'],
    [['check', HELLO, '--seeds', '1e3'], 'error: --seeds: "1e3" should be a whole number >= 1\n'],
    [['check', HELLO, '--workers', 'two'], '--workers: "two" should be a whole number from 1 to'],
    [['run', HELLO, '--seed', '-1'], 'error: --seed: "-1" should be a whole number from 0 to'],
    [
      ['run', HELLO, '--slots', 'abc'],
      'error: --slots: "abc" should be a whole number from 1 to 100,000\n',
    ],
    [
      ['run', HELLO, '--slots', '1e12'],
      'error: --slots: "1e12" should be a whole number from 1 to 100,000\n',
    ],
    [
      ['run', HELLO, '--slots', '100001'],
      'error: --slots: "100001" should be a whole number from 1 to 100,000\n',
    ],
    [
      ['compare', HELLO, HELLO, '--seeds', '0x10'],
      'error: --seeds: "0x10" should be a whole number >= 1\n',
    ],
  ];
  for (const [argv, expected] of cases) {
    const result = await runCli(...argv);
    assert.is(result.code, 2, `${argv.join(' ')}: ${result.stderr}`);
    assert.ok(result.stderr.includes(expected), `${argv.join(' ')}: ${result.stderr}`);
    assert.not.match(result.stderr, /NaN/);
  }
});

test('cli: a value starting with a dash after a long option is checked as that value', async () => {
  // yargs would read "-5s" as the short flags -5 and -s ("Unknown arguments: 5, s").
  const cases = [
    ['check', HELLO, '--seeds', '-3'],
    ['run', 'scenarios/build-and-deploy-with-cleanup.yaml', '--default-timeout', '-5s'],
  ];
  const messages = [
    'error: --seeds: "-3" should be a whole number >= 1\n',
    'error: --default-timeout: "-5s" is not a Go duration >= 0 (examples: 60m, 1h30m, 90s, 0 for none)\n',
  ];
  for (const [index, args] of cases.entries()) {
    const result = await runCli(...args);
    assert.is(result.code, 2, result.stderr);
    assert.is(result.stderr, messages[index]);
  }
});

test.run();
