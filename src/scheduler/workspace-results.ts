// Task results in a TaskRun's workspace bindings (v1.15.0 pkg/reconciler/pipelinerun/
// resources/apply.go): runNextSchedulableTask fills the PipelineRun's own bindings with the
// results of every task done so far, as strings (ApplyResultsToWorkspaceBindings over
// GetTaskRunsResults: a string result, or each key of an object; arrays are left); and
// ResolvePipelineTask fills a pipeline task's workspace subPaths with the results it resolved
// for that task (ApplyTaskResults), which are the ones its params, matrix, when and embedded
// steps read (PipelineTaskResultRefs): a result named only in a subPath is not resolved and
// stays as written. Neither makes the task depend on the producer.
import type { WorkspaceResults } from '../model/taskrun.js';
import type { PlanTask } from '../plan/plan.js';
import { bindingsReadResults } from '../plan/workspace-bindings.js';
import { taskResultValue } from './lookup.js';
import { resultNamesOf } from './propagated-results.js';
import type { RunState } from './state.js';

// A Plan is immutable and shared by every seed, so whether a task's bindings name results is
// found once per task.
const readsResults = new WeakMap<PlanTask, boolean>();

export function workspaceResultsFor(state: RunState, task: PlanTask): WorkspaceResults | undefined {
  let reads = readsResults.get(task);
  if (reads === undefined) {
    reads = bindingsReadResults(state.plan.runSpec, task.pipelineTask);
    readsResults.set(task, reads);
  }
  if (!reads) return undefined;
  const done = new Map<string, string>();
  for (const index of state.resultProducers) {
    const producer = state.plan.tasks[index];
    for (const name of resultNamesOf(state, index)) {
      const value = taskResultValue(state, producer.name, name);
      const key = `tasks.${producer.name}.results.${name}`;
      if (typeof value === 'string') done.set(key, value);
      else if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [field, text] of Object.entries(value))
          done.set(`${key}.${field}`, String(text));
      }
    }
  }
  const own = new Map<string, string>();
  for (const reference of task.resultReferences) {
    const prefix = `tasks.${reference.task}.results.${reference.result}`;
    for (const [key, value] of done)
      if (key === prefix || key.startsWith(`${prefix}.`)) own.set(key, value);
  }
  return { done, own };
}
