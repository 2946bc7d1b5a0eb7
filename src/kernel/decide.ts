// The PipelineRun controller's reconcile (scheduler/reconcile.ts) for what the kernel accepts:
// no when expressions, matrix, results, validation failures or spec.status patches. The
// commands the reference returns are carried out here as they are decided, in the same order:
// the fleet carries them out right after the reconcile, before anything else can happen.
import { PipelineRunReason } from '../model/reasons.js';
import type { Kernel } from './compile.js';
import { Call, Failure, Scope, Skip, Status, Task, type KernelState } from './state.js';

/** What the reconcile needs from the loop around it (run.ts). */
export interface SchedulerHost {
  readonly state: KernelState;
  readonly kernel: Kernel;
  pushCall(kind: number, arg: number, forTimeout: number): void;
  setDeadline(scope: number, atMs: number, nowMs: number): void;
  clearDeadline(scope: number): void;
  lastDagDoneMs(): number;
}

export function decide(runner: SchedulerHost, nowMs: number, startedAtMs: number): void {
  const { state, kernel } = runner;
  if (state.done) return;
  if (!state.started) start(runner, nowMs, startedAtMs);
  noticeTasksDeadlineDuringFinally(runner, nowMs);
  if (state.tasksTimedOut && !state.finallyStarted) cancelRunning(runner, 0, kernel.dagCount);
  else if (state.finallyTimedOut && state.finallyStarted)
    cancelRunning(runner, kernel.dagCount, kernel.taskCount);
  scheduleDag(runner, nowMs);
  if (
    !state.finallyStarted &&
    state.dagDoneCount >= kernel.dagCount &&
    kernel.taskCount > kernel.dagCount
  )
    startFinally(runner, nowMs);
  if (state.pipelineTimedOut) cancelRunning(runner, 0, kernel.taskCount);
  updateCondition(runner, nowMs);
}

/**
 * scheduler/reconcile-end.ts: the reconcile's creates have gone out and a deadline passed
 * meanwhile; the pipeline deadline cancels the TaskRuns decided before this reconcile and
 * ends the run, the tasks deadline ends it when there is no finally to run.
 */
export function decideEnd(runner: SchedulerHost, nowMs: number): void {
  const { state, kernel } = runner;
  if (state.done || !state.started) return;
  if (state.pipelineTimedOut) {
    for (let task = 0; task < kernel.taskCount; task++) {
      if (state.taskState[task] !== Task.Running) continue;
      const taskRun = state.taskRunOf[task];
      if (taskRun < 0 || state.trDecidedIn[taskRun] === state.reconcileCount) continue;
      cancelForDeadline(runner, taskRun);
    }
    updateCondition(runner, nowMs);
  } else if (state.tasksTimedOut && !state.finallyStarted) updateCondition(runner, nowMs);
}

/** scheduler/reconcile.ts start: startTime and the deadlines count from `startedAtMs`. */
function start(runner: SchedulerHost, nowMs: number, startedAtMs: number): void {
  const { state, kernel } = runner;
  state.started = true;
  state.startTimeMs = startedAtMs;
  if (!Number.isNaN(kernel.pipelineTimeoutMs))
    runner.setDeadline(Scope.Pipeline, startedAtMs + kernel.pipelineTimeoutMs, nowMs);
  if (!Number.isNaN(kernel.tasksTimeoutMs))
    runner.setDeadline(Scope.Tasks, startedAtMs + kernel.tasksTimeoutMs, nowMs);
  // Nothing is done before the first reconcile: the tasks ready now are the roots.
  const roots = kernel.roots;
  for (let at = 0; at < roots.length; at++) state.readyQueue[state.readyLength++] = roots[at];
}

/** With #10512 the tasks deadline is noticed by whichever reconcile comes after it during finally. */
function noticeTasksDeadlineDuringFinally(runner: SchedulerHost, nowMs: number): void {
  const { state, kernel } = runner;
  const tasksMs = kernel.tasksTimeoutMs;
  if (
    state.finallyStarted &&
    !state.tasksTimedOut &&
    kernel.profile.tasksClockRunsDuringFinally &&
    tasksMs > 0 &&
    nowMs - state.startTimeMs > tasksMs
  )
    state.tasksTimedOut = true;
}

/** Cancel calls, for a deadline, for the running TaskRuns of tasks [from, to). */
function cancelRunning(runner: SchedulerHost, from: number, to: number): void {
  const state = runner.state;
  for (let task = from; task < to; task++) {
    if (state.taskState[task] !== Task.Running) continue;
    const taskRun = state.taskRunOf[task];
    if (taskRun >= 0) cancelForDeadline(runner, taskRun);
  }
}

/** One cancel call for a deadline, unless the TaskRun ended, was asked, or is asked already. */
function cancelForDeadline(runner: SchedulerHost, taskRun: number): void {
  const state = runner.state;
  if (
    state.trTerminal[taskRun] === 0 &&
    state.trCancelRequested[taskRun] === 0 &&
    state.trCancelStamp[taskRun] !== state.reconcileCount
  ) {
    state.trCancelStamp[taskRun] = state.reconcileCount;
    runner.pushCall(Call.Cancel, taskRun, 1);
  }
}

function scheduleDag(runner: SchedulerHost, nowMs: number): void {
  const state = runner.state;
  if (state.stopping) {
    skipAllNotStartedDagTasks(runner);
    return;
  }
  const ready = state.readyQueue;
  // Skipping a task makes its children ready in the same pass, so the queue grows as we go.
  // Every ready task not skipped is then created, in queue order, as the reference does.
  for (let at = 0; at < state.readyLength; at++) {
    const task = ready[at];
    if (state.taskState[task] !== Task.NotStarted) continue;
    const reason = dagSkipReason(runner, task);
    if (reason !== Skip.None) markSkipped(runner, task, reason);
  }
  const length = state.readyLength;
  state.readyLength = 0;
  for (let at = 0; at < length; at++) {
    const task = ready[at];
    if (state.taskState[task] === Task.NotStarted) createTaskRun(runner, task, nowMs);
  }
}

/** skip() for a ready task without when, results or matrix: parents skipped, then the deadlines. */
function dagSkipReason(runner: SchedulerHost, task: number): number {
  const { state, kernel } = runner;
  for (let p = kernel.parentStart[task]; p < kernel.parentStart[task + 1]; p++)
    if (state.taskState[kernel.parents[p]] === Task.Skipped) return Skip.ParentTasks;
  if (state.pipelineTimedOut) return Skip.PipelineTimedOut;
  if (state.tasksTimedOut) return Skip.TasksTimedOut;
  return Skip.None;
}

function createTaskRun(runner: SchedulerHost, task: number, nowMs: number): void {
  const state = runner.state;
  state.taskState[task] = Task.Running;
  const taskRun = state.newTaskRun(task, readyAtMs(runner, task, nowMs));
  runner.pushCall(Call.Create, taskRun, 0);
}

/**
 * When the task became ready: the run admitted (at 0) or its parents' TaskRuns all done, the
 * latest of their completions (parentsDoneMs, kept as they are done) and never after now.
 */
function readyAtMs(runner: SchedulerHost, task: number, nowMs: number): number {
  const { state, kernel } = runner;
  if (task >= kernel.dagCount) return Math.min(nowMs, Math.max(0, runner.lastDagDoneMs()));
  return Math.min(state.parentsDoneMs[task], nowMs);
}

function markSkipped(runner: SchedulerHost, task: number, reason: number): void {
  const { state, kernel } = runner;
  state.taskState[task] = Task.Skipped;
  state.intrinsicSkip[task] = reason;
  state.skippedCount++;
  if (task >= kernel.dagCount) state.finallySkippedCount++;
  if (
    reason === Skip.PipelineTimedOut ||
    reason === Skip.TasksTimedOut ||
    reason === Skip.FinallyTimedOut
  ) {
    if (task < kernel.dagCount) state.dagTimeoutSkipCount++;
    else state.finallyTimeoutSkipCount++;
  }
  noteSkipped(runner, task, reason);
  taskDone(runner, task);
}

/** The trace's task-skipped. */
function noteSkipped(runner: SchedulerHost, task: number, reason: number): void {
  const state = runner.state;
  const position = state.position++;
  state.gainedState(state.skips[task] + (state.taskRunOf[task] >= 0 ? 1 : 0));
  if (state.skips[task]++ === 0) state.firstSkip[task] = reason;
  state.markDone(task, position, runner.kernel);
}

function skipAllNotStartedDagTasks(runner: SchedulerHost): void {
  const { state, kernel } = runner;
  state.readyLength = 0;
  // After one pass no DAG task is left not started, and none becomes so again.
  if (state.dagAllSkipped) return;
  for (let task = 0; task < kernel.dagCount; task++) {
    if (state.taskState[task] !== Task.NotStarted) continue;
    state.taskState[task] = Task.Skipped;
    state.intrinsicSkip[task] = Skip.None;
    state.skippedCount++;
    noteSkipped(runner, task, Skip.Stopping);
    state.dagDoneCount++;
  }
  state.dagAllSkipped = true;
}

/** A task is done: counters, and its children's readiness. */
function taskDone(runner: SchedulerHost, task: number): void {
  const { state, kernel } = runner;
  if (task >= kernel.dagCount) {
    state.finallyDoneCount++;
    return;
  }
  state.dagDoneCount++;
  // What the task's end makes of its children's ready time: its TaskRun's completion, or
  // "now, whenever that is" (Infinity, which readyAtMs takes as now) without one.
  const taskRun = state.taskRunOf[task];
  const completionMs = taskRun < 0 ? Number.NaN : state.trCompletionMs[taskRun];
  const doneMs = Number.isNaN(completionMs) ? Number.POSITIVE_INFINITY : completionMs;
  for (let c = kernel.childStart[task]; c < kernel.childStart[task + 1]; c++) {
    const child = kernel.children[c];
    if (doneMs > state.parentsDoneMs[child]) state.parentsDoneMs[child] = doneMs;
    if (--state.pendingParents[child] === 0 && state.taskState[child] === Task.NotStarted)
      state.readyQueue[state.readyLength++] = child;
  }
}

/** scheduler/observe.ts taskRunTerminal for a task's one TaskRun. */
export function taskRunTerminalInScheduler(runner: SchedulerHost, taskRun: number): void {
  const { state, kernel } = runner;
  const task = state.trTask[taskRun];
  if (state.trEnding[taskRun] === 1) {
    state.taskState[task] = Task.Succeeded;
    state.succeededCount++;
  } else {
    state.taskState[task] = Task.Failed;
    const kind =
      state.trCancelledForTimeout[taskRun] === 1
        ? Failure.CancelledForTimeout
        : state.trCancelRequested[taskRun] === 1
          ? Failure.Cancelled
          : Failure.Failed;
    if (kind === Failure.CancelledForTimeout) state.failedCount++;
    else if (kind === Failure.Cancelled) state.cancelledCount++;
    else if (kernel.onErrorContinue[task] === 1) state.ignoredCount++;
    else state.failedCount++;
    if (task < kernel.dagCount && kernel.onErrorContinue[task] === 0) state.stopping = true;
  }
  taskDone(runner, task);
}

function startFinally(runner: SchedulerHost, nowMs: number): void {
  const { state, kernel } = runner;
  state.finallyStarted = true;
  if (!Number.isNaN(kernel.tasksTimeoutMs) && !state.tasksTimedOut)
    runner.clearDeadline(Scope.Tasks);
  const finallyMs = kernel.finallyTimeoutMs;
  if (!Number.isNaN(finallyMs)) {
    if (finallyMs < 0) state.finallyTimedOut = true;
    else runner.setDeadline(Scope.Finally, nowMs + finallyMs, nowMs);
  }
  for (let task = kernel.dagCount; task < kernel.taskCount; task++) {
    if (state.pipelineTimedOut) markSkipped(runner, task, Skip.PipelineTimedOut);
    else if (state.finallyTimedOut) markSkipped(runner, task, Skip.FinallyTimedOut);
    else createTaskRun(runner, task, nowMs);
  }
  state.finallyStartTimeMs = nowMs;
  state.finallyStartedAt = state.position++;
}

function updateCondition(runner: SchedulerHost, nowMs: number): void {
  const { state, kernel } = runner;
  const finallyCount = kernel.taskCount - kernel.dagCount;
  const hasFinally = finallyCount > 0;
  const allFinallyDone = state.finallyDoneCount === finallyCount && state.finallySkippedCount === 0;
  if (state.pipelineTimedOut) {
    finish(runner, nowMs, Status.False, PipelineRunReason.PipelineRunTimeout);
    return;
  }
  const mode = kernel.profile.tasksDeadline;
  const tasksDeadlineEndsRun =
    mode === 'fail-at-once' || (mode === 'run-finally' && (!hasFinally || allFinallyDone));
  if (state.tasksTimedOut && tasksDeadlineEndsRun) {
    finish(runner, nowMs, Status.False, PipelineRunReason.PipelineRunTimeout);
    return;
  }
  const incomplete = kernel.taskCount - state.dagDoneCount - state.finallyDoneCount;
  if (incomplete === 0) {
    const skippedDueToTimeout =
      (state.stopping ? 0 : state.dagTimeoutSkipCount) + state.finallyTimeoutSkipCount;
    if (state.failedCount > 0 || skippedDueToTimeout > 0)
      finish(runner, nowMs, Status.False, PipelineRunReason.Failed);
    else if (state.cancelledCount > 0)
      finish(runner, nowMs, Status.False, PipelineRunReason.Cancelled);
    else
      finish(
        runner,
        nowMs,
        Status.True,
        state.skippedCount > 0 ? PipelineRunReason.Completed : PipelineRunReason.Succeeded,
      );
    return;
  }
  // Still running: the reason only shows in the trace, which the kernel does not keep.
}

/** The run is done: status frozen, the skipped tasks' reasons as status.skippedTasks shows them. */
function finish(runner: SchedulerHost, nowMs: number, status: number, reason: string): void {
  const { state, kernel } = runner;
  // Only a skipped task has a reason to show, and skippedCount counts every skip.
  if (state.skippedCount > 0)
    for (let task = 0; task < kernel.taskCount; task++) {
      if (state.taskState[task] !== Task.Skipped) continue;
      const own =
        state.intrinsicSkip[task] === Skip.None ? Skip.Stopping : state.intrinsicSkip[task];
      state.shownSkip[task] = task < kernel.dagCount && state.stopping ? Skip.Stopping : own;
    }
  if (state.skippedCount > 0 && state.dagDoneCount < kernel.dagCount) showParentSkips(runner);
  state.conditionStatus = status;
  state.conditionReason = reason;
  state.done = true;
  state.completionTimeMs = nowMs;
  runner.clearDeadline(Scope.Pipeline);
  runner.clearDeadline(Scope.Tasks);
  runner.clearDeadline(Scope.Finally);
  state.completedAt = state.position++;
  state.countsAtCompletion[0] = state.succeededCount;
  state.countsAtCompletion[1] = state.failedCount;
  state.countsAtCompletion[2] = state.ignoredCount;
  state.countsAtCompletion[3] = state.cancelledCount;
  state.countsAtCompletion[4] = state.skippedCount;
}

/**
 * scheduler/skipped-tasks.ts provisionalParentSkips: a task not decided yet, one of whose
 * parents is skipped while another still runs, is shown "Parent Tasks were skipped" in the
 * frozen status, and so are its children. Written after the run is done, when only the
 * metrics read taskState; the counts and the trace are left as they were.
 */
function showParentSkips(runner: SchedulerHost): void {
  const { state, kernel } = runner;
  for (let changed = true; changed; ) {
    changed = false;
    for (let task = 0; task < kernel.dagCount; task++) {
      if (state.taskState[task] !== Task.NotStarted || state.pendingParents[task] === 0) continue;
      for (let p = kernel.parentStart[task]; p < kernel.parentStart[task + 1]; p++) {
        if (state.taskState[kernel.parents[p]] !== Task.Skipped) continue;
        state.taskState[task] = Task.Skipped;
        state.shownSkip[task] = Skip.ParentTasks;
        changed = true;
        break;
      }
    }
  }
}
