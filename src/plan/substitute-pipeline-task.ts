// A pipeline task with the PipelineRun's params and context written in, as the PipelineRun
// reconciler fills them before it decides anything (pkg/reconciler/pipelinerun/resources/
// apply.go replaceVariablesInPipelineTasks, from ApplyParameters and ApplyContexts): params,
// matrix, when, runIf, onError, displayName, a taskRef's name and params, workspace subPaths.
import {
  substituteParams,
  substituteString,
  type SubstitutionContext,
} from '../tekton/substitute.js';
import type { ObjectRef, PipelineTask, WhenExpression } from '../tekton/types.js';

/** replaceVariablesInPipelineTasks: a taskRef's name and params take the run's values. */
export function substituteTaskRef(taskRef: ObjectRef, context: SubstitutionContext): ObjectRef {
  const substituted: ObjectRef = { ...taskRef };
  if (typeof taskRef.name === 'string') substituted.name = substituteString(taskRef.name, context);
  if (Array.isArray(taskRef.params)) substituted.params = substituteParams(taskRef.params, context);
  return substituted;
}

/**
 * Params, when expressions, matrix, runIf, onError and workspaces' subPath with PipelineRun
 * params and context applied (replaceVariablesInPipelineTasks).
 */
export function substitutePipelineTask(
  task: PipelineTask,
  context: SubstitutionContext,
): PipelineTask {
  const when: WhenExpression[] = (task.when ?? []).map((expression) =>
    substituteWhen(expression, context),
  );
  for (const expression of task.runIf ?? []) {
    when.push({ cel: substituteString(String(expression), context) });
  }
  // replaceVariablesInPipelineTasks substitutes params into a displayName only without a
  // matrix (there `$(params.x)` names a combination's param, filled per TaskRun); contexts
  // (ApplyContexts, ApplyPipelineTaskContexts) reach every one.
  const matrixed = Boolean(task.matrix?.params?.length || task.matrix?.include?.length);
  const displayName =
    typeof task.displayName === 'string'
      ? substituteString(task.displayName, matrixed ? { context: context.context } : context)
      : undefined;
  return {
    ...task,
    ...(displayName === undefined ? {} : { displayName }),
    ...(typeof task.onError === 'string'
      ? { onError: substituteString(task.onError, context) as PipelineTask['onError'] }
      : {}),
    params: substituteParams(task.params, context),
    ...(task.workspaces ? { workspaces: substituteSubPaths(task.workspaces, context) } : {}),
    when,
    matrix: task.matrix
      ? {
          params: substituteParams(task.matrix.params, context),
          include: task.matrix.include?.map((include) => ({
            ...include,
            params: substituteParams(include?.params, context),
          })),
        }
      : undefined,
  };
}

/** A pipeline task's workspace subPath takes the run's params and context, as text. */
function substituteSubPaths(workspaces: unknown[], context: SubstitutionContext): unknown[] {
  return workspaces.map((workspace) => {
    const binding = workspace as { subPath?: unknown } | null;
    return binding && typeof binding.subPath === 'string'
      ? { ...binding, subPath: substituteString(binding.subPath, context) }
      : workspace;
  });
}

function substituteWhen(expression: WhenExpression, context: SubstitutionContext): WhenExpression {
  if (!expression) return expression;
  if (expression.cel !== undefined)
    return { cel: substituteString(String(expression.cel), context) };
  const values: string[] = [];
  for (const value of expression.values ?? []) {
    // `$(params.arr[*])` as a value expands into the array's elements.
    const [param] = substituteParams([{ name: 'v', value: [value] }], context);
    values.push(...(param.value as string[]));
  }
  return {
    input:
      expression.input === undefined
        ? undefined
        : substituteString(String(expression.input), context),
    operator: expression.operator,
    values,
  };
}
