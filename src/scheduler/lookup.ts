// What other tasks can read of a task while the run goes on: its results (from any terminal
// TaskRun, failed ones included) and, for finally tasks, its execution status and reason
// (tekton-semantics 1.4, 5.3).
import type { TaskResultReference } from '../tekton/references.js';
import type { ParamValue } from '../tekton/types.js';
import type { SubstitutionContext } from '../tekton/substitute.js';
import { FailureKind, TaskState, isDone, type RunState } from './state.js';
import { ExecutionStatus } from '../model/reasons.js';
import type { PlanTask } from '../plan/plan.js';

/** The value of result `result` of task `taskName`, or undefined when it cannot be read yet. */
export function taskResultValue(
  state: RunState,
  taskName: string,
  result: string,
): ParamValue | undefined {
  const index = state.plan.taskIndexByName.get(taskName);
  if (index === undefined) return undefined;
  const taskState = state.taskState[index];
  if (taskState !== TaskState.Succeeded && taskState !== TaskState.Failed) return undefined;
  const opaqueNames = state.plan.opaqueResultNames.get(index);
  if (opaqueNames?.has(result)) return state.plan.tasks[index].hasMatrix ? [] : '';
  const runs = state.taskRunsOf[index];
  if (state.plan.tasks[index].hasMatrix) {
    // A matrixed task's results are read as arrays, one element per TaskRun (2.8), in the
    // order of the TaskRuns' names (createResultsCacheMatrixedTaskRuns sorts them): from
    // eleven TaskRuns on, `x-10` comes before `x-2`.
    const values: string[] = [];
    for (const run of runsByName(state, runs)) {
      const found = state.taskRuns[run].results.find((r) => r.name === result);
      // createResultsCacheMatrixedTaskRuns appends Value.StringVal: "" for an array or object.
      if (found) values.push(typeof found.value === 'string' ? found.value : '');
    }
    return values.length > 0 ? values : undefined;
  }
  const found = state.taskRuns[runs[0]]?.results.find((r) => r.name === result);
  return found?.value;
}

function runsByName(state: RunState, runs: readonly number[]): readonly number[] {
  // A fan-out's names share everything but the `-<i>` suffix (taskrun/naming.ts), so up to
  // ten of them are already in name order.
  if (runs.length < 11) return runs;
  return [...runs].sort((a, b) => {
    const left = state.taskRuns[a].name;
    const right = state.taskRuns[b].name;
    return left < right ? -1 : left > right ? 1 : 0;
  });
}

/** `$(tasks.X.status)`: Succeeded, Failed or None. */
export function taskStatusValue(state: RunState, index: number): string {
  const taskState = state.taskState[index];
  if (taskState === TaskState.Succeeded) return ExecutionStatus.Succeeded;
  if (taskState === TaskState.Failed) return ExecutionStatus.Failed;
  return ExecutionStatus.None;
}

/** `$(tasks.X.reason)`: the reason of the first TaskRun that did not succeed, "" if never ran. */
export function taskReasonValue(state: RunState, index: number): string {
  const runs = state.taskRunsOf[index];
  if (runs.length === 0 || !isDone(state.taskState[index] as TaskState)) return '';
  for (const run of runs) if (!state.taskRuns[run].succeeded) return state.taskRuns[run].reason;
  return state.taskRuns[runs[0]].reason;
}

/** `$(tasks.status)`: None until every DAG task is done; then Failed, Completed or Succeeded. */
export function aggregateStatusValue(state: RunState): string {
  const dagCount = state.plan.dagCount;
  if (state.dagDoneCount < dagCount) return ExecutionStatus.None;
  let skipped = false;
  for (let index = 0; index < dagCount; index++) {
    const taskState = state.taskState[index];
    // A validation-failed task is done but neither failed nor skipped (Skip() answers None).
    if (taskState === TaskState.Failed) return ExecutionStatus.Failed;
    if (taskState === TaskState.Skipped) skipped = true;
  }
  return skipped ? ExecutionStatus.Completed : ExecutionStatus.Succeeded;
}

/** Substitution context for a task's params and when, as the run stands now. */
export function runSubstitutionContext(
  state: RunState,
  withExecutionStatus: boolean,
): SubstitutionContext {
  return withExecutionStatus ? new FinallyContext(state, true) : new RunContext(state, true);
}

/**
 * The context for one task's params, when and matrix. Result references are substituted all
 * or nothing: ResolvePipelineTask resolves a task's references together (ResolveResultRefs)
 * and applies none when any one of them cannot be resolved.
 */
export function taskSubstitutionContext(
  state: RunState,
  task: PlanTask,
  withExecutionStatus: boolean,
): SubstitutionContext {
  const allResolve = task.resultReferences.every((reference) =>
    referenceResolves(state, reference),
  );
  return withExecutionStatus
    ? new FinallyContext(state, allResolve)
    : new RunContext(state, allResolve);
}

// The contexts are classes rather than objects of closures: a reconcile makes one or more
// per task it decides, and their lookups are the same functions every time.

/**
 * What params, when and matrix of a DAG task read: results. Matrix lengths and the task's
 * retries come later, in the params alone (pipeline-task-contexts.ts).
 */
class RunContext implements SubstitutionContext {
  constructor(
    protected readonly state: RunState,
    /** False when some result reference of the task cannot be resolved: none is then. */
    private readonly resultsResolve: boolean,
  ) {}

  taskResult(task: string, result: string): ParamValue | undefined {
    return this.resultsResolve ? taskResultValue(this.state, task, result) : undefined;
  }
}

/** A finally task also reads the DAG tasks' execution status and reason, and their aggregate. */
class FinallyContext extends RunContext {
  readonly aggregateStatus: string;

  constructor(state: RunState, resultsResolve: boolean) {
    super(state, resultsResolve);
    this.aggregateStatus = aggregateStatusValue(state);
  }

  taskStatus(task: string): string | undefined {
    const index = this.dagTaskIndex(task);
    return index === undefined ? undefined : taskStatusValue(this.state, index);
  }

  taskReason(task: string): string | undefined {
    const index = this.dagTaskIndex(task);
    return index === undefined ? undefined : taskReasonValue(this.state, index);
  }

  private dagTaskIndex(task: string): number | undefined {
    const index = this.state.plan.taskIndexByName.get(task);
    return index === undefined || index >= this.state.plan.dagCount ? undefined : index;
  }
}

/** Tekton's missing-result check asks only whether the result exists by name (2.6). */
export function referenceResolves(state: RunState, reference: TaskResultReference): boolean {
  return taskResultValue(state, reference.task, reference.result) !== undefined;
}

export function countsAsCancelledForTimeout(state: RunState, index: number): boolean {
  return state.failureKind[index] === FailureKind.CancelledForTimeout;
}
