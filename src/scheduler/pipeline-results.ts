// Pipeline results, computed when the run is done (tekton-semantics 5.6): read from any
// terminal TaskRun; omitted when the producer did not succeed and did not write them; a
// succeeded producer that did not write a referenced result fails the run.
import { findVariableReferences, parseTaskResultReference } from '../tekton/references.js';
import { substituteParamValue, type SubstitutionContext } from '../tekton/substitute.js';
import type { ParamValue } from '../tekton/types.js';
import { taskResultValue } from './lookup.js';
import { TaskState, type RunState } from './state.js';
import type { RunResultValue } from '../model/status.js';

export function computePipelineResults(state: RunState): {
  values: RunResultValue[];
  missing: string[];
} {
  const values: RunResultValue[] = [];
  const missing: string[] = [];
  const context: SubstitutionContext = {
    taskResult: (task, result) => taskResultValue(state, task, result),
  };
  for (const result of state.plan.pipelineResults) {
    if (!result?.name) continue;
    const unresolved = unresolvedProducers(result.value, context, state);
    if (unresolved.length === 0) {
      values.push({ name: result.name, value: substituteParamValue(result.value, context) });
      continue;
    }
    // ApplyTaskResultsToPipelineResults appends the result's name once per bad reference,
    // and only where the producer succeeded: from a failed or skipped one, a missing value
    // quietly drops the result.
    for (const task of unresolved) {
      const index = state.plan.taskIndexByName.get(task);
      if (index !== undefined && state.taskState[index] === TaskState.Succeeded)
        missing.push(result.name);
    }
  }
  return { values, missing };
}

function unresolvedProducers(
  value: ParamValue,
  context: SubstitutionContext,
  state: RunState,
): string[] {
  const texts =
    typeof value === 'string' ? [value] : Array.isArray(value) ? value : Object.values(value ?? {});
  const producers: string[] = [];
  for (const text of texts) {
    for (const reference of findVariableReferences(String(text))) {
      const parsed = parseTaskResultReference(reference);
      if (!parsed) continue;
      if (taskResultValue(state, parsed.task, parsed.result) === undefined)
        producers.push(parsed.task);
      else if (substituteParamValue(reference.text, context) === reference.text)
        producers.push(parsed.task);
    }
  }
  return producers;
}
