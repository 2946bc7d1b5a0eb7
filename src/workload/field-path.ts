// Where in a Scenario document a problem is: the path of keys and indexes from the root,
// as the YAML loader locates it (file:line:column) and as messages print it.

export type SchemaPath = (string | number)[];

/** `spec.tasks.build.failure.probability`, `spec.expectations[2]`. */
export function fieldPath(path: SchemaPath): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`,
    )
    .join('');
}
