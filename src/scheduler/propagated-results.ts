// Propagated results (Tekton's PropagateResults, pkg/reconciler/pipelinerun/resources/apply.go):
// before it creates the TaskRun of a task with an embedded taskSpec, the PipelineRun controller
// writes into that spec the results of every task done so far (succeeded or failed, as
// GetTaskRunsResults reads them), so a step can say `$(tasks.build.results.digest)` without a
// param. A string result is `tasks.T.results.R`, an object gives `tasks.T.results.R.key` per
// key, an array (a matrixed task's results are arrays) is expanded where an argument is
// exactly the reference. A task with a taskRef gets nothing: its TaskRun names the Task.
import type { PropagatedResults } from '../model/taskrun.js';
import type { PlanTask } from '../plan/plan.js';
import { taskResultValue } from './lookup.js';
import type { RunState } from './state.js';

export function propagatedResultsFor(
  state: RunState,
  task: PlanTask,
): PropagatedResults | undefined {
  const spec = task.pipelineTask.taskSpec;
  // A custom task's spec (apiVersion and kind) is not a TaskSpec; nothing is written into it.
  if (!spec || task.opaque || spec.apiVersion || spec.kind) return undefined;
  // Nothing to write (no task has results yet), or nowhere to write it: the maps would only
  // be read through `$(tasks.…)` in the spec's own text.
  if (state.resultProducers.length === 0 || !specReadsTaskResults(task)) return undefined;
  const strings = new Map<string, string>();
  const arrays = new Map<string, readonly string[]>();
  for (const index of state.resultProducers) {
    const producer = state.plan.tasks[index];
    for (const name of resultNamesOf(state, index)) {
      const value = taskResultValue(state, producer.name, name);
      const key = `tasks.${producer.name}.results.${name}`;
      if (typeof value === 'string') strings.set(key, value);
      else if (Array.isArray(value)) arrays.set(key, value.map(String));
      else if (value && typeof value === 'object') {
        for (const [field, text] of Object.entries(value))
          strings.set(`${key}.${field}`, String(text));
      }
    }
  }
  return strings.size === 0 && arrays.size === 0 ? undefined : { strings, arrays };
}

// A Plan is immutable and shared by every seed, so whether a task's spec can read propagated
// results is found once per task.
const readsTaskResults = new WeakMap<PlanTask, boolean>();

function specReadsTaskResults(task: PlanTask): boolean {
  let reads = readsTaskResults.get(task);
  if (reads === undefined) {
    reads = JSON.stringify(task.pipelineTask.taskSpec).includes('$(tasks.');
    readsTaskResults.set(task, reads);
  }
  return reads;
}

/**
 * Called once a task is done (Succeeded or Failed): a task with results joins the producers
 * every later TaskRun reads, kept in task order. A pass over every task per TaskRun made a
 * 5,000-task chain cost 12.5 million task visits.
 */
export function recordResultProducer(state: RunState, index: number): void {
  if (resultNamesOf(state, index).length === 0) return;
  const producers = state.resultProducers;
  let position = producers.length;
  while (position > 0 && producers[position - 1] > index) position--;
  producers.splice(position, 0, index);
}

/** The names of the results a done task's TaskRuns wrote (or, unseen, are assumed to). */
export function resultNamesOf(state: RunState, index: number): string[] {
  const names = new Set<string>(state.plan.opaqueResultNames.get(index) ?? []);
  for (const run of state.taskRunsOf[index]) {
    for (const result of state.taskRuns[run]?.results ?? []) names.add(result.name);
  }
  return [...names].sort();
}
