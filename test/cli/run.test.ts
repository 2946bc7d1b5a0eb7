// `tekton-sim run` in-process: choosing among several PipelineRuns, and the closing line
// that machine-readable output gets when the run printed warnings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from './run-cli.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-run-'));

function write(name: string, text: string): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

function pipelineRun(name: string, script: string): string {
  return `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: ${name}
spec:
  pipelineSpec:
    tasks:
      - name: only
        taskSpec:
          steps:
            - name: step
              image: alpine
              script: ${JSON.stringify(script)}
`;
}

test('cli: run: several PipelineRuns without --pipelinerun exit 2 naming them and the option', async () => {
  const file = write(
    'two.yaml',
    `${pipelineRun('first', 'sleep 1')}---\n${pipelineRun('second', 'sleep 2')}`,
  );
  const run = await runCli('run', file);
  assert.is(run.code, 2);
  assert.is(run.stdout, '');
  assert.match(
    run.stderr,
    /2 PipelineRuns in .*two\.yaml: first, second; choose one with --pipelinerun NAME/,
  );
  assert.is(run.stderr.trim().split('\n').length, 1, run.stderr);
  const chosen = await runCli('run', file, '--pipelinerun', 'second', '-o', 'json');
  assert.is(chosen.code, 0, chosen.stderr);
  assert.match(chosen.stdout, /"name": "second"/);
});

test('cli: run -o json: warnings are summed up in one line on stderr after the output', async () => {
  const warned = await runCli(
    'run',
    write('warned.yaml', pipelineRun('warned', 'make all')),
    '-o',
    'json',
  );
  assert.is(warned.code, 0, warned.stderr);
  const lines = warned.stderr.trim().split('\n');
  assert.match(lines[0], /command not simulated: make/);
  assert.is(
    lines.at(-1),
    'tekton-sim: 1 warning above: parts of this run were assumed, not simulated',
  );
  const clean = await runCli(
    'run',
    write('clean.yaml', pipelineRun('clean', 'sleep 1')),
    '-o',
    'json',
  );
  assert.is(clean.code, 0);
  assert.is(clean.stderr, '');
});

test('cli: validate: counts the steps whose scripts are not fully simulated', async () => {
  const file = write('mixed.yaml', `${pipelineRun('mixed', 'make all')}`);
  const mixed = await runCli('validate', file);
  assert.is(mixed.code, 0, mixed.stderr);
  assert.match(
    mixed.stdout,
    /1 PipelineRun, 0 Tasks: 0 errors, 0 warnings; 1 of 1 step not fully simulated/,
  );
  const json = JSON.parse((await runCli('validate', file, '-o', 'json')).stdout);
  assert.is(json.counts.steps, 1);
  assert.is(json.counts.stepsNotFullySimulated, 1);
});

test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('cli: run: a PipelineRun managed by another controller is refused: Tekton would not reconcile it', async () => {
  // pipelineRunFilterManagedBy: the controller only takes runs it manages, or nobody does.
  const text = pipelineRun('other', 'sleep 1').replace(
    'spec:\n',
    'spec:\n  managedBy: kueue.x-k8s.io/multikueue\n',
  );
  const file = write('managed-by.yaml', text);
  const result = await runCli('run', file);
  assert.is(result.code, 2);
  assert.is(
    result.stderr,
    `${file}:6:3: error: PipelineRun "other" has spec.managedBy "kueue.x-k8s.io/multikueue": Tekton's PipelineRun controller reconciles only PipelineRuns managed by "tekton.dev/pipeline" or by nobody, so nothing would happen to it; remove spec.managedBy to simulate it (spec.managedBy)\n`,
  );
  const ours = write(
    'managed-by-tekton.yaml',
    text.replace('kueue.x-k8s.io/multikueue', 'tekton.dev/pipeline'),
  );
  assert.is((await runCli('run', ours)).code, 0);
});

test.run();
