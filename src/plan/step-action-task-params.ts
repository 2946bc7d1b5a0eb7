// Step 1 of Tekton's applyStepActionParameters (pkg/reconciler/taskrun/resources/apply.go):
// before a StepAction's params are worked out, the values the step gives them have the
// TaskRun's params substituted (`getTaskParameters`: the Task's defaults, then the TaskRun's
// values over them, an object's keys merged; then `Params.ReplaceVariables`). So a step that
// passes `$(params.arr[*])` gives the StepAction the array itself, and `$(params.obj[*])` the
// object, whose items and keys the StepAction's own `$(params.x[0])` / `$(params.x.key)` then
// read. The simulator resolves StepActions once per task, before any TaskRun exists: this is
// done when the task's params are known then (no result references), else left to the
// TaskRun's pass over the resolved step, as before.
import type { ParamSpec, ParamValue } from '../tekton/types.js';

const WHOLE = /^\$\(params(?:\.([^.[\]()'"]+)|\[["']([^"']+)["']\])\[\*\]\)$/;

/** The task's param values as getTaskParameters has them, or undefined when not known yet. */
export function knownTaskParams(
  declared: readonly ParamSpec[] | undefined,
  given: readonly { name: string; value: ParamValue }[] | undefined,
): Map<string, ParamValue> | undefined {
  const values = new Map<string, ParamValue>();
  for (const param of declared ?? [])
    if (param?.default !== undefined) values.set(param.name, param.default);
  for (const param of given ?? []) {
    // A mistyped param is the webhook's to refuse; a `$(...)` waits for the TaskRun.
    if (!param || typeof param.name !== 'string' || !isParamValue(param.value)) return undefined;
    if (JSON.stringify(param.value).includes('$(')) return undefined;
    const fallback = values.get(param.name);
    values.set(
      param.name,
      isObject(param.value) && fallback !== undefined && isObject(fallback)
        ? { ...fallback, ...param.value }
        : param.value,
    );
  }
  return values;
}

/** A step's param value with the task's params substituted (ParamValue.ApplyReplacements). */
export function withTaskParams(
  value: ParamValue,
  params: ReadonlyMap<string, ParamValue>,
): ParamValue {
  if (!isParamValue(value)) return value;
  if (Array.isArray(value)) return value.map((item) => replaceText(item, params));
  if (isObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceText(item, params)]),
    );
  const whole = WHOLE.exec(value.trim());
  const named = whole ? params.get(whole[1] ?? whole[2]) : undefined;
  if (named !== undefined && typeof named !== 'string')
    return Array.isArray(named) ? [...named] : { ...named };
  return replaceText(value, params);
}

function replaceText(text: string, params: ReadonlyMap<string, ParamValue>): string {
  return text.replace(
    /\$\(params\.([^.[\]()'"]+)(?:\[(\d+)\]|\.([^.[\]()'"]+))?\)/g,
    (match, name: string, index?: string, key?: string) => {
      const value = params.get(name);
      if (value === undefined) return match;
      if (typeof value === 'string')
        return index === undefined && key === undefined ? value : match;
      if (Array.isArray(value))
        return index !== undefined && Number(index) < value.length ? value[Number(index)] : match;
      return key !== undefined && key in value ? value[key] : match;
    },
  );
}

function isObject(value: ParamValue): value is { [key: string]: string } {
  return typeof value === 'object' && !Array.isArray(value);
}

/** A string, an array of strings, or an object of strings: what a param's value may be. */
function isParamValue(value: unknown): value is ParamValue {
  if (typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every((item) => typeof item === 'string');
}
