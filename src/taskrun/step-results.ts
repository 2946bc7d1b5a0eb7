// Step results as Tekton v1.15.0 passes them on within one TaskRun attempt.
//
// - A later step's `$(steps.S.results.R)` in its command or args is filled in by its
//   entrypoint just before it runs (applyStepResultSubstitutions, findReplacement in
//   pkg/entrypoint/entrypointer.go) from /tekton/steps/step-S/results/R, read as a
//   ResultValue (ParamValue.UnmarshalJSON): a JSON string's text, else the bytes as they are.
//   replaceCommandAndArgs gives up on the first reference whose file is missing and the
//   command and args then run as written, every reference left in (the error is only logged).
// - A Task result whose `value` is `$(steps.S.results.R)` takes the value step S wrote to R
//   (findStepResultsFetchedByTask, createTaskResultsFromStepResults in pkg/pod/status.go):
//   the map is keyed by R, so of several Task results naming the same step result only the
//   last declared gets it; nothing is made when the step did not write it.
import type { TaskSpec } from '../tekton/types.js';

/** resultref.StepResultRegex. */
const STEP_RESULT_USAGE = /\$\(steps\..*?\.results\..*?\)/g;
/** ExtractStepResultName's pattern. */
const STEP_RESULT_NAME = /\$\(steps\.(.*?)\.results\.(.*?)\)/;
/** ParseStepExpression's forms: R, R[*], R[i], R.key. */
const STEP_EXPRESSION = /^steps\.([^.]+)\.results\.([^.[\]]+)(?:\[(\*|\d+)\]|\.([^.[\]]+))?$/;

/** The step results written so far in an attempt, by step name then result name. */
export type WrittenStepResults = Map<string, Map<string, string>>;

/** The text with its step result references filled in, or as written when one is missing. */
export function fillStepResults(text: string, written: WrittenStepResults): string {
  if (!text.includes('$(steps.')) return text;
  let missing = false;
  const filled = text.replace(STEP_RESULT_USAGE, (match) => {
    const value = missing ? undefined : replacement(match, written);
    if (value === undefined) missing = true;
    return value ?? match;
  });
  return missing ? text : filled;
}

function replacement(match: string, written: WrittenStepResults): string | undefined {
  const parsed = STEP_EXPRESSION.exec(match.slice(2, -1));
  if (!parsed) return undefined;
  const [, stepName, resultName, index, key] = parsed;
  const contents = written.get(stepName)?.get(resultName);
  if (contents === undefined) return undefined;
  const value = resultValue(contents);
  if (key !== undefined)
    return typeof value === 'object' && !Array.isArray(value) ? (value[key] ?? '') : '';
  if (index === '*') return undefined; // whole arrays become several args: not modelled
  if (index !== undefined) {
    const item = Array.isArray(value) ? value[Number(index)] : undefined;
    return item;
  }
  return typeof value === 'string' ? value : '';
}

/** ParamValue.UnmarshalJSON: an array or object of strings, a JSON string, else the text. */
export function resultValue(contents: string): string | string[] | Record<string, string> {
  if (contents.length === 0) return '';
  const first = contents[0];
  if (first === '[' || first === '{' || first === '"') {
    try {
      const parsed: unknown = JSON.parse(contents);
      if (
        first === '[' &&
        Array.isArray(parsed) &&
        parsed.every((item) => typeof item === 'string')
      )
        return parsed as string[];
      if (
        first === '{' &&
        parsed !== null &&
        typeof parsed === 'object' &&
        !Array.isArray(parsed) &&
        Object.values(parsed).every((item) => typeof item === 'string')
      )
        return parsed as Record<string, string>;
      if (typeof parsed === 'string') return parsed;
    } catch {
      // not JSON: the text as it is
    }
  }
  return contents;
}

/**
 * Per step result name of the step `stepName`, the Task result it fills
 * (findStepResultsFetchedByTask); undefined when none.
 */
export function taskResultsFromStep(
  spec: TaskSpec | undefined,
  stepName: string,
): Map<string, string> | undefined {
  let needed: Map<string, string> | undefined;
  for (const result of spec?.results ?? []) {
    const value = (result as { value?: unknown } | undefined)?.value;
    if (typeof value !== 'string' || value === '') continue;
    const parsed = STEP_RESULT_NAME.exec(value);
    if (!parsed || parsed[1] !== stepName) continue;
    needed ??= new Map();
    needed.set(parsed[2], result.name);
  }
  return needed;
}

/**
 * A step's args with its step result references filled in as its entrypoint does
 * (replaceCommandAndArgs): an arg that is exactly `$(steps.S.results.R[*])` of an array
 * result becomes one arg per item. Undefined when a reference has no file or an array sits
 * inside other text (the entrypoint then logs an error and runs the args as written).
 */
export function expandStepResultArgs(
  args: readonly string[],
  written: WrittenStepResults,
): string[] | undefined {
  const out: string[] = [];
  for (const arg of args) {
    let text = arg;
    let spread: string[] | undefined;
    for (const [match] of arg.matchAll(STEP_RESULT_USAGE)) {
      const parsed = STEP_EXPRESSION.exec(match.slice(2, -1));
      const contents = parsed ? written.get(parsed[1])?.get(parsed[2]) : undefined;
      if (!parsed || contents === undefined) return undefined;
      const value = resultValue(contents);
      if (parsed[3] === '*' && Array.isArray(value)) {
        if (arg !== match) return undefined;
        spread = value;
      } else {
        const filled = replacement(match, written);
        if (filled === undefined) return undefined;
        text = text.split(match).join(filled);
      }
    }
    if (spread) out.push(...spread);
    else out.push(text);
  }
  return out;
}
