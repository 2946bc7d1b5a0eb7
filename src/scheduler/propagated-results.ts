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
import { TaskState, type RunState } from './state.js';

export function propagatedResultsFor(
  state: RunState,
  task: PlanTask,
): PropagatedResults | undefined {
  const spec = task.pipelineTask.taskSpec;
  // A custom task's spec (apiVersion and kind) is not a TaskSpec; nothing is written into it.
  if (!spec || task.opaque || spec.apiVersion || spec.kind) return undefined;
  const strings = new Map<string, string>();
  const arrays = new Map<string, readonly string[]>();
  state.plan.tasks.forEach((producer, index) => {
    const taskState = state.taskState[index];
    if (taskState !== TaskState.Succeeded && taskState !== TaskState.Failed) return;
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
  });
  return strings.size === 0 && arrays.size === 0 ? undefined : { strings, arrays };
}

/** The names of the results a done task's TaskRuns wrote (or, unseen, are assumed to). */
function resultNamesOf(state: RunState, index: number): string[] {
  const names = new Set<string>(state.plan.opaqueResultNames.get(index) ?? []);
  for (const run of state.taskRunsOf[index]) {
    for (const result of state.taskRuns[run]?.results ?? []) names.add(result.name);
  }
  return [...names].sort();
}
