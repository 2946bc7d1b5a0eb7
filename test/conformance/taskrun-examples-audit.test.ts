// Tekton's TaskRun examples audit: each case is a minimal TaskRun of our own writing that
// exercises a rule one of `examples/v1/taskruns/` at v1.15.0 needed and the simulator got
// wrong (docs/semantics-disagreements.md entries 85 to 89). Every check in a case's scripts
// exits with its own code, so losing any one rule fails that step and the TaskRun.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SIMULATOR_TEKTON_CONFIG } from '../../src/model/tekton-config.js';
import { runTaskRunCaseFile, type TaskRunCase } from './taskrun-harness.js';

function condition(run: TaskRunCase): string {
  const { status, reason, message } = run.taskRun.condition;
  return `${status}/${reason}: ${message}`;
}

function steps(run: TaskRunCase): [string, number, string][] {
  const status = run.object.status as {
    steps: { name: string; terminated: { exitCode: number }; terminationReason: string }[];
  };
  return status.steps.map((step) => [step.name, step.terminated.exitCode, step.terminationReason]);
}

const SUCCEEDED = 'True/Succeeded: All Steps have completed executing';

test('taskrun examples audit 85: env, stepTemplate env, envFrom, valueFrom and $PWD reach the script', () => {
  const run = runTaskRunCaseFile('taskrun-examples-audit-step-env.yaml');
  assert.is(condition(run), SUCCEEDED);
  assert.equal(steps(run), [
    ['own-and-template', 0, 'Completed'],
    ['from-objects', 0, 'Completed'],
  ]);
  assert.equal(run.fileWarnings, []);
});

test('taskrun examples audit 86: Task and podTemplate volumes, /tekton/steps links, read-only step dirs, a sidecar volume unknown', () => {
  const run = runTaskRunCaseFile('taskrun-examples-audit-task-volumes.yaml');
  assert.is(condition(run), SUCCEEDED);
  assert.equal(steps(run), [
    ['write', 2, 'Continued'],
    ['read', 0, 'Completed'],
  ]);
  assert.equal(run.fileWarnings, [
    'task "task-volumes": /signals/ready: nothing wrote it in this simulation and volume "signals" is shared with sidecar "signaller", whose writes are not simulated; test -f /signals/ready: assumed to exist',
  ]);
});

test('taskrun examples audit 86: stdoutConfig.path holds what the step printed (alpha)', () => {
  const run = runTaskRunCaseFile('with-flags/taskrun-examples-audit-stdout-config.yaml', {
    tektonConfig: {
      ...SIMULATOR_TEKTON_CONFIG,
      featureFlags: { ...SIMULATOR_TEKTON_CONFIG.featureFlags, enableApiFields: 'alpha' },
    },
  });
  assert.is(condition(run), SUCCEEDED);
  assert.equal(steps(run), [
    ['talk', 0, 'Completed'],
    ['listen', 0, 'Completed'],
  ]);
  assert.equal(run.fileWarnings, []);
});

test('taskrun examples audit 87: object defaults keep their keys; StepAction params get task params and step results', () => {
  const run = runTaskRunCaseFile('taskrun-examples-audit-step-action-params.yaml');
  assert.is(condition(run), SUCCEEDED);
  assert.equal(steps(run), [
    ['own-object', 0, 'Completed'],
    ['produce', 0, 'Completed'],
    ['use-action', 0, 'Completed'],
  ]);
  // The resolved step as status.taskSpec shows it: results left for the entrypoint.
  const spec = (run.object.status as { taskSpec: { steps: Record<string, unknown>[] } }).taskSpec;
  assert.is(
    spec.steps[0].script,
    '#!/usr/bin/env bash\n[[ "task-default-a" == task-default-a && "run-b" == run-b ]] || exit 2\n',
  );
  const resolved = spec.steps[2];
  assert.equal(resolved.args, [
    '$(steps.produce.results.many[*])',
    '$(steps.produce.results.many[1])',
  ]);
  assert.equal(resolved.env, [
    { name: 'FIRST', value: 'x' },
    { name: 'A', value: 'task-default-a' },
    { name: 'B', value: 'run-b' },
    { name: 'C', value: 'action-c' },
    { name: 'WORD', value: '$(steps.produce.results.one)' },
  ]);
});

test('taskrun examples audit 88 and 89: eval; an unbound workspace reference in a standalone TaskRun', () => {
  const run = runTaskRunCaseFile('taskrun-examples-audit-eval-and-unbound-workspace.yaml');
  assert.is(condition(run), SUCCEEDED);
  assert.equal(steps(run), [
    ['evaluate', 0, 'Completed'],
    ['only-when-bound', 0, 'Skipped'],
  ]);
  assert.equal(run.prepared.plan.warnings, []);
  assert.is(run.prepared.plan.tasks[0].bindingsError, undefined);
});

test('taskrun examples audit 89: a taskRef of kind `task` runs the namespaced Task and takes its label', () => {
  const run = runTaskRunCaseFile('taskrun-examples-audit-taskref-kind.yaml');
  assert.is(condition(run), SUCCEEDED);
  assert.equal(steps(run), [['write', 0, 'Completed']]);
  assert.equal((run.object.status as { results: unknown }).results, [
    { name: 'answer', type: 'string', value: '42' },
  ]);
  assert.equal((run.object.metadata as { labels: unknown }).labels, {
    'app.kubernetes.io/managed-by': 'tekton-pipelines',
    'tekton.dev/task': 'lower-case-kind',
  });
  assert.equal(run.prepared.plan.warnings, []);
});

test.run();
