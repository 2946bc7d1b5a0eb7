// Matrix rules: the fan-out must stay within default-max-matrix-combinations-count, its param
// names are unique (matrix-params.ts) and not also the task's own, and a
// matrixed task's results can only be read whole (`[*]`), since each result is an array of
// the per-combination values.
import type { Matrix, PipelineTask } from '../types.js';
import {
  asArray,
  expressionsOfValue,
  looksLikeContainsResultRefs,
  looksLikeResultRef,
  resultRefsOf,
} from './expressions.js';
import { isObject } from './fields.js';
import { requireApiFields } from './api-fields.js';
import { validateUniqueMatrixParams } from './matrix-params.js';
import type { ResolvedValidationOptions } from './options.js';
import type { FieldPath, Reporter } from './report.js';

export function isMatrixed(task: PipelineTask): boolean {
  return asArray(task.matrix?.params).length > 0 || asArray(task.matrix?.include).length > 0;
}

/** Go's math.MaxInt on 64 bits, where CountCombinations stops counting. */
const MAX_INT = 2n ** 63n - 1n;

/**
 * Tekton's CountCombinations (matrix_types.go): the product of the array params' lengths, a
 * param with no array value (empty, or a string such as `$(tasks.t.results.r[*])` not yet
 * resolved) leaving the product as it is, plus the include rows that add a combination;
 * capped at math.MaxInt instead of overflowing. A bigint, so the cap prints as Go prints it.
 */
export function countCombinations(matrix: Matrix): bigint {
  const params = asArray(matrix.params);
  const include = asArray(matrix.include);
  let count = 0n;
  if (params.length > 0) {
    count = 1n;
    for (const param of params) {
      const length = BigInt(arrayLength(param?.value));
      if (length > 0n) count = count > MAX_INT / length ? MAX_INT : count * length;
    }
  }
  if (include.length === 0) return count;
  if (params.length === 0) return count + BigInt(include.length);
  const valuesByName = new Map(params.map((param) => [param?.name, param?.value]));
  let added = 0n;
  for (const row of include) {
    // An include row adds a combination per param whose value the matrix does not already
    // have, until it meets one it does (Tekton's loop, break included).
    for (const param of asArray(row?.params)) {
      if (!valuesByName.has(param?.name)) continue;
      const values = valuesByName.get(param?.name);
      if (Array.isArray(values) && values.includes(param?.value as string)) break;
      added++;
    }
  }
  return count > MAX_INT - added ? MAX_INT : count + added;
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
    if (!task) return;
    const taskPath = listPath.index(position);
    if (isMatrixed(task) && task.matrix) {
      // A beta feature: refused when enable-api-fields is stable (validateMatrix).
      requireApiFields('matrix', 'beta', options.enableApiFields, taskPath, reporter);
      const count = countCombinations(task.matrix);
      const limit = options.maxMatrixCombinationsCount;
      if (count > BigInt(limit)) {
        reporter.error(`expected 0 <= ${count} <= ${limit}`, taskPath.child('matrix'));
      }
      validateUniqueMatrixParams(task, taskPath, reporter);
    }
  });
}

/**
 * validateTaskResultsFromMatrixedPipelineTasksConsumed, over one list (tasks reading tasks,
 * finally reading finally), params only. Its quirks are kept: it stops at the first param
 * that reads a matrixed task's result without `[*]` (reporting that param's expressions); and
 * each param that looks like it holds result references replaces the references found so far,
 * so only the last such param's references to matrixed tasks are checked for a result type
 * other than string. A consumed task with a taskRef is looked up among the pipeline tasks by
 * the referenced Task's name (createTaskMapping is keyed by pipeline task name).
 */
export function validateMatrixResultConsumption(
  tasks: readonly PipelineTask[],
  listPath: FieldPath,
  reporter: Reporter,
): void {
  const byName = new Map(tasks.map((task) => [String(task.name ?? ''), task]));
  const matrixed = new Set(tasks.filter(isMatrixed).map((task) => String(task.name ?? '')));
  let lastReferences: string[] = [];
  for (const [position, task] of tasks.entries()) {
    for (const [paramPosition, param] of asArray(task.params).entries()) {
      const expressions = expressionsOfValue(param?.value);
      if (!looksLikeContainsResultRefs(expressions)) continue;
      const consumed = expressions
        .filter(looksLikeResultRef)
        .filter((expression) => matrixed.has(expression.split('.')[1]));
      const notWhole = consumed.filter((expression) => !expression.endsWith('[*]'));
      for (const expression of notWhole) {
        // Tekton gives this error no field path; we point at the param.
        reporter.error(
          `A matrixed pipelineTask can only be consumed in aggregate using [*] notation, but is currently set to ${expression}`,
          [],
          listPath.index(position).child('params').index(paramPosition),
        );
      }
      if (notWhole.length > 0) return;
      lastReferences = consumed;
    }
  }
  for (const reference of resultRefsOf(lastReferences)) {
    const task = byName.get(reference.task);
    const ref = task?.taskRef;
    const spec = isObject(ref) ? byName.get(String(ref.name ?? ''))?.taskSpec : task?.taskSpec;
    for (const result of asArray(isObject(spec) ? (spec.results as unknown[]) : undefined)) {
      if (!isObject(result) || result.name !== reference.result) continue;
      const type = resultType(result);
      if (type === 'string') continue;
      // ErrInvalidValue(…, ""): the path is the list's own.
      reporter.error(
        `invalid value: Matrixed PipelineTasks emitting results must have an underlying type string, but result ${reference.result} has type ${type} in pipelineTask`,
        listPath,
      );
    }
  }
}

/** TaskResult.SetDefaults: an untyped result is an object if it has properties, else a string. */
function resultType(result: Record<string, unknown>): string {
  if (typeof result.type === 'string' && result.type !== '') return result.type;
  return result.properties !== undefined && result.properties !== null ? 'object' : 'string';
}

/**
 * validateParameterInOneOfMatrixOrParams, for every pipeline task (matrixed or not): a name
 * given both in `params` and in the matrix (its params or an include's) is refused.
 */
export function validateMatrixOrParams(
  tasks: readonly PipelineTask[],
  listPath: FieldPath,
  reporter: Reporter,
): void {
  tasks.forEach((task, position) => {
    const matrix: Matrix | undefined = isObject(task.matrix) ? task.matrix : undefined;
    const inMatrix = new Set<string>();
    for (const param of asArray(matrix?.params)) inMatrix.add(String(param?.name ?? ''));
    for (const row of asArray(matrix?.include))
      for (const param of asArray(row?.params)) inMatrix.add(String(param?.name ?? ''));
    const taskPath = listPath.index(position);
    asArray(task.params).forEach((param, paramPosition) => {
      const name = String(param?.name ?? '');
      if (!inMatrix.has(name)) return;
      reporter.error('expected exactly one, got both', [
        taskPath.child('matrix').spelled(`${taskPath.text}.matrix[${name}]`),
        taskPath.keyed('params', name, paramPosition),
      ]);
    });
  });
}
