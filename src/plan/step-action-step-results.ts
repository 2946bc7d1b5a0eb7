// Step 5 of Tekton's applyStepActionParameters (`replacementsFromStepResults`,
// pkg/reconciler/taskrun/resources/apply.go): a StepAction param the step gives as an earlier
// step's result (`$(steps.S.results.R)`, `R[*]`) is not a value yet, so its references are
// rewritten to that result's, for the entrypoint to fill in when the step starts: an object
// param's `$(params.p.k)` to `$(steps.S.results.R.k)` for each declared property, an array's
// `$(params.p[*])` to `$(steps.S.results.R[*])` and `$(params.p[i])` to `...R[i]`, and a
// string's `$(params.p)` to the value as given.
import type { ParamSpec, ParamValue } from '../tekton/types.js';

/** resultref.ParseStepExpression over the text inside `$(...)`. */
const STEP_EXPRESSION = /^steps\.([^.]+)\.results\.([^.[\]]+)(?:\[(?:\*|\d+)\]|\.[^.[\]]+)?$/;

/** The `params.…` keys to rewrite, with what each becomes. */
export function stepResultReplacements(
  given: readonly { name: string; value: ParamValue }[],
  declared: readonly ParamSpec[],
  /** The StepAction's command, args and env values: where indexes are looked for. */
  texts: readonly string[],
): Map<string, string> {
  const replacements = new Map<string, string>();
  for (const param of given) {
    if (typeof param.value !== 'string' || !param.value.startsWith('$(steps.')) continue;
    const parsed = STEP_EXPRESSION.exec(param.value.replace(/^\$\(/, '').replace(/\)$/, ''));
    const spec = declared.find((entry) => entry.name === param.name);
    if (!parsed || !spec) continue;
    const [, step, result] = parsed;
    const keys = [`params.${spec.name}`, `params["${spec.name}"]`, `params['${spec.name}']`];
    if (spec.type === 'object') {
      for (const property of Object.keys(spec.properties ?? {}))
        replacements.set(
          `params.${spec.name}.${property}`,
          `$(steps.${step}.results.${result}.${property})`,
        );
    } else if (spec.type === 'array') {
      for (const key of keys)
        replacements.set(`${key}[*]`, `$(steps.${step}.results.${result}[*])`);
      // replacementsArrayIdxStepResults: the indexes the command, args and env use.
      for (const text of texts)
        for (const key of keys)
          for (const [, index] of text.matchAll(
            new RegExp(`\\$\\(${escapeRegExp(key)}\\[(\\d+)\\]\\)`, 'g'),
          ))
            replacements.set(`${key}[${index}]`, `$(steps.${step}.results.${result}[${index}])`);
    } else {
      for (const key of keys) replacements.set(key, param.value);
    }
  }
  return replacements;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
