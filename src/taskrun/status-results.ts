// status.results of an attempt, in the order Tekton v1.15.0 writes them. MakeTaskRunStatus
// reads each step's termination message in container order
// (setTaskRunStatusBasedOnStepStatus); the entrypoint puts there every declared result on
// disk when the step ends, and termination.ParseMessage sorts a message by key; the Task
// results a step's own results make (createTaskResultsFromStepResults) follow that step's.
// removeDuplicateResults then keeps each name where it first appeared, with its last value.
// So a result sits by the step that first wrote it, then by name.
import type { AttemptOutcome } from '../model/attempt-outcome.js';
import type { RunResultValue } from '../model/status.js';
import { typedResultValue } from '../tekton/result-value.js';
import type { TaskSpec } from '../tekton/types.js';

interface Written {
  value: string;
  /** The step whose message first carries it; drawn results are read at the end. */
  step: number;
  fromStepResult: boolean;
}

/** Results written by `elapsedMs` into the attempt, typed as the task declares them. */
export function statusResults(
  spec: TaskSpec | undefined,
  outcome: AttemptOutcome,
  elapsedMs: number,
): RunResultValue[] {
  // Where a step's message passed its limit, what each message kept.
  const source = outcome.shownResults ?? outcome.results;
  if (source.length === 0) return [];
  const byName = new Map<string, Written>();
  for (const result of source) {
    if (result.atMs > elapsedMs) continue;
    const first = byName.get(result.name);
    if (first) first.value = result.value;
    else
      byName.set(result.name, {
        value: result.value,
        step: result.step ?? Number.MAX_SAFE_INTEGER,
        fromStepResult: result.fromStepResult === true,
      });
  }
  const ordered = [...byName].sort(([nameA, a], [nameB, b]) => {
    if (a.step !== b.step) return a.step - b.step;
    if (a.fromStepResult !== b.fromStepResult) return a.fromStepResult ? 1 : -1;
    return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
  });
  return ordered.map(([name, written]) => ({
    name,
    value: typedResultValue(spec, name, written.value),
  }));
}
