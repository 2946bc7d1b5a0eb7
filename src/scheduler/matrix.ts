// Matrix fan-out (tekton-semantics 2.8, TEP-0090): the cartesian product of matrix.params,
// extended or added to by matrix.include, one TaskRun per combination.
import { substituteParams, type SubstitutionContext } from '../tekton/substitute.js';
import type { Matrix, Param } from '../tekton/types.js';

/** Tekton's default-max-matrix-combinations-count. */
export const MAX_MATRIX_COMBINATIONS = 256;

export function expandMatrix(matrix: Matrix | undefined, context: SubstitutionContext): Param[][] {
  const params = substituteParams(matrix?.params, context);
  let combinations: Param[][] = params.length > 0 ? [[]] : [];
  for (const param of params) {
    const values = Array.isArray(param.value) ? param.value : [String(param.value)];
    const next: Param[][] = [];
    for (const combination of combinations) {
      for (const value of values) next.push([...combination, { name: param.name, value }]);
    }
    combinations = next;
  }
  const matrixNames = new Set(params.map((param) => param.name));
  for (const include of matrix?.include ?? []) {
    const includeParams = substituteParams(include?.params, context);
    const overlapping = includeParams.filter((param) => matrixNames.has(param.name));
    const extra = includeParams.filter((param) => !matrixNames.has(param.name));
    // An include whose matrix-param values match existing combinations extends them; one
    // that matches none (or names no matrix param) is a combination of its own.
    const matching =
      overlapping.length === 0 && combinations.length > 0 && params.length > 0
        ? combinations
        : combinations.filter(
            (combination) =>
              overlapping.length > 0 &&
              overlapping.every((param) =>
                combination.some((c) => c.name === param.name && c.value === param.value),
              ),
          );
    if (matching.length > 0 && (overlapping.length > 0 || params.length > 0)) {
      for (const combination of matching) combination.push(...extra.map((param) => ({ ...param })));
    } else {
      combinations.push(includeParams);
    }
  }
  return combinations.slice(0, MAX_MATRIX_COMBINATIONS);
}
