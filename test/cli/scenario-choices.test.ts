// A Scenario's spec.profile and spec.pipelineRun are checked at their own fields: a wrong name
// is one error line with the Scenario's file:line:column and field path, exit 2 for `check`,
// and several PipelineRuns without spec.pipelineRun name the Scenario's field, not a flag.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, runCliWithStdin } from './run-cli.js';

const helloText = fs.readFileSync('scenarios/tep-0046-hello-world.scenario.yaml', 'utf8');

function lineOf(text: string, fragment: string): number {
  const index = text.indexOf(fragment);
  assert.ok(index >= 0, fragment);
  return text.slice(0, index).split('\n').length;
}

function writeScenario(text: string): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-choices-'));
  const file = path.join(directory, 'scenario.yaml');
  fs.writeFileSync(file, text);
  return file;
}

test('cli: check: an unknown spec.profile is an error at the field, exit 2', async () => {
  const text = helloText.replace('  seeds: 1000\n', '  seeds: 1000\n  profile: v2\n');
  const file = writeScenario(text);
  const result = await runCli('check', file);
  assert.is(result.code, 2, result.stderr);
  assert.is(
    result.stderr,
    `${file}:${lineOf(text, 'profile: v2')}:3: error: unknown profile "v2"; valid profiles: v1.15, v1.15-fix10512, v1.12, v0.40 (spec.profile)\n`,
  );
});

test('cli: validate: an unknown spec.pipelineRun is an error at the field', async () => {
  const text = helloText.replace('  seeds: 1000\n', '  seeds: 1000\n  pipelineRun: nope\n');
  const result = await runCliWithStdin(text, 'validate', '-');
  assert.is(result.code, 1, result.stdout);
  assert.match(
    result.stdout,
    `<stdin>:${lineOf(text, 'pipelineRun: nope')}:3: error: no PipelineRun named "nope" among the loaded files; the loaded PipelineRuns are: hello-world-pipeline-run-with-timeout (spec.pipelineRun)\n`,
  );
});

test('cli: check: two PipelineRuns and no spec.pipelineRun name the Scenario field to set', async () => {
  const scenarioAt = helloText.indexOf('---\napiVersion: tekton-sim/v1alpha1');
  const run = helloText.slice(0, scenarioAt);
  const second = run.replace('name: hello-world-pipeline-run-with-timeout', 'name: second-run');
  const text = `${run}---\n${second}${helloText.slice(scenarioAt)}`;
  const file = writeScenario(text);
  const result = await runCli('check', file, '--seeds', '2');
  assert.is(result.code, 2, result.stderr);
  assert.not.match(result.stderr, '--pipelinerun');
  assert.match(
    result.stderr,
    `${file}:${lineOf(text, 'spec:\n  seeds')}:1: error: 2 PipelineRuns are loaded (hello-world-pipeline-run-with-timeout, second-run); name the one to simulate with spec.pipelineRun (spec)\n`,
  );
});

test('cli: check: an include that cannot be read is an error at spec.include[i]', async () => {
  const text = helloText.replace('  seeds: 1000\n', '  seeds: 1000\n  include: [missing.yaml]\n');
  const file = writeScenario(text);
  const result = await runCli('check', file, '--seeds', '2');
  assert.is(result.code, 2, result.stderr);
  const missing = path.join(path.dirname(file), 'missing.yaml');
  assert.is(
    result.stderr,
    `${file}:${lineOf(text, 'include:')}:13: error: cannot include ${missing}: no such file or directory (spec.include[0])\n`,
  );
});

test('cli: check: an absolute include is read where it points, not under the Scenario folder', async () => {
  const scenarioAt = helloText.indexOf('---\napiVersion: tekton-sim/v1alpha1');
  const runFile = writeScenario(helloText.slice(0, scenarioAt));
  const scenario = helloText
    .slice(scenarioAt + 4)
    .replace('  seeds: 1000\n', `  seeds: 1000\n  include: [${JSON.stringify(runFile)}]\n`);
  const result = await runCli('check', writeScenario(scenario), '--seeds', '2');
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout, 'seeds 1..2: 2 runs');
});

test('cli: check and report of files holding no Scenario: one error line naming them, exit 2', async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-no-scenario-'));
  const file = path.join(directory, 'task.yaml');
  fs.writeFileSync(
    file,
    'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: t}\nspec: {steps: [{name: s, image: alpine, script: exit 0}]}\n',
  );
  for (const command of ['check', 'report']) {
    const result = await runCli(command, file);
    assert.is(result.code, 2, result.stderr);
    assert.is(result.stderr, `error: no Scenario documents found in ${file}\n`);
    assert.is(result.stdout, '');
  }
  fs.rmSync(directory, { recursive: true });
});

test.run();
