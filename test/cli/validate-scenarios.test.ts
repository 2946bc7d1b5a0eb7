// `validate` on Scenario documents and on standard input: a Scenario `check` would refuse is
// refused by `validate` with the same line, and `-` reads what is piped in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, runCliWithStdin } from './run-cli.js';

const HELLO_SCENARIO = 'scenarios/tep-0046-hello-world.scenario.yaml';
const helloText = fs.readFileSync(HELLO_SCENARIO, 'utf8');

function lineOf(text: string, fragment: string): number {
  const index = text.indexOf(fragment);
  assert.ok(index >= 0, fragment);
  return text.slice(0, index).split('\n').length;
}

test('cli: validate: a Scenario with a negative duration fails validate as it fails check', async () => {
  const broken = helloText.replace('median: 6s', 'median: -6s');
  const line = lineOf(broken, 'median: -6s');
  const validate = await runCliWithStdin(broken, 'validate', '-');
  assert.is(validate.code, 1, validate.stderr);
  assert.match(
    validate.stdout,
    `<stdin>:${line}:30: error: negative duration "-6s": durations are 0 or more (spec.tasks.task1.duration.lognormal.median)\n`,
  );
  assert.match(validate.stdout, /: 1 error, 0 warnings\n$/);
});

test('cli: validate: bundled scenarios validate clean, each compiled with the files it includes', async () => {
  const result = await runCli('validate', 'scenarios');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /: 0 errors, 0 warnings/);
});

test('cli: validate: two Scenarios of the same name in one file are an error at the second', async () => {
  const scenario = helloText.slice(helloText.indexOf('apiVersion: tekton-sim/v1alpha1'));
  const doubled = `${helloText}---\n${scenario}`;
  const secondLine = doubled.split('\n').lastIndexOf('  name: tep-0046-hello-world') + 1;
  const firstLine = doubled.split('\n').indexOf('  name: tep-0046-hello-world') + 1;
  const result = await runCliWithStdin(doubled, 'validate', '-');
  assert.is(result.code, 1, result.stdout);
  assert.match(
    result.stdout,
    `<stdin>:${secondLine}:3: error: Scenario "tep-0046-hello-world" is already defined at line ${firstLine} of this file; give each Scenario its own name (metadata.name)\n`,
  );
});

test('cli: check: two Scenarios of the same name in one file are refused before any run', async () => {
  const scenario = helloText.slice(helloText.indexOf('apiVersion: tekton-sim/v1alpha1'));
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-names-'));
  const file = path.join(directory, 'twice.yaml');
  fs.writeFileSync(file, `${helloText}---\n${scenario}`);
  const result = await runCli('check', file, '--seeds', '10');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.is(result.stdout, '');
  assert.match(
    result.stderr,
    /Scenario "tep-0046-hello-world" is already defined at line \d+ of this file/,
  );
  fs.rmSync(directory, { recursive: true });
});

test('cli: validate -: reads standard input; empty input is an error, not a pass', async () => {
  const empty = await runCliWithStdin('', 'validate', '-');
  assert.is(empty.code, 2);
  assert.is(empty.stdout, '');
  assert.is(
    empty.stderr,
    '<stdin>:1:1: error: empty file: no YAML content (only comments, blank lines or ---)\n',
  );
  const valid = await runCliWithStdin(helloText, 'validate', '-');
  assert.is(valid.code, 0, valid.stdout);
  assert.is(valid.stdout, '1 file, 0 Pipelines, 1 PipelineRun, 0 Tasks: 0 errors, 0 warnings\n');
  const binary = await runCliWithStdin(Buffer.from([0x61, 0, 0x62]), 'validate', '-');
  assert.is(binary.code, 2);
  assert.is(binary.stderr, 'error: <stdin>: binary file (contains NUL bytes), not YAML text\n');
});

test('cli: run -: simulates the PipelineRun read from standard input', async () => {
  const text = fs.readFileSync('scenarios/tep-0046-4-timeouts-tasks.yaml', 'utf8');
  const result = await runCliWithStdin(text, 'run', '-');
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, /Status: +Failed\(PipelineRunTimeout\)/);
});

test.run();
