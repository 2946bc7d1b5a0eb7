// What resolvePipelineState finds wrong at a reconcile, before anything is scheduled: it
// resolves every pipeline task without a TaskRun (skipped ones too) at each reconcile, and a
// task whose result references all resolve can still fail the run PipelineValidationFailed.
// Pure queries over the run's state; reconcile.ts marks the run failed with the message.
import type { PlanTask } from '../plan/plan.js';
import { invalidTaskParams } from '../plan/start-checks.js';
import { Messages } from '../model/reasons.js';
import { substituteParams } from '../tekton/substitute.js';
import { referenceResolves, taskResultValue, taskSubstitutionContext } from './lookup.js';
import type { RunState } from './state.js';

export function allReferencesResolve(state: RunState, task: PlanTask): boolean {
  return task.resultReferences.every((reference) => referenceResolves(state, reference));
}

/** The PipelineValidationFailed message of the first such failure, or undefined. */
export function resolveTimeFailure(state: RunState): string | undefined {
  return resultIndexOutOfBound(state) ?? resolvedParamsInvalid(state);
}

/**
 * ResolvePipelineTask fails when all of a task's result references resolve and one indexes
 * past the array written (validateArrayResultsIndex).
 */
function resultIndexOutOfBound(state: RunState): string | undefined {
  const { plan } = state;
  if (plan.indexedResultTasks.length === 0 || plan.profile.unresolvedDagResultFailsRun)
    return undefined;
  for (const index of plan.indexedResultTasks) {
    if (state.taskRunsOf[index].length > 0) continue;
    const task = plan.tasks[index];
    if (!allReferencesResolve(state, task)) continue;
    // removeDup hands them over sorted by producer, then result.
    const references = [...task.resultReferences].sort((a, b) =>
      a.task !== b.task ? (a.task < b.task ? -1 : 1) : a.result < b.result ? -1 : 1,
    );
    for (const reference of references) {
      if (reference.index === undefined) continue;
      const value = taskResultValue(state, reference.task, reference.result);
      if (!Array.isArray(value) || reference.index < value.length) continue;
      const error = Messages.resultIndexOutOfBound(
        reference.index,
        reference.task,
        reference.result,
        value.length,
      );
      return Messages.unresolvableReferences(plan.namespace, plan.pipelineRunName, error);
    }
  }
  return undefined;
}

/**
 * reconcile() runs ValidateResolvedTask on every task at every reconcile, after
 * ResolvePipelineTask filled in the results of a task not started yet: a param that was
 * `$(tasks.a.results.arr[*])` is an array from then on, and a Task that declares it a string
 * fails the run as a start failure would, in the reconcile after the producer finished.
 */
function resolvedParamsInvalid(state: RunState): string | undefined {
  const { plan } = state;
  for (const index of plan.resultParamTasks) {
    if (state.taskRunsOf[index].length > 0) continue;
    const task = plan.tasks[index];
    if (!task.taskSpec || !allReferencesResolve(state, task)) continue;
    const params = substituteParams(task.params, taskSubstitutionContext(state, task, false));
    const error = invalidTaskParams({ ...task.pipelineTask, params }, task.taskSpec.params ?? []);
    if (!error) continue;
    const taskName = task.pipelineTask.taskRef ? String(task.pipelineTask.taskRef.name ?? '') : '';
    return Messages.invalidTaskParams(plan.pipelineRunName, taskName, error);
  }
  return undefined;
}
