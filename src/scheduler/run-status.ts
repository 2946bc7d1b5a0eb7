// What a reconcile writes of the run's own status: the task counts and the Succeeded
// condition (as GetPipelineConditionStatus words it), the end of the run with its pipeline
// results, and the commands that note an event or set and clear a deadline.
import { pipelineRunCondition, type TaskCounts } from './condition.js';
import type { DeadlineScope, SchedulerNote } from '../model/trace.js';
import { computePipelineResults } from './pipeline-results.js';
import { Messages, PipelineRunReason, SpecStatus, SUCCEEDED_CONDITION } from '../model/reasons.js';
import { buildSkippedTasks, provisionalParentSkipCount } from './skipped-tasks.js';
import { globalDagSkip, runSkipFacts } from './skip-queries.js';
import type { RunState } from './state.js';

export function taskCounts(state: RunState): TaskCounts {
  const globalDag = globalDagSkip(runSkipFacts(state));
  // Tasks Tekton already counts as skipped while one of their parents still runs; while any
  // is left the run is incomplete, so only the running message's counts change.
  const provisional = provisionalParentSkipCount(state);
  return {
    succeeded: state.succeededCount,
    failed: state.failedCount,
    ignored: state.ignoredCount,
    cancelled: state.cancelledCount,
    validationFailed: state.validationFailedCount,
    skipped: state.skippedCount + provisional,
    // A DAG task skipped at the tasks deadline shows "stopping" once anything failed (2.4).
    skippedDueToTimeout:
      (globalDag ? 0 : state.dagTimeoutSkipCount) + state.finallyTimeoutSkipCount,
    incomplete: state.plan.tasks.length - state.dagDoneCount - state.finallyDoneCount - provisional,
  };
}

export function updateCondition(state: RunState, nowMs: number): void {
  const { plan } = state;
  state.childReferencesWrittenIn = state.reconcileCount;
  const finallyCount = plan.tasks.length - plan.dagCount;
  const condition = pipelineRunCondition({
    pipelineRunName: plan.pipelineRunName,
    counts: taskCounts(state),
    validationErrors: validationErrorsByTaskName(state),
    hasFinally: finallyCount > 0,
    // checkFinalTasksDone: a skipped finally task is never done (tekton-semantics 3.6.4).
    allFinallyDone: state.finallyDoneCount === finallyCount && state.finallySkippedCount === 0,
    pipelineTimedOut: state.pipelineTimedOut,
    tasksTimedOut: state.tasksTimedOut,
    tasksDeadline: plan.profile.tasksDeadline,
    pipelineTimeoutMs: plan.timeouts.pipelineMs,
    tasksTimeoutMs: plan.timeouts.tasksMs,
    gracefullyCancelled: state.specStatus === SpecStatus.CancelledRunFinally,
    gracefullyStopped: state.specStatus === SpecStatus.StoppedRunFinally,
  });
  if (condition.status === 'Unknown') {
    setCondition(state, nowMs, 'Unknown', condition.reason, condition.message);
    return;
  }
  state.frozenSkippedTasks = buildSkippedTasks(state);
  finish(state, nowMs, condition.status, condition.reason, condition.message);
}

/** ValidationFailedErrors in task-name order, as GetPipelineConditionStatus sorts its keys. */
function validationErrorsByTaskName(state: RunState): string[] {
  if (state.validationFailedCount === 0) return [];
  const failed = state.plan.tasks.filter((task) => state.validationErrorOf[task.index]);
  failed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return failed.map((task) => state.validationErrorOf[task.index] ?? '');
}

export function setCondition(
  state: RunState,
  nowMs: number,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
): void {
  const current = state.condition;
  if (current.status === status && current.reason === reason && current.message === message) return;
  state.condition = {
    type: SUCCEEDED_CONDITION,
    status,
    reason,
    message,
    lastTransitionTimeMs: nowMs,
  };
  note(state, { kind: 'condition', atMs: nowMs, status, reason, message });
}

/** The run is done: its status is frozen from here on (0.2), deadlines no longer matter. */
export function finish(
  state: RunState,
  nowMs: number,
  status: 'True' | 'False',
  reason: string,
  message: string,
  applyPipelineResults = true,
): void {
  state.frozenSkippedTasks ??= buildSkippedTasks(state);
  const results = applyPipelineResults
    ? computePipelineResults(state)
    : { values: [], missing: [] };
  state.results = results.values;
  if (results.missing.length > 0) {
    status = 'False';
    reason = PipelineRunReason.CouldntGetPipelineResult;
    message = Messages.missingPipelineResults(state.plan.pipelineRunName, results.missing);
  }
  setCondition(state, nowMs, status, reason, message);
  state.done = true;
  state.completionTimeMs = nowMs;
  clearDeadline(state, 'pipeline');
  clearDeadline(state, 'tasks');
  clearDeadline(state, 'finally');
  note(state, { kind: 'run-completed', atMs: nowMs, status, reason });
}

export function note(state: RunState, event: SchedulerNote): void {
  state.commands.push({ kind: 'note', note: event });
}

export function setDeadline(state: RunState, scope: DeadlineScope, atMs: number): void {
  state.commands.push({ kind: 'set-deadline', scope, atMs });
}

export function clearDeadline(state: RunState, scope: DeadlineScope): void {
  state.commands.push({ kind: 'clear-deadline', scope });
}
