// One row per TaskRun attempt of one run: when it was created, started and ended, and how it
// ended. Reports turn these into the per-attempt CSV and the timeouts-by-kind counts; kept
// plain so worker threads can send them back as they are.
import { TaskRunReason } from '../model/reasons.js';
import type { RunView } from '../model/status.js';
import type { TaskRunRecord } from '../model/taskrun.js';

export interface AttemptRow {
  /**
   * Which PipelineRun of a cluster seed, in arrival order (absent: the only one). Arrivals of
   * one PipelineRun share its name, so the TaskRun's name alone does not tell them apart.
   */
  pipelineRunIndex?: number;
  task: string;
  taskRun: string;
  /** 0-based, as in status.retriesStatus. */
  attempt: number;
  isFinally: boolean;
  /** The TaskRun's creation; the same for every attempt of it. */
  createdMs: number;
  startMs?: number;
  completionMs?: number;
  /** Condition status and reason the attempt ended with; `Unknown` while it never ended. */
  status: string;
  reason: string;
}

export function attemptRows(view: RunView, pipelineRunIndex?: number): AttemptRow[] {
  const rows: AttemptRow[] = [];
  for (const taskRun of view.taskRuns) {
    const attempts = [...taskRun.retriesStatus, taskRun];
    attempts.forEach((attempt, index) => {
      rows.push({
        ...(pipelineRunIndex === undefined ? {} : { pipelineRunIndex }),
        task: taskRun.pipelineTaskName,
        taskRun: taskRun.name,
        attempt: index,
        isFinally: taskRun.isFinally,
        createdMs: taskRun.createdAtMs,
        ...(attempt.startTimeMs === undefined ? {} : { startMs: attempt.startTimeMs }),
        ...(attempt.completionTimeMs === undefined
          ? {}
          : { completionMs: attempt.completionTimeMs }),
        status: attempt.condition.status,
        reason: attempt.condition.reason,
      });
    });
  }
  return rows;
}

/** Whether any attempt of any TaskRun record ended TaskRunTimeout (the cluster engine's runs). */
export function anyRecordTimedOut(taskRuns: readonly TaskRunRecord[]): boolean {
  for (const taskRun of taskRuns) {
    if (taskRun.reason === TaskRunReason.TaskRunTimeout) return true;
    for (const attempt of taskRun.retriesStatus)
      if (attempt.condition.reason === TaskRunReason.TaskRunTimeout) return true;
  }
  return false;
}
