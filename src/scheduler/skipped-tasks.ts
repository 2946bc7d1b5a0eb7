// status.skippedTasks (tekton-semantics 5.4): every skipped task with its current reason, DAG
// tasks in spec order then finally tasks; DAG entries carry their resolved when expressions,
// finally entries only when the reason is the when expressions.
import { evaluateWhenExpressions } from '../tekton/when.js';
import type { WhenExpression } from '../tekton/types.js';
import { CelError } from '../cel/index.js';
import { runSubstitutionContext } from './lookup.js';
import { SkipReason, SpecStatus } from '../model/reasons.js';
import { TaskState, type RunState } from './state.js';
import type { SkippedTask } from '../model/status.js';

/** The reason a skipped task shows now: stopping and graceful cancel/stop outrank its own. */
export function currentSkipReason(state: RunState, index: number): SkipReason {
  if (index < state.plan.dagCount) {
    if (state.stopping) return SkipReason.Stopping;
    if (state.specStatus === SpecStatus.CancelledRunFinally) return SkipReason.GracefullyCancelled;
    if (state.specStatus === SpecStatus.StoppedRunFinally) return SkipReason.GracefullyStopped;
  }
  return state.intrinsicSkip[index] ?? SkipReason.Stopping;
}

export function buildSkippedTasks(state: RunState): SkippedTask[] {
  const skipped: SkippedTask[] = [];
  for (const task of state.plan.tasks) {
    if (state.taskState[task.index] !== TaskState.Skipped) continue;
    const reason = currentSkipReason(state, task.index);
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
    return evaluateWhenExpressions(task.when, runSubstitutionContext(state, task.isFinally))
      .resolved;
  } catch (error) {
    if (error instanceof CelError) return task.when;
    throw error;
  }
}
