// A task result as Tekton reads it back from the step that wrote it (pkg/pod/status.go
// filterResults, ParamValue.UnmarshalJSON): a result declared `string` (the default, unless
// it declares `properties`) keeps the text as written; any other result is read as JSON, an
// array of strings or an object of strings, and falls back to a string when it is neither.
import type { ParamValue, TaskSpec } from './types.js';

export type ResultType = 'string' | 'array' | 'object';

/** The declared type of result `name`, with Tekton's defaulting; undefined when undeclared. */
export function declaredResultType(
  spec: TaskSpec | undefined,
  name: string,
): ResultType | undefined {
  const declared = spec?.results?.find((result) => result?.name === name);
  if (!declared) return undefined;
  if (declared.type) return declared.type;
  return declared.properties !== undefined ? 'object' : 'string';
}

/** The value of result `name` written as `text` by a step of a task with this spec. */
export function typedResultValue(
  spec: TaskSpec | undefined,
  name: string,
  text: string,
): ParamValue {
  return declaredResultType(spec, name) === 'string' ? text : parseResultText(text);
}

/** ParamValue.UnmarshalJSON: `[...]` of strings, `{...}` of strings, else a string. */
export function parseResultText(text: string): ParamValue {
  if (text === '') return '';
  if (text[0] === '[') {
    const parsed = parseJson(text);
    if (Array.isArray(parsed) && parsed.every((element) => typeof element === 'string')) {
      return parsed as string[];
    }
  }
  if (text[0] === '{') {
    const parsed = parseJson(text);
    // Go decodes into a map and encodes it with sorted keys; keep that order.
    if (isStringRecord(parsed)) return Object.fromEntries(Object.entries(parsed).sort(byKey));
  }
  // A JSON string literal is unquoted; anything else stays as written.
  const parsed = parseJson(text);
  return typeof parsed === 'string' ? parsed : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isStringRecord(value: unknown): value is { [key: string]: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value).every((element) => typeof element === 'string');
}

function byKey([a]: [string, string], [b]: [string, string]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
