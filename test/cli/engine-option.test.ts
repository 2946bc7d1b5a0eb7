// --engine on check, report and compare: auto (the default) and kernel give the reference
// engine's output byte for byte on a scenario the kernel runs; kernel refuses, before any
// run, a scenario the kernel cannot run, with one line naming it and why (exit 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './run-cli.js';

const HELLO = 'scenarios/tep-0046-hello-world.scenario.yaml';
const SIMPY = 'bench/simpy-equivalent.yaml';

for (const command of ['check', 'report'] as const) {
  test(`cli: ${command}: --engine kernel refuses a scenario the kernel cannot run`, async () => {
    const result = await runCli(command, HELLO, '--seeds', '5', '--engine', 'kernel');
    assert.is(result.code, 2, result.stderr);
    assert.is(result.stdout, '');
    assert.match(
      result.stderr,
      /^error: --engine kernel: scenario tep-0046-hello-world \(.*tep-0046-hello-world\.scenario\.yaml\) cannot run on the kernel: it has no spec\.cluster, .*; use --engine auto or reference\n$/,
    );
  });
}

test('cli: compare: --engine kernel refuses a scenario the kernel cannot run', async () => {
  const result = await runCli('compare', HELLO, HELLO, '--seeds', '5', '--engine', 'kernel');
  assert.is(result.code, 2, result.stderr);
  assert.ok(result.stderr.includes('cannot run on the kernel'), result.stderr);
});

test('cli: check: auto, kernel and reference print the same JSON for the SimPy-equivalent scenario', async () => {
  const outputs = [];
  for (const engine of ['auto', 'kernel', 'reference'])
    outputs.push(await runCli('check', SIMPY, '--seeds', '300', '--engine', engine, '-o', 'json'));
  for (const output of outputs) assert.is(output.stderr, '');
  assert.is(outputs[0].stdout, outputs[2].stdout);
  assert.is(outputs[1].stdout, outputs[2].stdout);
});

test('cli: report: --engine kernel writes the report auto writes, series over time included', async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-option-'));
  try {
    const files: Record<string, string>[] = [];
    for (const engine of ['auto', 'kernel']) {
      const out = path.join(directory, engine);
      const result = await runCli(
        'report',
        SIMPY,
        '--seeds',
        '200',
        '--engine',
        engine,
        '--out',
        out,
        '--format',
        'csv,json',
      );
      assert.is(result.code, 0, result.stderr);
      files.push(
        Object.fromEntries(
          fs.readdirSync(out).map((name) => [name, fs.readFileSync(path.join(out, name), 'utf8')]),
        ),
      );
    }
    assert.ok((files[1]['report-timeseries.csv'] ?? '').split('\n').length > 2, 'series written');
    assert.equal(files[1], files[0]);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
});

test('cli: check: an unknown --engine is refused', async () => {
  const result = await runCli('check', SIMPY, '--seeds', '5', '--engine', 'fast');
  assert.is(result.code, 2, result.stderr);
  assert.ok(result.stderr.includes('engine'), result.stderr);
});

test.run();
