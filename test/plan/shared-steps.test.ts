// Tasks whose steps have the same script share one compiled program, yet each task keeps
// its own warnings and its own outcome.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { simulateRun } from '../../src/engine/simulated-run.js';
import { preparePipelineRun } from '../../src/plan/prepare.js';
import { loadText } from '../../src/tekton/load.js';

function task(name: string, script: string, value: string): string {
  return `      - name: ${name}
        params: [{name: seconds, value: "${value}"}]
        taskSpec:
          params: [{name: seconds}]
          steps:
            - name: run
              image: alpine
              script: |
${script
  .split('\n')
  .map((line) => `                ${line}`)
  .join('\n')}`;
}

function pipelineRun(tasks: string[]): string {
  return `apiVersion: tekton.dev/v1
kind: PipelineRun
metadata:
  name: shared
spec:
  pipelineSpec:
    tasks:
${tasks.join('\n')}
`;
}

const SCRIPT = "trap 'echo bye' EXIT\nsleep $(params.seconds)";

test('plan: steps with the same script: each task is warned about it by name', () => {
  const { plan } = preparePipelineRun(
    loadText(pipelineRun([task('a', SCRIPT, '2'), task('b', SCRIPT, '5')]), 'shared.yaml'),
  );
  assert.equal(plan.warnings, [
    'task "a" step "run": unsupported shell construct: trap',
    'task "b" step "run": unsupported shell construct: trap',
  ]);
  assert.is(plan.tasks[0].steps[0].program, plan.tasks[1].steps[0].program);
});

test('plan: steps with the same script: each task runs with its own values', () => {
  const { plan } = preparePipelineRun(
    loadText(pipelineRun([task('a', SCRIPT, '2'), task('b', SCRIPT, '5')]), 'shared.yaml'),
  );
  const { view } = simulateRun(plan);
  const durations = view.taskRuns.map((taskRun) => [
    taskRun.pipelineTaskName,
    (taskRun.completionTimeMs ?? 0) - (taskRun.startTimeMs ?? 0),
  ]);
  assert.equal(durations, [
    ['a', 2000],
    ['b', 5000],
  ]);
});

test('plan: steps with different scripts get programs of their own', () => {
  const { plan } = preparePipelineRun(
    loadText(pipelineRun([task('a', 'sleep 1', '1'), task('b', 'sleep 2', '1')]), 'other.yaml'),
  );
  assert.is.not(plan.tasks[0].steps[0].program, plan.tasks[1].steps[0].program);
});

test.run();
