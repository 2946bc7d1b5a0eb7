// enable-param-enum at run time (tekton-semantics 5.1): taskrun.ValidateEnumParam, which the
// reconciler calls on the PipelineRun's params before it creates anything, and on each pipeline
// task's params (after substitution) just before it creates that task's TaskRuns.
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
