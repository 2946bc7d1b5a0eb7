// tektoncd/pipeline v1.15.0's own end-to-end tests (test/*.go) retold as PipelineRuns and run
// through the simulator: each test names the Go test it retells and asserts what that test
// asserts (TaskRuns created, their conditions, skippedTasks, the run's condition,
// status.results, retriesStatus, timings). Go tests already retold elsewhere:
// TestPipelineLevelFinally_OneDAGTaskFailed_InvalidTaskResult_Failure (C01, finally.test.ts),
// TestPipelineLevelFinally_OneFinalTaskFailed_Failure (C02, conformance.test.ts),
// TestPipelineLevelFinally_OneDAGNotProducingResult_SecondDAGUsingResult_Failure (C05,
// dag.test.ts), TestTaskRunRetry (C24, retries.test.ts). Not retold: Kubernetes events (the
// simulator makes none). Label and annotation propagation (checkLabelPropagation,
// checkAnnotationPropagation) is retold in labels.test.ts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { TaskRunView } from '../../src/model/status.js';
import { type CaseRun, outcome, paramValue, runCaseFile } from './harness.js';

const CANCELLED_BY_PIPELINE =
  'TaskRun cancelled as the PipelineRun it belongs to has been cancelled.';
const TIMED_OUT_BY_PIPELINE = 'TaskRun cancelled as the PipelineRun it belongs to has timed out.';

interface Item {
  kind: string;
  metadata: { name: string };
  spec: { status?: string; statusMessage?: string };
  status: {
    pipelineSpec?: { tasks: { params?: { name: string; value: unknown }[] }[] };
    taskSpec?: { steps: { script?: string }[] };
    steps?: { name: string; terminated?: { exitCode: number; reason: string } }[];
  };
}

function items(run: CaseRun): Item[] {
  return (JSON.parse(run.json) as { items: Item[] }).items;
}

function item(run: CaseRun, name: string): Item {
  const found = items(run).find((entry) => entry.metadata.name === name);
  if (!found) throw new Error(`no object ${name}`);
  return found;
}

function conditionOf(taskRun: TaskRunView): string {
  return `${taskRun.condition.status}/${taskRun.condition.reason}`;
}

// ---- test/pipelinefinally_test.go

const FINALLY = 'e2e-pipelinefinally.yaml';

test('e2e: TestPipelineLevelFinally_OneFinalTask_CancelledRunFinally', () => {
  const run = runCaseFile(FINALLY, {
    pipelineRun: 'cancelled-run-finally',
    patches: [{ atMs: 1000, status: 'CancelledRunFinally' }],
  });
  // dagtask1 cancelled; no TaskRun for dagtask2 nor finaltask2, which read its result.
  assert.equal(run.taskRunNames(), ['dagtask1', 'finaltask1']);
  assert.is(conditionOf(run.taskRun('dagtask1')), 'False/TaskRunCancelled');
  assert.is(conditionOf(run.taskRun('finaltask1')), 'True/Succeeded');
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.equal(run.skipped(), {
    dagtask2: 'PipelineRun was stopping',
    finaltask2: 'Results were missing',
  });
  assert.is(run.taskRun('finaltask1').startTimeMs, 1000);
});

test('e2e: TestPipelineLevelFinally_OneFinalTask_StoppedRunFinally', () => {
  const run = runCaseFile(FINALLY, {
    pipelineRun: 'stopped-run-finally',
    patches: [{ atMs: 1000, status: 'StoppedRunFinally' }],
  });
  // dagtask1 is left to finish; dagtask2 never starts; both finally tasks run.
  assert.equal(run.taskRunNames(), ['dagtask1', 'finaltask1', 'finaltask2']);
  for (const name of ['dagtask1', 'finaltask1', 'finaltask2'])
    assert.is(conditionOf(run.taskRun(name)), 'True/Succeeded', name);
  assert.is(paramValue(run.taskRun('finaltask2'), 'dagtask1-result'), 'Hello');
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.equal(run.skipped(), { dagtask2: 'PipelineRun was gracefully stopped' });
  assert.is(run.view.pipelineRun.finallyStartTimeMs, 5000);
});

// ---- test/task_results_from_failed_tasks_test.go

const RESULTS = 'e2e-task-results-from-failed-tasks.yaml';

test('e2e: TestTaskResultsFromFailedTasks (v1beta1, word for word)', () => {
  const run = runCaseFile(RESULTS, { pipelineRun: 'task-results-from-failed-tasks' });
  assert.equal(run.taskRunNames(), ['task1', 'finaltask1']);
  const task1 = run.taskRun('task1');
  assert.is(task1.condition.status, 'False');
  assert.equal(
    task1.results.map((result) => [result.name, result.value]),
    [['result1', '123']],
  );
  assert.is(conditionOf(run.taskRun('finaltask1')), 'True/Succeeded');
  assert.is(paramValue(run.taskRun('finaltask1'), 'param1'), '123');
  assert.equal(run.skipped(), { finaltask2: 'Results were missing' });
  assert.is(outcome(run.view), 'False/Failed');
});

test('e2e: TestPipelineResultsFromFailedTasks', () => {
  const run = runCaseFile(RESULTS, { pipelineRun: 'pipeline-results-from-failed-tasks' });
  assert.is(outcome(run.view), 'False/Failed');
  assert.equal(
    run.view.pipelineRun.results.map((result) => [result.name, result.value]),
    [['pipeline-result-1', '123']],
  );
});

// ---- test/dag_test.go

test('e2e: TestDAGPipelineRun (word for word)', () => {
  const run = runCaseFile('e2e-dag.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  const byStart = [...run.view.taskRuns].sort(
    (a, b) => (a.startTimeMs ?? 0) - (b.startTimeMs ?? 0),
  );
  assert.is(byStart.length, 5);
  const prefixes = [
    'dag-pipeline-run-pipeline-task-1',
    'dag-pipeline-run-pipeline-task-2-parallel',
    'dag-pipeline-run-pipeline-task-2-parallel',
    'dag-pipeline-run-pipeline-task-3',
    'dag-pipeline-run-pipeline-task-4',
  ];
  prefixes.forEach((prefix, index) => assert.ok(byStart[index].name.startsWith(prefix)));
  // The two parallel tasks start less than sleepDuration (15 s) apart.
  assert.ok(Math.abs((byStart[1].startTimeMs ?? 0) - (byStart[2].startTimeMs ?? 0)) <= 15000);
  // The result params the Task does not declare are passed all the same.
  const task3 = run.taskRun('pipeline-task-3');
  assert.is(paramValue(task3, 'result-p1'), 'much graph\n');
  assert.is(paramValue(task3, 'result-p2'), 'such parallel\n');
});

// ---- test/timeout_test.go

const TIMEOUT = 'e2e-timeout.yaml';

test('e2e: TestPipelineRunTimeout', () => {
  const run = runCaseFile(TIMEOUT, { pipelineRun: 'pipeline-run-timeout' });
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(conditionOf(run.taskRun('foo')), 'False/TaskRunCancelled');
  assert.is(run.taskRun('foo').completionTimeMs, 5000);
  // The second PipelineRun of the same Task, without timeouts, succeeds.
  const second = runCaseFile(TIMEOUT, { pipelineRun: 'pipeline-run-timeout-second' });
  assert.is(outcome(second.view), 'True/Succeeded');
});

test('e2e: TestStepTimeout', () => {
  const run = runCaseFile(TIMEOUT, { pipelineRun: 'step-timeout' });
  const { condition } = run.taskRun('task');
  assert.is(condition.status, 'False');
  assert.is(
    condition.message,
    '"step-timeout" exited because the step exceeded the specified timeout limit',
  );
  const steps = item(run, 'step-timeout-task').status.steps ?? [];
  assert.is(steps.length, 3);
  assert.is(steps[0].terminated?.reason, 'Completed');
  assert.is(steps[2].terminated?.exitCode, 1);
});

test('e2e: TestStepTimeoutWithWS', () => {
  const run = runCaseFile(TIMEOUT, { pipelineRun: 'step-timeout-with-ws' });
  assert.is(
    run.taskRun('task').condition.message,
    '"step-timeout" exited because the step exceeded the specified timeout limit',
  );
});

test('e2e: TestTaskRunTimeout', () => {
  const run = runCaseFile(TIMEOUT, { pipelineRun: 'task-run-timeout' });
  assert.is(conditionOf(run.taskRun('task')), 'False/TaskRunTimeout');
  assert.is(run.taskRun('task').completionTimeMs, 1000);
  const steps = item(run, 'task-run-timeout-task').status.steps ?? [];
  assert.ok(steps.length > 0);
  for (const step of steps) assert.is(step.terminated?.reason, 'TaskRunTimeout', step.name);
});

test('e2e: TestPipelineTaskTimeout', () => {
  const run = runCaseFile(TIMEOUT, { pipelineRun: 'pipeline-task-timeout' });
  assert.is(outcome(run.view), 'False/Failed');
  assert.is(conditionOf(run.taskRun('pipelinetask1')), 'True/Succeeded');
  assert.is(run.taskRun('pipelinetask1').timeout, '0s');
  assert.is(conditionOf(run.taskRun('pipelinetask2')), 'False/TaskRunTimeout');
  assert.is(run.taskRun('pipelinetask2').completionTimeMs, 5000);
});

test('e2e: TestPipelineRunTasksTimeout', () => {
  const run = runCaseFile(TIMEOUT, { pipelineRun: 'pipeline-run-tasks-timeout' });
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  const dagtask = run.taskRun('dagtask');
  assert.is(conditionOf(dagtask), 'False/TaskRunCancelled');
  assert.ok(dagtask.condition.message.includes(TIMED_OUT_BY_PIPELINE));
  assert.is(dagtask.completionTimeMs, 20000);
  const finallytask = run.taskRun('finallytask');
  assert.is(conditionOf(finallytask), 'True/Succeeded');
  assert.is(finallytask.startTimeMs, 20000);
});

test('e2e: TestPipelineRunTimeoutWithCompletedTaskRuns', () => {
  const run = runCaseFile(TIMEOUT, {
    pipelineRun: 'pipeline-run-timeout-with-completed-task-runs',
  });
  assert.is(outcome(run.view), 'False/PipelineRunTimeout');
  assert.is(conditionOf(run.taskRun('fast-task')), 'True/Succeeded');
  assert.is(conditionOf(run.taskRun('slow-task')), 'False/TaskRunCancelled');
  assert.is(run.taskRun('slow-task').completionTimeMs, 30000);
});

// ---- test/cancel_test.go

for (const retries of [0, 1]) {
  test(`e2e: TestTaskRunPipelineRunCancel retries=${retries},status=Cancelled`, () => {
    const run = runCaseFile('e2e-cancel.yaml', {
      pipelineRun: `cancel-retries-${retries}`,
      patches: [{ atMs: 3000, status: 'Cancelled' }],
    });
    assert.is(outcome(run.view), 'False/Cancelled');
    const task = run.taskRun('task');
    assert.is(conditionOf(task), 'False/TaskRunCancelled');
    assert.is(task.retriesStatus.length, 0);
    const { spec } = item(run, `cancel-retries-${retries}-task`);
    assert.is(spec.status, 'TaskRunCancelled');
    assert.is(spec.statusMessage, CANCELLED_BY_PIPELINE);
  });
}

test('e2e: TestCancelActivePipelineRunWithCompletedTaskRuns', () => {
  const run = runCaseFile('e2e-cancel.yaml', {
    pipelineRun: 'cancel-with-completed-task-runs',
    patches: [{ atMs: 3000, status: 'Cancelled' }],
  });
  assert.is(outcome(run.view), 'False/Cancelled');
  assert.is(conditionOf(run.taskRun('task-succeeded')), 'True/Succeeded');
  assert.is(conditionOf(run.taskRun('task-running')), 'False/TaskRunCancelled');
  const succeeded = item(run, 'cancel-with-completed-task-runs-task-succeeded').spec;
  assert.is(succeeded.status, undefined);
  assert.is(succeeded.statusMessage, undefined);
  const running = item(run, 'cancel-with-completed-task-runs-task-running').spec;
  assert.is(running.status, 'TaskRunCancelled');
  assert.is(running.statusMessage, CANCELLED_BY_PIPELINE);
});

// ---- test/pipelinerun_test.go

const PIPELINE_RUN = 'e2e-pipelinerun.yaml';

test('e2e: TestPipelineRunStatusSpec "pipeline status spec updated"', () => {
  const run = runCaseFile(PIPELINE_RUN, { pipelineRun: 'pipeline-task-update' });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(
    run.view.taskRuns.map((taskRun) => [taskRun.name, taskRun.condition.status]),
    [['pipeline-task-update-task1', 'True']],
  );
  // cl.Status.PipelineSpec.Tasks[0].Params[0].Value.StringVal == "Hello World!"
  const pipelineRun = item(run, 'pipeline-task-update');
  assert.equal(pipelineRun.status.pipelineSpec?.tasks[0].params?.[0], {
    name: 'HELLO',
    value: 'Hello World!',
  });
  const taskRun = item(run, 'pipeline-task-update-task1');
  assert.ok(taskRun.status.taskSpec?.steps[0].script?.includes('Hello World!'));
});

test('e2e: TestPipelineRun "fan-in and fan-out"', () => {
  const run = runCaseFile(PIPELINE_RUN, { pipelineRun: 'fan-in-and-fan-out' });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.equal(run.taskRunNames(), [
    'create-file-kritis',
    'create-fan-out-1',
    'create-fan-out-2',
    'check-fan-in',
  ]);
  for (const taskRun of run.view.taskRuns)
    assert.is(conditionOf(taskRun), 'True/Succeeded', taskRun.name);
  assert.is(paramValue(run.taskRun('create-fan-out-1'), 'check-stuff'), 'stuff\n');
  assert.is(paramValue(run.taskRun('create-fan-out-2'), 'check-other'), 'other\n');
  assert.is(paramValue(run.taskRun('check-fan-in'), 'workspacepath-else'), 'something\n');
});

test('e2e: TestPipelineRunRefDeleted', () => {
  const run = runCaseFile(PIPELINE_RUN, { pipelineRun: 'ref-deleted' });
  assert.is(outcome(run.view), 'True/Succeeded');
  assert.is(run.taskRun('step2').startTimeMs, 10000);
  assert.is(run.view.pipelineRun.completionTimeMs, 20000);
});

test('e2e: TestPipelineRunPending', () => {
  const pending = runCaseFile(PIPELINE_RUN, { pipelineRun: 'pending' });
  assert.is(outcome(pending.view), 'Unknown/PipelineRunPending');
  assert.is(pending.view.pipelineRun.startTimeMs, undefined);
  assert.equal(pending.taskRunNames(), []);
  // Nothing was fetched yet: no status.pipelineSpec (reconcile returns before GetPipelineData).
  assert.is(item(pending, 'pending').status.pipelineSpec, undefined);
  const cleared = runCaseFile(PIPELINE_RUN, {
    pipelineRun: 'pending',
    patches: [{ atMs: 5000, status: '' }],
  });
  assert.is(outcome(cleared.view), 'True/Succeeded');
  assert.is(cleared.view.pipelineRun.startTimeMs, 5000);
});

test('e2e: TestPipelineRunTaskFailed (v1beta1)', () => {
  const run = runCaseFile(PIPELINE_RUN, { pipelineRun: 'task-failed' });
  assert.is(run.view.pipelineRun.condition.status, 'False');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 0',
  );
});

// ---- examples/v1/pipelineruns/ (conformance-cases.md C16)

test('e2e: C16 examples/v1/pipelineruns/pipelinerun-with-when-expressions.yaml', () => {
  const run = runCaseFile('e2e-when-expressions-example.yaml');
  assert.is(outcome(run.view), 'True/Completed');
  assert.is(
    run.view.pipelineRun.condition.message,
    'Tasks Completed: 5 (Failed: 0, Cancelled 0), Skipped: 9',
  );
  // In creation order: the two roots first.
  assert.equal(run.taskRunNames(), [
    'create-file',
    'sample-task-with-array-values',
    'check-file',
    'echo-file-exists',
    'finally-task-should-be-executed',
  ]);
  const skipped = run.view.pipelineRun.skippedTasks;
  assert.equal(
    skipped.map((entry) => entry.name),
    [
      'task-should-be-skipped-1',
      'task-should-be-skipped-2',
      'task-should-be-skipped-3',
      'task-should-be-skipped-4',
      'finally-task-should-be-skipped-1',
      'finally-task-should-be-skipped-2',
      'finally-task-should-be-skipped-3',
      'finally-task-should-be-skipped-4',
      'finally-task-should-be-skipped-5',
    ],
  );
  for (const entry of skipped)
    assert.is(entry.reason, 'When Expressions evaluated to false', entry.name);
  const when = (name: string) => skipped.find((entry) => entry.name === name)?.whenExpressions;
  assert.equal(when('task-should-be-skipped-1'), [
    { input: 'yes', operator: 'in', values: ['missing'] },
  ]);
  assert.equal(when('task-should-be-skipped-4'), [
    { input: 'master', operator: 'in', values: ['main', 'hotfix'] },
  ]);
  assert.equal(when('finally-task-should-be-skipped-1'), [
    { input: 'Succeeded', operator: 'in', values: ['Failure'] },
  ]);
  assert.equal(when('finally-task-should-be-skipped-5'), [
    { input: 'Completed', operator: 'in', values: ['Succeeded'] },
  ]);
});

// ---- What the retellings found (docs/semantics-disagreements.md 40, 41)

interface SpecTask {
  name: string;
  displayName?: string;
  params?: { name: string; value: unknown }[];
  when?: { input: string; operator: string; values: string[] }[];
  workspaces?: { name: string; subPath?: string }[];
  matrix?: { params: { name: string; value: unknown }[] };
  taskSpec?: { steps: { script: string }[] };
}

function statusPipelineSpec(run: CaseRun): { tasks: SpecTask[]; results?: unknown[] } {
  const [pipelineRun] = JSON.parse(run.json).items as {
    status: { pipelineSpec: { tasks: SpecTask[]; results?: unknown[] } };
  }[];
  return pipelineRun.status.pipelineSpec;
}

test('e2e: E01 status.pipelineSpec holds the spec with params, contexts and bound workspaces filled in', () => {
  const run = runCaseFile('E01-status-pipeline-spec.yaml', { pipelineRun: 'ps' });
  const [one, two] = statusPipelineSpec(run).tasks;
  assert.is(one.displayName, 'one for world in ps of ps');
  assert.equal(one.params, [
    { name: 'who', value: 'task-world' },
    // ApplyPipelineTaskContexts fills it per TaskRun, never in status.pipelineSpec.
    { name: 'retries', value: '$(context.pipelineTask.retries)' },
    { name: 'bound', value: 'true/false' },
  ]);
  assert.equal(one.when, [{ input: 'd-world', operator: 'in', values: ['a', 'b', 'd-world'] }]);
  assert.equal(one.workspaces, [{ name: 'ws', workspace: 'ws', subPath: 'world' }]);
  // propagateParams: the task's own `who` stands for the pipeline's in its embedded spec.
  assert.is(one.taskSpec?.steps[0].script, 'echo -n "task-world ps" > $(results.out.path)');
  // A matrixed task's displayName gets contexts only; results wait for the TaskRun.
  assert.is(two.displayName, 'two $(params.x)');
  assert.equal(two.matrix?.params, [{ name: 'x', value: ['a', 'b'] }]);
  assert.equal(two.params, [{ name: 'y', value: '$(tasks.one.results.out)' }]);
  assert.is(two.taskSpec?.steps[0].script, 'echo $(params.x) $(params.y) world');
  assert.equal(statusPipelineSpec(run).results, [{ name: 'r', value: '$(tasks.one.results.out)' }]);
  // Failed before ApplyParameters: the spec as fetched.
  const missing = runCaseFile('E01-status-pipeline-spec.yaml', { pipelineRun: 'ps-missing' });
  assert.is(outcome(missing.view), 'False/ParameterMissing');
  const [task] = statusPipelineSpec(missing).tasks;
  assert.equal(task.params, [{ name: 'who', value: '$(params.who)' }]);
  assert.is(task.taskSpec?.steps[0].script, 'echo $(params.who) in $(context.pipelineRun.name)');
});

test('e2e: E01 a PipelineRun cancelled at creation has no status.pipelineSpec; one cancelled later keeps it', () => {
  const atCreation = runCaseFile('section4-cancellation.yaml', {
    pipelineRun: 'cancelled-at-creation',
  });
  assert.is(item(atCreation, 'cancelled-at-creation').status.pipelineSpec, undefined);
  const later = runCaseFile('e2e-cancel.yaml', {
    pipelineRun: 'cancel-retries-0',
    patches: [{ atMs: 3000, status: 'Cancelled' }],
  });
  assert.is(statusPipelineSpec(later).tasks[0].name, 'task');
});

test('e2e: E02 $(context.pipeline.name) of an embedded pipelineSpec is the PipelineRun name', () => {
  const run = runCaseFile('E02-context-pipeline-name-embedded.yaml');
  const taskRun = run.taskRun('t');
  assert.is(paramValue(taskRun, 'p'), 'e02');
  assert.equal(
    taskRun.results.map((result) => result.value),
    ['e02/e02'],
  );
  assert.is(run.view.pipelineRun.childReferences[0].displayName, 't of e02');
});

test.run();
