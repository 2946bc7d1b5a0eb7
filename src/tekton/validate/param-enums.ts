// A declared param's `enum` (ParamSpecs.validateParamEnums, run on a Pipeline's and a Task's
// params): refused outright unless enable-param-enum is on, then only on string params, with
// no value twice and a default among the values. Without a feature-flags ConfigMap the
// simulator accepts `enum` unchecked (ParamEnumHandling 'ignored').
import { ParamEnumMessages } from '../../model/reasons.js';
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { ResolvedValidationOptions } from './options.js';
import type { FieldPath, Reporter } from './report.js';

export function validateParamEnums(
  params: unknown,
  ownerPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  if (options.paramEnum === 'ignored') return;
  asArray(params as readonly unknown[] | undefined).forEach((param, position) => {
    if (!isObject(param) || !Array.isArray(param.enum) || param.enum.length === 0) return;
    const name = typeof param.name === 'string' ? param.name : '';
    const path = ownerPath.keyed('params', name, position);
    const values = param.enum.map(String);
    if (options.paramEnum === 'refused') reporter.error(ParamEnumMessages.flagOff, path);
    const type = param.type ?? 'string';
    if (type !== 'string') reporter.error(ParamEnumMessages.notString, path);
    // sets.String's List(): the duplicates sorted.
    const duplicates = [...new Set(values.filter((value, at) => values.indexOf(value) !== at))];
    for (const value of duplicates.sort()) reporter.error(ParamEnumMessages.duplicate(value), path);
    const fallback = param.default;
    if (typeof fallback === 'string' && fallback !== '' && !values.includes(fallback))
      reporter.error(ParamEnumMessages.defaultNotInEnum(fallback), path);
  });
}
