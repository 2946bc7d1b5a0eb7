// Fidelity audit, third pass: timeouts, cancellation and the final condition
// (tekton-semantics.md 3.4-3.9, 4, 5.1-5.3) checked against tektoncd/pipeline v1.15.0's Go
// code; each test names the function that settles it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../cli/run-cli.js';
import { outcome, runCaseFile } from './harness.js';

const cases = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const H01 = path.join(cases, 'H01-previous-status-in-message.yaml');
const WAITING =
  '\nPrevious status: [ExceededNodeResources] TaskRun Pod exceeded available resources';

interface Item {
  kind: string;
  metadata: { name: string };
  status: {
    conditions: { reason: string; message: string; lastTransitionTime: string }[];
    podName?: string;
    startTime?: string;
    completionTime?: string;
  };
}

async function taskRunsOf(...args: string[]): Promise<Record<string, Item['status']>> {
  const cluster = args.includes('--cluster') ? [] : ['--slots', '1'];
  const run = await runCli('run', H01, ...cluster, '-o', 'json', ...args);
  assert.is(run.code, 0, run.stderr);
  const items = (JSON.parse(run.stdout) as { items: Item[] }).items;
  return Object.fromEntries(
    items
      .filter((item) => item.kind === 'TaskRun')
      .map((item) => [item.metadata.name, item.status]),
  );
}

test('audit3: H01 a TaskRun timing out while its pod waits for a node keeps that in its message', async () => {
  // taskrun.go ReconcileKind -> HasTimedOut -> appendPreviousConditionContext(before, ...).
  const taskRuns = await taskRunsOf();
  const [condition] = taskRuns['waiting-waits'].conditions;
  assert.is(condition.reason, 'TaskRunTimeout');
  assert.is(condition.message, `TaskRun "waiting-waits" failed to finish within "30s"${WAITING}`);
  assert.is(condition.lastTransitionTime, '2000-01-01T00:00:30Z');
  // The running one had reason Running: nothing is added.
  assert.is(taskRuns['waiting-long'].conditions[0].reason, 'Succeeded');
});

test('audit3: H01 a TaskRun cancelled while its pod waits for a node keeps that in its message', async () => {
  // taskrun.go ReconcileKind -> IsCancelled -> appendPreviousConditionContext; not after Running.
  const taskRuns = await taskRunsOf('--cancel', 'Cancelled@10s');
  const cancelled = 'TaskRun cancelled as the PipelineRun it belongs to has been cancelled.';
  assert.is(
    taskRuns['waiting-waits'].conditions[0].message,
    `TaskRun "waiting-waits" was cancelled. ${cancelled}${WAITING}`,
  );
  assert.is(
    taskRuns['waiting-long'].conditions[0].message,
    `TaskRun "waiting-long" was cancelled. ${cancelled}`,
  );
  assert.is(taskRuns['waiting-waits'].completionTime, '2000-01-01T00:00:10Z');
});

test('audit3: H01 v1.12 has no previous status in the message', async () => {
  // appendPreviousConditionContext does not exist in v1.12.0's taskrun.go.
  const taskRuns = await taskRunsOf('--profile', 'v1.12');
  assert.is(
    taskRuns['waiting-waits'].conditions[0].message,
    'TaskRun "waiting-waits" failed to finish within "30s"',
  );
});

test('audit3: H03 a TaskRun cancelled while the quota refuses its pod gets a startTime, no pod', async () => {
  // taskrun.go ReconcileKind: InitializeConditions sets startTime (handlePodCreationError had
  // cleared it), then IsCancelled fails it with the quota condition appended; no pod was made.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tekton-sim-audit3-'));
  const cluster = path.join(scratch, 'quota.yaml');
  fs.writeFileSync(
    cluster,
    'nodes: [{name: n, count: 1, cpu: "8", memory: 16Gi}]\nquota: {pods: 1}\n',
  );
  const taskRuns = await taskRunsOf('--cluster', cluster, '--cancel', 'Cancelled@10s');
  const waits = taskRuns['waiting-waits'];
  assert.is(waits.startTime, '2000-01-01T00:00:10Z');
  assert.is(waits.completionTime, '2000-01-01T00:00:10Z');
  assert.is(waits.podName, '');
  assert.match(
    waits.conditions[0].message,
    /^TaskRun "waiting-waits" was cancelled\. TaskRun cancelled as the PipelineRun it belongs to has been cancelled\.\nPrevious status: \[ExceededResourceQuota\] TaskRun Pod exceeded available resources: pods "waiting-waits-pod" is forbidden: exceeded quota/,
  );
  assert.is(taskRuns['waiting-long'].podName, 'waiting-long-pod');
});

test('audit3: H02 a running TaskRun says not all steps have finished', () => {
  // pkg/pod/status.go updateIncompleteTaskRunStatus: PodRunning -> markStatusRunning.
  const run = runCaseFile('H02-running-taskrun-message.yaml');
  assert.is(outcome(run.view), 'Unknown/Running');
  const { condition } = run.taskRun('forever');
  assert.equal(
    [condition.status, condition.reason, condition.message],
    ['Unknown', 'Running', 'Not all Steps in the Task have finished executing'],
  );
});

test('audit3: H02 a pod placed after waiting for a node drops the waiting message when it runs', async () => {
  // The pod's phase, not the wait before it, gives the condition once it runs.
  const H02 = path.join(cases, 'H02-running-taskrun-message.yaml');
  const run = await runCli('run', H02, '--slots', '1', '-o', 'json');
  assert.is(run.code, 0, run.stderr);
  const items = (JSON.parse(run.stdout) as { items: Item[] }).items;
  const forever = items.find((item) => item.metadata.name === 'endless-forever')!;
  const [condition] = forever.status.conditions;
  assert.equal(
    [condition.reason, condition.message],
    ['Running', 'Not all Steps in the Task have finished executing'],
  );
  // knative SetCondition moves lastTransitionTime when the condition changes: at 5s the pod
  // leaves ExceededNodeResources and runs (fidelity audit H04); startTime stays at creation.
  assert.is(condition.lastTransitionTime, '2000-01-01T00:00:05Z');
  assert.is(forever.status.startTime, '2000-01-01T00:00:00Z');
});

test('audit3: H05 a section timeout derived as 0 is handed to its TaskRuns as 0s', () => {
  // pipelinerun_types.go TasksTimeout/FinallyTimeout give pipeline - other = 0;
  // pipelinerun.go pipelineRunTimeout returns a 0 section timeout as is.
  const tasksEqual = runCaseFile('H05-derived-zero-timeout-propagated.yaml', {
    pipelineRun: 'tasks-equal',
  });
  assert.is(tasksEqual.taskRun('work').timeout, '1h0m0s', 'tasks 30s: left to the 60m default');
  assert.is(tasksEqual.taskRun('cleanup').timeout, '0s');
  assert.is(outcome(tasksEqual.view), 'True/Succeeded');
  assert.match(tasksEqual.json, '"timeout": "0s"');
  const finallyEqual = runCaseFile('H05-derived-zero-timeout-propagated.yaml', {
    pipelineRun: 'finally-equal',
  });
  assert.is(finallyEqual.taskRun('work').timeout, '0s');
  assert.is(finallyEqual.taskRun('cleanup').timeout, '1h0m0s');
  assert.is(outcome(finallyEqual.view), 'True/Succeeded');
});

test.run();
