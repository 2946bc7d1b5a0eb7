// Pipeline results, computed when the run is done (tekton-semantics 5.6), exactly as Tekton's
// ApplyTaskResultsToPipelineResults reads them (pkg/reconciler/pipelinerun/resources/apply.go):
//
// - Every `$(...)` in a result's value must be `tasks.T.results.R…` or `finally.T.results.R…`;
//   anything else (`$(params.x)`, `$(context.…)`: Tekton does not substitute them here) makes
//   the result invalid, and an invalid result fails the run with CouldntGetPipelineResult.
// - A result that was written but cannot be selected (index out of range, object key absent)
//   is invalid whatever the producer's outcome.
// - A result nobody wrote is invalid when its producer succeeded; when the producer failed or
//   was skipped the pipeline result is quietly left out.
// - Tekton's quirks of selection are kept: a string result read with `[i]` or `[*]` is the
//   whole string, and an array result read without an index is its first element.
// The result's name is listed once per bad reference, in the order met.
import type { RunResultValue } from '../model/status.js';
import { ExecutionStatus } from '../model/reasons.js';
import { applyStringReplacements } from '../tekton/apply-replacements.js';
import type { ParamValue } from '../tekton/types.js';
import { taskResultValue, taskStatusValue } from './lookup.js';
import { matrixResultsCached } from './matrix-results-cache.js';
import type { RunState } from './state.js';

// Tekton's VariableSubstitutionRegex and exactVariableSubstitutionRegex.
const VARIABLE = /\$\([_a-zA-Z0-9.-]+(\.[_a-zA-Z0-9.-]+)*(\[([0-9]+|\*)\])?\)/g;
const EXACT_VARIABLE = /^\$\([_a-zA-Z0-9.-]+(\.[_a-zA-Z0-9.-]+)*(\[([0-9]+|\*)\])?\)$/;
// v1.ParseResultName's arrayIndexingRegex.
const ARRAY_INDEXING = /\[([0-9])*\*?\]/;

interface Replacements {
  strings: Map<string, string>;
  arrays: Map<string, string[]>;
  objects: Map<string, Record<string, string>>;
}

type Resolution = 'resolved' | 'invalid' | 'left-out';

export function computePipelineResults(state: RunState): {
  values: RunResultValue[];
  missing: string[];
} {
  const values: RunResultValue[] = [];
  const missing: string[] = [];
  const replacements: Replacements = { strings: new Map(), arrays: new Map(), objects: new Map() };
  for (const result of state.plan.pipelineResults) {
    if (!result?.name) continue;
    const variables = variablesOf(result.value);
    // Tekton skips a result without any reference (the webhook refuses one anyway).
    if (variables.length === 0) continue;
    let valid = true;
    for (const variable of variables) {
      // Memoised as Go does: a variable already resolved is not looked at again.
      if (
        replacements.strings.has(variable) ||
        replacements.arrays.has(variable) ||
        replacements.objects.has(variable)
      )
        continue;
      const resolution = resolveVariable(state, variable, replacements);
      if (resolution === 'resolved') continue;
      valid = false;
      if (resolution === 'invalid') missing.push(result.name);
    }
    if (valid)
      values.push({ name: result.name, value: applyReplacements(result.value, replacements) });
  }
  return { values, missing };
}

/** GetVarSubstitutionExpressions: the text inside each `$(...)` of the value's strings. */
function variablesOf(value: ParamValue): string[] {
  const strings =
    typeof value === 'string' ? [value] : Array.isArray(value) ? value : Object.values(value ?? {});
  return strings.flatMap((text) =>
    [...String(text).matchAll(VARIABLE)].map((match) => match[0].slice(2, -1)),
  );
}

function resolveVariable(
  state: RunState,
  variable: string,
  replacements: Replacements,
): Resolution {
  const parts = variable.split('.');
  if ((parts[0] !== 'tasks' && parts[0] !== 'finally') || parts[2] !== 'results') return 'invalid';
  if (parts.length !== 4 && parts.length !== 5) return 'invalid';
  const task = parts[1] ?? '';
  const [resultName, indexText] = parseResultName(parts[3] ?? '');
  const value = visibleResultValue(state, task, resultName);
  if (value === undefined) return notWritten(state, task);
  if (parts.length === 5) {
    const key = parts[4] ?? '';
    if (!isObjectValue(value) || !Object.hasOwn(value, key)) return 'invalid';
    replacements.strings.set(variable, value[key] ?? '');
    return 'resolved';
  }
  if (typeof value === 'string') {
    replacements.strings.set(variable, value);
  } else if (Array.isArray(value)) {
    if (indexText === '*') {
      replacements.arrays.set(withoutStar(variable), value);
      return 'resolved';
    }
    // strconv.Atoi of "" (no index at all) fails and Tekton reads index 0.
    const index = /^\d+$/.test(indexText) ? Number(indexText) : 0;
    if (index >= value.length) return 'invalid';
    replacements.strings.set(variable, value[index] ?? '');
  } else {
    replacements.objects.set(withoutStar(variable), value);
  }
  return 'resolved';
}

/** A matrixed task's results only when a reader built its ResultsCache (matrix-results-cache.ts). */
function visibleResultValue(state: RunState, task: string, result: string): ParamValue | undefined {
  const index = state.plan.taskIndexByName.get(task);
  if (
    index !== undefined &&
    state.plan.tasks[index].hasMatrix &&
    !matrixResultsCached(state, index)
  )
    return undefined;
  return taskResultValue(state, task, result);
}

/** A missing result is an error only when its producer succeeded. */
function notWritten(state: RunState, task: string): Resolution {
  const index = state.plan.taskIndexByName.get(task);
  if (index === undefined) return 'invalid';
  return taskStatusValue(state, index) === ExecutionStatus.Succeeded ? 'invalid' : 'left-out';
}

/** `name[1]` → [name, "1"]; `name[*]` → [name, "*"]; `name` → [name, ""]. */
function parseResultName(text: string): [string, string] {
  const found = ARRAY_INDEXING.exec(text)?.[0] ?? '';
  const index = found.replace(/^\[/, '').replace(/\]$/, '');
  return [text.replace(new RegExp(ARRAY_INDEXING.source, 'g'), ''), index];
}

/** ParamValue.ApplyReplacements. */
function applyReplacements(value: ParamValue, replacements: Replacements): ParamValue {
  if (Array.isArray(value)) return value.flatMap((element) => arrayElement(element, replacements));
  if (isObjectValue(value)) {
    const replaced: Record<string, string> = {};
    for (const [key, text] of Object.entries(value)) {
      replaced[key] = applyStringReplacements(String(text), replacements.strings);
    }
    return replaced;
  }
  return applyOrCorrect(String(value), replacements);
}

/** A string that is exactly one reference to an array or object becomes that array or object. */
function applyOrCorrect(text: string, replacements: Replacements): ParamValue {
  if (!EXACT_VARIABLE.test(text)) return applyStringReplacements(text, replacements.strings);
  const trimmed = withoutStar(text.slice(2, -1));
  let replaced: ParamValue = text;
  if (replacements.strings.has(trimmed))
    replaced = applyStringReplacements(text, replacements.strings);
  if (replacements.arrays.has(trimmed)) replaced = arrayElement(text, replacements);
  const object = replacements.objects.get(trimmed);
  if (object) replaced = { ...object };
  return replaced;
}

/** substitution.ApplyArrayReplacements: a whole-array reference expands in place. */
function arrayElement(text: string, replacements: Replacements): string[] {
  for (const [key, array] of replacements.arrays) {
    if (text === `$(${key})` || text === `$(${key}[*])`) return [...array];
  }
  return [applyStringReplacements(text, replacements.strings)];
}

function withoutStar(expression: string): string {
  return expression.endsWith('[*]') ? expression.slice(0, -3) : expression;
}

function isObjectValue(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
