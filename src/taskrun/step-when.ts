// A step's own `when` expressions, as its entrypoint judges them (pkg/entrypoint/entrypointer.go
// Go, allowExec): the controller fills in params and context like any step field
// (container.applyStepReplacements), the entrypoint fills in earlier steps' results
// (replaceWhen), then evaluates each CEL entry with no variables and ANDs the expressions
// (StepWhenExpressions.AllowsExecution). A false one skips the step: it exits 0 with
// terminationReason Skipped and writes its post file, so the steps after it run. A CEL entry
// that does not compile or is not a bool is an error: the step exits 1 and the next ones
// are skipped, as after any failed step.
import { CelError } from '../cel/index.js';
import type { AttemptOutcome, StepRunOutcome } from '../model/attempt-outcome.js';
import type { WhenExpression } from '../model/tekton-types.js';
import { substituteParamValue, type SubstitutionContext } from '../tekton/substitute.js';
import { whenExpressionHolds } from '../tekton/when.js';

export type StepWhenVerdict = 'run' | 'skip' | 'error';

export function stepWhenVerdict(
  when: readonly WhenExpression[] | undefined,
  context: SubstitutionContext,
  fill: (text: string) => string,
): StepWhenVerdict {
  if (!when || when.length === 0) return 'run';
  const resolved: WhenExpression[] = [];
  for (const expression of when) {
    if (!expression) continue;
    const filled: WhenExpression = { operator: expression.operator };
    if (typeof expression.input === 'string') filled.input = fill(expression.input);
    if (Array.isArray(expression.values))
      filled.values = (substituteParamValue(expression.values, context) as string[]).map((value) =>
        fill(String(value)),
      );
    if (typeof expression.cel === 'string') filled.cel = fill(expression.cel);
    resolved.push(filled);
  }
  // allowExec evaluates the CEL entries first, in order, stopping at the first false one.
  try {
    for (const expression of resolved)
      if (expression.cel && !whenExpressionHolds({ cel: expression.cel })) return 'skip';
  } catch (error) {
    if (error instanceof CelError) return 'error';
    throw error;
  }
  return resolved.every(whenExpressionHolds) ? 'run' : 'skip';
}

/**
 * What a verdict other than 'run' leaves in the attempt, the step's entry pushed on `steps`:
 * 'skipped' when the step was skipped (the next steps run), the attempt's outcome when the
 * step's error ends it; undefined when the step is to run.
 */
export function endOfStepByWhen(
  verdict: StepWhenVerdict,
  elapsedMs: number,
  containerName: string,
  results: AttemptOutcome['results'],
  steps: StepRunOutcome[],
): 'skipped' | AttemptOutcome | undefined {
  if (verdict === 'run') return undefined;
  if (verdict === 'skip') {
    steps.push({ endMs: elapsedMs, exitCode: 0, skipped: true });
    return 'skipped';
  }
  steps.push({ endMs: elapsedMs, exitCode: 1 });
  return { durationMs: elapsedMs, exitCode: 1, failedContainer: containerName, results, steps };
}
