// The Scenario JSON Schema shipped in the package (schema/scenario.schema.json), read once.
// The same file editors validate with, so the CLI and an editor judge a file alike.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The keywords of the schema that messages are built from; ajv reads the rest. */
export interface JsonSchema {
  $id?: string;
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  errorMessage?: string;
  description?: string;
  [keyword: string]: unknown;
}

let schema: JsonSchema | undefined;

export function scenarioSchema(): JsonSchema {
  schema ??= JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../schema/scenario.schema.json', import.meta.url)),
      'utf8',
    ),
  ) as JsonSchema;
  return schema;
}
