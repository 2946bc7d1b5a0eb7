// One seed through the kernel: the fleet engine's loop for one PipelineRun (engine/fleet.ts,
// fleet-run.ts, fleet-pods.ts), its TaskRuns' lifecycle (taskrun/lifecycle.ts) and the
// controller's work queue and token bucket, over the state's typed arrays. Every step is
// taken in the reference's order, so events tie-break and draw as they do there. The
// scheduler's part is in decide.ts; the invariants' incremental part is inlined where the
// reference emits the trace event it reads, the rest is in observers.ts.
import type { AttemptRow } from '../check/attempt-rows.js';
import type { SeedResult } from '../check/seed-result.js';
import type { SeedSeries } from '../check/seed-series.js';
import { DEFAULT_MAX_EVENTS } from '../engine/simulation.js';
import { MAX_ATTEMPTS_PER_TASKRUN } from '../model/not-completed.js';
import { sample, sampleDurationMs } from '../workload/distribution.js';
import { MAX_DURATION_MS } from '../workload/limits.js';
import { streamSeed } from '../workload/rng.js';
import {
  DURATION_STREAM,
  FAILURE_AT_STREAM,
  FAILURE_STREAM,
  STREAMS_PER_TASK,
  type Kernel,
} from './compile.js';
import { decide, decideEnd, taskRunTerminalInScheduler, type SchedulerHost } from './decide.js';
import type { KernelColumns } from './columns.js';
import { kernelAttemptRows } from './attempts.js';
import { KernelHeap } from './heap.js';
import { observeCompletion, observeEnd } from './observers.js';
import { seedResult } from './result.js';
import { kernelSeries } from './series.js';
import { Call, Ending, KernelState, Scope } from './state.js';
import { KernelStreams } from './streams.js';

/** Event kinds, numbered as engine/fleet-run.ts RunEvent and fleet-types.ts FleetEvent. */
export const Event = {
  AttemptEnd: 0,
  AttemptTimeout: 1,
  CancelEffect: 2,
  TasksDeadline: 3,
  FinallyDeadline: 4,
  PipelineDeadline: 5,
  ApiCallDue: 10,
  PodCreate: 11,
  Arrival: 14,
  Reconcile: 16,
} as const;

export class KernelRunner implements SchedulerHost {
  readonly state: KernelState;
  readonly heap = new KernelHeap();
  readonly streams: KernelStreams;
  /** Events handled in the seed just run. */
  eventCount = 0;
  /** Why the last seed was handed back to the reference engine (for tests). */
  deferredBecause = '';
  private readonly placedBuffer: Int32Array;
  /** The controller's settings, read at every API call and reconcile: kept here, one load away. */
  private readonly reconcileMs: number;
  private readonly qps: number;
  private readonly burst: number;
  private readonly unlimitedApi: boolean;

  constructor(readonly kernel: Kernel) {
    this.state = new KernelState(kernel);
    this.streams = new KernelStreams(kernel.streamNames);
    this.placedBuffer = new Int32Array(kernel.taskCount);
    this.reconcileMs = kernel.controller.reconcileMs;
    this.qps = kernel.controller.qps;
    this.burst = kernel.controller.burst;
    this.unlimitedApi = this.qps === Number.POSITIVE_INFINITY;
  }

  /** The seed's result, or undefined when the reference engine must run it (see `deferredBecause`). */
  run(seed: number): SeedResult | undefined {
    if (!this.simulate(seed)) return undefined;
    return seedResult(this.kernel, this.state, seed, this.eventCount, this.heap.nowMs);
  }

  /**
   * Runs the seed and keeps it in `columns`' store: staged for its columns (in the store after
   * columns.flush()), or through its SeedResult while the store lacks a column the seed needs.
   * False, with nothing stored, when the reference engine must run it.
   */
  runInto(seed: number, columns: KernelColumns): boolean {
    if (!this.simulate(seed)) return false;
    const { kernel, state, eventCount } = this;
    const endTimeMs = this.heap.nowMs;
    if (!columns.write(state, seed, eventCount, endTimeMs)) {
      columns.flush();
      columns.store.ingest(seedResult(kernel, state, seed, eventCount, endTimeMs));
    }
    return true;
  }

  /** The per-attempt rows of the seed just run (attempts.ts), for the report's attempts CSV. */
  attemptRows(): AttemptRow[] {
    return kernelAttemptRows(this.kernel, this.state);
  }

  /** The series over time of the seed just run (series.ts), for the report's charts. */
  seedSeries(): SeedSeries {
    return kernelSeries(this.kernel, this.state, this.heap.nowMs);
  }

  /** Runs the seed to its end; false when it was handed back (see `deferredBecause`). */
  private simulate(seed: number): boolean {
    const { state, heap, kernel } = this;
    state.reset(kernel);
    heap.reset();
    this.streams.reset(streamSeed(seed, 'run', '0'));
    this.deferredBecause = '';
    heap.schedule(0, Event.Arrival, 0);
    let eventCount = 0;
    for (let event = heap.pop(); event >= 0; event = heap.pop()) {
      if (++eventCount > DEFAULT_MAX_EVENTS) return this.handBack('the event bound was reached');
      this.handle(heap.kindOf[event], heap.argOf[event], heap.nowMs);
      if (state.deferred) return false;
    }
    this.eventCount = eventCount;
    if (Number.isNaN(state.completedAtMs)) return this.handBack('the run never completed');
    const why = observeEnd(kernel, state);
    if (why !== undefined) return this.handBack(why);
    // The per-attempt rows and the series read every TaskRun as ended (attempts.ts, series.ts).
    for (let taskRun = 0; taskRun < state.taskRunCount; taskRun++)
      if (state.trTerminal[taskRun] === 0 && !Number.isNaN(state.trCreatedAtMs[taskRun]))
        return this.handBack('a TaskRun never ended');
    return true;
  }

  private handBack(why: string): false {
    this.defer(why);
    return false;
  }

  /** Marks the seed for the reference engine, which alone reports what happened in words. */
  defer(why: string): undefined {
    this.state.deferred = true;
    if (this.deferredBecause === '') this.deferredBecause = why;
    return undefined;
  }

  private handle(kind: number, arg: number, nowMs: number): void {
    switch (kind) {
      case Event.AttemptEnd:
        this.state.trEndTimer[arg] = -1;
        if (this.state.trFails[arg] === 0) {
          this.complete(arg, nowMs, Ending.Succeeded, false);
          this.taskRunTerminal(arg, nowMs);
        } else if (this.failOrRetry(arg, nowMs, Ending.Failed)) this.taskRunTerminal(arg, nowMs);
        return;
      case Event.AttemptTimeout:
        this.state.trEndTimer[arg] = -1;
        // The attempt ends TaskRunTimeout, retried or not.
        this.state.attemptTimedOut = true;
        if (this.failOrRetry(arg, nowMs, Ending.TimedOut)) this.taskRunTerminal(arg, nowMs);
        return;
      case Event.CancelEffect:
        if (this.state.trTerminal[arg] === 1) return;
        this.attemptEnded(arg, nowMs);
        this.complete(arg, nowMs, Ending.Cancelled, true);
        this.taskRunTerminal(arg, nowMs);
        return;
      case Event.TasksDeadline:
        this.deadlinePassed(Scope.Tasks, nowMs);
        return;
      case Event.FinallyDeadline:
        this.deadlinePassed(Scope.Finally, nowMs);
        return;
      case Event.PipelineDeadline:
        this.deadlinePassed(Scope.Pipeline, nowMs);
        return;
      case Event.ApiCallDue:
        this.makeCall(nowMs);
        this.carryOutCalls(nowMs);
        return;
      case Event.PodCreate:
        this.state.trPodTimer[arg] = -1;
        this.podCreate(arg, nowMs);
        return;
      case Event.Arrival:
        this.requestReconcile(nowMs);
        return;
      case Event.Reconcile:
        this.reconcile(nowMs, nowMs - this.reconcileMs);
        this.carryOutCalls(nowMs);
        return;
    }
  }

  // The controller: its work queue of one key, its worker's calls through the token bucket.

  requestReconcile(nowMs: number): void {
    const state = this.state;
    if (!state.dirty) {
      state.dirty = true;
      if (!state.processing) state.queued = true;
    }
    this.dispatch(nowMs);
  }

  private dispatch(nowMs: number): void {
    const state = this.state;
    while (state.queued) {
      state.queued = false;
      state.dirty = false;
      state.processing = true;
      if (this.reconcileMs > 0) this.heap.schedule(nowMs + this.reconcileMs, Event.Reconcile, 0);
      else {
        this.reconcile(nowMs, nowMs);
        this.carryOutCalls(nowMs);
      }
    }
  }

  /** Taken from the queue at `startedAtMs`, deciding at `nowMs` (fleet-run.ts reconcile). */
  private reconcile(nowMs: number, startedAtMs: number): void {
    const state = this.state;
    state.callHead = 0;
    state.callLength = 0;
    state.reconcileCount++;
    // The trace's reconcile: what its calls create was decided here, and a deadline passed
    // since the last one is enforced here (dag-order, deadlines).
    state.reconcileAt = state.position++;
    if (state.enforcementPending) this.enforcing(nowMs);
    // deadline-lag, as fleet-run.ts measures it: a passed deadline waits for this reconcile.
    if (!Number.isNaN(state.unobservedDeadlineAtMs)) {
      state.deadlineLagMs = Math.max(
        Number.isNaN(state.deadlineLagMs) ? 0 : state.deadlineLagMs,
        nowMs - state.unobservedDeadlineAtMs,
      );
      state.unobservedDeadlineAtMs = Number.NaN;
    }
    state.deadlineInReconcile = false;
    decide(this, nowMs, startedAtMs);
    this.pushCall(Call.Status, 0, 0);
  }

  /**
   * Only the status call is left: a deadline that passed while the reconcile's calls waited
   * is acted on now (fleet-run.ts reconcileEnd), its cancels before the status call.
   */
  private reconcileEnd(nowMs: number): void {
    const state = this.state;
    if (!state.deadlineInReconcile) return;
    state.deadlineInReconcile = false;
    state.callLength--;
    decideEnd(this, nowMs);
    this.pushCall(Call.Status, 0, 0);
    if (!state.done) return;
    // The end enforced every deadline passed during the reconcile (check/invariants/enforcement.ts).
    state.leftRunning = state.pipelineTimedOut ? 1 : 2;
    state.endedAtEndOf = state.reconcileCount;
    state.enforcementPending = false;
    for (let scope = 0; scope < 3; scope++)
      if (state.deadlineAt[scope] >= 0 && state.enforcedIn[scope] === 0) {
        state.enforcedIn[scope] = state.reconcileCount;
        state.enforcedAtMs[scope] = nowMs;
      }
    if (!Number.isNaN(state.unobservedDeadlineAtMs)) {
      state.deadlineLagMs = Math.max(
        Number.isNaN(state.deadlineLagMs) ? 0 : state.deadlineLagMs,
        nowMs - state.unobservedDeadlineAtMs,
      );
      state.unobservedDeadlineAtMs = Number.NaN;
    }
  }

  /** This reconcile enforces every deadline passed since the last one. */
  private enforcing(nowMs: number): void {
    const state = this.state;
    state.enforcementPending = false;
    for (let scope = 0; scope < 3; scope++)
      if (state.deadlineAt[scope] >= 0 && state.enforcedIn[scope] === 0) {
        state.enforcedIn[scope] = state.reconcileCount;
        state.enforcedAtMs[scope] = nowMs;
      }
  }

  pushCall(kind: number, arg: number, forTimeout: number): void {
    const state = this.state;
    const at = state.callHead + state.callLength++;
    state.callKind[at] = kind;
    state.callArg[at] = arg;
    state.callForTimeout[at] = forTimeout;
  }

  private carryOutCalls(nowMs: number): void {
    const state = this.state;
    while (state.callLength > 0) {
      if (state.callLength === 1) this.reconcileEnd(nowMs);
      const dueMs = this.apiCall(nowMs);
      if (dueMs > nowMs) {
        this.heap.schedule(dueMs, Event.ApiCallDue, 0);
        return;
      }
      this.makeCall(nowMs);
    }
    // The worker is done with the key.
    state.processing = false;
    if (state.dirty) state.queued = true;
    if (state.done && Number.isNaN(state.completedAtMs)) state.completedAtMs = nowMs;
    this.dispatch(nowMs);
  }

  private makeCall(nowMs: number): void {
    const state = this.state;
    if (state.callLength === 0) return;
    const at = state.callHead++;
    state.callLength--;
    const kind = state.callKind[at];
    if (kind === Call.Create) this.created(state.callArg[at], nowMs);
    else if (kind === Call.Cancel)
      this.cancelCalled(state.callArg[at], state.callForTimeout[at], nowMs);
  }

  /** The token bucket's answer for a call made now (cluster/token-bucket.ts), logged. */
  private apiCall(nowMs: number): number {
    if (this.unlimitedApi) return nowMs;
    const { qps, burst, state } = this;
    const lastMs = state.bucketLastMs;
    const elapsedMs = Math.max(0, nowMs - lastMs);
    const tokens = Math.min(burst, state.bucketTokens + (elapsedMs * qps) / 1000) - 1;
    state.bucketTokens = tokens;
    state.bucketLastMs = Math.max(lastMs, nowMs);
    const dueMs = tokens >= 0 ? nowMs : nowMs + Math.ceil((-tokens * 1000) / qps);
    let callsMs = state.apiCallsMs;
    if (state.apiCallCount === callsMs.length) {
      callsMs = new Float64Array(callsMs.length * 2);
      callsMs.set(state.apiCallsMs);
      state.apiCallsMs = callsMs;
    }
    callsMs[state.apiCallCount++] = dueMs;
    return dueMs;
  }

  // TaskRuns: created, cancelled, their attempts.

  private created(taskRun: number, nowMs: number): void {
    const { state, kernel } = this;
    const task = state.trTask[taskRun];
    if (task >= kernel.dagCount && Number.isNaN(state.finallyDelayMs)) {
      const lastMs = this.lastDagDoneMs();
      const fromMs = Number.isFinite(lastMs) ? lastMs : 0;
      state.finallyDelayMs = Math.max(0, nowMs - fromMs);
    }
    if (state.taskRunOf[task] < 0) state.gainedState(state.skips[task]);
    state.taskRunOf[task] = taskRun;
    state.trCreatedAtMs[taskRun] = nowMs;
    state.trAttemptStartMs[taskRun] = nowMs;
    // The trace's taskrun-created, as dag-order and finally-after-dag read it.
    const position = state.position++;
    if (state.createdAt[task] < 0) {
      state.createdAt[task] = position;
      // Judged where it was decided: the reconcile whose worker makes this call.
      const decided = state.reconcileAt;
      for (let p = kernel.parentStart[task]; p < kernel.parentStart[task + 1]; p++) {
        const parentDoneAt = state.doneAt[kernel.parents[p]];
        if (parentDoneAt < 0 || parentDoneAt > decided)
          this.defer('a task started before its parent was done');
      }
      if (task < kernel.dagCount) {
        if (state.stoppingAt >= 0 && state.stoppingAt < decided)
          this.defer('a DAG task started after the run began stopping');
      } else if (state.dagDoneAtCount < kernel.dagCount)
        this.defer('a finally task started before the DAG was done');
    }
    this.beginPod(taskRun, nowMs);
  }

  private cancelCalled(taskRun: number, forTimeout: number, nowMs: number): void {
    const state = this.state;
    state.trCancelCalled[taskRun] = 1;
    state.trCancelCallMs[taskRun] = nowMs;
    state.trCancelCallIn[taskRun] = state.reconcileCount;
    if (forTimeout === 1) state.trCancelCalledForTimeout[taskRun] = 1;
    if (state.trTerminal[taskRun] === 1 || state.trCancelRequested[taskRun] === 1) return;
    state.trCancelRequested[taskRun] = 1;
    state.trCancelledForTimeout[taskRun] = forTimeout;
    if (state.trEndTimer[taskRun] >= 0) this.heap.cancel(state.trEndTimer[taskRun]);
    state.trEndTimer[taskRun] = -1;
    this.heap.schedule(nowMs, Event.CancelEffect, taskRun);
  }

  /** The attempt's steps start now; its timeout counts from startTimeMs. */
  private startAttempt(taskRun: number, nowMs: number, startTimeMs: number): void {
    const { state, kernel, streams } = this;
    const task = state.trTask[taskRun];
    const stream = task * STREAMS_PER_TASK;
    // As workload/draw.ts drawAttempt: clamped to the longest duration a draw may give.
    let durationMs = Math.round(
      sampleDurationMs(
        kernel.duration[task],
        streams.use(stream + DURATION_STREAM),
        MAX_DURATION_MS,
      ),
    );
    const probability =
      state.trAttempt[taskRun] === 0
        ? kernel.failureProbability[task]
        : kernel.retryFailureProbability[task];
    // A draw against a probability of 0 or 1 decides nothing; the stream owes it instead.
    let fails: boolean;
    if (probability > 0 && probability < 1)
      fails = streams.use(stream + FAILURE_STREAM).next() < probability;
    else {
      streams.skip(stream + FAILURE_STREAM, 1);
      fails = probability >= 1;
    }
    // Where in the attempt it fails matters only when it fails.
    const atUniforms = kernel.failureAtUniforms[task];
    let atFraction = 1;
    if (fails || atUniforms < 0)
      atFraction = Math.min(
        1,
        Math.max(0, sample(kernel.failureAt[task], streams.use(stream + FAILURE_AT_STREAM))),
      );
    else streams.skip(stream + FAILURE_AT_STREAM, atUniforms);
    if (fails) durationMs = Math.round(durationMs * atFraction);
    state.trFails[taskRun] = fails && kernel.failureExitCode[task] !== 0 ? 1 : 0;
    state.trAttemptStartMs[taskRun] = startTimeMs;
    state.trStepsStartMs[taskRun] = nowMs;
    const timeoutMs = kernel.timeoutMs[task];
    const timeoutAtMs = startTimeMs + timeoutMs;
    const timesOut = timeoutMs > 0 && nowMs + durationMs > timeoutAtMs;
    // The trace's attempt-started, as retries and deadlines read it.
    state.trStartedAttempt[taskRun] = state.trAttempt[taskRun];
    const started = ++state.trAttemptsStarted[taskRun];
    if (started > kernel.retries[task] + 1) this.defer('a TaskRun ran more attempts than it may');
    if (started > 1 && state.trCancelCalled[taskRun] === 1)
      this.defer('a cancelled TaskRun started another attempt');
    state.trLastTimeoutMs[taskRun] = timeoutMs;
    if (!timesOut && !Number.isFinite(durationMs)) {
      state.trEndTimer[taskRun] = -1;
      return;
    }
    state.trEndTimer[taskRun] = timesOut
      ? this.heap.schedule(timeoutAtMs, Event.AttemptTimeout, taskRun)
      : this.heap.schedule(nowMs + durationMs, Event.AttemptEnd, taskRun);
  }

  /** The attempt failed: the next starts when retries are left (false), else the TaskRun fails (true). */
  private failOrRetry(taskRun: number, nowMs: number, ending: number): boolean {
    const state = this.state;
    if (state.trAttempt[taskRun] < this.kernel.retries[state.trTask[taskRun]]) {
      // The reference engine stops such a run at its attempts bound (taskrun/lifecycle.ts), a
      // liveness violation it words.
      if (state.trAttempt[taskRun] + 1 >= MAX_ATTEMPTS_PER_TASKRUN) {
        this.defer('a TaskRun reached the attempts bound');
        return false;
      }
      this.attemptEnded(taskRun, nowMs);
      this.retried(taskRun, nowMs, ending);
      state.trAttempt[taskRun]++;
      state.trAttemptStartMs[taskRun] = nowMs;
      this.beginPod(taskRun, nowMs);
      return false;
    }
    this.complete(taskRun, nowMs, ending, false);
    return true;
  }

  /** The attempt ends and another follows: kept for the per-attempt rows and the series. */
  private retried(taskRun: number, nowMs: number, ending: number): void {
    const state = this.state;
    const attempt = state.trAttempt[taskRun];
    const slot = state.attemptSlot[state.trTask[taskRun]] + attempt;
    state.retriedStartMs[slot] = state.trAttemptStartMs[taskRun];
    state.retriedStepsStartMs[slot] =
      state.trStartedAttempt[taskRun] === attempt ? state.trStepsStartMs[taskRun] : Number.NaN;
    state.retriedEndMs[slot] = nowMs;
    state.retriedEnding[slot] = ending;
  }

  private complete(taskRun: number, nowMs: number, ending: number, reported: boolean): void {
    const state = this.state;
    state.trTerminal[taskRun] = 1;
    state.trEnding[taskRun] = ending;
    state.trCompletionMs[taskRun] = nowMs;
    observeCompletion(this.kernel, state, taskRun);
    // Every TaskRun that completes was created: its create call put it in taskRunOf.
    if (state.trTask[taskRun] < this.kernel.dagCount && nowMs > state.lastDagCompletionMs)
      state.lastDagCompletionMs = nowMs;
    if (!reported) this.attemptEnded(taskRun, nowMs);
  }

  /** onAttemptEnd: the pod goes; the trace's attempt-ended, as deadlines reads it. */
  private attemptEnded(taskRun: number, nowMs: number): void {
    const state = this.state;
    this.endPod(taskRun, nowMs);
    const timeoutMs = state.trLastTimeoutMs[taskRun];
    if (
      state.trAttemptsStarted[taskRun] > 0 &&
      timeoutMs > 0 &&
      nowMs > state.trStepsStartMs[taskRun] + timeoutMs
    )
      this.defer('an attempt ran past its timeout');
  }

  /** The TaskRun is terminal: the trace's taskrun-completed, the scheduler told, a reconcile asked for. */
  private taskRunTerminal(taskRun: number, nowMs: number): void {
    const { state, kernel } = this;
    const task = state.trTask[taskRun];
    const position = state.position++;
    state.markDone(task, position, kernel);
    if (
      state.trEnding[taskRun] !== Ending.Succeeded &&
      task < kernel.dagCount &&
      kernel.onErrorContinue[task] === 0 &&
      state.stoppingAt < 0
    )
      state.stoppingAt = position;
    taskRunTerminalInScheduler(this, taskRun);
    this.requestReconcile(nowMs);
  }

  // Deadlines.

  setDeadline(scope: number, atMs: number, nowMs: number): void {
    const state = this.state;
    const dueMs = Math.round(Math.max(atMs, nowMs));
    state.deadlineAtMs[scope] = dueMs;
    const kind =
      scope === Scope.Pipeline
        ? Event.PipelineDeadline
        : scope === Scope.Tasks
          ? Event.TasksDeadline
          : Event.FinallyDeadline;
    state.deadlineTimer[scope] = this.heap.schedule(dueMs, kind, 0);
  }

  clearDeadline(scope: number): void {
    const state = this.state;
    if (state.deadlineTimer[scope] >= 0) this.heap.cancel(state.deadlineTimer[scope]);
    state.deadlineTimer[scope] = -1;
  }

  private deadlinePassed(scope: number, nowMs: number): void {
    const state = this.state;
    state.deadlineTimer[scope] = -1;
    if (Number.isNaN(state.unobservedDeadlineAtMs) && !state.done)
      state.unobservedDeadlineAtMs = nowMs;
    state.deadlineInReconcile = true;
    this.passed(scope);
    // Deadlines due at one instant pass together, tasks then finally then pipeline.
    for (const other of OTHER_SCOPES) {
      if (state.deadlineTimer[other] >= 0 && state.deadlineAtMs[other] <= nowMs) {
        this.heap.cancel(state.deadlineTimer[other]);
        state.deadlineTimer[other] = -1;
        this.passed(other);
      }
    }
    this.requestReconcile(nowMs);
  }

  private passed(scope: number): void {
    const state = this.state;
    const position = state.position++;
    if (state.deadlineAt[scope] < 0) {
      state.deadlineAt[scope] = position;
      state.deadlinePassedMs[scope] = this.heap.nowMs;
      state.enforcementPending = true;
    }
    if (scope === Scope.Pipeline) {
      state.pipelineTimedOut = true;
      if (state.stoppingAt < 0) state.stoppingAt = position;
    } else if (scope === Scope.Tasks) {
      state.tasksTimedOut = true;
      if (state.stoppingAt < 0) state.stoppingAt = position;
    } else state.finallyTimedOut = true;
  }

  // Pods on the slots (engine/fleet-pods.ts, cluster/pods.ts).

  private beginPod(taskRun: number, nowMs: number): void {
    const dueMs = this.apiCall(nowMs);
    if (dueMs > nowMs)
      this.state.trPodTimer[taskRun] = this.heap.schedule(dueMs, Event.PodCreate, taskRun);
    else this.podCreate(taskRun, nowMs);
  }

  private podCreate(taskRun: number, nowMs: number): void {
    const { state, kernel } = this;
    if (state.trTerminal[taskRun] === 1 || state.trCancelRequested[taskRun] === 1) return;
    const amount = kernel.podSlots[state.trTask[taskRun]];
    if (amount > 0 && state.slotsUsed + amount > kernel.slots) {
      state.waiting[state.waitingLength++] = taskRun;
      state.trPodState[taskRun] = 1;
      const timeoutMs = kernel.timeoutMs[state.trTask[taskRun]];
      // The timeout runs from startTime while the pod waits.
      if (timeoutMs > 0 && state.trEndTimer[taskRun] < 0)
        state.trEndTimer[taskRun] = this.heap.schedule(
          state.trAttemptStartMs[taskRun] + timeoutMs,
          Event.AttemptTimeout,
          taskRun,
        );
      state.trNodeSinceMs[taskRun] = nowMs;
      this.waitingChanged(nowMs);
      return;
    }
    this.bind(taskRun, nowMs);
    this.placed(taskRun, nowMs);
  }

  private bind(taskRun: number, nowMs: number): void {
    const { state, kernel } = this;
    const amount = kernel.podSlots[state.trTask[taskRun]];
    const log = state.podCount++;
    state.podFromMs[log] = nowMs;
    state.podToMs[log] = Number.POSITIVE_INFINITY;
    state.podAmount[log] = amount;
    state.trPodLog[taskRun] = log;
    state.trPodState[taskRun] = 2;
    state.slotsUsed += amount;
    if (state.slotsUsed > kernel.slots) this.defer('the slots were exceeded');
  }

  private placed(taskRun: number, nowMs: number): void {
    const state = this.state;
    if (Number.isNaN(state.trPlacedAtMs[taskRun])) state.trPlacedAtMs[taskRun] = nowMs;
    this.stopNodeThrottle(taskRun, nowMs);
    if (state.trTerminal[taskRun] === 1 || state.trCancelRequested[taskRun] === 1) return;
    if (state.trEndTimer[taskRun] >= 0) this.heap.cancel(state.trEndTimer[taskRun]);
    state.trEndTimer[taskRun] = -1;
    this.startAttempt(taskRun, nowMs, state.trAttemptStartMs[taskRun]);
    if (Number.isNaN(state.trRunningAtMs[taskRun])) state.trRunningAtMs[taskRun] = nowMs;
    // The TaskRun reconciler writes the Running status.
    this.apiCall(nowMs);
  }

  private stopNodeThrottle(taskRun: number, nowMs: number): void {
    const state = this.state;
    const sinceMs = state.trNodeSinceMs[taskRun];
    if (Number.isNaN(sinceMs)) return;
    state.trThrottledByNodeMs[taskRun] += nowMs - sinceMs;
    state.trNodeSinceMs[taskRun] = Number.NaN;
  }

  /** The attempt ended however it ended: its pod is deleted, and waiting pods that now fit are bound. */
  private endPod(taskRun: number, nowMs: number): void {
    const { state, kernel } = this;
    if (state.trPodTimer[taskRun] >= 0) this.heap.cancel(state.trPodTimer[taskRun]);
    state.trPodTimer[taskRun] = -1;
    this.stopNodeThrottle(taskRun, nowMs);
    const podState = state.trPodState[taskRun];
    state.trPodState[taskRun] = 0;
    if (podState === 0) return;
    if (podState === 1) {
      let kept = 0;
      for (let at = 0; at < state.waitingLength; at++)
        if (state.waiting[at] !== taskRun) state.waiting[kept++] = state.waiting[at];
      state.waitingLength = kept;
      this.waitingChanged(nowMs);
      return;
    }
    state.slotsUsed -= kernel.podSlots[state.trTask[taskRun]];
    state.podToMs[state.trPodLog[taskRun]] = nowMs;
    if (state.waitingLength === 0) return;
    const placed = this.placedBuffer;
    let placedCount = 0;
    let kept = 0;
    for (let at = 0; at < state.waitingLength; at++) {
      const waiting = state.waiting[at];
      const amount = kernel.podSlots[state.trTask[waiting]];
      if (amount > 0 && state.slotsUsed + amount > kernel.slots) state.waiting[kept++] = waiting;
      else {
        this.bind(waiting, nowMs);
        placed[placedCount++] = waiting;
      }
    }
    state.waitingLength = kept;
    if (placedCount > 0) this.waitingChanged(nowMs);
    for (let at = 0; at < placedCount; at++) this.placed(placed[at], nowMs);
  }

  private waitingChanged(nowMs: number): void {
    const state = this.state;
    const change = state.waitingChanges++;
    state.waitingChangeMs[change] = nowMs;
    state.waitingChangeLength[change] = state.waitingLength;
  }

  /** The latest completion of a DAG TaskRun; -Infinity when none completed. */
  lastDagDoneMs(): number {
    return this.state.lastDagCompletionMs;
  }
}

const OTHER_SCOPES = [Scope.Tasks, Scope.Finally, Scope.Pipeline];
