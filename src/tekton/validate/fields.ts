// The unknown-field lint: a field Tekton does not define is a warning, with the closest known
// name as a suggestion, because a real cluster would drop it without a word.
import { KNOWN_FIELDS, type KnownObject, V1BETA1_RESOURCES_OWNERS } from './known-fields.js';
import type { FieldPath, Reporter } from './report.js';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Warns about every key of `value` that `kind` does not define, except those in `skip`. */
export function checkUnknownFields(
  value: unknown,
  kind: KnownObject,
  path: FieldPath,
  reporter: Reporter,
  skip: readonly string[] = [],
): void {
  if (!isObject(value)) return;
  const known: readonly string[] = KNOWN_FIELDS[kind];
  for (const key of Object.keys(value)) {
    if (known.includes(key) || skip.includes(key)) continue;
    // v1beta1 knows `resources` there and refuses it (v1beta1-removed-fields.ts).
    if (key === 'resources' && reporter.isV1beta1 && V1BETA1_RESOURCES_OWNERS.has(kind)) continue;
    const suggestion = closestName(key, known);
    const message = suggestion
      ? `unknown field "${key}"; did you mean "${suggestion}"?`
      : `unknown field "${key}"`;
    reporter.warning(message, path.child(key));
  }
}

/** The same lint for every object of a list field, each with its indexed path. */
export function checkUnknownFieldsOfList(
  list: unknown,
  kind: KnownObject,
  path: FieldPath,
  reporter: Reporter,
): void {
  if (!Array.isArray(list)) return;
  list.forEach((item, position) => checkUnknownFields(item, kind, path.index(position), reporter));
}

/**
 * The known name nearest to `name` by edit distance (case-insensitive), if it is near enough
 * to be a plausible typo: at most 2 edits, or a third of the name for long names.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(best.length / 3));
  return bestDistance <= limit ? best : undefined;
}

/** Optimal string alignment distance: Levenshtein plus swapping two neighbouring letters. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[][] = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  for (let i = 0; i < rows; i++) table[i][0] = i;
  for (let j = 0; j < columns; j++) table[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      table[i][j] = Math.min(
        table[i - 1][j] + 1,
        table[i][j - 1] + 1,
        table[i - 1][j - 1] + substitution,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        table[i][j] = Math.min(table[i][j], table[i - 2][j - 2] + 1);
      }
    }
  }
  return table[rows - 1][columns - 1];
}
