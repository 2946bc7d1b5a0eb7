// Per-run mutable state, in arrays indexed by task number so that every seed of a Plan
// reuses the same shapes. The scheduler (reconcile and observe.ts) writes all of it except
// the TaskRun table (taskRuns, taskRunsOf), which the engine fills as it carries out the
// scheduler's create commands through taskrun/; the scheduler only reads that table.
import type { Plan } from '../plan/plan.js';
import type { TaskRunRecord } from '../model/taskrun.js';
import type { SchedulerCommand } from './commands.js';
import type { PipelineRunSpecStatus, WhenExpression } from '../tekton/types.js';
import type { SkipReason } from '../model/reasons.js';
import type { RunResultValue, SkippedTask, SucceededCondition } from '../model/status.js';
import { PipelineRunReason, SUCCEEDED_CONDITION } from '../model/reasons.js';

/** What a pipeline task is at this instant (tekton-semantics 2.1). */
export const TaskState = {
  NotStarted: 0,
  Running: 1,
  Succeeded: 2,
  Failed: 3,
  Skipped: 4,
  ValidationFailed: 5,
} as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];

/** How a failed task counts in the condition algorithm (5.1). */
export const FailureKind = {
  None: 0,
  Failed: 1,
  Cancelled: 2,
  CancelledForTimeout: 3,
} as const;
export type FailureKind = (typeof FailureKind)[keyof typeof FailureKind];

export interface RunState {
  plan: Plan;
  taskState: Uint8Array;
  /** Parents not yet done, per DAG task. */
  pendingParents: Int32Array;
  /** The skip reason a task got from its own facts (not the global stopping/cancel reasons). */
  intrinsicSkip: (SkipReason | undefined)[];
  /** Resolved when expressions as shown in skippedTasks (set when evaluated). */
  resolvedWhen: (WhenExpression[] | undefined)[];
  failureKind: Uint8Array;
  taskRunsOf: number[][];
  /**
   * Done tasks (Succeeded or Failed) whose TaskRuns wrote results or that are assumed to
   * have, in task order: what propagated results read, without a pass over every task.
   */
  resultProducers: number[];
  /** TaskRuns of a task not yet terminal. */
  runningTaskRunsOf: Int32Array;
  taskRuns: TaskRunRecord[];
  /** Per task: why it failed validation in the reconcile that found it (2.6). */
  validationErrorOf: (string | undefined)[];
  specStatus: '' | PipelineRunSpecStatus;
  started: boolean;
  /**
   * A reconcile got past the pending and hard-cancel checks to fetch the Pipeline, and so
   * wrote status.pipelineSpec (a run cancelled or pending from its creation never has one).
   */
  pipelineSpecWritten: boolean;
  startTimeMs?: number;
  finallyStartTimeMs?: number;
  completionTimeMs?: number;
  /** Any DAG task failed (onError != continue) or failed validation (2.3). */
  stopping: boolean;
  /** Any DAG task failed (onError != continue): stopping without counting validation. */
  stoppingForFailure: boolean;
  pipelineTimedOut: boolean;
  tasksTimedOut: boolean;
  finallyTimedOut: boolean;
  finallyStarted: boolean;
  dagDoneCount: number;
  finallyDoneCount: number;
  /** DAG tasks whose parents are all done, waiting for the next reconcile to decide them. */
  readyQueue: number[];
  // Counters of the condition algorithm's buckets (5.1), kept as tasks become done.
  succeededCount: number;
  /** Failed, including cancelled-for-timeout; not ignored failures. */
  failedCount: number;
  ignoredCount: number;
  cancelledCount: number;
  validationFailedCount: number;
  skippedCount: number;
  /** Skipped finally tasks: Tekton never counts them as done (isDone asks Skip(), 2.7). */
  finallySkippedCount: number;
  dagTimeoutSkipCount: number;
  finallyTimeoutSkipCount: number;
  /** Finally tasks neither created nor skipped: result references only their taskSpec cannot resolve. */
  waitingFinallyCount: number;
  condition: SucceededCondition;
  done: boolean;
  /**
   * The run-wide skip facts as the last full reconcile left them; a hard cancel shows the
   * skippedTasks those facts gave, since its reconcile returns before recomputing them (4.1).
   */
  lastReconciledSkipFacts: { stopping: boolean; specStatus: RunState['specStatus'] };
  /** status.skippedTasks as the last reconcile before completion computed it. */
  frozenSkippedTasks?: SkippedTask[];
  results: RunResultValue[];
  /**
   * How many DAG tasks must be done before finally starts: all of them, as in Tekton. Only
   * the engine lowers it, to plant a test fault (engine/faults.ts).
   */
  finallyStartsAfterDagDone: number;
  /** The commands the current reconcile decided: one buffer, reused by every reconcile. */
  commands: SchedulerCommand[];
  /** Reconciles so far; stamps the cancels requested within one reconcile. */
  reconcileCount: number;
  /** Per task: the reconcile that created its TaskRuns (0 while it has none). */
  createdInReconcile: Int32Array;
  /** The last reconcile that wrote status.childReferences (one that ran to its end). */
  childReferencesWrittenIn: number;
  /** Per TaskRun: the reconcile that last asked to cancel it. */
  cancelStamp: number[];
}

export function createRunState(plan: Plan): RunState {
  const taskCount = plan.tasks.length;
  const pendingParents = new Int32Array(taskCount);
  for (const task of plan.tasks) pendingParents[task.index] = task.parents.length;
  return {
    plan,
    taskState: new Uint8Array(taskCount),
    pendingParents,
    intrinsicSkip: new Array(taskCount).fill(undefined),
    resolvedWhen: new Array(taskCount).fill(undefined),
    failureKind: new Uint8Array(taskCount),
    taskRunsOf: Array.from({ length: taskCount }, () => []),
    resultProducers: [],
    runningTaskRunsOf: new Int32Array(taskCount),
    taskRuns: [],
    validationErrorOf: new Array(taskCount).fill(undefined),
    specStatus: (plan.runSpec.status ?? '') as RunState['specStatus'],
    started: false,
    pipelineSpecWritten: false,
    stopping: false,
    stoppingForFailure: false,
    pipelineTimedOut: false,
    tasksTimedOut: false,
    finallyTimedOut: false,
    finallyStarted: false,
    dagDoneCount: 0,
    finallyDoneCount: 0,
    readyQueue: [],
    succeededCount: 0,
    failedCount: 0,
    ignoredCount: 0,
    cancelledCount: 0,
    validationFailedCount: 0,
    skippedCount: 0,
    finallySkippedCount: 0,
    lastReconciledSkipFacts: { stopping: false, specStatus: '' },
    dagTimeoutSkipCount: 0,
    finallyTimeoutSkipCount: 0,
    waitingFinallyCount: 0,
    condition: {
      type: SUCCEEDED_CONDITION,
      status: 'Unknown',
      reason: PipelineRunReason.Started,
      message: '',
      lastTransitionTimeMs: 0,
    },
    done: false,
    results: [],
    finallyStartsAfterDagDone: plan.dagCount,
    commands: [],
    reconcileCount: 0,
    createdInReconcile: new Int32Array(taskCount),
    childReferencesWrittenIn: 0,
    cancelStamp: [],
  };
}

export function isDone(state: TaskState): boolean {
  return state >= TaskState.Succeeded;
}
