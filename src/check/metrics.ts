// Per-run metric rows: the few numbers about one finished run that expectations and
// statistics aggregate over many seeds. Computed once from the run's view and state, small
// and plain (no functions), so worker threads can send them back as they are.
import type { SimulatedRun } from '../engine/simulated-run.js';
import type { SimulationResult } from '../engine/simulation.js';
import { buildSkippedTasks } from '../scheduler/skipped-tasks.js';
import type { RunState } from '../scheduler/state.js';
import { SkipReason, TaskRunReason } from '../model/reasons.js';

export type TaskOutcome = 'Succeeded' | 'Failed' | 'Skipped' | 'NotRun';

export interface TaskMetrics {
  outcome: TaskOutcome;
  /** Attempts of its TaskRun (the most any one had, for a matrix fan-out); 0 when none ran. */
  attempts: number;
  /** First TaskRun created to last TaskRun completed; undefined when none ran or none completed. */
  durationMs?: number;
  skipReason?: string;
}

export interface RunMetrics {
  seed?: number;
  /** The Succeeded condition: `Succeeded` (True), `Failed` (False) or `Unknown`. */
  status: 'Succeeded' | 'Failed' | 'Unknown';
  reason: string;
  /** status.startTime to status.completionTime. */
  makespanMs: number;
  /** Every finally task ran to a terminal state without being cancelled, or was skipped for its own reasons. */
  finallyCompletes: boolean;
  /** By pipeline task name. */
  tasks: Record<string, TaskMetrics>;
  /** Only for a PipelineRun in a cluster (check/fleet-metrics.ts). */
  cluster?: ClusterRunMetrics;
}

/** Where one PipelineRun's time went in a shared cluster, and (on its seed's first run) the seed's totals. */
export interface ClusterRunMetrics {
  /** Arrived to admitted. */
  queueWaitMs: number;
  /** Per TaskRun: its pipeline task ready to the TaskRun created. */
  schedulingLatencyMs: number[];
  /** Per TaskRun: created to its pod placed. */
  podWaitMs: number[];
  /** Per TaskRun: placed to its first step running. */
  podStartMs: number[];
  /** Last DAG TaskRun done to the first finally TaskRun created. */
  finallyDelayMs?: number;
  /**
   * The longest any of its deadlines (pipeline, tasks, finally) waited, once passed, for the
   * controller reconcile that enforced it; absent when none passed.
   */
  deadlineLagMs?: number;
  /** Time its TaskRuns spent refused by the quota, and waiting for a node. */
  throttledByQuotaMs: number;
  throttledByNodeMs: number;
  seed?: ClusterSeedMetrics;
}

export interface ClusterSeedMetrics {
  pipelineRunsPerHour: number;
  taskRunsPerMinute: number;
  /** Mean share of the slots (or of the CPU) held over the simulated span. */
  utilisation: number;
  /** First arrival to last completion. */
  spanMs: number;
}

// Skips that are the finally task's own business (its when expressions, missing results), as
// opposed to the run giving up on it (deadlines, cancellation, stopping).
const ALLOWED_FINALLY_SKIPS: ReadonlySet<string> = new Set([
  SkipReason.WhenExpressions,
  SkipReason.MissingResults,
  SkipReason.EmptyArrayInMatrixParams,
]);

export function runMetrics(run: SimulatedRun, seed?: number): RunMetrics {
  const { view, result } = run;
  const status = view.pipelineRun.condition;
  const skipped = new Map(view.pipelineRun.skippedTasks.map((task) => [task.name, task.reason]));
  const tasks: Record<string, TaskMetrics> = {};
  for (const task of result.state.plan.tasks) tasks[task.name] = { outcome: 'NotRun', attempts: 0 };
  for (const taskRun of view.taskRuns)
    addTaskRun(tasks, taskRun.pipelineTaskName, taskRun, taskRun.condition.status !== 'True');
  addSkipped(tasks, skipped);
  const startMs = view.pipelineRun.startTimeMs ?? 0;
  return {
    ...(seed === undefined ? {} : { seed }),
    status: runStatus(status.status),
    reason: status.reason,
    makespanMs: (view.pipelineRun.completionTimeMs ?? result.endTimeMs) - startMs,
    finallyCompletes: viewFinallyCompletes(run, skipped),
    tasks,
  };
}

function viewFinallyCompletes(run: SimulatedRun, skipped: ReadonlyMap<string, string>): boolean {
  const { view, result } = run;
  for (const task of result.state.plan.tasks) {
    if (!task.isFinally) continue;
    const taskRuns = view.taskRuns.filter((taskRun) => taskRun.pipelineTaskName === task.name);
    if (taskRuns.length === 0) {
      const reason = skipped.get(task.name);
      if (reason === undefined || !ALLOWED_FINALLY_SKIPS.has(reason)) return false;
      continue;
    }
    for (const taskRun of taskRuns) {
      if (
        taskRun.condition.status === 'Unknown' ||
        taskRun.condition.reason === TaskRunReason.TaskRunCancelled
      )
        return false;
    }
  }
  return true;
}

/**
 * runMetrics of a run as its engine left it (not one shown as it stood at the event bound,
 * whose view says NotCompleted), read from the state: checking a seed needs the row, not the
 * status view, which is built only when shown. A test holds the two to the same rows.
 */
export function stateRunMetrics(
  result: Pick<SimulationResult, 'state' | 'endTimeMs'>,
  seed?: number,
): RunMetrics {
  const { state } = result;
  const { condition } = state;
  const skippedTasks = state.frozenSkippedTasks ?? buildSkippedTasks(state);
  const skipped = new Map(skippedTasks.map((task) => [task.name, task.reason]));
  const tasks: Record<string, TaskMetrics> = {};
  for (const task of state.plan.tasks) tasks[task.name] = { outcome: 'NotRun', attempts: 0 };
  for (const taskRun of state.taskRuns) {
    const name = state.plan.tasks[taskRun.taskIndex].name;
    // The view's condition status is True only for a terminal TaskRun that succeeded.
    addTaskRun(tasks, name, taskRun, !(taskRun.terminal && taskRun.succeeded));
  }
  addSkipped(tasks, skipped);
  const startMs = state.startTimeMs ?? 0;
  return {
    ...(seed === undefined ? {} : { seed }),
    status: runStatus(condition.status),
    reason: condition.reason,
    makespanMs: (state.completionTimeMs ?? result.endTimeMs) - startMs,
    finallyCompletes: finallyCompletes(state, skipped),
    tasks,
  };
}

function finallyCompletes(state: RunState, skipped: ReadonlyMap<string, string>): boolean {
  for (const task of state.plan.tasks) {
    if (!task.isFinally) continue;
    const taskRuns = state.taskRunsOf[task.index];
    if (taskRuns.length === 0) {
      const reason = skipped.get(task.name);
      if (reason === undefined || !ALLOWED_FINALLY_SKIPS.has(reason)) return false;
      continue;
    }
    for (const index of taskRuns) {
      const taskRun = state.taskRuns[index];
      // A TaskRun not terminal shows the condition status Unknown.
      if (!taskRun.terminal || taskRun.reason === TaskRunReason.TaskRunCancelled) return false;
    }
  }
  return true;
}

/** One TaskRun (an attempt chain) into its task's row: the most attempts, failed if any failed. */
function addTaskRun(
  tasks: Record<string, TaskMetrics>,
  name: string,
  taskRun: {
    retriesStatus: readonly unknown[];
    completionTimeMs?: number | undefined;
    createdAtMs: number;
  },
  failed: boolean,
): void {
  const metrics = (tasks[name] ??= { outcome: 'NotRun', attempts: 0 });
  metrics.attempts = Math.max(metrics.attempts, taskRun.retriesStatus.length + 1);
  metrics.outcome = failed || metrics.outcome === 'Failed' ? 'Failed' : 'Succeeded';
  if (taskRun.completionTimeMs !== undefined) {
    const durationMs = taskRun.completionTimeMs - taskRun.createdAtMs;
    metrics.durationMs = Math.max(metrics.durationMs ?? 0, durationMs);
  }
}

/** A skipped task that never ran shows as Skipped; its reason is kept either way. */
function addSkipped(tasks: Record<string, TaskMetrics>, skipped: ReadonlyMap<string, string>) {
  for (const [name, reason] of skipped) {
    const metrics = (tasks[name] ??= { outcome: 'NotRun', attempts: 0 });
    if (metrics.attempts === 0) metrics.outcome = 'Skipped';
    metrics.skipReason = reason;
  }
}

function runStatus(conditionStatus: string): RunMetrics['status'] {
  return conditionStatus === 'True'
    ? 'Succeeded'
    : conditionStatus === 'False'
      ? 'Failed'
      : 'Unknown';
}
