// The names in a pipeline task's matrix (PipelineTask.validateMatrix, matrix_types.go): unique
// within each include row and within matrix.params (validateUniqueParams, include rows
// first), and none also given in the task's own params
// (validateParameterInOneOfMatrixOrParams, checked with or without a matrix).
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

/** ErrMultipleOneOf("matrix[name]", "params[name]") for each task param the matrix also sets. */
export function validateParamInMatrixOrParams(
  task: PipelineTask,
  taskPath: FieldPath,
  reporter: Reporter,
): void {
  const matrixNames = new Set(
    [
      ...asArray(task.matrix?.params),
      ...asArray(task.matrix?.include).flatMap((row) => asArray(row?.params)),
    ].map((param) => String(param?.name ?? '')),
  );
  asArray(task.params).forEach((param, position) => {
    const name = String(param?.name ?? '');
    if (!matrixNames.has(name)) return;
    const inParams = taskPath.keyed('params', name, position);
    reporter.error(
      'expected exactly one, got both',
      [taskPath.spelled(`${taskPath.text}.matrix[${name}]`), inParams],
      inParams,
    );
  });
}
