// The SeedResult of a seed the kernel ran: the same fields, values and key order as
// runner/run-fleet-seed.ts builds from check/metrics.ts and check/fleet-metrics.ts, built
// from the kernel's arrays only now that the seed leaves the kernel.
import type { RunMetrics, TaskMetrics } from '../check/metrics.js';
import type { SeedResult } from '../check/seed-result.js';
import { SkipReason } from '../model/reasons.js';
import type { Kernel } from './compile.js';
import { Ending, Skip, Status, Task, type KernelState } from './state.js';

export const SKIP_TEXT: readonly string[] = [
  '',
  SkipReason.ParentTasks,
  SkipReason.Stopping,
  SkipReason.PipelineTimedOut,
  SkipReason.TasksTimedOut,
  SkipReason.FinallyTimedOut,
];

export function seedResult(
  kernel: Kernel,
  state: KernelState,
  seed: number,
  eventCount: number,
  endTimeMs: number,
): SeedResult {
  const status = statusText(state);
  const reason = state.conditionReason;
  const row = metricsRow(kernel, state, seed, status, reason, endTimeMs);
  return {
    scenario: kernel.scenario.name,
    file: kernel.scenario.file,
    seed,
    status,
    reason,
    eventCount,
    endTimeMs,
    violations: [],
    findings: [],
    metrics: row,
    runMetrics: [row],
    // No spec.arrivals (the kernel refuses them): the one PipelineRun arrives at 0.
    pipelineRuns: [{ name: kernel.plan.pipelineRunName, arrivalMs: 0 }],
    taskRunTimedOut: state.attemptTimedOut,
  };
}

/** The run's status as RunMetrics and SeedResult say it. */
export function statusText(state: KernelState): RunMetrics['status'] {
  return state.conditionStatus === Status.True
    ? 'Succeeded'
    : state.conditionStatus === Status.False
      ? 'Failed'
      : 'Unknown';
}

/** When the fleet saw the run complete; the end of the simulation when it never did. */
export function completedAtMsOf(state: KernelState, endTimeMs: number): number {
  return Number.isNaN(state.completedAtMs) ? endTimeMs : state.completedAtMs;
}

function metricsRow(
  kernel: Kernel,
  state: KernelState,
  seed: number,
  status: RunMetrics['status'],
  reason: string,
  endTimeMs: number,
): RunMetrics {
  const tasks: Record<string, TaskMetrics> = {};
  for (let task = 0; task < kernel.taskCount; task++) {
    const metrics: TaskMetrics = { outcome: 'NotRun', attempts: 0 };
    const taskRun = state.taskRunOf[task];
    if (taskRun >= 0) {
      metrics.attempts = state.trAttempt[taskRun] + 1;
      metrics.outcome = state.trEnding[taskRun] === Ending.Succeeded ? 'Succeeded' : 'Failed';
      const completionMs = state.trCompletionMs[taskRun];
      if (!Number.isNaN(completionMs))
        metrics.durationMs = Math.max(0, completionMs - state.trCreatedAtMs[taskRun]);
    }
    if (state.taskState[task] === Task.Skipped && state.shownSkip[task] !== Skip.None) {
      if (metrics.attempts === 0) metrics.outcome = 'Skipped';
      metrics.skipReason = SKIP_TEXT[state.shownSkip[task]];
    }
    tasks[kernel.taskNames[task]] = metrics;
  }
  const completedAtMs = completedAtMsOf(state, endTimeMs);
  const schedulingLatencyMs: number[] = [];
  const podWaitMs: number[] = [];
  const podStartMs: number[] = [];
  let throttledByNodeMs = 0;
  for (let taskRun = 0; taskRun < state.taskRunCount; taskRun++) {
    const createdAtMs = state.trCreatedAtMs[taskRun];
    if (Number.isNaN(createdAtMs)) continue;
    schedulingLatencyMs.push(createdAtMs - state.trReadyAtMs[taskRun]);
    const placedAtMs = state.trPlacedAtMs[taskRun];
    if (!Number.isNaN(placedAtMs)) {
      podWaitMs.push(placedAtMs - createdAtMs);
      if (!Number.isNaN(state.trRunningAtMs[taskRun]))
        podStartMs.push(state.trRunningAtMs[taskRun] - placedAtMs);
    }
    throttledByNodeMs += state.trThrottledByNodeMs[taskRun];
  }
  const createdCount = schedulingLatencyMs.length;
  const spanMs = Math.max(0, completedAtMs) - 0;
  return {
    seed,
    status,
    reason,
    makespanMs: completedAtMs - 0,
    finallyCompletes: finallyCompletes(kernel, state),
    tasks,
    cluster: {
      queueWaitMs: 0,
      schedulingLatencyMs,
      podWaitMs,
      podStartMs,
      ...(Number.isNaN(state.finallyDelayMs) ? {} : { finallyDelayMs: state.finallyDelayMs }),
      ...(Number.isNaN(state.deadlineLagMs) ? {} : { deadlineLagMs: state.deadlineLagMs }),
      throttledByQuotaMs: 0,
      throttledByNodeMs,
      seed: {
        pipelineRunsPerHour: spanMs > 0 ? (1 * 3_600_000) / spanMs : 0,
        taskRunsPerMinute: spanMs > 0 ? (createdCount * 60_000) / spanMs : 0,
        utilisation: utilisation(kernel, state, 0, Math.max(0, completedAtMs)),
        spanMs,
      },
    },
  };
}

/** Every finally task ran to a terminal state without being cancelled, or was skipped for its own reasons. */
export function finallyCompletes(kernel: Kernel, state: KernelState): boolean {
  for (let task = kernel.dagCount; task < kernel.taskCount; task++) {
    const taskRun = state.taskRunOf[task];
    // The kernel's skips (deadlines, stopping) are never a finally task's own reasons.
    if (taskRun < 0) return false;
    if (state.trTerminal[taskRun] === 0 || state.trEnding[taskRun] === Ending.Cancelled)
      return false;
  }
  return true;
}

/** check/fleet-metrics.ts utilisation for slots: the mean share of the slots held. */
export function utilisation(
  kernel: Kernel,
  state: KernelState,
  startMs: number,
  endMs: number,
): number {
  if (kernel.slots === Number.POSITIVE_INFINITY || endMs <= startMs) return 0;
  const capacity = kernel.slots;
  if (capacity <= 0) return 0;
  let held = 0;
  for (let pod = 0; pod < state.podCount; pod++) {
    const fromMs = Math.max(startMs, state.podFromMs[pod]);
    const toMs = Math.min(endMs, state.podToMs[pod]);
    if (toMs > fromMs) held += state.podAmount[pod] * (toMs - fromMs);
  }
  return held / (capacity * (endMs - startMs));
}
