import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcome, runCaseFile } from './harness.js';

interface KubectlStep {
  name: string;
  container: string;
  terminated?: { exitCode: number; reason: string; startedAt: string; finishedAt: string };
}

function kubectlSteps(json: string): KubectlStep[] {
  const list = JSON.parse(json) as { items: { kind: string; status: { steps?: KubectlStep[] } }[] };
  const taskRun = list.items.find((item) => item.kind === 'TaskRun');
  return taskRun?.status.steps ?? [];
}

test('conformance: C70 steps run their StepActions with params, defaults and a result', () => {
  const run = runCaseFile('C70-step-actions.yaml');
  assert.is(outcome(run.view), 'True/Succeeded');
  const taskRun = run.taskRun('greet');
  // The step's param names the Task's param; `line`'s default names `greeting` and `who`.
  assert.equal(taskRun.results, [{ name: 'message', value: 'hello, world' }]);
  // say sleeps its default 2 s, nap the 3 s its step gives, the unloaded one takes no time.
  assert.is(taskRun.completionTimeMs, 6000);
  const steps = kubectlSteps(run.json).map((step) => [
    step.name,
    step.container,
    step.terminated?.reason,
    step.terminated?.startedAt,
    step.terminated?.finishedAt,
  ]);
  assert.equal(steps, [
    ['say', 'step-say', 'Completed', '2000-01-01T00:00:00Z', '2000-01-01T00:00:02Z'],
    ['nap', 'step-nap', 'Completed', '2000-01-01T00:00:02Z', '2000-01-01T00:00:05Z'],
    ['elsewhere', 'step-elsewhere', 'Completed', '2000-01-01T00:00:05Z', '2000-01-01T00:00:05Z'],
    ['done', 'step-done', 'Completed', '2000-01-01T00:00:05Z', '2000-01-01T00:00:06Z'],
  ]);
});

test('step actions: one not among the loaded files is a note, and its step takes no time', () => {
  const run = runCaseFile('C70-step-actions.yaml');
  const notes = run.prepared.diagnostics.filter((d) => d.message.includes('not-loaded'));
  assert.equal(
    notes.map((d) => [d.severity, d.message, d.fieldPath, d.location?.line]),
    [
      [
        'note',
        'pipeline task "greet" step "elsewhere": StepAction "not-loaded" not among the loaded files (loaded StepActions: greet, wait); the simulator runs the step as an unknown command taking no time',
        'spec.steps[2].ref.name',
        63,
      ],
    ],
  );
});
test.run();
