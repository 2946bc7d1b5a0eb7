// Matrix rules: the fan-out must stay within default-max-matrix-combinations-count, and a
// matrixed task's results can only be read whole (`[*]`), since each result is an array of
// the per-combination values.
import type { Matrix, PipelineTask } from '../types.js';
import {
  asArray,
  expressionsOfValue,
  looksLikeContainsResultRefs,
  looksLikeResultRef,
} from './expressions.js';
import { requireApiFields } from './api-fields.js';
import type { ResolvedValidationOptions } from './options.js';
import type { FieldPath, Reporter } from './report.js';

export function isMatrixed(task: PipelineTask): boolean {
  return asArray(task.matrix?.params).length > 0 || asArray(task.matrix?.include).length > 0;
}

/** Tekton's CountCombinations: the product of the array params, plus new include rows. */
export function countCombinations(matrix: Matrix): number {
  const params = asArray(matrix.params);
  const include = asArray(matrix.include);
  let count = 0;
  if (params.length > 0) {
    count = params.reduce((product, param) => product * arrayLength(param?.value), 1);
  }
  if (include.length === 0) return count;
  if (params.length === 0) return count + include.length;
  const valuesByName = new Map(params.map((param) => [param?.name, param?.value]));
  for (const row of include) {
    // An include row adds a combination per param whose value the matrix does not already
    // have, until it meets one it does (Tekton's loop, break included).
    for (const param of asArray(row?.params)) {
      if (!valuesByName.has(param?.name)) continue;
      const values = valuesByName.get(param?.name);
      if (Array.isArray(values) && values.includes(param?.value as string)) break;
      count++;
    }
  }
  return count;
}

function arrayLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

export function validateMatrixCombinations(
  tasks: readonly PipelineTask[],
  listPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  tasks.forEach((task, position) => {
    if (!isMatrixed(task) || !task.matrix) return;
    // A beta feature: refused when enable-api-fields is stable (validateMatrix).
    requireApiFields('matrix', 'beta', options.enableApiFields, listPath.index(position), reporter);
    const count = countCombinations(task.matrix);
    const limit = options.maxMatrixCombinationsCount;
    if (count > limit) {
      reporter.error(
        `expected 0 <= ${count} <= ${limit}`,
        listPath.index(position).child('matrix'),
      );
    }
  });
}

/**
 * Params that read a matrixed task's result without `[*]`. Like Tekton, this looks only at
 * params, and only within one list (tasks reading tasks, finally reading finally).
 */
export function validateMatrixResultConsumption(
  tasks: readonly PipelineTask[],
  listPath: FieldPath,
  reporter: Reporter,
): void {
  const matrixed = new Set(tasks.filter(isMatrixed).map((task) => String(task.name ?? '')));
  if (matrixed.size === 0) return;
  tasks.forEach((task, position) => {
    asArray(task.params).forEach((param, paramPosition) => {
      const expressions = expressionsOfValue(param?.value);
      if (!looksLikeContainsResultRefs(expressions)) return;
      for (const expression of expressions.filter(looksLikeResultRef)) {
        if (!matrixed.has(expression.split('.')[1]) || expression.endsWith('[*]')) continue;
        // Tekton gives this error no field path; we point at the param.
        reporter.error(
          `A matrixed pipelineTask can only be consumed in aggregate using [*] notation, but is currently set to ${expression}`,
          [],
          listPath.index(position).child('params').index(paramPosition),
        );
      }
    });
  });
}
