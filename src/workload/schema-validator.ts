// ajv, compiled once per process, judges Scenario documents against the published schema:
// its verdict is the standard one, the same an editor's validator gives. ajv-errors makes the
// schema's `errorMessage` keyword known (ajv's strict mode rejects unknown keywords) and
// attaches those messages to ajv's errors. Any subschema can be judged on its own by its JSON
// pointer, which is how schema-messages.ts finds which branch of an anyOf the user meant.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvErrors from 'ajv-errors';
import { scenarioSchema, type JsonSchema } from './schema-file.js';

export type SchemaErrorObject = ErrorObject;

/** A schema compiled by ajv, judged whole or by the JSON pointer of any subschema. */
export interface SchemaJudge {
  /** ajv's errors for `value` against the subschema at `pointer` ('' for all); empty when valid. */
  errorsAt(pointer: string, value: unknown): SchemaErrorObject[];
  /** The subschema a pointer names, `$ref`s not followed. */
  schemaAt(pointer: string): JsonSchema;
}

export function compileSchema(schema: JsonSchema): SchemaJudge {
  const id = schema.$id;
  if (id === undefined) throw new Error('schema: the schema needs an $id to be judged by pointer');
  // allErrors: ajv-errors needs every error to choose messages from, and so do we. verbose:
  // each error carries the subschema object it came from, which tells a schema's own
  // errorMessage from a branch's. Strict, but the schema does use union types (a Kubernetes
  // quantity is a string or a number), which strict mode would otherwise refuse.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  ajvErrors.default(ajv);
  ajv.addSchema(schema);
  // Each subschema is compiled the first time it is asked about, and only then.
  const validators = new Map<string, ValidateFunction>();
  return {
    errorsAt(pointer, value) {
      let validate = validators.get(pointer);
      if (!validate) {
        validate = ajv.compile({ $ref: `${id}#${pointer}` });
        validators.set(pointer, validate);
      }
      return validate(value) ? [] : [...(validate.errors ?? [])];
    },
    schemaAt(pointer) {
      let node: unknown = schema;
      for (const part of pointer.split('/').slice(1))
        node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (node === undefined) throw new Error(`schema: ${pointer} points nowhere`);
      return node as JsonSchema;
    },
  };
}

let scenarioJudge: SchemaJudge | undefined;

/** The published Scenario schema, compiled once per process (or worker thread) on first use. */
export function scenarioSchemaJudge(): SchemaJudge {
  scenarioJudge ??= compileSchema(scenarioSchema());
  return scenarioJudge;
}

/** A pointer one level down: `pointerTo('/$defs/task', 'properties', 'steps')`. */
export function pointerTo(pointer: string, ...parts: (string | number)[]): string {
  return (
    pointer +
    parts.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
  );
}
