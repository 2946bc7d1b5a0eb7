// enable-param-enum at run time (tekton-semantics 5.1): taskrun.ValidateEnumParam, which the
// reconciler calls on the PipelineRun's params before it creates anything, and on each pipeline
// task's params (after substitution) just before it creates that task's TaskRuns.
import { ParamEnumMessages } from '../model/reasons.js';
import type { Param, ParamSpec } from '../tekton/types.js';

/** The `enum` of each declared param that has one, by param name. */
export function enumsOf(specs: readonly (ParamSpec | null | undefined)[] | undefined) {
  const enums = new Map<string, readonly string[]>();
  for (const spec of specs ?? []) {
    if (spec && Array.isArray(spec.enum) && spec.enum.length > 0) enums.set(spec.name, spec.enum);
  }
  return enums;
}

/**
 * The first param (in the order given) whose string value is outside its declared enum. An
 * empty string and array or object values are not checked, as in Tekton: a default fills in
 * the first, and the webhook has checked the default.
 */
export function firstValueOutsideEnum(
  params: readonly (Param | null | undefined)[] | undefined,
  enums: ReadonlyMap<string, readonly string[]>,
): { name: string; value: string } | undefined {
  if (enums.size === 0) return undefined;
  for (const param of params ?? []) {
    if (!param || typeof param.value !== 'string' || param.value === '') continue;
    const allowed = enums.get(param.name);
    if (allowed && !allowed.includes(param.value)) return { name: param.name, value: param.value };
  }
  return undefined;
}

// ExtractVariablesFromString(value, "params"): `$(params.x)`, `$(params['x'])`, `$(params["x"])`.
const PARAM_REFERENCE =
  /\$\(params(?:\.([^.)[\]]+(?:\[[^\]]*\])?)|\[['"]([^'"]+)['"]\](?:\[[^\]]*\])?)\)/g;

/**
 * resources.ValidateParamEnumSubset: a pipeline task param whose value is one `$(params.p)`
 * reference (with text around it or not) must not let through a value its Task's enum
 * refuses: the Pipeline's `p` must have an enum, and it must be a subset of the Task's. As in
 * Tekton, the first param whose Pipeline param is not a string or whose Task param has no
 * enum ends the check for the whole task.
 */
export function enumSubsetError(
  taskParams: readonly (Param | null | undefined)[] | undefined,
  pipelineParams: readonly (ParamSpec | null | undefined)[] | undefined,
  taskSpecParams: readonly (ParamSpec | null | undefined)[] | undefined,
  taskName: string,
): string | undefined {
  const byName = (specs: typeof pipelineParams, name: string) =>
    (specs ?? []).find((spec) => spec?.name === name) ?? undefined;
  for (const param of taskParams ?? []) {
    if (!param || typeof param.value !== 'string') continue;
    const names = [...param.value.matchAll(PARAM_REFERENCE)].map((match) =>
      (match[1] ?? match[2]).replace(/\[[^\]]*\]$/, ''),
    );
    if (names.length !== 1) continue;
    const pipelineParam = byName(pipelineParams, names[0]);
    const taskParam = byName(taskSpecParams, param.name);
    const taskEnum = taskParam?.enum ?? [];
    if (!pipelineParam || (pipelineParam.type ?? 'string') !== 'string' || taskEnum.length === 0)
      return undefined;
    const pipelineEnum = pipelineParam.enum ?? [];
    if (pipelineEnum.length === 0)
      return ParamEnumMessages.pipelineParamWithoutEnum(pipelineParam.name, taskName, taskEnum);
    if (!pipelineEnum.every((value) => taskEnum.includes(value)))
      return ParamEnumMessages.enumNotSubset(pipelineParam.name, pipelineEnum, taskName, taskEnum);
  }
  return undefined;
}
