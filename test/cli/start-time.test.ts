import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseStartTimeOption } from '../../src/cli/options.js';
import { InputError } from '../../src/tekton/diagnostics.js';
import { runCli as cli } from './run-cli.js';

const HELLO = 'scenarios/tep-0046-4-timeouts-tasks.yaml';

function refusal(text: string): string {
  try {
    parseStartTimeOption(text);
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
  throw new Error(`expected "${text}" to be refused`);
}

test('cli: --start-time: RFC 3339 times with offsets and fractions read as UTC instants', () => {
  assert.is(parseStartTimeOption('2000-01-01T00:00:00Z'), Date.UTC(2000, 0, 1));
  assert.is(
    parseStartTimeOption('2024-02-29T10:00:00.5+02:00'),
    Date.UTC(2024, 1, 29, 8, 0, 0, 500),
  );
  assert.is(
    parseStartTimeOption('1999-12-31T23:30:00.123456789-01:00'),
    Date.UTC(2000, 0, 1, 0, 30, 0, 123),
  );
  // Years below 100 are years, not 1900 + year.
  assert.is(new Date(parseStartTimeOption('0042-03-04T05:06:07Z')).getUTCFullYear(), 42);
  assert.is(parseStartTimeOption('9999-12-31T23:59:59Z'), Date.UTC(9999, 11, 31, 23, 59, 59));
});

test('cli: --start-time: impossible dates and times are refused, not rolled over', () => {
  assert.is(
    refusal('2024-02-30T00:00:00Z'),
    'error: --start-time: "2024-02-30T00:00:00Z" is not an RFC 3339 time: day out of range (e.g. 2000-01-01T00:00:00Z)',
  );
  assert.match(refusal('2023-02-29T00:00:00Z'), /day out of range/);
  assert.match(refusal('1900-02-29T00:00:00Z'), /day out of range/);
  assert.match(refusal('2024-04-31T00:00:00Z'), /day out of range/);
  assert.match(refusal('2024-13-01T00:00:00Z'), /month out of range/);
  assert.match(refusal('2024-00-01T00:00:00Z'), /month out of range/);
  assert.match(refusal('2024-01-01T24:00:00Z'), /time of day out of range/);
  assert.match(refusal('2024-01-01T00:60:00Z'), /time of day out of range/);
  assert.match(refusal('2024-01-01T00:00:60Z'), /time of day out of range/);
  assert.match(refusal('2024-01-01T00:00:00+24:00'), /offset out of range/);
  assert.match(refusal('9999-12-31T23:59:59-01:00'), /outside years 0000\.\.9999/);
  assert.match(refusal('0000-01-01T00:00:00+01:00'), /outside years 0000\.\.9999/);
  for (const text of ['2024-01-01', '2024-01-01 00:00:00Z', '2024-1-01T00:00:00Z', 'now', ''])
    assert.match(refusal(text), /is not an RFC 3339 time \(e\.g\./);
});

test('cli: --start-time: a run ending past year 9999 is refused with one clear line, exit 2', async () => {
  for (const output of ['yaml', 'json']) {
    const { code, stdout, stderr } = await cli(
      'run',
      HELLO,
      '--start-time',
      '9999-12-31T23:59:59Z',
      '-o',
      output,
    );
    assert.is(code, 2, stderr);
    assert.is(stdout, '');
    assert.is(
      stderr,
      'error: --start-time: "9999-12-31T23:59:59Z" puts an instant of the run past 9999-12-31T23:59:59Z, the last time RFC 3339 can write; use an earlier start time\n',
    );
  }
  const fits = await cli('run', HELLO, '--start-time', '9999-12-31T23:59:00Z', '-o', 'yaml');
  assert.is(fits.code, 0, fits.stderr);
  assert.match(fits.stdout, /completionTime: "9999-12-31T23:59:10Z"/);
});

test('cli: --start-time: replay refuses a run ending past year 9999 the same way', async () => {
  const { code, stderr } = await cli(
    'replay',
    'scenarios/tep-0046-hello-world.scenario.yaml',
    '--seed',
    '1',
    '--start-time',
    '9999-12-31T23:59:59Z',
    '-o',
    'yaml',
  );
  assert.is(code, 2, stderr);
  assert.match(
    stderr,
    /^error: --start-time: "9999-12-31T23:59:59Z" puts an instant of the run past/,
  );
});

test.run();
