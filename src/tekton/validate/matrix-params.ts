// The names in a pipeline task's matrix (PipelineTask.validateMatrix, matrix_types.go
// validateUniqueParams): unique within each include row and within matrix.params, include
// rows first. (A name also in the task's own params: validateMatrixOrParams in matrix.ts.)
import type { Param, PipelineTask } from '../types.js';
import { asArray } from './expressions.js';
import type { FieldPath, Reporter } from './report.js';

export function validateUniqueMatrixParams(
  task: PipelineTask,
  taskPath: FieldPath,
  reporter: Reporter,
): void {
  const matrixPath = taskPath.child('matrix');
  asArray(task.matrix?.include).forEach((row, position) =>
    reportDuplicates(row?.params, matrixPath.child('include').index(position), reporter),
  );
  reportDuplicates(task.matrix?.params, matrixPath, reporter);
}

/** validateDuplicateParameters: every later param of a name already seen, at `params[i].name`. */
function reportDuplicates(
  params: readonly Param[] | undefined,
  parentPath: FieldPath,
  reporter: Reporter,
): void {
  const seen = new Set<string>();
  asArray(params).forEach((param, position) => {
    const name = String(param?.name ?? '');
    if (seen.has(name)) {
      reporter.error(
        `parameter names must be unique, the parameter "${name}" is also defined at`,
        parentPath.child('params').index(position).child('name'),
      );
    }
    seen.add(name);
  });
}
