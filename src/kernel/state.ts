// The per-seed state of the kernel: typed arrays sized once per scenario and reset between
// seeds. TaskRuns are numbered in creation order (the reference's TaskRun index, which is
// also its timing id, since one PipelineRun creates its TaskRuns in the order it decides
// them); a task has at most one TaskRun, as the kernel takes no matrix.
import type { Kernel } from './compile.js';

/** A task's state, as scheduler/state.ts numbers it. */
export const Task = { NotStarted: 0, Running: 1, Succeeded: 2, Failed: 3, Skipped: 4 } as const;

/** How a failed task counts (scheduler/state.ts FailureKind). */
export const Failure = { None: 0, Failed: 1, Cancelled: 2, CancelledForTimeout: 3 } as const;

/** Skip reasons as small integers; names.ts gives their text. */
export const Skip = {
  None: 0,
  ParentTasks: 1,
  Stopping: 2,
  PipelineTimedOut: 3,
  TasksTimedOut: 4,
  FinallyTimedOut: 5,
} as const;

/** How a TaskRun ended, as far as the metrics and invariants need it. */
export const Ending = { None: 0, Succeeded: 1, Failed: 2, TimedOut: 3, Cancelled: 4 } as const;

/** The calls a reconcile makes, in order, through the token bucket. */
export const Call = { Create: 0, Cancel: 1, Status: 2 } as const;

/** Deadline scopes as indexes: pipeline, tasks, finally. */
export const Scope = { Pipeline: 0, Tasks: 1, Finally: 2 } as const;

/** The condition's status: Unknown, True, False. */
export const Status = { Unknown: 0, True: 1, False: 2 } as const;

/** How a task done before the run completed ended, as the trace tells it (one-terminal-state). */
export const Tally = {
  Succeeded: 0,
  Failed: 1,
  Ignored: 2,
  Cancelled: 3,
  Skipped: 4,
  SkippedForTimeout: 5,
} as const;
const TALLIES = 6;

export class KernelState {
  // Per task.
  readonly taskState: Uint8Array;
  readonly pendingParents: Int32Array;
  /**
   * The latest completion of the task's parents done so far (0 before any; Infinity once one
   * is done without a completed TaskRun): its ready time once they all are. A parent's
   * TaskRun and completion do not change once it is done.
   */
  readonly parentsDoneMs: Float64Array;
  readonly intrinsicSkip: Uint8Array;
  /** The skip reason status.skippedTasks showed when the run completed. */
  readonly shownSkip: Uint8Array;
  readonly taskRunOf: Int32Array;
  readonly readyQueue: Int32Array;
  readyLength = 0;
  /** Trace positions: first TaskRun created, done, first skip (-1 = never). */
  readonly createdAt: Int32Array;
  readonly doneAt: Int32Array;
  /** DAG tasks with a done position: all of them once the DAG is done, as finally-after-dag reads it. */
  dagDoneAtCount = 0;
  /**
   * one-terminal-state's facts, kept as they happen (observers.ts reads them): tasks with no
   * state yet (neither a TaskRun nor a skip), whether one has two, and the tasks done before
   * the run completed, by how the trace says they ended.
   */
  statelessCount = 0;
  manyStates = false;
  readonly doneTally = new Int32Array(TALLIES);
  /** Some TaskRun completed past a deadline (observers.ts observeCompletion). */
  lateTaskRun = false;
  readonly skips: Uint8Array;
  readonly firstSkip: Uint8Array;

  // Per TaskRun (by creation number).
  taskRunCount = 0;
  readonly trTask: Int32Array;
  readonly trCreatedAtMs: Float64Array;
  readonly trReadyAtMs: Float64Array;
  readonly trAttempt: Int32Array;
  readonly trAttemptStartMs: Float64Array;
  readonly trStepsStartMs: Float64Array;
  readonly trFails: Uint8Array;
  readonly trEndTimer: Int32Array;
  readonly trTerminal: Uint8Array;
  readonly trEnding: Uint8Array;
  readonly trCompletionMs: Float64Array;
  readonly trCancelRequested: Uint8Array;
  readonly trCancelledForTimeout: Uint8Array;
  readonly trCancelStamp: Int32Array;
  /** Some cancel call was made for it (the trace's cancel-requested), and one for a deadline. */
  readonly trCancelCalled: Uint8Array;
  readonly trCancelCalledForTimeout: Uint8Array;
  /** Its cancel call: when it went out and the reconcile (reconcileCount) that made it. */
  readonly trCancelCallMs: Float64Array;
  readonly trCancelCallIn: Int32Array;
  /** The count of the reconcile that decided the TaskRun. */
  readonly trDecidedIn: Int32Array;
  readonly trAttemptsStarted: Int32Array;
  /** The attempt whose steps started last (-1: none); the current one's have if it is trAttempt. */
  readonly trStartedAttempt: Int32Array;
  readonly trLastTimeoutMs: Float64Array;
  readonly trPlacedAtMs: Float64Array;
  readonly trRunningAtMs: Float64Array;
  readonly trNodeSinceMs: Float64Array;
  readonly trThrottledByNodeMs: Float64Array;
  /** The pod's pending create event, or -1. */
  readonly trPodTimer: Int32Array;
  /** 0 no pod, 1 waiting for a slot, 2 bound (its log entry in trPodLog). */
  readonly trPodState: Uint8Array;
  readonly trPodLog: Int32Array;

  // Pods bound, in binding order (the cluster log's pods).
  podCount = 0;
  readonly podFromMs: Float64Array;
  readonly podToMs: Float64Array;
  readonly podAmount: Float64Array;
  slotsUsed = 0;
  readonly waiting: Int32Array;
  waitingLength = 0;
  /**
   * The pods waiting for a slot after each change, and when (cluster/pods.ts notes each into
   * the log's podsWaitingForNode): a pod waits and stops waiting at most once an attempt.
   */
  readonly waitingChangeMs: Float64Array;
  readonly waitingChangeLength: Int32Array;
  waitingChanges = 0;

  // Attempts that were retried, at a place per task and attempt (attemptSlot): a TaskRun's
  // last attempt is read from its own fields, the earlier ones from here (attempts.ts, series.ts).
  /** Per task, its first place; the task's attempt `a` is at attemptSlot[task] + a. */
  readonly attemptSlot: Int32Array;
  readonly retriedStartMs: Float64Array;
  /** When its steps started; NaN when its pod never ran. */
  readonly retriedStepsStartMs: Float64Array;
  readonly retriedEndMs: Float64Array;
  readonly retriedEnding: Uint8Array;

  // API calls, as the cluster log keeps their times.
  apiCallsMs = new Float64Array(64);
  apiCallCount = 0;
  bucketTokens = 0;
  bucketLastMs = 0;

  // The calls of the reconcile in progress: kind 0 create (arg task), 1 cancel (arg TaskRun), 2 status.
  readonly callKind: Uint8Array;
  readonly callArg: Int32Array;
  readonly callForTimeout: Uint8Array;
  callHead = 0;
  callLength = 0;

  // The controller's work queue, for the one key.
  queued = false;
  dirty = false;
  processing = false;

  // The run.
  started = false;
  done = false;
  stopping = false;
  /** Every DAG task not started when the run began stopping was skipped: nothing is left to skip. */
  dagAllSkipped = false;
  pipelineTimedOut = false;
  tasksTimedOut = false;
  finallyTimedOut = false;
  finallyStarted = false;
  dagDoneCount = 0;
  finallyDoneCount = 0;
  succeededCount = 0;
  failedCount = 0;
  ignoredCount = 0;
  cancelledCount = 0;
  skippedCount = 0;
  finallySkippedCount = 0;
  dagTimeoutSkipCount = 0;
  finallyTimeoutSkipCount = 0;
  reconcileCount = 0;
  startTimeMs = 0;
  finallyStartTimeMs = Number.NaN;
  completionTimeMs = Number.NaN;
  conditionStatus: number = Status.Unknown;
  conditionReason = '';
  /** The fleet's view: when the run was admitted and seen complete; NaN = not yet. */
  completedAtMs = Number.NaN;
  finallyDelayMs = Number.NaN;
  /** deadline-lag (fleet-run.ts): NaN while no deadline passed. */
  deadlineLagMs = Number.NaN;
  /** The earliest deadline passed since the last reconcile; NaN when none. */
  unobservedDeadlineAtMs = Number.NaN;
  /** Trace position of the reconcile in progress (its worker makes its calls); -1 before any. */
  reconcileAt = -1;
  /** A deadline passed that no reconcile has enforced yet (check/invariants/enforcement.ts). */
  enforcementPending = false;
  /** A deadline passed since the reconcile in progress began: its end reads the clock again. */
  deadlineInReconcile = false;
  /**
   * The run ended at the end of a reconcile (scheduler/reconcile-end.ts), which left running
   * the TaskRuns it decided (1, the pipeline deadline) or all (2, the tasks deadline); 0: no.
   */
  leftRunning = 0;
  /** The count of that reconcile. */
  endedAtEndOf = 0;
  /** By scope: when its deadline event came, and the reconcile (count, time) that enforced it. */
  readonly deadlinePassedMs = new Float64Array(3);
  readonly enforcedIn = new Int32Array(3);
  readonly enforcedAtMs = new Float64Array(3);
  /** The latest completion of a DAG TaskRun, kept as they complete; -Infinity when none has. */
  lastDagCompletionMs = Number.NEGATIVE_INFINITY;
  /** An attempt of a TaskRun ran past its own timeout (the "taskrun" timeout kind). */
  attemptTimedOut = false;
  /** Deadline timers (event or -1) and times, by scope: 0 pipeline, 1 tasks, 2 finally. */
  readonly deadlineTimer = new Int32Array(3);
  readonly deadlineAtMs = new Float64Array(3);
  readonly deadlineAt = new Int32Array(3);
  finallyStartedAt = -1;
  completedAt = -1;
  /** First failure of a DAG task, or pipeline or tasks deadline, as a trace position (-1 = none). */
  stoppingAt = -1;
  /** The scheduler's succeeded, failed, ignored, cancelled and skipped counts when the run completed. */
  readonly countsAtCompletion = new Int32Array(5);
  /** Trace position counter: orders the facts the invariants compare. */
  position = 0;
  /** Set when something the kernel does not reproduce exactly happened: rerun on the reference. */
  deferred = false;

  constructor(kernel: Kernel) {
    const n = kernel.taskCount;
    let attempts = 0;
    for (let t = 0; t < n; t++) attempts += kernel.retries[t] + 1;
    this.taskState = new Uint8Array(n);
    this.pendingParents = new Int32Array(n);
    this.parentsDoneMs = new Float64Array(n);
    this.intrinsicSkip = new Uint8Array(n);
    this.shownSkip = new Uint8Array(n);
    this.taskRunOf = new Int32Array(n);
    this.readyQueue = new Int32Array(n);
    this.createdAt = new Int32Array(n);
    this.doneAt = new Int32Array(n);
    this.skips = new Uint8Array(n);
    this.firstSkip = new Uint8Array(n);
    this.trTask = new Int32Array(n);
    this.trCreatedAtMs = new Float64Array(n);
    this.trReadyAtMs = new Float64Array(n);
    this.trAttempt = new Int32Array(n);
    this.trAttemptStartMs = new Float64Array(n);
    this.trStepsStartMs = new Float64Array(n);
    this.trFails = new Uint8Array(n);
    this.trEndTimer = new Int32Array(n);
    this.trTerminal = new Uint8Array(n);
    this.trEnding = new Uint8Array(n);
    this.trCompletionMs = new Float64Array(n);
    this.trCancelRequested = new Uint8Array(n);
    this.trCancelledForTimeout = new Uint8Array(n);
    this.trCancelStamp = new Int32Array(n);
    this.trCancelCalled = new Uint8Array(n);
    this.trCancelCalledForTimeout = new Uint8Array(n);
    this.trCancelCallMs = new Float64Array(n);
    this.trCancelCallIn = new Int32Array(n);
    this.trDecidedIn = new Int32Array(n);
    this.trAttemptsStarted = new Int32Array(n);
    this.trStartedAttempt = new Int32Array(n);
    this.trLastTimeoutMs = new Float64Array(n);
    this.trPlacedAtMs = new Float64Array(n);
    this.trRunningAtMs = new Float64Array(n);
    this.trNodeSinceMs = new Float64Array(n);
    this.trThrottledByNodeMs = new Float64Array(n);
    this.trPodTimer = new Int32Array(n);
    this.trPodState = new Uint8Array(n);
    this.trPodLog = new Int32Array(n);
    this.podFromMs = new Float64Array(attempts);
    this.podToMs = new Float64Array(attempts);
    this.podAmount = new Float64Array(attempts);
    this.waiting = new Int32Array(n);
    this.waitingChangeMs = new Float64Array(2 * attempts);
    this.waitingChangeLength = new Int32Array(2 * attempts);
    this.attemptSlot = new Int32Array(n + 1);
    for (let t = 0; t < n; t++)
      this.attemptSlot[t + 1] = this.attemptSlot[t] + kernel.retries[t] + 1;
    this.retriedStartMs = new Float64Array(attempts);
    this.retriedStepsStartMs = new Float64Array(attempts);
    this.retriedEndMs = new Float64Array(attempts);
    this.retriedEnding = new Uint8Array(attempts);
    this.callKind = new Uint8Array(2 * n + 1);
    this.callArg = new Int32Array(2 * n + 1);
    this.callForTimeout = new Uint8Array(2 * n + 1);
  }

  reset(kernel: Kernel): void {
    // One pass over the tasks rather than a fill() per array: a builtin call per array was
    // most of a reset of a small pipeline.
    const n = kernel.taskCount;
    const parentStart = kernel.parentStart;
    // intrinsicSkip and shownSkip are written when a task is skipped and when the run finishes,
    // firstSkip at a task's first skip, trCancelStamp when a TaskRun is decided: each before
    // anything reads it.
    for (let t = 0; t < n; t++) {
      this.taskState[t] = 0;
      this.pendingParents[t] = parentStart[t + 1] - parentStart[t];
      this.parentsDoneMs[t] = 0;
      this.taskRunOf[t] = -1;
      this.createdAt[t] = -1;
      this.doneAt[t] = -1;
      this.skips[t] = 0;
    }
    this.dagDoneAtCount = 0;
    this.statelessCount = n;
    this.manyStates = false;
    this.doneTally.fill(0);
    this.lateTaskRun = false;
    this.readyLength = 0;
    this.taskRunCount = 0;
    this.podCount = 0;
    this.slotsUsed = 0;
    this.waitingLength = 0;
    this.waitingChanges = 0;
    this.apiCallCount = 0;
    this.bucketTokens = kernel.controller.burst;
    this.bucketLastMs = 0;
    this.callHead = 0;
    this.callLength = 0;
    this.queued = false;
    this.dirty = false;
    this.processing = false;
    this.started = false;
    this.done = false;
    this.stopping = false;
    this.dagAllSkipped = false;
    this.pipelineTimedOut = false;
    this.tasksTimedOut = false;
    this.finallyTimedOut = false;
    this.finallyStarted = false;
    this.dagDoneCount = 0;
    this.finallyDoneCount = 0;
    this.succeededCount = 0;
    this.failedCount = 0;
    this.ignoredCount = 0;
    this.cancelledCount = 0;
    this.skippedCount = 0;
    this.finallySkippedCount = 0;
    this.dagTimeoutSkipCount = 0;
    this.finallyTimeoutSkipCount = 0;
    this.reconcileCount = 0;
    this.startTimeMs = 0;
    this.finallyStartTimeMs = Number.NaN;
    this.completionTimeMs = Number.NaN;
    this.conditionStatus = Status.Unknown;
    this.conditionReason = '';
    this.completedAtMs = Number.NaN;
    this.finallyDelayMs = Number.NaN;
    this.deadlineLagMs = Number.NaN;
    this.unobservedDeadlineAtMs = Number.NaN;
    this.reconcileAt = -1;
    this.enforcementPending = false;
    this.deadlineInReconcile = false;
    this.leftRunning = 0;
    this.endedAtEndOf = 0;
    this.lastDagCompletionMs = Number.NEGATIVE_INFINITY;
    this.attemptTimedOut = false;
    for (let scope = 0; scope < 3; scope++) {
      this.deadlineTimer[scope] = -1;
      this.deadlineAtMs[scope] = -1;
      this.deadlineAt[scope] = -1;
      this.deadlinePassedMs[scope] = Number.NaN;
      this.enforcedIn[scope] = 0;
      this.enforcedAtMs[scope] = Number.NaN;
    }
    this.finallyStartedAt = -1;
    this.completedAt = -1;
    this.stoppingAt = -1;
    this.position = 0;
    this.deferred = false;
  }

  /**
   * The trace's first done fact of `task` (its TaskRun completed, or a skip), at `position`;
   * while the run has not completed, counted as one-terminal-state counts it. A task is skipped
   * only before it has a TaskRun and ends at most once, and the kernel's only cancels are for a
   * deadline, so how it ended cannot change after this.
   */
  markDone(task: number, position: number, kernel: Kernel): void {
    if (this.doneAt[task] >= 0) return;
    this.doneAt[task] = position;
    if (task < kernel.dagCount) this.dagDoneAtCount++;
    if (this.completedAt >= 0) return;
    const tally = this.doneTally;
    if (this.skips[task] > 0) {
      tally[Tally.Skipped]++;
      const first = this.firstSkip[task];
      if (
        first === Skip.PipelineTimedOut ||
        first === Skip.TasksTimedOut ||
        first === Skip.FinallyTimedOut
      )
        tally[Tally.SkippedForTimeout]++;
      return;
    }
    const taskRun = this.taskRunOf[task];
    const ending = this.trEnding[taskRun];
    if (ending === Ending.Succeeded) tally[Tally.Succeeded]++;
    else if (this.trCancelCalledForTimeout[taskRun] === 1 && ending === Ending.Cancelled)
      tally[Tally.Failed]++;
    else if (ending === Ending.Cancelled) tally[Tally.Cancelled]++;
    else if (kernel.onErrorContinue[task] === 1) tally[Tally.Ignored]++;
    else tally[Tally.Failed]++;
  }

  /** The task gained a state (a TaskRun, or a skip) beside the `had` it had. */
  gainedState(had: number): void {
    if (had === 0) this.statelessCount--;
    else this.manyStates = true;
  }

  /** A new TaskRun of `task`, decided now; returns its number. */
  newTaskRun(task: number, readyAtMs: number): number {
    const r = this.taskRunCount++;
    this.trTask[r] = task;
    this.trReadyAtMs[r] = readyAtMs;
    this.trCreatedAtMs[r] = Number.NaN;
    this.trAttempt[r] = 0;
    // trAttemptStartMs is written when the TaskRun is created, trFails when an attempt starts
    // and trPodLog when a pod is bound, each before anything reads it.
    this.trEndTimer[r] = -1;
    this.trTerminal[r] = 0;
    this.trEnding[r] = Ending.None;
    this.trCompletionMs[r] = Number.NaN;
    this.trCancelRequested[r] = 0;
    this.trCancelledForTimeout[r] = 0;
    this.trCancelCalled[r] = 0;
    this.trCancelCalledForTimeout[r] = 0;
    this.trCancelCallIn[r] = 0;
    this.trDecidedIn[r] = this.reconcileCount;
    this.trCancelStamp[r] = 0;
    // trStepsStartMs and trLastTimeoutMs are written when an attempt starts, and read only after.
    this.trAttemptsStarted[r] = 0;
    this.trStartedAttempt[r] = -1;
    this.trPlacedAtMs[r] = Number.NaN;
    this.trRunningAtMs[r] = Number.NaN;
    this.trNodeSinceMs[r] = Number.NaN;
    this.trThrottledByNodeMs[r] = 0;
    this.trPodTimer[r] = -1;
    this.trPodState[r] = 0;
    return r;
  }
}
