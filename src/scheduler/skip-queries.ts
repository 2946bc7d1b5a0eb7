// The questions a reconcile asks of one task before it decides to skip or create it: the
// run-wide skip facts, each task's own (when expressions, missing results, an empty matrix),
// and the result reference that fails its validation. Queries only: nothing here writes the
// run's state except recordResolvedWhen, which the caller calls once a decision is made.
import { evaluateWhenExpressions } from '../tekton/when.js';
import { substituteParams } from '../tekton/substitute.js';
import type { PlanTask } from '../plan/plan.js';
import type { WhenExpression } from '../tekton/types.js';
import { Messages, SkipReason, SpecStatus } from '../model/reasons.js';
import { referenceResolves, taskSubstitutionContext } from './lookup.js';
import type { DagTaskSkipFacts, FinallyTaskSkipFacts, RunSkipFacts } from './skip.js';
import { TaskState, type RunState } from './state.js';

export function runSkipFacts(state: RunState): RunSkipFacts {
  return {
    stopping: state.stopping,
    gracefullyCancelled: state.specStatus === SpecStatus.CancelledRunFinally,
    gracefullyStopped: state.specStatus === SpecStatus.StoppedRunFinally,
    pipelineTimedOut: state.pipelineTimedOut,
    tasksTimedOut: state.tasksTimedOut,
    finallyTimedOut: state.finallyTimedOut,
  };
}

/** Stopping and graceful cancel/stop skip every DAG task not started yet, whatever its parents. */
export function globalDagSkip(facts: RunSkipFacts): boolean {
  return facts.stopping || facts.gracefullyCancelled || facts.gracefullyStopped;
}

// The facts of one task's skip decision, asked only when their turn comes. Classes rather than
// objects of closures: a reconcile asks them of every task it decides. A when query writes
// no state: what it resolved is kept here, and the caller records it once decided.

export class DagTaskFacts implements DagTaskSkipFacts {
  /** The when expressions as the query resolved them, if it was asked. */
  resolvedWhen: WhenExpression[] | undefined;
  readonly parentsDone: boolean;

  constructor(
    private readonly state: RunState,
    private readonly task: PlanTask,
  ) {
    this.parentsDone = state.pendingParents[task.index] === 0;
  }

  whenPassed(): boolean {
    const outcome = whenOutcome(this.state, this.task, false);
    this.resolvedWhen = outcome?.resolved;
    return outcome?.passed ?? true;
  }

  parentSkippedNotByWhen(): boolean {
    const { state } = this;
    return this.task.parents.some(
      (parent) =>
        state.taskState[parent] === TaskState.Skipped &&
        state.intrinsicSkip[parent] !== SkipReason.WhenExpressions,
    );
  }

  missingResultsSkips(): boolean {
    return missingResultsSkips(this.state, this.task);
  }

  emptyMatrix(): boolean {
    return hasEmptyMatrix(this.state, this.task);
  }
}

export class FinallyTaskFacts implements FinallyTaskSkipFacts {
  resolvedWhen: WhenExpression[] | undefined;

  constructor(
    private readonly state: RunState,
    private readonly task: PlanTask,
  ) {}

  /**
   * skipBecauseResultReferencesAreMissing: only a task with result references in its params
   * or when qualifies, and then any of its references (the taskSpec's too) failing skips it.
   */
  resultsMissing(): boolean {
    const { state } = this;
    if (!this.task.hasParamOrWhenResultReferences) return false;
    return this.task.resultReferences.some((reference) => !referenceResolves(state, reference));
  }

  whenPassed(): boolean {
    const outcome = whenOutcome(this.state, this.task, true);
    this.resolvedWhen = outcome?.resolved;
    return outcome?.passed ?? true;
  }

  emptyMatrix(): boolean {
    return hasEmptyMatrix(this.state, this.task);
  }
}

/** The task's when expressions evaluated as the run stands; undefined when it has none. */
function whenOutcome(
  state: RunState,
  task: PlanTask,
  withExecutionStatus: boolean,
): { passed: boolean; resolved: WhenExpression[] } | undefined {
  if (task.when.length === 0) return undefined;
  return evaluateWhenExpressions(
    task.when,
    taskSubstitutionContext(state, task, withExecutionStatus),
  );
}

/** Once a task's skip decision is made: the when expressions it resolved, for status. */
export function recordResolvedWhen(
  state: RunState,
  index: number,
  resolved: WhenExpression[] | undefined,
): void {
  if (resolved) state.resolvedWhen[index] = resolved;
}

function hasEmptyMatrix(state: RunState, task: PlanTask): boolean {
  if (!task.hasMatrix) return false;
  const context = taskSubstitutionContext(state, task, task.isFinally);
  return substituteParams(task.pipelineTask.matrix?.params, context).some(
    (param) => Array.isArray(param.value) && param.value.length === 0,
  );
}

/**
 * skipBecauseResultReferencesAreMissing: only a task with result references in its params or
 * when qualifies; its first reference that cannot be resolved decides, by the task's own
 * onError: continue or by its producer having been skipped by when expressions.
 */
function missingResultsSkips(state: RunState, task: PlanTask): boolean {
  if (!task.hasParamOrWhenResultReferences) return false;
  const reference = task.resultReferences.find((ref) => !referenceResolves(state, ref));
  if (!reference) return false;
  return (
    task.onErrorContinue ||
    (reference.producer >= 0 &&
      state.intrinsicSkip[reference.producer] === SkipReason.WhenExpressions)
  );
}

/**
 * CheckMissingResultReferences: the first reference (params, matrix, when, then the embedded
 * taskSpec) that cannot be resolved fails validation, with the error its producer's fate
 * gives: no TaskRun at all, a success that did not write it, or the raw lookup error.
 */
export function missingResultError(state: RunState, task: PlanTask): string | undefined {
  for (const reference of task.resultReferences) {
    if (reference.producer < 0 || referenceResolves(state, reference)) continue;
    if (state.taskRunsOf[reference.producer].length === 0) {
      return Messages.producerHasNoTaskRuns(reference.task);
    }
    if (state.taskState[reference.producer] === TaskState.Succeeded) {
      return Messages.missingResultValidation(reference.task, reference.result, task.name);
    }
    return Messages.resultNotFound(reference.task, reference.result);
  }
  return undefined;
}
