// One reconcile of the PipelineRun controller (tekton-semantics 0, "recommended simulator
// loop"). Called by the engine whenever something the controller watches changed: a TaskRun
// became terminal, a deadline passed, spec.status was patched. Readiness is kept
// incrementally (a finished task updates its children's counters), so a reconcile costs the
// tasks it touches, not the size of the DAG.
import { evaluateWhenExpressions } from '../tekton/when.js';
import { substituteParams } from '../tekton/substitute.js';
import { CelError } from '../cel/index.js';
import type { PlanTask } from '../plan/plan.js';
import { pipelineRunCondition, type TaskCounts } from './condition.js';
import type { SchedulerEffects } from './effects.js';
import { expandMatrix } from './matrix.js';
import { runSubstitutionContext, referenceResolves } from './lookup.js';
import { computePipelineResults } from './pipeline-results.js';
import {
  CancelMessage,
  Messages,
  PipelineRunReason,
  SkipReason,
  SpecStatus,
  SUCCEEDED_CONDITION,
  isTimeoutSkip,
} from '../model/reasons.js';
import { dagSkipReason, finallySkipReason, type RunSkipFacts } from './skip.js';
import { buildSkippedTasks } from './skipped-tasks.js';
import { FailureKind, TaskState, type RunState } from './state.js';

export function reconcile(state: RunState, nowMs: number, effects: SchedulerEffects): void {
  if (state.done) return;
  if (state.specStatus === SpecStatus.PipelineRunPending && !state.started) {
    setCondition(
      state,
      nowMs,
      'Unknown',
      PipelineRunReason.PipelineRunPending,
      Messages.pipelineRunPending(state.plan.pipelineRunName),
      effects,
    );
    return;
  }
  if (!state.started) start(state, nowMs, effects);
  if (state.done) return;
  if (state.specStatus === SpecStatus.Cancelled) {
    hardCancel(state, nowMs, effects);
    return;
  }
  if (state.specStatus === SpecStatus.CancelledRunFinally && anyDagTaskRunning(state)) {
    cancelRunning(
      state,
      0,
      state.plan.tasks.length,
      CancelMessage.Cancelled,
      false,
      nowMs,
      effects,
    );
  }
  if (state.tasksTimedOut && !state.finallyStarted) {
    cancelRunning(state, 0, state.plan.dagCount, CancelMessage.TimedOut, true, nowMs, effects);
  } else if (state.finallyTimedOut && state.finallyStarted) {
    cancelRunning(
      state,
      state.plan.dagCount,
      state.plan.tasks.length,
      CancelMessage.TimedOut,
      true,
      nowMs,
      effects,
    );
  }
  scheduleDag(state, nowMs, effects);
  if (state.done) return;
  const dagDone = state.dagDoneCount >= state.finallyStartsAfterDagDone;
  if (!state.finallyStarted && dagDone && state.plan.tasks.length > state.plan.dagCount) {
    startFinally(state, nowMs, effects);
    if (state.done) return;
  }
  if (state.pipelineTimedOut) {
    cancelRunning(state, 0, state.plan.tasks.length, CancelMessage.TimedOut, true, nowMs, effects);
  }
  updateCondition(state, nowMs, effects);
}

function start(state: RunState, nowMs: number, effects: SchedulerEffects): void {
  const { plan } = state;
  state.started = true;
  state.startTimeMs = nowMs;
  effects.note?.({ kind: 'run-started', atMs: nowMs });
  if (plan.startFailure) {
    finish(state, nowMs, 'False', plan.startFailure.reason, plan.startFailure.message, effects);
    return;
  }
  if (plan.timeouts.pipelineMs !== undefined)
    effects.setDeadline('pipeline', nowMs + plan.timeouts.pipelineMs);
  if (plan.timeouts.tasksMs !== undefined)
    effects.setDeadline('tasks', nowMs + plan.timeouts.tasksMs);
  for (let index = 0; index < plan.dagCount; index++) {
    if (state.pendingParents[index] === 0) state.readyQueue.push(index);
  }
}

function runSkipFacts(state: RunState): RunSkipFacts {
  return {
    stopping: state.stopping,
    gracefullyCancelled: state.specStatus === SpecStatus.CancelledRunFinally,
    gracefullyStopped: state.specStatus === SpecStatus.StoppedRunFinally,
    pipelineTimedOut: state.pipelineTimedOut,
    tasksTimedOut: state.tasksTimedOut,
    finallyTimedOut: state.finallyTimedOut,
  };
}

/** Stopping and graceful cancel/stop skip every DAG task not started yet, whatever its parents. */
function globalDagSkip(facts: RunSkipFacts): boolean {
  return facts.stopping || facts.gracefullyCancelled || facts.gracefullyStopped;
}

function scheduleDag(state: RunState, nowMs: number, effects: SchedulerEffects): void {
  const facts = runSkipFacts(state);
  if (globalDagSkip(facts)) {
    skipAllNotStartedDagTasks(state, nowMs, effects);
    return;
  }
  const toCreate: number[] = [];
  // Skipping a task makes its children ready in the same pass, so the queue grows as we go.
  const ready = state.readyQueue;
  for (let position = 0; position < ready.length; position++) {
    const index = ready[position];
    if (state.taskState[index] !== TaskState.NotStarted) continue;
    const reason = evaluateDagSkip(state, index, facts, nowMs, effects);
    if (state.done) return;
    if (reason === undefined) toCreate.push(index);
    else markSkipped(state, index, reason, nowMs, effects);
  }
  ready.length = 0;
  // Result references are checked for every task about to start before any is created: one
  // missing result fails validation and no other DAG task starts in this reconcile (2.6).
  let validationFailed = false;
  for (const index of toCreate) {
    const error = missingResultError(state, state.plan.tasks[index]);
    if (error) {
      validationFailed = true;
      markValidationFailed(state, index, error, nowMs, effects);
    }
  }
  if (validationFailed) {
    skipAllNotStartedDagTasks(state, nowMs, effects);
    return;
  }
  const context = runSubstitutionContext(state, false);
  for (const index of toCreate)
    createTaskRuns(state, state.plan.tasks[index], context, nowMs, effects);
}

function evaluateDagSkip(
  state: RunState,
  index: number,
  facts: RunSkipFacts,
  nowMs: number,
  effects: SchedulerEffects,
): SkipReason | undefined {
  const task = state.plan.tasks[index];
  try {
    return dagSkipReason(facts, {
      parentsDone: state.pendingParents[index] === 0,
      whenPassed: () => whenPassed(state, task, false),
      parentSkippedNotByWhen: () =>
        task.parents.some(
          (parent) =>
            state.taskState[parent] === TaskState.Skipped &&
            state.intrinsicSkip[parent] !== SkipReason.WhenExpressions,
        ),
      missingResultsSkips: () =>
        task.resultReferences.some(
          (reference) =>
            !referenceResolves(state, reference) &&
            (task.onErrorContinue ||
              (reference.producer >= 0 &&
                state.intrinsicSkip[reference.producer] === SkipReason.WhenExpressions)),
        ),
      emptyMatrix: () => hasEmptyMatrix(state, task),
    });
  } catch (error) {
    if (error instanceof CelError) {
      finish(
        state,
        nowMs,
        'False',
        PipelineRunReason.CELEvaluationFailed,
        Messages.celEvaluationFailed(state.plan.pipelineRunName, error.message),
        effects,
      );
      return undefined;
    }
    throw error;
  }
}

function whenPassed(state: RunState, task: PlanTask, withExecutionStatus: boolean): boolean {
  if (task.when.length === 0) return true;
  const outcome = evaluateWhenExpressions(
    task.when,
    runSubstitutionContext(state, withExecutionStatus),
  );
  state.resolvedWhen[task.index] = outcome.resolved;
  return outcome.passed;
}

function hasEmptyMatrix(state: RunState, task: PlanTask): boolean {
  if (!task.hasMatrix) return false;
  const context = runSubstitutionContext(state, task.isFinally);
  return substituteParams(task.pipelineTask.matrix?.params, context).some(
    (param) => Array.isArray(param.value) && param.value.length === 0,
  );
}

/** The validation error for a task whose referenced result a finished producer did not write. */
function missingResultError(state: RunState, task: PlanTask): string | undefined {
  for (const reference of task.resultReferences) {
    if (reference.producer < 0 || referenceResolves(state, reference)) continue;
    return Messages.missingResultValidation(reference.task, reference.result, task.name);
  }
  return undefined;
}

function startFinally(state: RunState, nowMs: number, effects: SchedulerEffects): void {
  const { plan } = state;
  state.finallyStarted = true;
  if (!plan.profile.tasksClockRunsDuringFinally) effects.clearDeadline('tasks');
  const finallyMs = plan.timeouts.finallyMs;
  if (finallyMs !== undefined) {
    // Strict `elapsed > timeout`: a negative derived finally timeout has already passed.
    if (finallyMs < 0) state.finallyTimedOut = true;
    else effects.setDeadline('finally', nowMs + finallyMs);
  }
  const facts = runSkipFacts(state);
  const context = runSubstitutionContext(state, true);
  let anyScheduled = false;
  for (let index = plan.dagCount; index < plan.tasks.length; index++) {
    const task = plan.tasks[index];
    let reason: SkipReason | undefined;
    try {
      reason = finallySkipReason(facts, {
        resultsMissing: () =>
          task.resultReferences.some((reference) => !referenceResolves(state, reference)),
        whenPassed: () => whenPassed(state, task, true),
        emptyMatrix: () => hasEmptyMatrix(state, task),
      });
    } catch (error) {
      if (!(error instanceof CelError)) throw error;
      finish(
        state,
        nowMs,
        'False',
        PipelineRunReason.CELEvaluationFailed,
        Messages.celEvaluationFailed(state.plan.pipelineRunName, error.message),
        effects,
      );
      return;
    }
    // A finally task dropped for missing results does not count as scheduled (2.7).
    if (reason !== SkipReason.MissingResults) anyScheduled = true;
    if (reason === undefined) createTaskRuns(state, task, context, nowMs, effects);
    else markSkipped(state, index, reason, nowMs, effects);
  }
  if (anyScheduled) {
    state.finallyStartTimeMs = nowMs;
    effects.note?.({ kind: 'finally-started', atMs: nowMs });
  }
}

function createTaskRuns(
  state: RunState,
  task: PlanTask,
  context: ReturnType<typeof runSubstitutionContext>,
  nowMs: number,
  effects: SchedulerEffects,
): void {
  const params = substituteParams(task.params, context);
  const combinations = task.hasMatrix ? expandMatrix(task.pipelineTask.matrix, context) : undefined;
  state.taskState[task.index] = TaskState.Running;
  if (!combinations) {
    state.runningTaskRunsOf[task.index] = 1;
    effects.createTaskRun(task.index, -1, params, nowMs);
    return;
  }
  state.runningTaskRunsOf[task.index] = combinations.length;
  // getNewRunNames: a fan-out of one combination is one TaskRun named like an ordinary one.
  if (combinations.length === 1) {
    effects.createTaskRun(task.index, -1, [...params, ...combinations[0]], nowMs);
    return;
  }
  combinations.forEach((combination, matrixIndex) => {
    const matrixParams = [...params, ...combination];
    effects.createTaskRun(task.index, matrixIndex, matrixParams, nowMs, combinations.length);
  });
}

function markSkipped(
  state: RunState,
  index: number,
  reason: SkipReason,
  nowMs: number,
  effects: SchedulerEffects,
): void {
  state.taskState[index] = TaskState.Skipped;
  state.intrinsicSkip[index] = reason;
  state.skippedCount++;
  if (isTimeoutSkip(reason)) {
    if (index < state.plan.dagCount) state.dagTimeoutSkipCount++;
    else state.finallyTimeoutSkipCount++;
  }
  effects.note?.({ kind: 'task-skipped', atMs: nowMs, task: index, reason });
  taskDone(state, index);
}

function markValidationFailed(
  state: RunState,
  index: number,
  message: string,
  nowMs: number,
  effects: SchedulerEffects,
): void {
  state.taskState[index] = TaskState.ValidationFailed;
  state.validationErrors.push(message);
  state.validationFailedCount++;
  state.stopping = true;
  effects.note?.({ kind: 'task-validation-failed', atMs: nowMs, task: index, message });
  taskDone(state, index);
}

/** When stopping or gracefully cancelled/stopped, every DAG task not started is skipped at once. */
function skipAllNotStartedDagTasks(
  state: RunState,
  nowMs: number,
  effects: SchedulerEffects,
): void {
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
    effects.note?.({ kind: 'task-skipped', atMs: nowMs, task: index, reason });
    state.dagDoneCount++;
  }
}

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
    if (!task.isFinally && !task.onErrorContinue) state.stopping = true;
  }
  taskDone(state, index);
}

function anyDagTaskRunning(state: RunState): boolean {
  for (let index = 0; index < state.plan.dagCount; index++) {
    if (state.taskState[index] === TaskState.Running) return true;
  }
  return false;
}

function cancelRunning(
  state: RunState,
  fromIndex: number,
  toIndex: number,
  statusMessage: string,
  forTimeout: boolean,
  nowMs: number,
  effects: SchedulerEffects,
): void {
  for (let index = fromIndex; index < toIndex; index++) {
    if (state.taskState[index] !== TaskState.Running) continue;
    for (const run of state.taskRunsOf[index]) {
      const taskRun = state.taskRuns[run];
      if (!taskRun.terminal && taskRun.cancelStatusMessage === undefined) {
        effects.cancelTaskRun(run, statusMessage, forTimeout, nowMs);
      }
    }
  }
}

function hardCancel(state: RunState, nowMs: number, effects: SchedulerEffects): void {
  // The reconcile returns before recomputing skippedTasks: the list is what it was (4.1).
  state.frozenSkippedTasks = buildSkippedTasks(state);
  cancelRunning(state, 0, state.plan.tasks.length, CancelMessage.Cancelled, false, nowMs, effects);
  // It also returns before pipeline results are applied (4.1, 5.6): a hard-cancelled run has
  // no status.results, and a missing result cannot turn it into CouldntGetPipelineResult.
  finish(
    state,
    nowMs,
    'False',
    PipelineRunReason.Cancelled,
    Messages.pipelineRunCancelled(state.plan.pipelineRunName),
    effects,
    false,
  );
}

export function taskCounts(state: RunState): TaskCounts {
  const globalDag = globalDagSkip(runSkipFacts(state));
  return {
    succeeded: state.succeededCount,
    failed: state.failedCount,
    ignored: state.ignoredCount,
    cancelled: state.cancelledCount,
    validationFailed: state.validationFailedCount,
    skipped: state.skippedCount,
    // A DAG task skipped at the tasks deadline shows "stopping" once anything failed (2.4).
    skippedDueToTimeout:
      (globalDag ? 0 : state.dagTimeoutSkipCount) + state.finallyTimeoutSkipCount,
    incomplete: state.plan.tasks.length - state.dagDoneCount - state.finallyDoneCount,
  };
}

function updateCondition(state: RunState, nowMs: number, effects: SchedulerEffects): void {
  const { plan } = state;
  const finallyCount = plan.tasks.length - plan.dagCount;
  const condition = pipelineRunCondition({
    pipelineRunName: plan.pipelineRunName,
    counts: taskCounts(state),
    validationErrors: state.validationErrors,
    hasFinally: finallyCount > 0,
    allFinallyDone: state.finallyDoneCount === finallyCount,
    pipelineTimedOut: state.pipelineTimedOut,
    tasksTimedOut: state.tasksTimedOut,
    tasksDeadline: plan.profile.tasksDeadline,
    pipelineTimeoutMs: plan.timeouts.pipelineMs,
    tasksTimeoutMs: plan.timeouts.tasksMs,
    gracefullyCancelled: state.specStatus === SpecStatus.CancelledRunFinally,
    gracefullyStopped: state.specStatus === SpecStatus.StoppedRunFinally,
  });
  if (condition.status === 'Unknown') {
    setCondition(state, nowMs, 'Unknown', condition.reason, condition.message, effects);
    return;
  }
  state.frozenSkippedTasks = buildSkippedTasks(state);
  finish(state, nowMs, condition.status, condition.reason, condition.message, effects);
}

function setCondition(
  state: RunState,
  nowMs: number,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  effects: SchedulerEffects,
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
  effects.note?.({ kind: 'condition', atMs: nowMs, status, reason, message });
}

/** The run is done: its status is frozen from here on (0.2), deadlines no longer matter. */
function finish(
  state: RunState,
  nowMs: number,
  status: 'True' | 'False',
  reason: string,
  message: string,
  effects: SchedulerEffects,
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
  setCondition(state, nowMs, status, reason, message, effects);
  state.done = true;
  state.completionTimeMs = nowMs;
  effects.clearDeadline('pipeline');
  effects.clearDeadline('tasks');
  effects.clearDeadline('finally');
  effects.note?.({ kind: 'run-completed', atMs: nowMs, status, reason });
}
