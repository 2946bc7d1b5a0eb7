// The virtual-time loop for one PipelineRun: pops events in (time, priority, seq) order,
// lets the TaskRun lifecycle and the PipelineRun reconciler react, and records the trace.
// Everything random comes in through the attempt behaviour; time is integer milliseconds.
import type { Plan } from '../plan/plan.js';
import type { DeadlineScope, SchedulerEffects, SchedulerNote } from '../scheduler/effects.js';
import { retryCancelledTaskRun, type PlantedFaults } from './faults.js';
import { reconcile, taskRunTerminal } from '../scheduler/reconcile.js';
import { createRunState, type RunState } from '../scheduler/state.js';
import type { PipelineRunSpecStatus } from '../tekton/types.js';
import { scriptBehaviour, type AttemptBehaviour } from '../taskrun/behaviour.js';
import {
  attemptEnded,
  attemptTimedOut,
  cancelTookEffect,
  createTaskRunRecord,
  requestCancel,
  startAttempt,
  type LifecycleContext,
} from '../taskrun/lifecycle.js';
import { EventQueue } from './queue.js';
import type { TraceEvent } from '../model/trace.js';
import { SpecStatus } from '../model/reasons.js';

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

export const DEFAULT_MAX_EVENTS = 1_000_000;

export interface SpecStatusPatch {
  atMs: number;
  status: '' | PipelineRunSpecStatus;
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
}

export interface SimulationResult {
  state: RunState;
  trace: TraceEvent[];
  eventCount: number;
  /** Virtual time of the last event: when the last TaskRun became terminal. */
  endTimeMs: number;
}

export class LivenessError extends Error {
  constructor(
    readonly runName: string,
    readonly seed: number | undefined,
    readonly maxEvents: number,
  ) {
    super(
      `liveness: PipelineRun "${runName}"${seed === undefined ? '' : ` (seed ${seed})`} did not complete within ${maxEvents} events`,
    );
    this.name = 'LivenessError';
  }
}

export function simulate(plan: Plan, options: SimulationOptions = {}): SimulationResult {
  const queue = new EventQueue<number>();
  const faults = options.faults ?? {};
  const state = createRunState(plan);
  if (faults.finallyStartsEarly) state.finallyStartsAfterDagDone = 1;
  const trace: TraceEvent[] = [];
  const tracing = options.trace === true;
  const deadlineTimers: Record<DeadlineScope, number> = { pipeline: -1, tasks: -1, finally: -1 };
  const deadlineAtMs: Record<DeadlineScope, number> = { pipeline: -1, tasks: -1, finally: -1 };
  const push = (atMs: number, kind: number, index = 0) =>
    queue.schedule(Math.round(atMs), Priority[kind], index * (KIND_MASK + 1) + kind);

  const lifecycle: LifecycleContext = {
    plan,
    behaviour: options.behaviour ?? scriptBehaviour,
    cancelLatencyMs: options.cancelLatencyMs ?? 0,
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

  const effects: SchedulerEffects = {
    createTaskRun(taskIndex, matrixIndex, params, nowMs, matrixCount = 1) {
      const index = state.taskRuns.length;
      const taskRun = createTaskRunRecord(
        lifecycle,
        index,
        taskIndex,
        { matrixIndex, matrixCount },
        params,
        nowMs,
      );
      state.taskRuns.push(taskRun);
      state.taskRunsOf[taskIndex].push(index);
      if (tracing)
        trace.push({
          atMs: nowMs,
          kind: 'taskrun-created',
          task: taskIndex,
          taskRun: index,
          name: taskRun.name,
        });
      startAttempt(lifecycle, taskRun, nowMs);
    },
    cancelTaskRun(taskRunIndex, statusMessage, forTimeout, nowMs) {
      const taskRun = state.taskRuns[taskRunIndex];
      if (tracing)
        trace.push({
          atMs: nowMs,
          kind: 'cancel-requested',
          task: taskRun.taskIndex,
          taskRun: taskRunIndex,
          forTimeout,
        });
      requestCancel(lifecycle, taskRun, statusMessage, forTimeout, nowMs);
    },
    setDeadline(scope, atMs) {
      if (scope === 'pipeline' && faults.missPipelineDeadline) return;
      const kind =
        scope === 'pipeline'
          ? Kind.PipelineDeadline
          : scope === 'tasks'
            ? Kind.TasksDeadline
            : Kind.FinallyDeadline;
      deadlineAtMs[scope] = Math.round(Math.max(atMs, queue.currentTimeMs));
      deadlineTimers[scope] = push(deadlineAtMs[scope], kind);
    },
    clearDeadline(scope) {
      if (deadlineTimers[scope] >= 0) queue.cancel(deadlineTimers[scope]);
      deadlineTimers[scope] = -1;
    },
  };
  if (tracing) effects.note = (note: SchedulerNote) => trace.push(note as TraceEvent);

  const patches = options.patches ?? [];
  patches.forEach((patch, index) => push(patch.atMs, Kind.SpecStatusPatch, index));
  push(0, Kind.Start);

  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  let eventCount = 0;
  while (queue.pop()) {
    if (++eventCount > maxEvents)
      throw new LivenessError(plan.pipelineRunName, options.seed, maxEvents);
    const nowMs = queue.currentTimeMs;
    const payload = queue.currentPayload;
    const kind = payload & KIND_MASK;
    const index = payload >>> KIND_BITS;
    switch (kind) {
      case Kind.AttemptEnd:
      case Kind.AttemptTimeout:
      case Kind.CancelEffect: {
        const taskRun = state.taskRuns[index];
        const terminal =
          kind === Kind.AttemptEnd
            ? attemptEnded(lifecycle, taskRun, nowMs)
            : kind === Kind.AttemptTimeout
              ? attemptTimedOut(lifecycle, taskRun, nowMs)
              : ((faults.retryAfterCancel
                  ? retryCancelledTaskRun(lifecycle, taskRun, nowMs)
                  : undefined) ?? cancelTookEffect(lifecycle, taskRun, nowMs));
        if (!terminal) break;
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
        reconcile(state, nowMs, effects);
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
          if (due === 'pipeline') state.pipelineTimedOut = true;
          else if (due === 'tasks') state.tasksTimedOut = true;
          else state.finallyTimedOut = true;
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
        reconcile(state, nowMs, effects);
        break;
      }
      case Kind.SpecStatusPatch: {
        const patch = patches[index];
        if (tracing) trace.push({ atMs: nowMs, kind: 'spec-status', status: patch.status });
        // Once started, a run cannot become Pending again (4.4); a done run takes no patch.
        if (!(patch.status === SpecStatus.PipelineRunPending && state.started) && !state.done)
          state.specStatus = patch.status;
        reconcile(state, nowMs, effects);
        break;
      }
      case Kind.Start:
        reconcile(state, nowMs, effects);
        break;
    }
  }
  return { state, trace, eventCount, endTimeMs: queue.currentTimeMs };
}
