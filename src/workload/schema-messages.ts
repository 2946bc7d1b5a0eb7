// Messages a Scenario author can act on, built on ajv's errors. ajv decides whether a document
// is valid; for an invalid one this walks the schema beside the document and, at each
// subschema ajv rejects, turns ajv's errors into one message per problem at the field it is
// about. For anyOf/oneOf, where ajv reports every branch's errors, the branch whose type fits
// the value is taken as the one the user meant and only its errors are shown; with no such
// branch, one message says what would have fitted. A schema's `errorMessage` (attached by
// ajv-errors) replaces the message of a check made at that schema's own level, `{value}`
// standing for the value found.
import type { SchemaPath } from './field-path.js';
import type { JsonSchema } from './schema-file.js';
import {
  pointerTo,
  scenarioSchemaJudge,
  type SchemaErrorObject,
  type SchemaJudge,
} from './schema-validator.js';

export interface SchemaError {
  path: SchemaPath;
  message: string;
}

/** Every problem of a Scenario document against the published schema; empty when ajv accepts it. */
export function scenarioSchemaErrors(document: unknown): SchemaError[] {
  return schemaErrors(scenarioSchemaJudge(), document);
}

/** Every problem of `document` against the schema `judge` holds; empty when ajv accepts it. */
export function schemaErrors(judge: SchemaJudge, document: unknown): SchemaError[] {
  return explain(judge, '', document, []);
}

function explain(
  judge: SchemaJudge,
  pointer: string,
  value: unknown,
  path: SchemaPath,
): SchemaError[] {
  const errors = judge.errorsAt(pointer, value);
  if (errors.length === 0) return [];
  const schema = judge.schemaAt(pointer);
  const messages =
    schema.$ref !== undefined
      ? explain(judge, refPointer(schema.$ref), value, path)
      : explainHere(judge, pointer, schema, value, path, errors);
  // ajv rejected the value, so something must be said even where no rule above applies.
  return messages.length > 0 ? messages : errors.flatMap((error) => plainMessage(error, path));
}

function explainHere(
  judge: SchemaJudge,
  pointer: string,
  schema: JsonSchema,
  value: unknown,
  path: SchemaPath,
  errors: SchemaErrorObject[],
): SchemaError[] {
  const alternatives = schema.anyOf ? 'anyOf' : schema.oneOf ? 'oneOf' : undefined;
  if (alternatives) {
    const branches = explainBranches(judge, pointer, alternatives, value, path);
    if (branches) return branches;
  }
  const ownErrors = unwrap(errors).filter((error) => error.instancePath === '');
  const find = (keyword: string) => ownErrors.find((error) => error.keyword === keyword);
  const messages: SchemaError[] = [];
  const custom = customMessage(schema, errors, value);
  const here = (message: string) => messages.push({ path, message: custom ?? message });
  if (find('type')) {
    here(`must be ${describeTypes(schema.type ?? [])}, not ${describeValue(value)}`);
    return messages;
  }
  if (find('enum')) {
    const options = (schema.enum ?? []).map((option) => JSON.stringify(option)).join(', ');
    here(`must be one of ${options}, not ${JSON.stringify(value)}`);
    return messages;
  }
  const minLength = find('minLength');
  if (minLength) {
    const limit = Number(minLength.params.limit);
    here(limit === 1 ? 'must not be empty' : `must be at least ${limit} characters long`);
  } else if (find('pattern'))
    here(`${JSON.stringify(value)} does not match ${String(schema.pattern)}`);
  const minimum = find('minimum');
  if (minimum) here(`must be at least ${minimum.params.limit}, not ${String(value)}`);
  const maximum = find('maximum');
  if (maximum) here(`must be at most ${maximum.params.limit}, not ${String(value)}`);
  const minItems = find('minItems');
  if (minItems) here(`must have at least ${minItems.params.limit} item(s)`);
  if (Array.isArray(value) && schema.items) {
    const items = pointerTo(pointer, 'items');
    value.forEach((item, index) => messages.push(...explain(judge, items, item, [...path, index])));
  }
  if (isObject(value))
    messages.push(...explainObject(judge, pointer, schema, value, path, ownErrors, here));
  return messages;
}

function explainObject(
  judge: SchemaJudge,
  pointer: string,
  schema: JsonSchema,
  value: Record<string, unknown>,
  path: SchemaPath,
  ownErrors: SchemaErrorObject[],
  here: (message: string) => void,
): SchemaError[] {
  const messages: SchemaError[] = [];
  const keys = Object.keys(value);
  const known = Object.keys(schema.properties ?? {});
  const find = (keyword: string) => ownErrors.filter((error) => error.keyword === keyword);
  for (const error of find('minProperties'))
    here(`must have at least ${error.params.limit} field(s); possible: ${known.join(', ')}`);
  for (const error of find('maxProperties'))
    here(`must have at most ${error.params.limit} field(s), has ${keys.join(', ')}`);
  for (const error of find('required'))
    messages.push({ path, message: `missing required field "${error.params.missingProperty}"` });
  const unknown = new Set(
    find('additionalProperties').map((error) => error.params.additionalProperty),
  );
  for (const key of keys) {
    if (schema.properties?.[key]) {
      messages.push(
        ...explain(judge, pointerTo(pointer, 'properties', key), value[key], [...path, key]),
      );
    } else if (unknown.has(key)) {
      messages.push({
        path: [...path, key],
        message: `unknown field "${key}"; known fields: ${known.join(', ')}`,
      });
    } else if (isObject(schema.additionalProperties)) {
      messages.push(
        ...explain(judge, pointerTo(pointer, 'additionalProperties'), value[key], [...path, key]),
      );
    }
  }
  return messages;
}

/**
 * Undefined when the branches alone do not explain the failure (some branch accepts the value
 * and another keyword of this schema rejects it). Otherwise: oneOf's "more than one" verdict,
 * or the errors of the branch the user meant, or what would have fitted.
 */
function explainBranches(
  judge: SchemaJudge,
  pointer: string,
  keyword: 'anyOf' | 'oneOf',
  value: unknown,
  path: SchemaPath,
): SchemaError[] | undefined {
  const schema = judge.schemaAt(pointer);
  const branches = (schema[keyword] ?? []).map((_, index) => {
    const branch = pointerTo(pointer, keyword, index);
    return { pointer: branch, errors: explain(judge, branch, value, path) };
  });
  const passing = branches.filter((branch) => branch.errors.length === 0);
  if (keyword === 'oneOf' && passing.length > 1) {
    const matched = passing.map((branch) => describeBranch(judge, branch.pointer)).join(' and ');
    return [{ path, message: `must match exactly one of its forms, but is ${matched}` }];
  }
  if (passing.length > 0) return undefined;
  const fitting = branches.filter((branch) => branchTypeFits(judge, branch.pointer, value));
  const custom = customMessage(schema, judge.errorsAt(pointer, value), value);
  if (fitting.length > 0) {
    const best = fitting.reduce((best, next) =>
      next.errors.length < best.errors.length ? next : best,
    );
    // A string outside a branch of fixed words ("unlimited") is as likely another form
    // mistyped (the string "2" for a number): the schema's own message names every form.
    const words = judge.schemaAt(best.pointer).enum !== undefined;
    return words && custom !== undefined ? [{ path, message: custom }] : best.errors;
  }
  const expected = branches.map((branch) => describeBranch(judge, branch.pointer)).join(' or ');
  return [{ path, message: custom ?? `must be ${expected}, not ${describeValue(value)}` }];
}

/** ajv-errors wraps the errors an `errorMessage` replaced; these are ajv's own errors again. */
function unwrap(errors: readonly SchemaErrorObject[]): SchemaErrorObject[] {
  return errors.flatMap((error) =>
    error.keyword === 'errorMessage'
      ? unwrap((error.params.errors ?? []) as SchemaErrorObject[])
      : [error],
  );
}

/** The `errorMessage` of the schema being explained, when one of its own checks failed. */
function customMessage(
  schema: JsonSchema,
  errors: readonly SchemaErrorObject[],
  value: unknown,
): string | undefined {
  const own = errors.find(
    (error) =>
      error.keyword === 'errorMessage' &&
      sameSchema(error.parentSchema, schema) &&
      error.instancePath === '' &&
      unwrap([error]).some(
        (wrapped) => wrapped.instancePath === '' && OWN_LEVEL_KEYWORDS.has(wrapped.keyword),
      ),
  );
  return own?.message?.replace(
    '{value}',
    typeof value === 'string' ? JSON.stringify(value) : describeValue(value),
  );
}

/**
 * Whether an error's subschema is `schema`. ajv compiled at run time hands back the schema
 * object itself; ajv's standalone code (generated/scenario-schema-explainer.ts) holds its own
 * copy of each subschema, equal in content and key order.
 */
function sameSchema(parentSchema: unknown, schema: JsonSchema): boolean {
  return (
    parentSchema === schema ||
    (typeof parentSchema === 'object' &&
      parentSchema !== null &&
      schemaText(parentSchema) === schemaText(schema))
  );
}

// Each subschema's JSON, written once: the same schemas (the root among them) are compared at
// every level of every invalid Scenario explained, and writing them again each time was about
// a quarter of compiling an invalid Scenario. Schemas are not changed once compiled.
const schemaTexts = new WeakMap<object, string>();

function schemaText(schema: object): string {
  let text = schemaTexts.get(schema);
  if (text === undefined) {
    text = JSON.stringify(schema);
    schemaTexts.set(schema, text);
  }
  return text;
}

// Checks whose message a schema's errorMessage replaces; a missing or unknown field keeps its
// own message, which names the field.
const OWN_LEVEL_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'enum',
  'minLength',
  'pattern',
  'minimum',
  'maximum',
  'minItems',
  'minProperties',
  'maxProperties',
  'anyOf',
  'oneOf',
]);

function plainMessage(error: SchemaErrorObject, path: SchemaPath): SchemaError[] {
  if (error.keyword === 'errorMessage')
    return unwrap([error]).flatMap((wrapped) => plainMessage(wrapped, path));
  const below = error.instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return [{ path: [...path, ...below], message: error.message ?? `fails ${error.keyword}` }];
}

function refPointer(ref: string): string {
  if (!ref.startsWith('#')) throw new Error(`schema: only local $refs are supported, got ${ref}`);
  return decodeURIComponent(ref.slice(1));
}

function resolved(judge: SchemaJudge, pointer: string): { pointer: string; schema: JsonSchema } {
  let current = pointer;
  let schema = judge.schemaAt(current);
  for (let depth = 0; schema.$ref !== undefined && depth < 32; depth++) {
    current = refPointer(schema.$ref);
    schema = judge.schemaAt(current);
  }
  return { pointer: current, schema };
}

function branchTypeFits(judge: SchemaJudge, pointer: string, value: unknown): boolean {
  const { pointer: at, schema } = resolved(judge, pointer);
  const keyword = schema.anyOf ? 'anyOf' : schema.oneOf ? 'oneOf' : undefined;
  if (keyword)
    return (schema[keyword] ?? []).some((_, index) =>
      branchTypeFits(judge, pointerTo(at, keyword, index), value),
    );
  return schema.type === undefined || typeMatches(schema.type, value);
}

function describeBranch(judge: SchemaJudge, pointer: string): string {
  const { pointer: at, schema } = resolved(judge, pointer);
  if (schema.description && schema.description.length < 60) {
    return (
      schema.description.charAt(0).toLowerCase() + schema.description.slice(1).replace(/\.$/, '')
    );
  }
  const keyword = schema.anyOf ? 'anyOf' : schema.oneOf ? 'oneOf' : undefined;
  if (keyword)
    return (schema[keyword] ?? [])
      .map((_, index) => describeBranch(judge, pointerTo(at, keyword, index)))
      .join(' or ');
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
