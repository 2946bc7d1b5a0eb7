// A declared param's `enum` (ParamSpecs.validateParamEnums, run on a Pipeline's and a Task's
// params): refused outright unless enable-param-enum is on, then only on string params, with
// no value twice and a default among the values. Without a feature-flags ConfigMap the
// simulator accepts `enum` unchecked (ParamEnumHandling 'ignored'). A Pipeline's are checked
// inside ValidatePipelineParameterVariables, which runs under "tasks" and under "finally":
// Tekton spells the path `spec.finally.params[p], spec.tasks.params[p]` (one merged error).
import { ParamEnumMessages } from '../../model/reasons.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import { defaultedParamType } from './param-types.js';
import type { FieldPath, Reporter } from './report.js';

/** `owners` are Tekton's spellings of the path before `params[p]` (with a trailing dot). */
export function validateParamEnums(
  params: unknown,
  ownerPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
  owners: readonly string[] = [ownerPath.text ? `${ownerPath.text}.` : ''],
): void {
  if (options.paramEnum === 'ignored') return;
  asArray(params as readonly unknown[] | undefined).forEach((param, position) => {
    if (!isObject(param) || !Array.isArray(param.enum) || param.enum.length === 0) return;
    const name = typeof param.name === 'string' ? param.name : '';
    const at = ownerPath.keyed('params', name, position);
    const report = (message: string) => {
      for (const owner of owners) reporter.error(message, at.spelled(`${owner}params[${name}]`));
    };
    const values = param.enum.map(String);
    if (options.paramEnum === 'refused') report(ParamEnumMessages.flagOff);
    // The type as SetDefaults leaves it (an untyped param with an array default is an array).
    if (defaultedParamType(param) !== 'string') report(ParamEnumMessages.notString);
    // sets.String's List(): the duplicates sorted.
    const duplicates = [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
    for (const value of duplicates.sort()) report(ParamEnumMessages.duplicate(value));
    const fallback = param.default;
    if (typeof fallback === 'string' && fallback !== '' && !values.includes(fallback))
      report(ParamEnumMessages.defaultNotInEnum(fallback));
  });
}
