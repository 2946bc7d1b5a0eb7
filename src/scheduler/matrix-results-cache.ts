// Whether a matrixed task's results can be read by the pipeline's `spec.results` when the run
// ends (docs/semantics-disagreements.md 90).
//
// Tekton rebuilds every ResolvedPipelineTask at each reconcile, and a matrixed task's results
// live only in its ResultsCache, which GetTaskRunsResults reads (pipelinerunstate.go). The
// cache is built by createResultsCacheMatrixedTaskRuns when another task's result references
// are resolved against it (resultrefresolution.go findResultValuesForMatrix), never for the
// pipeline results themselves. In the reconcile that ends the run two resolutions do so:
// - resolvePipelineState (pipelinerun.go) resolves each task against the tasks resolved
//   before it: those with TaskRuns in spec order (tasks, then finally), then the others;
// - GetChildReferences (pipelinerunstate.go) resolves every done task (ran, or a skipped DAG
//   task) against all of them.
// convertToResultRefs reads a task's references in order (PipelineTaskResultRefs) and stops at
// the first one it cannot resolve (a task not in the state yet, not finished, or without the
// result), so only the references before it count. Without any such reader the matrixed
// task's results are "not written" to ApplyTaskResultsToPipelineResults.
import type { PlanResultReference, PlanTask } from '../plan/plan.js';
import { referenceResolves } from './lookup.js';
import { TaskState, type RunState } from './state.js';

export function matrixResultsCached(state: RunState, producer: number): boolean {
  for (const reader of state.plan.tasks) {
    const references = reader.resultReferences;
    if (!references.some((reference) => reference.producer === producer)) continue;
    const resolvedBefore = (index: number) => resolvedEarlier(state, index, reader.index);
    if (reachesProducer(state, references, producer, resolvedBefore)) return true;
    if (doneForChildReferences(state, reader) && reachesProducer(state, references, producer))
      return true;
  }
  return false;
}

/** resolvePipelineState's two passes: tasks with TaskRuns first, each pass in spec order. */
function resolvedEarlier(state: RunState, index: number, reader: number): boolean {
  const ran = state.taskRunsOf[index].length > 0;
  const readerRan = state.taskRunsOf[reader].length > 0;
  if (ran !== readerRan) return ran;
  return index < reader;
}

/** rpt.isDone: succeeded, failed, or a DAG task Skip() skips (a finally task is never skipped there). */
function doneForChildReferences(state: RunState, task: PlanTask): boolean {
  const taskState = state.taskState[task.index];
  if (taskState === TaskState.Succeeded || taskState === TaskState.Failed) return true;
  return taskState === TaskState.Skipped && task.index < state.plan.dagCount;
}

/** convertToResultRefs: does it reach a reference to `producer` before its first error? */
function reachesProducer(
  state: RunState,
  references: readonly PlanResultReference[],
  producer: number,
  inState: (index: number) => boolean = () => true,
): boolean {
  for (const reference of references) {
    if (reference.producer < 0 || !inState(reference.producer)) return false;
    const taskState = state.taskState[reference.producer];
    if (taskState !== TaskState.Succeeded && taskState !== TaskState.Failed) return false;
    // findResultValuesForMatrix builds the cache before it looks for the result's name.
    if (reference.producer === producer) return true;
    if (!referenceResolves(state, reference)) return false;
  }
  return false;
}
