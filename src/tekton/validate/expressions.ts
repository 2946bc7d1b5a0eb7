// Tekton's view of the `$(...)` expressions inside params and when expressions, as its
// validation code sees them: the text between `$(` and `)`, classified by shape. The
// classifications deliberately copy Tekton's loose tests (e.g. "looks like a result
// reference"), because several webhook rules are skipped or triggered by exactly those tests.
import {
  parseTaskResultReference,
  stringsOfValue,
  type TaskResultReference,
} from '../references.js';
import type { ParamValue, WhenExpression } from '../types.js';

// The references Tekton's validation sees (its variableSubstitutionFormat): dotted names with
// an optional `[i]` or `[*]`. Shell command substitutions such as `$(git rev-parse HEAD)` do
// not match, so a param that carries a script is not mistaken for a broken reference.
const TEKTON_REFERENCE = /\$\([_a-zA-Z0-9.-]+(?:\.[_a-zA-Z0-9.-]+)*(?:\[(?:[0-9]+|\*)\])?\)/g;

/** Every `$(...)` reference Tekton's validation would find in `text`, as written. */
export function referencesIn(text: string): string[] {
  if (!text.includes('$(')) return [];
  return [...text.matchAll(TEKTON_REFERENCE)].map((match) => match[0]);
}

/** Every expression (text inside `$(...)`) in the strings given, in order. */
export function expressionsIn(strings: readonly string[]): string[] {
  return strings.flatMap((text) => referencesIn(text).map((reference) => reference.slice(2, -1)));
}

export function expressionsOfValue(value: ParamValue | undefined): string[] {
  return expressionsIn(stringsOfValue(value));
}

/** Input, values and cel of one when expression, as Tekton's GetVarSubstitutionExpressions. */
export function expressionsOfWhen(expression: WhenExpression | undefined): string[] {
  if (!expression) return [];
  const strings: string[] = [];
  if (typeof expression.input === 'string') strings.push(expression.input);
  if (typeof expression.cel === 'string') strings.push(expression.cel);
  for (const value of asArray(expression.values))
    if (typeof value === 'string') strings.push(value);
  return expressionsIn(strings);
}

/** `tasks.<t>.results.<r>…` or `finally.<t>.results.<r>…`, by Tekton's four-part test. */
export function looksLikeResultRef(expression: string): boolean {
  const parts = expression.split('.');
  return (
    parts.length >= 4 && (parts[0] === 'tasks' || parts[0] === 'finally') && parts[2] === 'results'
  );
}

export function looksLikeContainsResultRefs(expressions: readonly string[]): boolean {
  return expressions.some(looksLikeResultRef);
}

/** The expressions that parse as task result references (Tekton's NewResultRefs). */
export function resultRefsOf(expressions: readonly string[]): TaskResultReference[] {
  const found: TaskResultReference[] = [];
  for (const expression of expressions) {
    const parsed = parseTaskResultReference({ text: `$(${expression})`, expression, start: 0 });
    if (parsed) found.push(parsed);
  }
  return found;
}

/** `tasks.X.status`, `tasks.X.reason` or `tasks.status`, by Tekton's prefix/suffix test. */
export function containsExecutionStatusRef(expression: string): boolean {
  return (
    expression.startsWith('tasks.') &&
    (expression.endsWith('.status') || expression.endsWith('.reason'))
  );
}

/** A YAML field that should be a list, as a list (anything else counts as empty). */
export function asArray<T>(value: readonly T[] | undefined | null): readonly T[] {
  return Array.isArray(value) ? value : [];
}
