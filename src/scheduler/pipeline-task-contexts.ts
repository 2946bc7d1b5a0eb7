// The last pass over a pipeline task's params before its TaskRuns are created: Tekton's
// ApplyPipelineTaskContexts (pkg/reconciler/pipelinerun/resources/apply.go), which
// createTaskRun calls for each TaskRun it makes, after the matrix has fanned out
// (createTaskRuns calls Matrix.FanOut first). So what it fills reaches the TaskRun only through
// the pipeline task's own params, never through matrix params or include rows, `when`, or the
// task's steps:
//
// - `$(context.pipelineTask.retries)`: the pipeline task's retries;
// - `$(tasks.X.matrix.length)`: Matrix.CountCombinations of X's matrix as
//   status.pipelineSpec holds it (params filled in, results not), not the TaskRuns X made;
// - `$(tasks.X.matrix.R.length)`: how many of X's TaskRuns have a result R now
//   (createResultsCacheMatrixedTaskRuns).
//
// A matrix variable is filled only when some param of this task names it first among its
// matrix variables (filterMatrixContextVar, Param.ParseTaskandResultName); every param then
// gets every variable so found.
import type { PlanTask } from '../plan/plan.js';
import { substituteParams } from '../tekton/substitute.js';
import type { Param } from '../tekton/types.js';
import { countCombinations } from '../tekton/validate/matrix.js';
import { expressionsOfValue } from '../tekton/validate/expressions.js';
import type { RunState } from './state.js';

export function applyPipelineTaskContexts(
  state: RunState,
  task: PlanTask,
  params: readonly Param[],
): Param[] {
  const lengths = new Map<string, string>();
  for (const param of params) {
    const named = firstMatrixVariable(expressionsOfValue(param?.value));
    if (!named) continue;
    const { taskName, resultName } = named;
    const counted = dagTask(state, taskName);
    if (counted)
      lengths.set(
        `${taskName}.`,
        String(counted.pipelineTask.matrix ? countCombinations(counted.pipelineTask.matrix) : 0n),
      );
    if (resultName !== undefined && state.plan.taskIndexByName.has(taskName))
      lengths.set(`${taskName}.${resultName}`, String(runsWithResult(state, taskName, resultName)));
  }
  return substituteParams(params, {
    context: { 'pipelineTask.retries': String(task.retries) },
    matrixLength: (taskName) => lengths.get(`${taskName}.`),
    matrixResultLength: (taskName, result) => lengths.get(`${taskName}.${result}`),
  });
}

/**
 * ParseTaskandResultName: the first expression that is exactly `tasks.X.matrix.length` or
 * `tasks.X.matrix.R.length`.
 */
function firstMatrixVariable(
  expressions: readonly string[],
): { taskName: string; resultName?: string } | undefined {
  for (const expression of expressions) {
    const parts = expression.split('.');
    if (parts[0] !== 'tasks' || parts[2] !== 'matrix') continue;
    if (parts.length === 4 && parts[3] === 'length') return { taskName: parts[1] };
    if (parts.length === 5 && parts[4] === 'length')
      return { taskName: parts[1], resultName: parts[3] };
  }
  return undefined;
}

/** Only status.pipelineSpec.tasks is searched for the matrix, not finally. */
function dagTask(state: RunState, taskName: string): PlanTask | undefined {
  const index = state.plan.taskIndexByName.get(taskName);
  return index === undefined || index >= state.plan.dagCount ? undefined : state.plan.tasks[index];
}

function runsWithResult(state: RunState, taskName: string, result: string): number {
  const index = state.plan.taskIndexByName.get(taskName) as number;
  let count = 0;
  for (const run of state.taskRunsOf[index]) {
    if (state.taskRuns[run].results.some((written) => written.name === result)) count++;
  }
  return count;
}
