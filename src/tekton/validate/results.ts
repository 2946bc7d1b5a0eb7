// Pipeline results (`spec.results[i].value`) must be built from task result references to
// tasks that exist (`$(tasks.X.results.R)` for DAG tasks, `$(finally.F.results.R)`).
import type { PipelineResult, PipelineTask } from '../types.js';
import {
  expressionsOfValue,
  looksLikeContainsResultRefs,
  looksLikeResultRef,
  resultRefsOf,
} from './expressions.js';
import type { FieldPath, Reporter } from './report.js';

const EXPECTED = 'invalid value: expected pipeline results to be task result expressions but';

export function validatePipelineResults(
  results: readonly PipelineResult[],
  tasks: readonly PipelineTask[],
  finallyTasks: readonly PipelineTask[],
  specPath: FieldPath,
  reporter: Reporter,
): void {
  const dagNames = new Set(tasks.map((task) => String(task?.name ?? '')));
  const finallyNames = new Set(finallyTasks.map((task) => String(task?.name ?? '')));
  results.forEach((result, position) => {
    const valuePath = specPath.child('results').index(position).child('value');
    const expressions = expressionsOfValue(result?.value);
    if (expressions.length === 0) {
      reporter.error(`${EXPECTED} no expressions were found`, valuePath);
    }
    if (!looksLikeContainsResultRefs(expressions)) {
      reporter.error(`${EXPECTED} an invalid expressions was found`, valuePath);
    }
    const candidates = expressions.filter(looksLikeResultRef);
    const parsed = resultRefsOf(candidates);
    if (parsed.length !== candidates.length) {
      // Go prints the parsed references as pointers; we print what they were parsed from.
      const parsedTexts = parsed.map((reference) => reference.text.slice(2, -1));
      reporter.error(
        `invalid value: expected all of the expressions [${candidates.join(' ')}] to be result expressions but only [${parsedTexts.join(' ')}] were`,
        valuePath,
      );
    }
    const text = typeof result?.value === 'string' ? result.value : '';
    if (!referencesExistingTasks(text, dagNames, finallyNames)) {
      reporter.error('invalid value: referencing a nonexistent task', valuePath);
    }
  });
}

/**
 * Tekton's taskContainsResult: split the value at every `$` and parse each piece as a result
 * expression. Literal text before the first `$(` therefore fails too (`v-$(tasks.a.results.x)`
 * is "referencing a nonexistent task" in Tekton), and we reproduce that.
 */
function referencesExistingTasks(
  value: string,
  dagNames: ReadonlySet<string>,
  finallyNames: ReadonlySet<string>,
): boolean {
  for (const piece of value.split('$')) {
    if (piece === '') continue;
    const expression = stripReference(`$${piece}`);
    const task = taskOfResultExpression(expression);
    if (task === undefined) return false;
    if (expression.startsWith('tasks') && !dagNames.has(task)) return false;
    if (expression.startsWith('finally') && !finallyNames.has(task)) return false;
  }
  return true;
}

function stripReference(text: string): string {
  let stripped = text.startsWith('$(') ? text.slice(2) : text;
  if (stripped.endsWith(')')) stripped = stripped.slice(0, -1);
  return stripped;
}

/** The task of `tasks.T.results.R[...]` or `tasks.T.results.R.key`, as Tekton's parser reads it. */
function taskOfResultExpression(expression: string): string | undefined {
  if (!looksLikeResultRef(expression)) return undefined;
  const parts = expression.split('.');
  return parts.length === 4 || parts.length === 5 ? parts[1] : undefined;
}
