// The TaskRun reconciler's check of a finished attempt's results against the Task's
// declarations (pkg/reconciler/taskrun/validate_taskrun.go validateTaskRunResults, called by
// reconcile right after MakeTaskRunStatus): a result read back as another type than declared
// (an `array` result written as plain text is read as a string) is dropped from
// status.results and fails the TaskRun; failing that, an object result that lacks a declared
// key fails it, its results kept. MarkResourceFailed(TaskRunValidationFailed) replaces
// whatever condition the pod gave (success, StepFailed or FailureIgnored), and
// finishReconcileUpdateEmitEvents retries it like any failure.
import type { RunResultValue } from '../model/status.js';
import { USER_ERROR_LABEL } from '../model/reasons.js';
import { declaredResultType } from '../tekton/result-value.js';
import type { TaskSpec } from '../tekton/types.js';

export interface ResultsValidationFailure {
  message: string;
  /** status.results without the mismatched ones. */
  results: RunResultValue[];
}

/** undefined when the results are what the Task declares (always, for string results). */
export function resultsValidationFailure(
  spec: TaskSpec | undefined,
  results: readonly RunResultValue[],
): ResultsValidationFailure | undefined {
  if (results.length === 0 || !spec?.results) return undefined;
  const mismatched: string[] = [];
  const kept: RunResultValue[] = [];
  for (const result of results) {
    const declared = declaredResultType(spec, result.name);
    const type = typeOf(result.value);
    if (declared !== undefined && declared !== type) {
      mismatched.push(
        ` "${result.name}": task result is expected to be "${declared}" type but was initialized to a different type "${type}"`,
      );
    } else kept.push(result);
  }
  if (mismatched.length > 0) {
    // mismatchedTypesResults' map, printed sorted and joined with ",".
    mismatched.sort();
    return {
      message: `${USER_ERROR_LABEL}Provided results don't match declared results; may be invalid JSON or missing result declaration: ${mismatched.join(',')}`,
      results: kept,
    };
  }
  const missing = missingObjectKeys(spec, kept);
  if (missing === undefined) return undefined;
  return {
    message: `${USER_ERROR_LABEL}missing keys for these results which are required in TaskResult's properties ${missing}`,
    results: kept,
  };
}

function typeOf(value: RunResultValue['value']): 'string' | 'array' | 'object' {
  if (typeof value === 'string') return 'string';
  return Array.isArray(value) ? 'array' : 'object';
}

/**
 * missingKeysofObjectResults: per object result written, the declared properties it lacks,
 * as fmt prints a map[string][]string (`map[a:[k1 k2] b:[k3]]`, names sorted). Go lists one
 * result's missing keys in its map's iteration order; they are given here as declared.
 */
function missingObjectKeys(spec: TaskSpec, results: readonly RunResultValue[]): string | undefined {
  const entries: string[] = [];
  for (const result of results) {
    if (typeof result.value !== 'object' || Array.isArray(result.value)) continue;
    const declared = spec.results?.find((candidate) => candidate?.name === result.name);
    if (declaredResultType(spec, result.name) !== 'object' || !declared?.properties) continue;
    const value = result.value;
    const lacking = Object.keys(declared.properties).filter((key) => !Object.hasOwn(value, key));
    if (lacking.length > 0) entries.push(`${result.name}:[${lacking.join(' ')}]`);
  }
  if (entries.length === 0) return undefined;
  entries.sort();
  return `map[${entries.join(' ')}]`;
}
