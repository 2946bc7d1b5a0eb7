// One PipelineRun inside a fleet simulation: its scheduler state, its TaskRuns' lifecycle,
// its deadlines and its trace. It reacts to its own events the way the single-run engine
// does (engine/simulation.ts); what differs is that reconciles go through the controller's
// work queue and its TaskRuns' pods through the cluster, both owned by the fleet (Host).
import type { Plan } from '../plan/plan.js';
import { deadlinePassed, specStatusPatched, taskRunTerminal } from '../scheduler/observe.js';
import { reconcile } from '../scheduler/reconcile.js';
import { reconcileEnd } from '../scheduler/reconcile-end.js';
import type { SchedulerCommand } from '../scheduler/commands.js';
import { createRunState, type RunState } from '../scheduler/state.js';
import type { TaskRunRecord } from '../model/taskrun.js';
import {
  attemptEnded,
  attemptTimedOut,
  cancelTookEffect,
  requestCancel,
  prepareFailure,
  startAttempt,
  type LifecycleContext,
} from '../taskrun/lifecycle.js';
import { RunFiles } from '../taskrun/files.js';
import { addTaskRun, type CreateCommand } from './add-taskrun.js';
import type { FleetRunInput } from './fleet-types.js';
import type { SpecStatusPatch } from './simulation.js';
import type { DeadlineScope, TraceEvent } from '../model/trace.js';
import type { PipelineRunStatusView } from '../model/status.js';

/** Per-run event kinds, in the single-run engine's order at equal times. */
export const RunEvent = {
  AttemptEnd: 0,
  AttemptTimeout: 1,
  CancelEffect: 2,
  TasksDeadline: 3,
  FinallyDeadline: 4,
  PipelineDeadline: 5,
  SpecStatusPatch: 6,
} as const;

/** A call the run's reconcile makes through the rate-limited client, in order. */
export type ApiCall =
  /** `timing` is the TaskRun's global id, given when the reconcile decided it. */
  | { kind: 'create'; command: CreateCommand; timing: number }
  | { kind: 'cancel'; taskRun: number; message: string; forTimeout: boolean }
  | { kind: 'status' };

/** What a run needs from the fleet around it. */
export interface FleetHost {
  schedule(atMs: number, kind: number, run: number, index: number): number;
  cancel(timerId: number): void;
  nowMs(): number;
  requestReconcile(run: number): void;
  /** The TaskRun's attempt needs a pod (created, first attempt, or a retry). */
  beginPod(run: number, taskRun: number, nowMs: number): void;
  /** The TaskRun's running attempt ended (or was cancelled): its pod goes. */
  endPod(run: number, taskRun: number, nowMs: number): void;
  /** A reconcile decided to create a TaskRun of `task`; returns its global id. */
  taskRunDecided(run: number, task: number, nowMs: number): number;
  /** The TaskRun with global id `timing` now exists as the run's TaskRun `taskRun`. */
  taskRunCreated(run: number, taskRun: number, timing: number, nowMs: number): void;
}

export class FleetRun {
  readonly state: RunState;
  readonly trace: TraceEvent[] = [];
  readonly lifecycle: LifecycleContext;
  /** The run's virtual files, shared by its TaskRuns' steps as in the single-run engine. */
  readonly files = new RunFiles();
  /** Calls decided by the reconcile in progress, carried out by its worker in order. */
  readonly calls: ApiCall[] = [];
  private readonly deadlineTimers: Record<DeadlineScope, number> = {
    pipeline: -1,
    tasks: -1,
    finally: -1,
  };
  private readonly deadlineAtMs: Record<DeadlineScope, number> = {
    pipeline: -1,
    tasks: -1,
    finally: -1,
  };
  /**
   * The earliest deadline that passed since the run's last reconcile (NaN when none): the
   * deadline's requeue goes through the controller's work queue (knative's handleErr
   * AddAfter), so it is enforced only when a worker next reconciles the run.
   */
  private unobservedDeadlineAtMs = Number.NaN;
  /** A deadline passed since the run's last reconcile began: its end reads the clock again. */
  private deadlinePassedInReconcile = false;
  /**
   * deadline-lag: the longest a deadline of this run waited for the reconcile that observed
   * it (undefined when none passed).
   */
  deadlineLagMs: number | undefined;
  /** The status its last reconcile wrote, kept only when the fleet stops mid-way; null: none yet. */
  writtenStatus: PipelineRunStatusView | null = null;
  private readonly patches: readonly SpecStatusPatch[];
  /** spec.status as the user wrote it, restored when admission lets the run start. */
  private readonly writtenSpecStatus: RunState['specStatus'];

  constructor(
    readonly index: number,
    readonly input: FleetRunInput,
    private readonly host: FleetHost,
    private readonly tracing: boolean,
    cancelLatencyMs: number,
  ) {
    const plan: Plan = input.plan;
    this.state = createRunState(plan);
    this.writtenSpecStatus = this.state.specStatus;
    this.patches = input.patches ?? [];
    const run = index;
    this.lifecycle = {
      plan,
      behaviour: input.behaviour,
      cancelLatencyMs,
      files: this.files,
      host: {
        scheduleAttemptTimer: (taskRun, atMs, how) =>
          host.schedule(
            atMs,
            how === 'end' ? RunEvent.AttemptEnd : RunEvent.AttemptTimeout,
            run,
            taskRun,
          ),
        cancelTimer: (id) => host.cancel(id),
        scheduleCancelEffect: (taskRun, atMs) =>
          void host.schedule(atMs, RunEvent.CancelEffect, run, taskRun),
      },
      onAttemptEnd: (taskRun, nowMs, reason, willRetry) => {
        host.endPod(run, taskRun.index, nowMs);
        if (this.tracing)
          this.trace.push({
            atMs: nowMs,
            kind: 'attempt-ended',
            task: taskRun.taskIndex,
            taskRun: taskRun.index,
            attempt: taskRun.attempt,
            reason,
            willRetry,
          });
      },
      // A retry is a new pod; Tekton clears startTime and sets it again as it creates the pod.
      beginAttempt: (taskRun, nowMs) => {
        taskRun.attemptStartMs = nowMs;
        if (prepareFailure(plan, taskRun) !== undefined)
          startAttempt(this.lifecycle, taskRun, nowMs);
        else host.beginPod(run, taskRun.index, nowMs);
      },
    };
    if (tracing)
      this.lifecycle.onAttemptStart = (taskRun, nowMs) =>
        this.trace.push({
          atMs: nowMs,
          kind: 'attempt-started',
          task: taskRun.taskIndex,
          taskRun: taskRun.index,
          attempt: taskRun.attempt,
          timeoutMs: taskRun.timeoutMs,
        });
  }

  /**
   * The run's reconcile, as the worker that took its key at `startedAtMs` runs it; its
   * decisions are made at `nowMs`, after the reconcile's cost.
   */
  reconcile(nowMs: number, startedAtMs: number): void {
    if (this.tracing) this.trace.push({ atMs: nowMs, kind: 'reconcile' });
    if (!Number.isNaN(this.unobservedDeadlineAtMs)) {
      const lagMs = nowMs - this.unobservedDeadlineAtMs;
      this.deadlineLagMs = Math.max(this.deadlineLagMs ?? 0, lagMs);
      this.unobservedDeadlineAtMs = Number.NaN;
    }
    this.deadlinePassedInReconcile = false;
    this.carryOut(reconcile(this.state, nowMs, startedAtMs), nowMs);
    this.calls.push({ kind: 'status' });
  }

  /**
   * The reconcile's creates have all gone out and its status call is next: Tekton reads its
   * clock again here (scheduler/reconcile-end.ts), so a deadline that passed while those
   * calls waited for the rate limiter is acted on now, its cancels before the status call.
   */
  reconcileEnd(nowMs: number): void {
    if (!this.deadlinePassedInReconcile) return;
    this.deadlinePassedInReconcile = false;
    const status = this.calls.pop();
    this.carryOut(reconcileEnd(this.state, nowMs), nowMs);
    if (status) this.calls.push(status);
    if (this.state.done && !Number.isNaN(this.unobservedDeadlineAtMs)) {
      this.deadlineLagMs = Math.max(this.deadlineLagMs ?? 0, nowMs - this.unobservedDeadlineAtMs);
      this.unobservedDeadlineAtMs = Number.NaN;
    }
  }

  private carryOut(commands: readonly SchedulerCommand[], nowMs: number): void {
    for (const command of commands) {
      switch (command.kind) {
        case 'create-taskrun':
          this.calls.push({
            kind: 'create',
            command,
            timing: this.host.taskRunDecided(this.index, command.task, nowMs),
          });
          break;
        case 'cancel-taskrun':
          this.calls.push({
            kind: 'cancel',
            taskRun: command.taskRun,
            message: command.statusMessage,
            forTimeout: command.forTimeout,
          });
          break;
        case 'set-deadline':
          this.setDeadline(command.scope, command.atMs);
          break;
        case 'clear-deadline':
          if (this.deadlineTimers[command.scope] >= 0)
            this.host.cancel(this.deadlineTimers[command.scope]);
          this.deadlineTimers[command.scope] = -1;
          break;
        case 'note':
          if (this.tracing) this.trace.push(command.note);
          break;
      }
    }
  }

  private setDeadline(scope: DeadlineScope, atMs: number): void {
    const kind =
      scope === 'pipeline'
        ? RunEvent.PipelineDeadline
        : scope === 'tasks'
          ? RunEvent.TasksDeadline
          : RunEvent.FinallyDeadline;
    this.deadlineAtMs[scope] = Math.round(Math.max(atMs, this.host.nowMs()));
    this.deadlineTimers[scope] = this.host.schedule(this.deadlineAtMs[scope], kind, this.index, 0);
  }

  /** A create call went out: the TaskRun exists from now and its attempt needs a pod. */
  created(command: CreateCommand, timing: number, nowMs: number): TaskRunRecord {
    const taskRun = addTaskRun(this.lifecycle, this.state, command, nowMs);
    this.host.taskRunCreated(this.index, taskRun.index, timing, nowMs);
    if (this.tracing)
      this.trace.push({
        atMs: nowMs,
        kind: 'taskrun-created',
        task: taskRun.taskIndex,
        taskRun: taskRun.index,
        name: taskRun.name,
      });
    // A TaskRun whose StepActions do not resolve fails before it asks for a pod.
    if (prepareFailure(this.state.plan, taskRun) !== undefined)
      startAttempt(this.lifecycle, taskRun, nowMs);
    else this.host.beginPod(this.index, taskRun.index, nowMs);
    return taskRun;
  }

  /** A cancel call went out: spec.status TaskRunCancelled is patched now. */
  cancelled(taskRun: TaskRunRecord, message: string, forTimeout: boolean, nowMs: number): void {
    if (this.tracing)
      this.trace.push({
        atMs: nowMs,
        kind: 'cancel-requested',
        task: taskRun.taskIndex,
        taskRun: taskRun.index,
        forTimeout,
      });
    requestCancel(this.lifecycle, taskRun, message, forTimeout, nowMs);
  }

  /** `kind` is a RunEvent. */
  handle(kind: number, index: number, nowMs: number): void {
    switch (kind) {
      case RunEvent.AttemptEnd:
      case RunEvent.AttemptTimeout:
      case RunEvent.CancelEffect: {
        const taskRun = this.state.taskRuns[index];
        const terminal =
          kind === RunEvent.AttemptEnd
            ? attemptEnded(this.lifecycle, taskRun, nowMs)
            : kind === RunEvent.AttemptTimeout
              ? attemptTimedOut(this.lifecycle, taskRun, nowMs)
              : cancelTookEffect(this.lifecycle, taskRun, nowMs);
        if (terminal) this.taskRunTerminal(taskRun, nowMs);
        return;
      }
      case RunEvent.SpecStatusPatch: {
        const patch = this.patches[index];
        if (this.tracing)
          this.trace.push({ atMs: nowMs, kind: 'spec-status', status: patch.status });
        // A fleet runs PipelineRuns only; `run` refuses a standalone TaskRun on a cluster.
        specStatusPatched(this.state, patch.status as Parameters<typeof specStatusPatched>[1]);
        this.host.requestReconcile(this.index);
        return;
      }
      default:
        this.deadlinePassed(kind, nowMs);
    }
  }

  /** The TaskRun just became terminal (by its attempt, a cancel, or its pod failing). */
  taskRunTerminal(taskRun: TaskRunRecord, nowMs: number): void {
    if (this.tracing)
      this.trace.push({
        atMs: nowMs,
        kind: 'taskrun-completed',
        task: taskRun.taskIndex,
        taskRun: taskRun.index,
        succeeded: taskRun.succeeded,
        reason: taskRun.reason,
      });
    taskRunTerminal(this.state, taskRun.index);
    this.host.requestReconcile(this.index);
  }

  /** The run is admitted: its patches are scheduled from now, and it reconciles. */
  admit(nowMs: number): void {
    if (this.state.specStatus !== this.writtenSpecStatus)
      specStatusPatched(this.state, this.writtenSpecStatus);
    this.patches.forEach((patch, index) =>
      this.host.schedule(nowMs + patch.atMs, RunEvent.SpecStatusPatch, this.index, index),
    );
    this.host.requestReconcile(this.index);
  }

  /** The run arrives but must wait: it is created with spec.status PipelineRunPending. */
  holdPending(): void {
    specStatusPatched(this.state, 'PipelineRunPending');
    this.host.requestReconcile(this.index);
  }

  private deadlinePassed(kind: number, nowMs: number): void {
    const scope: DeadlineScope =
      kind === RunEvent.PipelineDeadline
        ? 'pipeline'
        : kind === RunEvent.TasksDeadline
          ? 'tasks'
          : 'finally';
    this.deadlineTimers[scope] = -1;
    if (Number.isNaN(this.unobservedDeadlineAtMs) && !this.state.done)
      this.unobservedDeadlineAtMs = nowMs;
    this.deadlinePassedInReconcile = true;
    const passed = (due: DeadlineScope) => {
      if (this.tracing) this.trace.push({ atMs: nowMs, kind: 'deadline', scope: due });
      deadlinePassed(this.state, due);
    };
    passed(scope);
    // As in the single-run engine: deadlines due at one instant pass together.
    for (const other of ['tasks', 'finally', 'pipeline'] as const) {
      if (this.deadlineTimers[other] >= 0 && this.deadlineAtMs[other] <= nowMs) {
        this.host.cancel(this.deadlineTimers[other]);
        this.deadlineTimers[other] = -1;
        passed(other);
      }
    }
    this.host.requestReconcile(this.index);
  }
}
