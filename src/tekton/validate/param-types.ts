// A declared param's type (ParamSpec.ValidateType, run by ValidateParameterTypes on a Task's
// and a Pipeline's params): one of string, array, object; a default of that same type; an
// object's properties all strings. The type is first defaulted as the webhook's SetDefaults
// does (written type, else object if it has properties, else its default's type, else string),
// so only a type written by the user can be wrong.
import { asArray } from './expressions.js';
import { isObject } from './fields.js';
import type { FieldPath, Reporter } from './report.js';

const PARAM_TYPES: readonly string[] = ['string', 'array', 'object'];

/** ParamSpec.SetDefaults: the type Tekton validates and uses. */
export function defaultedParamType(param: Record<string, unknown>): string {
  if (typeof param.type === 'string' && param.type !== '') return param.type;
  if (param.properties !== undefined && param.properties !== null) return 'object';
  return valueType(param.default);
}

/** The type Tekton's ParamValue decoder gives a value (a scalar is a string). */
function valueType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (isObject(value)) return 'object';
  return 'string';
}

/**
 * Checks each param of `params`. Tekton names the param's fields `<owner>.params.<name>.type`;
 * `owners` are the Tekton spellings of the owner (a Pipeline's checks run twice, under "tasks"
 * and under "finally", and knative merges the two into one error with both paths).
 */
export function validateParamTypes(
  params: unknown,
  listPath: FieldPath,
  owners: readonly string[],
  reporter: Reporter,
): void {
  asArray(params as readonly unknown[] | undefined).forEach((param, position) => {
    if (!isObject(param)) return;
    const name = typeof param.name === 'string' ? param.name : '';
    const at = listPath.index(position);
    const spelled = (field: string) =>
      owners.map((owner) => at.child(field).spelled(`${owner}params.${name}.${field}`));
    const type = defaultedParamType(param);
    if (!PARAM_TYPES.includes(type)) {
      // ErrInvalidValue(p.Type, p.Name+".type"); ValidateType stops at the first problem.
      for (const path of spelled('type')) reporter.error(`invalid value: ${type}`, path);
      return;
    }
    const hasDefault = param.default !== undefined && param.default !== null;
    if (hasDefault && valueType(param.default) !== type) {
      const message = `"${type}" type does not match default value's type: "${valueType(param.default)}"`;
      const typePaths = spelled('type');
      const defaultPaths = owners.map((owner) =>
        at.child('default').spelled(`${owner}params.${name}.default.type`),
      );
      owners.forEach((_, i) => reporter.error(message, [defaultPaths[i], typePaths[i]]));
      return;
    }
    validatePropertyTypes(param, at, name, owners, reporter);
  });
}

/** ValidateObjectType: every property of an object param is a string (a missing type is one). */
function validatePropertyTypes(
  param: Record<string, unknown>,
  at: FieldPath,
  name: string,
  owners: readonly string[],
  reporter: Reporter,
): void {
  if (!isObject(param.properties)) return;
  const invalid = Object.entries(param.properties)
    .filter(([, property]) => {
      const written = isObject(property) ? property.type : undefined;
      return written !== undefined && written !== null && written !== '' && written !== 'string';
    })
    .map(([key]) => key)
    // Go ranges over a map here, so its order is random; sorted is one of its orders.
    .sort();
  if (invalid.length === 0) return;
  const message = `The value type specified for these keys [${invalid.join(' ')}] is invalid`;
  for (const owner of owners)
    reporter.error(message, at.child('properties').spelled(`${owner}params.${name}.properties`));
}
