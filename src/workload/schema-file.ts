// The Scenario JSON Schema shipped in the package (schema/scenario.schema.json), read once.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from './json-schema.js';

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
