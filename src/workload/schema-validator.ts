// ajv, compiled once per process, judges Scenario documents against the published schema:
// its verdict is the standard one, the same an editor's validator gives. ajv-errors makes the
// schema's `errorMessage` keyword known (ajv's strict mode rejects unknown keywords) and
// attaches those messages to ajv's errors. Any subschema can be judged on its own by its JSON
// pointer, which is how schema-messages.ts finds which branch of an anyOf the user meant.
//
// For the published Scenario schema nothing is compiled at run time, since that cost 0.2-0.5 s
// of CPU in every process and worker thread: whether a document is valid is answered by the
// schema compiled ahead of time (generated/scenario-schema-verdict.ts), and an invalid one is
// explained by its subschemas compiled ahead of time with the options below
// (generated/scenario-schema-explainer.ts, both by scripts/build-schema-verdict.mjs). ajv
// itself is loaded only for another schema (the tests' own) or a pointer not precompiled.
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { validatorsByPointer as precompiledValidators } from './generated/scenario-schema-explainer.js';
import { validate as precompiledVerdict } from './generated/scenario-schema-verdict.js';
import { scenarioSchema, type JsonSchema } from './schema-file.js';

type AjvModule = typeof import('ajv/dist/2020.js');
type AjvErrorsModule = typeof import('ajv-errors');

export type SchemaErrorObject = ErrorObject;

/** A schema compiled by ajv, judged whole or by the JSON pointer of any subschema. */
export interface SchemaJudge {
  /** ajv's errors for `value` against the subschema at `pointer` ('' for all); empty when valid. */
  errorsAt(pointer: string, value: unknown): SchemaErrorObject[];
  /** The subschema a pointer names, `$ref`s not followed. */
  schemaAt(pointer: string): JsonSchema;
}

/**
 * `verdict`, when given, is the same schema compiled ahead of time: a document it accepts is
 * valid without compiling anything here. `precompiled`, when given, gives the same schema's
 * subschemas compiled ahead of time with the options below, by JSON pointer; a pointer it
 * holds is judged without compiling anything here.
 */
export function compileSchema(
  schema: JsonSchema,
  verdict?: (value: unknown) => boolean,
  precompiled?: () => Readonly<Record<string, ValidateFunction>>,
): SchemaJudge {
  const id = schema.$id;
  if (id === undefined) throw new Error('schema: the schema needs an $id to be judged by pointer');
  // allErrors: ajv-errors needs every error to choose messages from, and so do we. verbose:
  // each error carries the subschema object it came from, which tells a schema's own
  // errorMessage from a branch's. Strict, but the schema does use union types (a Kubernetes
  // quantity is a string or a number), which strict mode would otherwise refuse.
  let ajv: InstanceType<AjvModule['Ajv2020']> | undefined;
  const compile = (pointer: string): ValidateFunction => {
    if (!ajv) {
      const require = createRequire(import.meta.url);
      const { Ajv2020 } = require('ajv/dist/2020.js') as AjvModule;
      const ajvErrors = require('ajv-errors') as AjvErrorsModule;
      ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
      ajvErrors.default(ajv);
      ajv.addSchema(schema);
    }
    return ajv.compile({ $ref: `${id}#${pointer}` });
  };
  // Each subschema is compiled the first time it is asked about, and only then.
  const validators = new Map<string, ValidateFunction>();
  return {
    errorsAt(pointer, value) {
      if (pointer === '' && verdict?.(value) === true) return [];
      let validate = validators.get(pointer);
      if (!validate) {
        const ahead = precompiled?.();
        validate = ahead && Object.hasOwn(ahead, pointer) ? ahead[pointer] : compile(pointer);
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
  // The generated modules are built from the schema file read here; a test fails when they
  // are stale (test/workload/scenario-schema-agreement.test.ts).
  scenarioJudge ??= compileSchema(
    scenarioSchema(),
    (value) => precompiledVerdict(value) === true,
    precompiledValidators as () => Record<string, ValidateFunction>,
  );
  return scenarioJudge;
}

/** A pointer one level down: `pointerTo('/$defs/task', 'properties', 'steps')`. */
export function pointerTo(pointer: string, ...parts: (string | number)[]): string {
  return (
    pointer +
    parts.map((part) => `/${String(part).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
  );
}
