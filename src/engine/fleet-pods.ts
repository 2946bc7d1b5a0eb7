// The pod of each TaskRun attempt in a fleet simulation, as Tekton's TaskRun reconciler and
// the cluster treat it:
// - created through the rate-limited client: until the create goes out, the TaskRun reconcile
//   that set startTime is blocked in it and has written nothing (`podCreateDue`);
// - the quota may refuse it, and then the TaskRun is Unknown/ExceededResourceQuota with its
//   startTime cleared, and creation is tried again a minute later
//   (pkg/reconciler/taskrun/taskrun.go handlePodCreationError);
// - once created it waits for a node: Unknown/ExceededNodeResources, "TaskRun Pod exceeded
//   available resources" (pkg/pod/status.go), while the TaskRun's timeout runs from startTime;
// - placed, it takes `podStartup` to reach its first step (Pending meanwhile), then its
//   attempt runs; an image that cannot be pulled fails it TaskRunImagePullFailed instead
//   (with the default imagePullBackOff timeout of 0), and an evicted or lost pod fails it
//   PodEvicted; both are retried like any failed attempt when the task has retries;
// - when the attempt ends, however it ends, the pod is deleted and frees its node and quota.
import { PodMessages, PodReason, QUOTA_RETRY_MS } from '../model/reasons.js';
import type { ClusterPods } from '../cluster/pods.js';
import { NO_TIMER, type TaskRunRecord } from '../model/taskrun.js';
import { podFailed, setOngoingCondition, startAttempt } from '../taskrun/lifecycle.js';
import type { FleetRun } from './fleet-run.js';
import {
  FleetEvent,
  type FleetOptions,
  type FleetRunInput,
  type PodFault,
  type TaskRunTiming,
} from './fleet-types.js';

/** What the pods need from the fleet around them. */
export interface PodsHost {
  /** Run `index` of the fleet. */
  runAt(index: number): FleetRun;
  readonly inputs: readonly FleetRunInput[];
  readonly options: FleetOptions;
  readonly timings: TaskRunTiming[];
  schedule(atMs: number, kind: number, run: number, index: number): number;
  cancel(timerId: number): void;
  /** One API call wants to go out now; returns when the token bucket lets it. */
  apiCall(nowMs: number): number;
}

export class FleetPods {
  /** By global TaskRun id: the pending pod event (create, start-up, quota retry, eviction). */
  private readonly timer: number[] = [];
  private readonly fault: (PodFault | undefined)[] = [];
  private readonly quotaSinceMs: (number | undefined)[] = [];
  private readonly nodeSinceMs: (number | undefined)[] = [];

  constructor(
    private readonly fleet: PodsHost,
    readonly cluster: ClusterPods,
  ) {}

  /** The attempt of TaskRun `id` needs a pod: the create call goes out when the bucket allows. */
  begin(id: number, nowMs: number): void {
    const dueMs = this.fleet.apiCall(nowMs);
    if (dueMs > nowMs) {
      this.taskRun(id).podCreateDue = true;
      this.timer[id] = this.fleet.schedule(dueMs, FleetEvent.PodCreate, -1, id);
    } else this.create(id, nowMs);
  }

  /** The attempt ended (done, failed, timed out, cancelled): the pod is deleted. */
  end(id: number, nowMs: number): void {
    if (this.timer[id] !== undefined && this.timer[id] >= 0) this.fleet.cancel(this.timer[id]);
    this.timer[id] = -1;
    this.stopThrottles(id, nowMs);
    for (const placed of this.cluster.delete(id, nowMs)) this.placed(placed.id, nowMs);
  }

  handle(kind: number, id: number, nowMs: number): void {
    switch (kind) {
      case FleetEvent.PodCreate:
        this.timer[id] = -1;
        this.create(id, nowMs);
        return;
      case FleetEvent.QuotaRetry: {
        this.timer[id] = -1;
        // The requeued reconcile sets a new startTime, then creates the pod again.
        const taskRun = this.taskRun(id);
        // A cancel already started it (and the pod is never made).
        if (taskRun.terminal || taskRun.cancelStatusMessage !== undefined) return;
        taskRun.attemptStartMs = nowMs;
        taskRun.startTimeCleared = false;
        this.begin(id, nowMs);
        return;
      }
      case FleetEvent.PodRunning:
        this.timer[id] = -1;
        this.running(id, nowMs);
        return;
      case FleetEvent.PodEvict:
        this.timer[id] = -1;
        this.fail(id, nowMs, PodReason.PodEvicted, PodMessages.evicted);
        return;
      case FleetEvent.NodeLost: {
        const name = this.fleet.options.cluster.nodes?.[id]?.name ?? String(id);
        for (const podId of this.cluster.loseNode(id))
          this.fail(podId, nowMs, PodReason.PodEvicted, PodMessages.nodeLost(name));
        return;
      }
      case FleetEvent.NodeBack:
        for (const placed of this.cluster.restoreNode(id, nowMs)) this.placed(placed.id, nowMs);
        return;
    }
  }

  private create(id: number, nowMs: number): void {
    const taskRun = this.taskRun(id);
    // The blocked reconcile goes on: what it writes is decided below.
    if (taskRun.podCreateDue) taskRun.podCreateDue = false;
    if (taskRun.terminal || taskRun.cancelStatusMessage !== undefined) return;
    const { run } = this.fleet.timings[id];
    const request = this.fleet.inputs[run].podRequests[taskRun.taskIndex];
    const creation = this.cluster.create(id, podName(taskRun), request, nowMs);
    if (creation.kind === 'refused') {
      setOngoingCondition(
        taskRun,
        PodReason.ExceededResourceQuota,
        PodMessages.exceededResourceQuota(creation.message),
        nowMs,
      );
      taskRun.startTimeCleared = true;
      // No startTime, no timeout running: the next attempt at creation starts both afresh.
      if (taskRun.endTimer >= 0) this.fleet.cancel(taskRun.endTimer);
      taskRun.endTimer = NO_TIMER;
      this.quotaSinceMs[id] ??= nowMs;
      this.timer[id] = this.fleet.schedule(nowMs + QUOTA_RETRY_MS, FleetEvent.QuotaRetry, -1, id);
      return;
    }
    this.stopQuotaThrottle(id, nowMs);
    if (taskRun.timeoutMs > 0 && taskRun.endTimer < 0) {
      taskRun.endTimer = this.runOf(id).lifecycle.host.scheduleAttemptTimer(
        taskRun.index,
        taskRun.attemptStartMs + taskRun.timeoutMs,
        'timeout',
      );
    }
    if (creation.kind === 'pending') {
      setOngoingCondition(
        taskRun,
        PodReason.ExceededNodeResources,
        PodMessages.exceededNodeResources,
        nowMs,
      );
      this.nodeSinceMs[id] = nowMs;
      return;
    }
    this.placed(id, nowMs);
  }

  private placed(id: number, nowMs: number): void {
    const timing = this.fleet.timings[id];
    timing.placedAtMs ??= nowMs;
    this.stopNodeThrottle(id, nowMs);
    const taskRun = this.taskRun(id);
    const draws = this.fleet.options.draws;
    const startupMs = Math.max(
      0,
      Math.round(draws?.startupMs(timing.run, taskRun.name, taskRun.attempt) ?? 0),
    );
    this.fault[id] = draws?.fault?.(timing.run, taskRun.name, taskRun.attempt);
    if (startupMs === 0 && this.fault[id]?.kind !== 'image-pull') {
      this.running(id, nowMs);
      return;
    }
    setOngoingCondition(taskRun, PodReason.Pending, PodMessages.podPending, nowMs);
    this.timer[id] = this.fleet.schedule(nowMs + startupMs, FleetEvent.PodRunning, -1, id);
  }

  private running(id: number, nowMs: number): void {
    const taskRun = this.taskRun(id);
    if (taskRun.terminal || taskRun.cancelStatusMessage !== undefined) return;
    const fault = this.fault[id];
    if (fault?.kind === 'image-pull') {
      const step =
        this.fleet.inputs[this.fleet.timings[id].run].plan.tasks[taskRun.taskIndex].steps[0];
      const image = imageOf(
        this.runOf(id).input.plan.tasks[taskRun.taskIndex].taskSpec?.steps?.[0],
      );
      this.fail(
        id,
        nowMs,
        PodReason.ImagePullFailed,
        PodMessages.imagePullFailed(
          (step?.containerName ?? 'step-unnamed-0').replace(/^step-/, ''),
          taskRun.name,
          image,
        ),
      );
      return;
    }
    if (taskRun.endTimer >= 0) this.fleet.cancel(taskRun.endTimer);
    taskRun.endTimer = NO_TIMER;
    const fleetRun = this.runOf(id);
    startAttempt(fleetRun.lifecycle, taskRun, nowMs, taskRun.attemptStartMs);
    this.fleet.timings[id].runningAtMs ??= nowMs;
    // The TaskRun reconciler writes the Running status.
    this.fleet.apiCall(nowMs);
    if (fault?.kind === 'evict')
      this.timer[id] = this.fleet.schedule(nowMs + fault.afterMs, FleetEvent.PodEvict, -1, id);
  }

  private fail(id: number, nowMs: number, reason: string, message: string): void {
    const taskRun = this.taskRun(id);
    if (taskRun.terminal) return;
    const fleetRun = this.runOf(id);
    if (podFailed(fleetRun.lifecycle, taskRun, nowMs, reason, message))
      fleetRun.taskRunTerminal(taskRun, nowMs);
  }

  private stopThrottles(id: number, nowMs: number): void {
    this.stopQuotaThrottle(id, nowMs);
    this.stopNodeThrottle(id, nowMs);
  }

  private stopQuotaThrottle(id: number, nowMs: number): void {
    const since = this.quotaSinceMs[id];
    if (since === undefined) return;
    this.fleet.timings[id].throttledByQuotaMs += nowMs - since;
    this.quotaSinceMs[id] = undefined;
  }

  private stopNodeThrottle(id: number, nowMs: number): void {
    const since = this.nodeSinceMs[id];
    if (since === undefined) return;
    this.fleet.timings[id].throttledByNodeMs += nowMs - since;
    this.nodeSinceMs[id] = undefined;
  }

  private runOf(id: number) {
    return this.fleet.runAt(this.fleet.timings[id].run);
  }

  private taskRun(id: number): TaskRunRecord {
    const timing = this.fleet.timings[id];
    return this.fleet.runAt(timing.run).state.taskRuns[timing.taskRun];
  }
}

/** Tekton names a TaskRun's pod `<taskrun>-pod`, and a retry's `<taskrun>-pod-retry<N>`. */
function podName(taskRun: TaskRunRecord): string {
  return taskRun.attempt === 0
    ? `${taskRun.name}-pod`
    : `${taskRun.name}-pod-retry${taskRun.attempt}`;
}

function imageOf(step: { image?: string } | undefined): string {
  return step?.image ?? '';
}
