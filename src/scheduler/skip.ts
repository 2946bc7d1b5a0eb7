// The skip decision, one ordered function per kind of task, as Tekton's skip() and
// IsFinallySkipped() (tekton-semantics 2.4). The first matching rule wins; the checks that
// cost something are passed as functions so they run only when their turn comes.
import type { DagSkipCheck } from '../model/profiles.js';
import { SkipReason } from '../model/reasons.js';

const V1_ORDER: readonly DagSkipCheck[] = ['when', 'parentSkipped', 'missingResults'];

export interface RunSkipFacts {
  stopping: boolean;
  gracefullyCancelled: boolean;
  gracefullyStopped: boolean;
  pipelineTimedOut: boolean;
  tasksTimedOut: boolean;
  finallyTimedOut: boolean;
}

export interface DagTaskSkipFacts {
  parentsDone: boolean;
  /** False when some when expression is false. */
  whenPassed(): boolean;
  /** Some parent is skipped for a reason other than WhenExpressionsSkip. */
  parentSkippedNotByWhen(): boolean;
  /** A referenced result is missing and (onError continue or its producer was when-skipped). */
  missingResultsSkips(): boolean;
  emptyMatrix(): boolean;
}

export function dagSkipReason(
  run: RunSkipFacts,
  task: DagTaskSkipFacts,
  order: readonly DagSkipCheck[] = V1_ORDER,
): SkipReason | undefined {
  if (run.stopping) return SkipReason.Stopping;
  if (run.gracefullyCancelled) return SkipReason.GracefullyCancelled;
  if (run.gracefullyStopped) return SkipReason.GracefullyStopped;
  // Everything below looks at the task's own facts, which exist only once its parents are done.
  if (!task.parentsDone) return undefined;
  for (const check of order) {
    if (check === 'when' && !task.whenPassed()) return SkipReason.WhenExpressions;
    if (check === 'parentSkipped' && task.parentSkippedNotByWhen()) return SkipReason.ParentTasks;
    if (check === 'missingResults' && task.missingResultsSkips()) return SkipReason.MissingResults;
  }
  if (run.pipelineTimedOut) return SkipReason.PipelineTimedOut;
  if (run.tasksTimedOut) return SkipReason.TasksTimedOut;
  if (task.emptyMatrix()) return SkipReason.EmptyArrayInMatrixParams;
  return undefined;
}

export interface FinallyTaskSkipFacts {
  /** Any referenced result cannot be resolved (producer skipped, failed or silent). */
  resultsMissing(): boolean;
  whenPassed(): boolean;
  emptyMatrix(): boolean;
}

/** Evaluated only once every DAG task is done. Stopping and graceful cancel never skip finally. */
export function finallySkipReason(
  run: RunSkipFacts,
  task: FinallyTaskSkipFacts,
): SkipReason | undefined {
  if (task.resultsMissing()) return SkipReason.MissingResults;
  if (!task.whenPassed()) return SkipReason.WhenExpressions;
  if (run.pipelineTimedOut) return SkipReason.PipelineTimedOut;
  if (run.finallyTimedOut) return SkipReason.FinallyTimedOut;
  if (task.emptyMatrix()) return SkipReason.EmptyArrayInMatrixParams;
  return undefined;
}
