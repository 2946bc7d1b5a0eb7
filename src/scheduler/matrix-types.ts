// The type check of matrix params that Tekton makes only at run time. The Pipeline webhook
// lets a matrix param with a string value through (validateMatrix checks counts and names,
// not types); runNextSchedulableTask (pkg/reconciler/pipelinerun/pipelinerun.go) calls
// resources.ValidateParameterTypesInMatrix (validate_params.go) just before it creates the
// TaskRuns of any matrixed task, and a failure there fails the whole run
// InvalidMatrixParameterTypes. Without it such a task fans out to nothing and the run waits
// for it until a deadline.
import type { ParamValue } from '../tekton/types.js';
import { stringsOfValue, taskResultReferencesIn } from '../tekton/references.js';
import { substituteParams } from '../tekton/substitute.js';
import { Messages } from '../model/reasons.js';
import { taskSubstitutionContext } from './lookup.js';
import type { RunState } from './state.js';

/** Go's ParamType of a value: how it was written, after substitution. */
function paramType(value: ParamValue | undefined): string {
  if (Array.isArray(value)) return 'array';
  if (value !== null && typeof value === 'object') return 'object';
  return 'string';
}

/**
 * ValidateParameterTypesInMatrix's error for the run as it stands, or undefined. It reads
 * every task of the run, DAG then finally (the PipelineRunState's order), not only the one
 * about to be created: each task's matrix with its results applied when they all resolve
 * (ResolvePipelineTask applies them at every reconcile, all or nothing). Include params must
 * be strings; matrix params must be arrays, except a value still holding a result reference
 * (LooksLikeContainsResultRefs), which is left for later.
 */
export function matrixParameterTypeError(state: RunState): string | undefined {
  for (const task of state.plan.tasks) {
    if (!task.hasMatrix) continue;
    const matrix = task.pipelineTask.matrix;
    const context = taskSubstitutionContext(state, task, false);
    for (const row of matrix?.include ?? []) {
      for (const param of substituteParams(row?.params, context)) {
        const type = paramType(param.value);
        if (type !== 'string') {
          return Messages.matrixIncludeParamNotString(param.name, type, task.name);
        }
      }
    }
    for (const param of substituteParams(matrix?.params, context)) {
      const type = paramType(param.value);
      if (type === 'array') continue;
      if (stringsOfValue(param.value).some((text) => taskResultReferencesIn(text).length > 0)) {
        continue;
      }
      return Messages.matrixParamNotArray(param.name, type, task.name);
    }
  }
  return undefined;
}
