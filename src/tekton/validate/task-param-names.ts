// The names of a Task's declared params (from ValidateParameterVariables in
// pkg/apis/pipeline/v1/task_validation.go, so embedded specs too): none twice
// (ParamSpecs.ValidateNoDuplicateNames, at `params[name]`), and each of a format that
// `$(params.…)` can name (ValidateNameFormat: one error for the string and array params, one
// for the object params and their keys, both at `params`).
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import { defaultedParamType } from './param-types.js';
import type { FieldPath, Reporter } from './report.js';

const STRING_OR_ARRAY_NAME = /^[_a-zA-Z][_a-zA-Z0-9.-]*$/;
const OBJECT_NAME = /^[_a-zA-Z][_a-zA-Z0-9-]*$/;
const STRING_OR_ARRAY_DETAILS =
  'String/Array Names: \nMust only contain alphanumeric characters, hyphens (-), underscores (_), and dots (.)\nMust begin with a letter or an underscore (_)';
const OBJECT_DETAILS =
  'Object Names: \nMust only contain alphanumeric characters, hyphens (-), underscores (_) \nMust begin with a letter or an underscore (_)';

export function validateTaskParamNames(
  params: unknown,
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const list = asArray(params as readonly unknown[] | undefined).filter(isObject);
  const nameOf = (param: Record<string, unknown>) =>
    typeof param.name === 'string' ? param.name : '';
  const paramsPath = specPath.child('params');
  const seen = new Set<string>();
  const reported = new Set<string>();
  list.forEach((param, position) => {
    const name = nameOf(param);
    if (seen.has(name) && !reported.has(name)) {
      reporter.error('parameter appears more than once', specPath.keyed('params', name, position));
      reported.add(name);
    }
    seen.add(name);
  });
  // sets.String's List(): each name once, sorted.
  const invalid = [
    ...new Set(
      list
        .filter((param) => defaultedParamType(param) !== 'object')
        .map(nameOf)
        .filter((name) => !STRING_OR_ARRAY_NAME.test(name)),
    ),
  ].sort();
  if (invalid.length > 0)
    reporter.error(
      `The format of following array and string variable names is invalid: [${invalid.join(' ')}]`,
      paramsPath,
      undefined,
      STRING_OR_ARRAY_DETAILS,
    );
  const invalidObjects = new Map<string, string[]>();
  for (const param of list.filter((each) => defaultedParamType(each) === 'object')) {
    const name = nameOf(param);
    if (!OBJECT_NAME.test(name)) invalidObjects.set(name, invalidObjects.get(name) ?? []);
    const keys = Object.keys(isObject(param.properties) ? param.properties : {});
    // Go ranges over the properties map; sorted is one of its orders.
    for (const key of keys.sort())
      if (!OBJECT_NAME.test(key))
        invalidObjects.set(name, [...(invalidObjects.get(name) ?? []), key]);
  }
  if (invalidObjects.size > 0) {
    // fmt prints a map with its keys sorted: map[a:[k1 k2] b:[]].
    const entries = [...invalidObjects.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, keys]) => `${name}:[${keys.join(' ')}]`);
    reporter.error(
      `Object param name and key name format is invalid: map[${entries.join(' ')}]`,
      paramsPath,
      undefined,
      OBJECT_DETAILS,
    );
  }
}
