// The part of a TaskRun attempt that status.steps is printed from: its outcome, when its
// steps started, and how it ended. One small object per attempt, made when an attempt is
// archived or the status view is built; the steps themselves are worked out only when printed.
import { PodReason, TaskRunReason } from '../model/reasons.js';
import type { AttemptStepsView } from '../model/status.js';
import type { TaskRunRecord } from '../model/taskrun.js';

/**
 * The running (or last) attempt's steps, or undefined when its steps never started (its pod
 * waited for a node, the quota or its start-up, or the task is one we cannot see into).
 * `stoppedAtMs` is when a timeout or cancel read the steps' states.
 */
export function attemptStepsView(
  taskRun: TaskRunRecord,
  reason: string,
  ended: boolean,
  stoppedAtMs: number | undefined,
): AttemptStepsView | undefined {
  const outcome = taskRun.pendingOutcome;
  if (outcome === undefined || taskRun.stepsStartMs === undefined) return undefined;
  const view: AttemptStepsView = {
    outcome,
    startedAtMs: taskRun.stepsStartMs,
    endedBy: ended ? endedBy(reason) : 'running',
  };
  if (view.endedBy === 'stopped' && stoppedAtMs !== undefined) view.stoppedAtMs = stoppedAtMs;
  return view;
}

function endedBy(reason: string): AttemptStepsView['endedBy'] {
  if (reason === TaskRunReason.TaskRunTimeout || reason === TaskRunReason.TaskRunCancelled)
    return 'stopped';
  if (reason === PodReason.PodEvicted || reason === PodReason.ImagePullFailed) return 'pod';
  return 'steps';
}
