// status.skippedTasks (tekton-semantics 5.4): every skipped task with its current reason, DAG
// tasks in spec order then finally tasks; DAG entries carry their resolved when expressions,
// finally entries only when the reason is the when expressions.
import { evaluateWhenExpressions } from '../tekton/when.js';
import type { WhenExpression } from '../tekton/types.js';
import { CelError } from '../cel/index.js';
import { taskSubstitutionContext } from './lookup.js';
import { SkipReason, SpecStatus } from '../model/reasons.js';
import { TaskState, type RunState } from './state.js';
import type { SkippedTask } from '../model/status.js';

/** The run-wide facts that outrank a task's own skip reason. */
export interface GlobalSkipFacts {
  stopping: boolean;
  specStatus: RunState['specStatus'];
}

/** The reason a skipped task shows: stopping and graceful cancel/stop outrank its own. */
export function currentSkipReason(
  state: RunState,
  index: number,
  facts: GlobalSkipFacts = state,
): SkipReason {
  if (index < state.plan.dagCount) {
    if (facts.stopping) return SkipReason.Stopping;
    if (facts.specStatus === SpecStatus.CancelledRunFinally) return SkipReason.GracefullyCancelled;
    if (facts.specStatus === SpecStatus.StoppedRunFinally) return SkipReason.GracefullyStopped;
  }
  return state.intrinsicSkip[index] ?? SkipReason.Stopping;
}

/** status.skippedTasks from the tasks skipped so far, read with `facts` (now, by default). */
export function buildSkippedTasks(state: RunState, facts: GlobalSkipFacts = state): SkippedTask[] {
  const skipped: SkippedTask[] = [];
  for (const task of state.plan.tasks) {
    if (state.taskState[task.index] !== TaskState.Skipped) continue;
    const reason = currentSkipReason(state, task.index, facts);
    const entry: SkippedTask = { name: task.name, reason };
    const showWhen = task.isFinally ? reason === SkipReason.WhenExpressions : true;
    if (showWhen && task.when.length > 0) entry.whenExpressions = resolvedWhen(state, task.index);
    skipped.push(entry);
  }
  return skipped;
}

function resolvedWhen(state: RunState, index: number): WhenExpression[] {
  const known = state.resolvedWhen[index];
  if (known) return known;
  const task = state.plan.tasks[index];
  try {
    return evaluateWhenExpressions(task.when, taskSubstitutionContext(state, task, task.isFinally))
      .resolved;
  } catch (error) {
    if (error instanceof CelError) return task.when;
    throw error;
  }
}
