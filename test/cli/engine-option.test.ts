// --engine on check, report and compare: auto (the default) and kernel give the reference
// engine's output byte for byte on a scenario the kernel runs; kernel refuses, before any
// run, a scenario the kernel cannot run, with one line naming it and why (exit 2).
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

test('cli: check: an unknown --engine is refused', async () => {
  const result = await runCli('check', SIMPY, '--seeds', '5', '--engine', 'fast');
  assert.is(result.code, 2, result.stderr);
  assert.ok(result.stderr.includes('engine'), result.stderr);
});

test.run();
