// validatePipelineContextVariables: `$(context.pipelineRun.X)`, `$(context.pipeline.X)` and
// `$(context.pipelineTask.X)` in a pipeline task's params (matrix params and include params
// too) must name a variable Tekton has. Two quirks of v1.15 are kept: the loop over the tasks
// keeps only the LAST task's values (each task overwrites the list), and the error's path is
// `<list>.value` (ViaField("value") under "tasks" or "finally"), without the task's index.
import { stringsOfParams } from '../references.js';
import type { Param, PipelineTask } from '../types.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import { unknownVariableError } from './param-references.js';
import type { FieldPath, Reporter } from './report.js';

const CONTEXT_VARIABLES: readonly (readonly [string, ReadonlySet<string>])[] = [
  [String.raw`context\.pipelineRun`, new Set(['name', 'namespace', 'uid'])],
  [String.raw`context\.pipeline`, new Set(['name'])],
  [String.raw`context\.pipelineTask`, new Set(['retries'])],
];

export function validatePipelineContextVariables(
  tasks: readonly PipelineTask[],
  listPath: FieldPath,
  reporter: Reporter,
): void {
  if (tasks.length === 0) return;
  const last = tasks.length - 1;
  const values = stringsOfParams(allParams(tasks[last]));
  const at = listPath.index(last).child('params');
  for (const [prefix, known] of CONTEXT_VARIABLES) {
    for (const value of values) {
      const message = unknownVariableError(value, prefix, known);
      if (message) reporter.error(message, at.spelled(`${listPath.text}.value`));
    }
  }
}

/** extractAllParams: params, then matrix params, then each include's params. */
function allParams(task: PipelineTask): Param[] {
  const params: Param[] = [...asArray(task.params)];
  const matrix = isObject(task.matrix) ? task.matrix : undefined;
  if (matrix) {
    params.push(...asArray(matrix.params as Param[] | undefined));
    for (const include of asArray(matrix.include as readonly unknown[] | undefined))
      if (isObject(include)) params.push(...asArray(include.params as Param[] | undefined));
  }
  return params.filter((param) => isObject(param));
}
