// The virtual-time loop for one PipelineRun: pops events in (time, priority, seq) order,
// lets the TaskRun lifecycle react, tells the scheduler what happened, and carries out the
// commands its reconcile returns: this loop is the only place TaskRuns are created or
// cancelled and timers set. Everything random comes in through the attempt behaviour (drawn
// here, when a create command is carried out); time is integer milliseconds.
import type { Plan } from '../plan/plan.js';
import type { SchedulerCommand } from '../scheduler/commands.js';
import { retryCancelledTaskRun, type PlantedFaults } from './faults.js';
import { deadlinePassed, specStatusPatched, taskRunTerminal } from '../scheduler/observe.js';
import { reconcile } from '../scheduler/reconcile.js';
import { createRunState, type RunState } from '../scheduler/state.js';
import type { PipelineRunSpecStatus } from '../tekton/types.js';
import { scriptBehaviour, type AttemptBehaviour } from '../taskrun/behaviour.js';
import { RunFiles } from '../taskrun/files.js';
import {
  attemptEnded,
  attemptTimedOut,
  cancelTookEffect,
  requestCancel,
  setOngoingCondition,
  startAttempt,
  type LifecycleContext,
} from '../taskrun/lifecycle.js';
import { addTaskRun, type CreateCommand } from './add-taskrun.js';
import { borrowQueue, type EventQueue, returnQueue } from './queue.js';
import { AttemptBoundError, type TaskRunBoundError } from '../model/not-completed.js';
import type { TaskRunRecord } from '../model/taskrun.js';
import type { DeadlineScope, TraceEvent } from '../model/trace.js';
import { Messages, TaskRunReason, TaskRunSpecStatus } from '../model/reasons.js';

/** Event kinds; at equal times the lower number goes first (see `Priority`). */
const Kind = {
  AttemptEnd: 0,
  AttemptTimeout: 1,
  CancelEffect: 2,
  TasksDeadline: 3,
  FinallyDeadline: 4,
  PipelineDeadline: 5,
  SpecStatusPatch: 6,
  Start: 7,
} as const;
const KIND_BITS = 3;
const KIND_MASK = (1 << KIND_BITS) - 1;

// At equal times: attempts that end exactly at a deadline end first, because Tekton's
// deadline checks are strict (elapsed > timeout); then TaskRun timeouts, cancellations taking
// effect, the run's deadlines, and last the user's patches.
const Priority: Record<number, number> = {
  [Kind.AttemptEnd]: 0,
  [Kind.AttemptTimeout]: 1,
  [Kind.CancelEffect]: 2,
  [Kind.TasksDeadline]: 3,
  [Kind.FinallyDeadline]: 4,
  [Kind.PipelineDeadline]: 5,
  [Kind.SpecStatusPatch]: 6,
  [Kind.Start]: 7,
};

const DEADLINE_KIND: Record<DeadlineScope, number> = {
  pipeline: Kind.PipelineDeadline,
  tasks: Kind.TasksDeadline,
  finally: Kind.FinallyDeadline,
};

type CancelCommand = Extract<SchedulerCommand, { kind: 'cancel-taskrun' }>;

export const DEFAULT_MAX_EVENTS = 1_000_000;

export interface SpecStatusPatch {
  atMs: number;
  /** A PipelineRun's spec.status, or TaskRunCancelled for a standalone TaskRun. */
  status: '' | PipelineRunSpecStatus | typeof TaskRunSpecStatus.TaskRunCancelled;
}

export interface SimulationOptions {
  behaviour?: AttemptBehaviour;
  /** spec.status patches at virtual times (cancellation, un-pending). */
  patches?: readonly SpecStatusPatch[];
  trace?: boolean;
  /** Liveness bound: more events than this is an error naming the run and seed. */
  maxEvents?: number;
  /** Time from a cancel request to the TaskRun being terminal. */
  cancelLatencyMs?: number;
  /** For the liveness message. */
  seed?: number;
  /** Test-only rule breaks (engine/faults.ts). */
  faults?: PlantedFaults;
  /**
   * Stop after the events at this virtual time (`run --at`): the run as it stands then, its
   * TaskRuns mid-flight. Undefined: run to the end.
   */
  stopAtMs?: number;
}

export interface SimulationResult {
  state: RunState;
  trace: TraceEvent[];
  eventCount: number;
  /** Virtual time of the last event: when the last TaskRun became terminal. */
  endTimeMs: number;
  /**
   * What steps assumed about files nobody wrote in this run (each named once): steps run
   * on, as if such a path existed and read empty, and the outcome rests on that.
   */
  fileWarnings: string[];
}

export class LivenessError extends Error {
  /** The bound the run reached: `1000000 events`, `10000 attempts of TaskRun "x"`. */
  readonly bound: string;

  constructor(
    readonly runName: string,
    readonly seed: number | undefined,
    readonly maxEvents: number,
    /** The run as it stood at the bound, for commands that show it (run, replay). */
    readonly partial?: SimulationResult,
    /**
     * Set when the run reached another bound than events: a TaskRun out of attempts, or a
     * fleet seed out of TaskRuns; its message names the bound.
     */
    attempts?: AttemptBoundError | TaskRunBoundError,
    /** What ran: a PipelineRun, or a standalone TaskRun (run --taskrun). */
    runKind: 'PipelineRun' | 'TaskRun' = 'PipelineRun',
  ) {
    const bound = attempts ? attempts.message : `${maxEvents} events`;
    super(
      `liveness: ${runKind} "${runName}"${seed === undefined ? '' : ` (seed ${seed})`} did not complete within ${bound}`,
    );
    this.bound = bound;
    this.name = 'LivenessError';
  }
}

export function simulate(plan: Plan, options: SimulationOptions = {}): SimulationResult {
  const queue = borrowQueue();
  try {
    return simulateWith(queue, plan, options);
  } finally {
    returnQueue(queue);
  }
}

function simulateWith(
  queue: EventQueue<number>,
  plan: Plan,
  options: SimulationOptions,
): SimulationResult {
  const faults = options.faults ?? {};
  const state = createRunState(plan);
  if (faults.finallyStartsEarly) state.finallyStartsAfterDagDone = 1;
  const trace: TraceEvent[] = [];
  const tracing = options.trace === true;
  const deadlineTimers: Record<DeadlineScope, number> = { pipeline: -1, tasks: -1, finally: -1 };
  const deadlineAtMs: Record<DeadlineScope, number> = { pipeline: -1, tasks: -1, finally: -1 };
  const push = (atMs: number, kind: number, index = 0) =>
    queue.schedule(Math.round(atMs), Priority[kind], index * (KIND_MASK + 1) + kind);

  const files = new RunFiles();
  const lifecycle: LifecycleContext = {
    plan,
    behaviour: options.behaviour ?? scriptBehaviour,
    cancelLatencyMs: options.cancelLatencyMs ?? 0,
    files,
    host: {
      scheduleAttemptTimer: (index, atMs, how) =>
        push(atMs, how === 'end' ? Kind.AttemptEnd : Kind.AttemptTimeout, index),
      cancelTimer: (id) => void queue.cancel(id),
      scheduleCancelEffect: (index, atMs) => void push(atMs, Kind.CancelEffect, index),
    },
  };
  if (tracing) {
    lifecycle.onAttemptStart = (taskRun, nowMs) =>
      trace.push({
        atMs: nowMs,
        kind: 'attempt-started',
        task: taskRun.taskIndex,
        taskRun: taskRun.index,
        attempt: taskRun.attempt,
        timeoutMs: taskRun.timeoutMs,
      });
    lifecycle.onAttemptEnd = (taskRun, nowMs, reason, willRetry) =>
      trace.push({
        atMs: nowMs,
        kind: 'attempt-ended',
        task: taskRun.taskIndex,
        taskRun: taskRun.index,
        attempt: taskRun.attempt,
        reason,
        willRetry,
      });
  }

  const createTaskRun = (command: CreateCommand, nowMs: number) => {
    const taskRun = addTaskRun(lifecycle, state, command, nowMs);
    if (tracing)
      trace.push({
        atMs: nowMs,
        kind: 'taskrun-created',
        task: taskRun.taskIndex,
        taskRun: taskRun.index,
        name: taskRun.name,
      });
    if (standaloneCancelled) cancelStandalone(nowMs);
    else if (standalone?.specStatus === TaskRunSpecStatus.TaskRunPending) {
      // ReconcileKind, IsPending: no startTime, no pod, no Task fetched; only a cancel (a
      // patch of spec.status) moves it on here, as clearing the status is not expressed.
      taskRun.startTimeCleared = taskRun.beforePrepare = true;
      setOngoingCondition(
        taskRun,
        TaskRunReason.TaskRunPending,
        Messages.taskRunPending(taskRun.name),
        nowMs,
      );
    } else startAttempt(lifecycle, taskRun, nowMs);
  };
  // A standalone TaskRun is cancelled by its own spec.status (ReconcileKind: IsCancelled),
  // from its creation or by a patch; no PipelineRun controller is involved.
  const standalone = plan.standaloneTaskRun;
  let standaloneCancelled = standalone?.specStatus === TaskRunSpecStatus.TaskRunCancelled;
  const cancelStandalone = (nowMs: number) => {
    const taskRun = state.taskRuns[0];
    standaloneCancelled = true;
    if (!taskRun) return;
    // Cancelled at its first reconcile: InitializeConditions, then failTaskRun before prepare,
    // with no pod, no steps and no Task fetched.
    if (taskRun.stepsStartMs === undefined)
      taskRun.cancelledWithoutPod = taskRun.beforePrepare = true;
    if (tracing)
      trace.push({
        atMs: nowMs,
        kind: 'cancel-requested',
        task: 0,
        taskRun: 0,
        forTimeout: false,
      });
    requestCancel(lifecycle, taskRun, standalone?.statusMessage ?? '', false, nowMs);
  };
  const cancelTaskRun = (command: CancelCommand, nowMs: number) => {
    const taskRun = state.taskRuns[command.taskRun];
    const { statusMessage, forTimeout } = command;
    if (tracing)
      trace.push({
        atMs: nowMs,
        kind: 'cancel-requested',
        task: taskRun.taskIndex,
        taskRun: command.taskRun,
        forTimeout,
      });
    requestCancel(lifecycle, taskRun, statusMessage, forTimeout, nowMs);
  };
  const setDeadline = (scope: DeadlineScope, atMs: number) => {
    if (scope === 'pipeline' && faults.missPipelineDeadline) return;
    deadlineAtMs[scope] = Math.round(Math.max(atMs, queue.currentTimeMs));
    deadlineTimers[scope] = push(deadlineAtMs[scope], DEADLINE_KIND[scope]);
  };
  const clearDeadline = (scope: DeadlineScope) => {
    if (deadlineTimers[scope] >= 0) queue.cancel(deadlineTimers[scope]);
    deadlineTimers[scope] = -1;
  };
  /** One reconcile, then its commands, in the order the scheduler decided them. */
  const reconcileAndCarryOut = (nowMs: number) => {
    for (const command of reconcile(state, nowMs)) {
      switch (command.kind) {
        case 'create-taskrun':
          createTaskRun(command, nowMs);
          break;
        case 'cancel-taskrun':
          cancelTaskRun(command, nowMs);
          break;
        case 'set-deadline':
          setDeadline(command.scope, command.atMs);
          break;
        case 'clear-deadline':
          clearDeadline(command.scope);
          break;
        case 'note':
          if (tracing) trace.push(command.note);
          break;
      }
    }
  };

  const patches = options.patches ?? [];
  patches.forEach((patch, index) => push(patch.atMs, Kind.SpecStatusPatch, index));
  push(0, Kind.Start);

  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  let eventCount = 0;
  const stopped = (attempts?: AttemptBoundError) => {
    const partial = {
      state,
      trace,
      eventCount,
      endTimeMs: queue.currentTimeMs,
      fileWarnings: files.warnings,
    };
    return new LivenessError(
      plan.standaloneTaskRun?.name ?? plan.pipelineRunName,
      options.seed,
      maxEvents,
      partial,
      attempts,
      plan.standaloneTaskRun ? 'TaskRun' : 'PipelineRun',
    );
  };
  // Whether the TaskRun is terminal once its attempt ended, timed out or was cancelled; a
  // retry past the attempts bound stops the run as the event bound does.
  const attemptOver = (kind: number, taskRun: TaskRunRecord, nowMs: number): boolean => {
    try {
      return kind === Kind.AttemptEnd
        ? attemptEnded(lifecycle, taskRun, nowMs)
        : kind === Kind.AttemptTimeout
          ? attemptTimedOut(lifecycle, taskRun, nowMs)
          : ((faults.retryAfterCancel
              ? retryCancelledTaskRun(lifecycle, taskRun, nowMs)
              : undefined) ?? cancelTookEffect(lifecycle, taskRun, nowMs));
    } catch (error) {
      throw error instanceof AttemptBoundError ? stopped(error) : error;
    }
  };
  const stopAtMs = options.stopAtMs ?? Number.POSITIVE_INFINITY;
  while ((stopAtMs === Number.POSITIVE_INFINITY || queue.peekTimeMs() <= stopAtMs) && queue.pop()) {
    if (++eventCount > maxEvents) {
      eventCount = maxEvents;
      throw stopped();
    }
    const nowMs = queue.currentTimeMs;
    const payload = queue.currentPayload;
    const kind = payload & KIND_MASK;
    const index = payload >>> KIND_BITS;
    switch (kind) {
      case Kind.AttemptEnd:
      case Kind.AttemptTimeout:
      case Kind.CancelEffect: {
        const taskRun = state.taskRuns[index];
        if (!attemptOver(kind, taskRun, nowMs)) break;
        if (tracing)
          trace.push({
            atMs: nowMs,
            kind: 'taskrun-completed',
            task: taskRun.taskIndex,
            taskRun: index,
            succeeded: taskRun.succeeded,
            reason: taskRun.reason,
          });
        taskRunTerminal(state, index);
        reconcileAndCarryOut(nowMs);
        break;
      }
      case Kind.TasksDeadline:
      case Kind.FinallyDeadline:
      case Kind.PipelineDeadline: {
        const scope: DeadlineScope =
          kind === Kind.PipelineDeadline
            ? 'pipeline'
            : kind === Kind.TasksDeadline
              ? 'tasks'
              : 'finally';
        deadlineTimers[scope] = -1;
        const passed = (due: DeadlineScope) => {
          if (tracing) trace.push({ atMs: nowMs, kind: 'deadline', scope: due });
          deadlinePassed(state, due);
        };
        passed(scope);
        // Deadlines due at the same instant have all passed when the controller next looks
        // (tekton-semantics 0, 5.1): one reconcile sees them together, so the pipeline
        // deadline's message wins over the tasks deadline's when both fall at the same time.
        for (const other of ['tasks', 'finally', 'pipeline'] as const) {
          if (deadlineTimers[other] >= 0 && deadlineAtMs[other] <= nowMs) {
            queue.cancel(deadlineTimers[other]);
            deadlineTimers[other] = -1;
            passed(other);
          }
        }
        reconcileAndCarryOut(nowMs);
        break;
      }
      case Kind.SpecStatusPatch: {
        const patch = patches[index];
        if (tracing) trace.push({ atMs: nowMs, kind: 'spec-status', status: patch.status });
        if (standalone) {
          if (patch.status === TaskRunSpecStatus.TaskRunCancelled) cancelStandalone(nowMs);
          break;
        }
        specStatusPatched(state, patch.status as '' | PipelineRunSpecStatus);
        reconcileAndCarryOut(nowMs);
        break;
      }
      case Kind.Start:
        reconcileAndCarryOut(nowMs);
        break;
    }
  }
  return {
    state,
    trace,
    eventCount,
    endTimeMs: queue.currentTimeMs,
    fileWarnings: files.warnings,
  };
}
