// The skip decision as pure functions (tekton-semantics 2.4), with the reconciler states of
// TestIsSkipped (conformance C11, C12, C13, C14) and finally skips (C31, C35).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  dagSkipReason,
  finallySkipReason,
  type DagTaskSkipFacts,
  type FinallyTaskSkipFacts,
  type RunSkipFacts,
} from '../../src/scheduler/skip.js';
import { SkipReason } from '../../src/model/reasons.js';

const running: RunSkipFacts = {
  stopping: false,
  gracefullyCancelled: false,
  gracefullyStopped: false,
  pipelineTimedOut: false,
  tasksTimedOut: false,
  finallyTimedOut: false,
};

function dagTask(
  overrides: Partial<{
    parentsDone: boolean;
    when: boolean;
    parentSkipped: boolean;
    missing: boolean;
    empty: boolean;
  }> = {},
): DagTaskSkipFacts {
  const facts = {
    parentsDone: true,
    when: true,
    parentSkipped: false,
    missing: false,
    empty: false,
    ...overrides,
  };
  return {
    parentsDone: facts.parentsDone,
    whenPassed: () => facts.when,
    parentSkippedNotByWhen: () => facts.parentSkipped,
    missingResultsSkips: () => facts.missing,
    emptyMatrix: () => facts.empty,
  };
}

function finallyTask(
  overrides: Partial<{ missing: boolean; when: boolean; empty: boolean }> = {},
): FinallyTaskSkipFacts {
  const facts = { missing: false, when: true, empty: false, ...overrides };
  return {
    resultsMissing: () => facts.missing,
    whenPassed: () => facts.when,
    emptyMatrix: () => facts.empty,
  };
}

test('scheduler: skip: C11 a failure anywhere skips a task whose only parent is still running', () => {
  // mytask1 failed, mytask6 running, mytask7 runAfter mytask6.
  assert.is(
    dagSkipReason({ ...running, stopping: true }, dagTask({ parentsDone: false })),
    SkipReason.Stopping,
  );
  assert.is(dagSkipReason(running, dagTask({ parentsDone: false })), undefined);
});

test('scheduler: skip: C12 parent failed, cancelled or grandparent failed: stopping for every not-started task', () => {
  const stopping = { ...running, stopping: true };
  assert.is(dagSkipReason(stopping, dagTask()), SkipReason.Stopping);
  assert.is(dagSkipReason(stopping, dagTask({ parentSkipped: true })), SkipReason.Stopping);
  // Stopping outranks the task's own when expression (2.4 rule 1 before rule 4; C01).
  assert.is(dagSkipReason(stopping, dagTask({ when: false })), SkipReason.Stopping);
});

test('scheduler: skip: C13 timeout-based skips apply once parents are done', () => {
  // Start 5 m ago, tasks timeout 4 m: the not-started root is skipped, the running one is not ours to skip.
  assert.is(
    dagSkipReason({ ...running, tasksTimedOut: true }, dagTask()),
    SkipReason.TasksTimedOut,
  );
  assert.is(
    dagSkipReason({ ...running, pipelineTimedOut: true }, dagTask()),
    SkipReason.PipelineTimedOut,
  );
  assert.is(
    dagSkipReason({ ...running, pipelineTimedOut: true, tasksTimedOut: true }, dagTask()),
    SkipReason.PipelineTimedOut,
  );
  // 10 m timeouts: nothing passed, nothing skipped.
  assert.is(dagSkipReason(running, dagTask()), undefined);
  // Parent still running: timeouts do not skip (items 4, 6, 7, 8 need parents done).
  assert.is(
    dagSkipReason({ ...running, tasksTimedOut: true }, dagTask({ parentsDone: false })),
    undefined,
  );
});

test('scheduler: skip: C14 an empty matrix array is the last DAG rule', () => {
  assert.is(dagSkipReason(running, dagTask({ empty: true })), SkipReason.EmptyArrayInMatrixParams);
  assert.is(
    dagSkipReason({ ...running, tasksTimedOut: true }, dagTask({ empty: true })),
    SkipReason.TasksTimedOut,
  );
});

test('scheduler: skip: DAG priority order of 2.4', () => {
  const all = dagTask({ when: false, parentSkipped: true, missing: true, empty: true });
  const everything = {
    ...running,
    stopping: true,
    gracefullyCancelled: true,
    gracefullyStopped: true,
    pipelineTimedOut: true,
    tasksTimedOut: true,
  };
  assert.is(dagSkipReason(everything, all), SkipReason.Stopping);
  assert.is(dagSkipReason({ ...everything, stopping: false }, all), SkipReason.GracefullyCancelled);
  assert.is(
    dagSkipReason({ ...everything, stopping: false, gracefullyCancelled: false }, all),
    SkipReason.GracefullyStopped,
  );
  const timedOut = { ...running, pipelineTimedOut: true, tasksTimedOut: true };
  assert.is(dagSkipReason(timedOut, all), SkipReason.WhenExpressions);
  assert.is(
    dagSkipReason(timedOut, dagTask({ parentSkipped: true, missing: true })),
    SkipReason.ParentTasks,
  );
  assert.is(dagSkipReason(timedOut, dagTask({ missing: true })), SkipReason.MissingResults);
  // Graceful modes do not look at parents (items 1-3).
  assert.is(
    dagSkipReason({ ...running, gracefullyCancelled: true }, dagTask({ parentsDone: false })),
    SkipReason.GracefullyCancelled,
  );
  assert.is(
    dagSkipReason({ ...running, gracefullyStopped: true }, dagTask({ parentsDone: false })),
    SkipReason.GracefullyStopped,
  );
});

test('scheduler: skip: finally order of 2.4; stopping and graceful modes never skip finally', () => {
  const everything = {
    ...running,
    stopping: true,
    gracefullyCancelled: true,
    gracefullyStopped: true,
  };
  assert.is(finallySkipReason(everything, finallyTask()), undefined);
  assert.is(
    finallySkipReason(running, finallyTask({ missing: true, when: false })),
    SkipReason.MissingResults,
  );
  assert.is(
    finallySkipReason({ ...running, pipelineTimedOut: true }, finallyTask({ when: false })),
    SkipReason.WhenExpressions,
  );
  assert.is(
    finallySkipReason({ ...running, pipelineTimedOut: true, finallyTimedOut: true }, finallyTask()),
    SkipReason.PipelineTimedOut,
  );
  // C35: finaltask-2 not created when the finally deadline has passed.
  assert.is(
    finallySkipReason({ ...running, finallyTimedOut: true }, finallyTask({ empty: true })),
    SkipReason.FinallyTimedOut,
  );
  assert.is(
    finallySkipReason(running, finallyTask({ empty: true })),
    SkipReason.EmptyArrayInMatrixParams,
  );
  // The tasks deadline does not skip finally tasks (they run after it, 3.6).
  assert.is(finallySkipReason({ ...running, tasksTimedOut: true }, finallyTask()), undefined);
});

test('scheduler: skip: v0.40 checks a skipped parent and missing results before when', () => {
  const order = ['parentSkipped', 'missingResults', 'when'] as const;
  const task = dagTask({ when: false, parentSkipped: true });
  assert.is(dagSkipReason(running, task), SkipReason.WhenExpressions);
  assert.is(dagSkipReason(running, task, order), SkipReason.ParentTasks);
});

test.run();
