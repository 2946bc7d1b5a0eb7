// The seed documents' pipelines in scenarios/: each run reproduces the statuses and
// durations its header comment describes.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { preparePipelineRun, simulateRun } from '../../src/index.js';
import { loadFiles } from '../../src/tekton/load.js';
import type { RunView, TaskRunView } from '../../src/model/status.js';

const scenarios = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios');

function runScenario(file: string) {
  const set = loadFiles([path.join(scenarios, file)]);
  const prepared = preparePipelineRun(set);
  const { view } = simulateRun(prepared.plan);
  const taskRun = (name: string): TaskRunView => {
    const found = view.taskRuns.find((candidate) => candidate.pipelineTaskName === name);
    if (!found) throw new Error(`no TaskRun for ${name}`);
    return found;
  };
  return { view, taskRun };
}

const durationMs = (taskRun: TaskRunView) =>
  (taskRun.completionTimeMs ?? NaN) - (taskRun.startTimeMs ?? NaN);
const outcome = (view: RunView) =>
  `${view.pipelineRun.condition.status}/${view.pipelineRun.condition.reason}`;

test('scenarios: TEP-0046 1: task1 sleeps 10 s and succeeds, task2 succeeds', () => {
  const { view, taskRun } = runScenario('tep-0046-1-task-succeeds.yaml');
  assert.is(taskRun('task1').condition.reason, 'Succeeded');
  assert.is(durationMs(taskRun('task1')), 10000);
  assert.is(taskRun('task2').condition.reason, 'Succeeded');
  assert.is(taskRun('task2').startTimeMs, 10000);
  assert.is(outcome(view), 'True/Succeeded');
});

test('scenarios: TEP-0046 2: task1 fails with TaskRunTimeout at 30 s, task2 succeeds, run Failed', () => {
  const { view, taskRun } = runScenario('tep-0046-2-task-timeout.yaml');
  const task1 = taskRun('task1');
  assert.is(task1.condition.reason, 'TaskRunTimeout');
  assert.is(
    task1.condition.message,
    'TaskRun "hello-world-pipeline-run-with-timeout-task1" failed to finish within "30s"',
  );
  assert.is(durationMs(task1), 30000);
  assert.is(taskRun('task2').condition.reason, 'Succeeded');
  assert.is(taskRun('task2').startTimeMs, 30000);
  assert.is(outcome(view), 'False/Failed');
});

test('scenarios: TEP-0046 3: pipeline timeout at 10 s, task1 cancelled, task2 never runs', () => {
  const { view, taskRun } = runScenario('tep-0046-3-pipeline-timeout.yaml');
  assert.is(taskRun('task1').condition.reason, 'TaskRunCancelled');
  assert.is(taskRun('task1').completionTimeMs, 10000);
  assert.equal(
    view.taskRuns.map((t) => t.pipelineTaskName),
    ['task1'],
  );
  assert.is(outcome(view), 'False/PipelineRunTimeout');
  assert.is(
    view.pipelineRun.condition.message,
    'PipelineRun "hello-world-pipeline-run-with-timeout" failed to finish within "10s"',
  );
  assert.is(view.pipelineRun.completionTimeMs, 10000);
});

test('scenarios: TEP-0046 4: tasks timeout 10 s, then finally runs; run PipelineRunTimeout', () => {
  const { view, taskRun } = runScenario('tep-0046-4-timeouts-tasks.yaml');
  assert.is(taskRun('task1').condition.reason, 'TaskRunCancelled');
  assert.is(durationMs(taskRun('task1')), 10000);
  assert.is(taskRun('task2').condition.reason, 'Succeeded');
  assert.is(taskRun('task2').startTimeMs, 10000);
  assert.is(outcome(view), 'False/PipelineRunTimeout');
  assert.is(
    view.pipelineRun.condition.message,
    'PipelineRun "hello-world-pipeline-run-with-timeout" failed due to tasks failed to finish within "10s"',
  );
});

test('scenarios: build-and-deploy-with-cleanup: build fails at 5 s, deploy stopping-skipped, cleanup 2 s, run Failed', () => {
  const { view, taskRun } = runScenario('build-and-deploy-with-cleanup.yaml');
  const build = taskRun('build-image');
  assert.is(build.condition.status, 'False');
  assert.is(build.completionTimeMs, 5000);
  assert.equal(
    view.pipelineRun.skippedTasks.map((entry) => [entry.name, entry.reason]),
    [['deploy', 'PipelineRun was stopping']],
  );
  const cleanup = taskRun('cleanup');
  assert.is(cleanup.startTimeMs, 5000);
  assert.is(durationMs(cleanup), 2000);
  assert.is(cleanup.condition.reason, 'Succeeded');
  assert.is(outcome(view), 'False/Failed');
  assert.is(view.pipelineRun.completionTimeMs, 7000);
});

test.run();
