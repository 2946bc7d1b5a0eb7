// Test-only switches that break one rule of Tekton's each, so that tests can show the
// invariant checkers catch the break, replay reproduces it and shrink reduces it. Never set
// outside tests; the CLI has no flag for them. The engine applies them, and only the engine:
// the scheduler and the TaskRun lifecycle know nothing of them.
import { TaskRunReason } from '../model/reasons.js';
import type { TaskRunRecord } from '../model/taskrun.js';
import { cancelledAttempt, failOrRetry, type LifecycleContext } from '../taskrun/lifecycle.js';

export interface PlantedFaults {
  /** Start finally tasks as soon as any DAG task is done, not when all are. */
  finallyStartsEarly?: boolean;
  /** Retry a TaskRun that was cancelled (Tekton never does). */
  retryAfterCancel?: boolean;
  /** Never enforce the pipeline deadline. */
  missPipelineDeadline?: boolean;
}

/**
 * retryAfterCancel: a cancel takes effect as a failed attempt, so a TaskRun with retries left
 * starts another one. Returns undefined when the fault has nothing to break (already
 * terminal, no retries left) and the cancel must take effect as Tekton's does.
 */
export function retryCancelledTaskRun(
  context: LifecycleContext,
  taskRun: TaskRunRecord,
  nowMs: number,
): boolean | undefined {
  if (taskRun.terminal || taskRun.retriesStatus.length >= taskRun.retries) return undefined;
  const { message, results } = cancelledAttempt(context, taskRun, nowMs);
  taskRun.cancelStatusMessage = undefined;
  taskRun.cancelledForTimeout = false;
  return failOrRetry(context, taskRun, nowMs, TaskRunReason.TaskRunCancelled, message, results);
}
