// `when` expressions (Tekton's when_validation.go), and the `runIf` extension that some seed
// documents use in place of `when: [{cel: ...}]`.
import type { PipelineTask, WhenExpression } from '../types.js';
import { celCompileError } from './cel.js';
import { asArray } from './expressions.js';
import type { ResolvedValidationOptions } from './options.js';
import type { FieldPath, Reporter } from './report.js';

const VALID_OPERATORS = ['in', 'notin'];

export function validateWhenExpressions(
  when: unknown,
  whenPath: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  asArray(when as WhenExpression[] | undefined).forEach((expression, position) =>
    validateWhenExpression(expression ?? {}, whenPath.index(position), reporter, options),
  );
}

function validateWhenExpression(
  expression: WhenExpression,
  path: FieldPath,
  reporter: Reporter,
  options: ResolvedValidationOptions,
): void {
  const cel = stringField(expression.cel);
  const input = stringField(expression.input);
  const operator = stringField(expression.operator);
  const values = asArray(expression.values);
  if (cel !== '') {
    if (!options.enableCelInWhenExpression) {
      reporter.error(
        `feature flag enable-cel-in-whenexpression should be set to true to use CEL: ${cel} in WhenExpression`,
        path,
      );
      return;
    }
    if (input !== '' || operator !== '' || values.length > 0) {
      // Tekton attaches no field path to this one; we still point at the entry.
      reporter.error(
        `cel and input+operator+values cannot be set in one WhenExpression: ${goFormat(expression)}`,
        [],
        path,
      );
      return;
    }
    const problem = celCompileError(cel);
    if (problem !== undefined) {
      // when_validation.go calls apis.ErrGeneric("invalid cel expression: %s with err: %s",
      // we.CEL, err): ErrGeneric does not format, so the message keeps its verbs and the
      // expression and the error become the FieldError's paths, under the entry's path and
      // sorted, as knative prints them.
      const paths = [cel, problem]
        .map((text) => path.spelled(knativeFlatten(`${path.text}.${text}`)))
        .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      reporter.error('invalid cel expression: %s with err: %s', paths, path);
    }
    return;
  }
  if (input === '' && operator === '' && values.length === 0) {
    reporter.error('missing field(s)', path);
    return;
  }
  if (!VALID_OPERATORS.includes(operator)) {
    reporter.error(
      `invalid value: operator "${operator}" is not recognized. valid operators: ${VALID_OPERATORS.join(',')}`,
      path,
    );
    return;
  }
  if (values.length === 0) {
    reporter.error('invalid value: expecting non-empty values field', path);
  }
}

/** Go's `%v` of a *WhenExpression, which Tekton prints in the mixed-CEL message. */
function goFormat(expression: WhenExpression): string {
  const values = asArray(expression.values).map(String).join(' ');
  const fields = [stringField(expression.input), stringField(expression.operator), `[${values}]`];
  return `&{${fields.join(' ')} ${stringField(expression.cel)}}`;
}

function stringField(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/**
 * `runIf`: not Tekton, accepted with a warning; every entry must be CEL that compiles, since
 * the simulator evaluates each like a `when: [{cel: ...}]` entry.
 */
export function validateRunIf(task: PipelineTask, taskPath: FieldPath, reporter: Reporter): void {
  if (task.runIf === undefined) return;
  const runIfPath = taskPath.child('runIf');
  reporter.warning("not a Tekton field; Tekton's equivalent is `when`", runIfPath);
  if (!Array.isArray(task.runIf)) {
    reporter.error('invalid value: runIf must be a list of CEL expressions', runIfPath);
    return;
  }
  task.runIf.forEach((entry, position) => {
    const source = typeof entry === 'string' ? entry : JSON.stringify(entry);
    const problem = typeof entry === 'string' ? celCompileError(entry) : 'not a string';
    if (problem !== undefined) {
      reporter.error(
        `invalid cel expression: ${source} with err: ${problem}`,
        runIfPath.index(position),
      );
    }
  });
}

/**
 * knative's flatten for FieldError paths: split at dots, drop empty parts, and glue a part
 * that is an index (`[...]`) to the one before it.
 */
function knativeFlatten(text: string): string {
  const parts: string[] = [];
  for (const part of text.split('.')) {
    if (part === '') continue;
    if (parts.length > 0 && part.startsWith('[') && part.endsWith(']')) {
      parts[parts.length - 1] += part;
    } else {
      parts.push(part);
    }
  }
  return parts.join('.');
}
