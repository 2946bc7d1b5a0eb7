// A validator for the subset of JSON Schema (draft 2020-12) that schema/scenario.schema.json
// uses: $ref (local pointers), type, properties, required, additionalProperties, enum,
// pattern, minimum, maximum, minLength, minItems, minProperties, maxProperties, items, anyOf.
// Written here rather than taken as a dependency because that subset is small and we want
// messages a Tekton user can act on, each tied to the field path it is about. An optional
// `errorMessage` on a schema replaces the message of a check made at that schema's level.

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  minProperties?: number;
  maxProperties?: number;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  errorMessage?: string;
  description?: string;
  [keyword: string]: unknown;
};

export type SchemaPath = (string | number)[];

export interface SchemaError {
  path: SchemaPath;
  message: string;
}

/** Every problem of `value` against `root`, in document order of the checks. */
export function validateAgainstSchema(root: JsonSchema, value: unknown): SchemaError[] {
  const errors: SchemaError[] = [];
  check(root, root, value, [], errors);
  return errors;
}

function resolve(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let depth = 0; current.$ref !== undefined && depth < 32; depth++) {
    if (!current.$ref.startsWith('#/'))
      throw new Error(`schema: only local $refs are supported, got ${current.$ref}`);
    let target: unknown = root;
    for (const part of current.$ref.slice(2).split('/'))
      target = (target as Record<string, unknown>)[part];
    if (target === undefined) throw new Error(`schema: $ref ${current.$ref} points nowhere`);
    current = target as JsonSchema;
  }
  return current;
}

function check(
  root: JsonSchema,
  given: JsonSchema,
  value: unknown,
  path: SchemaPath,
  errors: SchemaError[],
): void {
  const schema = resolve(root, given);
  const here = (message: string) =>
    errors.push({ path, message: customMessage(schema, value) ?? message });
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    checkAlternatives(root, schema, alternatives, value, path, errors);
    return;
  }
  if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    here(`must be ${describeTypes(schema.type)}, not ${describeValue(value)}`);
    return;
  }
  if (schema.enum && !schema.enum.some((option) => option === value)) {
    here(
      `must be one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}, not ${JSON.stringify(value)}`,
    );
    return;
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      here('must not be empty');
    else if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      here(`${JSON.stringify(value)} does not match ${schema.pattern}`);
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      here(`must be at least ${schema.minimum}, not ${value}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      here(`must be at most ${schema.maximum}, not ${value}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      here(`must have at least ${schema.minItems} item(s)`);
    if (schema.items)
      value.forEach((item, index) =>
        check(root, schema.items as JsonSchema, item, [...path, index], errors),
      );
  }
  if (isObject(value)) checkObject(root, schema, value, path, errors, here);
}

function checkObject(
  root: JsonSchema,
  schema: JsonSchema,
  value: Record<string, unknown>,
  path: SchemaPath,
  errors: SchemaError[],
  here: (message: string) => void,
): void {
  const keys = Object.keys(value);
  const known = Object.keys(schema.properties ?? {});
  if (schema.minProperties !== undefined && keys.length < schema.minProperties) {
    here(`must have at least ${schema.minProperties} field(s); possible: ${known.join(', ')}`);
  }
  if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
    here(`must have at most ${schema.maxProperties} field(s), has ${keys.join(', ')}`);
  }
  for (const name of schema.required ?? []) {
    if (!(name in value)) errors.push({ path, message: `missing required field "${name}"` });
  }
  for (const key of keys) {
    const property = schema.properties?.[key];
    if (property) check(root, property, value[key], [...path, key], errors);
    else if (schema.additionalProperties === false) {
      errors.push({
        path: [...path, key],
        message: `unknown field "${key}"; known fields: ${known.join(', ')}`,
      });
    } else if (isObject(schema.additionalProperties)) {
      check(root, schema.additionalProperties as JsonSchema, value[key], [...path, key], errors);
    }
  }
}

/**
 * anyOf: valid when one branch is. Otherwise the branch whose type fits the value is the one
 * the user meant, so its own errors are the useful ones; with no such branch, one message
 * lists what would have fitted.
 */
function checkAlternatives(
  root: JsonSchema,
  schema: JsonSchema,
  alternatives: JsonSchema[],
  value: unknown,
  path: SchemaPath,
  errors: SchemaError[],
): void {
  const results = alternatives.map((branch) => validateBranch(root, branch, value, path));
  if (results.some((result) => result.length === 0)) return;
  const fitting = alternatives
    .map((branch, index) => ({ branch, errors: results[index] }))
    .filter(({ branch }) => branchTypeFits(root, branch, value));
  if (fitting.length > 0) {
    errors.push(
      ...fitting.reduce((best, next) => (next.errors.length < best.errors.length ? next : best))
        .errors,
    );
    return;
  }
  const expected = alternatives.map((branch) => describeBranch(root, branch)).join(' or ');
  errors.push({
    path,
    message: customMessage(schema, value) ?? `must be ${expected}, not ${describeValue(value)}`,
  });
}

function customMessage(schema: JsonSchema, value: unknown): string | undefined {
  return schema.errorMessage?.replace(
    '{value}',
    typeof value === 'string' ? JSON.stringify(value) : describeValue(value),
  );
}

function validateBranch(
  root: JsonSchema,
  branch: JsonSchema,
  value: unknown,
  path: SchemaPath,
): SchemaError[] {
  const errors: SchemaError[] = [];
  check(root, branch, value, path, errors);
  return errors;
}

function branchTypeFits(root: JsonSchema, given: JsonSchema, value: unknown): boolean {
  const schema = resolve(root, given);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.some((branch) => branchTypeFits(root, branch, value));
  return schema.type === undefined || typeMatches(schema.type, value);
}

function describeBranch(root: JsonSchema, given: JsonSchema): string {
  const schema = resolve(root, given);
  if (schema.description && schema.description.length < 60) {
    return (
      schema.description.charAt(0).toLowerCase() + schema.description.slice(1).replace(/\.$/, '')
    );
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map((branch) => describeBranch(root, branch)).join(' or ');
  return schema.type === undefined ? 'a value' : describeTypes(schema.type);
}

function typeMatches(type: string | string[], value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((name) => {
    switch (name) {
      case 'object':
        return isObject(value);
      case 'array':
        return Array.isArray(value);
      case 'integer':
        return Number.isInteger(value);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'null':
        return value === null;
      default:
        return typeof value === name;
    }
  });
}

const ARTICLES: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  null: 'null',
};

function describeTypes(type: string | string[]): string {
  return (Array.isArray(type) ? type : [type]).map((name) => ARTICLES[name] ?? name).join(' or ');
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (isObject(value)) return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${String(value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
