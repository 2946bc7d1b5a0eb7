// What the scheduler is told between reconciles: a TaskRun became terminal, a deadline
// passed, spec.status was patched. The engine calls these with what it observed; each writes
// only the scheduler's own state, and the next reconcile decides what follows.
import { SpecStatus } from '../model/reasons.js';
import type { DeadlineScope } from '../model/trace.js';
import type { PipelineRunSpecStatus } from '../tekton/types.js';
import { recordResultProducer } from './propagated-results.js';
import { FailureKind, TaskState, type RunState } from './state.js';

/** Bookkeeping when a task becomes done: counters, stopping, children's readiness. */
export function taskDone(state: RunState, index: number): void {
  const task = state.plan.tasks[index];
  if (task.isFinally) {
    state.finallyDoneCount++;
    return;
  }
  state.dagDoneCount++;
  for (const child of task.children) {
    if (--state.pendingParents[child] === 0 && state.taskState[child] === TaskState.NotStarted) {
      state.readyQueue.push(child);
    }
  }
}

/**
 * A TaskRun became terminal. When it was the task's last running TaskRun, the task is done:
 * Succeeded if every TaskRun succeeded, else Failed, counted by how it failed (5.1).
 */
export function taskRunTerminal(state: RunState, taskRunIndex: number): void {
  const taskRun = state.taskRuns[taskRunIndex];
  const index = taskRun.taskIndex;
  if (--state.runningTaskRunsOf[index] > 0) return;
  const task = state.plan.tasks[index];
  let allSucceeded = true;
  let kind: FailureKind = FailureKind.None;
  for (const run of state.taskRunsOf[index]) {
    const record = state.taskRuns[run];
    if (record.succeeded) continue;
    allSucceeded = false;
    const runKind = record.cancelledForTimeout
      ? FailureKind.CancelledForTimeout
      : record.cancelStatusMessage !== undefined
        ? FailureKind.Cancelled
        : FailureKind.Failed;
    if (runKind > kind) kind = runKind;
  }
  if (allSucceeded) {
    state.taskState[index] = TaskState.Succeeded;
    state.succeededCount++;
  } else {
    state.taskState[index] = TaskState.Failed;
    state.failureKind[index] = kind;
    if (kind === FailureKind.CancelledForTimeout) state.failedCount++;
    else if (kind === FailureKind.Cancelled) state.cancelledCount++;
    else if (task.onErrorContinue) state.ignoredCount++;
    else state.failedCount++;
    if (!task.isFinally && !task.onErrorContinue) {
      state.stopping = true;
      state.stoppingForFailure = true;
    }
  }
  recordResultProducer(state, index);
  taskDone(state, index);
}

export function deadlinePassed(state: RunState, scope: DeadlineScope): void {
  if (scope === 'pipeline') state.pipelineTimedOut = true;
  else if (scope === 'tasks') state.tasksTimedOut = true;
  else state.finallyTimedOut = true;
}

/** Once started, a run cannot become Pending again (4.4); a done run takes no patch. */
export function specStatusPatched(state: RunState, status: '' | PipelineRunSpecStatus): void {
  if (status === SpecStatus.PipelineRunPending && state.started) return;
  if (!state.done) state.specStatus = status;
}
