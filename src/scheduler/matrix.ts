// Matrix fan-out (tekton-semantics 2.8, TEP-0090), as Matrix.FanOut builds it in
// pkg/apis/pipeline/v1/matrix_types.go: the cartesian product of matrix.params with the first
// param varying fastest, then matrix.include rows merged into the combinations they match or
// added as combinations of their own. The TaskRuns are as many as CountCombinations counts
// (taskRunCount), which is not always the number of combinations.
import type { Matrix, Param } from '../model/tekton-types.js';
import { type SubstitutionContext, substituteParams } from '../tekton/substitute.js';
import { countCombinations } from '../tekton/validate/matrix.js';

/** One combination: param name to value. Maps keep the merge rules readable. */
type Combination = Map<string, string>;

/**
 * The combinations' params, each sorted by name (toParams). Tekton's webhook rejects more
 * combinations than default-max-matrix-combinations-count; values substituted at run time are
 * not checked again, so every combination is returned.
 */
export function expandMatrix(matrix: Matrix | undefined, context: SubstitutionContext): Param[][] {
  const { params, include } = substitutedMatrix(matrix, context);
  const includes = include.map(
    (row) => new Map(row.params.map((param) => [param.name, String(param.value)])),
  );
  if (includes.length > 0 && params.length === 0) return includes.map(toParams);
  let combinations: Combination[] = [];
  for (const param of params) combinations = fanOutParam(combinations, param);
  overwriteCombinations(combinations, includes);
  return addNewCombinations(combinations, includes).map(toParams);
}

/**
 * How many TaskRuns the task makes: ResolvePipelineTask names them by CountCombinations of the
 * matrix with its results filled in, which counts some include rows FanOut merges or drops;
 * createTaskRuns then gives the TaskRuns past FanOut's combinations no matrix params.
 */
export function taskRunCount(matrix: Matrix | undefined, context: SubstitutionContext): number {
  return Number(countCombinations(substitutedMatrix(matrix, context)));
}

function substitutedMatrix(
  matrix: Matrix | undefined,
  context: SubstitutionContext,
): { params: Param[]; include: { params: Param[] }[] } {
  return {
    params: substituteParams(matrix?.params, context),
    include: (matrix?.include ?? []).map((row) => ({
      params: substituteParams(row?.params, context),
    })),
  };
}

/**
 * distribute: every value of the new param over every existing combination, value by value,
 * so the earlier params vary fastest. With no combinations yet the param starts them
 * (initializeCombinations), which is also what happens after an empty first param.
 */
function fanOutParam(combinations: Combination[], param: Param): Combination[] {
  // Go reads ArrayVal, which a string-typed value leaves empty.
  const values = Array.isArray(param.value) ? param.value : [];
  if (combinations.length === 0) return values.map((value) => new Map([[param.name, value]]));
  const expanded: Combination[] = [];
  for (const value of values) {
    for (const combination of combinations) {
      expanded.push(new Map(combination).set(param.name, value));
    }
  }
  return expanded;
}

/** An include row extends every combination none of whose shared params differs from it. */
function overwriteCombinations(combinations: Combination[], includes: Combination[]): void {
  for (const combination of combinations) {
    for (const include of includes) {
      if (!contains(combination, include)) continue;
      for (const [name, value] of include) combination.set(name, value);
    }
  }
}

function contains(combination: Combination, include: Combination): boolean {
  for (const [name, value] of include) {
    if (combination.has(name) && combination.get(name) !== value) return false;
  }
  return true;
}

/**
 * An include row becomes a combination of its own only when no combination has any of its
 * name=value pairs; a row that matches some values and not others is dropped.
 */
function addNewCombinations(combinations: Combination[], includes: Combination[]): Combination[] {
  const all = [...combinations];
  for (const include of includes) {
    if (include.size === 0) continue;
    const sharesAPair = all.some((combination) =>
      [...include].some(([name, value]) => combination.get(name) === value),
    );
    if (!sharesAPair) all.push(include);
  }
  return all;
}

/** Params by name in byte order, as sortCombination orders them. */
function toParams(combination: Combination): Param[] {
  const names = [...combination.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => ({ name, value: combination.get(name) ?? '' }));
}
