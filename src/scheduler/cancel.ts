// Stopping the run's tasks: every DAG task not started skipped at once (a failure, a graceful
// cancel or stop), cancel requests for running TaskRuns, and the hard cancel that ends the run.
import { CancelMessage, Messages, PipelineRunReason, SkipReason } from '../model/reasons.js';
import { buildSkippedTasks } from './skipped-tasks.js';
import { runSkipFacts } from './skip-queries.js';
import { finish, note } from './run-status.js';
import { TaskState, type RunState } from './state.js';

/** When stopping or gracefully cancelled/stopped, every DAG task not started is skipped at once. */
export function skipAllNotStartedDagTasks(state: RunState, nowMs: number): void {
  state.readyQueue.length = 0;
  const facts = runSkipFacts(state);
  const reason = facts.stopping
    ? SkipReason.Stopping
    : facts.gracefullyCancelled
      ? SkipReason.GracefullyCancelled
      : SkipReason.GracefullyStopped;
  for (let index = 0; index < state.plan.dagCount; index++) {
    if (state.taskState[index] !== TaskState.NotStarted) continue;
    state.taskState[index] = TaskState.Skipped;
    state.skippedCount++;
    note(state, { kind: 'task-skipped', atMs: nowMs, task: index, reason });
    state.dagDoneCount++;
  }
}

export function anyDagTaskRunning(state: RunState): boolean {
  for (let index = 0; index < state.plan.dagCount; index++) {
    if (state.taskState[index] === TaskState.Running) return true;
  }
  return false;
}

export function cancelRunning(
  state: RunState,
  fromIndex: number,
  toIndex: number,
  statusMessage: string,
  forTimeout: boolean,
): void {
  for (let index = fromIndex; index < toIndex; index++) {
    if (state.taskState[index] !== TaskState.Running) continue;
    for (const run of state.taskRunsOf[index]) {
      const taskRun = state.taskRuns[run];
      // A TaskRun asked to cancel earlier in this reconcile has no statusMessage yet (the
      // engine patches it after the reconcile), so the stamp keeps the first request only.
      if (
        !taskRun.terminal &&
        taskRun.cancelStatusMessage === undefined &&
        state.cancelStamp[run] !== state.reconcileCount
      ) {
        state.cancelStamp[run] = state.reconcileCount;
        state.commands.push({ kind: 'cancel-taskrun', taskRun: run, statusMessage, forTimeout });
      }
    }
  }
}

export function hardCancel(state: RunState, nowMs: number): void {
  // The reconcile returns before recomputing skippedTasks: the list is what the previous
  // reconcile wrote (4.1), read with that reconcile's stopping and spec.status.
  state.frozenSkippedTasks = buildSkippedTasks(state, state.lastReconciledSkipFacts);
  cancelRunning(state, 0, state.plan.tasks.length, CancelMessage.Cancelled, false);
  // It also returns before pipeline results are applied (4.1, 5.6): a hard-cancelled run has
  // no status.results, and a missing result cannot turn it into CouldntGetPipelineResult.
  finish(
    state,
    nowMs,
    'False',
    PipelineRunReason.Cancelled,
    Messages.pipelineRunCancelled(state.plan.pipelineRunName),
    false,
  );
}
