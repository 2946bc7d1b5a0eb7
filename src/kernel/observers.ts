// The invariants' judgements that need the whole run, over the facts the kernel kept as it
// went (trace positions and times in integer arrays): deadlines, finally-runs,
// one-terminal-state, the #10512 finding and api-rate. Each returns why the seed must be
// rerun on the reference engine, whose checkers word the violation, or undefined when the
// run is clean. The incremental ones (dag-order, finally-after-dag, retries, capacity) are
// judged in run.ts as the events happen.
import { PipelineRunReason } from '../model/reasons.js';
import type { Kernel } from './compile.js';
import { Skip, Status, Tally, type KernelState } from './state.js';

export function observeEnd(kernel: Kernel, state: KernelState): string | undefined {
  return (
    deadlines(kernel, state) ??
    finding10512(kernel, state) ??
    finallyRuns(kernel, state) ??
    oneTerminalState(state) ??
    apiRate(kernel, state)
  );
}

/**
 * A TaskRun completed: whether it ended past a deadline, as deadlines() judges it at the end
 * (the deadlines it is held to are known by then and do not move), so that deadlines() scans
 * the TaskRuns only in a run where one did.
 */
export function observeCompletion(kernel: Kernel, state: KernelState, taskRun: number): void {
  if (lateEnd(kernel, state, taskRun) !== undefined) state.lateTaskRun = true;
}

/** `limitMs`'s taskRun for a judgement against the deadline itself (see lateEnd). */
const NOT_EXACT = -2;

/**
 * Which deadline the completed TaskRun ended past, if any. `exact` judges as the deadlines
 * checker does (check/invariants/enforcement.ts): late only past the reconcile that enforced
 * the deadline, or its cancel call; without it, past the deadline itself, which is all a
 * TaskRun completing before that reconcile can be held to yet (deadlines() judges again).
 */
function lateEnd(
  kernel: Kernel,
  state: KernelState,
  taskRun: number,
  exact = false,
): string | undefined {
  const startedAtMs = state.startTimeMs;
  const atMs = state.trCompletionMs[taskRun];
  const isFinally = state.trTask[taskRun] >= kernel.dagCount;
  // No closure here: this runs at every TaskRun completion, and tsx (the bench, `npm run fuzz`)
  // wraps each closure it creates in a naming call that cost a third of the kernel's time.
  const judgedAs = exact ? taskRun : NOT_EXACT;
  // Left running by a reconcile that ended the run at its end: no deadline stops it.
  if (
    exact &&
    (state.leftRunning === 2 ||
      (state.leftRunning === 1 && state.trDecidedIn[taskRun] === state.endedAtEndOf))
  )
    return undefined;
  // A comparison with NaN (no such deadline, or finally not started) is false.
  if (!isFinally && atMs > limitMs(state, 1, startedAtMs + kernel.tasksTimeoutMs, judgedAs))
    return 'a DAG TaskRun ended past the tasks deadline';
  if (isFinally && atMs > limitMs(state, 2, finallyDeadlineMs(kernel, state), judgedAs))
    return 'a finally TaskRun ended past its deadline';
  if (atMs > limitMs(state, 0, startedAtMs + kernel.pipelineTimeoutMs, judgedAs))
    return 'a TaskRun ended past the pipeline deadline';
  return undefined;
}

/**
 * By when the `scope` deadline (due at `deadlineMs`) holds a TaskRun (-1: none) or the run:
 * the reconcile that enforced it and, for a TaskRun, that reconcile's cancel call, when the
 * deadline passed on time; the deadline itself otherwise, and always for NOT_EXACT.
 */
function limitMs(state: KernelState, scope: number, deadlineMs: number, taskRun: number): number {
  const enforcedIn = state.enforcedIn[scope];
  if (taskRun === NOT_EXACT || enforcedIn === 0 || state.deadlinePassedMs[scope] !== deadlineMs)
    return deadlineMs;
  let limit = state.enforcedAtMs[scope];
  if (
    taskRun >= 0 &&
    state.trCancelCalled[taskRun] === 1 &&
    state.trCancelCallIn[taskRun] === enforcedIn
  )
    limit = Math.max(limit, state.trCancelCallMs[taskRun]);
  return limit;
}

function finallyDeadlineMs(kernel: Kernel, state: KernelState): number {
  return state.finallyStartedAt < 0
    ? Number.NaN
    : state.finallyStartTimeMs + Math.max(0, kernel.finallyTimeoutMs);
}

function deadlines(kernel: Kernel, state: KernelState): string | undefined {
  for (let taskRun = 0; state.lateTaskRun && taskRun < state.taskRunCount; taskRun++) {
    if (state.trTerminal[taskRun] === 0) continue;
    const late = lateEnd(kernel, state, taskRun, true);
    if (late !== undefined) return late;
  }
  if (
    state.completedAt >= 0 &&
    state.completionTimeMs > limitMs(state, 0, state.startTimeMs + kernel.pipelineTimeoutMs, -1)
  )
    return 'the run completed past the pipeline deadline';
  return undefined;
}

/** deadlines' known-bug finding: the reference lists it. */
function finding10512(kernel: Kernel, state: KernelState): string | undefined {
  if (!kernel.profile.tasksClockRunsDuringFinally || Number.isNaN(kernel.tasksTimeoutMs))
    return undefined;
  const pipelineAt = state.deadlineAt[0];
  const pipelineDeadlineHit =
    pipelineAt >= 0 && (state.completedAt < 0 || pipelineAt < state.completedAt);
  if (
    state.conditionReason === PipelineRunReason.PipelineRunTimeout &&
    state.finallyStartedAt >= 0 &&
    state.deadlineAt[1] > state.finallyStartedAt &&
    !pipelineDeadlineHit
  )
    return 'the run shows tektoncd/pipeline#10512';
  return undefined;
}

function finallyRuns(kernel: Kernel, state: KernelState): string | undefined {
  if (kernel.taskCount === kernel.dagCount || state.completedAt < 0) return undefined;
  const decidedAt = state.finallyStartedAt >= 0 ? state.finallyStartedAt : state.completedAt;
  const pipelineAt = state.deadlineAt[0];
  const tasksAt = kernel.profile.tasksDeadline === 'fail-at-once' ? state.deadlineAt[1] : -1;
  const excusedAt =
    pipelineAt >= 0 && tasksAt >= 0 ? Math.min(pipelineAt, tasksAt) : Math.max(pipelineAt, tasksAt);
  const excused = excusedAt >= 0 && excusedAt <= decidedAt;
  for (let task = kernel.dagCount; task < kernel.taskCount; task++) {
    const taskRun = state.taskRunOf[task];
    if (taskRun >= 0 && state.trTerminal[taskRun] === 0) return 'a finally TaskRun never finished';
    if (state.skips[task] > 0 && !excused) {
      const reason = state.firstSkip[task];
      const allowed =
        (reason === Skip.FinallyTimedOut && state.deadlineAt[2] >= 0) ||
        (reason === Skip.PipelineTimedOut && pipelineAt >= 0);
      if (!allowed) return 'a finally task was skipped for a reason Tekton does not allow';
    }
    if (taskRun < 0 && state.skips[task] === 0 && !excused) return 'a finally task never ran';
  }
  return undefined;
}

/**
 * The condition algorithm's buckets rebuilt from the run's facts, against the scheduler's
 * counts. The facts are tallied as the trace would give them (KernelState.markDone, gainedState).
 */
function oneTerminalState(state: KernelState): string | undefined {
  if (state.completedAt < 0) return undefined;
  const reason = state.conditionReason;
  // These reasons carry a "Tasks Completed: ..." message, which the checker reads.
  const countedMessage =
    reason === PipelineRunReason.Failed ||
    reason === PipelineRunReason.Cancelled ||
    reason === PipelineRunReason.Completed ||
    reason === PipelineRunReason.Succeeded;
  if (state.manyStates || (state.statelessCount > 0 && countedMessage))
    return 'a task ended in more or fewer than one state';
  const tally = state.doneTally;
  const succeeded = tally[Tally.Succeeded];
  const failed = tally[Tally.Failed];
  const ignored = tally[Tally.Ignored];
  const cancelled = tally[Tally.Cancelled];
  const skipped = tally[Tally.Skipped];
  const skippedDueToTimeout = tally[Tally.SkippedForTimeout];
  if (countedMessage) {
    const counts = state.countsAtCompletion;
    if (
      counts[0] + counts[1] + counts[3] + counts[2] !== succeeded + failed + cancelled + ignored ||
      counts[1] + counts[2] !== failed + ignored ||
      counts[2] !== ignored ||
      counts[3] !== cancelled ||
      counts[4] !== skipped
    )
      return 'the condition message disagrees with the tasks';
  }
  if (state.conditionStatus === Status.True) {
    if (failed + cancelled + skippedDueToTimeout > 0) return 'the run ended True with failures';
    const expected = skipped > 0 ? PipelineRunReason.Completed : PipelineRunReason.Succeeded;
    if (reason !== expected) return 'the run ended True with the wrong reason';
  }
  if (
    state.conditionStatus === Status.False &&
    reason === PipelineRunReason.Failed &&
    failed + skippedDueToTimeout === 0
  )
    return 'the run ended Failed with nothing failed';
  return undefined;
}

const EPSILON = 1e-9;

/** check/invariants/cluster-rules.ts checkApiRate over the calls' times. */
function apiRate(kernel: Kernel, state: KernelState): string | undefined {
  const { qps, burst } = kernel.controller;
  const count = state.apiCallCount;
  if (qps === Number.POSITIVE_INFINITY || count === 0) return undefined;
  return callsExceedBucket(state.apiCallsMs, count, qps, burst)
    ? 'API calls exceeded the token bucket'
    : undefined;
}

/** Whether the first `count` calls exceed the bucket, as checkApiRate says; may sort them. */
export function callsExceedBucket(
  callsMs: Float64Array,
  count: number,
  qps: number,
  burst: number,
): boolean {
  let judged = judgeCalls(callsMs, count, qps, burst);
  // Calls go out in time order almost always; sort the few that do not, and judge again.
  if (judged === OUT_OF_ORDER) {
    callsMs.subarray(0, count).sort();
    judged = judgeCalls(callsMs, count, qps, burst);
  }
  return judged === EXCEEDED;
}

const WITHIN = 0;
const EXCEEDED = 1;
const OUT_OF_ORDER = 2;

/**
 * checkApiRate's loop over calls in time order, a group of calls made at one time at once:
 * in a group, (qps * time) / 1000 is one value, so the window's start (that value less the
 * call's index) is largest at the group's first call and the excess (the index plus one, less
 * that value, plus the best start, less the burst) largest at its last, each rounding being
 * monotone; judging those two gives the loop's answer with a step per group, not per call.
 * OUT_OF_ORDER, judging nothing, when the calls are not in time order.
 */
function judgeCalls(callsMs: Float64Array, count: number, qps: number, burst: number): number {
  let bestStart = Number.NEGATIVE_INFINITY;
  let first = 0;
  while (first < count) {
    const timeMs = callsMs[first];
    let last = first;
    while (last + 1 < count && callsMs[last + 1] === timeMs) last++;
    if (last + 1 < count && callsMs[last + 1] < timeMs) return OUT_OF_ORDER;
    const tokensMs = (qps * timeMs) / 1000;
    const start = tokensMs - first;
    if (start > bestStart) bestStart = start;
    if (last + 1 - tokensMs + bestStart - burst > EPSILON)
      return inOrder(callsMs, last + 1, count) ? EXCEEDED : OUT_OF_ORDER;
    first = last + 1;
  }
  return WITHIN;
}

/** Whether the calls from `from` (at least 1) to `count` are in time order. */
function inOrder(callsMs: Float64Array, from: number, count: number): boolean {
  for (let at = from; at < count; at++) if (callsMs[at] < callsMs[at - 1]) return false;
  return true;
}
