// A step whose params do not fit its StepAction: Tekton v1.15.0's TaskRun reconciler fails the
// TaskRun in prepare (GetStepActionsData), TaskRunResolutionFailed, before any pod.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

interface KubectlTaskRunStatus {
  conditions: { status: string; reason: string; message: string; lastTransitionTime: string }[];
  podName: string;
  startTime?: string;
  completionTime?: string;
  steps?: unknown[];
  retriesStatus?: KubectlTaskRunStatus[];
}

function taskRunStatus(json: string, name: string): KubectlTaskRunStatus {
  const list = JSON.parse(json) as {
    items: { kind: string; metadata: { name: string }; status: KubectlTaskRunStatus }[];
  };
  const found = list.items.find((item) => item.kind === 'TaskRun' && item.metadata.name === name);
  if (!found) throw new Error(`no TaskRun ${name}`);
  return found.status;
}

test('conformance: C71 an extra step param fails the TaskRun at creation, and its retry', () => {
  const run = runCaseFile('C71-step-action-extra-param.yaml');
  const message =
    'failed to resolve step ref for step "hello" (index 0): extra params passed by Step to StepAction: [volume]';
  const status = taskRunStatus(run.json, 'c71-speak');
  const failed = {
    conditions: [
      {
        type: 'Succeeded',
        status: 'False',
        lastTransitionTime: '2000-01-01T00:00:02Z',
        reason: 'TaskRunResolutionFailed',
        message,
      },
    ],
    podName: '',
    startTime: '2000-01-01T00:00:02Z',
    completionTime: '2000-01-01T00:00:02Z',
  };
  // No pod, no steps: created at 2 s after `first`, failed in the same reconcile.
  assert.equal(
    {
      conditions: status.conditions,
      podName: status.podName,
      startTime: status.startTime,
      completionTime: status.completionTime,
    },
    failed,
  );
  assert.is(status.steps, undefined);
  assert.is(status.retriesStatus?.length, 1);
  const retry = status.retriesStatus?.[0];
  assert.equal(
    {
      conditions: retry?.conditions,
      podName: retry?.podName,
      startTime: retry?.startTime,
      completionTime: retry?.completionTime,
    },
    failed,
  );
  // The pipeline reacts as to any failed TaskRun: `later` is skipped, finally runs.
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 1',
  );
  assert.equal(run.skipped(), { later: 'PipelineRun was stopping' });
  assert.is(run.taskRun('tidy').completionTimeMs, 3000);
  assert.is(run.view.pipelineRun.completionTimeMs, 3000);
});

test('conformance: C72 StepAction defaults naming each other fail the TaskRun at creation', () => {
  const run = runCaseFile('C72-step-action-circular-default.yaml');
  const taskRun = run.taskRun('circle');
  assert.equal(
    [taskRun.condition.status, taskRun.condition.reason, taskRun.condition.message],
    [
      'False',
      'TaskRunResolutionFailed',
      'failed to resolve step ref for step "spin" (index 1): circular dependency detected in parameter references',
    ],
  );
  assert.equal([taskRun.startTimeMs, taskRun.completionTimeMs], [0, 0]);
  // Its first step, which resolves, never runs either.
  assert.is(taskRun.steps, undefined);
  assert.is(taskRunStatus(run.json, 'c72-circle').podName, '');
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 0',
  );
});

test.run();
