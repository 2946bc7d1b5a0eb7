// The PipelineRun condition as a pure function (tekton-semantics 5.1), with the reconciler
// states of the conformance cases C22, C26, C29, C30, C35, C51.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  pipelineRunCondition,
  type ConditionFacts,
  type TaskCounts,
} from '../../src/scheduler/condition.js';

const zero: TaskCounts = {
  succeeded: 0,
  failed: 0,
  ignored: 0,
  cancelled: 0,
  validationFailed: 0,
  skipped: 0,
  skippedDueToTimeout: 0,
  incomplete: 0,
};

function facts(counts: Partial<TaskCounts>, more: Partial<ConditionFacts> = {}): ConditionFacts {
  return {
    pipelineRunName: 'pr',
    counts: { ...zero, ...counts },
    validationErrors: [],
    hasFinally: false,
    allFinallyDone: true,
    pipelineTimedOut: false,
    tasksTimedOut: false,
    tasksDeadline: 'run-finally',
    gracefullyCancelled: false,
    gracefullyStopped: false,
    ...more,
  };
}

const text = (result: ReturnType<typeof pipelineRunCondition>) =>
  `${result.status}/${result.reason}: ${result.message}`;

test('scheduler: condition: C22 an ignored failure succeeds with (Ignored: 1)', () => {
  assert.is(
    text(pipelineRunCondition(facts({ succeeded: 1, ignored: 1 }))),
    'True/Succeeded: Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 0',
  );
  assert.is(
    text(pipelineRunCondition(facts({ succeeded: 1, ignored: 1, skipped: 1 }))),
    'True/Completed: Tasks Completed: 2 (Failed: 1 (Ignored: 1), Cancelled 0), Skipped: 1',
  );
});

test('scheduler: condition: C26 a task between attempts is incomplete: Running', () => {
  assert.is(
    text(pipelineRunCondition(facts({ incomplete: 1 }))),
    'Unknown/Running: Tasks Completed: 0 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0',
  );
});

test('scheduler: condition: C29 with finally tasks', () => {
  // DAG ok + finally failed.
  assert.is(
    text(pipelineRunCondition(facts({ succeeded: 1, failed: 1 }, { hasFinally: true }))),
    'False/Failed: Tasks Completed: 2 (Failed: 1, Cancelled 0), Skipped: 0',
  );
  // DAG failed + finally not started: Running, not PipelineRunStopping (2.3).
  assert.is(
    text(
      pipelineRunCondition(
        facts({ failed: 1, incomplete: 1 }, { hasFinally: true, allFinallyDone: false }),
      ),
    ),
    'Unknown/Running: Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 0',
  );
  // Without finally the same is PipelineRunStopping.
  assert.is(
    pipelineRunCondition(facts({ failed: 1, incomplete: 1 })).reason,
    'PipelineRunStopping',
  );
  // DAG failed + finally failed; DAG failed + finally skipped.
  assert.is(
    text(pipelineRunCondition(facts({ failed: 2 }, { hasFinally: true }))),
    'False/Failed: Tasks Completed: 2 (Failed: 2, Cancelled 0), Skipped: 0',
  );
  assert.is(
    text(pipelineRunCondition(facts({ failed: 1, skipped: 1 }, { hasFinally: true }))),
    'False/Failed: Tasks Completed: 1 (Failed: 1, Cancelled 0), Skipped: 1',
  );
});

test('scheduler: condition: C30 tasks deadline with finally', () => {
  const timedOut = {
    hasFinally: true,
    tasksTimedOut: true,
    tasksTimeoutMs: 60_000,
    pipelineTimeoutMs: 120_000,
  };
  // DAG task cancelled for timeout (Failed), finally not started.
  assert.is(
    text(
      pipelineRunCondition(
        facts({ failed: 1, incomplete: 1 }, { ...timedOut, allFinallyDone: false }),
      ),
    ),
    'Unknown/PipelineRunTimeoutRunningFinally: Tasks Completed: 1 (Failed: 1, Cancelled 0), Incomplete: 1, Skipped: 0',
  );
  // Finally succeeded: still PipelineRunTimeout.
  assert.is(
    text(pipelineRunCondition(facts({ failed: 1, succeeded: 1 }, timedOut))),
    'False/PipelineRunTimeout: PipelineRun "pr" failed due to tasks failed to finish within "1m0s"',
  );
  // DAG running, no finally tasks: PipelineRunTimeout at once.
  assert.is(
    text(pipelineRunCondition(facts({ incomplete: 1 }, { ...timedOut, hasFinally: false }))),
    'False/PipelineRunTimeout: PipelineRun "pr" failed due to tasks failed to finish within "1m0s"',
  );
  // The pipeline deadline is checked first.
  assert.is(
    text(pipelineRunCondition(facts({ incomplete: 1 }, { ...timedOut, pipelineTimedOut: true }))),
    'False/PipelineRunTimeout: PipelineRun "pr" failed to finish within "2m0s"',
  );
});

test('scheduler: condition: C35 finally deadline: no dedicated branch, Failed once the cancelled finally is done', () => {
  assert.is(
    text(
      pipelineRunCondition(
        facts({ succeeded: 1, incomplete: 1 }, { hasFinally: true, allFinallyDone: false }),
      ),
    ),
    'Unknown/Running: Tasks Completed: 1 (Failed: 0, Cancelled 0), Incomplete: 1, Skipped: 0',
  );
  assert.is(
    pipelineRunCondition(facts({ succeeded: 1, failed: 1 }, { hasFinally: true })).reason,
    'Failed',
  );
  // A finally task skipped for the finally timeout fails the run too (SkippedDueToTimeout).
  assert.is(
    text(
      pipelineRunCondition(
        facts({ succeeded: 1, skipped: 1, skippedDueToTimeout: 1 }, { hasFinally: true }),
      ),
    ),
    'False/Failed: Tasks Completed: 1 (Failed: 0, Cancelled 0), Skipped: 1',
  );
});

test('scheduler: condition: section 4 graceful cancel and stop', () => {
  assert.is(
    pipelineRunCondition(facts({ incomplete: 1 }, { gracefullyCancelled: true })).reason,
    'CancelledRunningFinally',
  );
  assert.is(
    pipelineRunCondition(facts({ incomplete: 1 }, { gracefullyStopped: true })).reason,
    'StoppedRunningFinally',
  );
  assert.is(
    text(
      pipelineRunCondition(
        facts({ cancelled: 1, skipped: 1, succeeded: 1 }, { gracefullyCancelled: true }),
      ),
    ),
    'False/Cancelled: PipelineRun "pr" was cancelled',
  );
  assert.is(
    text(pipelineRunCondition(facts({ skipped: 2 }, { gracefullyStopped: true }))),
    'False/Cancelled: PipelineRun "pr" was cancelled',
  );
  assert.is(
    pipelineRunCondition(facts({ failed: 1 }, { gracefullyStopped: true })).reason,
    'Failed',
  );
  // A user-cancelled TaskRun without graceful mode: Cancelled with the counts message.
  assert.is(
    text(pipelineRunCondition(facts({ cancelled: 1 }))),
    'False/Cancelled: Tasks Completed: 1 (Failed: 0, Cancelled 1), Skipped: 0',
  );
  assert.is(
    pipelineRunCondition(facts({ cancelled: 1, incomplete: 1 })).reason,
    'PipelineRunStopping',
  );
});

test('scheduler: condition: C05 validation failures first, with their messages', () => {
  assert.is(
    text(
      pipelineRunCondition(
        facts({ succeeded: 2, validationFailed: 1, failed: 1 }, { validationErrors: ['e1'] }),
      ),
    ),
    'False/PipelineValidationFailed: Tasks Completed: 3 (Failed: 1, Cancelled 0), Skipped: 0, Failed Validation: 1 (e1)',
  );
});

test('scheduler: condition: validation errors are cut at 1024 characters, marked with "..."', () => {
  const errors = ['a'.repeat(600), 'b'.repeat(600)];
  const { message } = pipelineRunCondition(
    facts({ succeeded: 1, validationFailed: 2 }, { validationErrors: errors }),
  );
  // 600 + "; " + 422 = 1024 characters kept.
  assert.ok(message.endsWith(`Failed Validation: 2 (${'a'.repeat(600)}; ${'b'.repeat(422)}...)`));
});

test('scheduler: condition: profiles: v1.12 fails at once; v0.40 ignores the tasks deadline in the condition', () => {
  const timedOut = {
    hasFinally: true,
    allFinallyDone: false,
    tasksTimedOut: true,
    tasksTimeoutMs: 10_000,
  };
  assert.is(
    pipelineRunCondition(facts({ incomplete: 2 }, { ...timedOut, tasksDeadline: 'fail-at-once' }))
      .reason,
    'PipelineRunTimeout',
  );
  assert.is(
    pipelineRunCondition(
      facts({ incomplete: 2 }, { ...timedOut, tasksDeadline: 'run-finally-then-failed' }),
    ).reason,
    'Running',
  );
  assert.is(
    pipelineRunCondition(
      facts(
        { failed: 1, succeeded: 1 },
        { ...timedOut, allFinallyDone: true, tasksDeadline: 'run-finally-then-failed' },
      ),
    ).reason,
    'Failed',
  );
});

test.run();
