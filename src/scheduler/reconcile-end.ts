// The end of a reconcile, after its TaskRun creates went out. Tekton reads its clock again
// there (tektoncd/pipeline v1.15.0 pkg/reconciler/pipelinerun/pipelinerun.go `reconcile`:
// `HasTimedOut` right after `runNextSchedulableTask`, then `GetPipelineConditionStatus`), so a
// deadline that passed while the reconcile's own creates waited for the client's rate limiter
// is acted on by that same reconcile, before its status is written. The engine calls this
// only when a deadline passed since the reconcile began; the scheduler's flags say which.
import { CancelMessage } from '../model/reasons.js';
import type { SchedulerCommand } from './commands.js';
import { updateCondition } from './run-status.js';
import { TaskState, type RunState } from './state.js';

/** What the reconcile in progress does at its end, as commands (the state's one buffer). */
export function reconcileEnd(state: RunState, nowMs: number): readonly SchedulerCommand[] {
  state.commands.length = 0;
  if (state.done || !state.started) return state.commands;
  if (state.pipelineTimedOut) {
    cancelListedAtStart(state);
    updateCondition(state, nowMs);
  } else if (state.tasksTimedOut && !state.finallyStarted) {
    // GetPipelineConditionStatus ends the run when there is no finally to run; the cancels of
    // the tasks deadline come before the creates, so none goes out now, and a run this ends is
    // never reconciled again (ReconcileKind returns early for a done run).
    updateCondition(state, nowMs);
  }
  return state.commands;
}

/**
 * timeoutPipelineRun patches the TaskRuns of the run's status.childReferences, which the
 * reconcile filled from the informer at its start: a TaskRun this reconcile created is not
 * among them, and the run it ends leaves it running.
 */
function cancelListedAtStart(state: RunState): void {
  for (let index = 0; index < state.plan.tasks.length; index++) {
    if (state.taskState[index] !== TaskState.Running) continue;
    if (state.createdInReconcile[index] === state.reconcileCount) continue;
    for (const run of state.taskRunsOf[index]) {
      const taskRun = state.taskRuns[run];
      if (taskRun.terminal || taskRun.cancelStatusMessage !== undefined) continue;
      if (state.cancelStamp[run] === state.reconcileCount) continue;
      state.cancelStamp[run] = state.reconcileCount;
      state.commands.push({
        kind: 'cancel-taskrun',
        taskRun: run,
        statusMessage: CancelMessage.TimedOut,
        forTimeout: true,
      });
    }
  }
}
