// Many PipelineRuns in one cluster, in virtual time. The PipelineRun controller is a work
// queue of run keys served by `threadsPerController` workers; a worker runs the run's
// reconcile (costing `reconcileMs`) and then makes the calls it decided one after another
// through the client's token bucket, blocking while the bucket makes it wait, as client-go's
// rate limiter blocks the calling goroutine. TaskRun pods are created through the same bucket
// (Tekton's controllers share one client), admitted by the quota, placed on nodes, started,
// and deleted when their attempt ends; pods that wait for a node keep their TaskRun's timeout
// running, since Tekton sets startTime before it creates the pod.
//
// With no limits at all (no nodes, no quota, no rate limit, no reconcile cost, no start-up
// latency) every run unfolds as the single-run engine would run it alone.
import { Admission } from '../cluster/admission.js';
import { emptyClusterLog, type ClusterLog, type RunAdmission } from '../cluster/log.js';
import { ClusterPods } from '../cluster/pods.js';
import { recordStep } from '../cluster/step-series.js';
import { TokenBucket } from '../cluster/token-bucket.js';
import { WorkQueue } from '../cluster/work-queue.js';
import {
  FleetEvent,
  type FleetOptions,
  type FleetResult,
  type FleetRunInput,
  type FleetRunResult,
  type TaskRunTiming,
} from './fleet-types.js';
import { FleetRun, type FleetHost } from './fleet-run.js';
import { FleetPods } from './fleet-pods.js';
import { EventQueue } from './queue.js';
import { DEFAULT_MAX_EVENTS, LivenessError, type SimulationResult } from './simulation.js';
import { AttemptBoundError, TaskRunBoundError } from '../model/not-completed.js';
import { pipelineRunStatusView } from '../scheduler/view.js';

const RUN_EVENT_LIMIT = FleetEvent.PodEvict;

/**
 * One PipelineRun of a fleet as a single run's result, for what is made for one run (its
 * checks, metrics and timeline). Its events are counted for the whole fleet, not per run.
 */
export function fleetRunAsSimulation(
  run: FleetRunResult,
  fleetEndTimeMs: number,
): SimulationResult {
  return {
    state: run.state,
    trace: run.trace,
    eventCount: 0,
    endTimeMs: run.completedAtMs ?? fleetEndTimeMs,
    fileWarnings: run.fileWarnings,
  };
}

export function simulateFleet(
  inputs: readonly FleetRunInput[],
  options: FleetOptions,
): FleetResult {
  return new Fleet(inputs, options).run();
}

export class Fleet implements FleetHost {
  readonly queue = new EventQueue<number>();
  readonly log: ClusterLog = emptyClusterLog();
  /**
   * Each run's state, made when the run arrives (or when a result needs it): made up front,
   * a seed of 100,000 arrivals held 100,000 fresh run states before its first event.
   */
  private readonly made: (FleetRun | undefined)[];
  private readonly tracing: boolean;
  readonly bucket: TokenBucket;
  readonly timings: TaskRunTiming[] = [];
  /** Global TaskRun id by run, then by the run's TaskRun index. */
  readonly taskRunIds: number[][];
  readonly pods: FleetPods;
  private readonly eventKind: number[] = [];
  private readonly eventRun: number[] = [];
  private readonly eventIndex: number[] = [];
  private readonly work: WorkQueue<number>;
  private readonly admission?: Admission<number>;
  private readonly admittedAtMs: (number | undefined)[];
  private readonly completedAtMs: (number | undefined)[];
  /**
   * Where each run's entry sits in `log.runs` (entries go in arrival order, which is not
   * run order), so that admitting or completing a run finds its entry without a search:
   * a search made per admission and per completion made a fleet quadratic in its runs.
   */
  private readonly logIndexByRun: Int32Array;
  private readonly reconcileMs: number;
  private paused = false;
  /** Stopped mid-way (`stopAtMs`): each run's last written status is kept, as kubectl shows it. */
  private readonly keepsWrittenStatus: boolean;

  constructor(
    readonly inputs: readonly FleetRunInput[],
    readonly options: FleetOptions,
  ) {
    const { controller } = options.cluster;
    this.tracing = options.trace === true;
    this.made = new Array<FleetRun | undefined>(inputs.length);
    this.taskRunIds = inputs.map(() => []);
    this.bucket = new TokenBucket(controller.qps, controller.burst);
    this.work = new WorkQueue<number>(controller.workers);
    this.reconcileMs = controller.reconcileMs;
    this.keepsWrittenStatus = options.stopAtMs !== undefined;
    this.admission = options.admission ? new Admission(options.admission.maxConcurrent) : undefined;
    this.admittedAtMs = inputs.map(() => undefined);
    this.completedAtMs = inputs.map(() => undefined);
    this.logIndexByRun = new Int32Array(inputs.length).fill(-1);
    this.pods = new FleetPods(
      this,
      new ClusterPods(options.cluster.nodes, options.cluster.quota, this.log),
    );
  }

  run(): FleetResult {
    this.inputs.forEach((input, index) =>
      this.schedule(input.arrivalAtMs, FleetEvent.Arrival, index, 0),
    );
    for (const outage of this.options.outages ?? []) {
      if (outage.kind === 'node-loss') {
        this.schedule(outage.atMs, FleetEvent.NodeLost, -1, outage.node);
        this.schedule(outage.atMs + outage.forMs, FleetEvent.NodeBack, -1, outage.node);
      } else {
        // Index 1 pauses the controller (it restarts), 0 resumes it.
        this.schedule(outage.atMs, FleetEvent.ControllerState, -1, 1);
        this.schedule(outage.atMs + outage.forMs, FleetEvent.ControllerState, -1, 0);
      }
    }
    const maxEvents = this.options.maxEvents ?? DEFAULT_MAX_EVENTS;
    let eventCount = 0;
    const stopAtMs = this.options.stopAtMs ?? Number.POSITIVE_INFINITY;
    try {
      while (this.queue.size > 0 && this.queue.peekTimeMs() <= stopAtMs && this.queue.pop()) {
        if (++eventCount > maxEvents) throw this.stopped(maxEvents);
        const id = this.queue.currentPayload;
        this.handle(this.eventKind[id], this.eventRun[id], this.eventIndex[id]);
      }
    } catch (error) {
      throw error instanceof AttemptBoundError || error instanceof TaskRunBoundError
        ? this.stopped(maxEvents, error)
        : error;
    }
    return this.result(eventCount);
  }

  /** The liveness error of a seed that reached a bound, with its first unfinished run as it stood. */
  private stopped(
    maxEvents: number,
    attempts?: AttemptBoundError | TaskRunBoundError,
  ): LivenessError {
    let stuckIndex = 0;
    while (stuckIndex < this.inputs.length && this.runAt(stuckIndex).state.done) stuckIndex++;
    const stuck = this.runAt(stuckIndex < this.inputs.length ? stuckIndex : 0);
    const partial = {
      state: stuck.state,
      trace: stuck.trace,
      eventCount: maxEvents,
      endTimeMs: this.queue.currentTimeMs,
      fileWarnings: stuck.files.warnings,
    };
    const name = stuck.input.plan.pipelineRunName;
    return new LivenessError(name, this.options.seed, maxEvents, partial, attempts);
  }

  /** Run `index`, its state made on first use (a run not yet arrived has a fresh state). */
  runAt(index: number): FleetRun {
    let run = this.made[index];
    if (run === undefined) {
      run = new FleetRun(
        index,
        this.inputs[index],
        this,
        this.tracing,
        this.options.cancelLatencyMs ?? 0,
      );
      this.made[index] = run;
    }
    return run;
  }

  // FleetHost

  schedule(atMs: number, kind: number, run: number, index: number): number {
    const id = this.eventKind.length;
    this.eventKind.push(kind);
    this.eventRun.push(run);
    this.eventIndex.push(index);
    return this.queue.schedule(Math.round(atMs), kind, id);
  }

  cancel(timerId: number): void {
    this.queue.cancel(timerId);
  }

  nowMs(): number {
    return this.queue.currentTimeMs;
  }

  requestReconcile(run: number): void {
    this.work.add(run);
    this.dispatch();
  }

  beginPod(run: number, taskRun: number, nowMs: number): void {
    this.pods.begin(this.taskRunIds[run][taskRun], nowMs);
  }

  endPod(run: number, taskRun: number, nowMs: number): void {
    this.pods.end(this.taskRunIds[run][taskRun], nowMs);
  }

  taskRunDecided(run: number, task: number, nowMs: number): number {
    const { maxTaskRuns } = this.options;
    if (maxTaskRuns !== undefined && this.timings.length >= maxTaskRuns)
      throw new TaskRunBoundError(maxTaskRuns);
    return (
      this.timings.push({
        run,
        taskRun: -1,
        task,
        readyAtMs: this.readyAtMs(run, task, nowMs),
        createdAtMs: nowMs,
        throttledByQuotaMs: 0,
        throttledByNodeMs: 0,
      }) - 1
    );
  }

  taskRunCreated(run: number, taskRun: number, timing: number, nowMs: number): void {
    this.taskRunIds[run][taskRun] = timing;
    this.timings[timing].taskRun = taskRun;
    this.timings[timing].createdAtMs = nowMs;
  }

  // The controller

  /** Free workers take queued run keys; a reconcile with no cost and no wait finishes at once. */
  private dispatch(): void {
    if (!this.paused)
      for (let run = this.work.take(); run !== undefined; run = this.work.take()) {
        const nowMs = this.nowMs();
        if (this.reconcileMs > 0)
          this.schedule(nowMs + this.reconcileMs, FleetEvent.Reconcile, run, 0);
        else this.reconcileNow(run, nowMs);
      }
    // Every add goes through here, so the depth is recorded at each change.
    recordStep(this.log.workQueueDepth, this.nowMs(), this.work.length);
  }

  private reconcileNow(run: number, nowMs: number): void {
    const fleetRun = this.runAt(run);
    if (this.admittedAtMs[run] !== undefined || fleetRun.state.specStatus === 'PipelineRunPending')
      fleetRun.reconcile(nowMs, nowMs);
    this.carryOutCalls(run, nowMs);
  }

  /** The worker of `run` makes its calls in order; it stops where the bucket makes it wait. */
  private carryOutCalls(run: number, nowMs: number): void {
    const fleetRun = this.runAt(run);
    while (fleetRun.calls.length > 0) {
      if (fleetRun.calls.length === 1) fleetRun.reconcileEnd(nowMs);
      const dueMs = this.apiCall(nowMs);
      if (dueMs > nowMs) {
        this.schedule(dueMs, FleetEvent.ApiCallDue, run, 0);
        return;
      }
      this.makeCall(run, nowMs);
    }
    this.workerDone(run, nowMs);
  }

  private makeCall(run: number, nowMs: number): void {
    const fleetRun = this.runAt(run);
    const call = fleetRun.calls.shift();
    if (!call) return;
    if (call.kind === 'status') {
      // The reconcile ends: knative writes the status it made, after all its other calls.
      if (this.keepsWrittenStatus) fleetRun.writtenStatus = pipelineRunStatusView(fleetRun.state);
      return;
    }
    if (call.kind === 'create') {
      this.noteFinallyCreated(run, call.command.task, nowMs);
      fleetRun.created(call.command, call.timing, nowMs);
    } else
      fleetRun.cancelled(
        fleetRun.state.taskRuns[call.taskRun],
        call.message,
        call.forTimeout,
        nowMs,
      );
  }

  private workerDone(run: number, nowMs: number): void {
    this.work.done(run);
    this.checkCompleted(run, nowMs);
    this.dispatch();
  }

  /** One API call wants to go out now; returns when the token bucket lets it. */
  apiCall(nowMs: number): number {
    const dueMs = this.bucket.reserve(nowMs);
    this.log.apiCallsMs.push(dueMs);
    return dueMs;
  }

  // Runs arriving, admitted, completing

  private arrive(run: number, nowMs: number): void {
    const input = this.inputs[run];
    this.logIndexByRun[run] = this.log.runs.length;
    this.log.runs.push({ run, key: input.admissionKey, arrivedAtMs: nowMs, arrivalOrder: run });
    if (!this.admission || this.admission.arrive(run, input.admissionKey)) this.admit(run, nowMs);
    else this.runAt(run).holdPending();
  }

  private admit(run: number, nowMs: number): void {
    this.admittedAtMs[run] = nowMs;
    this.logEntryOf(run).admittedAtMs = nowMs;
    this.runAt(run).admit(nowMs);
  }

  private checkCompleted(run: number, nowMs: number): void {
    if (!this.runAt(run).state.done || this.completedAtMs[run] !== undefined) return;
    this.completedAtMs[run] = nowMs;
    this.logEntryOf(run).completedAtMs = nowMs;
    const next = this.admission?.complete(this.inputs[run].admissionKey);
    if (next !== undefined) this.admit(next, nowMs);
  }

  /** A run is admitted and completed only after it arrived, so its entry is there. */
  private logEntryOf(run: number): RunAdmission {
    return this.log.runs[this.logIndexByRun[run]];
  }

  // Events

  private handle(kind: number, run: number, index: number): void {
    const nowMs = this.nowMs();
    if (kind < RUN_EVENT_LIMIT) {
      this.runAt(run).handle(kind, index, nowMs);
      return;
    }
    switch (kind) {
      case FleetEvent.Arrival:
        this.arrive(run, nowMs);
        return;
      case FleetEvent.Reconcile: {
        const fleetRun = this.runAt(run);
        if (
          this.admittedAtMs[run] !== undefined ||
          fleetRun.state.specStatus === 'PipelineRunPending'
        )
          fleetRun.reconcile(nowMs, nowMs - this.reconcileMs);
        this.carryOutCalls(run, nowMs);
        return;
      }
      case FleetEvent.ApiCallDue:
        this.makeCall(run, nowMs);
        this.carryOutCalls(run, nowMs);
        return;
      case FleetEvent.ControllerState:
        this.paused = index === 1;
        this.dispatch();
        return;
      default:
        this.pods.handle(kind, index, nowMs);
    }
  }

  /** A TaskRun becomes ready when the run started or its parents' TaskRuns were all done. */
  private readyAtMs(run: number, taskIndex: number, nowMs: number): number {
    const { state } = this.runAt(run);
    const task = state.plan.tasks[taskIndex];
    let readyMs = this.admittedAtMs[run] ?? nowMs;
    if (task.isFinally) return Math.min(nowMs, Math.max(readyMs, this.lastDagDoneMs(run)));
    for (const parent of task.parents) {
      const parentRuns = state.taskRunsOf[parent];
      if (parentRuns.length === 0) return nowMs;
      for (const index of parentRuns)
        readyMs = Math.max(readyMs, state.taskRuns[index].completionTimeMs ?? nowMs);
    }
    return Math.min(readyMs, nowMs);
  }

  private lastDagDoneMs(run: number): number {
    const { state } = this.runAt(run);
    let lastMs = Number.NEGATIVE_INFINITY;
    for (const taskRun of state.taskRuns)
      if (!state.plan.tasks[taskRun.taskIndex].isFinally && taskRun.completionTimeMs !== undefined)
        lastMs = Math.max(lastMs, taskRun.completionTimeMs);
    return lastMs;
  }

  private readonly finallyDelayMs: (number | undefined)[] = [];

  /** finally-delay: the last DAG TaskRun done to the first finally TaskRun created. */
  private noteFinallyCreated(run: number, taskIndex: number, nowMs: number): void {
    const { state } = this.runAt(run);
    if (this.finallyDelayMs[run] !== undefined || !state.plan.tasks[taskIndex].isFinally) return;
    const lastMs = this.lastDagDoneMs(run);
    const fromMs = Number.isFinite(lastMs) ? lastMs : (this.admittedAtMs[run] ?? nowMs);
    this.finallyDelayMs[run] = Math.max(0, nowMs - fromMs);
  }

  private result(eventCount: number): FleetResult {
    return {
      runs: this.inputs
        .map((_, index) => this.runAt(index))
        .map((run, index) => ({
          state: run.state,
          trace: run.trace,
          arrivalAtMs: this.inputs[index].arrivalAtMs,
          admittedAtMs: this.admittedAtMs[index],
          completedAtMs: this.completedAtMs[index],
          finallyDelayMs: this.finallyDelayMs[index],
          deadlineLagMs: run.deadlineLagMs,
          fileWarnings: run.files.warnings,
          ...(this.keepsWrittenStatus ? { writtenStatus: run.writtenStatus } : {}),
        })),
      taskRuns: this.timings,
      log: this.log,
      eventCount,
      endTimeMs: this.queue.currentTimeMs,
    };
  }
}
