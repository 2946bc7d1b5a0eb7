// ajv, compiled once per process, judges Scenario documents against the published schema:
// its verdict is the standard one, the same an editor's validator gives. ajv-errors makes the
// schema's `errorMessage` keyword known (ajv's strict mode rejects unknown keywords) and
// attaches those messages to ajv's errors. Any subschema can be judged on its own by its JSON
// pointer, which is how schema-messages.ts finds which branch of an anyOf the user meant.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvErrors from 'ajv-errors';
import { scenarioSchema, type JsonSchema } from './schema-file.js';

export type SchemaErrorObject = ErrorObject;

interface Compiled {
  ajv: Ajv2020;
  id: string;
  validators: Map<string, ValidateFunction>;
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  const schema = scenarioSchema();
  if (schema.$id === undefined) throw new Error('schema/scenario.schema.json has no $id');
  // allErrors: ajv-errors needs every error to choose messages from, and so do we. verbose:
  // each error carries the subschema object it came from, which tells a schema's own
  // errorMessage from a branch's. Strict, but the schema does use union types (a Kubernetes
  // quantity is a string or a number), which strict mode would otherwise refuse.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  ajvErrors.default(ajv);
  ajv.addSchema(schema);
  return { ajv, id: schema.$id, validators: new Map() };
}

/** The validator of the subschema at `pointer` ('' for the whole schema), compiled on first use. */
export function validatorAt(pointer: string): ValidateFunction {
  compiled ??= compile();
  let validate = compiled.validators.get(pointer);
  if (!validate) {
    validate = compiled.ajv.compile({ $ref: `${compiled.id}#${pointer}` });
    compiled.validators.set(pointer, validate);
  }
  return validate;
}

/** ajv's errors for `value` against the subschema at `pointer`; empty when it is valid. */
export function schemaErrorsAt(pointer: string, value: unknown): SchemaErrorObject[] {
  const validate = validatorAt(pointer);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** The subschema a pointer names, `$ref`s not followed. */
export function schemaAt(pointer: string): JsonSchema {
  let node: unknown = scenarioSchema();
  for (const part of pointer.split('/').slice(1))
    node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new Error(`schema: ${pointer} points nowhere`);
  return node as JsonSchema;
}

/** A pointer one level down: `pointerTo('/$defs/task', 'properties', 'steps')`. */
export function pointerTo(pointer: string, ...parts: (string | number)[]): string {
  return (
    pointer +
    parts.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
  );
}
