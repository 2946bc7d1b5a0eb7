// Per-task facts read back from a trace, shared by the checkers: when each task was first
// created, when it was done, and how. Positions in the trace order same-time events the way
// the engine handled them, so "before" means an earlier position, not only an earlier time.
import type { TraceEvent } from '../../model/trace.js';
import type { Plan } from '../../plan/plan.js';
import { TaskRunReason } from '../../model/reasons.js';

export interface TaskFacts {
  /** Trace position and time of the first TaskRun created for the task; -1 when none. */
  createdAt: number;
  createdAtMs: number;
  taskRunsCreated: number;
  taskRunsCompleted: number;
  /** Trace position at which the task became done (all TaskRuns terminal, skipped, invalid); -1 when never. */
  doneAt: number;
  doneAtMs: number;
  skipReasons: string[];
  validationFailures: number;
  /** Every TaskRun of the task succeeded. */
  allSucceeded: boolean;
  /** Reasons of the TaskRuns that did not succeed. */
  failureReasons: string[];
  /** Some TaskRun of the task was cancelled for a deadline. */
  cancelledForTimeout: boolean;
}

export interface RunFacts {
  tasks: TaskFacts[];
  taskOfTaskRun: number[];
  /** Trace position of each TaskRun's create. */
  taskRunCreatedAt: number[];
  /** Trace position of run-completed, -1 when the run never completed. */
  completedAt: number;
  completedAtMs: number;
  finallyStartedAt: number;
  finallyStartedAtMs: number;
  startedAtMs: number;
  /** The first deadline event of each scope, as a trace position (-1 when none). */
  deadlineAt: Record<'pipeline' | 'tasks' | 'finally', number>;
  /** The time of each scope's first deadline event (-1 when none). */
  deadlineAtMs: Record<'pipeline' | 'tasks' | 'finally', number>;
  /**
   * Trace positions and times of the controller's reconciles, in order; empty for the
   * single-run engine, whose every reconcile runs at the event that triggered it.
   */
  reconcileAt: number[];
  reconcileAtMs: number[];
  /** Trace positions and times of the worker's TaskRun creates and cancels, in order. */
  callAt: number[];
  callAtMs: number[];
  /** The first effective spec.status patch to each mode, as a trace position (-1 when none). */
  patchAt: Record<string, number>;
  completedReason: string;
  completedStatus: string;
}

/** The observation's facts: the ones checkRun read once, or read now. */
export function factsOf(run: {
  plan: Plan;
  result: { trace: readonly TraceEvent[] };
  facts?: RunFacts;
}): RunFacts {
  return run.facts ?? runFacts(run.plan, run.result.trace);
}

export function runFacts(plan: Plan, trace: readonly TraceEvent[]): RunFacts {
  const tasks: TaskFacts[] = plan.tasks.map(() => ({
    createdAt: -1,
    createdAtMs: -1,
    taskRunsCreated: 0,
    taskRunsCompleted: 0,
    doneAt: -1,
    doneAtMs: -1,
    skipReasons: [],
    validationFailures: 0,
    allSucceeded: true,
    failureReasons: [],
    cancelledForTimeout: false,
  }));
  const facts: RunFacts = {
    tasks,
    taskOfTaskRun: [],
    taskRunCreatedAt: [],
    completedAt: -1,
    completedAtMs: -1,
    finallyStartedAt: -1,
    finallyStartedAtMs: -1,
    startedAtMs: 0,
    deadlineAt: { pipeline: -1, tasks: -1, finally: -1 },
    deadlineAtMs: { pipeline: -1, tasks: -1, finally: -1 },
    reconcileAt: [],
    reconcileAtMs: [],
    callAt: [],
    callAtMs: [],
    patchAt: {},
    completedReason: '',
    completedStatus: '',
  };
  const cancelForTimeout = new Set<number>();
  const markDone = (task: TaskFacts, position: number, atMs: number) => {
    if (task.doneAt < 0) {
      task.doneAt = position;
      task.doneAtMs = atMs;
    }
  };
  trace.forEach((event, position) => {
    switch (event.kind) {
      case 'run-started':
        facts.startedAtMs = event.startTimeMs ?? event.atMs;
        break;
      case 'taskrun-created': {
        const task = tasks[event.task];
        facts.taskOfTaskRun[event.taskRun] = event.task;
        facts.taskRunCreatedAt[event.taskRun] = position;
        facts.callAt.push(position);
        facts.callAtMs.push(event.atMs);
        task.taskRunsCreated++;
        if (task.createdAt < 0) {
          task.createdAt = position;
          task.createdAtMs = event.atMs;
        }
        break;
      }
      case 'cancel-requested':
        if (event.forTimeout) cancelForTimeout.add(event.taskRun);
        facts.callAt.push(position);
        facts.callAtMs.push(event.atMs);
        break;
      case 'taskrun-completed': {
        const task = tasks[event.task];
        task.taskRunsCompleted++;
        if (!event.succeeded) {
          task.allSucceeded = false;
          task.failureReasons.push(event.reason);
          if (
            cancelForTimeout.has(event.taskRun) &&
            event.reason === TaskRunReason.TaskRunCancelled
          )
            task.cancelledForTimeout = true;
        }
        // Matrix TaskRuns of one task are all created in one reconcile, so equal counts mean done.
        if (task.taskRunsCompleted === task.taskRunsCreated) markDone(task, position, event.atMs);
        break;
      }
      case 'task-skipped':
        tasks[event.task].skipReasons.push(event.reason);
        markDone(tasks[event.task], position, event.atMs);
        break;
      case 'task-validation-failed':
        tasks[event.task].validationFailures++;
        markDone(tasks[event.task], position, event.atMs);
        break;
      case 'finally-started':
        if (facts.finallyStartedAt < 0) {
          facts.finallyStartedAt = position;
          facts.finallyStartedAtMs = event.atMs;
        }
        break;
      case 'deadline':
        if (facts.deadlineAt[event.scope] < 0) {
          facts.deadlineAt[event.scope] = position;
          facts.deadlineAtMs[event.scope] = event.atMs;
        }
        break;
      case 'reconcile':
        facts.reconcileAt.push(position);
        facts.reconcileAtMs.push(event.atMs);
        break;
      case 'spec-status':
        // A patch after completion changes nothing (the engine ignores it too).
        if (facts.completedAt < 0 && facts.patchAt[event.status] === undefined)
          facts.patchAt[event.status] = position;
        break;
      case 'run-completed':
        if (facts.completedAt < 0) {
          facts.completedAt = position;
          facts.completedAtMs = event.atMs;
          facts.completedReason = event.reason;
          facts.completedStatus = event.status;
        }
        break;
      default:
        break;
    }
  });
  return facts;
}

/** Position of the first of several optional positions (-1 = never); -1 when none happened. */
export function firstOf(...positions: number[]): number {
  const happened = positions.filter((position) => position >= 0);
  return happened.length === 0 ? -1 : Math.min(...happened);
}

/** Trace position before which nothing happened: for "x before y" with y possibly never. */
export function before(position: number, other: number): boolean {
  return position >= 0 && (other < 0 || position < other);
}

/**
 * Index in `reconcileAt` of the last reconcile at or before `position` (the one whose worker
 * made a call found there); -1 when none.
 */
export function reconcileBefore(facts: RunFacts, position: number): number {
  const positions = facts.reconcileAt;
  let low = 0;
  let high = positions.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (positions[middle] <= position) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/**
 * The trace position of the reconcile that decided what is found at `position`: a cluster's
 * worker makes a reconcile's calls (TaskRun creates among them) through the rate limit after
 * the reconcile began, so a TaskRun created now may have been decided a while ago. Without
 * reconcile events (the single-run engine) everything is decided where it is found.
 */
export function decidedAt(facts: RunFacts, position: number): number {
  if (facts.reconcileAt.length === 0) return position;
  const index = reconcileBefore(facts, position);
  return index < 0 ? position : facts.reconcileAt[index];
}
