// The small pieces every kubectl-shaped object is built from: keys in Go's struct order,
// Go's `omitempty`, and Go's sorted map keys.

export type JsonObject = { [key: string]: unknown };

/** An object with keys in the order given, leaving out undefined values. */
export function fields(entries: [string, unknown][]): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of entries) if (value !== undefined) result[key] = value;
  return result;
}

/** What Go's `omitempty` drops: "", 0, false, and empty lists and maps. */
export function omitEmpty<T>(value: T | undefined): T | undefined {
  if (value === undefined || value === null || value === '' || value === 0 || value === false)
    return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value as object).length === 0
  ) {
    return undefined;
  }
  return value;
}

/**
 * A copy of `input` with the keys Go's struct declares in its order, then any other keys in
 * input order; `replace` gives a key's value instead of a deep copy of the input's.
 */
export function inGoOrder(
  input: Record<string, unknown>,
  order: readonly string[],
  replace: Record<string, unknown> = {},
): JsonObject {
  const keys = [
    ...order.filter((key) => key in input || key in replace),
    ...Object.keys(input).filter((key) => !order.includes(key)),
  ];
  return fields(
    keys.map((key) => [key, key in replace ? replace[key] : structuredClone(input[key])]),
  );
}

/**
 * Go's encoding/json writes map keys sorted; labels and annotations are maps. Their keys are
 * ASCII by Kubernetes' validation, so JavaScript's default sort gives Go's byte order.
 */
export function sortedRecord(record: Record<string, string>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key];
  return sorted;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
