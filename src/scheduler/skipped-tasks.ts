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

/**
 * DAG tasks not decided yet that Tekton nevertheless reports as skipped: skip() checks
 * "Parent Tasks were skipped" without waiting for the other parents (only the when, missing
 * results and timeout checks wait for them), so a task with one parent skipped for a reason
 * other than its when expressions is skipped, and so are its own children, while another
 * parent still runs. The simulator decides a task once its parents are done, with the same
 * final reason; only a status frozen before then (pipeline deadline, tasks deadline without
 * finally, hard cancel) and the running message's counts show the difference.
 * (pipelinerunresolution.go skip, skipBecauseParentTaskWasSkipped.)
 */
export function provisionalParentSkips(
  state: RunState,
  facts: GlobalSkipFacts = state,
): Uint8Array | undefined {
  const { plan } = state;
  // Nothing skipped, or no DAG task left undecided.
  if (state.skippedCount === 0 || state.dagDoneCount >= plan.dagCount) return undefined;
  // 0: not asked yet, 1: skipped (provisionally), 2: not skipped.
  const memo = new Uint8Array(plan.dagCount);
  let any = false;
  const skippedNotByWhen = (parent: number): boolean => {
    const parentState = state.taskState[parent];
    if (parentState === TaskState.Skipped)
      return currentSkipReason(state, parent, facts) !== SkipReason.WhenExpressions;
    return parentState === TaskState.NotStarted && provisional(parent);
  };
  const provisional = (index: number): boolean => {
    if (memo[index] === 0) {
      memo[index] = 2;
      if (
        state.taskState[index] === TaskState.NotStarted &&
        state.pendingParents[index] > 0 &&
        plan.tasks[index].parents.some(skippedNotByWhen)
      ) {
        memo[index] = 1;
        any = true;
      }
    }
    return memo[index] === 1;
  };
  for (let index = 0; index < plan.dagCount; index++) provisional(index);
  return any ? memo : undefined;
}

/** How many DAG tasks provisionalParentSkips reports. */
export function provisionalParentSkipCount(state: RunState): number {
  const memo = provisionalParentSkips(state);
  if (!memo) return 0;
  let count = 0;
  for (const mark of memo) if (mark === 1) count++;
  return count;
}

/** status.skippedTasks from the tasks skipped so far, read with `facts` (now, by default). */
export function buildSkippedTasks(state: RunState, facts: GlobalSkipFacts = state): SkippedTask[] {
  const skipped: SkippedTask[] = [];
  const provisional = provisionalParentSkips(state, facts);
  for (const task of state.plan.tasks) {
    let reason: SkipReason;
    if (state.taskState[task.index] === TaskState.Skipped) {
      reason = currentSkipReason(state, task.index, facts);
    } else if (provisional?.[task.index] === 1) {
      reason = SkipReason.ParentTasks;
    } else continue;
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
