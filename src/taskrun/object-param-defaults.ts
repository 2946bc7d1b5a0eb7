// An object param's keys its value leaves out, filled from its default, as the TaskRun
// reconciler fills them (the steps' text and status.taskSpec alike).
import type { ParamValue } from '../tekton/types.js';

/**
 * An object param's value over its default's keys: the reconciler fills the default's keys
 * first and the TaskRun's value over them, so a key the value leaves out keeps its default
 * (`replacementsFromDefaultParams` then `replacementsFromParams` and
 * `extendObjectReplacements`, pkg/reconciler/taskrun/resources/apply.go).
 */
export function withDefaultKeys(value: ParamValue, fallback: ParamValue | undefined): ParamValue {
  if (!isObjectValue(value) || fallback === undefined || !isObjectValue(fallback)) return value;
  return { ...fallback, ...value };
}

function isObjectValue(value: ParamValue): value is { [key: string]: string } {
  return typeof value === 'object' && !Array.isArray(value);
}
