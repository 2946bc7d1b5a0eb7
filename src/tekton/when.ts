// Evaluating a task's `when` expressions (tekton-semantics 2.5), as Tekton's WhenExpressions
// AllowsExecution after applying replacements: every expression is substituted and evaluated
// (so `resolved` lists them all, as status.skippedTasks shows them), and all are ANDed.
import { CelError, compileCel } from '../cel/index.js';
import { substituteParamValue, substituteString, type SubstitutionContext } from './substitute.js';
import type { WhenExpression } from './types.js';

export interface WhenOutcome {
  passed: boolean;
  /** The expressions after substitution, as Tekton shows them in status.skippedTasks. */
  resolved: WhenExpression[];
}

/** Throws CelError when a CEL entry does not compile, fails at run time, or is not a bool. */
export function evaluateWhenExpressions(
  expressions: readonly WhenExpression[] | undefined,
  context: SubstitutionContext,
): WhenOutcome {
  const resolved: WhenExpression[] = [];
  let passed = true;
  for (const expression of expressions ?? []) {
    if (!expression) continue;
    const substituted = resolveWhenExpression(expression, context);
    resolved.push(substituted);
    if (!whenExpressionHolds(substituted)) passed = false;
  }
  return { passed, resolved };
}

function resolveWhenExpression(
  expression: WhenExpression,
  context: SubstitutionContext,
): WhenExpression {
  const resolved: WhenExpression = {};
  if (typeof expression.input === 'string')
    resolved.input = substituteString(expression.input, context);
  if (expression.operator !== undefined) resolved.operator = expression.operator;
  if (Array.isArray(expression.values)) {
    // An element that is exactly an array reference expands, as in an array param.
    resolved.values = substituteParamValue(expression.values, context) as string[];
  }
  if (typeof expression.cel === 'string') resolved.cel = substituteString(expression.cel, context);
  return resolved;
}

/**
 * As Tekton: `in` is membership by exact string comparison and any other operator (validation
 * admits only `notin`) its negation, so a pure CEL entry passes that part; a non-empty CEL must
 * also be true. A step's `when` is judged the same way by its entrypoint (allowExec,
 * StepWhenExpressions.AllowsExecution).
 */
export function whenExpressionHolds(expression: WhenExpression): boolean {
  const celPassed = expression.cel ? evaluateCel(expression.cel) : true;
  const isIn = (expression.values ?? []).includes(expression.input ?? '');
  return celPassed && (expression.operator === 'in' ? isIn : !isIn);
}

function evaluateCel(source: string): boolean {
  const value = compileCel(source).evaluate();
  if (typeof value !== 'boolean') {
    throw new CelError('runtime', `The CEL expression ${source} is not evaluated to a boolean`);
  }
  return value;
}
